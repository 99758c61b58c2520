/** The token: `--token`, else `GITHUB_TOKEN`, else `GH_TOKEN` (the GitHub CLI's name); none means anonymous. */
export function resolveToken(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const value of [flag, env.GITHUB_TOKEN, env.GH_TOKEN]) {
    const token = value?.trim()
    if (token) return token
  }
  return undefined
}
