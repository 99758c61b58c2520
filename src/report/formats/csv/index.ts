/**
 * CSV for spreadsheets. The `csv` format is the findings sheet (one row per finding per declaring location);
 * `renderProjectsCsv` gives the projects sheet (one row per upstream project). See ./readme.md.
 */
import {SEVERITIES, type ScanResult} from '../../../core/model.js'
import {formatPlace} from '../../../core/problem.js'
import {headline, severityCounts} from '../../shared/metrics.js'
import {uniqueLocations} from '../../shared/order.js'
import type {Reporter} from '../../types.js'
import {type CsvCell, toCsv} from './csv.js'

/**
 * `baseline_state` is `new`, `updated` or `unchanged` against `--baseline`, empty without one. The `waive*` cells
 * are filled for a finding an active waiver covers (README "Waivers"), empty otherwise.
 */
export const FINDINGS_HEADER = [
  'severity',
  'rule_id',
  'rule_title',
  'repo',
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
  const rows: CsvCell[][] = []
  for (const f of result.findings) {
    const base = [f.severity, f.ruleId, titles.get(f.ruleId) ?? '', f.repo, f.message]
    const state = f.baselineState ?? ''
    const w = f.waiver
    const waiver = w ? [w.expires, w.approvedBy, w.reason, formatPlace(w.file, w.line)] : ['', '', '', '']
    const locations = uniqueLocations(f.locations)
    if (locations.length === 0) rows.push([...base, '', null, null, state, ...waiver])
    for (const loc of locations) rows.push([...base, loc.file, loc.line, loc.column, state, ...waiver])
  }
  return toCsv(FINDINGS_HEADER, rows)
}

const BY_SEVERITY_DESC = [...SEVERITIES].reverse()

export const PROJECTS_HEADER = [
  'repo',
  'status',
  'reason',
  'score',
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
      p.score,
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

export const reporter: Reporter = {
  id: 'csv',
  description: 'CSV for spreadsheets: one row per finding per declaring location',
  extension: 'csv',
  render: renderFindingsCsv,
}
