import {usageError} from '../../../core/errors.js'
import {trimEnd} from '../../../core/trim-end.js'

export const DEFAULT_API_URL = 'https://api.github.com'

/** One GitHub this run collects from: the forge host its repositories are named under, its API, its token. */
export interface GithubEndpoint {
  host: string
  apiUrl: string
  token?: string
  /** A GitHub App's installation token made again before it expires (app-auth.ts). */
  renewToken?: () => Promise<string>
}

export interface EndpointOptions {
  /** `--github-api-url`, repeatable: `https://HOST/api/v3` is an Enterprise Server for HOST; any other URL answers for github.com. */
  apiUrl?: string | readonly string[]
  /** The token of the first `--github-api-url` host (github.com when none is given). */
  token?: string
  /** github.com's token when the first API URL is an Enterprise Server's (never the other host's token). */
  githubComToken?: string
  /** Renews `token` (a GitHub App's installation token). */
  renewToken?: () => Promise<string>
  /** Collect only from the hosts of `--github-api-url`: github.com is not asked unless it is one of them. */
  onlyHost?: boolean
  /** Hosts answered from recorded data only (a snapshot's): no API is ever called for them. */
  offlineHosts?: readonly string[]
}

/** `https://HOST/api/v3` (GitHub Enterprise Server's layout). */
export function isEnterpriseApi(url: string): boolean {
  return /\/api\/v3\/?$/.test(url)
}

export function apiUrlList(apiUrl: string | readonly string[] | undefined): string[] {
  if (apiUrl === undefined) return []
  return (typeof apiUrl === 'string' ? [apiUrl] : [...apiUrl]).map((u) => trimEnd(u, '/'))
}

/** The forge host an API URL answers for. */
export function hostOfApi(url: string): string {
  return isEnterpriseApi(url) ? new URL(url).host.toLowerCase() : 'github.com'
}

/**
 * Which API answers for which host, with which token. github.com is collected from api.github.com unless an
 * API URL is given for it, or `onlyHost` keeps the run to the given hosts. A token goes to one host only:
 * `token` to the first given API's host, `githubComToken` to github.com when that is not the first.
 */
export function githubEndpoints(options: EndpointOptions): {endpoints: GithubEndpoint[]; refused: Map<string, string>} {
  const urls = apiUrlList(options.apiUrl)
  const endpoints: GithubEndpoint[] = []
  for (const [i, apiUrl] of urls.entries()) {
    const host = hostOfApi(apiUrl)
    if (endpoints.some((e) => e.host === host))
      throw usageError(
        'bad-api-url',
        `--github-api-url: two API URLs answer for ${host}`,
        'give one --github-api-url per host (https://HOST/api/v3 for an Enterprise Server; any other URL stands for github.com)',
      )
    const token = i === 0 ? options.token : host === 'github.com' ? options.githubComToken : undefined
    const renew = i === 0 && token && options.renewToken ? {renewToken: options.renewToken} : {}
    endpoints.push({host, apiUrl, ...(token ? {token} : {}), ...renew})
  }
  const refused = new Map<string, string>()
  if (!endpoints.some((e) => e.host === 'github.com')) {
    if (options.onlyHost && urls.length > 0)
      refused.set(
        'github.com',
        `github.com is not collected: --only-host keeps this run to ${endpoints.map((e) => e.host).join(', ')}`,
      )
    else {
      const token = urls.length === 0 ? options.token : options.githubComToken
      const renew = urls.length === 0 && token && options.renewToken ? {renewToken: options.renewToken} : {}
      endpoints.push({host: 'github.com', apiUrl: DEFAULT_API_URL, ...(token ? {token} : {}), ...renew})
    }
  }
  for (const host of options.offlineHosts ?? []) {
    if (!endpoints.some((e) => e.host === host) && !refused.has(host))
      endpoints.push({host, apiUrl: host === 'github.com' ? DEFAULT_API_URL : `https://${host}/api/v3`})
  }
  return {endpoints, refused}
}

/** Why a repository on `host` is not collected by this run (a host no endpoint answers for). */
export function notCollectedReason(host: string, refused: ReadonlyMap<string, string>): string {
  return (
    refused.get(host) ??
    `${host} is not collected: stewards collects from github.com and the GitHub Enterprise Server hosts given with --github-api-url (for ${host}, if it is one: --github-api-url https://${host}/api/v3)`
  )
}
