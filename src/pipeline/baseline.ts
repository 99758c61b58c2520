import type {Finding, ScanResult, Severity} from '../core/model.js'
import {severityRank} from '../core/model.js'
import {findingKey} from '../core/order.js'

export interface FindingDiff {
  added: Finding[]
  worsened: Array<{finding: Finding; was: Severity}>
  improved: Array<{finding: Finding; was: Severity}>
  removed: Finding[]
  unchanged: Finding[]
}

/** Compares two runs' findings; only `added` and `worsened` should gate a build. */
export function diffFindings(base: readonly Finding[], head: readonly Finding[]): FindingDiff {
  const before = new Map(base.map((f) => [findingKey(f), f]))
  const after = new Set(head.map(findingKey))
  const diff: FindingDiff = {added: [], worsened: [], improved: [], removed: [], unchanged: []}
  for (const f of head) {
    const old = before.get(findingKey(f))
    if (!old) diff.added.push(f)
    else if (severityRank(f.severity) > severityRank(old.severity)) diff.worsened.push({finding: f, was: old.severity})
    else if (severityRank(f.severity) < severityRank(old.severity)) diff.improved.push({finding: f, was: old.severity})
    else diff.unchanged.push(f)
  }
  for (const f of base) if (!after.has(findingKey(f))) diff.removed.push(f)
  return diff
}

/**
 * Marks every finding of the result (top level and per project) against the baseline: `new`, `updated` (more
 * severe than before) or `unchanged`, so reports can say what a pull request changed.
 */
export function markBaseline(result: ScanResult, baseline: Pick<ScanResult, 'findings'>): void {
  const d = diffFindings(baseline.findings, result.findings)
  const state = new Map<string, Finding['baselineState']>([
    ...d.added.map((f): [string, 'new'] => [findingKey(f), 'new']),
    ...d.worsened.map((w): [string, 'updated'] => [findingKey(w.finding), 'updated']),
  ])
  for (const f of [...result.findings, ...result.projects.flatMap((p) => p.findings)])
    f.baselineState = state.get(findingKey(f)) ?? 'unchanged'
}

/**
 * Findings that gate: all of them without a baseline (unmarked), else only the new or worsened ones; never one an
 * active waiver covers (an accepted risk stays in the reports but does not fail the build).
 */
export function gatingFindings(result: Pick<ScanResult, 'findings'>): Finding[] {
  return result.findings.filter((f) => f.baselineState !== 'unchanged' && !f.waiver)
}

export function reachesThreshold(findings: readonly Finding[], failOn: Severity | 'none'): boolean {
  if (failOn === 'none') return false
  return findings.some((f) => severityRank(f.severity) >= severityRank(failOn))
}
