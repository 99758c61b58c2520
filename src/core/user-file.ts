/**
 * Files a user names (flags, `.stewards.yaml`, arguments): read whole or refused with one usage error (exit 3) that
 * names the file, what it was for and why: `file-unreadable`, `file-too-large` or `json-invalid`. Files found while
 * walking a scanned tree are discover's, and become report errors instead (exit 2).
 */
import {readFile, stat} from 'node:fs/promises'
import {StewardsError, usageError} from './errors.js'
import {plainReason} from './fs-reason.js'
import {parseJsonText} from './json-text.js'
import {formatPlace} from './problem.js'

export interface UserFileOptions {
  /** Replaces the default hint of the error code. */
  hint?: string
  /** Refused above this many bytes, before reading. */
  maxBytes?: number
}

/** The text of `file` (UTF-8); `what` names it in the error (`the map file`, `the snapshot`). */
export async function readUserFile(file: string, what: string, options: UserFileOptions = {}): Promise<string> {
  try {
    if (options.maxBytes !== undefined) {
      const {size} = await stat(file)
      if (size > options.maxBytes)
        throw usageError(
          'file-too-large',
          `${file}: ${what} is larger than ${options.maxBytes} bytes (${size})`,
          options.hint,
        )
    }
    return await readFile(file, 'utf8')
  } catch (error) {
    if (error instanceof StewardsError) throw error
    throw unreadable(file, what, error, options.hint)
  }
}

/** The usage error for a file or directory that could not be read: `file: cannot read the X (no such file or directory)`. */
export function unreadable(file: string, what: string, error: unknown, hint?: string): StewardsError {
  return usageError('file-unreadable', `${file}: cannot read ${what} (${reasonOf(error)})`, hint)
}

/** Why, in plain words (core/fs-reason.ts): `no such file or directory`, never `ENOENT`. */
export function reasonOf(error: unknown): string {
  return plainReason(error)
}

/**
 * JSON.parse of a user's file (a leading byte-order mark ignored); a syntax error names the file, its line and the
 * kind of error, never the text around it (core/json-text): `file:3: invalid JSON at line 3, column 7 (…)`.
 */
export function parseUserJson(text: string, file: string, hint?: string): unknown {
  const json = parseJsonText(text)
  if (json.ok) return json.value
  throw usageError('json-invalid', `${formatPlace(file, json.line)}: ${json.message}`, hint)
}
