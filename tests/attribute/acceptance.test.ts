/**
 * Acceptance (issue 5): with only gitdm evidence, every figure of ../shared/affiliation/EXPECTED.json that
 * attribution produces is equal for the ten shared projects: commits, bots, per organisation, authors, and the
 * maintainers' organisations of every group.
 */
import {describe, expect, it} from 'vitest'
import {attributeProject, loadAttributionContext} from '../../src/attribute/index.js'
import {summarizeCommits} from '../../src/attribute/summary.js'
import {holdersOf, summarizeRoles} from '../support/attribution-summary.js'
import {
  type GovernanceRole,
  parseGovernanceFiles,
  roleGroups,
  selectMaintainers,
  selectRoles,
  toRoleHolders,
} from '../../src/collect/governance/index.js'
import {companiesFile, expectedProjects, gitdmFile, hasShared, loadSharedProject} from './shared-projects.js'

/** EXPECTED's group names → the general selection rules (no per-project lists). */
const GROUPS: Record<string, (roles: GovernanceRole[]) => GovernanceRole[]> = {
  maintainers: (roles) => selectMaintainers(roles).holders,
  general_maintainers: (roles) =>
    selectRoles(roles, {
      roles: ['maintainer'],
      kinds: ['maintainers'],
      section: (s) => /^general maintainers$/i.test(s ?? ''),
    }),
  owners_approvers: (roles) => selectRoles(roles, {roles: ['approver'], kinds: ['owners']}),
  owners_reviewers: (roles) => selectRoles(roles, {roles: ['reviewer'], kinds: ['owners']}),
  approvers: (roles) => group(roles, 'approvers'),
  reviewers: (roles) => group(roles, 'reviewers'),
  codeowners_individuals: (roles) => group(roles, 'codeowners'),
}

function group(roles: GovernanceRole[], id: string): GovernanceRole[] {
  return roleGroups(roles).find((g) => g.id === id)?.holders ?? []
}

describe.skipIf(!hasShared)('attribution of the ten shared projects with gitdm only equals EXPECTED.json', async () => {
  // The body loads ../shared: without it, skipIf alone would still run this collector and fail.
  if (!hasShared) return
  const expected = expectedProjects()
  const context = await loadAttributionContext({
    affiliations: [gitdmFile],
    companies: companiesFile,
    sources: ['gitdm'],
  })

  it('reads the gitdm subset without a problem', () => {
    expect(context.problems).toEqual([])
    expect(Object.keys(expected)).toHaveLength(10)
  })

  for (const [repo, want] of Object.entries(expected)) {
    it(repo, async () => {
      const project = await loadSharedProject(repo)
      const governance = parseGovernanceFiles(project.governance)
      expect(governance.problems).toEqual([])
      const result = attributeProject(project, toRoleHolders(governance.roles), context)
      expect(result.asOf).toBe('2024-12-31')

      const got = summarizeCommits(result)
      for (const key of [
        'commits_total',
        'bot_commits',
        'human_commits',
        'attributed_commits',
        'unknown_commits',
        'independent_commits',
        'ambiguous_commits',
        'distinct_authors',
        'attributed_authors',
      ] as const) {
        expect(got[key], `${repo} ${key}`).toBe(want[key])
      }
      expect(got.commits_per_org).toEqual(want.commits_per_org)
      expect(Object.entries(got.commits_per_org), 'commits_per_org order: commits desc, then name').toEqual(
        Object.entries(want.commits_per_org),
      )
      expect(got.authors_per_org).toEqual(want.authors_per_org)
      expect(got.resolution_methods).toEqual(want.resolution_methods)
      expect(result.bots).toEqual(want.bot_identities)

      for (const [name, wantGroup] of Object.entries<{
        count: number
        resolved: number
        unknown: number
        per_org: Record<string, number>
        source: string
        people: Array<{
          login: string
          company: string | null
          company_raw: string | null
          resolution: string
          declared_affiliation: string | null
        }>
      }>(want.maintainers)) {
        const select = GROUPS[name]
        expect(select, `no selection rule for EXPECTED group '${name}'`).toBeDefined()
        const members = select(governance.roles)
        const holders = holdersOf(
          result,
          members.map((m) => m.login),
        )
        const summary = summarizeRoles(holders)
        expect([summary.count, summary.resolved, summary.unknown], `${repo} ${name} count/resolved/unknown`).toEqual([
          wantGroup.count,
          wantGroup.resolved,
          wantGroup.unknown,
        ])
        expect(Object.entries(summary.per_org), `${repo} ${name} per_org`).toEqual(Object.entries(wantGroup.per_org))
        expect(
          holders.map((h, i) => ({
            login: h.login,
            company: h.attribution.organization,
            company_raw: h.attribution.claim?.raw ?? null,
            resolution:
              h.attribution.resolution === 'unknown' && !h.attribution.known
                ? 'not-in-gitdm'
                : h.attribution.resolution,
            declared_affiliation: members[i].declaredAffiliation ?? null,
          })),
          `${repo} ${name} people`,
        ).toEqual(
          wantGroup.people.map(({login, company, company_raw, resolution, declared_affiliation}) => ({
            login,
            company,
            company_raw,
            resolution,
            declared_affiliation,
          })),
        )
        if (name === 'maintainers') {
          const keyword = selectMaintainers(governance.roles).rule.split(' ')[0]
          expect(wantGroup.source, `${repo}: EXPECTED's source names the file our rule chose`).toMatch(
            new RegExp(`\\b${keyword}\\b`),
          )
        }
      }
    })
  }
})
