/**
 * Reading a measurement (./model/measurement.ts) without the data it was measured from: the people behind the keys
 * a rule reads, and the figures that depend on which watch-lists count. The measure stage builds its own evidence
 * and listed figures with these functions, and evaluation (a fresh scan or `stewards evaluate` of a saved report)
 * reads them back with the same functions: one definition, the same bytes either way.
 */
import {compare} from './compare.js'
import {rankedRecord, share} from './figures.js'
import type {EvidencePerson, Metrics} from './model/finding.js'
import type {EvidenceGroup, ListedAuthor, ListedHolder, Listings, Measurement} from './model/measurement.js'

/** How many authors a group names, and how many commit ids per author: enough to audit, not a dump. */
export const PEOPLE_LIMIT = 10
export const SHA_LIMIT = 5

/** The people behind `keys`: the groups behind any of them, in evidence order, each person (role, organisation) once. */
export function peopleBehind(evidence: readonly EvidenceGroup[], keys: readonly string[]): EvidencePerson[] {
  const people: EvidencePerson[] = []
  const seen = new Set<string>()
  for (const group of evidence) {
    if (!group.keys.some((key) => keys.includes(key))) continue
    for (const person of group.people) {
      const id = `${person.person}\u0000${person.role ?? ''}\u0000${person.organization ?? ''}`
      if (seen.has(id)) continue
      seen.add(id)
      people.push(person)
    }
  }
  return people
}

/** What a reader of the evidence must weigh: an unverified address, an organisation as declared, a stale claim. */
export type EvidenceMarks = Pick<EvidencePerson, 'unverified' | 'selfDeclared' | 'stale'>

/** One author's human commits in some group: the unit authors are ranked from (tallies of one person add up). */
export type AuthorTally = Omit<ListedAuthor, 'entityId'>

/** Newest first, then by commit id: the order of an author's commits. */
export function newestFirst(a: {sha: string; date: string}, b: {sha: string; date: string}): number {
  return compare(b.date, a.date) || compare(a.sha, b.sha)
}

/**
 * Authors from their tallies, most commits first (then by identity), at most `limit`: each with the organisation,
 * source and citation of their newest commit, their commit count and up to five commit ids, newest first.
 */
export function rankAuthors(tallies: readonly AuthorTally[], limit = PEOPLE_LIMIT): EvidencePerson[] {
  const byPerson = new Map<string, AuthorTally[]>()
  for (const tally of tallies) {
    const own = byPerson.get(tally.person)
    if (own) own.push(tally)
    else byPerson.set(tally.person, [tally])
  }
  const people = [...byPerson].map(([person, own]) => {
    const recent = own.flatMap((tally) => tally.recent.map((commit) => ({...commit, tally}))).sort(newestFirst)
    const newest = recent[0]?.tally ?? own[0]
    const entry: EvidencePerson = {person, organization: newest.organization}
    if (newest.source !== undefined) entry.source = newest.source
    if (newest.citation !== undefined) entry.citation = newest.citation
    for (const mark of ['unverified', 'selfDeclared', 'stale'] as const) if (newest[mark]) entry[mark] = true
    return {
      ...entry,
      commits: own.reduce((n, tally) => n + tally.commits, 0),
      shas: recent.slice(0, SHA_LIMIT).map((c) => c.sha),
    }
  })
  people.sort((a, b) => b.commits - a.commits || compare(a.person, b.person))
  return people.slice(0, limit)
}

/**
 * The list-dependent figures of a project (src/measure/README.md, family `jurisdiction`) and the people behind
 * them, when the lists in `selected` count (every list when undefined). `humanCommits` is the denominator of the
 * share.
 */
export function listedFigures(
  listings: Listings,
  selected: readonly string[] | undefined,
  humanCommits: number,
): {metrics: Metrics; groups: Array<Omit<EvidenceGroup, 'keys'>>} {
  const listsOf = (entityId: string) =>
    Object.hasOwn(listings.organizations, entityId) ? listings.organizations[entityId] : []
  const listed = (entityId: string) => listsOf(entityId).some((list) => !selected || selected.includes(list))
  const authors = listings.authors.filter((a) => listed(a.entityId))
  const stewards = firstPerLogin(
    listings.stewards.filter((h) => listed(h.entityId)),
    (h) => h.person,
  )
  const holders = listings.roleHolders.filter((h) => listed(h.entityId))
  const commits = authors.reduce((n, a) => n + a.commits, 0)
  const unverifiedCommits = authors.reduce((n, a) => n + (a.unverified ? a.commits : 0), 0)
  const commitsPerOrg = new Map<string, number>()
  for (const a of authors) if (a.organization !== null) add(commitsPerOrg, a.organization, a.commits)
  const holdersPerOrg = new Map<string, number>()
  for (const h of holders) if (h.organization !== null) add(holdersPerOrg, h.organization, 1)
  const stewardsPerList = new Map<string, number>()
  for (const h of stewards) for (const list of listsOf(h.entityId)) add(stewardsPerList, list, 1)
  const organizations = new Set(
    [...authors, ...holders].flatMap((x) => (x.organization === null ? [] : [x.organization])),
  )
  const metrics: Metrics = {
    listed_commits: commits,
    listed_commit_share: share(commits, humanCommits),
    listed_commits_unverified: unverifiedCommits,
    listed_commit_share_excl_unverified: share(commits - unverifiedCommits, humanCommits),
    listed_contributors: new Set(authors.map((a) => a.person)).size,
    listed_maintainers: stewards.length,
    listed_maintainers_unverified: stewards.filter((h) => h.unverified).length,
    listed_role_holders: holders.length,
    listed_organizations: [...organizations].sort(),
    commits_per_listed_org: rankedRecord(Object.fromEntries(commitsPerOrg)),
    role_holders_per_listed_org: rankedRecord(Object.fromEntries(holdersPerOrg)),
    listed_maintainers_per_list: rankedRecord(Object.fromEntries(stewardsPerList)),
  }
  return {
    metrics,
    groups: [
      {id: 'listed-authors', people: rankAuthors(authors)},
      {id: 'listed-stewards', people: stewards.map(asPerson)},
      {id: 'listed-role-holders', people: holders.map(asPerson)},
    ],
  }
}

/**
 * The measurement as if `selected` were the lists that count: the listed figures and their people recomputed from
 * the listings. A figure that could not be known (a part not read, no organisation data) stays unknown.
 */
export function relist(measurement: Measurement, selected: readonly string[]): Measurement {
  const {listings} = measurement
  if (!listings) return measurement
  const human = measurement.metrics.human_commits
  const fresh = listedFigures(listings, selected, typeof human === 'number' ? human : 0)
  const metrics = {...measurement.metrics}
  for (const [key, value] of Object.entries(fresh.metrics))
    if (metrics[key] !== null && metrics[key] !== undefined) metrics[key] = value
  const evidence = measurement.evidence.map((group) => {
    const people = fresh.groups.find((g) => g.id === group.id)?.people
    return people ? {...group, people} : group
  })
  return {...measurement, metrics, evidence}
}

function add(counts: Map<string, number>, key: string, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n)
}

/** One entry per login (case-insensitive), the first kept: how governance files name a person counts once. */
export function firstPerLogin<T>(items: readonly T[], loginOf: (item: T) => string): T[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const login = loginOf(item).toLowerCase()
    if (seen.has(login)) return false
    seen.add(login)
    return true
  })
}

function asPerson({entityId: _, ...person}: ListedHolder): EvidencePerson {
  return person
}
