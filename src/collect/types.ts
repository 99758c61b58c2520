import type {CollectedProject, Profile, RequestStats, Window} from '../core/model.js'
import type {RateLimitPolicy} from '../core/rate-limit.js'
import type {RepoRef} from '../core/repo-name.js'

export type SourceId = 'github' | 'git' | 'snapshot'

export type ProgressEvent =
  | {type: 'project-start'; repo: string}
  | {type: 'project-done'; repo: string; status: CollectedProject['status']}
  /** Once per wait, when it starts: `until` is when GitHub resets the limit (ISO 8601 UTC, whole seconds). */
  | {type: 'rate-limit-wait'; seconds: number; until: string}
  | {type: 'profiles'; count: number}

export interface CollectOptions {
  source?: SourceId
  token?: string
  /** `https://api.github.com` (default) or `https://HOST/api/v3` for GitHub Enterprise Server. */
  apiUrl?: string
  /** Window on author dates, ISO 8601 UTC: since inclusive, until exclusive. */
  window: Window
  cacheDir?: string
  /** Freshness of cache entries in ms (default 24 h); older ones are revalidated with their ETag. */
  maxAge?: number
  offline?: boolean
  /** At GitHub's primary rate limit (default wait). */
  onRateLimit?: RateLimitPolicy
  /** Projects collected at once (default 4). */
  concurrency?: number
  /** `github.com/owner/name` → local clone or bare repository (source `git`). */
  gitDirs?: Record<string, string>
  /** Cache bundle or recorded `stewards collect --format json` output (source `snapshot`). */
  snapshot?: string
  /** Bound on one HTTP attempt (default 30 s). */
  timeoutMs?: number
  /** Bound on one project (default 10 min). */
  projectTimeoutMs?: number
  onProgress?: (event: ProgressEvent) => void
  /** Logins whose profiles are wanted besides commit authors and those named in governance files. */
  extraLogins?: string[]
  /** Retry tuning; tests make the waits tiny. Defaults: 3 retries, 1000 ms base (GitHub's seconds). */
  http?: {
    retries?: number
    retryBaseMs?: number
    secondaryRetries?: number
    acceptedRetries?: number
    acceptedDelayMs?: number
  }
}

export interface CollectRun {
  projects: CollectedProject[]
  requests: RequestStats
  /** True when something that should have been collected was not (rate-limit stop, timeout, offline miss). */
  incomplete: boolean
  problems: string[]
}

/** What a source returns per project: the data, and whether its gaps make the run incomplete. */
export interface ProjectResult {
  project: CollectedProject
  incomplete: boolean
  problems: string[]
}

export interface ProfileResult {
  profiles: Map<string, Profile>
  incomplete: boolean
  problems: string[]
  /** Lower-case logins whose profile could not be read (their projects miss `profiles`). */
  failed: string[]
}

/** One run of one source: opened once, asked for each project, then for every person at once. */
export interface SourceSession {
  collectProject(ref: RepoRef, signal: AbortSignal): Promise<ProjectResult>
  /** Profiles by lower-case login; each person fetched once per run. */
  fetchProfiles(logins: string[], signal: AbortSignal): Promise<ProfileResult>
  stats(): RequestStats
  /** Releases what `open` took (temporary directories). */
  close?(): Promise<void>
}

/** The options a source is opened with. */
export type ResolvedOptions = CollectOptions

/** A data source plug-in (folder `src/collect/sources/<id>/`). */
export interface Source {
  id: SourceId
  description: string
  /** Hosts whose repositories this source can answer for. */
  hosts(options: ResolvedOptions): string[]
  /** `peers` opens another registered source: plug-ins never import each other (a snapshot replays through github). */
  open(options: ResolvedOptions, peers: SourcePeers): Promise<SourceSession>
}

export interface SourcePeers {
  open(id: SourceId, options: ResolvedOptions): Promise<SourceSession>
}
