import {rememberSecret} from '../core/redact.js'
import {apiUrlList, hostOfApi} from './sources/github/hosts.js'

/**
 * The token: `--token`, else `GITHUB_TOKEN`, else `GH_TOKEN` (the GitHub CLI's name); none means anonymous.
 * Remembered as a secret, so every output boundary removes it wherever it would appear (src/core/redact.ts).
 */
export function resolveToken(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return firstOf(flag, env.GITHUB_TOKEN, env.GH_TOKEN)
}

/**
 * Which token goes to which host; each token to one host only. Without an Enterprise Server: `--token`, else
 * `GITHUB_TOKEN`, else `GH_TOKEN`, for github.com. With one (the first `--github-api-url` is `HOST/api/v3`): the
 * Enterprise Server gets `--token`, else `GH_ENTERPRISE_TOKEN` / `GITHUB_ENTERPRISE_TOKEN` (the GitHub CLI's
 * names), and github.com then gets `GITHUB_TOKEN` / `GH_TOKEN`; when only those are set, they go to the
 * Enterprise Server as before, and github.com is read anonymously.
 */
export function resolveTokens(
  flag: string | undefined,
  apiUrl: string | readonly string[] | undefined,
  env: NodeJS.ProcessEnv = process.env,
): {token?: string; githubComToken?: string} {
  const [first] = apiUrlList(apiUrl)
  if (!first || hostOfApi(first) === 'github.com') return optional({token: resolveToken(flag, env)})
  const enterprise = firstOf(flag, env.GH_ENTERPRISE_TOKEN, env.GITHUB_ENTERPRISE_TOKEN)
  if (enterprise) return optional({token: enterprise, githubComToken: firstOf(env.GITHUB_TOKEN, env.GH_TOKEN)})
  return optional({token: firstOf(env.GITHUB_TOKEN, env.GH_TOKEN)})
}

function firstOf(...values: Array<string | undefined>): string | undefined {
  for (const value of values) {
    const token = value?.trim()
    if (token) {
      rememberSecret(token)
      return token
    }
  }
  return undefined
}

function optional<T extends Record<string, string | undefined>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
