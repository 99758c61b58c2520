import type {Location} from './component.js'

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s)
}

/** A metric value: numbers, shares in [0,1], names, or maps of them. */
export type MetricValue = number | string | boolean | null | Record<string, number> | string[]

export type Metrics = Record<string, MetricValue>

export interface Evidence {
  metrics: Metrics
  /** People and organisations behind the numbers, each with the source of its attribution. */
  people?: Array<{person: string; organization: string | null; source?: string; citation?: string; role?: string}>
  note?: string
}

export interface Finding {
  ruleId: string
  severity: Severity
  repo: string
  message: string
  evidence: Evidence
  /** Declaring locations of the components that pull this repository in. */
  locations: Location[]
}
