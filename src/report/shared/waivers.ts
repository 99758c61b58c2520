/** How the reports show waivers (README "Waivers"): the mark on a waived finding, the summary and the waivers list. */
import type {FindingWaiver, ScanResult, WaiverRecord} from '../../core/model.js'
import {formatPlace} from '../../core/problem.js'

/** The word shown beside a waived finding. */
export const WAIVED_MARK = 'WAIVED'

/** `waived until 2027-06-30 by Security board: vendor support contract (.stewards-waivers.yaml:4)` */
export function waiverText(waiver: FindingWaiver): string {
  return `waived until ${waiver.expires} by ${waiver.approvedBy}: ${waiver.reason} (${formatPlace(waiver.file, waiver.line)})`
}

/** "2 findings waived; waivers: 2 active, 1 expired, 1 stale (judged on 2026-12-04)"; null without waivers. */
export function waiversSentence(result: Pick<ScanResult, 'summary' | 'waivers'>): string | null {
  const waivers = result.waivers
  if (!waivers || waivers.entries.length === 0) return null
  const waived = result.summary.waived ?? 0
  return `${waived} finding${waived === 1 ? '' : 's'} waived; waivers: ${waiverCounts(waivers.entries)} (judged on ${waivers.judgedOn})`
}

/** "2 active, 1 expired, 1 stale": the reports' summary and the commands' stderr lines say it alike. */
export function waiverCounts(entries: readonly Pick<WaiverRecord, 'status'>[]): string {
  const by = (status: WaiverRecord['status']) => entries.filter((w) => w.status === status).length
  return `${by('active')} active, ${by('expired')} expired, ${by('stale')} stale`
}

/** What a waiver's status means, for the waivers list of every format. */
export const WAIVER_STATUS_TEXT: Record<WaiverRecord['status'], string> = {
  active: 'applied',
  expired: 'expired: no longer applies, its findings gate again',
  stale: 'matches no finding',
}

/** `single-org-majority on github.com/acme/widget (component pkg:npm/widget)` */
export function waiverSubject(waiver: Pick<WaiverRecord, 'rule' | 'repository' | 'component'>): string {
  return `${waiver.rule} on ${waiver.repository}${waiver.component ? ` (component ${waiver.component})` : ''}`
}

/** One line per waiver: status, subject, expiry, approver, reason and place. */
export function waiverEntryText(waiver: WaiverRecord): string {
  const count = waiver.status === 'active' ? ` (${waiver.findings} finding${waiver.findings === 1 ? '' : 's'})` : ''
  return `${waiverSubject(waiver)}: ${WAIVER_STATUS_TEXT[waiver.status]}${count}; until ${waiver.expires}, approved by ${waiver.approvedBy}: ${waiver.reason} (${formatPlace(waiver.file, waiver.line)})`
}
