/**
 * Terminal table: one line per upstream project, then each finding with where it is declared, then what the
 * scan could not read. Colour only when the caller says so (TTY and no `NO_COLOR`); untrusted text is cleaned
 * of control characters either way.
 */
import {type ProjectReport, SEVERITIES, type ScanResult, type Severity} from '../../../core/model.js'
import {headline, severityCounts} from '../../shared/metrics.js'
import {sortFindings, sortProjects, uniqueLocations} from '../../shared/order.js'
import {cleanText, day, formatLocation, formatNumber, percent} from '../../shared/text.js'
import type {ReportOptions, Reporter} from '../../types.js'
import {type Paint, SEVERITY_STYLE, painter} from './ansi.js'
import {type Cell, type Column, renderColumns} from './layout.js'

const SHORT: Record<Severity, string> = {critical: 'CRIT', high: 'HIGH', medium: 'MED', low: 'LOW', info: 'INFO'}
const BY_SEVERITY_DESC = [...SEVERITIES].reverse()

function projectRows(projects: ProjectReport[], paint: Paint): Cell[][] {
  return sortProjects(projects).map((project) => {
    const h = headline(project)
    const counts = severityCounts(project.findings)
    const company = h.topCompany ? `${h.topCompany} (${percent(h.topCompanyShare)})` : '-'
    const status = project.reason ? `${project.status}: ${project.reason}` : project.status
    return [
      {text: project.repo},
      {text: status, paint: project.status === 'ok' ? undefined : (s) => paint(s, 'yellow')},
      {text: String(project.score), paint: project.score >= 75 ? (s) => paint(s, 'bold') : undefined},
      {text: company},
      {text: formatNumber(h.elephantFactor)},
      {text: formatNumber(h.busFactor)},
      ...BY_SEVERITY_DESC.map((s): Cell => {
        const n = counts[s]
        return {text: String(n), paint: n > 0 ? (padded) => paint(padded, ...SEVERITY_STYLE[s]) : (p) => paint(p, 'dim')}
      }),
    ]
  })
}

const PROJECT_COLUMNS: Column[] = [
  {header: 'REPOSITORY', max: 56},
  {header: 'STATUS', max: 28},
  {header: 'SCORE', align: 'right'},
  {header: 'TOP COMPANY', max: 36},
  {header: 'ELEPHANT', align: 'right'},
  {header: 'BUS', align: 'right'},
  ...BY_SEVERITY_DESC.map((s): Column => ({header: SHORT[s], align: 'right'})),
]

function findingLines(result: ScanResult, paint: Paint): string[] {
  const findings = sortFindings(result.findings)
  if (findings.length === 0) return [paint('No findings.', 'green')]
  const lines = [paint(`FINDINGS (${findings.length})`, 'bold')]
  for (const finding of findings) {
    const severity = paint(finding.severity.toUpperCase().padEnd(8), ...SEVERITY_STYLE[finding.severity])
    lines.push(`${severity}  ${cleanText(finding.ruleId)}  ${paint(cleanText(finding.repo), 'bold')}`)
    lines.push(`          ${cleanText(finding.message)}`)
    const locations = uniqueLocations(finding.locations)
    if (locations.length > 0) {
      const shown = locations.slice(0, 3).map((l) => cleanText(formatLocation(l)))
      const more = locations.length > 3 ? ` (+${locations.length - 3} more)` : ''
      lines.push(paint(`          at ${shown.join(', ')}${more}`, 'dim'))
    }
  }
  return lines
}

function incompleteLines(result: ScanResult, paint: Paint): string[] {
  const lines: string[] = []
  for (const u of result.unresolved) {
    const where = uniqueLocations(u.component.locations)[0]
    const at = where ? ` (${formatLocation(where)})` : ''
    lines.push(`  ${paint('unresolved', 'yellow')}  ${cleanText(u.component.ref)}${cleanText(at)}: ${cleanText(u.detail ?? u.reason)}`)
  }
  for (const s of result.skipped) {
    const at = s.line ? `:${s.line}` : ''
    lines.push(`  ${paint('skipped', 'dim')}     ${cleanText(s.file + at)}: ${cleanText(s.message)}`)
  }
  for (const e of result.errors) {
    const at = e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''
    lines.push(`  ${paint('error', 'red')}       ${cleanText(e.file + at)}: ${cleanText(e.message)} [${cleanText(e.code)}]`)
  }
  if (lines.length === 0) return []
  const title = result.summary.incomplete ? 'NOT READ (the scan is incomplete)' : 'NOT READ'
  return [paint(title, 'bold'), ...lines]
}

export function renderTable(result: ScanResult, options: ReportOptions): string {
  const paint = painter(options.color)
  const s = result.summary
  const header = [
    `${paint('stewards', 'bold')} ${cleanText(result.tool.version)}`,
    `window ${cleanText(day(result.window.since))} to ${cleanText(day(result.window.until))}`,
    `${s.components} components`,
    `${s.projects} projects`,
    `portfolio score ${formatNumber(s.portfolioScore)}/100`,
  ].join(' · ')
  const sections = [[header]]
  if (result.projects.length > 0) {
    sections.push(renderColumns(PROJECT_COLUMNS, projectRows(result.projects, paint), (t) => paint(t, 'bold')))
  }
  sections.push(findingLines(result, paint))
  const notRead = incompleteLines(result, paint)
  if (notRead.length > 0) sections.push(notRead)
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`
}

export const reporter: Reporter = {
  id: 'table',
  description: 'Terminal table: projects, findings and what could not be read',
  extension: 'txt',
  render: renderTable,
}
