import {defineRegistry} from '../core/registry.js'
import {resolver as artifactHub} from './resolvers/artifact-hub/index.js'
import {resolver as bazelCentralRegistry} from './resolvers/bazel-central-registry/index.js'
import {resolver as cocoapodsTrunk} from './resolvers/cocoapods-trunk/index.js'
import {resolver as cran} from './resolvers/cran/index.js'
import {resolver as conanCenter} from './resolvers/conan-center/index.js'
import {resolver as cratesIo} from './resolvers/crates-io/index.js'
import {resolver as depsDev} from './resolvers/deps-dev/index.js'
import {resolver as githubActions} from './resolvers/github-actions/index.js'
import {resolver as goModule} from './resolvers/go-module/index.js'
import {resolver as hexPm} from './resolvers/hex-pm/index.js'
import {resolver as juliaGeneral} from './resolvers/julia-general/index.js'
import {resolver as hackage} from './resolvers/hackage/index.js'
import {resolver as helmRepository} from './resolvers/helm-repository/index.js'
import {resolver as imageHeuristic} from './resolvers/image-heuristic/index.js'
import {resolver as knownImages} from './resolvers/known-images/index.js'
import {resolver as npmRegistry} from './resolvers/npm-registry/index.js'
import {resolver as ociLabel} from './resolvers/oci-label/index.js'
import {resolver as override} from './resolvers/override/index.js'
import {resolver as packagist} from './resolvers/packagist/index.js'
import {resolver as pubDev} from './resolvers/pub-dev/index.js'
import {resolver as pypi} from './resolvers/pypi/index.js'
import {resolver as rubygems} from './resolvers/rubygems/index.js'
import {resolver as swiftpm} from './resolvers/swiftpm/index.js'
import {resolver as terraformRegistry} from './resolvers/terraform-registry/index.js'
import {resolver as vcsUrl} from './resolvers/vcs-url/index.js'
import {resolver as sbomStated} from './resolvers/sbom-stated/index.js'
import type {Resolver} from './types.js'

/**
 * One line per resolver; the folder under ./resolvers/ has the same name as the id. Order matters within a
 * kind (the engine puts override first, then what an SBOM states, then deps.dev and the native registries as
 * `prefer` says, then images).
 */
export const resolvers = defineRegistry<Resolver>('resolver', [
  override,
  vcsUrl,
  sbomStated,
  depsDev,
  npmRegistry,
  pypi,
  cratesIo,
  goModule,
  rubygems,
  packagist,
  pubDev,
  cocoapodsTrunk,
  hexPm,
  cran,
  juliaGeneral,
  hackage,
  bazelCentralRegistry,
  conanCenter,
  githubActions,
  helmRepository,
  artifactHub,
  swiftpm,
  terraformRegistry,
  ociLabel,
  knownImages,
  imageHeuristic,
])
