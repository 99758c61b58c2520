/**
 * Which YAML file is read by which format. A file of another format, or tool configuration that may use
 * tags of its own (mkdocs' `!!python/name:`), is not a Kubernetes manifest and must not fail a scan.
 * JSON files are sniffed for content as well (see ./formats/k8s-json): the names below only save the sniff.
 */
import type {Skipped} from '../core/model.js'
import {posix} from 'node:path'

const KUSTOMIZATION = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization'])
const HELM_CHART = new Set(['Chart.yaml', 'Chart.lock', 'requirements.yaml', 'requirements.lock'])
/**
 * `compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yml`, `compose.override.yaml`, `docker-compose_secrets.yml`:
 * Renovate's default pattern, `(^|/)(?:docker-)?compose[^/]*\.ya?ml$`, less `composer…` (PHP Composer's files); and
 * podman-compose's own default names, `podman-compose.y*ml` and `container-compose*.y*ml` (its COMPOSE_DEFAULT_LS).
 */
const COMPOSE = /^(?:docker-|podman-|container-)?compose(?!r)[^/]*\.ya?ml$/i
/** `values.yaml`, `values-prod.yaml`, `values.dev.yml`. */
const HELM_VALUES = /^values(?:[-.][^/]*)?\.ya?ml$/

const NOT_MANIFESTS = new Set([
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  '.yarnrc.yml',
  'mkdocs.yml',
  'mkdocs.yaml',
  '.gitlab-ci.yml',
  '.gitlab-ci.yaml',
  'bitbucket-pipelines.yml',
  'bitbucket-pipelines.yaml',
  'azure-pipelines.yml',
  'azure-pipelines.yaml',
  '.drone.yml',
  '.drone.yaml',
  '.woodpecker.yml',
  '.woodpecker.yaml',
  '.travis.yml',
  'appveyor.yml',
  '.pre-commit-config.yaml',
  '.pre-commit-config.yml',
  '.pre-commit-hooks.yaml',
  '.golangci.yml',
  '.golangci.yaml',
  'codecov.yml',
  '.codecov.yml',
  '.readthedocs.yaml',
  '.readthedocs.yml',
  'dependabot.yml',
  '.goreleaser.yml',
  '.goreleaser.yaml',
  'environment.yml',
  'environment.yaml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'compose.yml',
  'compose.yaml',
  '.gitpod.yml',
  '.gitpod.yaml',
  'devfile.yaml',
  '.devfile.yaml',
  'devfile.yml',
  '.devfile.yml',
  // stewards' own settings and waivers (src/pipeline/config.ts, waivers.ts): read as such, never manifests
  '.stewards.yaml',
  '.stewards-waivers.yaml',
])

/** JSON read by a lockfile format, or well-known JSON configuration that is never a Kubernetes object. */
const NOT_JSON_MANIFESTS = new Set([
  'package-lock.json',
  'packages.lock.json',
  'npm-shrinkwrap.json',
  'package.json',
  'composer.json',
  'bower.json',
  'lerna.json',
  'jsconfig.json',
  'deno.json',
  'renovate.json',
  'biome.json',
  '.eslintrc.json',
  '.babelrc.json',
  'jsonnetfile.json',
  'jsonnetfile.lock.json',
  'vcpkg.json',
  'vcpkg-configuration.json',
])

export function isKustomizationFile(file: string): boolean {
  return KUSTOMIZATION.has(posix.basename(file))
}

export function isHelmChartFile(file: string): boolean {
  return HELM_CHART.has(posix.basename(file))
}

export function isComposeFile(file: string): boolean {
  return COMPOSE.test(posix.basename(file))
}

/**
 * The names Renovate's Dockerfile manager reads by default (`(^|/|\.)([Dd]ocker|[Cc]ontainer)file$`,
 * `(^|/)([Dd]ocker|[Cc]ontainer)file[^/]*$`): `Dockerfile`, `Dockerfile.prod`, `Dockerfile-alpine`,
 * `Dockerfile_dev`, `api.Dockerfile`, `x.containerfile`, lowercase `dockerfile`. Not `Dockerfile.dockerignore`, and
 * not lowercase `dockerfile.go` / `dockerfile_test.go` (source files of Dockerfile tools, found by the dozen).
 */
export function isDockerfile(file: string): boolean {
  const base = posix.basename(file)
  if (/\.dockerignore$/i.test(base)) return false
  return (
    /^(?:Dockerfile|Containerfile)(?:[-._][^/]*)?$/.test(base) ||
    /^(?:dockerfile|containerfile)$/.test(base) ||
    /^[^/]+\.(?:[Dd]ockerfile|[Cc]ontainerfile)$/.test(base)
  )
}

/**
 * Google Cloud Build configuration by its name alone: `cloudbuild.yaml`, `cloudbuild.yml`, `cloudbuild.json`, and
 * `NAME.cloudbuild.yaml` (`.yml`, `.json`): the names SchemaStore gives Cloud Build's schema.
 */
const CLOUD_BUILD = /^(?:[^/]+\.)?cloudbuild\.(?:ya?ml|json)$/
/**
 * Names users give Cloud Build configurations that other files may have too, read only when the content is one
 * (./formats/cloudbuild): `cloudbuild-prod.yaml`, `cloudbuild_test.yml`, `cloudbuild.dev.json`, `deploy-cloudbuild.yaml`.
 */
const CLOUD_BUILD_LIKE = /^(?:cloudbuild[-_.][^/]+|[^/]+[-_]cloudbuild)\.(?:ya?ml|json)$/
/** Any YAML or JSON file directly in a `cloudbuild/` or `.cloudbuild/` folder: read when its content is a config. */
const CLOUD_BUILD_FOLDER = /(?:^|\/)\.?cloudbuild\/[^/]+\.(?:ya?ml|json)$/

/** A Cloud Build configuration by its name alone (no content sniffed). */
export function isCloudBuildFile(file: string): boolean {
  return CLOUD_BUILD.test(posix.basename(file))
}

/**
 * A file that may be a Cloud Build configuration: named as one (isCloudBuildFile), named like one, or in a
 * `cloudbuild/` or `.cloudbuild/` folder. The last two are read only when their content is a configuration.
 */
export function isCloudBuildCandidate(file: string): boolean {
  const base = posix.basename(file)
  if (!CLOUD_BUILD.test(base) && !CLOUD_BUILD_LIKE.test(base) && !CLOUD_BUILD_FOLDER.test(file)) return false
  // Folders whose YAML files another CI format reads by their place (a workflow named `cloudbuild.yml`).
  return !isActionsFile(file) && !/(^|\/)(\.circleci|\.azure-pipelines)\//.test(file)
}

/** Named as a Cloud Build configuration, or like one: not a Kubernetes manifest (a folder name alone does not say). */
function isCloudBuildName(file: string): boolean {
  const base = posix.basename(file)
  return CLOUD_BUILD.test(base) || CLOUD_BUILD_LIKE.test(base)
}

/**
 * GitHub Actions workflows (`.github/workflows/*.yml`), action metadata (`action.yml` anywhere), and the workflows of
 * Forgejo and Gitea Actions, which list their workflow folder recursively (`.forgejo/workflows/**\/*.yml`,
 * `.gitea/workflows/**\/*.yml`; Forgejo's and Gitea's modules/actions/workflows.go ListWorkflows).
 */
export function isActionsFile(file: string): boolean {
  return (
    /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(file) ||
    /(^|\/)action\.ya?ml$/.test(file) ||
    /(^|\/)\.(?:forgejo|gitea)\/workflows\/(?:[^/]+\/)*[^/]+\.ya?ml$/.test(file)
  )
}

/** GitLab CI's pipeline file (`.gitlab-ci.yml` anywhere; `.yaml` as well); what it includes is read through it. */
export function isGitlabCiFile(file: string): boolean {
  const base = posix.basename(file)
  return base === '.gitlab-ci.yml' || base === '.gitlab-ci.yaml'
}

/**
 * Buildkite pipeline files: the ones `buildkite-agent pipeline upload` reads when no file is named (`buildkite.yml`,
 * `.yaml`, `.json`, and `pipeline.yml`, `.yaml`, `.json` in `.buildkite/` or `buildkite/`), and the variants the
 * SchemaStore catalogue gives editors the Buildkite schema for (`buildkite.*.yml`, `.buildkite/pipeline.*.yml`), which
 * pipelines upload by name, and any other YAML under `.buildkite/` (pipelines a step uploads by name: elastic/kibana
 * keeps 300 in `.buildkite/pipelines/`), which holds Compose files, Kubernetes manifests, Helm values and cache
 * settings as often as pipelines. The buildkite format keeps the ones whose content is a pipeline (its sniff): a Kubernetes manifest named `buildkite.yaml` (an Argo CD application deploying the agent) is
 * still the k8s-manifest format's, which reads what no sniffing format keeps (Discoverer.fallback).
 */
export function isBuildkiteFile(file: string): boolean {
  return (
    /(^|\/)buildkite(?:\.[^/]+)?\.(?:ya?ml|json)$/.test(file) ||
    /(^|\/)\.buildkite\/pipeline(?:\.[^/]+)?\.(?:ya?ml|json)$/.test(file) ||
    // Pipelines a step uploads by name (elastic/kibana keeps 300 in .buildkite/pipelines/): sniffed, as all are.
    /(^|\/)\.buildkite\/(?:[^/]+\/)*[^/]+\.ya?ml$/.test(file) ||
    /(^|\/)buildkite\/pipeline\.(?:ya?ml|json)$/.test(file)
  )
}

/** Helmfile's files: `helmfile.yaml`/`.yml` anywhere, the YAML files directly in `helmfile.d/`, and their `.gotmpl` templates. */
export function isHelmfileFile(file: string): boolean {
  const base = posix.basename(file)
  if (/^helmfile\.ya?ml(?:\.gotmpl)?$/.test(base)) return true
  return posix.basename(posix.dirname(file)) === 'helmfile.d' && /\.ya?ml(?:\.gotmpl)?$/.test(base)
}

/** Helm values files, except those in `helmfile.d/` (helmfile reads each of them as a helmfile). */
export function isHelmValuesFile(file: string): boolean {
  return HELM_VALUES.test(posix.basename(file)) && !isHelmfileFile(file)
}

/** A `.yaml`/`.yml` file that no other format reads and that is not known tool configuration. */
export function isManifestCandidate(file: string): boolean {
  const base = posix.basename(file)
  if (!/\.ya?ml$/i.test(base)) return false
  if (isKustomizationFile(file) || isHelmChartFile(file) || isHelmValuesFile(file) || isHelmfileFile(file)) return false
  if (NOT_MANIFESTS.has(base.toLowerCase()) || isComposeFile(file) || isActionsFile(file)) return false
  if (isCloudBuildName(file) || isArgocdSourceFile(file)) return false
  // CI definitions. The files a GitLab pipeline includes (`.gitlab/ci/build.yml`) are read as any YAML file: a
  // folder of that name may hold Kubernetes manifests too, and their `!reference` tags are read (./k8s-images.ts).
  return !/(^|\/)(\.github\/(workflows|actions)|\.circleci|\.azure-pipelines|\.woodpecker)\//.test(file)
}

/** Argo CD's overrides stored in Git: `.argocd-source.yaml`, `.argocd-source-<app>.yaml` (never `.yml`). */
export function isArgocdSourceFile(file: string): boolean {
  return /^\.argocd-source(?:-.+)?\.yaml$/.test(posix.basename(file))
}

/**
 * A YAML file named as a template (`deployment.yaml.j2`, `app.yml.tmpl`, onedr0p/cluster-template's 92 `*.yaml.j2`),
 * not a helmfile's (`helmfile.yaml.gotmpl`, read by the helmfile format): it is YAML only once rendered. The
 * k8s-manifest format reports one that holds Kubernetes objects, as the dockerfile format reports `Dockerfile.j2`.
 */
export function isYamlTemplate(file: string): boolean {
  const base = posix.basename(file)
  const template = templateExtension(base)
  if (template === undefined || !/\.ya?ml$/i.test(base.slice(0, -template.length))) return false
  return !isHelmfileFile(file) && !/(^|\/)(\.github\/(workflows|actions)|\.circleci)\//.test(file)
}

/** A `.json` file that may hold Kubernetes objects (`kubectl get -o json`); its content decides. */
export function isJsonManifestCandidate(file: string): boolean {
  const base = posix.basename(file)
  if (!/\.json$/i.test(base)) return false
  return (
    !NOT_JSON_MANIFESTS.has(base.toLowerCase()) && !/^tsconfig(?:\..*)?\.json$/i.test(base) && !isCloudBuildName(file)
  )
}

/**
 * The extension of a name whose last one is a template engine's (`Dockerfile.j2`, `Jenkinsfile.tmpl`; Thor's `.tt`, which
 * every Rails generator writes its `Dockerfile.tt` in, and Elixir's `.eex`, Phoenix's): the text is
 * not the format's until rendered (the dockerfile and jenkinsfile formats skip such files as templates).
 */
export function templateExtension(file: string): string | undefined {
  return /\.(?:hbs|handlebars|mustache|tmpl|tpl|gotmpl|template|j2|jinja|jinja2|njk|erb|ejs|liquid|twig|in|tt|eex)$/i.exec(
    file,
  )?.[0]
}

/**
 * The skip of a file of `what` (`Dockerfile`, `Jenkinsfile`) named as a template (templateExtension), or undefined for
 * any other name.
 */
export function templateSkip(file: string, what: string): Skipped | undefined {
  const base = file.slice(file.lastIndexOf('/') + 1)
  const template = templateExtension(base)
  if (template === undefined) return undefined
  return {
    file,
    reason: 'unsupported',
    message: `${base} is a template (${template}), not a ${what}: render it and scan the result`,
  }
}
