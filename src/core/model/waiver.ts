/**
 * Waivers: a procurement or security decision to accept a finding, recorded, visible and time-bound (README
 * "Waivers"). Written in `.stewards-waivers.yaml` (or `waivers:` in `.stewards.yaml`, or `--waivers FILE`), applied
 * after the rules (src/evaluate/waivers.ts), kept in the JSON report so `stewards evaluate` applies them again.
 */

/** One waiver as written, with the place it is written at. */
export interface Waiver {
  /** The rule id whose finding is accepted. */
  rule: string
  /** The repository the finding is about, as reports name it (`github.com/owner/name`; `owner/name` means github.com). */
  repository: string
  /**
   * Narrows the waiver to one component (its name or purl; a purl without version matches every version): it applies
   * only while every component that pulls the repository in is this one.
   */
  component?: string
  /** Why the risk is accepted. */
  reason: string
  /** Who accepted it. */
  approvedBy: string
  /** The last day it applies (`YYYY-MM-DD`, UTC, inclusive): required, a waiver is time-bound. */
  expires: string
  /** The file it is written in (as named, relative to the working directory) and its line. */
  file: string
  line: number
}

/**
 * `active`: not expired and applied to at least one finding; `expired`: its last day is before the day judged
 * against (it applies to nothing, its findings gate again); `stale`: not expired, but no finding matches it.
 */
export type WaiverStatus = 'active' | 'expired' | 'stale'

export interface WaiverRecord extends Waiver {
  status: WaiverStatus
  /** Findings it waived (0 unless active). */
  findings: number
}

/** The waivers of a run and what became of them (JSON report `waivers`, schema 1.3.0). */
export interface WaiversApplied {
  /** The day (UTC, `YYYY-MM-DD`) expiry was judged against: the run's clock. */
  judgedOn: string
  /** In the order written. */
  entries: WaiverRecord[]
}

/** The mark on a waived finding: it stays in every report, and does not gate. */
export interface FindingWaiver {
  reason: string
  approvedBy: string
  expires: string
  file: string
  line: number
}
