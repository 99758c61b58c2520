/**
 * Markdown sized for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a summary, the top findings and the
 * projects first, then collapsible details; cut to GitHub's 65,536-character comment limit with a note.
 */
import {type Finding, type ProjectReport, SEVERITIES, type ScanResult} from '../../../core/model.js'
import {baselineCounts, baselineMark, baselineSentence} from '../../shared/baseline.js'
import {
  evidenceMarks,
  projectsWanting,
  selfDeclaredOrgs,
  wantedPerson,
  wantedSentence,
} from '../../shared/attribution.js'
import {headline, knownShare, leader, severityCounts} from '../../shared/metrics.js'
import {uniqueLocations} from '../../shared/order.js'
import {day, formatLocation, formatMetricNamed, formatNumber, percent} from '../../shared/text.js'
import type {Reporter} from '../../types.js'
import {isCollected, NOT_COLLECTED, riskScoreLine, verdictLine} from '../../shared/verdict.js'
import {WAIVED_MARK, waiverEntryText, waiversSentence, waiverText} from '../../shared/waivers.js'
import {htmlText, mdCode, mdText} from './escape.js'
import {GITHUB_COMMENT_LIMIT, fitLines} from './fit.js'
import {thousands} from '../../../core/figures.js'

const TOP_FINDINGS = 10
const MAX_PROJECT_ROWS = 100
const BY_SEVERITY_DESC = [...SEVERITIES].reverse()

function countsText(findings: readonly Finding[]): string {
  const counts = severityCounts(findings)
  const parts = BY_SEVERITY_DESC.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`)
  return parts.length ? parts.join(', ') : 'none'
}

function summary(result: ScanResult): string[] {
  const s = result.summary
  const lines = [
    '## stewards: who stewards your dependencies',
    '',
    `**${mdText(verdictLine(result))}**`,
    '',
    `**${s.projects}** upstream projects from **${s.components}** components · ${mdText(riskScoreLine(result))} · window ${mdText(day(result.window.since))} to ${mdText(day(result.window.until))}`,
    '',
    '| Severity | Findings |',
    '|---|---:|',
    ...BY_SEVERITY_DESC.map((sev) => `| ${sev} | ${s.findingsBySeverity[sev] ?? 0} |`),
  ]
  const baseline = baselineCounts(result.findings)
  if (baseline) {
    const marked = baseline.new + baseline.updated > 0 ? ' (marked **NEW** and **WORSE** below)' : ''
    const sentence = baselineSentence(baseline)
    lines.push('', `**${sentence[0].toUpperCase()}${sentence.slice(1)}**${marked}.`)
  }
  const waived = waiversSentence(result)
  if (waived)
    lines.push(
      '',
      `**${mdText(waived[0].toUpperCase() + waived.slice(1))}** (marked **${WAIVED_MARK}** below; see "Waivers").`,
    )
  if (s.incomplete) {
    const parts = [`${result.errors.length} input(s) could not be read`]
    if (result.unresolved.length) parts.push(`${result.unresolved.length} component(s) were not resolved`)
    lines.push('', `> **The scan is incomplete:** ${parts.join('; ')}. See "Not read" below.`)
  }
  return lines
}

/** `**high**`, with ` **NEW**` or ` **WORSE**` against the baseline, and ` **WAIVED**` for an accepted risk. */
function severityText(f: Finding): string {
  const mark = baselineMark(f)
  return `**${f.severity}**${mark ? ` **${mark}**` : ''}${f.waiver ? ` **${WAIVED_MARK}**` : ''}`
}

function topFindings(findings: Finding[]): string[] {
  if (findings.length === 0) return ['', 'No findings.']
  const shown = findings.slice(0, TOP_FINDINGS)
  const lines = [
    '',
    `### Top findings (${shown.length} of ${findings.length})`,
    '',
    '| Severity | Rule | Repository | Finding |',
    '|---|---|---|---|',
  ]
  for (const f of shown)
    lines.push(`| ${severityText(f)} | ${mdCode(f.ruleId, true)} | ${mdCode(f.repo, true)} | ${mdText(f.message)} |`)
  return lines
}

/** Read beside the top organisation's share: "100%" of 10 attributed commits out of 90 is not 100% of the project. */
const PROJECTS_NOTE =
  "_Risk score: 0 = no risk found, 100 = worst (`-`: not collected). The top organisation's share is of the commits attributed to an organisation; Known is the share of human commits attributed at all._"

function projectTable(projects: ProjectReport[]): string[] {
  if (projects.length === 0) return []
  const lines = [
    '',
    '### Projects',
    '',
    '| Repository | Status | Risk score | Top organisation | Known | Elephant | Bus | Findings |',
    '|---|---|---:|---|---:|---:|---:|---|',
  ]
  for (const p of projects.slice(0, MAX_PROJECT_ROWS)) {
    const h = headline(p)
    const top = leader(h)
    const also = top?.company ? `; top company ${mdText(top.company.name)} (${percent(top.company.share)})` : ''
    const declared = top && selfDeclaredOrgs(p).has(top.name) ? ' _(self-declared)_' : ''
    const company = top ? `${mdText(top.name)}${declared} (${percent(top.share)})${also}` : '-'
    const known = percent(knownShare(h))
    const word = isCollected(p) ? p.status : NOT_COLLECTED
    const status = p.reason ? `${word}: ${mdText(p.reason)}` : word
    lines.push(
      `| ${mdCode(p.repo, true)} | ${status} | ${isCollected(p) ? p.score : '-'} | ${company} | ${known} | ${formatNumber(h.elephantFactor)} | ${formatNumber(h.busFactor)} | ${countsText(p.findings)} |`,
    )
  }
  lines.push('', PROJECTS_NOTE)
  if (projects.length > MAX_PROJECT_ROWS)
    lines.push('', `_${projects.length - MAX_PROJECT_ROWS} more projects are in the JSON and HTML reports._`)
  return lines
}

function findingDetails(f: Finding): string[] {
  const lines = [`- ${severityText(f)} ${mdCode(f.ruleId)} in ${mdCode(f.repo)}: ${mdText(f.message)}`]
  if (f.waiver) lines.push(`  - ${mdText(waiverText(f.waiver))}`)
  const locations = uniqueLocations(f.locations)
  if (locations.length) lines.push(`  - Declared at ${locations.map((l) => mdCode(formatLocation(l))).join(', ')}`)
  const metrics = Object.keys(f.evidence.metrics).sort()
  if (metrics.length) {
    lines.push(
      `  - Evidence: ${metrics.map((k) => `${mdCode(k)} ${mdText(formatMetricNamed(k, f.evidence.metrics[k]))}`).join('; ')}`,
    )
  }
  for (const person of f.evidence.people ?? []) {
    const org = person.organization === null ? 'organisation unknown' : mdText(person.organization)
    const source = person.source
      ? ` (${mdText(person.source)}${person.citation ? `: ${mdCode(person.citation)}` : ''})`
      : ''
    const role = person.role ? `, ${mdText(person.role)}` : ''
    const commits = person.commits !== undefined ? `, ${person.commits} commits` : ''
    const marks = evidenceMarks(person)
    const marked = marks.length ? ` **[${marks.join('; ')}]**` : ''
    lines.push(`  - ${mdCode(person.person)}: ${org}${source}${role}${commits}${marked}`)
  }
  if (f.evidence.note) lines.push(`  - Note: ${mdText(f.evidence.note)}`)
  return lines
}

/** Per project, who would change a coverage too low to judge, and the overrides file to fill in. */
function evidenceWanted(result: ScanResult): string[] {
  const lines: string[] = []
  for (const p of projectsWanting(result.projects)) {
    lines.push(`- ${mdCode(p.repo)}: ${mdText(wantedSentence(p.wanted))}.`)
    for (const person of p.wanted.people) lines.push(`  - ${mdText(wantedPerson(person))}`)
    // A fence longer than any backtick run in the snippet, so commit names cannot close it.
    const fence = '`'.repeat(Math.max(3, ...[...p.wanted.snippet.matchAll(/`+/g)].map((m) => m[0].length + 1)))
    lines.push(
      '',
      `  ${fence}yaml`,
      ...p.wanted.snippet
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
      `  ${fence}`,
      '',
    )
  }
  return lines
}

/** Automation kept out of the people figures, per project, with the rule that caught it. */
function automation(result: ScanResult): string[] {
  return result.projects.flatMap((p) =>
    (p.automation ?? []).map(
      (a) => `- ${mdCode(p.repo)}: ${mdCode(a.identity)} ${a.commits} commits${a.rule ? ` (${mdText(a.rule)})` : ''}`,
    ),
  )
}

function details(title: string, body: string[]): string[] {
  if (body.length === 0) return []
  return ['', '<details>', `<summary>${htmlText(title)}</summary>`, '', ...body, '', '</details>']
}

function notRead(result: ScanResult): string[] {
  const lines: string[] = []
  for (const u of result.unresolved) {
    const where = uniqueLocations(u.component.locations)[0]
    lines.push(
      `- unresolved ${mdCode(u.component.ref)}${where ? ` at ${mdCode(formatLocation(where))}` : ''}: ${mdText(u.detail ?? u.reason)}`,
    )
  }
  for (const s of result.skipped) lines.push(`- skipped ${mdCode(s.file)} (${mdText(s.reason)}): ${mdText(s.message)}`)
  for (const e of result.errors) {
    const at = e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''
    lines.push(`- error ${mdCode(e.file + at)}: ${mdText(e.message)} (${mdText(e.code)})`)
  }
  return lines
}

/** Every waiver of the run with its status. */
function waiverList(result: ScanResult): string[] {
  return (result.waivers?.entries ?? []).map((w) => `- **${w.status}** ${mdText(waiverEntryText(w))}`)
}

function ruleTable(result: ScanResult): string[] {
  if (result.rules.length === 0) return []
  const rules = [...result.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return [
    '| Rule | Severity | Title | Remediation |',
    '|---|---|---|---|',
    ...rules.map((r) => `| ${mdCode(r.id, true)} | ${r.severity} | ${mdText(r.title)} | ${mdText(r.remediation)} |`),
  ]
}

export function renderMarkdownWithin(result: ScanResult, limit: number): string {
  const {findings} = result
  const gaps = notRead(result)
  const lines = [
    ...summary(result),
    ...topFindings(findings),
    ...projectTable(result.projects),
    ...details(`All findings with evidence (${findings.length})`, findings.flatMap(findingDetails)),
    ...details(`Evidence wanted (${projectsWanting(result.projects).length} projects)`, evidenceWanted(result)),
    ...details(`Automation excluded from the people figures (${automation(result).length})`, automation(result)),
    ...details(`Waivers (${waiverList(result).length})`, waiverList(result)),
    ...details(`Not read (${gaps.length})`, gaps),
    ...details(`Rules (${result.rules.length})`, ruleTable(result)),
    '',
    `<sub>stewards ${htmlText(result.tool.version)} · report schema ${htmlText(result.schemaVersion)}</sub>`,
  ]
  const note = `> **Cut to fit a ${thousands(limit)}-character limit** (GitHub's for a comment). The JSON, SARIF and HTML reports have every finding.`
  return fitLines(lines, limit, note).text
}

export const reporter: Reporter = {
  id: 'markdown',
  description: 'Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY (cut to 65,536 characters)',
  extension: 'md',
  leadsWithVerdict: true,
  render: (result) => renderMarkdownWithin(result, GITHUB_COMMENT_LIMIT),
}
