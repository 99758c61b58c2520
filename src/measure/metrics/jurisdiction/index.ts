import type {Attribution, AttributedRoleHolder, Listings, Metrics} from '../../../core/model.js'
import {compare} from '../../../core/compare.js'
import {listedFigures} from '../../../core/measurement.js'
import {authorsBehind, holdersBehind, tallyAuthors, unverified} from '../../evidence.js'
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
      key: 'listed_commits_unverified',
      type: 'count',
      description:
        'Of listed_commits, those resting only on an e-mail domain nothing vouches for (no GitHub-verified signature, not the account’s public e-mail, in no affiliation file): anyone can commit with any address.',
    },
    {
      key: 'listed_commit_share_excl_unverified',
      type: 'share',
      description: '(listed_commits - listed_commits_unverified) / human_commits.',
    },
    {
      key: 'listed_maintainers',
      type: 'count',
      description:
        'Distinct maintainers, owners, approvers or committers at listed organisations; null when the maintainers are unknown and no such role holder was counted.',
      builtOn: ['governance'],
    },
    {
      key: 'listed_maintainers_unverified',
      type: 'count',
      description: 'Of listed_maintainers, those whose attribution rests only on an unverified e-mail domain.',
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
    const {listsOf} = listLookup(base)
    const human = base.human
    const countryOfCommit = (a: Attribution) => countryOf(base, a)
    const perCountry = tally(human, (c) => countryOfCommit(c.attribution))
    const covered = Object.values(perCountry).reduce((a, b) => a + b, 0)
    const top = Object.entries(rankedRecord(perCountry))[0]
    const holders = uniqueHolders(base.roles)
    const perList: Record<string, number> = {}
    for (const commit of human) for (const list of listsOf(commit.attribution)) perList[list] = (perList[list] ?? 0) + 1
    const holdersPerList: Record<string, number> = {}
    for (const holder of holders) {
      for (const list of listsOf(holder.attribution)) holdersPerList[list] = (holdersPerList[list] ?? 0) + 1
    }
    // Maintainers not found are unknown: no country figure, and "nobody listed" only when someone was counted.
    const listings = listingsOf(base)!
    const maintainersKnown = maintainerGroup(base).holders.length > 0
    const stewardsKnown = maintainersKnown || listings.stewards.length > 0
    // The figures that change with the lists that count come from the listings, as `stewards evaluate --lists` does.
    const listed = listedFigures(listings, base.input.lists, human.length).metrics
    if (!stewardsKnown)
      for (const key of ['listed_maintainers', 'listed_maintainers_unverified', 'listed_maintainers_per_list'])
        listed[key] = null
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
      commits_per_list: rankedRecord(perList),
      commit_share_per_list: sharesOf(perList, human.length),
      role_holders_per_list: rankedRecord(holdersPerList),
      ...listed,
    }
  },
  evidence(base) {
    const listings = listingsOf(base)
    if (!listings) return []
    const [authors, stewards, holders] = listedFigures(listings, base.input.lists, base.human.length).groups
    const top = Object.keys(rankedRecord(tally(base.human, (c) => countryOf(base, c.attribution))))[0]
    return [
      {
        ...authors,
        keys: [
          'listed_commits',
          'listed_commit_share',
          'listed_commits_unverified',
          'listed_commit_share_excl_unverified',
          'listed_contributors',
          'commits_per_list',
          'commit_share_per_list',
          'commits_per_listed_org',
        ],
      },
      {...stewards, keys: ['listed_maintainers', 'listed_maintainers_unverified', 'listed_maintainers_per_list']},
      {...holders, keys: ['listed_role_holders', 'role_holders_per_list', 'role_holders_per_listed_org']},
      ...(top
        ? [
            {
              id: `country:${top}`,
              people: authorsBehind(base, (c) => countryOf(base, c.attribution) === top),
              keys: ['top_country', 'top_country_share', 'commits_per_country', 'commit_share_per_country'],
            },
          ]
        : []),
    ]
  },
  listings: listingsOf,
}

const LISTINGS = new WeakMap<Base, Listings>()

/**
 * Who works for an organisation on a list, per author and per role holder, with the lists of each such
 * organisation: enough to compute the listed figures for any choice of lists, here and in a saved report.
 */
function listingsOf(base: Base): Listings | undefined {
  if (!base.input.entities) return undefined
  const known = LISTINGS.get(base)
  if (known) return known
  const {listsOf} = listLookup(base)
  const organizations = new Map<string, string[]>()
  const onList = (a: Attribution) => {
    const lists = listsOf(a)
    if (lists.length === 0 || !a.entityId) return false
    organizations.set(a.entityId, lists)
    return true
  }
  const entityOf = (h: AttributedRoleHolder) => ({...holdersBehind([h])[0], entityId: h.attribution.entityId as string})
  const authors = tallyAuthors(
    base.human.filter((c) => onList(c.attribution)),
    (c) =>
      `${c.person}\u0000${c.attribution.entityId}\u0000${c.attribution.organization ?? ''}\u0000${unverified(c.attribution)}`,
  ).map(({tally, newest}) => ({...tally, entityId: newest.attribution.entityId as string}))
  const result: Listings = {
    organizations: {},
    authors,
    stewards: stewardsOf(base)
      .filter((h) => onList(h.attribution))
      .map(entityOf),
    roleHolders: uniqueHolders(base.roles)
      .filter((h) => onList(h.attribution))
      .map(entityOf),
  }
  result.organizations = Object.fromEntries([...organizations].sort((a, b) => compare(a[0], b[0])))
  LISTINGS.set(base, result)
  return result
}

/** Maintainers (whatever their role is called) plus owners, approvers and committers, in governance order. */
function stewardsOf(base: Base): AttributedRoleHolder[] {
  const maintainers = new Set(maintainerGroup(base).holders.map((h) => h.login.toLowerCase()))
  return base.roles.filter((h) => STEWARD_ROLES.has(h.role) || maintainers.has(h.login.toLowerCase()))
}

/** The organisation's own headquarters country; a subsidiary does not take its parent's (unknown stays unknown). */
export function countryOf(base: Base, attribution: Attribution): string | null {
  const id = attribution.entityId
  if (!id || !base.input.entities) return null
  return base.input.entities.country(id) ?? null
}

/**
 * The lists each attributed organisation (or a parent) is on at the window end, as sorted ids. Memoised per
 * organisation for one call: the lookup walks the parent chain, and a project has thousands of commits but few
 * organisations.
 */
function listLookup(base: Base): {listsOf(a: Attribution): string[]} {
  const entities = base.input.entities
  const memo = new Map<string, string[]>()
  return {
    listsOf(a) {
      const id = a.entityId
      if (!id || !entities) return []
      let lists = memo.get(id)
      if (!lists) {
        lists = [...new Set(entities.lists(id, base.asOf).map((m) => m.list))].sort()
        memo.set(id, lists)
      }
      return lists
    },
  }
}
