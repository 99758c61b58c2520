import type {Component, Location, ScanError, Skipped} from './component.js'
import type {AttributedRoleHolder, EvidenceWanted} from './attribution.js'
import type {Finding, Metrics, Severity} from './finding.js'
import type {EvidenceGroup, Listings} from './measurement.js'
import type {DataPart, ProjectStatus, RepoFacts, RepoKey, Window} from './project.js'
import type {WaiversApplied} from './waiver.js'

/** How a component was mapped to its upstream repository. */
export interface Resolution {
  repo: RepoKey | null
  /** Sub-directory of a monorepo, when the registry says so. */
  directory?: string
  /** Which resolver decided: `override`, `deps.dev`, `npm-registry`, `oci-label`, `known-images`, ... */
  provenance: string
  confidence: 'high' | 'medium' | 'low'
  /** Why not, when repo is null. */
  reason?: string
  /** What the decision rests on: the registry field, label, map entry or citation URL. */
  evidence?: string
  /** The name the source gave when a check found the repository renamed or moved. */
  renamedFrom?: string
}

/** One upstream repository and every component (and location) that pulls it in. */
export interface RepoGroup {
  repo: RepoKey
  directory?: string
  provenance: string
  confidence: 'high' | 'medium' | 'low'
  components: Component[]
  /** One per component, same order: how each was mapped (directories differ inside a monorepo). */
  resolutions?: Resolution[]
  /** Distinct monorepo directories of the components, sorted. */
  directories?: string[]
  /** Every location that pulls the repository in, sorted and deduplicated. */
  locations?: Location[]
}

export interface UnresolvedComponent {
  component: Component
  reason: string
  /** Human-readable explanation of the reason. */
  detail?: string
  /** Every resolver that tried, in order, and why it gave no answer. */
  attempts?: Array<{resolver: string; reason: string; detail?: string}>
}

/** A person's contribution and the evidence for their organisation (auditors follow this chain). */
export interface PersonSummary {
  person: string
  commits: number
  /** Organisation at their latest commit in the window. */
  organization: string | null
  source?: string
  citation?: string
  /** The organisation is as the person declared it (profile), not in the organisation data. */
  selfDeclared?: boolean
  /** The attribution rests on an e-mail domain nothing vouches for. */
  unverified?: boolean
  /** The deciding affiliation-file period is stale. */
  stale?: boolean
}

/** Automation kept out of every people figure: an identity, its commits, and the rule that caught it. */
export interface AutomationExcluded {
  /** `name <email>` as the commits write it. */
  identity: string
  commits: number
  rule?: string
}

export interface RuleMeta {
  id: string
  title: string
  severity: Severity
  rationale: string
  remediation: string
}

export interface ProjectReport {
  repo: RepoKey
  status: ProjectStatus
  reason?: string
  /** Parts that could not be read (see CollectedProject.missing): the metrics built on them are null. */
  missing?: DataPart[]
  provenance: string
  confidence: 'high' | 'medium' | 'low'
  components: Component[]
  facts?: RepoFacts
  metrics: Metrics
  /** The people behind the metrics, grouped, as the measure stage found them: what findings quote (schema 1.2.0). */
  evidence?: EvidenceGroup[]
  /** The raw of the list-dependent figures, to judge again with other `--lists` (schema 1.2.0). */
  listings?: Listings
  people: PersonSummary[]
  roles: AttributedRoleHolder[]
  /** Bot identities excluded from the people figures, most commits first as collected. */
  automation?: AutomationExcluded[]
  /** Where a coverage rule fired: the unattributed authors whose evidence would raise coverage most. */
  wanted?: EvidenceWanted
  findings: Finding[]
  /**
   * Risk score: 0 (no risk found) to 100 (worst), from the findings (rules/README.md "Scores"); null when no data
   * was collected for the project (unavailable, or neither its facts nor its commits read): not collected is
   * unknown, never 0 (schema 1.3.0).
   */
  score: number | null
}

export interface RequestStats {
  total: number
  byStatus: Record<string, number>
  cached: number
}

export const SCAN_SCHEMA_VERSION = '1.3.0'

/** Everything one scan produced; the JSON report is this object, byte-stable for the same inputs. */
export interface ScanResult {
  schemaVersion: typeof SCAN_SCHEMA_VERSION
  tool: {name: 'stewards'; version: string}
  window: Window
  inputs: string[]
  projects: ProjectReport[]
  unresolved: UnresolvedComponent[]
  findings: Finding[]
  rules: RuleMeta[]
  /** The watch-lists of the organisation data (`known`) and those that counted as listed (`selected`, `--lists`). */
  lists?: {known: string[]; selected: string[]}
  summary: {
    components: number
    projects: number
    findingsBySeverity: Record<Severity, number>
    /** Mean risk score of the projects that have one, 0-100; null when no project was collected (schema 1.3.0). */
    portfolioScore: number | null
    incomplete: boolean
    /**
     * Some input could not be read (a file, a registry, the forge, an evidence file): the part of `incomplete` that
     * does not depend on the rules, kept when the report is judged again (schema 1.2.0).
     */
    inputsIncomplete?: boolean
    /** Findings an active waiver covers (schema 1.3.0; present when the run had waivers): counted above, never gating. */
    waived?: number
  }
  /** The waivers applied and their status (schema 1.3.0; absent when the run had none). */
  waivers?: WaiversApplied
  skipped: Skipped[]
  errors: ScanError[]
  requests?: RequestStats
}

export type {Location}
