/**
 * What the measure stage hands to evaluation, once per project, as plain data: the metrics, the people behind
 * them, and the raw of the figures that depend on which watch-lists count. The JSON report stores it, so a saved
 * report can be judged again with other rules, parameters or lists (`stewards evaluate`) without collecting again:
 * OpenSSF Scorecard v5's boundary between raw results, probes and evaluation.
 */
import type {EvidencePerson, Metrics} from './finding.js'

/**
 * People behind some figures of one project: the authors at one organisation, the maintainers, the bus factor...
 * A finding names the people of every group behind a key its rule reads, in the project's group order, each person
 * (with role and organisation) once.
 */
export interface EvidenceGroup {
  /**
   * `organization:NAME`, `parent-organization:NAME`, `independent`, `unknown-organization`, `bus-factor`,
   * `maintainers`, `approvers`, `reviewers`, `committers`, `codeowners`, `role-weighted`, `listed-authors`,
   * `listed-stewards`, `listed-role-holders`, `country:CC`, `latest-human-commit`, `latest-commit`.
   */
  id: string
  /** The metric keys these people stand behind; a key that could not be known (a part not read) has nobody. */
  keys: string[]
  /** Authors: most commits first, at most ten, each with up to five commit ids. Role holders: as governance names them. */
  people: EvidencePerson[]
}

/** The human commits of one author at one listed organisation. */
export interface ListedAuthor {
  person: string
  organization: string | null
  /** Organisation data id: its lists are in `Listings.organizations`. */
  entityId: string
  commits: number
  /** The author's newest commits here, newest first (at most five): id and author date as written. */
  recent: Array<{sha: string; date: string}>
  /** Source and citation of the attribution of the newest commit. */
  source?: string
  citation?: string
  /** Marks of that attribution a reader must weigh (see EvidencePerson). */
  unverified?: boolean
  selfDeclared?: boolean
  stale?: boolean
}

/** A role holder at a listed organisation, as a finding names them. */
export interface ListedHolder extends EvidencePerson {
  entityId: string
}

/**
 * The raw of the figures that depend on which lists count (`--lists`): every organisation of the project on at
 * least one list at the window's last day, and who works there. Organisations on no list never count as listed,
 * whatever lists are chosen, so they are left out.
 */
export interface Listings {
  /** Entity id → every list the organisation (or a parent) is on at the window's last day, sorted. */
  organizations: Record<string, string[]>
  /** Per author and listed organisation: their human commits. */
  authors: ListedAuthor[]
  /** Maintainers, owners, approvers and committers at listed organisations, in governance order (a login may repeat). */
  stewards: ListedHolder[]
  /** Every role holder (one entry per login) at a listed organisation. */
  roleHolders: ListedHolder[]
}

/** One project as measured: everything evaluation reads. */
export interface Measurement {
  metrics: Metrics
  /** In evidence order. */
  evidence: EvidenceGroup[]
  /** Absent when no organisation data was loaded or the project could not be collected. */
  listings?: Listings
}
