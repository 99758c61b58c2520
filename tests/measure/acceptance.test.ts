/**
 * Acceptance (issue 6): for the ten shared projects, with gitdm-only attribution (issue 5's conventions), the
 * metrics equal ../shared/affiliation/EXPECTED.json: elephant factor (both variants), bus factor, top company and
 * its share, unknown share, and the maintainers' figures of every group.
 */
import {describe, expect, it} from 'vitest'
import {attributeProject, loadAttributionContext} from '../../src/attribute/index.js'
import {holdersOf} from '../support/attribution-summary.js'
import {
  type GovernanceRole,
  parseGovernanceFiles,
  roleGroups,
  selectMaintainers,
  selectRoles,
  toRoleHolders,
} from '../../src/collect/governance/index.js'
import {measureProject} from '../../src/measure/index.js'
import {groupFigures} from '../../src/measure/maintainer-groups.js'
import {companiesFile, expectedProjects, gitdmFile, hasShared, loadSharedProject} from '../attribute/shared-projects.js'

/** EXPECTED's group names → the governance stage's general selection rules. */
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
  approvers: (roles) => roleGroups(roles).find((g) => g.id === 'approvers')?.holders ?? [],
  reviewers: (roles) => roleGroups(roles).find((g) => g.id === 'reviewers')?.holders ?? [],
  codeowners_individuals: (roles) => roleGroups(roles).find((g) => g.id === 'codeowners')?.holders ?? [],
}

/** Where EXPECTED's group is exactly one of the per-role metric views, the view's key prefix. */
const VIEW: Record<string, [string, string]> = {
  owners_approvers: ['approver', 'approvers'],
  approvers: ['approver', 'approvers'],
  owners_reviewers: ['reviewer', 'reviewers'],
  reviewers: ['reviewer', 'reviewers'],
  codeowners_individuals: ['codeowner', 'codeowners'],
}

interface ExpectedGroup {
  count: number
  resolved: number
  unknown: number
  per_org: Record<string, number>
  elephant_factor: number
  top_company: string
  top_company_share_of_listed: number
}

describe.skipIf(!hasShared)('metrics of the ten shared projects equal EXPECTED.json', async () => {
  // The body loads ../shared: without it, skipIf alone would still run this collector and fail.
  if (!hasShared) return
  const expected = expectedProjects()
  const context = await loadAttributionContext({
    affiliations: [gitdmFile],
    companies: companiesFile,
    sources: ['gitdm'],
  })

  for (const [repo, want] of Object.entries(expected)) {
    it(repo, async () => {
      const project = await loadSharedProject(repo)
      const governance = parseGovernanceFiles(project.governance)
      const attributed = attributeProject(project, toRoleHolders(governance.roles), context)
      const selection = selectMaintainers(governance.roles)
      const m = measureProject({
        project,
        attributed,
        maintainers: {logins: selection.holders.map((h) => h.login), rule: selection.rule},
      })

      expect(
        {
          commits_total: m.commits_total,
          bot_commits: m.bot_commits,
          human_commits: m.human_commits,
          attributed_commits: m.attributed_commits,
          unknown_commits: m.unknown_commits,
          independent_commits: m.independent_commits,
          unknown_share: m.unknown_share,
          independent_share: m.independent_share,
          commit_coverage: m.commit_coverage,
          distinct_authors: m.contributors,
          attributed_authors: m.attributed_contributors,
          author_coverage: m.author_coverage,
          elephant_factor: m.elephant_factor,
          elephant_factor_excl_independent: m.elephant_factor_excl_independent,
          top_org: m.top_org,
          top_org_share_of_attributed: m.top_org_share,
          top_company: m.top_company,
          top_company_share_of_attributed: m.top_company_share,
          top_company_share_of_human: m.top_company_share_of_human,
          bus_factor: m.bus_factor,
        },
        repo,
      ).toEqual({
        commits_total: want.commits_total,
        bot_commits: want.bot_commits,
        human_commits: want.human_commits,
        attributed_commits: want.attributed_commits,
        unknown_commits: want.unknown_commits,
        independent_commits: want.independent_commits,
        unknown_share: want.unknown_share,
        independent_share: want.independent_share,
        commit_coverage: want.commit_coverage,
        distinct_authors: want.distinct_authors,
        attributed_authors: want.attributed_authors,
        author_coverage: want.author_coverage,
        elephant_factor: want.elephant_factor,
        elephant_factor_excl_independent: want.elephant_factor_excl_independent,
        top_org: want.top_org,
        top_org_share_of_attributed: want.top_org_share_of_attributed,
        top_company: want.top_company,
        top_company_share_of_attributed: want.top_company_share_of_attributed,
        top_company_share_of_human: want.top_company_share_of_human,
        bus_factor: want.bus_factor,
      })
      expect(Object.entries(m.commits_per_org as object), `${repo} commits_per_org`).toEqual(
        Object.entries(want.commits_per_org),
      )
      expect(m.contributors_per_org, `${repo} authors_per_org`).toEqual(want.authors_per_org)

      for (const [name, group] of Object.entries<ExpectedGroup>(want.maintainers)) {
        const wanted = [
          group.count,
          group.resolved,
          group.unknown,
          group.per_org,
          group.elephant_factor,
          group.top_company,
          group.top_company_share_of_listed,
        ]
        const holders = holdersOf(
          attributed,
          GROUPS[name](governance.roles).map((h) => h.login),
        )
        const f = groupFigures(holders)
        expect(
          [f.count, f.resolved, f.unknown, f.perOrg, f.elephantFactor, f.topCompany, f.topCompanyShare],
          `${repo} ${name}`,
        ).toEqual(wanted)
        if (name === 'maintainers') {
          const metrics = [
            'maintainers',
            'maintainers_resolved',
            'maintainers_unknown',
            'maintainers_per_org',
            'maintainer_elephant_factor',
          ]
          expect(
            [...metrics, 'maintainer_top_company', 'maintainer_top_company_share'].map((k) => m[k]),
            `${repo} maintainer metrics`,
          ).toEqual(wanted)
          expect(Object.keys(m.maintainers_per_org as object), `${repo} maintainers_per_org order`).toEqual(
            Object.keys(group.per_org),
          )
        }
        const view = VIEW[name]
        if (view) {
          const [one, many] = view
          const keys = [
            many,
            `${many}_resolved`,
            `${many}_unknown`,
            `${many}_per_org`,
            `${one}_elephant_factor`,
            `${one}_top_company`,
            `${one}_top_company_share`,
          ]
          expect(
            keys.map((k) => m[k]),
            `${repo} ${name} as the ${many} view`,
          ).toEqual(wanted)
        }
      }
    })
  }
})
