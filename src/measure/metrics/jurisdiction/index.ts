import type {Attribution, AttributedRoleHolder, EvidencePerson, Metrics} from '../../../core/model.js'
import {asks, authorsBehind, holdersBehind} from '../../evidence.js'
import {distinctPer, rankedRecord, share, sharesOf, tally} from '../../figures.js'
import type {Base, MetricFamily} from '../../types.js'
import {maintainerGroup, uniqueHolders} from '../../maintainer-groups.js'

/** Roles that can merge or release: the "maintainer or approver" of the listed-entity rules. */
const STEWARD_ROLES = new Set(['maintainer', 'owner', 'approver', 'committer'])

/**
 * Where the organisations behind a project are headquartered and which of them are on a government list, from
 * the entity data (rules/entities/) only. Shares use every human commit as the denominator, so commits of
 * unknown origin lower the covered share instead of disappearing.
 */
export const family: MetricFamily = {
  id: 'jurisdiction',
  description: 'Shares per country and per listed entity: commits, contributors, maintainers, by list.',
  builtOn: ['commits'],
  keys: [
    {
      key: 'commits_per_country',
      type: 'count-map',
      description: 'Human commits per headquarters country (ISO 3166-1 alpha-2).',
    },
    {key: 'commit_share_per_country', type: 'share-map', description: 'commits_per_country / human_commits.'},
    {key: 'contributors_per_country', type: 'count-map', description: 'Distinct human authors per country.'},
    {
      key: 'maintainers_per_country',
      type: 'count-map',
      description: 'Maintainers per country of their organisation.',
      builtOn: ['governance'],
    },
    {key: 'top_country', type: 'name', description: 'Country with the most human commits.'},
    {key: 'top_country_share', type: 'share', description: 'top_country commits / human_commits.'},
    {
      key: 'country_coverage',
      type: 'share',
      description: 'Human commits whose organisation has a known country / human_commits.',
    },
    {
      key: 'listed_commits',
      type: 'count',
      description: 'Human commits by organisations on a configured list at the window end.',
    },
    {key: 'listed_commit_share', type: 'share', description: 'listed_commits / human_commits.'},
    {key: 'listed_contributors', type: 'count', description: 'Distinct human authors at listed organisations.'},
    {
      key: 'listed_maintainers',
      type: 'count',
      description:
        'Distinct maintainers, owners, approvers or committers at listed organisations; null when the maintainers are unknown and no such role holder was counted.',
      builtOn: ['governance'],
    },
    {
      key: 'listed_role_holders',
      type: 'count',
      description: 'Distinct people in any governance role at listed organisations.',
      builtOn: ['governance'],
    },
    {
      key: 'listed_organizations',
      type: 'names',
      description: 'Listed organisations with commits or role holders, sorted.',
      builtOn: ['commits', 'governance'],
    },
    {key: 'commits_per_listed_org', type: 'count-map', description: 'Human commits per listed organisation.'},
    {
      key: 'role_holders_per_listed_org',
      type: 'count-map',
      description: 'Distinct role holders per listed organisation.',
      builtOn: ['governance'],
    },
    {
      key: 'commits_per_list',
      type: 'count-map',
      description: 'Human commits per list id (every list, not only configured ones).',
    },
    {key: 'commit_share_per_list', type: 'share-map', description: 'commits_per_list / human_commits.'},
    {
      key: 'role_holders_per_list',
      type: 'count-map',
      description: 'Distinct role holders per list id.',
      builtOn: ['governance'],
    },
    {
      key: 'listed_maintainers_per_list',
      type: 'count-map',
      description: 'Distinct people counted by listed_maintainers, per list id.',
      builtOn: ['governance'],
    },
  ],
  measure(base): Metrics {
    // Without entity data no country or listing is known: null, not zero.
    if (!base.input.entities) return {}
    const {listsOf, isListed} = listings(base)
    const human = base.human
    const countryOfCommit = (a: Attribution) => countryOf(base, a)
    const perCountry = tally(human, (c) => countryOfCommit(c.attribution))
    const covered = Object.values(perCountry).reduce((a, b) => a + b, 0)
    const top = Object.entries(rankedRecord(perCountry))[0]
    const listedCommits = human.filter((c) => isListed(c.attribution))
    const holders = uniqueHolders(base.roles)
    const listedHolders = holders.filter((h) => isListed(h.attribution))
    const stewards = listedStewards(base, isListed)
    const perList: Record<string, number> = {}
    for (const commit of human) for (const list of listsOf(commit.attribution)) perList[list] = (perList[list] ?? 0) + 1
    const holdersPerList: Record<string, number> = {}
    for (const holder of holders) {
      for (const list of listsOf(holder.attribution)) holdersPerList[list] = (holdersPerList[list] ?? 0) + 1
    }
    const maintainersPerList: Record<string, number> = {}
    for (const holder of stewards) {
      for (const list of listsOf(holder.attribution)) maintainersPerList[list] = (maintainersPerList[list] ?? 0) + 1
    }
    const listedOrgs = new Set<string>()
    for (const {attribution} of [...listedCommits, ...listedHolders]) {
      if (attribution.organization) listedOrgs.add(attribution.organization)
    }
    // Maintainers not found are unknown: no country figure, and "nobody listed" only when someone was counted.
    const maintainersKnown = maintainerGroup(base).holders.length > 0
    const stewardsKnown = maintainersKnown || stewards.length > 0
    return {
      commits_per_country: rankedRecord(perCountry),
      commit_share_per_country: sharesOf(perCountry, human.length),
      contributors_per_country: rankedRecord(
        distinctPer(
          human,
          (c) => countryOfCommit(c.attribution),
          (c) => c.person,
        ),
      ),
      maintainers_per_country: maintainersKnown
        ? rankedRecord(tally(maintainerGroup(base).holders, (h) => countryOf(base, h.attribution)))
        : null,
      top_country: top?.[0] ?? null,
      top_country_share: top ? share(top[1], human.length) : null,
      country_coverage: share(covered, human.length),
      listed_commits: listedCommits.length,
      listed_commit_share: share(listedCommits.length, human.length),
      listed_contributors: new Set(listedCommits.map((c) => c.person)).size,
      listed_maintainers: stewardsKnown ? stewards.length : null,
      listed_role_holders: listedHolders.length,
      listed_organizations: [...listedOrgs].sort(),
      commits_per_listed_org: rankedRecord(tally(listedCommits, (c) => c.attribution.organization)),
      role_holders_per_listed_org: rankedRecord(tally(listedHolders, (h) => h.attribution.organization)),
      commits_per_list: rankedRecord(perList),
      commit_share_per_list: sharesOf(perList, human.length),
      role_holders_per_list: rankedRecord(holdersPerList),
      listed_maintainers_per_list: stewardsKnown ? rankedRecord(maintainersPerList) : null,
    }
  },
  explain(keys, base) {
    const people: EvidencePerson[] = []
    const {isListed} = listings(base)
    if (
      asks(
        keys,
        'listed_commits',
        'listed_commit_share',
        'listed_contributors',
        'commits_per_list',
        'commit_share_per_list',
        'commits_per_listed_org',
      )
    ) {
      people.push(...authorsBehind(base, (c) => isListed(c.attribution)))
    }
    if (asks(keys, 'listed_maintainers', 'listed_maintainers_per_list'))
      people.push(...holdersBehind(listedStewards(base, isListed)))
    if (asks(keys, 'listed_role_holders', 'role_holders_per_list', 'role_holders_per_listed_org')) {
      people.push(...holdersBehind(uniqueHolders(base.roles).filter((h) => isListed(h.attribution))))
    }
    if (asks(keys, 'top_country', 'top_country_share', 'commits_per_country', 'commit_share_per_country')) {
      const top = Object.keys(rankedRecord(tally(base.human, (c) => countryOf(base, c.attribution))))[0]
      if (top) people.push(...authorsBehind(base, (c) => countryOf(base, c.attribution) === top))
    }
    return people
  },
}

/** Maintainers (whatever their role is called) plus owners, approvers and committers at listed organisations. */
function listedStewards(base: Base, isListed: (a: Attribution) => boolean): AttributedRoleHolder[] {
  const maintainers = new Set(maintainerGroup(base).holders.map((h) => h.login.toLowerCase()))
  const stewards = base.roles.filter((h) => STEWARD_ROLES.has(h.role) || maintainers.has(h.login.toLowerCase()))
  return uniqueHolders(stewards.filter((h) => isListed(h.attribution)))
}

/** The organisation's own headquarters country; a subsidiary does not take its parent's (unknown stays unknown). */
export function countryOf(base: Base, attribution: Attribution): string | null {
  const id = attribution.entityId
  if (!id || !base.input.entities) return null
  return base.input.entities.country(id) ?? null
}

/**
 * The lists each attributed organisation (or a parent) is on at the window end, as sorted ids, and whether one of
 * them counts (`MeasureInput.lists`). Memoised per organisation for one measure or explain call: the lookup walks
 * the parent chain, and a project has thousands of commits but few organisations.
 */
function listings(base: Base): {listsOf(a: Attribution): string[]; isListed(a: Attribution): boolean} {
  const entities = base.input.entities
  const configured = base.input.lists
  const memo = new Map<string, {lists: string[]; listed: boolean}>()
  const lookup = (id: string | null | undefined) => {
    if (!id || !entities) return undefined
    let entry = memo.get(id)
    if (!entry) {
      const lists = [...new Set(entities.lists(id, base.asOf).map((m) => m.list))].sort()
      entry = {lists, listed: lists.some((list) => !configured || configured.includes(list))}
      memo.set(id, entry)
    }
    return entry
  }
  return {
    listsOf: (a) => lookup(a.entityId)?.lists ?? [],
    isListed: (a) => lookup(a.entityId)?.listed ?? false,
  }
}
