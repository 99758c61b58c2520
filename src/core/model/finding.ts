import type {Location} from './component.js'
import type {FindingWaiver} from './waiver.js'

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s)
}

/** A metric value: numbers, shares in [0,1], names, or maps of them. */
export type MetricValue = number | string | boolean | null | Record<string, number> | string[]

export type Metrics = Record<string, MetricValue>

/** One person behind a finding's numbers, with the evidence for their organisation. */
export interface EvidencePerson {
  person: string
  organization: string | null
  /** Evidence source of the attribution (`gitdm`, `email-domain`, ...); absent when unknown. */
  source?: string
  /** Where that evidence is: file and line, URL, API field. */
  citation?: string
  /** Governance role, for role holders. */
  role?: string
  /** The governance file (and section) naming them in that role. */
  roleSource?: string
  /** Human commits in the window that the finding's numbers count for this person. */
  commits?: number
  /** Up to five of those commits (most recent first), so a reader can open them. */
  shas?: string[]
  /** The attribution rests on an e-mail domain nothing vouches for (anyone can commit with any address). */
  unverified?: boolean
  /** The organisation is as the person declared it, not in the organisation data. */
  selfDeclared?: boolean
  /** The deciding affiliation-file period is stale (no end, started long before). */
  stale?: boolean
}

export interface Evidence {
  metrics: Metrics
  /** People and organisations behind the numbers, each with the source of its attribution. */
  people?: EvidencePerson[]
  /** The rule's parameters as evaluated (defaults merged with user overrides). */
  params?: Record<string, ParamValue>
  note?: string
}

/** A rule parameter: thresholds, names, list ids. */
export type ParamValue = number | string | boolean | string[] | number[]

export interface Finding {
  ruleId: string
  severity: Severity
  repo: string
  message: string
  evidence: Evidence
  /** Declaring locations of the components that pull this repository in. */
  locations: Location[]
  /**
   * Against `--baseline` (SARIF's vocabulary): `new` (not in the baseline), `updated` (more severe than in the
   * baseline), `unchanged`; absent when the scan had no baseline. Only new and updated findings gate the build.
   */
  baselineState?: 'new' | 'updated' | 'unchanged'
  /** An accepted risk (schema 1.3.0): the finding stays in every report, marked, and does not gate. */
  waiver?: FindingWaiver
}
