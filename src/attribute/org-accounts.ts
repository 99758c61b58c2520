/**
 * GitHub organisation accounts named by profiles (`@handle` in the company field): their identity, and which of
 * them several people of a project name as their employer (README "Self-declared organisations").
 */
import type {CollectedProject, OrgAccount} from '../core/model.js'
import {normalizeDomain} from '../entities/index.js'
import {readCompany} from './sources/profile-company/read-company.js'
import type {EntityLookup} from './types.js'

/**
 * An organisation account's identity: the organisation data's organisation when it names the account's own
 * name exactly, or (only for accounts with GitHub's verified-domain badge) its website's domain; else the
 * account's name (or login) as declared.
 */
export function accountIdentity(
  account: OrgAccount,
  entities: EntityLookup | undefined,
): {name: string; curated: boolean} {
  const name = account.name?.trim() || account.login
  const byName = entities?.byName(name)
  if (byName) return {name: byName.name, curated: true}
  const domain = account.isVerified ? websiteDomain(account.blog) : undefined
  const byDomain = domain ? entities?.matchDomain(domain, {includeWebsites: true}) : undefined
  if (byDomain) return {name: byDomain.organization.name, curated: true}
  return {name, curated: false}
}

export function describeAccount(account: OrgAccount): string {
  const facts = [
    account.name ? `named "${account.name}"` : '',
    account.blog ? `website ${account.blog}` : '',
    account.isVerified ? 'verified domain' : '',
  ].filter(Boolean)
  return `https://github.com/${account.login} is a GitHub organisation${facts.length ? ` (${facts.join(', ')})` : ''}`
}

function websiteDomain(blog: string | null | undefined): string | undefined {
  if (!blog) return undefined
  try {
    return normalizeDomain(new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(blog) ? blog : `https://${blog}`).hostname)
  } catch {
    return undefined
  }
}

/** "Several" people: an organisation two profiles of the project name is a company by their own account. */
export const SEVERAL_DECLARERS = 2

/**
 * Lower-case handle → the logins (sorted) whose profile company names that organisation account as their
 * current employer (read as the profile-company source reads it), for accounts GitHub says are organisations.
 */
export function declaredEmployers(
  project: CollectedProject,
  entities: EntityLookup | undefined,
): Map<string, string[]> {
  const byHandle = new Map<string, string[]>()
  for (const profile of Object.values(project.profiles)) {
    const reading = profile.company ? readCompany(profile.company, entities) : undefined
    if (reading?.kind !== 'account' || !project.orgAccounts?.[reading.handle]?.organization) continue
    const list = byHandle.get(reading.handle) ?? []
    list.push(profile.login.toLowerCase())
    byHandle.set(reading.handle, list)
  }
  for (const list of byHandle.values()) list.sort()
  return byHandle
}
