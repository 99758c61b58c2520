/** Public API of the report stage. */
export {readScanResult} from './formats/json/read.js'
export {renderReport} from './registry.js'
export {REPORT_FORMATS, type ReportFormat} from './types.js'
