/** `stewards diff`: two JSON reports compared by rule and repository, as JSON and as text, and whether it gates. */
import type {Finding, ScanResult, Severity} from '../core/model.js'
import {diffFindings, reachesThreshold} from './baseline.js'

interface Brief {
  ruleId: string
  severity: Severity
  repo: string
  message: string
  was?: Severity
  /** In HEAD, an active waiver covers it: listed, never gating. */
  waived?: true
}

export interface ReportDiff {
  out: {added: Brief[]; worsened: Brief[]; improved: Brief[]; removed: Brief[]; unchanged: number}
  /** The text form: a line per changed finding, then the counts. */
  lines: string[]
  /** A new or worsened finding reaches `failOn` (exit 1). */
  gates: boolean
}

export function diffReports(
  base: Pick<ScanResult, 'findings'>,
  head: Pick<ScanResult, 'findings'>,
  failOn: Severity | 'none',
): ReportDiff {
  const diff = diffFindings(base.findings, head.findings)
  const brief = (f: Finding): Brief => ({
    ruleId: f.ruleId,
    severity: f.severity,
    repo: f.repo,
    message: f.message,
    ...(f.waiver ? {waived: true as const} : {}),
  })
  const out = {
    added: diff.added.map(brief),
    worsened: diff.worsened.map((w) => ({...brief(w.finding), was: w.was})),
    improved: diff.improved.map((w) => ({...brief(w.finding), was: w.was})),
    removed: diff.removed.map(brief),
    unchanged: diff.unchanged.length,
  }
  const line = (tag: string, f: Brief) =>
    `${tag} ${f.severity.toUpperCase().padEnd(8)} ${f.ruleId}  ${f.repo}${f.was ? ` (was ${f.was})` : ''}${f.waived ? ' (waived)' : ''}`
  const lines = [
    ...out.added.map((f) => line('+ new     ', f)),
    ...out.worsened.map((f) => line('↑ worse   ', f)),
    ...out.improved.map((f) => line('↓ better  ', f)),
    ...out.removed.map((f) => line('- resolved', f)),
    `${out.added.length} new, ${out.worsened.length} worsened, ${out.improved.length} improved, ${out.removed.length} resolved, ${out.unchanged} unchanged`,
  ]
  // A waived finding is an accepted risk: it does not gate, new or not (README "Waivers").
  const gating = [...diff.added, ...diff.worsened.map((w) => w.finding)].filter((f) => !f.waiver)
  return {out, lines, gates: reachesThreshold(gating, failOn)}
}
