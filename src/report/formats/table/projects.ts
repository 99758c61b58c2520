/**
 * The projects table: one row per project, riskiest first. The organisation name and the repository wrap to
 * fit; the share has its own column so it is never cut. A status reason goes below the table, not in a cell.
 */
import {type ProjectReport, SEVERITIES, type Severity} from '../../../core/model.js'
import {selfDeclaredOrgs} from '../../shared/attribution.js'
import {headline, knownShare, leader, severityCounts} from '../../shared/metrics.js'
import {cleanText, formatNumber, percent} from '../../shared/text.js'
import {isCollected, NOT_COLLECTED} from '../../shared/verdict.js'
import {type Paint, SEVERITY_STYLE} from './ansi.js'
import {type Cell, type Column, renderColumns} from './layout.js'
import {hanging, packParts} from './wrap.js'

const BY_SEVERITY_DESC = [...SEVERITIES].reverse()
const FULL: Record<Severity, string> = {critical: 'CRIT', high: 'HIGH', medium: 'MED', low: 'LOW', info: 'INFO'}
const LETTER: Record<Severity, string> = {critical: 'C', high: 'H', medium: 'M', low: 'L', info: 'I'}

/** `github.com/` is left out of the repository column when every project is on GitHub: it says so in the header. */
const GITHUB = 'github.com/'

const REST: Column[] = [
  {header: 'STATUS'},
  // The risk score: 0 no risk found, 100 worst (the header line says so); `-` for a project not collected.
  {header: 'RISK', align: 'right'},
  {header: 'TOP ORGANISATION', short: 'TOP ORG', min: 8},
  // The share is of attributed commits: beside it, how much of the project is attributed at all. The figures are
  // right-aligned and one space apart (`100.0%` fills its column) so that at 80 columns the two wrapping columns
  // still have room for whole words.
  {header: 'SHARE', align: 'right', gap: 1},
  {header: 'KNOWN', align: 'right', gap: 1},
  {header: 'ELEPHANT', short: 'ELEPH', align: 'right', gap: 1},
  {header: 'BUS', align: 'right', gap: 1},
  ...BY_SEVERITY_DESC.map((s): Column => ({header: FULL[s], short: LETTER[s], align: 'right', gap: 1})),
]

function columns(allOnGitHub: boolean): Column[] {
  return [
    {header: allOnGitHub ? 'GITHUB REPOSITORY' : 'REPOSITORY', short: allOnGitHub ? 'GITHUB REPO' : undefined, min: 11},
    ...REST,
  ]
}

const LEGEND =
  'RISK risk score (0 none found, 100 worst) · SHARE of attributed commits · KNOWN share of human commits attributed · ELEPH elephant factor · C H M L I findings by severity'

/** The status word, `not collected` for a project with no data at all (the model says `partial`). */
function statusText(project: ProjectReport): string {
  return isCollected(project) ? project.status : NOT_COLLECTED
}
/** Marks an organisation only its contributors' profiles name (not in the organisation data). */
const DECLARED = '*'
const DECLARED_NOTE = "* self-declared: named by contributors' profiles, not in the organisation data"

function row(project: ProjectReport, paint: Paint, allOnGitHub: boolean): Cell[] {
  const h = headline(project)
  const top = leader(h)
  const counts = severityCounts(project.findings)
  return [
    {text: allOnGitHub ? project.repo.slice(GITHUB.length) : project.repo},
    {text: statusText(project), paint: project.status === 'ok' ? undefined : (s) => paint(s, 'yellow')},
    {
      text: isCollected(project) ? String(project.score) : '-',
      paint: (project.score ?? 0) >= 75 ? (s) => paint(s, 'bold') : undefined,
    },
    {text: top ? `${top.name}${selfDeclaredOrgs(project).has(top.name) ? DECLARED : ''}` : '-'},
    {text: percent(top?.share)},
    {text: percent(knownShare(h))},
    {text: formatNumber(h.elephantFactor)},
    {text: formatNumber(h.busFactor)},
    ...BY_SEVERITY_DESC.map((s): Cell => {
      const n = counts[s]
      return {text: String(n), paint: n > 0 ? (padded) => paint(padded, ...SEVERITY_STYLE[s]) : (p) => paint(p, 'dim')}
    }),
  ]
}

/** Why a project is not `ok` (or only partly read), one entry per project, wrapped with a hanging indent. */
function reasonLines(projects: readonly ProjectReport[], paint: Paint, width: number): string[] {
  const lines: string[] = []
  for (const p of projects) {
    if (!p.reason) continue
    const text = `${cleanText(p.repo)} is ${cleanText(statusText(p))}: ${cleanText(p.reason)}`
    lines.push(...hanging('', text, 2, width))
  }
  return lines.map((line) => paint(line, 'yellow'))
}

/** For a terminal too narrow for the table: each project as a line of its own, its figures below, wrapped. */
function blockLines(projects: readonly ProjectReport[], paint: Paint, width: number): string[] {
  return projects.flatMap((p) => {
    const h = headline(p)
    const top = leader(h)
    const counts = severityCounts(p.findings)
    const findings = BY_SEVERITY_DESC.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`)
    const figures = [
      statusText(p),
      ...(isCollected(p) ? [`risk ${p.score}`] : []),
      top
        ? `${cleanText(top.name)}${selfDeclaredOrgs(p).has(top.name) ? ' (self-declared)' : ''} ${percent(top.share)}`
        : 'top organisation unknown',
      `known ${percent(knownShare(h))}`,
      `elephant ${formatNumber(h.elephantFactor)}`,
      `bus ${formatNumber(h.busFactor)}`,
      findings.length ? findings.join(', ') : 'no findings',
    ]
    const name = hanging('', cleanText(p.repo), 2, width, (t) => paint(t, 'bold'))
    return [...name, ...packParts(figures, width - 2, 2).map((line) => `  ${line.trimStart()}`)]
  })
}

export function projectSection(projects: readonly ProjectReport[], paint: Paint, width: number): string[] {
  const allOnGitHub = projects.every((p) => p.repo.startsWith(GITHUB) && p.repo.length > GITHUB.length)
  const {lines, short, overflow} = renderColumns(
    columns(allOnGitHub),
    projects.map((p) => row(p, paint, allOnGitHub)),
    (t) => paint(t, 'bold'),
    width,
  )
  const reasons = reasonLines(projects, paint, width)
  const declared = projects.some((p) => {
    const top = leader(headline(p))
    return top !== null && selfDeclaredOrgs(p).has(top.name)
  })
  const below = reasons.length ? ['', ...reasons] : []
  if (overflow) return [paint('PROJECTS', 'bold'), ...blockLines(projects, paint, width), ...below]
  // The block layout writes "(self-declared)" in full; the table marks the name and says why once.
  const note = declared ? hanging('', DECLARED_NOTE, 2, width).map((l) => paint(l, 'dim')) : []
  const legend = short ? hanging('', LEGEND, 2, width).map((l) => paint(l, 'dim')) : []
  return [...lines, ...legend, ...note, ...below]
}
