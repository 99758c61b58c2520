import type {RequestStats} from '../../core/model.js'
import type {DiskCache} from '../../core/cache/disk-cache.js'

/** What our plug-ins read from `new Octokit({stewards})`. One object per run, shared by every request. */
export interface StewardsHttpOptions {
  /** API base, e.g. `https://api.github.com` or `https://HOST/api/v3`: its origin is the only one that gets the token. */
  apiUrl: string
  token?: string
  stats: RequestStats
  cache: DiskCache | null
  /** Entries younger than this are served without a request; older ones are revalidated with their ETag. */
  maxAgeMs: number
  /** Serve only from the cache; a miss is a failure. */
  offline: boolean
  /** Bound on one HTTP attempt. */
  timeoutMs: number
  /** `202 Accepted` means "computing, ask again": how often and how long to wait (grows linearly). */
  acceptedRetries: number
  acceptedDelayMs: number
  /** Set once a primary rate limit stopped the run: later requests fail at once, without touching the network. */
  state: {stopped?: string}
  now: () => number
}

/** Logs nothing: octokit's default logger would print request details (and we print none of it). */
export const silentLog = {debug() {}, info() {}, warn() {}, error() {}}

/** Our plug-ins' options travel in `new Octokit({stewards})` (OctokitOptions accepts any key). */
export function requireOptions(options: {[option: string]: unknown}): StewardsHttpOptions {
  const http = options.stewards as StewardsHttpOptions | undefined
  if (!http) throw new Error('stewards octokit plug-ins need the `stewards` option')
  return http
}
