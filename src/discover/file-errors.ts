/**
 * At most MAX_FILE_ERRORS errors are listed for one file; the rest are counted in one more. A hostile file can hold
 * millions of problems (a key written two million times): listed one by one they took gigabytes and a report of
 * tens of megabytes, and the first hundred tell as much.
 */
import type {ScanError} from '../core/model.js'

export const MAX_FILE_ERRORS = 100

/** The errors that tell how many more were left out, and how many: a list capped twice counts them once. */
const leftOut = new WeakMap<ScanError, number>()

/** `errors` with those past MAX_FILE_ERRORS (plus `uncounted` already left out) told in one error. */
export function cappedErrors(errors: ScanError[], uncounted = 0): ScanError[] {
  if (errors.length <= MAX_FILE_ERRORS && uncounted === 0) return errors
  const listed = errors.filter((error) => !leftOut.has(error))
  const before = errors.reduce((sum, error) => sum + (leftOut.get(error) ?? 0), 0)
  const omitted = Math.max(0, listed.length - MAX_FILE_ERRORS) + uncounted + before
  if (omitted === 0) return listed
  const kept = listed.slice(0, MAX_FILE_ERRORS)
  const last = listed[listed.length - 1] ?? errors[errors.length - 1]
  // Of the whole file (no line): it sorts first among the file's errors.
  const summary: ScanError = {
    file: last.file,
    code: last.code,
    message: `${omitted} more problems in this file are not listed (the first ${MAX_FILE_ERRORS} are)`,
  }
  leftOut.set(summary, omitted)
  kept.push(summary)
  return kept
}
