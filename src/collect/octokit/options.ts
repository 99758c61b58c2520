import type {CacheStore} from '../../core/cache/store.js'
import type {RequestStats} from '../../core/model.js'
import type {WaitBudget} from './waits.js'
import {trimEnd} from '../../core/trim-end.js'

/** What our plug-ins read from `new Octokit({stewards})`. One object per client (one GitHub host). */
export interface StewardsHttpOptions {
  /** API base, e.g. `https://api.github.com` or `https://HOST/api/v3`: its origin is the only one that gets the token. */
  apiUrl: string
  /** The forge host this API answers for (`github.com`, or the Enterprise Server's host): cache keys use it. */
  host: string
  token?: string
  /** A GitHub App's installation token: asked for before every request, it makes a new one before `token` expires. */
  renewToken?: () => Promise<string>
  stats: RequestStats
  cache: CacheStore | null
  /**
   * The shape cached bodies are written in (`github/2`): entries of another shape are misses, not errors, so a
   * newer stewards reading fields an older one dropped fetches them again.
   */
  schema: string
  /** Entries younger than this are served without a request; older ones are revalidated with their ETag. */
  maxAgeMs: number
  /** Serve only from the cache; a miss is a failure. */
  offline: boolean
  /** Bound on one HTTP attempt. */
  timeoutMs: number
  /** Bound on one answer's body: larger ones are refused once, with the size, never retried. */
  maxResponseBytes: number
  /** Retries of 5xx, resets, timeouts and cut bodies (octokit plugin-retry), and its wait unit. */
  retries: number
  retryBaseMs: number
  /** `202 Accepted` means "computing, ask again": how often and how long to wait (grows linearly). */
  acceptedRetries: number
  acceptedDelayMs: number
  /** An answer still not there after this long is announced (then every three times as long). */
  slowNoticeMs: number
  /** Every wait of the run (all hosts) is counted and announced here, within one bound. */
  waits: WaitBudget
  /** Set once a primary rate limit stopped the run: later requests fail at once, without touching the network. */
  state: {stopped?: string}
  now: () => number
}

/** Per-request options our plug-ins read from `request: {...}` (octokit passes `request` through untouched). */
export interface StewardsRequestOptions {
  /** The project's abort signal (its time limit). */
  projectSignal?: AbortSignal
  /**
   * The fields stewards reads (a zod schema): the cache stores the answer parsed through it, so an entry holds
   * those fields only, and the caller receives the same value cold or warm.
   */
  shape?: {safeParse(data: unknown): {success: boolean; data?: unknown}}
  /** false: neither read nor write the cache (answers the caller caches in its own records). */
  cache?: boolean
}

/** Logs nothing: octokit's default logger would print request details (and we print none of it). */
export const silentLog = {debug() {}, info() {}, warn() {}, error() {}}

/** Our plug-ins' options travel in `new Octokit({stewards})` (OctokitOptions accepts any key). */
export function requireOptions(options: {[option: string]: unknown}): StewardsHttpOptions {
  const http = options.stewards as StewardsHttpOptions | undefined
  if (!http) throw new Error('stewards octokit plug-ins need the `stewards` option')
  return http
}

/** `GET /repos/a/b?x=1` relative to the API base: what messages and cache keys name. */
export function describeRequest(method: string, url: string, apiUrl: string): string {
  return `${method} ${relativeToApi(url, apiUrl)}`
}

/** A URL under the API base as the path after it (`/repos/a/b?x=1`); any other URL as it is. */
export function relativeToApi(url: string, apiUrl: string): string {
  const base = trimEnd(apiUrl, '/')
  if (url.startsWith(`${base}/`)) return url.slice(base.length)
  if (url.startsWith('/')) return url
  const parsed = new URL(url)
  // GraphQL of an Enterprise Server lives beside the REST base (/api/graphql next to /api/v3).
  if (parsed.origin === new URL(base).origin && /\/graphql$/.test(parsed.pathname)) return '/graphql'
  return url
}
