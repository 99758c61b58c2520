/** Public API of the report stage. */
export {readMeasuredReport, readScanResult} from './formats/json/read.js'
export type {MeasuredReport} from './formats/json/schema.js'
export {leadsWithVerdict, renderReport} from './registry.js'
export {CSV_SHEETS, type CsvSheet, REPORT_FORMATS, type ReportFormat} from './types.js'
export {riskScoreLine, verdictLine} from './shared/verdict.js'
export {waiverCounts} from './shared/waivers.js'
