import {rememberSecret} from '../core/redact.js'

/**
 * The token: `--token`, else `GITHUB_TOKEN`, else `GH_TOKEN` (the GitHub CLI's name); none means anonymous.
 * Remembered as a secret, so every output boundary removes it wherever it would appear (src/core/redact.ts).
 */
export function resolveToken(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const value of [flag, env.GITHUB_TOKEN, env.GH_TOKEN]) {
    const token = value?.trim()
    if (token) {
      rememberSecret(token)
      return token
    }
  }
  return undefined
}
