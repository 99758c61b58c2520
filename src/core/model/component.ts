/** Where a component is declared: 1-based line and column of the value (the `image:` value, the lockfile entry). */
export interface Location {
  file: string
  line: number
  column: number
}

export type ComponentKind = 'image' | 'package' | 'chart'

/**
 * Ecosystems use purl type names so a component's ecosystem and purl agree (`githubactions`: actions and reusable
 * workflows; `terraform`: providers, which have no registered purl type yet).
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
  | 'terraform'
  | 'githubactions'

export type Scope = 'prod' | 'dev' | 'optional' | 'peer'

/** Where the declaration came from, when not a plain manifest or lockfile entry. */
export type Origin = 'manifest' | 'helm-values' | 'helm-chart' | 'kustomize' | 'lockfile' | 'operator-field'

export interface Component {
  kind: ComponentKind
  ecosystem: Ecosystem
  /** Normalised name: `docker.io/library/nginx` for images, the registry name for packages. */
  name: string
  version?: string
  /** `sha256:...` for images pinned by digest. */
  digest?: string
  purl?: string
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
export interface ScanError {
  file: string
  line?: number
  column?: number
  code: string
  message: string
}

export interface Inventory {
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
  /** Files handed to at least one format (read and decoded). */
  files: number
}
