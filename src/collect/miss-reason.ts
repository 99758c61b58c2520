/**
 * How a project the run could not read from recorded data is worded in its reason (a request the cache could not
 * answer while offline, a project a recorded collection replayed with --snapshot does not hold), and how that
 * wording and a rate-limit stop's are recognised. pipeline/next-step.ts says what to do next from a project's reason, in a live run and from
 * a saved report alike, where only the text travels: so it is written and read here, once. (Profiles missing
 * offline are the run's problem, not a project's reason, and are worded where they are found.)
 */

/** A request the cache could not answer while offline. */
export function cacheMissMessage(what: string): string {
  return `offline: ${what} is not in the cache`
}

/** A project a recorded collection (`collect --format json`, replayed with --snapshot) does not hold. */
export function snapshotMissMessage(repo: string): string {
  return `${repo}: not in the snapshot`
}

const CACHE_MISS = /offline: .* is not in the cache/
/** Gaps of one project are joined with `; ` (collect/sources/github/session.ts). */
const SNAPSHOT_MISS = /(?:^|; )\S+: not in the snapshot(?:;|$)/

/** True when a project's reason says recorded data did not hold it (either wording above). */
export function isRecordedDataMiss(reason: string): boolean {
  return CACHE_MISS.test(reason) || SNAPSHOT_MISS.test(reason)
}

/**
 * GitHub's rate limits as the collect stage words a stop (octokit/errors.ts, octokit/client.ts): the primary limit
 * ("GitHub rate limit reached"), a secondary one ("secondary rate limit"), and its abuse-detection kind ("GitHub
 * abuse detection, not lifted…"), which names no rate limit.
 */
const RATE_LIMITED = /rate limit|abuse detection/i

/** A request a rate limit stopped: the primary limit, or a secondary one not lifted within the retries and the wait. */
export function rateLimitMessage(what: string, secondary?: 'secondary rate limit' | 'abuse detection'): string {
  return secondary
    ? `${what}: GitHub ${secondary}, not lifted within the retries and the wait bound`
    : `${what}: GitHub rate limit reached`
}

/** True when a project's reason says a GitHub rate limit stopped its collection. */
export function isRateLimitReason(reason: string): boolean {
  return RATE_LIMITED.test(reason)
}
