/** The three charts of the HTML report, from the scan result. */
import {SEVERITIES, type ScanResult} from '../../../core/model.js'
import {countryCommits, numberMetric, organizationCommits} from '../../shared/metrics.js'
import {compare} from '../../../core/compare.js'
import {
  type Bar,
  type LegendItem,
  OTHER_COLOR,
  PALETTE,
  type StackedRow,
  UNKNOWN_COLOR,
  columnBars,
  horizontalBars,
  legend,
  stackedShareBars,
} from './charts.js'

export const SEVERITY_COLOR = {
  critical: '#8e24aa',
  high: '#c62828',
  medium: '#b26a00',
  low: '#1565c0',
  info: '#607d8b',
} as const

const MAX_COUNTRIES = 12

export interface Figure {
  id: string
  title: string
  caption: string
  /** SVG (and legend) markup, or null when there is nothing to draw. */
  body: string | null
}

/** Organisation shares of human commits, one bar per project; the largest organisations get their own colour. */
export function organizationFigure(result: ScanResult): Figure {
  const perProject = result.projects.map((p) => ({repo: p.repo, ...organizationCommits(p)}))
  const totals = new Map<string, number>()
  for (const p of perProject) for (const o of p.orgs) totals.set(o.name, (totals.get(o.name) ?? 0) + o.count)
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).map(([name]) => name)
  const colored = new Map(ranked.slice(0, PALETTE.length).map((name, i) => [name, PALETTE[i]]))
  const rows: StackedRow[] = []
  let anyOther = false
  for (const p of perProject) {
    if (p.orgs.length === 0 && p.unknown === 0) continue
    const other = p.orgs.filter((o) => !colored.has(o.name)).reduce((sum, o) => sum + o.count, 0)
    anyOther ||= other > 0
    rows.push({
      label: p.repo.replace(/^github\.com\//, ''),
      segments: [
        ...p.orgs
          .filter((o) => colored.has(o.name))
          .map((o) => ({label: o.name, value: o.count, color: colored.get(o.name)!})),
        {label: 'Other organisations', value: other, color: OTHER_COLOR},
        {label: 'Unknown organisation', value: p.unknown, color: UNKNOWN_COLOR},
      ],
    })
  }
  const items: LegendItem[] = [...colored.entries()].map(([label, color]) => ({label, color}))
  if (anyOther) items.push({label: 'Other organisations', color: OTHER_COLOR})
  items.push({label: 'Unknown organisation', color: UNKNOWN_COLOR})
  return {
    id: 'chart-organizations',
    title: 'Organisation shares per project',
    caption:
      'Human commits in the window by the organisation each author worked for at the time, from explicit evidence only (affiliation files, governance files, commit e-mail domains, profiles). Unknown stays unknown.',
    body: rows.length
      ? stackedShareBars('Organisation shares of human commits per project', rows, 'commits') + legend(items)
      : null,
  }
}

/** Human commits by the headquarters country of the author's organisation, across projects, most first. */
export function countryTotals(result: ScanResult): {countries: Array<[string, number]>; human: number} {
  const totals = new Map<string, number>()
  let human = 0
  for (const project of result.projects) {
    human += numberMetric(project.metrics, 'human_commits') ?? 0
    for (const [country, n] of Object.entries(countryCommits(project)))
      totals.set(country, (totals.get(country) ?? 0) + n)
  }
  const countries = [...totals.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
  return {countries, human}
}

/** Human commits by the headquarters country of the author's organisation, across all projects. */
export function countryFigure(result: ScanResult): Figure {
  const {countries: ranked, human} = countryTotals(result)
  const bars: Bar[] = ranked.slice(0, MAX_COUNTRIES).map(([label, value]) => ({label, value, color: PALETTE[0]}))
  const rest = ranked.slice(MAX_COUNTRIES).reduce((sum, [, n]) => sum + n, 0)
  if (rest > 0) bars.push({label: 'Other countries', value: rest, color: OTHER_COLOR})
  const known = ranked.reduce((sum, [, n]) => sum + n, 0)
  const unknown = Math.max(0, human - known)
  if (unknown > 0) bars.push({label: 'Unknown', value: unknown, color: UNKNOWN_COLOR})
  return {
    id: 'chart-countries',
    title: 'Countries',
    caption:
      "Human commits by the headquarters country (ISO 3166-1) of the author's organisation, from the organisation records. Never inferred from a person's name, language or location.",
    body:
      bars.length && human > 0
        ? horizontalBars('Human commits by organisation country', bars, Math.max(human, known), 'commits')
        : null,
  }
}

export function severityFigure(result: ScanResult): Figure {
  const bars: Bar[] = [...SEVERITIES]
    .reverse()
    .map((s) => ({label: s, value: result.summary.findingsBySeverity[s] ?? 0, color: SEVERITY_COLOR[s]}))
  return {
    id: 'chart-severities',
    title: 'Findings by severity',
    caption: 'Findings of every rule, across all projects.',
    body: columnBars('Findings by severity', bars),
  }
}
