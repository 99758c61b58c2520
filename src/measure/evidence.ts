import type {AttributedCommit, AttributedRoleHolder, Attribution, EvidencePerson} from '../core/model.js'
import {
  type AuthorTally,
  type EvidenceMarks,
  newestFirst,
  PEOPLE_LIMIT,
  rankAuthors,
  SHA_LIMIT,
} from '../core/measurement.js'
import type {Base} from './types.js'

export {PEOPLE_LIMIT}

/**
 * Human commits as author tallies, one per author (or per whatever `keyOf` tells apart): the commit count, the five
 * newest commits, and the attribution of the newest, which comes along.
 */
export function tallyAuthors(
  commits: readonly AttributedCommit[],
  keyOf: (commit: AttributedCommit) => string = (commit) => `${commit.person}\u0000${unverified(commit.attribution)}`,
): Array<{tally: AuthorTally; newest: AttributedCommit}> {
  const groups = new Map<string, AttributedCommit[]>()
  for (const commit of commits) {
    const key = keyOf(commit)
    const list = groups.get(key)
    if (list) list.push(commit)
    else groups.set(key, [commit])
  }
  return [...groups.values()].map((own) => {
    const recent = [...own].sort(newestFirst)
    const newest = recent[0]
    const tally: AuthorTally = {
      person: newest.person,
      organization: newest.attribution.organization,
      commits: own.length,
      recent: recent.slice(0, SHA_LIMIT).map(({sha, date}) => ({sha, date})),
      ...claimOf(newest.attribution),
    }
    return {tally, newest}
  })
}

/**
 * The authors of the human commits matching `keep`, most commits first, each with the attribution of their
 * latest such commit (its source and citation) and a few commit ids to open.
 */
export function authorsBehind(
  base: Base,
  keep: (c: AttributedCommit) => boolean,
  limit = PEOPLE_LIMIT,
): EvidencePerson[] {
  return rankAuthors(
    tallyAuthors(base.human.filter(keep)).map((t) => t.tally),
    limit,
  )
}

export function holdersBehind(holders: readonly AttributedRoleHolder[]): EvidencePerson[] {
  return holders.map((holder) => ({
    person: holder.login,
    organization: holder.attribution.organization,
    role: holder.role,
    roleSource: holder.source,
    ...claimOf(holder.attribution),
  }))
}

/** Source and citation of an attribution, and what a reader of the evidence must weigh (README "Forged evidence"). */
function claimOf(attribution: Attribution): {source?: string; citation?: string} & EvidenceMarks {
  const claim = attribution.claim
  if (!claim) return {}
  return {
    source: claim.source,
    citation: claim.citation,
    ...(unverified(attribution) ? {unverified: true} : {}),
    ...(claim.selfDeclared && !attribution.entityId ? {selfDeclared: true} : {}),
    ...(attribution.stale ? {stale: true} : {}),
  }
}

/** The attribution rests on an e-mail domain nothing vouches for: anyone can commit with any address. */
export function unverified(attribution: Attribution): boolean {
  return attribution.claim?.verification?.status === 'unverified'
}
