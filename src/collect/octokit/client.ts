import {randomUUID} from 'node:crypto'
import {retry} from '@octokit/plugin-retry'
import {throttling} from '@octokit/plugin-throttling'
import {Octokit} from '@octokit/rest'
import {proxyFetch} from '../../core/proxy.js'
import {rateLimitMessage} from '../miss-reason.js'
import {bottleneckYieldsImmediately} from './bottleneck-yield.js'
import {cachePlugin} from './cache-plugin.js'
import {guardPlugin} from './guard-plugin.js'
import {metricsPlugin} from './metrics-plugin.js'
import {type StewardsHttpOptions, silentLog} from './options.js'
import type {RateLimitPolicy} from '../../core/rate-limit.js'
import {trimEnd} from '../../core/trim-end.js'

/**
 * Plug-ins in registration order. before-after-hook makes the last registered the outermost:
 * cache (a fresh hit costs nothing) → retry (5xx, resets, timeouts, cut bodies) → throttling (primary and
 * secondary limits) → guard (origin, token transport, redirects, timeouts, body size and parsing, 202, the
 * booking of every wait) → metrics (every request that reaches the network).
 */
export const StewardsOctokit = Octokit.plugin(metricsPlugin, guardPlugin, throttling, retry, cachePlugin)
export type StewardsOctokit = InstanceType<typeof StewardsOctokit>

export interface ClientPolicy {
  onRateLimit: RateLimitPolicy
  /** Secondary-limit retries of one request (each waits `retry-after` seconds × retryBaseMs, booked in `waits`). */
  secondaryRetries: number
  /** Called before waiting for a primary rate-limit reset. */
  onWait?: (seconds: number) => void
}

// The plug-ins' limiters yield to the event loop without waiting a millisecond a step (./bottleneck-yield.ts).
bottleneckYieldsImmediately()

export function createClient(http: StewardsHttpOptions, policy: ClientPolicy): StewardsOctokit {
  return new StewardsOctokit({
    baseUrl: trimEnd(http.apiUrl, '/'),
    userAgent: 'stewards',
    log: silentLog,
    stewards: http,
    // HTTPS_PROXY / HTTP_PROXY / NO_PROXY (core/proxy.ts).
    request: {fetch: proxyFetch()},
    retry: {
      retries: http.retries,
      retryAfterBaseValue: http.retryBaseMs,
      // 409 is an empty repository, an answer rather than a glitch; 403 and 429 limits are throttling's.
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
    },
    throttle: {
      // plugin-throttling keeps module-wide limiter groups keyed by id: one key per client.
      id: randomUUID(),
      retryAfterBaseValue: http.retryBaseMs,
      // GitHub: without retry-after or a reset, wait at least one minute before retrying.
      fallbackSecondaryRateRetryAfter: 60,
      // plugin-throttling spaces "writes" 1 s apart and counts every GraphQL POST as one; ours are
      // read-only queries (GitHub's 1 s advice is for mutations), so that queue is a pass-through.
      write: passThroughGroup as never,
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => {
        if (policy.onRateLimit === 'wait' && retryCount < 3 && !http.state.stopped) {
          policy.onWait?.(retryAfter)
          return true
        }
        http.state.stopped ??= `${rateLimitMessage('stopped')} (--on-rate-limit ${policy.onRateLimit}, reset in ${retryAfter}s)`
        return false
      },
      // Every secondary-limit variant (the guard names them so): waited out within the run's wait bound.
      onSecondaryRateLimit: (
        retryAfter: number,
        options: {request?: unknown},
        _octokit: unknown,
        retryCount: number,
      ) => {
        if (retryCount >= policy.secondaryRetries) return false
        // Set by the guard plug-in when it named the limit.
        const named = (options.request ?? {}) as {limitCause?: string; limitRequest?: string}
        return http.waits.take(retryAfter * http.retryBaseMs, {
          reason: 'secondary-limit',
          request: named.limitRequest ?? 'a request',
          cause: named.limitCause ?? 'secondary rate limit',
          attempt: retryCount + 2,
          attempts: policy.secondaryRetries + 1,
        })
      },
    },
  })
}

const passThroughGroup = {
  key: () => ({
    schedule: (_options: unknown, task: (...args: unknown[]) => unknown, ...args: unknown[]) =>
      Promise.resolve(task(...args)),
  }),
}

/** GitHub.com serves GraphQL at /graphql; Enterprise Server at /api/graphql beside /api/v3. */
export function graphqlUrl(apiUrl: string): string {
  const base = trimEnd(apiUrl, '/')
  return /\/api\/v3$/.test(base) ? base.replace(/\/api\/v3$/, '/api/graphql') : `${base}/graphql`
}
