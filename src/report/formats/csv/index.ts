/**
 * CSV for spreadsheets, one sheet per file (`--csv-sheet`): the findings sheet (the default: one row per finding
 * per declaring location, with the component declared there), the projects sheet (one row per upstream project) or
 * the components sheet (one row per component per location). See ./readme.md.
 */
import {type Component, type Location, SEVERITIES, type ScanResult} from '../../../core/model.js'
import {formatPlace} from '../../../core/problem.js'
import {headline, severityCounts} from '../../shared/metrics.js'
import {uniqueLocations} from '../../shared/order.js'
import {formatLocation} from '../../shared/text.js'
import {isCollected, worstSeverity} from '../../shared/verdict.js'
import type {CsvSheet, ReportOptions, Reporter} from '../../types.js'
import {type CsvCell, toCsv} from './csv.js'

/** A component as one cell: its purl, else `name@version`, else its name. */
function componentText(component: Component): string {
  return component.purl ?? (component.version ? `${component.name}@${component.version}` : component.name)
}

/** Per repository, the components declared at each `file:line:column` (several when one line pulls in several). */
function componentsAt(result: ScanResult): Map<string, Map<string, string[]>> {
  const byRepo = new Map<string, Map<string, string[]>>()
  for (const project of result.projects) {
    const at = new Map<string, string[]>()
    for (const component of project.components)
      for (const location of component.locations) {
        const key = formatLocation(location)
        const names = at.get(key) ?? []
        if (!names.includes(componentText(component))) names.push(componentText(component))
        at.set(key, names)
      }
    byRepo.set(project.repo, at)
  }
  return byRepo
}

/**
 * `component` is what is declared at the row's location (purl, else name@version; several joined with a space);
 * `baseline_state` is `new`, `updated` or `unchanged` against `--baseline`, empty without one. The `waive*` cells
 * are filled for a finding an active waiver covers (README "Waivers"), empty otherwise.
 */
export const FINDINGS_HEADER = [
  'severity',
  'rule_id',
  'rule_title',
  'repo',
  'component',
  'message',
  'file',
  'line',
  'column',
  'baseline_state',
  'waived_until',
  'waiver_approved_by',
  'waiver_reason',
  'waiver_source',
] as const

export function renderFindingsCsv(result: ScanResult): string {
  const titles = new Map(result.rules.map((r) => [r.id, r.title]))
  const components = componentsAt(result)
  const rows: CsvCell[][] = []
  for (const f of result.findings) {
    const row = (component: string, ...rest: CsvCell[]): CsvCell[] => [
      f.severity,
      f.ruleId,
      titles.get(f.ruleId) ?? '',
      f.repo,
      component,
      f.message,
      ...rest,
    ]
    const state = f.baselineState ?? ''
    const w = f.waiver
    const waiver = w ? [w.expires, w.approvedBy, w.reason, formatPlace(w.file, w.line)] : ['', '', '', '']
    const locations = uniqueLocations(f.locations)
    if (locations.length === 0) rows.push(row('', '', null, null, state, ...waiver))
    for (const loc of locations) {
      const component = (components.get(f.repo)?.get(formatLocation(loc)) ?? []).join(' ')
      rows.push(row(component, loc.file, loc.line, loc.column, state, ...waiver))
    }
  }
  return toCsv(FINDINGS_HEADER, rows)
}

const BY_SEVERITY_DESC = [...SEVERITIES].reverse()

export const PROJECTS_HEADER = [
  'repo',
  'status',
  'reason',
  'risk_score',
  'top_company',
  'top_company_share',
  'top_org',
  'top_org_share',
  'elephant_factor',
  'bus_factor',
  'unknown_share',
  'human_commits',
  'components',
  ...BY_SEVERITY_DESC,
] as const

export function renderProjectsCsv(result: ScanResult): string {
  const rows = result.projects.map((p): CsvCell[] => {
    const h = headline(p)
    const counts = severityCounts(p.findings)
    return [
      p.repo,
      p.status,
      p.reason ?? '',
      // Empty for a project not collected: no risk score, never 0.
      isCollected(p) ? p.score : null,
      h.topCompany ?? '',
      h.topCompanyShare,
      h.topOrg ?? '',
      h.topOrgShare,
      h.elephantFactor,
      h.busFactor,
      h.unknownShare,
      h.humanCommits,
      p.components.length,
      ...BY_SEVERITY_DESC.map((s) => counts[s]),
    ]
  })
  return toCsv(PROJECTS_HEADER, rows)
}

export const COMPONENTS_HEADER = [
  'component',
  'ecosystem',
  'name',
  'version',
  'file',
  'line',
  'column',
  'repo',
  'status',
  'risk_score',
  'worst_finding',
] as const

/**
 * The components sheet: one row per component per declaring location, with its upstream repository (empty when
 * unresolved, with the reason as status), that project's risk score and its worst finding.
 */
export function renderComponentsCsv(result: ScanResult): string {
  const rows: CsvCell[][] = []
  const at = (c: Component, loc: Location | undefined, rest: CsvCell[]): CsvCell[] => [
    componentText(c),
    c.ecosystem,
    c.name,
    c.version ?? '',
    loc?.file ?? '',
    loc?.line ?? null,
    loc?.column ?? null,
    ...rest,
  ]
  const each = (c: Component, rest: CsvCell[]) => {
    const locations = uniqueLocations(c.locations)
    if (locations.length === 0) rows.push(at(c, undefined, rest))
    for (const loc of locations) rows.push(at(c, loc, rest))
  }
  for (const p of result.projects) {
    const status = isCollected(p) ? p.status : 'not collected'
    for (const c of p.components) each(c, [p.repo, status, isCollected(p) ? p.score : null, worstSeverity(p) ?? ''])
  }
  for (const u of result.unresolved) each(u.component, ['', `unresolved: ${u.reason}`, null, ''])
  return toCsv(COMPONENTS_HEADER, rows)
}

const SHEETS: Record<CsvSheet, (result: ScanResult) => string> = {
  findings: renderFindingsCsv,
  projects: renderProjectsCsv,
  components: renderComponentsCsv,
}

export const reporter: Reporter = {
  id: 'csv',
  description:
    'CSV for spreadsheets: one row per finding per declaring location (--csv-sheet projects or components: the other sheets)',
  extension: 'csv',
  render: (result: ScanResult, options: ReportOptions) => SHEETS[options.csvSheet ?? 'findings'](result),
}
