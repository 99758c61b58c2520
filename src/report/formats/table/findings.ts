/** The findings and "not read" sections of the terminal table, wrapped to the width with hanging indents. */
import {textWidth} from './width.js'
import type {Finding, ScanResult} from '../../../core/model.js'
import {baselineMark} from '../../shared/baseline.js'
import {WAIVED_MARK, waiverEntryText, waiverText} from '../../shared/waivers.js'
import {uniqueLocations} from '../../shared/order.js'
import {cleanText, formatLocation} from '../../shared/text.js'
import {type Paint, SEVERITY_STYLE} from './ansi.js'
import {hanging} from './wrap.js'

/** Where a finding's message and locations start: past `CRITICAL  `. */
const INDENT = 10
const MAX_LOCATIONS = 3

function titleLines(finding: Finding, paint: Paint, width: number): string[] {
  const severity = paint(finding.severity.toUpperCase().padEnd(INDENT - 2), ...SEVERITY_STYLE[finding.severity])
  const head = `${severity}  `
  const mark = [baselineMark(finding), finding.waiver ? WAIVED_MARK : null].filter(Boolean).join(' ') || null
  const rule = cleanText(finding.ruleId)
  const repo = cleanText(finding.repo)
  const marked = mark ? `${paint(mark, finding.waiver ? 'dim' : mark === 'NEW' ? 'yellow' : 'red', 'bold')}  ` : ''
  const plain = `${mark ? `${mark}  ` : ''}${rule}  ${repo}`
  if (INDENT + textWidth(plain) <= width) return [`${head}${marked}${rule}  ${paint(repo, 'bold')}`]
  // Too long for one line: rule (with its mark) first, then the repository, each wrapped.
  const ruleLines = hanging(head, `${mark ? `${mark}  ` : ''}${rule}`, INDENT, width)
  return [...ruleLines, ...hanging(' '.repeat(INDENT), repo, INDENT, width, (piece) => paint(piece, 'bold'))]
}

function findingLines(finding: Finding, paint: Paint, width: number): string[] {
  const lines = [
    ...titleLines(finding, paint, width),
    ...hanging(' '.repeat(INDENT), cleanText(finding.message), INDENT, width),
    ...(finding.waiver ? hanging(' '.repeat(INDENT), cleanText(waiverText(finding.waiver)), INDENT, width) : []),
  ]
  const locations = uniqueLocations(finding.locations)
  if (locations.length > 0) {
    const shown = locations.slice(0, MAX_LOCATIONS).map((l) => cleanText(formatLocation(l)))
    const more = locations.length > MAX_LOCATIONS ? ` (+${locations.length - MAX_LOCATIONS} more)` : ''
    lines.push(
      ...hanging(`${' '.repeat(INDENT)}at `, `${shown.join(', ')}${more}`, INDENT + 3, width, (p) => paint(p, 'dim')),
    )
  }
  return lines
}

export function findingSection(result: ScanResult, paint: Paint, width: number): string[] {
  const {findings} = result
  if (findings.length === 0) return [paint('No findings.', 'green')]
  return [paint(`FINDINGS (${findings.length})`, 'bold'), ...findings.flatMap((f) => findingLines(f, paint, width))]
}

/** Every waiver of the run with its status (active, expired, stale); none without waivers. */
export function waiverSection(result: ScanResult, paint: Paint, width: number): string[] {
  const entries = result.waivers?.entries ?? []
  if (entries.length === 0) return []
  const style = {active: 'dim', expired: 'yellow', stale: 'dim'} as const
  return [
    paint(`WAIVERS (${entries.length}, judged on ${cleanText(result.waivers?.judgedOn ?? '')})`, 'bold'),
    ...entries.flatMap((w) => labelled(w.status, style[w.status], cleanText(waiverEntryText(w)), paint, width)),
  ]
}

/** Label column of the "not read" lines: `  unresolved  `. */
const LABEL = 14

function labelled(label: string, style: 'yellow' | 'dim' | 'red', text: string, paint: Paint, width: number): string[] {
  const head = `  ${paint(label, style)}${' '.repeat(LABEL - 2 - label.length)}`
  return hanging(head, text, LABEL, width)
}

export function notReadSection(result: ScanResult, paint: Paint, width: number): string[] {
  const lines: string[] = []
  for (const u of result.unresolved) {
    const where = uniqueLocations(u.component.locations)[0]
    const at = where ? ` (${formatLocation(where)})` : ''
    lines.push(
      ...labelled('unresolved', 'yellow', cleanText(`${u.component.ref}${at}: ${u.detail ?? u.reason}`), paint, width),
    )
  }
  for (const s of result.skipped) {
    const at = s.line ? `:${s.line}` : ''
    lines.push(...labelled('skipped', 'dim', cleanText(`${s.file}${at}: ${s.message}`), paint, width))
  }
  for (const e of result.errors) {
    const at = e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''
    lines.push(...labelled('error', 'red', cleanText(`${e.file}${at}: ${e.message} [${e.code}]`), paint, width))
  }
  if (lines.length === 0) return []
  const title = result.summary.incomplete ? 'NOT READ (the scan is incomplete)' : 'NOT READ'
  return [paint(title, 'bold'), ...lines]
}
