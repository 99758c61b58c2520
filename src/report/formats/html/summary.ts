/**
 * The executive summary the HTML report opens with: the verdict line, when the data is from, the riskiest projects,
 * the organisations on the lists that counted (highlighted), and the countries of the organisations behind the
 * attributed commits as the organisation data states their headquarters. Every figure is one the scan wrote; no
 * country is ever inferred from a person.
 */
import type {ProjectReport, ScanResult} from '../../../core/model.js'
import {numberMetric} from '../../shared/metrics.js'
import {day, percent} from '../../shared/text.js'
import {isCollected, NOT_COLLECTED, RISK_SCORE_SCALE, verdictLine, worstSeverity} from '../../shared/verdict.js'
import {countryTotals} from './figures.js'
import {esc, repoLink} from './sections.js'

/** Riskiest projects named in the summary. */
const RISKIEST = 3
/** Countries named in the summary; the chart below shows the rest. */
const COUNTRIES = 8

function listedOrganizations(project: ProjectReport): string[] {
  const value = project.metrics.listed_organizations
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function listedItem(project: ProjectReport): string {
  const orgs = listedOrganizations(project)
    .map((name) => `<mark class="listed">${esc(name)}</mark>`)
    .join(', ')
  const share = numberMetric(project.metrics, 'listed_commit_share')
  const maintainers = numberMetric(project.metrics, 'listed_maintainers')
  const figures = [
    ...(share !== null ? [`${esc(percent(share))} of human commits`] : []),
    ...(maintainers ? [`${esc(maintainers)} maintainer(s)`] : []),
  ]
  return `<li>${orgs} in ${repoLink(project.repo)}${figures.length ? `: ${figures.join(', ')}` : ''}</li>`
}

export function executiveSummary(result: ScanResult): string {
  const parts = ['<section id="summary" class="summary">', '<h2>Executive summary</h2>']
  parts.push(`<p class="verdict"><strong>${esc(verdictLine(result))}</strong></p>`)
  parts.push(
    `<p>Data collected for the window ${esc(day(result.window.since))} to ${esc(day(result.window.until))}: commits in the window, governance files as of its end (${esc(day(result.window.until))}); judged by stewards ${esc(result.tool.version)}. Risk score: ${esc(RISK_SCORE_SCALE)}.</p>`,
  )
  const items: string[] = []
  const scored = result.projects.filter(isCollected).filter((p) => (p.score ?? 0) > 0)
  if (scored.length) {
    const riskiest = scored.slice(0, RISKIEST).map((p) => {
      const worst = worstSeverity(p)
      return `${repoLink(p.repo)} ${esc(p.score)}${worst ? ` (worst finding ${esc(worst)})` : ''}`
    })
    items.push(`<li>Riskiest: ${riskiest.join('; ')}</li>`)
  }
  const missing = result.projects.filter((p) => !isCollected(p))
  if (missing.length)
    items.push(`<li>${esc(NOT_COLLECTED)} (no risk score): ${missing.map((p) => repoLink(p.repo)).join(', ')}</li>`)
  const selected = result.lists?.selected ?? []
  const listed = result.projects.filter((p) => listedOrganizations(p).length > 0)
  if (listed.length)
    items.push(
      `<li>Organisations on the lists that counted (${selected.map((id) => `<code>${esc(id)}</code>`).join(', ')}):<ul>${listed.map(listedItem).join('')}</ul></li>`,
    )
  else if (selected.length)
    items.push(
      `<li>No organisation on the lists that counted (${selected.map((id) => `<code>${esc(id)}</code>`).join(', ')}) was found among the attributed contributors or maintainers.</li>`,
    )
  const {countries, human} = countryTotals(result)
  if (countries.length) {
    const known = countries.reduce((sum, [, n]) => sum + n, 0)
    const named = countries.slice(0, COUNTRIES).map(([code, n]) => `<code>${esc(code)}</code> ${esc(n)}`)
    const rest = countries.length > COUNTRIES ? `; ${countries.length - COUNTRIES} more in the chart below` : ''
    items.push(
      `<li>Countries (ISO 3166-1) of the organisations behind the attributed commits, as the cited organisation data states their headquarters, never inferred from a person: ${named.join(', ')} human commits${rest}; ${esc(Math.max(0, human - known))} of ${esc(human)} with no known country.</li>`,
    )
  }
  if (items.length) parts.push(`<ul>\n${items.join('\n')}\n</ul>`)
  parts.push('</section>')
  return parts.join('\n')
}
