/** Reads the metrics reports show. Metrics are loosely typed data: a missing or mistyped key reads as null. */
import {type Finding, type MetricValue, type Metrics, type ProjectReport, SEVERITIES, type Severity} from '../../core/model.js'
import {compareText} from './order.js'

export function numberMetric(metrics: Metrics, key: string): number | null {
  const value = metrics[key]
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

export function stringMetric(metrics: Metrics, key: string): string | null {
  const value = metrics[key]
  return typeof value === 'string' ? value : null
}

/** A `count-map` or `share-map` metric; null when absent or not a map of numbers. */
export function mapMetric(metrics: Metrics, key: string): Record<string, number> | null {
  const value: MetricValue | undefined = metrics[key]
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null
  const out: Record<string, number> = {}
  for (const [name, n] of Object.entries(value)) if (typeof n === 'number' && Number.isFinite(n)) out[name] = n
  return out
}

/** The figures the summary tables show for one project. */
export interface Headline {
  topCompany: string | null
  topCompanyShare: number | null
  elephantFactor: number | null
  busFactor: number | null
  unknownShare: number | null
  humanCommits: number | null
}

export function headline(project: ProjectReport): Headline {
  const m = project.metrics
  return {
    topCompany: stringMetric(m, 'top_company'),
    topCompanyShare: numberMetric(m, 'top_company_share'),
    elephantFactor: numberMetric(m, 'elephant_factor'),
    busFactor: numberMetric(m, 'bus_factor'),
    unknownShare: numberMetric(m, 'unknown_share'),
    humanCommits: numberMetric(m, 'human_commits'),
  }
}

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  for (const finding of findings) counts[finding.severity]++
  return counts
}

export interface Share {
  name: string
  count: number
}

/** Human commits per organisation, largest first, with `unknown_commits` as a last entry named null. */
export function organizationCommits(project: ProjectReport): {orgs: Share[]; unknown: number} {
  const perOrg = mapMetric(project.metrics, 'commits_per_org') ?? {}
  const orgs = Object.entries(perOrg)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => ({name, count}))
    .sort((a, b) => b.count - a.count || compareText(a.name, b.name))
  return {orgs, unknown: Math.max(0, numberMetric(project.metrics, 'unknown_commits') ?? 0)}
}

/**
 * Human commits per headquarters country of the author's organisation (measure stage's `commits_per_country`;
 * a share map times `human_commits` when only shares are there).
 */
export function countryCommits(project: ProjectReport): Record<string, number> {
  const counts = mapMetric(project.metrics, 'commits_per_country')
  if (counts) return counts
  const shares = mapMetric(project.metrics, 'commit_share_per_country') ?? mapMetric(project.metrics, 'country_shares')
  const total = numberMetric(project.metrics, 'human_commits')
  if (!shares || total === null) return {}
  return Object.fromEntries(Object.entries(shares).map(([country, share]) => [country, Math.round(share * total)]))
}
