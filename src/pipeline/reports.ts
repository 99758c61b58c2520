/** Writing a scan's reports: every `--output FORMAT=FILE`, and the text for stdout (the caller prints it). */
import {mkdir, writeFile} from 'node:fs/promises'
import {dirname} from 'node:path'
import {usageError} from '../core/errors.js'
import type {ScanResult} from '../core/model.js'
import {type ReportFormat, renderReport} from '../report/index.js'
import type {OutputTarget} from './flags.js'

export interface Display {
  /** Colours in the stdout report (only on a terminal; files never get any). */
  color: boolean
  width: number
}

/**
 * Writes every report file and returns what goes to stdout, in order: the `--output FORMAT=-` reports, else the
 * `format` report. A path that cannot be written is the user's to fix (exit 3), not a crash.
 */
export async function writeReports(
  result: ScanResult,
  outputs: readonly OutputTarget[],
  format: ReportFormat,
  display: Display,
): Promise<string[]> {
  const stdout: string[] = []
  for (const {format: f, file} of outputs) {
    const text = renderReport(f, result, {color: false, width: display.width})
    if (file === '-') stdout.push(text)
    else await writeOutput(file, text)
  }
  if (!outputs.some((o) => o.file === '-')) stdout.push(renderReport(format, result, display))
  return stdout
}

async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(file), {recursive: true})
    await writeFile(file, text)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw usageError('output-unwritable', `--output ${file}: cannot write the report (${code})`)
  }
}
