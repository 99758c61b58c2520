/** Reads a JSON report back (`diff`, `--baseline`, `evaluate`): a clear error naming the file, never a crash. */
import type {z} from 'zod'
import {SCAN_SCHEMA_VERSION, type ScanResult} from '../../../core/model.js'
import {ERRORS, usageError} from '../../../core/errors.js'
import {parseUserJson} from '../../../core/user-file.js'
import {MeasuredReport, ScanReport} from './schema.js'
import {firstIssue} from '../../../core/zod-issues.js'

const MAJOR = SCAN_SCHEMA_VERSION.split('.')[0]

/** The schema version from which reports hold the measurement that `stewards evaluate` judges in full. */
export const MEASUREMENT_SCHEMA_VERSION = '1.2.0'

export function readScanResult(text: string, file: string): ScanResult {
  // The checked fields are what readers use; the rest passes through as written by a 1.x stewards.
  return checked(ScanReport, parseReport(text, file), file) as unknown as ScanResult
}

/**
 * Reads a JSON report to judge it again (`stewards evaluate`): a report of this major version and no newer than
 * this stewards writes, with every measured field checked. `measured` is false for reports written before the
 * measurement was stored (schema < 1.2.0): their metrics can be judged, but nobody can be named behind them.
 */
export function readMeasuredReport(text: string, file: string): {report: MeasuredReport; measured: boolean} {
  const data = parseReport(text, file)
  const {schemaVersion: version} = checked(ScanReport, data, file)
  if (compareVersions(version, SCAN_SCHEMA_VERSION) > 0)
    throw usageError(
      'report-version',
      `${file}: report schema version ${version} is newer than this stewards reads (up to ${SCAN_SCHEMA_VERSION})`,
      'judge it again with the stewards that wrote it, or a later one',
    )
  const report = checked(MeasuredReport, data, file)
  return {report, measured: compareVersions(version, MEASUREMENT_SCHEMA_VERSION) >= 0}
}

/** JSON of this major version. */
function parseReport(text: string, file: string): unknown {
  const data = parseUserJson(text, file, ERRORS['report-invalid'].hint)
  const version = (data as {schemaVersion?: unknown} | null)?.schemaVersion
  if (typeof version === 'string' && version.split('.')[0] !== MAJOR) {
    throw usageError(
      'report-version',
      `${file}: report schema version ${version} is not supported (this stewards reads ${MAJOR}.x)`,
    )
  }
  return data
}

function checked<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const parsed = schema.safeParse(data)
  if (parsed.success) return parsed.data
  throw usageError('report-invalid', `${file}: not a stewards JSON report: ${firstIssue(parsed.error)}`)
}

/** `MAJOR.MINOR.PATCH` (the schema's pattern), compared numerically. */
function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number))
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
}
