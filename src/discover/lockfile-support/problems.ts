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

/** A lockfile that gives nothing: no components, one error (the file, and the line where there is one). */
export function lockfileFailure(
  file: string,
  code: ErrorCode,
  message: string,
  line?: number,
  column?: number,
): {components: never[]; errors: ScanError[]} {
  return {components: [], errors: [lockfileError(file, code, message, line, column)]}
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
 * For parsers that keep `__proto__` keys as own properties of plain objects (harmless there): one error per line
 * that writes the key, when the parsed value holds one. The text is searched because these parsers keep no
 * positions; a key spelled with escapes is reported at line 1.
 */
export function forbiddenKeyErrors(file: string, text: string, value: unknown): ScanError[] {
  if (!holdsForbiddenKey(value, new Set())) return []
  const lines: number[] = []
  text.split('\n').forEach((line, index) => {
    if (/(^|[\s{,."'[])__proto__["']?\s*[=:\].]/.test(line)) lines.push(index + 1)
  })
  return (lines.length > 0 ? lines : [1]).map((line) =>
    lockfileError(file, 'forbidden-key', "forbidden key '__proto__' ignored", line),
  )
}

function holdsForbiddenKey(value: unknown, seen: Set<object>): boolean {
  if (typeof value !== 'object' || value === null || seen.has(value)) return false
  seen.add(value)
  if (Array.isArray(value)) return value.some((item) => holdsForbiddenKey(item, seen))
  return Object.keys(value).some(
    (key) => isForbiddenKey(key) || holdsForbiddenKey((value as Record<string, unknown>)[key], seen),
  )
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
