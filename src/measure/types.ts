import type {
  AttributedCommit,
  AttributedProject,
  AttributedRoleHolder,
  CollectedProject,
  EvidenceGroup,
  ListMembership,
  Listings,
  Metrics,
  Organization,
} from '../core/model.js'

/**
 * The organisation data metrics need: the part of `EntityIndex` (src/attribute/entities/) used here, typed
 * structurally so tests can pass a literal table.
 */
export interface EntityLookup {
  /** The top of the parent chain at `asOf` (the organisation itself when it has no parent). */
  root(id: string, asOf?: string): Organization | undefined
  /** ISO 3166-1 alpha-2 of the organisation, or null when not known. */
  country(id: string): string | null | undefined
  /** List memberships in force at `asOf` (YYYY-MM-DD), including those inherited from a parent. */
  lists(id: string, asOf?: string): ListMembership[]
}

export interface MeasureInput {
  project: CollectedProject
  /** Null when nothing could be attributed (the project was unavailable). */
  attributed: AttributedProject | null
  entities?: EntityLookup
  /** List ids that count as "listed" for the `listed_*` totals; default: every list in the entity data. */
  lists?: string[]
  /**
   * The maintainers as the governance stage selected them (`selectMaintainers` in src/collect/governance): logins
   * of `attributed.roles` and the rule that chose them. Without it, ./metrics/maintainers/groups.ts decides.
   */
  maintainers?: {
    logins: string[]
    rule: string
    /** Teams standing for the maintainers whose members could not be read (`org/team`). */
    teams?: string[]
  }
}

export type MetricType = 'count' | 'share' | 'days' | 'name' | 'names' | 'flag' | 'count-map' | 'share-map'

/** A part of the collected data that can fail to be read (`CollectedProject.missing`). */
export type DataPart = NonNullable<CollectedProject['missing']>[number]

/** A documented metric key; `measureProject` always emits every key (null when it cannot be known). */
export interface MetricKey {
  key: string
  type: MetricType
  description: string
  /**
   * The collected parts the figure is computed from (default: its family's `builtOn`). When any of them could not
   * be read, the figure is null (unknown), never the "nothing found" a missing part would otherwise produce.
   */
  builtOn?: readonly DataPart[]
}

/** Figures derived once per project and shared by every metric family. */
export interface Base {
  input: MeasureInput
  /** Commits of people (bots removed), in input order. */
  human: AttributedCommit[]
  botCommits: number
  roles: AttributedRoleHolder[]
  /** Exclusive window end as epoch milliseconds. */
  windowEnd: number
  /** Window end as YYYY-MM-DD, the date used for list memberships and entity facts. */
  asOf: string
}

/** One metric family: a folder under ./metrics/ whose name is the id. Pure: no I/O, no clock. */
export interface MetricFamily {
  id: string
  description: string
  keys: readonly MetricKey[]
  /** The collected parts the family's figures are computed from, unless a key says otherwise. */
  builtOn: readonly DataPart[]
  measure(base: Base): Metrics
  /**
   * The people behind the family's figures, for findings' evidence: groups in evidence order, each with the keys (of
   * this family) it stands behind. `metrics` are the project's, measured.
   */
  evidence?(base: Base, metrics: Metrics): EvidenceGroup[]
  /** The raw of the figures that depend on the lists that count (core/measurement.ts `listedFigures`). */
  listings?(base: Base): Listings | undefined
}
