/**
 * At most MAX_FILE_ERRORS errors are listed for one file; the rest are counted in one more. A hostile file can hold
 * millions of problems (a key written two million times): listed one by one they took gigabytes and a report of
 * tens of megabytes, and the first hundred tell as much. The first error of each kind is always listed: the one
 * that left a document unread must not hide behind a hundred duplicate keys.
 */
import type {ScanError} from '../core/model.js'

export const MAX_FILE_ERRORS = 100

/** The errors that tell how many more were left out, and how many: a list capped twice counts them once. */
const leftOut = new WeakMap<ScanError, number>()

/**
 * `errors` (of one format's reading: its own file and any it included) with at most MAX_FILE_ERRORS listed per
 * file, plus the first of each code, in their order; those left out (and `uncounted` more of the first file) are
 * told in one error per file.
 */
export function cappedErrors(errors: ScanError[], uncounted = 0): ScanError[] {
  if (errors.length <= MAX_FILE_ERRORS && uncounted === 0) return errors
  const files = new Map<string, {listed: number; omitted: number; codes: Set<string>; last: ScanError}>()
  const kept: ScanError[] = []
  for (const error of errors) {
    let file = files.get(error.file)
    if (!file) {
      file = {listed: 0, omitted: files.size === 0 ? uncounted : 0, codes: new Set(), last: error}
      files.set(error.file, file)
    }
    const before = leftOut.get(error)
    if (before !== undefined) {
      file.omitted += before
      continue
    }
    file.last = error
    if (file.listed < MAX_FILE_ERRORS || !file.codes.has(error.code)) {
      kept.push(error)
      file.listed++
      file.codes.add(error.code)
    } else file.omitted++
  }
  for (const [name, {omitted, last}] of files) {
    if (omitted === 0) continue
    // Of the whole file (no line): it sorts first among the file's errors.
    const summary: ScanError = {
      file: name,
      code: last.code,
      message: `${omitted} more problems in this file are not listed (the first ${MAX_FILE_ERRORS}, and the first of each kind, are)`,
    }
    leftOut.set(summary, omitted)
    kept.push(summary)
  }
  return kept
}
