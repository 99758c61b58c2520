/** The HTML report's tables and evidence blocks. Every value from the scan goes through `esc`. */
import type {
  EvidencePerson,
  EvidenceWanted,
  Finding,
  MetricValue,
  ProjectReport,
  RuleMeta,
  ScanResult,
} from '../../../core/model.js'
import {evidenceMarks, selfDeclaredOrgs, wantedPerson, wantedSentence} from '../../shared/attribution.js'
import {escapeHtml} from '../../shared/escape-html.js'
import {baselineMark} from '../../shared/baseline.js'
import {WAIVED_MARK, waiverEntryText, waiversSentence, waiverText} from '../../shared/waivers.js'
import {headline, leader, severityCounts} from '../../shared/metrics.js'
import {uniqueLocations} from '../../shared/order.js'
import {day, formatLocation, formatMetricNamed, formatNumber, percent} from '../../shared/text.js'
import {isCollected, NOT_COLLECTED, scoreText} from '../../shared/verdict.js'
import {accountWebUrl, commitWebUrl, repoWebUrl} from '../../../core/repo-url.js'

/** Escapes any scan value for element content or a quoted attribute. */
export function esc(value: string | number | boolean | null | undefined): string {
  return escapeHtml(value === null || value === undefined ? '' : String(value))
}

/** An organisation name, highlighted when it is on a list that counted (the project's `listed_organizations`). */
function listedName(p: ProjectReport, name: string): string {
  const listed = p.metrics.listed_organizations
  return Array.isArray(listed) && listed.includes(name) ? `<mark class="listed">${esc(name)}</mark>` : esc(name)
}

/** The status word; `not collected` for a project with no data (no risk score). */
function statusWord(p: ProjectReport): string {
  return isCollected(p) ? p.status : NOT_COLLECTED
}

function orUnknown(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '<span class="unknown">unknown</span>' : esc(value)
}

function code(text: string): string {
  return `<code>${esc(text)}</code>`
}

/** `<a href>` around `inner` when `url` is one (core/repo-url.ts makes none of untrusted text). */
function link(url: string | null, inner: string): string {
  return url ? `<a href="${esc(url)}">${inner}</a>` : inner
}

/** The repository, linked to its forge page. */
export function repoLink(repo: string): string {
  return link(repoWebUrl(repo), code(repo))
}

/** A login, linked to its account on the repository's forge (when it is a login, not a name or an address). */
function personLink(repo: string, person: string): string {
  return link(accountWebUrl(repo, person), code(person))
}

/** A commit id, linked to the commit on the repository's forge. */
function commitLink(repo: string, sha: string): string {
  return link(commitWebUrl(repo, sha), code(sha))
}

function badge(severity: string): string {
  return `<span class="badge sev-${esc(severity)}">${esc(severity)}</span>`
}

/** `new` or `worse` against the baseline; nothing for an unchanged finding or without a baseline. */
function baselineBadge(f: Finding): string {
  const mark = baselineMark(f)
  return mark ? ` <span class="badge base-${esc(f.baselineState)}">${esc(mark.toLowerCase())}</span>` : ''
}

function numCell(value: number | null, shown: string): string {
  return `<td class="num" data-sort="${value === null ? '' : esc(value)}">${esc(shown)}</td>`
}

function sortableHeader(label: string, type: 'text' | 'number', sorted?: 'descending'): string {
  const cls = type === 'number' ? ' class="num"' : ''
  const aria = sorted ? ` aria-sort="${sorted}"` : ''
  return `<th${cls} data-type="${type}"${aria}><button type="button">${esc(label)}</button></th>`
}

export function projectsTable(result: ScanResult): string {
  const head = [
    sortableHeader('Repository', 'text'),
    sortableHeader('Status', 'text'),
    sortableHeader('Risk score', 'number', 'descending'),
    sortableHeader('Top organisation', 'text'),
    sortableHeader('Top share', 'number'),
    sortableHeader('Elephant factor', 'number'),
    sortableHeader('Bus factor', 'number'),
    sortableHeader('Unknown share', 'number'),
    sortableHeader('Human commits', 'number'),
    sortableHeader('Findings', 'number'),
  ].join('')
  const rows = result.projects.map((p) => {
    const h = headline(p)
    const top = leader(h)
    const also = top?.company
      ? `<br><span class="muted">top company ${esc(top.company.name)} (${esc(percent(top.company.share))})</span>`
      : ''
    const counts = severityCounts(p.findings)
    const worst = (['critical', 'high', 'medium', 'low', 'info'] as const).filter((s) => counts[s] > 0)
    const findings = worst.map((s) => `${counts[s]} ${s}`).join(', ') || 'none'
    // Findings sort by weight: a critical outranks any number of highs.
    const weight = worst.reduce(
      (sum, s) => sum + counts[s] * {critical: 1e8, high: 1e6, medium: 1e4, low: 1e2, info: 1}[s],
      0,
    )
    return [
      '<tr>',
      `<td data-sort="${esc(p.repo)}">${repoLink(p.repo)}</td>`,
      `<td>${esc(statusWord(p))}${p.reason ? `: ${esc(p.reason)}` : ''}</td>`,
      numCell(p.score, isCollected(p) ? String(p.score) : '-'),
      top === null
        ? '<td><span class="unknown">-</span></td>'
        : `<td data-sort="${esc(top.name)}">${listedName(p, top.name)}${selfDeclaredOrgs(p).has(top.name) ? marksHtml(['self-declared']) : ''}${also}</td>`,
      numCell(top?.share ?? null, percent(top?.share)),
      numCell(h.elephantFactor, formatNumber(h.elephantFactor)),
      numCell(h.busFactor, formatNumber(h.busFactor)),
      numCell(h.unknownShare, percent(h.unknownShare)),
      numCell(h.humanCommits, formatNumber(h.humanCommits)),
      numCell(weight, findings),
      '</tr>',
    ].join('')
  })
  return `<div class="scroll">\n<table class="sortable" id="projects-table">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n</div>`
}

function metricsTable(metrics: Record<string, MetricValue>): string {
  const keys = Object.keys(metrics).sort()
  if (keys.length === 0) return '<p class="muted">No metrics.</p>'
  const rows = keys.map((k) => `<tr><td>${code(k)}</td><td>${esc(formatMetricNamed(k, metrics[k]))}</td></tr>`)
  return `<table><thead><tr><th>Metric</th><th>Value</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

function peopleTable(repo: string, people: readonly EvidencePerson[]): string {
  const rows = people.map(
    (p) =>
      `<tr><td>${personLink(repo, p.person)}</td><td>${orUnknown(p.organization)}${marksHtml(evidenceMarks(p))}</td><td>${orUnknown(p.source)}</td><td>${p.citation ? code(p.citation) : ''}</td><td>${esc(p.role ?? '')}${p.roleSource ? ` (${code(p.roleSource)})` : ''}</td><td class="num">${esc(p.commits ?? '')}</td><td>${(p.shas ?? []).map((sha) => commitLink(repo, sha)).join(' ')}</td></tr>`,
  )
  return `<table><thead><tr><th>Person</th><th>Organisation</th><th>Evidence source</th><th>Citation</th><th>Role</th><th class="num">Commits</th><th>Commits to check</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

function findingBlock(f: Finding, rule: RuleMeta | undefined, n: number): string {
  const locations = uniqueLocations(f.locations)
  const parts = [
    `<details class="finding" id="finding-${n + 1}">`,
    `<summary>${badge(f.severity)}${baselineBadge(f)}${f.waiver ? ` <strong class="waived">${WAIVED_MARK}</strong>` : ''} ${code(f.ruleId)} ${code(f.repo)} ${esc(f.message)}</summary>`,
    '<dl>',
    ...(f.waiver ? [`<dt>Waived</dt><dd>${esc(waiverText(f.waiver))}</dd>`] : []),
    `<dt>Declared at</dt><dd>${locations.length ? locations.map((l) => code(formatLocation(l))).join(', ') : '<span class="unknown">no declaring location recorded</span>'}</dd>`,
  ]
  if (rule) {
    parts.push(
      `<dt>Rule</dt><dd>${esc(rule.title)}: ${esc(rule.rationale)}</dd>`,
      `<dt>Remediation</dt><dd>${esc(rule.remediation)}</dd>`,
    )
  }
  if (f.evidence.params && Object.keys(f.evidence.params).length) {
    const params = Object.keys(f.evidence.params)
      .sort()
      .map((k) => `${code(k)} ${esc(formatMetricNamed(k, f.evidence.params![k] as MetricValue))}`)
    parts.push(`<dt>Parameters</dt><dd>${params.join('; ')}</dd>`)
  }
  if (f.evidence.note) parts.push(`<dt>Note</dt><dd>${esc(f.evidence.note)}</dd>`)
  parts.push('</dl>', '<h3>Metrics</h3>', metricsTable(f.evidence.metrics))
  if (f.evidence.people?.length)
    parts.push('<h3>People behind the numbers</h3>', peopleTable(f.repo, f.evidence.people))
  parts.push('</details>')
  return parts.join('\n')
}

export function findingsSection(result: ScanResult): string {
  const {findings} = result
  if (findings.length === 0) return '<p>No findings.</p>'
  const rules = new Map(result.rules.map((r) => [r.id, r]))
  return findings.map((f, i) => findingBlock(f, rules.get(f.ruleId), i)).join('\n')
}

function projectBlock(p: ProjectReport, n: number): string {
  const facts = p.facts
  const components = p.components.map(
    (c) =>
      `<tr><td>${code(c.ref)}</td><td>${esc(c.ecosystem)}</td><td>${esc(c.version ?? '')}</td><td>${uniqueLocations(
        c.locations,
      )
        .map((l) => code(formatLocation(l)))
        .join(' ')}</td></tr>`,
  )
  const people = p.people.map(
    (person) =>
      `<tr><td>${personLink(p.repo, person.person)}</td><td class="num">${esc(person.commits)}</td><td>${orUnknown(person.organization)}${marksHtml(evidenceMarks(person))}</td><td>${orUnknown(person.source)}</td><td>${person.citation ? code(person.citation) : ''}</td></tr>`,
  )
  const roles = p.roles.map(
    (r) =>
      `<tr><td>${personLink(p.repo, r.login)}</td><td>${esc(r.role)}</td><td>${code(r.source)}</td><td>${orUnknown(r.attribution.organization)}</td><td>${orUnknown(r.attribution.claim?.source)}</td><td>${r.attribution.claim ? code(r.attribution.claim.citation) : ''}</td></tr>`,
  )
  const parts = [
    `<details class="project" id="project-${n + 1}">`,
    `<summary>${code(p.repo)} ${esc(statusWord(p))}${p.reason ? `: ${esc(p.reason)}` : ''} · ${esc(scoreText(p) === NOT_COLLECTED ? 'no risk score' : `risk score ${scoreText(p)}`)}</summary>`,
    '<dl>',
    `<dt>Resolved by</dt><dd>${esc(p.provenance)} (confidence ${esc(p.confidence)})</dd>`,
  ]
  if (facts) {
    parts.push(
      `<dt>Repository</dt><dd>${facts.archived ? '<strong>archived</strong>, ' : ''}${facts.fork ? 'fork, ' : ''}default branch ${code(facts.defaultBranch)}, licence ${orUnknown(facts.license)}${facts.pushedAt ? `, last push ${esc(day(facts.pushedAt))}` : ''}</dd>`,
    )
  }
  parts.push('</dl>')
  parts.push('<h3>Components and where they are declared</h3>')
  parts.push(
    `<table><thead><tr><th>Reference</th><th>Ecosystem</th><th>Version</th><th>Declared at</th></tr></thead><tbody>${components.join('')}</tbody></table>`,
  )
  parts.push('<h3>Metrics</h3>', metricsTable(p.metrics))
  if (people.length) {
    parts.push(
      '<h3>People and the evidence for their organisation</h3>',
      `<table><thead><tr><th>Person</th><th class="num">Commits</th><th>Organisation</th><th>Evidence source</th><th>Citation</th></tr></thead><tbody>${people.join('')}</tbody></table>`,
    )
  }
  if (p.wanted) parts.push('<h3>Evidence wanted</h3>', wantedBlock(p.wanted))
  if (p.automation?.length) {
    const rows = p.automation.map(
      (a) => `<tr><td>${code(a.identity)}</td><td class="num">${esc(a.commits)}</td><td>${esc(a.rule ?? '')}</td></tr>`,
    )
    parts.push(
      '<h3>Automation excluded from the people figures</h3>',
      `<table><thead><tr><th>Identity</th><th class="num">Commits</th><th>Rule</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    )
  }
  if (roles.length) {
    parts.push(
      '<h3>Governance roles</h3>',
      `<table><thead><tr><th>Login</th><th>Role</th><th>Named in</th><th>Organisation</th><th>Evidence source</th><th>Citation</th></tr></thead><tbody>${roles.join('')}</tbody></table>`,
    )
  }
  parts.push('</details>')
  return parts.join('\n')
}

/** Marks beside an organisation: self-declared, unverified e-mail domain, stale claim. */
function marksHtml(marks: readonly string[]): string {
  return marks.map((m) => ` <span class="mark">${esc(m)}</span>`).join('')
}

function wantedBlock(wanted: EvidenceWanted): string {
  const rows = wanted.people.map((person) => `<li>${esc(wantedPerson(person))}</li>`)
  return [
    `<p>${esc(wantedSentence(wanted))}.</p>`,
    `<ul>${rows.join('')}</ul>`,
    '<p class="muted">Fill in from evidence you can cite and pass with <code>--overrides</code>:</p>',
    `<pre><code>${esc(wanted.snippet)}</code></pre>`,
  ].join('\n')
}

/** The projects with an evidence-wanted list, each linking to its evidence block. */
export function wantedSection(result: ScanResult): string {
  const sorted = result.projects
  const items = sorted.flatMap((p, i) =>
    p.wanted ? [`<li><a href="#project-${i + 1}">${code(p.repo)}</a>: ${esc(wantedSentence(p.wanted))}.</li>`] : [],
  )
  return items.length ? `<ul>${items.join('')}</ul>` : '<p>Attribution coverage is enough to judge every project.</p>'
}

export function projectsEvidence(result: ScanResult): string {
  return result.projects.map((p, i) => projectBlock(p, i)).join('\n')
}

export function notReadSection(result: ScanResult): string {
  const items: string[] = []
  for (const u of result.unresolved) {
    const where = uniqueLocations(u.component.locations).map((l) => code(formatLocation(l)))
    const attempts = (u.attempts ?? []).map((a) => `${esc(a.resolver)}: ${esc(a.reason)}`).join('; ')
    items.push(
      `<li>Unresolved ${code(u.component.ref)}${where.length ? ` at ${where.join(', ')}` : ''}: ${esc(u.detail ?? u.reason)}${attempts ? ` <span class="muted">(${attempts})</span>` : ''}</li>`,
    )
  }
  for (const s of result.skipped) items.push(`<li>Skipped ${code(s.file)} (${esc(s.reason)}): ${esc(s.message)}</li>`)
  for (const e of result.errors) {
    const at = e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''
    items.push(`<li>Error in ${code(e.file + at)}: ${esc(e.message)} <span class="muted">(${esc(e.code)})</span></li>`)
  }
  return items.length ? `<ul>\n${items.join('\n')}\n</ul>` : '<p>Everything was read.</p>'
}

/** The waivers section (only when the run had waivers): the summary, then every waiver with its status. */
export function waiversSection(result: ScanResult): string {
  const sentence = waiversSentence(result)
  if (!sentence) return ''
  const items = (result.waivers?.entries ?? []).map(
    (w) => `<li><strong>${esc(w.status)}</strong> ${esc(waiverEntryText(w))}</li>`,
  )
  return `<section id="waivers">\n<h2>Waivers</h2>\n<p>${esc(sentence)}. A waived finding stays listed, marked ${WAIVED_MARK}; it does not gate.</p>\n<ul>\n${items.join('\n')}\n</ul>\n</section>\n`
}

export function rulesTable(result: ScanResult): string {
  const rules = [...result.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const rows = rules.map(
    (r) =>
      `<tr><td>${code(r.id)}</td><td>${badge(r.severity)}</td><td>${esc(r.title)}</td><td>${esc(r.rationale)}</td><td>${esc(r.remediation)}</td></tr>`,
  )
  return `<table><thead><tr><th>Rule</th><th>Severity</th><th>Title</th><th>Rationale</th><th>Remediation</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}
