/** Reads a JSON report back (for `stewards diff` and `--baseline`): a clear error naming the file, never a crash. */
import {SCAN_SCHEMA_VERSION, type ScanResult} from '../../../core/model.js'
import {usageError} from '../../../core/errors.js'
import {parseJsonText} from '../../../core/json-text.js'
import {ScanReport} from './schema.js'

const MAJOR = SCAN_SCHEMA_VERSION.split('.')[0]

export function readScanResult(text: string, file: string): ScanResult {
  const json = parseJsonText(text)
  if (!json.ok)
    throw usageError(
      'report-invalid-json',
      `${file}:${json.line}: ${json.message}`,
      'pass a report written by `stewards scan --format json`',
    )
  const data = json.value
  const version = (data as {schemaVersion?: unknown} | null)?.schemaVersion
  if (typeof version === 'string' && version.split('.')[0] !== MAJOR) {
    throw usageError(
      'report-version',
      `${file}: report schema version ${version} is not supported (this stewards reads ${MAJOR}.x)`,
      'write both reports with the same major version of stewards',
    )
  }
  const parsed = ScanReport.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue.path.length ? issue.path.join('.') : '(top level)'
    throw usageError(
      'report-invalid',
      `${file}: not a stewards JSON report: ${where}: ${issue.message}`,
      'pass a report written by `stewards scan --format json`',
    )
  }
  // The checked fields are what readers use; the rest passes through as written by a 1.x stewards.
  return parsed.data as unknown as ScanResult
}
