/**
 * Waivers in SARIF (README "Waivers"). A waived finding keeps its results, each with a `suppressions` entry of kind
 * `external` (the waiver lives in a file beside the code, not in it), status `accepted`, the reason as
 * `justification` and the waiver's file:line as `location` (SARIF 2.1.0 §3.35, suppression object; the `status`
 * property as the specification and its Errata 01 name it: the committee draft's schema spelled it `state`,
 * oasis-tcs/sarif-spec#449). SARIF viewers show such results as suppressed; GitHub code scanning does not act on
 * `suppressions` itself (README "Waivers" says how to dismiss them there).
 * An expired waiver and one that matches nothing are results of their own (`waiver-expired`, a warning; `waiver-stale`,
 * a note) at the waiver's line, so CI shows them where they are written; they are notices, never findings: they do
 * not gate.
 */
import type {Result} from 'sarif'
import type {RuleMeta, ScanResult, WaiverRecord} from '../../../core/model.js'
import {waiverSubject} from '../../shared/waivers.js'
import {physicalLocation} from './results.js'
import {LEVEL} from './severity.js'

const NOTICES: Record<'expired' | 'stale', RuleMeta> = {
  expired: {
    id: 'waiver-expired',
    title: 'A waiver has expired',
    severity: 'medium',
    rationale:
      'A waiver records a decision to accept a risk until a date. Past that date it no longer applies: the findings it covered are open again and gate the build.',
    remediation: 'Decide again: fix the risk, or renew the waiver with a new expires date and approver, or remove it.',
  },
  stale: {
    id: 'waiver-stale',
    title: 'A waiver matches no finding',
    severity: 'info',
    rationale:
      'A waiver that matches no finding accepts nothing: the risk was resolved, the rule or repository is misspelt, or the component no longer alone pulls the repository in.',
    remediation: 'Remove the waiver, or correct its rule, repository or component.',
  },
}

/** The notice rules the run needs (for `tool.driver.rules`): only those with a result. */
export function waiverNoticeRules(result: Pick<ScanResult, 'waivers'>): RuleMeta[] {
  const statuses = new Set((result.waivers?.entries ?? []).map((w) => w.status))
  return (['expired', 'stale'] as const).filter((status) => statuses.has(status)).map((status) => NOTICES[status])
}

function noticeText(waiver: WaiverRecord): string {
  if (waiver.status === 'expired')
    return `The waiver of ${waiverSubject(waiver)} expired on ${waiver.expires} (approved by ${waiver.approvedBy}: ${waiver.reason}); its findings are open again.`
  return `The waiver of ${waiverSubject(waiver)} matches no finding (approved by ${waiver.approvedBy}, until ${waiver.expires}).`
}

/** One result per expired or stale waiver, at its line. */
export function waiverResults(result: Pick<ScanResult, 'waivers'>, ruleIndex: Map<string, number>): Result[] {
  const results: Result[] = []
  for (const waiver of result.waivers?.entries ?? []) {
    if (waiver.status === 'active') continue
    const rule = NOTICES[waiver.status]
    results.push({
      ruleId: rule.id,
      ruleIndex: ruleIndex.get(rule.id),
      level: LEVEL[rule.severity],
      message: {text: noticeText(waiver)},
      locations: [physicalLocation({file: waiver.file, line: waiver.line})],
      properties: {repo: waiver.repository, waivedRule: waiver.rule, expires: waiver.expires},
    })
  }
  return results
}
