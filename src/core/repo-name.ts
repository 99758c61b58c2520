/**
 * Owner and repository names, validated against GitHub's naming rules before any URL is built:
 * names come from lockfiles and manifests, so `..` or `%2F` must never turn into another endpoint.
 * Rules: logins are 1-39 alphanumerics or hyphens, not starting with a hyphen (GitHub's sign-up form;
 * a few legacy accounts end with one, so that is allowed); repository names are 1-100 of
 * `[A-Za-z0-9._-]`, never `.` or `..` (GitHub's "create repository" rules).
 */
import {trimEnd} from './trim-end.js'
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/
const NAME = /^[A-Za-z0-9._-]{1,100}$/
/** Logins of people: the same shape as owners. `dependabot[bot]` and other apps are not users. */
const LOGIN = OWNER

export interface RepoRef {
  /** Lower-case host as written in the key (`github.com` or an Enterprise host). */
  host: string
  owner: string
  name: string
  /** `host/owner/name`, as given (case kept). */
  key: string
}

export function isValidOwner(owner: string): boolean {
  return OWNER.test(owner)
}

export function isValidRepoName(name: string): boolean {
  return NAME.test(name) && name !== '.' && name !== '..' && !/\.git$/i.test(name)
}

export function isValidLogin(login: string): boolean {
  return LOGIN.test(login)
}

/**
 * Parses `github.com/owner/name` (also `owner/name`, `https://github.com/owner/name(.git)`), or returns
 * a reason. `hosts` are the hosts this forge answers for.
 */
export function parseRepo(input: string, hosts: readonly string[] = ['github.com']): RepoRef | {error: string} {
  const text = trimEnd(input.trim().replace(/^https?:\/\//i, ''), '/').replace(/\.git$/i, '')
  const parts = text.split('/')
  if (parts.length === 2) parts.unshift(hosts[0] ?? 'github.com')
  if (parts.length !== 3) return {error: `'${input}' is not OWNER/REPO or HOST/OWNER/REPO`}
  const [rawHost, owner, name] = parts
  const host = rawHost.toLowerCase()
  if (!hosts.includes(host))
    return {error: `'${input}': host '${host}' is not served by this source (${hosts.join(', ')})`}
  if (!isValidOwner(owner)) return {error: `'${input}': '${owner}' is not a valid GitHub owner name`}
  if (!isValidRepoName(name)) return {error: `'${input}': '${name}' is not a valid GitHub repository name`}
  return {host, owner, name, key: `${host}/${owner}/${name}`}
}

/** Case-insensitive identity of a repository (GitHub names are case-insensitive). */
export function repoIdentity(ref: {host: string; owner: string; name: string}): string {
  return `${ref.host}/${ref.owner}/${ref.name}`.toLowerCase()
}

/** The host of a repository key (`github.com/a/b` → `github.com`), lower case. */
export function hostOfKey(key: string): string {
  return key.split('/')[0].toLowerCase()
}
