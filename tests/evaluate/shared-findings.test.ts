/**
 * Acceptance (issue 6): the default pack over the ten shared projects (gitdm-only attribution). Which rules fire
 * follows from EXPECTED.json's figures; every finding's evidence leads from the rule to the metric values, the
 * people, their commits (real shas of commits.json) and the line of the affiliation file that attributes them.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {EntityIndex} from '../../src/attribute/entities/entity-index.js'
import {loadEntities} from '../../src/attribute/entities/load.js'
import {attributeProject, loadAttributionContext} from '../../src/attribute/index.js'
import {parseGovernanceFiles, selectMaintainers, toRoleHolders} from '../../src/collect/governance/index.js'
import type {CollectedProject, Finding} from '../../src/core/model.js'
import {evaluateProjectDetailed, loadRules, scoreProject} from '../../src/evaluate/index.js'
import {type MeasureInput, measureProject} from '../../src/measure/index.js'
import {companiesFile, expectedProjects, gitdmFile, hasShared, loadSharedProject, projectDir} from '../attribute/shared-projects.js'

/** Every file of the project's governance folder (SECURITY.md included), as the collector would fetch them. */
function withAllGovernanceFiles(project: CollectedProject): CollectedProject {
  const dir = join(projectDir(project.repo), 'governance')
  const files = readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort()
  return {...project, governance: files.map((path) => ({path, content: readFileSync(join(dir, path), 'utf8')}))}
}

function fileLine(citation: string): string {
  const at = citation.lastIndexOf(':')
  return readFileSync(citation.slice(0, at), 'utf8').split('\n')[Number(citation.slice(at + 1)) - 1]
}

describe.skipIf(!hasShared)('the default pack over the ten shared projects', async () => {
  const expected = expectedProjects()
  const rules = await loadRules(['default'])
  const gitdmOnly = await loadAttributionContext({affiliations: [gitdmFile], companies: companiesFile, sources: ['gitdm']})

  async function evaluate(repo: string, entities?: EntityIndex) {
    const project = withAllGovernanceFiles(await loadSharedProject(repo))
    const governance = parseGovernanceFiles(project.governance)
    const context = entities
      ? await loadAttributionContext({affiliations: [gitdmFile], companies: companiesFile, sources: ['gitdm'], entities})
      : gitdmOnly
    const attributed = attributeProject(project, toRoleHolders(governance.roles), context)
    const selection = selectMaintainers(governance.roles)
    const input: MeasureInput = {project, attributed, entities, maintainers: {logins: selection.holders.map((h) => h.login), rule: selection.rule}}
    const metrics = measureProject(input)
    const result = evaluateProjectDetailed(rules, {repo, status: 'ok', metrics, input, window: project.window})
    return {project, attributed, metrics, ...result}
  }

  for (const [repo, want] of Object.entries(expected)) {
    it(`${repo}: the rules that fire follow from EXPECTED.json, with evidence down to commits and gitdm lines`, async () => {
      const {project, findings, errors} = await evaluate(repo)
      expect(errors).toEqual([])
      const maintainers = want.maintainers.maintainers
      const fired = findings.map((f) => f.ruleId).sort()
      const expectedRules = [
        want.commit_coverage < 0.6 && 'attribution-coverage-low',
        want.bus_factor === 1 && 'low-bus-factor',
        want.elephant_factor === 1 && 'low-elephant-factor',
        maintainers.count >= 2 && maintainers.top_company_share_of_listed >= 0.5 && 'maintainers-single-org',
        maintainers.unknown / maintainers.count > 0.5 && 'maintainer-affiliation-unknown',
        !project.governance.some((f) => /(^|\/)SECURITY\.md$/i.test(f.path)) && 'no-security-policy',
        want.attributed_commits >= 10 && want.top_company_share_of_attributed > 0.5 && 'single-org-majority',
      ].filter((id): id is string => typeof id === 'string')
      expect(fired).toEqual(expectedRules.sort())
      expect(scoreProject(findings)).toBeGreaterThanOrEqual(fired.length > 0 ? 15 : 0)

      const shas = new Map(project.commits.map((c) => [c.sha, c]))
      for (const finding of findings) followEvidence(finding, shas)
      const single = findings.find((f) => f.ruleId === 'single-org-majority')
      if (single) {
        expect(single.evidence.metrics).toEqual({
          attributed_commits: want.attributed_commits,
          top_company: want.top_company,
          top_company_share: want.top_company_share_of_attributed,
        })
        const people = single.evidence.people ?? []
        expect(people.length).toBeGreaterThan(0)
        expect(people.every((p) => p.organization === want.top_company && p.source === 'gitdm')).toBe(true)
        expect(people.reduce((n, p) => n + (p.commits ?? 0), 0)).toBeLessThanOrEqual(want.commits_per_org[want.top_company])
      }
    })
  }

  it('with organisation data, listed organisations among maintainers are found and explained (karmada-io/karmada)', async () => {
    const entities = await loadEntities()
    const {findings, errors, metrics} = await evaluate('karmada-io/karmada', entities)
    expect(errors).toEqual([])
    const listed = findings.find((f) => f.ruleId === 'listed-maintainer')
    expect(listed, 'listed-maintainer fires').toBeDefined()
    expect(metrics.listed_maintainers).toBeGreaterThan(0)
    for (const person of listed?.evidence.people ?? []) {
      expect(person.role).toMatch(/^(maintainer|owner|approver|committer)$/)
      expect(person.source).toBe('gitdm')
      const entity = entities.byName(person.organization ?? '')
      expect(entity && entities.lists(entity.id, '2024-12-31').length, `${person.organization} is listed`).toBeGreaterThan(0)
      // The governance file line that names them in that role.
      const [file, line] = (person.roleSource ?? '').split(':')
      const text = readFileSync(join(projectDir('karmada-io/karmada'), 'governance', file), 'utf8').split('\n')[Number(line) - 1]
      expect(text.toLowerCase()).toContain(person.person.toLowerCase())
    }
  })
})

/** Each person in the evidence: their commits exist and are theirs, and the cited line names their organisation. */
function followEvidence(finding: Finding, commits: Map<string, {author: {email: string}; login: string | null}>): void {
  for (const person of finding.evidence.people ?? []) {
    for (const sha of person.shas ?? []) expect(commits.has(sha), `${finding.ruleId}: ${sha} is a commit of the project`).toBe(true)
    if (person.organization === null) {
      expect(person.source, `${finding.ruleId}: unknown people carry no source`).toBeUndefined()
      continue
    }
    expect(person.source, `${finding.ruleId}: ${person.person} has a source`).toBe('gitdm')
    expect(person.citation).toMatch(/gitdm-subset\.txt:\d+$/)
    const cited = fileLine(person.citation ?? '')
    expect(cited.trim().length, `${person.citation} exists`).toBeGreaterThan(0)
  }
}
