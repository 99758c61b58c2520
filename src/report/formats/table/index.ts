/**
 * Terminal table: a header line, one row per upstream project, then each finding with where it is declared,
 * then what the scan could not read; every line fits `width` terminal cells (default 100, at least 40).
 * Colour only when the caller says so (TTY and no `NO_COLOR`); untrusted text is cleaned of control characters
 * either way.
 */
import type {ScanResult} from '../../../core/model.js'
import {baselineCounts, baselineSentence} from '../../shared/baseline.js'
import {cleanText, day} from '../../shared/text.js'
import {riskScoreLine, verdictLine} from '../../shared/verdict.js'
import type {ReportOptions, Reporter} from '../../types.js'
import {type Paint, painter} from './ansi.js'
import {findingSection, notReadSection, waiverSection} from './findings.js'
import {waiversSentence} from '../../shared/waivers.js'
import {wantedSection} from './wanted.js'
import {projectSection} from './projects.js'
import {hanging, packParts} from './wrap.js'

/** Width when the caller gives none (a file, a pipe without `COLUMNS`). */
export const DEFAULT_WIDTH = 100
/** Narrower widths are laid out as this wide: below it nothing useful fits on a line. */
export const MIN_WIDTH = 40

export function tableWidth(width: number | undefined): number {
  if (width === undefined || !Number.isFinite(width) || width <= 0) return DEFAULT_WIDTH
  return Math.max(MIN_WIDTH, Math.floor(width))
}

/**
 * The verdict first (one line a reader takes away), then the parts of the header line, joined with ` · ` and broken
 * between parts where the line would be too long.
 */
function headerLines(result: ScanResult, paint: Paint, width: number): string[] {
  const s = result.summary
  const baseline = baselineCounts(result.findings)
  const parts = [
    `stewards ${cleanText(result.tool.version)}`,
    `window ${cleanText(day(result.window.since))} to ${cleanText(day(result.window.until))}`,
    `${s.components} components`,
    `${s.projects} projects`,
    riskScoreLine(result),
    ...(baseline ? [baselineSentence(baseline)] : []),
    ...[waiversSentence(result)].filter((part): part is string => part !== null).map(cleanText),
  ]
  const verdict = hanging('', cleanText(verdictLine(result)), 2, width, (t) => paint(t, 'bold'))
  const lines = packParts(parts, width)
  return [
    ...verdict,
    ...lines.map((line, i) => (i === 0 ? line.replace(/^stewards/, paint('stewards', 'bold')) : line)),
  ]
}

export function renderTable(result: ScanResult, options: ReportOptions): string {
  const paint = painter(options.color)
  const width = tableWidth(options.width)
  const sections = [headerLines(result, paint, width)]
  if (result.projects.length > 0) sections.push(projectSection(result.projects, paint, width))
  sections.push(findingSection(result, paint, width))
  const wanted = wantedSection(result, paint, width)
  if (wanted.length > 0) sections.push(wanted)
  const waivers = waiverSection(result, paint, width)
  if (waivers.length > 0) sections.push(waivers)
  const notRead = notReadSection(result, paint, width)
  if (notRead.length > 0) sections.push(notRead)
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`
}

export const reporter: Reporter = {
  id: 'table',
  description: 'Terminal table: projects, findings and what could not be read, fitted to the terminal width',
  extension: 'txt',
  leadsWithVerdict: true,
  render: renderTable,
}
