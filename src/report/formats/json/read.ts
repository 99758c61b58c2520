/** Reads a JSON report back (for `stewards diff` and `--baseline`): a clear error naming the file, never a crash. */
import {SCAN_SCHEMA_VERSION, type ScanResult} from '../../../core/model.js'
import {ERRORS, usageError} from '../../../core/errors.js'
import {parseUserJson} from '../../../core/user-file.js'
import {ScanReport} from './schema.js'

const MAJOR = SCAN_SCHEMA_VERSION.split('.')[0]

export function readScanResult(text: string, file: string): ScanResult {
  const data = parseUserJson(text, file, ERRORS['report-invalid'].hint)
  const version = (data as {schemaVersion?: unknown} | null)?.schemaVersion
  if (typeof version === 'string' && version.split('.')[0] !== MAJOR) {
    throw usageError(
      'report-version',
      `${file}: report schema version ${version} is not supported (this stewards reads ${MAJOR}.x)`,
    )
  }
  const parsed = ScanReport.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue.path.length ? issue.path.join('.') : '(top level)'
    throw usageError('report-invalid', `${file}: not a stewards JSON report: ${where}: ${issue.message}`)
  }
  // The checked fields are what readers use; the rest passes through as written by a 1.x stewards.
  return parsed.data as unknown as ScanResult
}
