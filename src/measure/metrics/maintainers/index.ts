import type {AttributedRoleHolder, Metrics, Role} from '../../../core/model.js'
import {holdersBehind} from '../../evidence.js'
import {rankedRecord} from '../../figures.js'
import type {Base, MetricFamily, MetricKey} from '../../types.js'
import {groupFigures, maintainerGroup, ROLE_WEIGHTS, uniqueHolders, weightedShares} from '../../maintainer-groups.js'

/** Role views besides the maintainers: per role, how many people and how concentrated in one organisation. */
const VIEWS: Array<{prefix: string; plural: string; roles: Role[]}> = [
  {prefix: 'approver', plural: 'approvers', roles: ['approver']},
  {prefix: 'reviewer', plural: 'reviewers', roles: ['reviewer']},
  {prefix: 'committer', plural: 'committers', roles: ['committer']},
  {prefix: 'codeowner', plural: 'codeowners', roles: ['codeowner']},
]

function viewKeys(prefix: string, plural: string, who: string): MetricKey[] {
  return [
    {key: plural, type: 'count', description: `${who}: distinct logins named by governance files.`},
    {
      key: `${plural}_resolved`,
      type: 'count',
      description: `${who} whose organisation is known (Independent included).`,
    },
    {key: `${plural}_unknown`, type: 'count', description: `${who} whose organisation is unknown.`},
    {key: `${plural}_per_org`, type: 'count-map', description: `${who} per organisation (resolved only).`},
    {
      key: `${prefix}_elephant_factor`,
      type: 'count',
      description: `Fewest organisations (Independent is one) holding >= 50% of resolved ${plural}.`,
    },
    {
      key: `${prefix}_top_company`,
      type: 'name',
      description: `Organisation with the most ${plural}, Independent excluded.`,
    },
    {
      key: `${prefix}_top_company_share`,
      type: 'share',
      description: `${prefix}_top_company's ${plural} / all ${plural} listed (unknown in the denominator).`,
    },
  ]
}

/**
 * Maintainers per organisation and their elephant factor, per-role views, and a role-weighted view. The
 * "maintainers" are the project's most senior declared group (see ./groups.ts for the order).
 */
export const family: MetricFamily = {
  id: 'maintainers',
  description: 'Maintainers per organisation, maintainers elephant factor, per-role and role-weighted views.',
  builtOn: ['governance'],
  keys: [
    ...viewKeys('maintainer', 'maintainers', 'Maintainers'),
    {
      key: 'maintainer_top_companies',
      type: 'names',
      description:
        'Every organisation (Independent excluded) with as many maintainers as maintainer_top_company, in name order; several on a tie.',
    },
    {key: 'maintainer_unknown_share', type: 'share', description: 'maintainers_unknown / maintainers.'},
    {
      key: 'maintainer_rule',
      type: 'name',
      description:
        "How the maintainers were chosen: the governance stage's rule, else the first role present of maintainer; owner+approver; committer; codeowner.",
    },
    {
      key: 'maintainer_place',
      type: 'name',
      description:
        'Where the maintainers were found: repository, project (another repository of the project), pointer (a repository the project points to), organisation, foundation; null when unknown.',
    },
    {
      key: 'maintainer_teams_unresolved',
      type: 'names',
      description:
        'Teams (`org/team`) standing for the maintainers whose members GitHub did not show with the token used: the maintainers exist but are not known by name.',
    },
    ...VIEWS.flatMap((v) => viewKeys(v.prefix, v.plural, v.plural[0].toUpperCase() + v.plural.slice(1))),
    {
      key: 'role_weighted_org_shares',
      type: 'share-map',
      description: `Organisation shares of governance weight; each login counts once at its highest role (${describeWeights()}); unknown stays in the denominator.`,
    },
    {
      key: 'role_weighted_top_company',
      type: 'name',
      description: 'Organisation with the largest governance weight, Independent excluded.',
    },
    {
      key: 'role_weighted_top_company_share',
      type: 'share',
      description: "role_weighted_top_company's share of all governance weight.",
    },
  ],
  measure(base) {
    const group = maintainerGroup(base)
    const figures = groupFigures(group.holders)
    const metrics: Metrics = {
      ...viewMetrics('maintainer', 'maintainers', group.holders),
      maintainer_top_companies: figures.topCompanies,
      maintainer_unknown_share: figures.unknownShare,
      maintainer_rule: group.rule,
      maintainer_place: placeOf(group.holders),
      maintainer_teams_unresolved: group.teams,
    }
    // Nobody found is not nobody there: every maintainer figure is unknown (null), never 0.
    if (group.holders.length === 0) for (const key of MAINTAINER_FIGURES) metrics[key] = null
    for (const view of VIEWS) Object.assign(metrics, viewMetrics(view.prefix, view.plural, holdersIn(base, view.roles)))
    const weighted = weightedShares(base.roles)
    metrics.role_weighted_org_shares = weighted.shares
    metrics.role_weighted_top_company = weighted.topCompany
    metrics.role_weighted_top_company_share = weighted.topCompanyShare
    return metrics
  },
  evidence(base) {
    const keys = family.keys.map((k) => k.key)
    const starting = (prefix: string) => keys.filter((k) => k.startsWith(prefix))
    return [
      {id: 'maintainers', people: holdersBehind(maintainerGroup(base).holders), keys: starting('maintainer')},
      ...VIEWS.map((view) => ({
        id: view.plural,
        people: holdersBehind(holdersIn(base, view.roles)),
        keys: starting(view.prefix),
      })),
      {
        id: 'role-weighted',
        people: holdersBehind(uniqueHolders(base.roles.filter((h) => h.role in ROLE_WEIGHTS))),
        keys: starting('role_weighted_'),
      },
    ]
  },
}

/** The figures about the maintainers themselves: null when nobody was found. */
const MAINTAINER_FIGURES = [
  'maintainers',
  'maintainers_resolved',
  'maintainers_unknown',
  'maintainers_per_org',
  'maintainer_elephant_factor',
  'maintainer_top_company',
  'maintainer_top_company_share',
  'maintainer_top_companies',
  'maintainer_unknown_share',
  'maintainer_place',
]

/** Where the maintainers' list was found (the selection rule takes them from one place). */
function placeOf(holders: readonly AttributedRoleHolder[]): string | null {
  const place = holders[0]?.place
  return holders.length === 0 ? null : (place ?? 'repository')
}

function holdersIn(base: Base, roles: readonly Role[]): AttributedRoleHolder[] {
  return uniqueHolders(base.roles.filter((h) => (roles as readonly string[]).includes(h.role)))
}

function viewMetrics(prefix: string, plural: string, holders: AttributedRoleHolder[]): Metrics {
  const figures = groupFigures(holders)
  return {
    [plural]: figures.count,
    [`${plural}_resolved`]: figures.resolved,
    [`${plural}_unknown`]: figures.unknown,
    [`${plural}_per_org`]: rankedRecord(figures.perOrg),
    [`${prefix}_elephant_factor`]: figures.elephantFactor,
    [`${prefix}_top_company`]: figures.topCompany,
    [`${prefix}_top_company_share`]: figures.topCompanyShare,
  }
}

function describeWeights(): string {
  return Object.entries(ROLE_WEIGHTS)
    .map(([role, weight]) => `${role} ${weight}`)
    .join(', ')
}
