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
export function cappedErrors(
  errors: ScanError[],
  uncounted = 0,
  /** Where the first of the `uncounted` is, when known. */
  uncountedAt?: {line: number; column?: number},
): ScanError[] {
  if (errors.length <= MAX_FILE_ERRORS && uncounted === 0) return errors
  const files = new Map<
    string,
    {listed: number; omitted: number; codes: Set<string>; last: ScanError; first?: {line: number; column?: number}}
  >()
  const kept: ScanError[] = []
  for (const error of errors) {
    let file = files.get(error.file)
    if (!file) {
      const firstFile = files.size === 0
      file = {
        listed: 0,
        omitted: firstFile ? uncounted : 0,
        codes: new Set(),
        last: error,
        first: firstFile && uncounted > 0 ? uncountedAt : undefined,
      }
      files.set(error.file, file)
    }
    const before = leftOut.get(error)
    if (before !== undefined) {
      file.omitted += before
      if (error.line !== undefined) file.first = earlier(file.first, error)
      continue
    }
    file.last = error
    if (file.listed < MAX_FILE_ERRORS || !file.codes.has(error.code)) {
      kept.push(error)
      file.listed++
      file.codes.add(error.code)
    } else {
      file.omitted++
      if (error.line !== undefined) file.first = earlier(file.first, error)
    }
  }
  for (const [name, {omitted, last, first}] of files) {
    if (omitted === 0) continue
    // At the first problem it leaves out (when that one has a line), so that it says where to look.
    const at = first ? ` from line ${first.line}` : ''
    const summary: ScanError = {
      file: name,
      ...(first ? {line: first.line, ...(first.column === undefined ? {} : {column: first.column})} : {}),
      code: last.code,
      message: `${omitted} more problems in this file are not listed${at} (the first ${MAX_FILE_ERRORS}, and the first of each kind, are)`,
    }
    leftOut.set(summary, omitted)
    kept.push(summary)
  }
  return kept
}

/** The earlier of two places (by line, then column). */
function earlier(
  a: {line: number; column?: number} | undefined,
  b: {line?: number; column?: number},
): {line: number; column?: number} {
  const place = {line: b.line!, column: b.column}
  if (a === undefined) return place
  if (place.line !== a.line) return place.line < a.line ? place : a
  return (place.column ?? 0) < (a.column ?? 0) ? place : a
}
