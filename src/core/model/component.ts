import type {Problem} from '../problem.js'

/** Where a component is declared: 1-based line and column of the value (the `image:` value, the lockfile entry). */
export interface Location {
  file: string
  line: number
  column: number
}

export type ComponentKind = 'image' | 'package' | 'chart'

/**
 * Ecosystems use purl type names so a component's ecosystem and purl agree. `generic` holds what an SBOM lists
 * under a purl type no other ecosystem names (its purl keeps the real type) or without a purl; `githubactions`:
 * actions and reusable workflows; `terraform`: providers, which have no registered purl type yet.
 */
export type Ecosystem =
  | 'docker'
  | 'npm'
  | 'pypi'
  | 'golang'
  | 'cargo'
  | 'gem'
  | 'composer'
  | 'helm'
  | 'maven'
  | 'nuget'
  | 'swift'
  | 'pub'
  | 'hex'
  | 'cocoapods'
  | 'cran'
  | 'julia'
  | 'conan'
  | 'bazel'
  | 'hackage'
  | 'vcpkg'
  | 'terraform'
  | 'githubactions'
  | 'github'
  | 'generic'

export type Scope = 'prod' | 'dev' | 'optional' | 'peer'

/** Where the declaration came from, when not a plain manifest or lockfile entry. */
export type Origin = 'manifest' | 'helm-values' | 'helm-chart' | 'kustomize' | 'lockfile' | 'operator-field' | 'sbom'

/**
 * The upstream repository an input names for a component itself: a CycloneDX `vcs` external reference, an SPDX
 * `downloadLocation` or `homepage` on a known forge, a `pkg:github` purl. Resolution evidence, ranked after the
 * user's map (src/resolve/resolvers/sbom-stated).
 */
export interface StatedRepository {
  url: string
  /** The field that states it, as the format names it: `externalReferences[vcs]`, `downloadLocation`... */
  field: string
}

export interface Component {
  kind: ComponentKind
  ecosystem: Ecosystem
  /** Normalised name: `docker.io/library/nginx` for images, the registry name for packages. */
  name: string
  version?: string
  /** `sha256:...` for images pinned by digest. */
  digest?: string
  purl?: string
  /** CPE 2.2 or 2.3 name, as an SBOM states it. */
  cpe?: string
  /** The reference exactly as written in the file. */
  ref: string
  scope?: Scope
  /** true = direct dependency, false = transitive; absent where the format does not tell. */
  direct?: boolean
  /** Workspace member, `file:`/`link:`/path dependency: not a registry package. */
  local?: boolean
  origin?: Origin
  /** Where a chart is fetched from, as declared: Helm repository URL, `oci://` reference, `@alias` or `file://` path. */
  repository?: string
  /** The upstream repository the input itself states (SBOMs). */
  statedRepository?: StatedRepository
  locations: Location[]
}

/** Expected, non-fatal reasons a file or entry was not read. Data, not exceptions. */
export type SkipReason =
  | 'too-large'
  | 'binary'
  | 'helm-template'
  | 'symlink-outside-root'
  | 'symlink-loop'
  | 'not-regular-file'
  | 'unresolved-version'
  | 'unsupported'
  | 'missing-resource'
  | 'remote-resource'
  /** A `${VAR}` (Compose) or build argument (Dockerfile) without a value or default here. */
  | 'unset-variable'

export interface Skipped {
  file: string
  line?: number
  reason: SkipReason
  message: string
}

/** An input that could not be read or parsed; makes the scan incomplete (exit 2). */
export interface ScanError extends Problem {
  /** A code of the table in src/core/errors.ts (docs/error-codes.md). */
  code: string
}

export interface Inventory {
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
  /** Files handed to at least one format (read and decoded). */
  files: number
}
