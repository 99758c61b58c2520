/** Reads the metrics reports show. Metrics are loosely typed data: a missing or mistyped key reads as null. */
import {
  type Finding,
  type MetricValue,
  type Metrics,
  type ProjectReport,
  SEVERITIES,
  type Severity,
} from '../../core/model.js'
import {INDEPENDENT} from '../../measure/index.js'
import {compare} from '../../core/compare.js'

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
  /** Most commits, Independent excluded (CHAOSS): can be a small minority when Independent dominates. */
  topCompany: string | null
  topCompanyShare: number | null
  /** Most commits, Independent included. */
  topOrg: string | null
  topOrgShare: number | null
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
    topOrg: stringMetric(m, 'top_org'),
    topOrgShare: numberMetric(m, 'top_org_share'),
    elephantFactor: numberMetric(m, 'elephant_factor'),
    busFactor: numberMetric(m, 'bus_factor'),
    unknownShare: numberMetric(m, 'unknown_share'),
    humanCommits: numberMetric(m, 'human_commits'),
  }
}

/**
 * The share of human commits attributed to an organisation at all (1 - unknown_share): shown beside the top
 * organisation's share, which is of attributed commits only, so that 100% of 11% is not read as 100%.
 */
export function knownShare(h: Headline): number | null {
  return h.unknownShare === null ? null : 1 - h.unknownShare
}

/** What a summary table shows as a project's leading organisation, with the top company when that is another. */
export interface Leader {
  name: string
  share: number | null
  /** The top company (Independent excluded), when Independent leads: a reader should see both. */
  company?: {name: string; share: number | null}
}

/**
 * The top company alone reads as "who controls the project" even when it wrote 2% and Independent 95%, so when
 * Independent leads the top organisation is shown (with the top company beside it where there is room).
 */
export function leader(h: Headline): Leader | null {
  if (h.topOrg === INDEPENDENT) {
    const company =
      h.topCompany && h.topCompany !== INDEPENDENT ? {name: h.topCompany, share: h.topCompanyShare} : undefined
    return {name: INDEPENDENT, share: h.topOrgShare, ...(company ? {company} : {})}
  }
  if (h.topCompany) return {name: h.topCompany, share: h.topCompanyShare}
  if (h.topOrg) return {name: h.topOrg, share: h.topOrgShare}
  return null
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
    .sort((a, b) => b.count - a.count || compare(a.name, b.name))
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
