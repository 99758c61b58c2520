import {buildPeopleReport, evidenceWanted} from '../attribute/index.js'
import type {AttributedProject, PersonSummary, ProjectReport} from '../core/model.js'

/** One line per person for the scan report: commits, organisation at their latest commit, and its evidence. */
export function peopleSummary(project: AttributedProject): PersonSummary[] {
  return buildPeopleReport(project)
    .people.filter((p) => p.commits > 0)
    .map((p) => {
      const latest = [...p.periods].sort((a, b) => (a.last < b.last ? -1 : a.last > b.last ? 1 : 0)).at(-1)
      return {
        person: p.person,
        commits: p.commits,
        organization: latest?.organization ?? null,
        ...(latest?.source ? {source: latest.source} : {}),
        ...(latest?.citation ? {citation: latest.citation} : {}),
        ...(latest?.selfDeclared ? {selfDeclared: true} : {}),
        ...(latest?.verification?.status === 'unverified' ? {unverified: true} : {}),
        ...(latest?.stale ? {stale: true} : {}),
      }
    })
    .sort((a, b) => b.commits - a.commits || (a.person < b.person ? -1 : 1))
}

/**
 * Per project: the automation kept out of the people figures (with the rule that caught it), and the unattributed
 * authors whose evidence would raise coverage most. The report keeps them only where a coverage rule fired
 * (pipeline/judge.ts), so `stewards evaluate` of a saved report names them where they were named before.
 */
export function projectAttribution(project: AttributedProject): Pick<ProjectReport, 'automation' | 'wanted'> {
  const out: Pick<ProjectReport, 'automation' | 'wanted'> = {}
  const automation = Object.entries(project.bots).map(([identity, commits]) => ({
    identity,
    commits,
    ...(project.botRules?.[identity] ? {rule: project.botRules[identity]} : {}),
  }))
  if (automation.length > 0) out.automation = automation
  const wanted = evidenceWanted(project)
  if (wanted) out.wanted = wanted
  return out
}
