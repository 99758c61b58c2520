import {StewardsError, usageError} from '../core/errors.js'
import {redactSecrets} from '../core/redact.js'
import {parseRepo} from '../core/repo-name.js'

/** Flag handling shared by the commands that collect (collect, people, scan). */

/** Hosts a source answers for: GitHub Enterprise Server (`https://HOST/api/v3`) answers for its own host too. */
export function hostsFor(apiUrl: string | undefined): string[] {
  return apiUrl && /\/api\/v3\/?$/.test(apiUrl) ? ['github.com', new URL(apiUrl).host.toLowerCase()] : ['github.com']
}

/** `--github-api-url`: an http(s) URL without credentials, else a usage error. */
export function checkApiUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw usageError('bad-api-url', `--github-api-url '${redactSecrets(url)}' is not a URL`)
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password) {
    throw usageError(
      'bad-api-url',
      `--github-api-url '${redactSecrets(url)}' must be an http(s) URL without credentials`,
    )
  }
  return url
}

/** `--git DIR` (paired with the repositories in order) or `--git OWNER/REPO=DIR`. */
export function pairGitDirs(repos: string[], values: string[]): Record<string, string> {
  const dirs: Record<string, string> = {}
  values.forEach((value, i) => {
    const eq = value.indexOf('=')
    if (eq > 0 && !('error' in parseRepo(value.slice(0, eq)))) {
      const ref = parseRepo(value.slice(0, eq))
      if (!('error' in ref)) dirs[ref.key] = value.slice(eq + 1)
      return
    }
    const repo = repos[i]
    if (!repo) throw new StewardsError('bad-git', `--git ${value}: no repository at position ${i + 1} to pair it with`)
    dirs[repo] = value
  })
  return dirs
}

/**
 * The line every collecting command prints to stderr when a rate-limit wait starts, TTY or not: a CI log
 * must show why the job sits still for up to an hour, until when, and how not to.
 */
export function rateLimitNotice(event: {seconds: number; until: string}): string {
  return `GitHub rate limit reached: waiting ${event.seconds}s, until ${event.until}, for the reset (--on-rate-limit stop ends the run with partial results instead)`
}
