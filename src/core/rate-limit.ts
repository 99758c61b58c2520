/** At GitHub's primary rate limit: wait for the reset (announced on stderr) or stop with partial results. */
export const RATE_LIMIT_POLICIES = ['wait', 'stop'] as const
export type RateLimitPolicy = (typeof RATE_LIMIT_POLICIES)[number]
