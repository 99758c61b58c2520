/**
 * Files a user names (flags, `.stewards.yaml`, arguments): read whole or refused with one usage error (exit 3) that
 * names the file, what it was for and why: `file-unreadable`, `file-too-large` or `json-invalid`. Files found while
 * walking a scanned tree are discover's, and become report errors instead (exit 2).
 * Nothing named makes the run wait for a writer that never comes or read without end: a directory, socket or block
 * device is refused at once, and every file is read up to a size (by kind, and never past V8's longest string). A
 * pipe a user gives (`--map <(make-map)`) or a character device (`--config /dev/null`) is read as it comes; a FIFO
 * nothing writes to is refused at once. (A scanned tree's settings may name neither: pipeline/config-trust.ts.)
 */
import {constants as bufferConstants} from 'node:buffer'
import {closeSync, readSync} from 'node:fs'
import {Socket} from 'node:net'
import {type StewardsError, usageError} from './errors.js'
import {plainReason} from './fs-reason.js'
import {parseJsonText} from './json-text.js'
import {formatPlace} from './problem.js'
import {openForReading, readOpened} from './regular-file.js'

export interface UserFileOptions {
  /** Replaces the default hint of `file-unreadable`. */
  hint?: string
  /** Refused above this many bytes, before reading (default and at most MAX_USER_FILE_BYTES). */
  maxBytes?: number
}

/**
 * The largest file read as one text: V8's longest string (`buffer.constants.MAX_STRING_LENGTH`, 2^29 - 24
 * characters on 64-bit), so a larger file, which could not be held as text anyway, is refused with its size rather
 * than V8's "invalid string length".
 */
const MAX_USER_FILE_BYTES = bufferConstants.MAX_STRING_LENGTH

/** The text of `file` (UTF-8); `what` names it in the error (`the map file`, `the snapshot`). */
export async function readUserFile(file: string, what: string, options: UserFileOptions = {}): Promise<string> {
  const maxBytes = Math.min(options.maxBytes ?? MAX_USER_FILE_BYTES, MAX_USER_FILE_BYTES)
  let read: Awaited<ReturnType<typeof readNamedFile>>
  try {
    read = await readNamedFile(file, maxBytes)
  } catch (error) {
    throw unreadable(file, what, error, options.hint)
  }
  // The hint given is about the path or the content, not about a file too large.
  if ('tooLarge' in read) {
    const size = read.tooLarge === undefined ? '' : ` (${read.tooLarge})`
    throw usageError('file-too-large', `${file}: ${what} is larger than ${maxBytes} bytes${size}`)
  }
  return read.text
}

/**
 * The UTF-8 text of a file a user names, at most `maxBytes`; else its size (undefined for a pipe or a device, whose
 * size is only known by reading past the limit). Throws what the file system threw, for a path that is neither a
 * file, a FIFO nor a character device, and for a FIFO nothing writes to.
 */
export async function readNamedFile(
  file: string,
  maxBytes: number,
): Promise<{text: string} | {tooLarge: number | undefined}> {
  const opened = openForReading(file, true)
  if (opened.kind !== 'fifo') return readOpened({...opened, kind: opened.kind}, maxBytes)
  const bytes = await readPipe(opened.fd, maxBytes)
  return bytes ? {text: bytes.toString('utf8')} : {tooLarge: undefined}
}

/** The first read of a pipe, made without waiting. */
const PIPE_PROBE = 64 * 1024

/**
 * A FIFO's bytes to its end (undefined past `max`). Read first once without waiting: a FIFO that no process has
 * open for writing ends at once, where polling it would wait for a writer forever, and ending before any byte it is
 * refused (its writer may not have opened it yet: read as empty, settings would silently be the defaults). Then it
 * is read through a socket as its writer writes (a process substitution, `<(…)`), without blocking the process,
 * until the writer closes it. Takes the descriptor over (closed here).
 */
async function readPipe(fd: number, max: number): Promise<Buffer | undefined> {
  const first = Buffer.allocUnsafe(PIPE_PROBE)
  // Bytes read; 0 when it ended; none yet (EAGAIN) when a writer holds it and has written nothing.
  let probed = 0
  try {
    probed = readSync(fd, first, 0, first.length, null)
    if (probed === 0) throw new Error('it is a FIFO nothing writes to')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
      closeSync(fd)
      throw error
    }
  }
  const chunks: Buffer[] = probed > 0 ? [first.subarray(0, probed)] : []
  let total = probed
  let socket: Socket
  try {
    socket = new Socket({fd, readable: true, writable: false})
  } catch (error) {
    closeSync(fd)
    throw error
  }
  return new Promise((resolve, reject) => {
    const done = () => resolve(total > max ? undefined : Buffer.concat(chunks, total))
    if (total > max) {
      socket.destroy()
      return done()
    }
    socket.on('data', (chunk: Buffer) => {
      total += chunk.length
      if (total <= max) chunks.push(chunk)
      else socket.destroy()
    })
    socket.on('end', done)
    socket.on('error', reject)
    // Destroyed past the limit, or closed without an end: what came is all there is (a settled promise ignores it).
    socket.on('close', done)
  })
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
