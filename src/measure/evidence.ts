import type {AttributedCommit, AttributedRoleHolder, Attribution, EvidencePerson} from '../core/model.js'
import type {Base} from './types.js'
import {compare} from '../core/compare.js'

/** How many people a finding names per group, and how many commits per person: enough to audit, not a dump. */
export const PEOPLE_LIMIT = 10
const SHA_LIMIT = 5

/**
 * The authors of the human commits matching `keep`, most commits first, each with the attribution of their
 * latest such commit (its source and citation) and a few commit ids to open.
 */
export function authorsBehind(
  base: Base,
  keep: (c: AttributedCommit) => boolean,
  limit = PEOPLE_LIMIT,
): EvidencePerson[] {
  const byPerson = new Map<string, AttributedCommit[]>()
  for (const commit of base.human) {
    if (!keep(commit)) continue
    const list = byPerson.get(commit.person) ?? []
    list.push(commit)
    byPerson.set(commit.person, list)
  }
  const people = [...byPerson].map(([person, commits]) => {
    const recent = [...commits].sort((a, b) => compare(b.date, a.date) || compare(a.sha, b.sha))
    const claim = recent[0].attribution.claim
    const entry: EvidencePerson = {person, organization: recent[0].attribution.organization}
    if (claim) Object.assign(entry, {source: claim.source, citation: claim.citation}, marks(recent[0].attribution))
    return {...entry, commits: commits.length, shas: recent.slice(0, SHA_LIMIT).map((c) => c.sha)}
  })
  people.sort((a, b) => (b.commits ?? 0) - (a.commits ?? 0) || compare(a.person, b.person))
  return people.slice(0, limit)
}

export function holdersBehind(holders: readonly AttributedRoleHolder[]): EvidencePerson[] {
  return holders.map((holder) => {
    const entry: EvidencePerson = {
      person: holder.login,
      organization: holder.attribution.organization,
      role: holder.role,
      roleSource: holder.source,
    }
    const claim = holder.attribution.claim
    if (claim) Object.assign(entry, {source: claim.source, citation: claim.citation}, marks(holder.attribution))
    return entry
  })
}

/** What a reader of the evidence must weigh: an unverified address, an organisation as declared, a stale claim. */
function marks(attribution: Attribution): Pick<EvidencePerson, 'unverified' | 'selfDeclared' | 'stale'> {
  const claim = attribution.claim
  return {
    ...(claim?.verification?.status === 'unverified' ? {unverified: true} : {}),
    ...(claim?.selfDeclared && !attribution.entityId ? {selfDeclared: true} : {}),
    ...(attribution.stale ? {stale: true} : {}),
  }
}

/** True when any of `wanted` is among `keys`. */
export function asks(keys: readonly string[], ...wanted: string[]): boolean {
  return wanted.some((key) => keys.includes(key))
}
