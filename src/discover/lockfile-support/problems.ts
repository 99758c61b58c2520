import type {ErrorCode} from '../../core/errors.js'
import type {ScanError, Skipped} from '../../core/model.js'

/** Bad input in a lockfile: the file, and the line (and column) where there is one. */
export function lockfileError(
  file: string,
  code: ErrorCode,
  message: string,
  line?: number,
  column?: number,
): ScanError {
  const error: ScanError = {file, code, message}
  if (line !== undefined) error.line = line
  if (column !== undefined) error.column = column
  return error
}

/** A declared dependency without one exact version (a range, a URL, a VCS reference). */
export function unresolvedVersion(file: string, line: number, message: string): Skipped {
  return {file, line, reason: 'unresolved-version', message}
}

/** Keys that would reach Object.prototype if a consumer copied our data into a plain object. */
export function isForbiddenKey(key: string): boolean {
  return key === '__proto__'
}

/**
 * Parsers recurse on nesting, so a hostile file (100k `[`) overflows the stack: a RangeError is bad input, not a bug.
 * Any other exception is rethrown.
 */
export function stackOverflowError(file: string, error: unknown): ScanError {
  if (error instanceof RangeError)
    return lockfileError(file, 'too-deep', `nesting too deep to parse (${error.message})`)
  throw error
}
