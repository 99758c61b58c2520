import type {CacheStore} from '../core/cache/store.js'
import type {Component, RepoGroup, RequestStats, Resolution, UnresolvedComponent} from '../core/model.js'
import type {HttpClient} from './http.js'

export type Confidence = 'high' | 'medium' | 'low'

/** Why a resolver gave no answer. Data, not exceptions; the engine keeps the most telling one. */
export type MissReason =
  | 'local'
  | 'offline-cache-miss'
  | 'network-error'
  | 'not-found'
  | 'no-repository'
  | 'no-label'
  | 'unverified'
  | 'invalid-name'
  | 'no-version'
  | 'unsupported'
  /** The user's map declares the component has no public upstream (in-house image, vendored code). */
  | 'excluded'

export type Outcome =
  | {
      status: 'resolved'
      /** Repository URL or key as the source gave it; the engine normalises it. */
      repo: string
      directory?: string
      confidence: Confidence
      /** What the decision rests on: field name, label, map entry, citation URL. */
      evidence: string
      /** Set when a check against the forge found the repository under another name. */
      renamedFrom?: string
      /** false when the source lower-cases names (deps.dev), so another source's spelling is preferred. */
      caseReliable?: boolean
    }
  | {status: 'miss'; reason: MissReason; detail: string}

export interface ResolveOptions {
  /** Cache only; misses are reported (reason `offline-cache-miss`) and the run is marked incomplete. */
  offline?: boolean
  /** DiskCache directory; default the shared stewards cache (XDG). */
  cacheDir?: string
  /** The cache to use instead of opening `cacheDir` (one store shared by the stages of a scan). */
  cache?: CacheStore
  /** Milliseconds a cached answer is served without asking again (scan's `--max-age`). Default 7 days. */
  maxAge?: number
  /** User overrides: YAML/JSON `mappings: [{match, repo, directory?}]`; always win. */
  mapFile?: string
  /**
   * Base URLs by service, for mirrors and emulators: `deps.dev`, `npm`, `pypi`, `crates.io`, `rubygems`,
   * `packagist`, `github` (repository checks), `oci:<registry host>`, `go:<vanity host>`, `helm:<chart repository
   * host>`, `terraform:<registry host>`, `pub.dev`, `hex.pm`, `cocoapods`, `cran`, `julia-general`, `hackage`,
   * `bazel-central-registry`, `conan-center` (./engine.ts DEFAULT_ENDPOINTS), `artifact-hub` (Artifact Hub's base URL, default https://artifacthub.io); `oci:*`, `go:*`, `helm:*` and `terraform:*` send every
   * registry, vanity or chart host to `<base>/<host>`.
   */
  endpoints?: Partial<Record<string, string>>
  /**
   * Registries (URLs) that mirror their ecosystem's public one (an Artifactory or Nexus proxy of the npm registry,
   * PyPI, crates.io, RubyGems.org): packages from them, or from under them, are asked of the public registry and
   * deps.dev by name. Packages from any other registry are not (resolve/support.ts otherSource).
   */
  registryMirrors?: readonly string[]
  /**
   * Go's private module patterns (`GOPRIVATE`, `GONOPROXY`: core/go-private.ts): modules matching one are not looked
   * up on deps.dev, as `go` asks no public service about them. Default: the environment's.
   */
  goPrivate?: readonly string[]
  /** Which package source is asked first; the other is the fallback. Default deps.dev. */
  prefer?: 'deps.dev' | 'native'
  /** Requests in flight at once. Default 8. */
  concurrency?: number
  /** Per request. Default 15000. */
  timeoutMs?: number
  /** Extra attempts for failed requests. Default 2. */
  retries?: number
  /** Directory of the curated image map; default the shipped `rules/resolve`. */
  rulesDir?: string
}

export interface EcosystemStats {
  total: number
  resolved: number
  unresolved: number
}

export interface ResolveStats {
  total: number
  resolved: number
  unresolved: number
  byEcosystem: Record<string, EcosystemStats>
  /** Resolved components per provenance (resolver). */
  bySource: Record<string, number>
  /** Resolved components per ecosystem and provenance. */
  byEcosystemSource: Record<string, Record<string, number>>
  /** Unresolved components per reason. */
  byReason: Record<string, number>
  requests: RequestStats
}

export interface ResolveRun {
  groups: RepoGroup[]
  unresolved: UnresolvedComponent[]
  stats: ResolveStats
  /** true when a network failure or an offline cache miss left a component unresolved or on a guess. */
  incomplete: boolean
  /**
   * The registries other than their ecosystem's public one that unresolved packages come from, and how many
   * packages each (most first): they were not looked up by name (resolve/support.ts otherSource).
   */
  otherRegistries: Array<{registry: string; packages: number}>
}

export interface ResolverContext {
  http: HttpClient
  offline: boolean
  /** Base URL of a service (see ResolveOptions.endpoints), without a trailing slash. */
  endpoint(service: string): string
  /** Runs `fn` over items with the run's concurrency limit, keeping order. */
  map<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]>
  /** Same, for work that never leaves the machine (cache reads): a higher limit. */
  mapLocal<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]>
  options: ResolveOptions
}

/** `stated`: what the input itself states (an SBOM's vcs reference), right after the user's map. */
export type ResolverKind = 'override' | 'stated' | 'aggregator' | 'native' | 'image'

/** One way of mapping components to repositories. Receives every pending component it `handles`, in one call. */
export interface Resolver {
  id: string
  description: string
  /** Written into Resolution.provenance. */
  provenance: string
  /**
   * Ordering group: override first, then what the input states, then packages (aggregator/native by `prefer`), then
   * images in registry order.
   */
  kind: ResolverKind
  handles(component: Component): boolean
  /** false: skipped for this run (the override resolver without a map file). */
  enabled?(options: ResolveOptions): boolean
  /** One outcome per component, same order. Never throws for bad data or network failures. */
  resolve(components: readonly Component[], context: ResolverContext): Promise<Outcome[]>
}

export interface Attempt {
  resolver: string
  reason: MissReason
  detail: string
}

/** A decided component, before grouping. */
export interface Decided {
  component: Component
  resolution: Resolution & {repo: string}
  caseReliable: boolean
}
