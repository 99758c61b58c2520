import type {CacheStore} from '../core/cache/store.js'
import type {AffiliationFileSet, CollectedProject, OrgAccount, Profile, RequestStats, Window} from '../core/model.js'
import type {RateLimitPolicy} from '../core/rate-limit.js'
import type {RepoRef} from '../core/repo-name.js'
import type {WaitEvent} from './octokit/waits.js'
import type {Snapshot} from './sources/snapshot/read.js'

export type SourceId = 'github' | 'git' | 'snapshot'

export type ProgressEvent =
  | {type: 'project-start'; repo: string}
  | {type: 'project-done'; repo: string; status: CollectedProject['status']}
  /** Once per wait, when it starts: `until` is when GitHub resets the limit (ISO 8601 UTC, whole seconds). */
  | {type: 'rate-limit-wait'; seconds: number; until: string; anonymous?: boolean}
  | {type: 'profiles'; count: number}
  /** A wait before asking GitHub again (secondary limit, retry, 202) or an answer taking long: see `waitNotice`. */
  | ({type: 'wait'} & WaitEvent)
  /** Something the user must read even without a terminal (an unusable cache directory). */
  | {type: 'notice'; message: string}

export interface CollectOptions {
  source?: SourceId
  /** The token of the first `apiUrl`'s host (github.com when none is given); never sent anywhere else. */
  token?: string
  /** github.com's token when the first `apiUrl` is an Enterprise Server's. */
  githubComToken?: string
  /**
   * When `token` is a GitHub App's installation token (one hour): the current token, made again before it
   * expires; called before every request to `token`'s host (app-auth.ts).
   */
  renewToken?: () => Promise<string>
  /**
   * `https://HOST/api/v3` for a GitHub Enterprise Server (answers for HOST); any other URL stands for
   * github.com (default `https://api.github.com`). One per host.
   */
  apiUrl?: string | readonly string[]
  /** Collect only from the hosts of `apiUrl`: repositories on github.com are reported unavailable, with the reason. */
  onlyHost?: boolean
  /** Commits listed per project at most (default 50,000); a project over it is partial and says what was cut. */
  maxCommits?: number
  /** Window on author dates, ISO 8601 UTC: since inclusive, until exclusive. */
  window: Window
  cacheDir?: string
  /** `redis://…`: the shared store of collected data instead of `cacheDir` (opened by the pipeline). */
  cacheUrl?: string
  /** The cache to use instead of opening `cacheDir` (one store shared by the stages of a scan). */
  cache?: CacheStore
  /** Freshness of cache entries in ms (default 24 h); older ones are revalidated with their ETag. */
  maxAge?: number
  /** Freshness of cached profiles in ms (default 30 days: a profile changes rarely). */
  profileMaxAge?: number
  offline?: boolean
  /** At GitHub's primary rate limit (default wait). */
  onRateLimit?: RateLimitPolicy
  /** Projects collected at once (default 4). */
  concurrency?: number
  /** `github.com/owner/name` → local clone or bare repository (source `git`). */
  gitDirs?: Record<string, string>
  /** Cache bundle or recorded `stewards collect --format json` output (source `snapshot`). */
  snapshot?: string
  /** `snapshot` already read and checked (`readSnapshot`): a scan reads the file once for every stage. */
  snapshotContent?: Snapshot
  /** Bound on one HTTP attempt (default 30 s). */
  timeoutMs?: number
  /** Bound on one project (default 10 min). */
  projectTimeoutMs?: number
  onProgress?: (event: ProgressEvent) => void
  /** Logins whose profiles are wanted besides commit authors and those named in governance files. */
  extraLogins?: string[]
  /** Retry tuning (defaults: HTTP_DEFAULTS in sources/github/session.ts); tests make the waits tiny. */
  http?: {
    retries?: number
    /** Multiplies the waits octokit computes in seconds: 1000 in production, tiny in tests. */
    retryBaseMs?: number
    secondaryRetries?: number
    acceptedRetries?: number
    acceptedDelayMs?: number
    /** The sum of every wait of the run (secondary limits, retries, 202s). */
    maxWaitMs?: number
    /** Waits shorter than this are not announced. */
    announceAfterMs?: number
    /** An answer taking longer than this is announced (then every three times as long). */
    slowNoticeMs?: number
    /** One answer's body at most; larger ones are refused once, with the size. */
    maxResponseBytes?: number
    /** What the cache takes for now (tests move it a day on to refresh what a run just stored). */
    clock?: () => number
  }
  /** Hosts answered from recorded data only (set by the snapshot source for the hosts its bundle holds). */
  offlineHosts?: readonly string[]
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

export interface OrgAccountResult {
  accounts: Map<string, OrgAccount>
  problems: string[]
  /** Lower-case handles whose account could not be read (the projects naming them miss `profiles`). */
  failed: string[]
}

/** One run of one source: opened once, asked for each project, then for every person at once. */
export interface SourceSession {
  collectProject(ref: RepoRef, signal: AbortSignal): Promise<ProjectResult>
  /** Profiles by lower-case login, of people on `host` (default github.com); each person fetched once per run. */
  fetchProfiles(logins: string[], signal: AbortSignal, host?: string): Promise<ProfileResult>
  /** Organisation accounts named as `@handle` by profiles (sources that read profiles from a forge). */
  fetchOrgAccounts?(handles: string[], signal: AbortSignal, host?: string): Promise<OrgAccountResult>
  /** The CNCF gitdm affiliation files at the default branch's head (`stewards affiliations update`). */
  fetchAffiliationFiles?(signal: AbortSignal): Promise<AffiliationFileSet>
  stats(): RequestStats
  /** Hosts whose repositories this session can answer for. */
  hosts(): string[]
  /** Why a repository on another host is not collected (one line, with what to do). */
  notCollected(host: string): string
  /** Releases what `open` took (temporary directories). */
  close?(): Promise<void>
}

/** The options a source is opened with. */
export type ResolvedOptions = CollectOptions

/** A data source plug-in (folder `src/collect/sources/<id>/`). */
export interface Source {
  id: SourceId
  description: string
  /** `peers` opens another registered source: plug-ins never import each other (a snapshot replays through github). */
  open(options: ResolvedOptions, peers: SourcePeers): Promise<SourceSession>
}

export interface SourcePeers {
  open(id: SourceId, options: ResolvedOptions): Promise<SourceSession>
}
