import type {AttributedRoleHolder, Role} from '../core/model.js'
import {firstPerLogin} from '../core/measurement.js'
import type {Base} from './types.js'
import {halfReachedBy, INDEPENDENT, ranked, share, sharesOf, tally, topCompany} from './figures.js'

/**
 * Which role holders are "the maintainers": the first group present in this order. Projects name their senior
 * group differently (a MAINTAINERS table; OWNERS owners and approvers; containerd's committers; a CODEOWNERS
 * `*` rule), and the governance parser labels each person with the role the file gives them.
 */
export const MAINTAINER_GROUPS: ReadonlyArray<readonly Role[]> = [
  ['maintainer'],
  ['owner', 'approver'],
  ['committer'],
  ['codeowner'],
]

/**
 * Governance weight per role for the role-weighted view: who can merge and release weighs more than who
 * reviews. A judgement call, documented in src/measure/README.md; security contacts and emeriti weigh nothing.
 */
export const ROLE_WEIGHTS: Partial<Record<Role, number>> = {
  maintainer: 4,
  owner: 4,
  approver: 3,
  committer: 3,
  reviewer: 2,
  codeowner: 1,
}

/** One entry per login (case-insensitive), first occurrence kept. */
export function uniqueHolders(holders: readonly AttributedRoleHolder[]): AttributedRoleHolder[] {
  return firstPerLogin(holders, (h) => h.login)
}

/**
 * The maintainers: the governance stage's selection when given, else the first role group present. No holders
 * means the maintainers are unknown (their figures null), never zero; `teams` are teams standing for them whose
 * members could not be read.
 */
export function maintainerGroup(base: Base): {rule: string; holders: AttributedRoleHolder[]; teams: string[]} {
  const selected = base.input.maintainers
  if (selected) {
    const byLogin = new Map<string, AttributedRoleHolder>()
    for (const holder of base.roles)
      if (!byLogin.has(holder.login.toLowerCase())) byLogin.set(holder.login.toLowerCase(), holder)
    const holders = selected.logins.map((login) => byLogin.get(login.toLowerCase())).filter((h) => h !== undefined)
    return {rule: selected.rule, holders: uniqueHolders(holders), teams: [...(selected.teams ?? [])].sort()}
  }
  for (const group of MAINTAINER_GROUPS) {
    const holders = base.roles.filter((h) => (group as readonly string[]).includes(h.role))
    if (holders.length > 0) return {rule: `roles: ${group.join(', ')}`, holders: uniqueHolders(holders), teams: []}
  }
  return {rule: 'no governance file names maintainers', holders: [], teams: []}
}

export interface GroupFigures {
  count: number
  resolved: number
  unknown: number
  perOrg: Record<string, number>
  elephantFactor: number | null
  topCompany: string | null
  /** Every company (Independent excluded) with as many members as the top one, in name order: a tie has several. */
  topCompanies: string[]
  /** Top company's members over everyone listed, unknown included. */
  topCompanyShare: number | null
  unknownShare: number | null
}

/** EXPECTED.json's maintainer figures for one group of people. */
export function groupFigures(holders: readonly AttributedRoleHolder[]): GroupFigures {
  const people = uniqueHolders(holders)
  const perOrg = tally(people, (h) => h.attribution.organization)
  const resolved = Object.values(perOrg).reduce((a, b) => a + b, 0)
  const top = topCompany(perOrg)
  return {
    count: people.length,
    resolved,
    unknown: people.length - resolved,
    perOrg,
    elephantFactor: halfReachedBy(perOrg),
    topCompany: top?.[0] ?? null,
    topCompanies: top
      ? ranked(perOrg)
          .filter(([org, n]) => org !== INDEPENDENT && n === top[1])
          .map(([org]) => org)
      : [],
    topCompanyShare: top ? share(top[1], people.length) : null,
    unknownShare: share(people.length - resolved, people.length),
  }
}

export function weightedShares(roles: readonly AttributedRoleHolder[]): {
  shares: Record<string, number> | null
  topCompany: string | null
  topCompanyShare: number | null
} {
  const best = new Map<string, {weight: number; organization: string | null}>()
  for (const holder of roles) {
    const weight = ROLE_WEIGHTS[holder.role as Role]
    if (!weight) continue
    const login = holder.login.toLowerCase()
    const current = best.get(login)
    if (!current || weight > current.weight) best.set(login, {weight, organization: holder.attribution.organization})
  }
  const total = [...best.values()].reduce((sum, b) => sum + b.weight, 0)
  if (total === 0) return {shares: null, topCompany: null, topCompanyShare: null}
  const perOrg: Record<string, number> = {}
  for (const {weight, organization} of best.values()) {
    if (organization !== null) perOrg[organization] = (perOrg[organization] ?? 0) + weight
  }
  const top = ranked(perOrg).find(([org]) => org !== INDEPENDENT)
  return {
    shares: sharesOf(perOrg, total),
    topCompany: top?.[0] ?? null,
    topCompanyShare: top ? share(top[1], total) : null,
  }
}
