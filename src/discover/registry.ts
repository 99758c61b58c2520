import {defineRegistry} from '../core/registry.js'
import {discoverer as helmChart} from './formats/helm-chart/index.js'
import {discoverer as helmValues} from './formats/helm-values/index.js'
import {discoverer as k8sJson} from './formats/k8s-json/index.js'
import {discoverer as k8sManifest} from './formats/k8s-manifest/index.js'
import {discoverer as kustomization} from './formats/kustomization/index.js'
import {discoverer as helmfile} from './formats/helmfile/index.js'
import {discoverer as argocdSource} from './formats/argocd-source/index.js'
import {discoverer as skaffold} from './formats/skaffold/index.js'
import {discoverer as tiltfile} from './formats/tiltfile/index.js'
import {discoverer as npmPackageLock} from './formats/npm-package-lock/index.js'
import {discoverer as yarnLock} from './formats/yarn-lock/index.js'
import {discoverer as pnpmLock} from './formats/pnpm-lock/index.js'
import {discoverer as bunLock} from './formats/bun-lock/index.js'
import {discoverer as denoLock} from './formats/deno-lock/index.js'
import {discoverer as npmPackageJson} from './formats/npm-package-json/index.js'
import {discoverer as goMod} from './formats/go-mod/index.js'
import {discoverer as goSum} from './formats/go-sum/index.js'
import {discoverer as goWork} from './formats/go-work/index.js'
import {discoverer as cargoLock} from './formats/cargo-lock/index.js'
import {discoverer as cargoToml} from './formats/cargo-toml/index.js'
import {discoverer as poetryLock} from './formats/poetry-lock/index.js'
import {discoverer as pipfileLock} from './formats/pipfile-lock/index.js'
import {discoverer as pipfile} from './formats/pipfile/index.js'
import {discoverer as uvLock} from './formats/uv-lock/index.js'
import {discoverer as pdmLock} from './formats/pdm-lock/index.js'
import {discoverer as pylockToml} from './formats/pylock-toml/index.js'
import {discoverer as pipRequirements} from './formats/pip-requirements/index.js'
import {discoverer as pyproject} from './formats/pyproject/index.js'
import {discoverer as pythonSetup} from './formats/python-setup/index.js'
import {discoverer as condaEnvironment} from './formats/conda-environment/index.js'
import {discoverer as condaRecipe} from './formats/conda-recipe/index.js'
import {discoverer as pixiToml} from './formats/pixi-toml/index.js'
import {discoverer as pixiLock} from './formats/pixi-lock/index.js'
import {discoverer as gemfileLock} from './formats/gemfile-lock/index.js'
import {discoverer as gemfile} from './formats/gemfile/index.js'
import {discoverer as composerLock} from './formats/composer-lock/index.js'
import {discoverer as composerJson} from './formats/composer-json/index.js'
import {discoverer as dockerfile} from './formats/dockerfile/index.js'
import {discoverer as compose} from './formats/compose/index.js'
import {discoverer as devcontainer} from './formats/devcontainer/index.js'
import {discoverer as gitpod} from './formats/gitpod/index.js'
import {discoverer as devfile} from './formats/devfile/index.js'
import {discoverer as githubActions} from './formats/github-actions/index.js'
import {discoverer as gitlabCi} from './formats/gitlab-ci/index.js'
import {discoverer as circleci} from './formats/circleci/index.js'
import {discoverer as bitbucketPipelines} from './formats/bitbucket-pipelines/index.js'
import {discoverer as azurePipelines} from './formats/azure-pipelines/index.js'
import {discoverer as cloudbuild} from './formats/cloudbuild/index.js'
import {discoverer as drone} from './formats/drone/index.js'
import {discoverer as woodpecker} from './formats/woodpecker/index.js'
import {discoverer as buildkite} from './formats/buildkite/index.js'
import {discoverer as concourse} from './formats/concourse/index.js'
import {discoverer as jenkinsfile} from './formats/jenkinsfile/index.js'
import {discoverer as preCommit} from './formats/pre-commit/index.js'
import {discoverer as nixFlakeLock} from './formats/nix-flake-lock/index.js'
import {discoverer as gitSubmodules} from './formats/git-submodules/index.js'
import {discoverer as jsonnetBundler} from './formats/jsonnet-bundler/index.js'
import {discoverer as gradleLockfile} from './formats/gradle-lockfile/index.js'
import {discoverer as gradleVersionCatalog} from './formats/gradle-version-catalog/index.js'
import {discoverer as gradleBuild} from './formats/gradle-build/index.js'
import {discoverer as nugetLock} from './formats/nuget-lock/index.js'
import {discoverer as dotnetProject} from './formats/dotnet-project/index.js'
import {discoverer as dotnetTools} from './formats/dotnet-tools/index.js'
import {discoverer as swiftpmResolved} from './formats/swiftpm-resolved/index.js'
import {discoverer as pubspecLock} from './formats/pubspec-lock/index.js'
import {discoverer as podfileLock} from './formats/podfile-lock/index.js'
import {discoverer as mixLock} from './formats/mix-lock/index.js'
import {discoverer as rebarLock} from './formats/rebar-lock/index.js'
import {discoverer as renvLock} from './formats/renv-lock/index.js'
import {discoverer as juliaManifest} from './formats/julia-manifest/index.js'
import {discoverer as haskellLock} from './formats/haskell-lock/index.js'
import {discoverer as conanLock} from './formats/conan-lock/index.js'
import {discoverer as cmake} from './formats/cmake/index.js'
import {discoverer as vcpkg} from './formats/vcpkg/index.js'
import {discoverer as terraformLock} from './formats/terraform-lock/index.js'
import {discoverer as terraformModule} from './formats/terraform-module/index.js'
import {discoverer as bazelModule} from './formats/bazel-module/index.js'
import {discoverer as mavenExtensions} from './formats/maven-extensions/index.js'
import {discoverer as mavenPom} from './formats/maven-pom/index.js'
import {discoverer as clojureDeps} from './formats/clojure-deps/index.js'
import {discoverer as cyclonedxJson} from './formats/cyclonedx-json/index.js'
import {discoverer as cyclonedxXml} from './formats/cyclonedx-xml/index.js'
import {discoverer as spdxJson} from './formats/spdx-json/index.js'
import {discoverer as spdxTagValue} from './formats/spdx-tag-value/index.js'
import {discoverer as spdx3Jsonld} from './formats/spdx3-jsonld/index.js'
import type {Discoverer} from './types.js'

/** One line per format; the folder under ./formats/ has the same name as the id. */
export const discoverers = defineRegistry<Discoverer>('discoverer', [
  helmChart,
  helmValues,
  k8sManifest,
  k8sJson,
  kustomization,
  helmfile,
  argocdSource,
  skaffold,
  tiltfile,
  npmPackageLock,
  yarnLock,
  pnpmLock,
  bunLock,
  denoLock,
  npmPackageJson,
  goMod,
  goSum,
  goWork,
  cargoLock,
  cargoToml,
  poetryLock,
  pipfileLock,
  pipfile,
  uvLock,
  pdmLock,
  pylockToml,
  pipRequirements,
  pyproject,
  pythonSetup,
  condaEnvironment,
  condaRecipe,
  pixiToml,
  pixiLock,
  gemfileLock,
  gemfile,
  composerLock,
  composerJson,
  dockerfile,
  compose,
  devcontainer,
  gitpod,
  devfile,
  githubActions,
  gitlabCi,
  circleci,
  bitbucketPipelines,
  azurePipelines,
  cloudbuild,
  drone,
  woodpecker,
  buildkite,
  concourse,
  jenkinsfile,
  preCommit,
  nixFlakeLock,
  gitSubmodules,
  jsonnetBundler,
  gradleLockfile,
  gradleVersionCatalog,
  gradleBuild,
  nugetLock,
  dotnetProject,
  dotnetTools,
  swiftpmResolved,
  pubspecLock,
  podfileLock,
  mixLock,
  rebarLock,
  renvLock,
  juliaManifest,
  haskellLock,
  conanLock,
  cmake,
  vcpkg,
  terraformLock,
  terraformModule,
  bazelModule,
  mavenPom,
  mavenExtensions,
  clojureDeps,
  cyclonedxJson,
  cyclonedxXml,
  spdxJson,
  spdxTagValue,
  spdx3Jsonld,
])
