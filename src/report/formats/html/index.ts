/**
 * One self-contained HTML file for auditors and procurement: an executive summary (./summary.ts), summary cards,
 * charts (organisation shares per project, countries, severities), a sortable projects table and the evidence
 * behind every finding, repositories, logins and commits linked to their forge. Prints whole: the print style sheet
 * expands every evidence block and drops what only works on a screen. Inline
 * CSS and JS only, allowed by hash in a Content-Security-Policy that forbids every network load; every value
 * from the scan is escaped (names come from commits and profiles: untrusted).
 */
import type {ScanResult} from '../../../core/model.js'
import {baselineCounts} from '../../shared/baseline.js'
import {day, formatNumber} from '../../shared/text.js'
import {verdictOf} from '../../shared/verdict.js'
import {executiveSummary} from './summary.js'
import type {Reporter} from '../../types.js'
import {CONTENT_SECURITY_POLICY, SCRIPT, STYLE} from './assets.js'
import {type Figure, countryFigure, organizationFigure, severityFigure} from './figures.js'
import {
  esc,
  findingsSection,
  notReadSection,
  projectsEvidence,
  projectsTable,
  rulesTable,
  waiversSection,
  wantedSection,
} from './sections.js'

function card(label: string, value: string): string {
  return `<div class="card"><div class="muted">${esc(label)}</div><div class="value">${esc(value)}</div></div>`
}

function figure(f: Figure): string {
  const body = f.body ?? '<p class="muted">No data to draw.</p>'
  return `<figure id="${f.id}">\n<h3>${esc(f.title)}</h3>\n${body}\n<figcaption>${esc(f.caption)}</figcaption>\n</figure>`
}

export function renderHtml(result: ScanResult): string {
  const s = result.summary
  const verdict = verdictOf(result)
  const findings = Object.values(s.findingsBySeverity).reduce((a, b) => a + b, 0)
  const baseline = baselineCounts(result.findings)
  const baselineCard = baseline
    ? `\n${card('New or worse since the baseline', `${baseline.new} new, ${baseline.updated} worse`)}`
    : ''
  const incomplete = s.incomplete
    ? `<div class="warning"><strong>The scan is incomplete:</strong> ${esc(result.errors.length)} input(s) could not be read. See <a href="#not-read">Not read</a>.</div>`
    : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CONTENT_SECURITY_POLICY)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>stewards report</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Who stewards your dependencies</h1>
<p class="meta">stewards ${esc(result.tool.version)} · report schema ${esc(result.schemaVersion)} · window ${esc(day(result.window.since))} to ${esc(day(result.window.until))} · inputs ${result.inputs.map((i) => `<code>${esc(i)}</code>`).join(' ')}</p>
</header>
<main>
${executiveSummary(result)}
<section class="cards">
${card('Upstream projects', String(s.projects))}
${card('Components', String(s.components))}
${card('Findings', String(findings))}
${card('Risk score, worst (0 no risk found, 100 worst)', formatNumber(verdict.worstScore))}
${card('Risk score, mean', formatNumber(s.portfolioScore))}${baselineCard}
</section>
${incomplete}
<section id="charts">
<h2>Charts</h2>
<div class="charts">
${[organizationFigure(result), countryFigure(result), severityFigure(result)].map(figure).join('\n')}
</div>
</section>
<section id="projects">
<h2>Projects</h2>
<p class="muted screen-only">Click a column header to sort.</p>
${projectsTable(result)}
</section>
<section id="findings">
<h2>Findings</h2>
${findingsSection(result)}
</section>
${waiversSection(result)}<section id="evidence-wanted">
<h2>Evidence wanted</h2>
<p class="muted">Where attribution coverage is too low to judge: the few unattributed authors whose evidence would raise it most, with an affiliations file to fill in (in each project's evidence below).</p>
${wantedSection(result)}
</section>
<section id="evidence">
<h2>Evidence per project</h2>
${projectsEvidence(result)}
</section>
<section id="not-read">
<h2>Not read</h2>
${notReadSection(result)}
</section>
<section id="rules">
<h2>Rules</h2>
${rulesTable(result)}
</section>
</main>
<footer>Self-contained report: it loads nothing from the network (its Content-Security-Policy forbids it). Organisations are attributed from explicit evidence only; unknown stays unknown.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`
}

export const reporter: Reporter = {
  id: 'html',
  description: 'One self-contained HTML file with charts, a sortable table and the evidence for each finding',
  extension: 'html',
  leadsWithVerdict: true,
  render: renderHtml,
}
