/**
 * Issue 5: with email domains and the organisation data added to gitdm, coverage rises; this lists which
 * commits changed and why, and checks each change against the raw data independently.
 */
import {describe, expect, it} from 'vitest'
import type {AttributedProject} from '../../src/core/model.js'
import {attributeProject, loadAttributionContext} from '../../src/attribute/index.js'
import {loadEntities} from '../../src/attribute/entities/load.js'
import {isPublicWebmail} from '../../src/attribute/entities/webmail.js'
import {type AttributionChange, diffAttributions, summarizeCommits} from '../../src/attribute/summary.js'
import {companiesFile, expectedProjects, gitdmFile, hasShared, loadSharedProject} from './shared-projects.js'

describe.skipIf(!hasShared)('email domains and organisation data raise coverage', async () => {
  const entities = await loadEntities()
  const files = {affiliations: [gitdmFile], companies: companiesFile}
  const gitdmOnly = await loadAttributionContext({...files, sources: ['gitdm']})
  const withDomains = await loadAttributionContext({...files, sources: ['gitdm', 'email-domain'], entities})
  const runs: Array<{repo: string; before: AttributedProject; after: AttributedProject; changes: AttributionChange[]}> = []
  for (const repo of Object.keys(expectedProjects())) {
    const project = await loadSharedProject(repo)
    const before = attributeProject(project, [], gitdmOnly)
    const after = attributeProject(project, [], withDomains)
    runs.push({repo, before, after, changes: diffAttributions(before, after)})
  }

  it('never loses an attribution, and gitdm still decides wherever it did (names may become the entity name)', () => {
    for (const {repo, changes} of runs) {
      expect(changes.filter((c) => c.kind === 'lost' || c.kind === 'changed'), repo).toEqual([])
      for (const change of changes.filter((c) => c.kind === 'renamed')) {
        expect(change.source, `${repo} ${change.sha}`).toBe('gitdm')
        expect(entities.byName(change.before as string)?.name, `${repo} ${change.sha}: ${change.before} is an alias of ${change.after}`).toBe(change.after)
      }
    }
  })

  it('attributes newly only from a listed, non-webmail author email domain, and says so', () => {
    for (const {repo, after, changes} of runs) {
      const emails = new Map(after.commits.map((c) => [c.sha, (c.authorEmail ?? '').toLowerCase()]))
      for (const change of changes.filter((c) => c.kind === 'newly-attributed')) {
        const email = emails.get(change.sha) as string
        const domain = email.slice(email.indexOf('@') + 1)
        expect(isPublicWebmail(email), `${repo} ${change.sha}`).toBe(false)
        expect(change.source).toBe('email-domain')
        expect(change.citation).toContain(`author email domain ${domain}:`)
        expect(entities.matchDomain(email)?.organization.name, `${repo} ${change.sha} ${domain}`).toBe(change.after)
      }
    }
  })

  it('raises coverage: every commit left unknown by gitdm whose author domain the organisation data lists', () => {
    let total = 0
    for (const {repo, before, after, changes} of runs) {
      // Counted independently from the raw commits: unknown before, and a listed domain.
      const expectedNew = before.commits.filter((c) => !c.bot && !c.attribution.organization && entities.matchDomain(c.authorEmail ?? '')).length
      const newly = changes.filter((c) => c.kind === 'newly-attributed').length
      expect(newly, repo).toBe(expectedNew)
      const [b, a] = [summarizeCommits(before), summarizeCommits(after)]
      expect(a.attributed_commits - b.attributed_commits, repo).toBe(newly)
      expect(a.unknown_commits, repo).toBe(b.unknown_commits - newly)
      total += newly
    }
    expect(total).toBeGreaterThan(0)
  })

  it('for example, prometheus: grafana.com authors gitdm does not know become Grafana Labs', () => {
    const run = runs.find((r) => r.repo === 'prometheus/prometheus')
    expect(run).toBeDefined()
    const {before, changes} = run as (typeof runs)[number]
    const grafanaUnknown = before.commits.filter((c) => !c.bot && !c.attribution.organization && /@grafana\.com$/i.test(c.authorEmail ?? ''))
    const toGrafana = changes.filter((c) => c.kind === 'newly-attributed' && c.citation?.startsWith('author email domain grafana.com:'))
    expect(grafanaUnknown.length).toBeGreaterThan(0)
    expect(toGrafana.map((c) => c.sha)).toEqual(grafanaUnknown.map((c) => c.sha))
    expect(new Set(toGrafana.map((c) => c.after))).toEqual(new Set(['Grafana Labs']))
  })
})
