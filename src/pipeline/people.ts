import {buildPeopleReport} from '../attribute/index.js'
import type {AttributedProject, PersonSummary} from '../core/model.js'

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
      }
    })
    .sort((a, b) => b.commits - a.commits || (a.person < b.person ? -1 : 1))
}
