import {ExitCode} from '../core/errors.js'
import {checkWriteTarget, writeFileAtomic} from '../core/write-file.js'
import type {ScanResult, Severity} from '../core/model.js'
import {type CsvSheet, leadsWithVerdict, renderReport, type ReportFormat, verdictLine} from '../report/index.js'
import {gatingFindings, markBaseline, reachesThreshold} from './baseline.js'
import type {OutputTarget} from './flags.js'
import {nextStep, type RunContext} from './next-step.js'
import {type WaiverSource, waiverNotices} from './waivers.js'

/** How a judged result leaves the tool: `scan` and `evaluate` share it, so they share the exit-code contract. */
export interface Delivery {
  /** What goes to stdout, unless an `--output` already writes to `-`. */
  format: ReportFormat
  outputs: OutputTarget[]
  failOn: Severity | 'none'
  /** A previous report: only new or worsened findings gate. */
  baseline?: Pick<ScanResult, 'findings'>
  /** The sheet of the `csv` format (`--csv-sheet`). */
  csvSheet?: CsvSheet
  /** How the data was collected (a scan; not a re-judged report): says what to do about projects not collected. */
  run?: RunContext
  /** The waivers file applied, if any (else a re-judged report's own waivers are named as such). */
  waivers?: WaiverSource
  /** The scanned PATHs: a report file's path may not go through a link inside them (core/write-file.ts). */
  trees?: readonly string[]
}

/** Report files: written atomically, never through a link; a failure is the user's to fix (exit 3). */
const OUTPUT_TARGET = {what: '--output', hint: 'give a file path in a writable directory, or - for stdout'}

/**
 * Refused before any work is spent: a directory, a FIFO, a socket, a block device or a symbolic link given as a
 * report file, or a path through a link inside the working directory or a scanned PATH (`trees`).
 */
export function checkOutputs(outputs: readonly OutputTarget[], trees?: readonly string[]): void {
  for (const {file} of outputs) if (file !== '-') checkWriteTarget(file, {...OUTPUT_TARGET, untrusted: trees})
}

/**
 * Marks the findings against the baseline, writes every report (files, then stdout), and says how to exit: 2 when
 * incomplete (it outranks findings), 1 when a gating finding reaches `failOn`, else 0; with the lines for stderr,
 * in order: what the waivers did, the verdict when stdout's format does not open with it (the table, Markdown and
 * HTML do: leadsWithVerdict), the files written, what to do about projects not collected, and why the exit code is
 * not 0.
 */
export async function deliver(
  result: ScanResult,
  delivery: Delivery,
  stdout: NodeJS.WriteStream = process.stdout,
): Promise<{exitCode: ExitCode; message?: string; notes: string[]}> {
  if (delivery.baseline) markBaseline(result, delivery.baseline)
  const color = Boolean(stdout.isTTY) && !process.env.NO_COLOR
  const width = stdout.columns || Number(process.env.COLUMNS) || 100
  const written: string[] = []
  for (const {format, file} of delivery.outputs) {
    // renderReport is the output boundary of reports: the text is already redacted and neutralised.
    const text = renderReport(format, result, {color: false, width, csvSheet: delivery.csvSheet})
    if (file === '-') stdout.write(text)
    else {
      await writeFileAtomic(file, text, {...OUTPUT_TARGET, untrusted: delivery.trees})
      written.push(`${file} (${format})`)
    }
  }
  const toStdout = delivery.outputs.find((o) => o.file === '-')?.format ?? delivery.format
  if (!delivery.outputs.some((o) => o.file === '-'))
    stdout.write(renderReport(delivery.format, result, {color, width, csvSheet: delivery.csvSheet}))

  const next = delivery.run ? nextStep(result.projects, delivery.run) : null
  const notes = [
    ...waiverNotices(result, delivery.waivers).map((line) => `stewards: ${line}`),
    ...(leadsWithVerdict(toStdout) ? [] : [`stewards: ${verdictLine(result)}`]),
    ...(written.length ? [`stewards: wrote ${written.join(', ')}`] : []),
    ...(next ? [`stewards: ${next}`] : []),
  ]
  if (result.summary.incomplete)
    return {
      notes,
      exitCode: ExitCode.incomplete,
      message:
        'stewards: the result is incomplete: some inputs could not be read, collection was cut short or a rule could not be evaluated (see errors in the report)',
    }
  const gating = gatingFindings(result).filter((f) => reachesThreshold([f], delivery.failOn))
  if (gating.length === 0) return {exitCode: ExitCode.clean, notes}
  const what = delivery.baseline ? 'new or worsened finding(s)' : 'finding(s)'
  const rules = [...new Set(gating.map((f) => f.ruleId))].join(', ')
  return {
    notes,
    exitCode: ExitCode.findings,
    message: `stewards: ${gating.length} ${what} at or over --fail-on ${delivery.failOn}: ${rules}`,
  }
}
