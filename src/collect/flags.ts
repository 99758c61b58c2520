/**
 * The collecting flags, declared once for every command that collects (`scan`, `collect`, `people`): the same
 * names, descriptions and defaults everywhere, and one `collectOptionsFrom(flags, config)` that turns them (and the
 * matching `.stewards.yaml` keys, camelCase) into `CollectOptions`. Flags win over the file.
 */
import {Flags} from '@oclif/core'
import {z} from 'zod'
import {parseDuration} from '../core/duration.js'
import {RATE_LIMIT_POLICIES, type RateLimitPolicy} from '../core/rate-limit.js'
import {resolveWindow} from '../core/window.js'
import {checkApiUrl} from './cli-options.js'
import {resolveAuth} from './app-auth.js'
import {cacheUrlFlag} from '../core/cache/flags.js'
import type {CollectOptions} from './types.js'

export const collectFlags = {
  since: Flags.string({
    description: 'window start on commit author dates, UTC, inclusive (default: 12 months before --until)',
    helpValue: 'YYYY-MM-DD',
  }),
  until: Flags.string({description: "window end, exclusive (default: today's 00:00 UTC)", helpValue: 'YYYY-MM-DD'}),
  token: Flags.string({
    description:
      'GitHub token for the first --github-api-url host, else github.com (default: GITHUB_TOKEN, then GH_TOKEN; GH_ENTERPRISE_TOKEN for an Enterprise Server; none: anonymous, slow); sent only over https; never printed',
    helpValue: 'TOKEN',
  }),
  'github-api-url': Flags.string({
    description:
      'GitHub Enterprise Server API, https://HOST/api/v3 (repositories on HOST; github.com ones still come from github.com), or another URL standing for api.github.com; one per host, repeatable',
    helpValue: 'URL',
    multiple: true,
  }),
  'only-host': Flags.boolean({
    description:
      'collect only from the --github-api-url hosts: repositories on github.com are reported unavailable, with the reason',
  }),
  'max-commits': Flags.integer({
    description: 'commits listed per repository at most (default 50000); one over it is partial and says what was cut',
    min: 1,
    helpValue: 'N',
  }),
  'cache-dir': Flags.string({description: 'cache directory (default: $XDG_CACHE_HOME/stewards)', helpValue: 'DIR'}),
  'cache-url': cacheUrlFlag,
  'max-age': Flags.string({
    description: 'serve cache entries younger than this without asking, e.g. 30m, 24h, 7d (default 24h)',
    helpValue: 'DURATION',
  }),
  'profile-max-age': Flags.string({
    description:
      'serve cached profiles (name, company, organisations) younger than this without asking; a profile changes rarely (default 30d)',
    helpValue: 'DURATION',
  }),
  offline: Flags.boolean({
    description:
      'no network: use only the cache (or --snapshot); what is missing is reported and the run is incomplete',
    allowNo: true,
  }),
  snapshot: Flags.string({
    description:
      'replay a cache bundle (`stewards cache export`) or a recorded `collect --format json` instead of the network',
    helpValue: 'FILE',
  }),
  'on-rate-limit': Flags.string({
    description:
      "at GitHub's rate limit: wait for the reset (announced on stderr), or stop with partial results (default wait)",
    options: [...RATE_LIMIT_POLICIES],
  }),
  concurrency: Flags.integer({description: 'repositories collected at once (default 4)', min: 1, max: 64}),
}

/** The values oclif parses from `collectFlags`. */
export interface CollectFlagValues {
  since?: string
  until?: string
  token?: string
  'github-api-url'?: string[]
  'only-host'?: boolean
  'max-commits'?: number
  'cache-dir'?: string
  'cache-url'?: string
  'max-age'?: string
  'profile-max-age'?: string
  offline?: boolean
  snapshot?: string
  'on-rate-limit'?: string
  concurrency?: number
}

/** The `.stewards.yaml` keys of the collecting flags (no token: secrets do not belong in files). */
export const CollectConfig = z.strictObject({
  since: z.string().optional(),
  until: z.string().optional(),
  githubApiUrl: z.union([z.string(), z.array(z.string())]).optional(),
  onlyHost: z.boolean().optional(),
  maxCommits: z.number().int().min(1).optional(),
  cacheDir: z.string().optional(),
  maxAge: z.string().optional(),
  profileMaxAge: z.string().optional(),
  offline: z.boolean().optional(),
  snapshot: z.string().optional(),
  onRateLimit: z.enum(RATE_LIMIT_POLICIES).optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
})
export type CollectConfig = z.infer<typeof CollectConfig>

/**
 * Flags, else the file, else the documented defaults; a bad value is a usage error naming the flag. Tokens: the
 * flag, else a GitHub App's installation token, else the environment, each for one host (`resolveAuth`); a token never travels over plain http to
 * another machine (`checkApiUrl`).
 */
export async function collectOptionsFrom(
  flags: CollectFlagValues & {git?: string[]},
  config: CollectConfig = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<CollectOptions> {
  const maxAge = flags['max-age'] ?? config.maxAge
  const profileMaxAge = flags['profile-max-age'] ?? config.profileMaxAge
  const snapshot = flags.snapshot ?? config.snapshot
  const apiUrls = flags['github-api-url']?.length ? flags['github-api-url'] : listOf(config.githubApiUrl)
  const offline = flags.offline ?? config.offline
  // A GitHub App's installation token is made here, only when GitHub will be asked, and made again before it
  // expires, on the request that needs it (./app-auth.ts).
  const tokens = await resolveAuth(flags.token, apiUrls, {
    offline: Boolean(offline || snapshot || flags.git?.length),
    env,
  })
  return {
    window: resolveWindow(flags.since ?? config.since, flags.until ?? config.until),
    ...tokens,
    apiUrl: checkApiUrl(apiUrls, tokens),
    onlyHost: flags['only-host'] || config.onlyHost || undefined,
    maxCommits: flags['max-commits'] ?? config.maxCommits,
    cacheDir: flags['cache-dir'] ?? config.cacheDir,
    // Not from a settings file: a scanned project's settings must not choose where the cache goes.
    ...(flags['cache-url'] ? {cacheUrl: flags['cache-url']} : {}),
    maxAge: maxAge === undefined ? undefined : parseDuration(maxAge, '--max-age'),
    ...(profileMaxAge === undefined ? {} : {profileMaxAge: parseDuration(profileMaxAge, '--profile-max-age')}),
    offline,
    onRateLimit: (flags['on-rate-limit'] as RateLimitPolicy | undefined) ?? config.onRateLimit ?? 'wait',
    concurrency: flags.concurrency ?? config.concurrency,
    ...(snapshot ? {source: 'snapshot' as const, snapshot} : {}),
  }
}

function listOf(value: string | string[] | undefined): string[] | undefined {
  return value === undefined ? undefined : typeof value === 'string' ? [value] : value
}
