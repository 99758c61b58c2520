import type {AttributedCommit} from '../../../core/model.js'
import {authorsBehind} from '../../evidence.js'
import {
  distinctPer,
  halfReachedBy,
  INDEPENDENT,
  rankedRecord,
  reachingHalf,
  share,
  sum,
  tally,
  topCompany,
  without,
} from '../../figures.js'
import type {Base, MetricFamily} from '../../types.js'
import {compare} from '../../../core/compare.js'

/**
 * Organisational diversity of commits (CHAOSS "Elephant Factor", "Organizational Diversity"). Definitions follow
 * the conventions of ../shared/affiliation/EXPECTED.json: Independent is one organisation, unknown is excluded
 * from the elephant factor but never read as safe (its share is reported).
 */
export const family: MetricFamily = {
  id: 'organizations',
  description:
    'Commits and contributors per organisation, elephant factor, top company, Independent and unknown shares.',
  builtOn: ['commits'],
  keys: [
    {
      key: 'attributed_commits',
      type: 'count',
      description: 'Human commits with a known organisation (Independent included).',
    },
    {key: 'unknown_commits', type: 'count', description: 'Human commits whose organisation is unknown.'},
    {key: 'independent_commits', type: 'count', description: 'Human commits attributed to Independent.'},
    {
      key: 'company_commits',
      type: 'count',
      description: 'Human commits attributed to a company: attributed_commits minus Independent.',
    },
    {key: 'unknown_share', type: 'share', description: 'unknown_commits / human_commits.'},
    {key: 'independent_share', type: 'share', description: 'independent_commits / human_commits.'},
    {key: 'commit_coverage', type: 'share', description: 'attributed_commits / human_commits.'},
    {
      key: 'attributed_contributors',
      type: 'count',
      description: 'Distinct human authors with at least one attributed commit.',
    },
    {key: 'author_coverage', type: 'share', description: 'attributed_contributors / contributors.'},
    {
      key: 'commits_per_org',
      type: 'count-map',
      description: 'Human commits per organisation (Independent included, unknown left out).',
    },
    {key: 'contributors_per_org', type: 'count-map', description: 'Distinct human authors per organisation.'},
    {key: 'org_count', type: 'count', description: 'Organisations with at least one commit, Independent not counted.'},
    {
      key: 'elephant_factor',
      type: 'count',
      description:
        'Fewest organisations (Independent is one) reaching >= 50% of attributed commits; null when none is attributed.',
    },
    {
      key: 'elephant_factor_excl_independent',
      type: 'count',
      description: 'Same with Independent commits removed from numerator and denominator.',
    },
    {
      key: 'top_org',
      type: 'name',
      description: 'Organisation with the most commits, Independent included (ties: name order).',
    },
    {key: 'top_org_share', type: 'share', description: 'top_org commits / attributed_commits.'},
    {key: 'top_company', type: 'name', description: 'Organisation with the most commits, Independent excluded.'},
    {
      key: 'top_company_share',
      type: 'share',
      description: 'top_company commits / attributed_commits (Independent in, unknown out).',
    },
    {
      key: 'top_company_share_of_human',
      type: 'share',
      description: 'top_company commits / human_commits (unknown in the denominator).',
    },
    {
      key: 'top_company_share_of_companies',
      type: 'share',
      description: 'top_company commits / company_commits (Independent and unknown out).',
    },
    {
      key: 'commits_per_parent_org',
      type: 'count-map',
      description:
        'commits_per_org rolled up to the top parent organisation (subsidiaries, acquisitions) from the entity data.',
    },
    {
      key: 'top_parent_org',
      type: 'name',
      description: 'Parent organisation with the most commits, Independent excluded.',
    },
    {key: 'top_parent_org_share', type: 'share', description: 'top_parent_org commits / attributed_commits.'},
    {
      key: 'self_declared_commits',
      type: 'count',
      description:
        'Human commits attributed to an organisation only as the person declared it (profile company the organisation data does not name): counted above, never matched to a list, a country or a parent.',
    },
    {
      key: 'self_declared_orgs',
      type: 'names',
      description: 'Organisations with commits whose every attribution is as declared (self-declared), sorted.',
    },
  ],
  measure(base) {
    const human = base.human
    const perOrg = tally(human, orgOf)
    const attributed = sum(perOrg)
    const independent = perOrg[INDEPENDENT] ?? 0
    const contributors = new Set(human.map((c) => c.person)).size
    const attributedContributors = new Set(human.filter((c) => orgOf(c) !== null).map((c) => c.person)).size
    const top = reachingHalf(perOrg)?.[0] ?? null
    const company = topCompany(perOrg)
    const perParent = tally(human, (c) => parentOf(base, c))
    const parent = topCompany(perParent)
    return {
      attributed_commits: attributed,
      unknown_commits: human.length - attributed,
      independent_commits: independent,
      company_commits: attributed - independent,
      unknown_share: share(human.length - attributed, human.length),
      independent_share: share(independent, human.length),
      commit_coverage: share(attributed, human.length),
      attributed_contributors: attributedContributors,
      author_coverage: share(attributedContributors, contributors),
      commits_per_org: rankedRecord(perOrg),
      contributors_per_org: rankedRecord(distinctPer(human, orgOf, (c) => c.person)),
      org_count: Object.keys(without(perOrg, INDEPENDENT)).length,
      elephant_factor: halfReachedBy(perOrg),
      elephant_factor_excl_independent: halfReachedBy(without(perOrg, INDEPENDENT)),
      top_org: top?.[0] ?? null,
      top_org_share: top ? share(top[1], attributed) : null,
      top_company: company?.[0] ?? null,
      top_company_share: company ? share(company[1], attributed) : null,
      top_company_share_of_human: company ? share(company[1], human.length) : null,
      top_company_share_of_companies: company ? share(company[1], attributed - independent) : null,
      commits_per_parent_org: rankedRecord(perParent),
      top_parent_org: parent?.[0] ?? null,
      top_parent_org_share: parent ? share(parent[1], attributed) : null,
      ...selfDeclared(human),
    }
  },
  evidence(base, metrics) {
    const perOrg = tally(base.human, orgOf)
    const name = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null)
    const topCompany = name(metrics.top_company)
    const topOrg = name(metrics.top_org)
    const topParent = name(metrics.top_parent_org)
    const half = (reachingHalf(perOrg) ?? []).map(([org]) => org)
    const halfOfCompanies = (reachingHalf(without(perOrg, INDEPENDENT)) ?? []).map(([org]) => org)
    const orgs = [...new Set([topCompany, topOrg, ...half, ...halfOfCompanies])]
      .filter((o): o is string => o !== null)
      .sort()
    return [
      // The authors of each organisation a figure names, in name order.
      ...orgs.map((org) => ({
        id: `organization:${org}`,
        people: authorsBehind(base, (c) => orgOf(c) === org),
        keys: [
          ...(org === topCompany ? TOP_COMPANY_KEYS : []),
          ...(org === topOrg ? ['top_org', 'top_org_share'] : []),
          ...(half.includes(org) ? ['elephant_factor', 'commits_per_org', 'contributors_per_org', 'org_count'] : []),
          ...(halfOfCompanies.includes(org) ? ['elephant_factor_excl_independent'] : []),
        ],
      })),
      ...(topParent
        ? [
            {
              id: `parent-organization:${topParent}`,
              people: authorsBehind(base, (c) => parentOf(base, c) === topParent),
              keys: ['top_parent_org', 'top_parent_org_share', 'commits_per_parent_org'],
            },
          ]
        : []),
      {
        id: 'independent',
        people: authorsBehind(base, (c) => orgOf(c) === INDEPENDENT),
        keys: ['independent_commits', 'independent_share'],
      },
      // Unknown is never read as safe: name the largest unattributed contributors so someone can attribute them.
      {
        id: 'unknown-organization',
        people: authorsBehind(base, (c) => orgOf(c) === null),
        keys: ['unknown_commits', 'unknown_share', 'commit_coverage', 'author_coverage'],
      },
    ]
  },
}

const TOP_COMPANY_KEYS = [
  'top_company',
  'top_company_share',
  'top_company_share_of_human',
  'top_company_share_of_companies',
]

export function orgOf(commit: AttributedCommit): string | null {
  return commit.attribution.organization ?? null
}

/** The organisation's top parent from the entity data, else the organisation itself. */
export function parentOf(base: Base, commit: AttributedCommit): string | null {
  const org = orgOf(commit)
  const id = commit.attribution.entityId
  if (org === null || org === INDEPENDENT || !id || !base.input.entities) return org
  return base.input.entities.root(id, base.asOf)?.name ?? org
}

/** Organisations as declared: named by the person only, so curated facts (lists, countries, parents) never apply. */
function selfDeclared(human: readonly AttributedCommit[]): {
  self_declared_commits: number
  self_declared_orgs: string[]
} {
  const declared = new Set<string>()
  const curated = new Set<string>()
  let commits = 0
  for (const {attribution} of human) {
    if (!attribution.organization) continue
    const asDeclared = attribution.claim?.selfDeclared === true && !attribution.entityId
    if (asDeclared) commits++
    ;(asDeclared ? declared : curated).add(attribution.organization)
  }
  return {
    self_declared_commits: commits,
    self_declared_orgs: [...declared].filter((name) => !curated.has(name)).sort(compare),
  }
}
