import type {ScanResult} from '../core/model.js'
import {defineRegistry} from '../core/registry.js'
import {reporter as csv} from './formats/csv/index.js'
import {reporter as cyclonedx} from './formats/cyclonedx/index.js'
import {reporter as html} from './formats/html/index.js'
import {reporter as json} from './formats/json/index.js'
import {reporter as markdown} from './formats/markdown/index.js'
import {reporter as sarif} from './formats/sarif/index.js'
import {reporter as table} from './formats/table/index.js'
import {REPORT_FORMATS, type ReportFormat, type ReportOptions, type Reporter} from './types.js'

/** One key per format; `satisfies` makes a missing or unknown format a type error. */
export const reporters = {table, json, sarif, markdown, html, csv, cyclonedx} satisfies Record<ReportFormat, Reporter>

/** The same plug-ins as an ordered list with unique ids (what tests/registry.test.ts checks against the folders). */
export const reporterList = defineRegistry<Reporter>(
  'reporter',
  REPORT_FORMATS.map((format) => reporters[format]),
)

export {REPORT_FORMATS}

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value)
}

export function renderReport(format: ReportFormat, result: ScanResult, options: ReportOptions): string {
  return reporters[format].render(result, options)
}
