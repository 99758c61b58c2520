import {StewardsError, usageError} from '../core/errors.js'
import {safeOutput} from '../core/neutralise.js'
import {redactSecrets} from '../core/redact.js'
import {parseRepo} from '../core/repo-name.js'
import {tokenTransportProblem} from './octokit/transport.js'
import {waitNotice} from './octokit/waits.js'
import type {ProgressEvent} from './types.js'
import {apiUrlList, githubEndpoints} from './sources/github/hosts.js'

/** Flag handling shared by the commands that collect (collect, people, scan). */

/**
 * Hosts repository names may be written under: github.com, and the Enterprise Server host of each
 * `https://HOST/api/v3` given (github.com stays nameable under --only-host: it is then reported, not refused).
 */
export function hostsFor(apiUrl: string | readonly string[] | undefined): string[] {
  const hosts = new Set(['github.com'])
  for (const url of apiUrlList(apiUrl)) if (/\/api\/v3$/.test(url)) hosts.add(new URL(url).host.toLowerCase())
  return [...hosts]
}

/**
 * `--github-api-url` (repeatable): http(s) URLs without credentials, one per host, and none that would carry
 * a token over plain http to another machine (issue #11: a token travels over https, or http to this machine
 * only). `token` is the token the first URL's host would get; the error never prints it.
 */
export function checkApiUrl<T extends string | readonly string[] | undefined>(
  value: T,
  token?: {token?: string; githubComToken?: string},
): T {
  if (value === undefined) return value
  const urls = typeof value === 'string' ? [value] : [...(value as readonly string[])]
  for (const url of urls) {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw usageError('bad-api-url', `--github-api-url '${redactSecrets(url)}' is not a URL`)
    }
    if (!/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password) {
      throw usageError(
        'bad-api-url',
        `--github-api-url '${parsed.protocol}//${parsed.host}${parsed.pathname}' must be an http(s) URL without credentials`,
      )
    }
  }
  for (const endpoint of githubEndpoints({apiUrl: urls, ...token}).endpoints) {
    const problem = endpoint.token ? tokenTransportProblem(new URL(endpoint.apiUrl)) : null
    if (problem)
      throw usageError(
        'insecure-transport',
        `--github-api-url ${endpoint.apiUrl}: ${problem}`,
        'use https (or http://127.0.0.1 for a local emulator), or run without a token',
      )
  }
  return value
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
export function rateLimitNotice(event: {seconds: number; until: string; anonymous?: boolean}): string {
  const what = event.anonymous ? "GitHub's anonymous rate limit (60 requests an hour)" : 'GitHub rate limit'
  const more = event.anonymous ? '; set GITHUB_TOKEN for 5,000 an hour' : ''
  return `${what} reached: waiting ${event.seconds}s, until ${event.until}, for the reset (--on-rate-limit stop ends the run with partial results instead${more})`
}

/**
 * What a collecting command must show on stderr for an event, TTY or not (a CI log must never be silent for
 * minutes), or null. `live`: a wait, shown on a terminal's status line (it is over soon), as a line otherwise.
 */
export function collectNotice(event: ProgressEvent): {text: string; live: boolean} | null {
  switch (event.type) {
    case 'rate-limit-wait':
      return {text: rateLimitNotice(event), live: false}
    case 'wait':
      return {text: waitNotice(event), live: true}
    case 'notice':
      return {text: event.message, live: false}
    default:
      return null
  }
}

/**
 * Shows a notice on stderr: a wait as the terminal's live status line (rewritten in place, cut to the width),
 * anything else, and everything without a terminal, as a line of its own.
 */
export function showNotice(stream: NodeJS.WriteStream, notice: {text: string; live: boolean}, prefix = ''): void {
  // Notices name repositories and hosts from the scanned tree and GitHub's answers: made safe like every output.
  const text = safeOutput(`${prefix}${notice.text}`)
  if (!stream.isTTY) stream.write(`${text}\n`)
  else if (notice.live) stream.write(`\r\x1b[2K${text.slice(0, (stream.columns || 80) - 1)}`)
  else stream.write(`\r\x1b[2K${text}\n`)
}

/** The paragraph of `--help` on networks and authentication, for every command that reaches GitHub. */
export const NETWORK_HELP = `Networks and authentication: HTTPS_PROXY (else HTTP_PROXY), HTTP_PROXY and NO_PROXY are honoured for GitHub and every registry; behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA certificate (PEM). Instead of a token, a GitHub App: GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and GITHUB_APP_PRIVATE_KEY (the PEM) or GITHUB_APP_PRIVATE_KEY_FILE make an installation token at the start of the run (valid one hour; --token wins over the app, the app over GITHUB_TOKEN).`
