/** How the reports show a finding's state against `--baseline` (set by the pipeline; absent without one). */
import type {Finding} from '../../core/model.js'

export type BaselineState = NonNullable<Finding['baselineState']>

/** The word shown beside a finding: `updated` means more severe than in the baseline. */
export const BASELINE_MARK: Record<BaselineState, string | null> = {new: 'NEW', updated: 'WORSE', unchanged: null}

export interface BaselineCounts {
  new: number
  updated: number
  unchanged: number
}

/** Counts per state; null when no finding has one (the scan had no baseline, or found nothing). */
export function baselineCounts(findings: readonly Finding[]): BaselineCounts | null {
  const counts: BaselineCounts = {new: 0, updated: 0, unchanged: 0}
  let any = false
  for (const f of findings) {
    if (f.baselineState === undefined || !(f.baselineState in counts)) continue
    counts[f.baselineState]++
    any = true
  }
  return any ? counts : null
}

/** "since the baseline: 2 new, 1 worsened" (the summary line of the text formats). */
export function baselineSentence(counts: BaselineCounts): string {
  return `since the baseline: ${counts.new} new, ${counts.updated} worsened`
}

export function baselineMark(finding: Finding): string | null {
  return finding.baselineState ? (BASELINE_MARK[finding.baselineState] ?? null) : null
}
