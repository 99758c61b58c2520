/**
 * Files a user names (flags, `.stewards.yaml`, arguments): read whole or refused with one usage error (exit 3) that
 * names the file, what it was for and why: `file-unreadable`, `file-too-large` or `json-invalid`. Files found while
 * walking a scanned tree are discover's, and become report errors instead (exit 2).
 * Only a regular file is read (./regular-file.ts): a settings file inside a scanned tree may name a FIFO, which
 * would make the run wait forever for a writer, or a device such as /dev/zero, which never ends.
 */
import {type StewardsError, usageError} from './errors.js'
import {plainReason} from './fs-reason.js'
import {parseJsonText} from './json-text.js'
import {formatPlace} from './problem.js'
import {readRegularFile} from './regular-file.js'

export interface UserFileOptions {
  /** Replaces the default hint of `file-unreadable`. */
  hint?: string
  /** Refused above this many bytes, before reading (default and at most MAX_USER_FILE_BYTES). */
  maxBytes?: number
}

/**
 * The largest file read as one text: V8's longest string is 2^29 - 24 characters (536,870,888), so a larger file
 * could not be held as text anyway; refused with its size rather than with V8's "invalid string length".
 */
export const MAX_USER_FILE_BYTES = 512 * 1024 * 1024

/**
 * The text of `file` (UTF-8); `what` names it in the error (`the map file`, `the snapshot`). Read synchronously:
 * one file, before the stage that needs it can start.
 */
export async function readUserFile(file: string, what: string, options: UserFileOptions = {}): Promise<string> {
  const maxBytes = Math.min(options.maxBytes ?? MAX_USER_FILE_BYTES, MAX_USER_FILE_BYTES)
  let read: ReturnType<typeof readRegularFile>
  try {
    read = readRegularFile(file, maxBytes)
  } catch (error) {
    throw unreadable(file, what, error, options.hint)
  }
  // The hint given is about the path or the content, not about a file too large.
  if ('tooLarge' in read)
    throw usageError('file-too-large', `${file}: ${what} is larger than ${maxBytes} bytes (${read.tooLarge})`)
  return read.text
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
