import type {ScanResult} from '../core/model.js'
import {reportData, safeOutput} from '../core/neutralise.js'
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

/** The format opens with the verdict line (./types.ts Reporter.leadsWithVerdict). */
export function leadsWithVerdict(format: ReportFormat): boolean {
  return reporters[format].leadsWithVerdict === true
}

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value)
}

/**
 * The output boundary of every format: a format that lays data out itself gets it redacted and neutralised first
 * (so a code-scanning page or a Markdown summary shows `\u202E`, never the character), a format that writes the
 * model exactly (`exact`, JSON) keeps it; then the whole text has credentials removed and is neutralised (as JSON
 * escapes, for JSON). Formats added later get both without doing anything. Redacted before the layout too: once laid
 * out, a credential may no longer look like one (Markdown writes `ghp\_…`, SARIF percent-encodes a URI's `@` and
 * `:`), and a saved report given to `evaluate` may hold what discovery would have removed.
 */
export function renderReport(format: ReportFormat, result: ScanResult, options: ReportOptions): string {
  const reporter = reporters[format]
  const text = reporter.render(reporter.exact ? result : neutralised(result), options)
  return safeOutput(text, {keepColour: options.color})
}

const neutralisedResults = new WeakMap<ScanResult, ScanResult>()

/** One redacted and neutralised copy per result, however many formats are written. */
function neutralised(result: ScanResult): ScanResult {
  let copy = neutralisedResults.get(result)
  if (!copy) {
    // One walk: redacted, a file name kept on its line (a table cell or a Markdown code span showed a line break as
    // a space: `x ::error::y/pod.yaml` for a folder named `x⏎::error::y`), neutralised (core/neutralise.ts).
    copy = reportData(result)
    neutralisedResults.set(result, copy)
  }
  return copy
}
