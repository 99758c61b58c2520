/** The head of a file, for formats that decide by content (Discoverer.sniff) before the whole file is read. */
import {closeSync, readSync} from 'node:fs'
import {openRegularFile} from '../core/regular-file.js'
import type {Discoverer} from './types.js'
import {utf16Bom} from './decode.js'

/** How much of a file a sniffing format sees. */
export const SNIFF_BYTES = 64 * 1024

/** Not fatal: a character cut at the end of the head decodes as U+FFFD. One for every head (it keeps no state). */
const HEAD_DECODER = new TextDecoder('utf-8')

/**
 * Synchronous, as ./decode.ts reads files: the walk is CPU work between short system calls, and awaiting the thread
 * pool for each left the CPU idle. O_NONBLOCK and fstat: a FIFO put where the walk saw a file is refused at once
 * instead of waiting for a writer.
 */
export function readHead(abs: string | Buffer): string | Error {
  try {
    const {fd, size} = openRegularFile(abs)
    try {
      // No larger than the file: most sniffed files are small, and the walk sniffs thousands of them.
      const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(SNIFF_BYTES, size + 1)))
      return headText(buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)))
    } finally {
      closeSync(fd)
    }
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}

/**
 * The last SNIFF_BYTES of a file longer than SNIFF_BYTES before the white space that ends it, as text (JSON keys may
 * come in any order: some generators write a format's marker key last, and a document may be followed by any
 * amount of white space); undefined for a shorter file (its head is all of it) or one that cannot be read.
 * A UTF-16 file with its byte-order mark is decoded as the mark says, as ./decode.ts reads it, whole code units
 * from the start of the file (an odd last byte is left out: reading the file says it is not UTF-16); NULs after
 * the document count as white space here, so that a file padded with them is still told by its tail and its reading
 * reports them.
 */
export function readTail(abs: string | Buffer): string | undefined {
  try {
    const {fd, size} = openRegularFile(abs)
    try {
      if (size <= SNIFF_BYTES) return undefined
      const buffer = Buffer.allocUnsafe(SNIFF_BYTES)
      const wide = utf16Bom(buffer.subarray(0, readSync(fd, buffer, 0, 4, 0)))
      const decoder = wide ? new TextDecoder(wide) : HEAD_DECODER
      // From the end, a block at a time, to the last byte that is not white space: one read for a file that ends
      // with its document, two for one followed by white space. UTF-16 blocks start and end at even offsets.
      const whole = wide ? size - (size % 2) : size
      for (let end = whole; end > 0; ) {
        const from = Math.max(0, end - SNIFF_BYTES)
        const got = readSync(fd, buffer, 0, end - from, from)
        if (got < end - from) return undefined // the file shrank under us: no tail to tell
        const last = lastNonSpace(buffer.subarray(0, got), wide)
        if (last === got - 1 && end === whole) return decoder.decode(buffer.subarray(0, got))
        if (last >= 0) {
          const stop = from + last + 1
          const start = Math.max(0, stop - SNIFF_BYTES)
          return decoder.decode(buffer.subarray(0, readSync(fd, buffer, 0, stop - start, start)))
        }
        end = from
      }
      return ''
    } finally {
      closeSync(fd)
    }
  } catch {
    return undefined
  }
}

/** The last SNIFF_BYTES of some bytes before their trailing white space, when there are more than SNIFF_BYTES. */
export function tailText(bytes: Uint8Array): string | undefined {
  if (bytes.length <= SNIFF_BYTES) return undefined
  const wide = utf16Bom(bytes)
  const whole = wide ? bytes.subarray(0, bytes.length - (bytes.length % 2)) : bytes
  const end = lastNonSpace(whole, wide) + 1
  return (wide ? new TextDecoder(wide) : HEAD_DECODER).decode(whole.subarray(Math.max(0, end - SNIFF_BYTES), end))
}

/**
 * The index of the last byte that is not JSON white space (space, tab, CR, LF) nor NUL, -1 when there is none; in
 * UTF-16 (`bytes` of whole code units), the index of the last byte of the last such code unit.
 */
function lastNonSpace(bytes: Uint8Array, wide?: 'utf-16le' | 'utf-16be'): number {
  if (wide) {
    const [low, high] = wide === 'utf-16le' ? [0, 1] : [1, 0]
    let i = bytes.length - 2
    while (i >= 0 && bytes[i + high] === 0 && SPACE_OR_NUL.has(bytes[i + low])) i -= 2
    return i + 1
  }
  let i = bytes.length - 1
  while (i >= 0 && SPACE_OR_NUL.has(bytes[i])) i--
  return i
}

const SPACE_OR_NUL: ReadonlySet<number> = new Set([0x20, 0x0a, 0x0d, 0x09, 0x00])

/**
 * All of a file, for a sniff that its head and tail leave open (Discoverer.sniff): its name, and its text decoded
 * chunk by chunk as it is iterated, so that a scan of a large file keeps one chunk in memory.
 */
export interface SniffFile {
  /** The path as printed (`<stdin>` for standard input): some names say what a file should hold. */
  readonly name: string
  /**
   * The whole text in chunks (UTF-8, or UTF-16 by its byte-order mark as ./decode.ts reads it; a bad sequence as
   * U+FFFD); a file that cannot be read ends early.
   */
  chunks(): Iterable<string>
}

/** A file on disk, read SNIFF_BYTES at a time when its chunks are iterated. */
export function fileToSniff(name: string, abs: string | Buffer): SniffFile {
  return {
    name,
    *chunks() {
      let opened: {fd: number; size: number}
      try {
        opened = openRegularFile(abs)
      } catch {
        return
      }
      const {fd, size} = opened
      try {
        let decoder: InstanceType<typeof TextDecoder> | undefined
        const buffer = Buffer.allocUnsafe(SNIFF_BYTES)
        // No further than the size it had when opened: a file that grows while it is read cannot keep the sniff going.
        let left = size
        for (let got = readOrNone(fd, buffer, left); got > 0; got = readOrNone(fd, buffer, left)) {
          left -= got
          decoder ??= textDecoder(buffer.subarray(0, got))
          yield decoder.decode(buffer.subarray(0, got), {stream: true})
        }
        if (decoder) yield decoder.decode()
      } finally {
        closeSync(fd)
      }
    },
  }
}

/** At most `left` bytes read from the file's current position; 0 at its end or when reading fails. */
/** A streaming decoder for a file's text by its first bytes: UTF-16 by its byte-order mark, else UTF-8. */
function textDecoder(first: Uint8Array): InstanceType<typeof TextDecoder> {
  return new TextDecoder(utf16Bom(first) ?? 'utf-8')
}

function readOrNone(fd: number, buffer: Buffer, left: number): number {
  if (left <= 0) return 0
  try {
    return readSync(fd, buffer, 0, Math.min(buffer.length, left), null)
  } catch {
    return 0
  }
}

/** Bytes already in memory (a file in an archive, standard input), decoded SNIFF_BYTES at a time. */
export function bytesToSniff(name: string, bytes: Uint8Array): SniffFile {
  return {
    name,
    *chunks() {
      const decoder = textDecoder(bytes)
      for (let at = 0; at < bytes.length; at += SNIFF_BYTES) {
        yield decoder.decode(bytes.subarray(at, at + SNIFF_BYTES), {stream: true})
      }
      yield decoder.decode()
    },
  }
}

/**
 * Of the formats that claim a file by its name, the ones that read it: all that do not sniff, and the sniffing ones
 * its head satisfies, less the fallback formats (Discoverer.fallback) when a sniffing one keeps the file. The head is read
 * only when a sniffing format needs it; a head that cannot be read leaves them out.
 * The tail, when given, is read at most once, and only when a format asks for it; so is the whole file, by the
 * format that asks for it.
 */
export function sniffing(
  formats: readonly Discoverer[],
  head: () => string | Error,
  tail: () => string | undefined = () => undefined,
  file?: SniffFile,
): readonly Discoverer[] {
  const sniffs = (format: Discoverer) => sniffsFile(format, file?.name)
  if (!formats.some(sniffs)) return formats
  const text = head()
  if (text instanceof Error) return formats.filter((format) => !sniffs(format))
  const end = once(tail)
  const kept = formats.filter((format) => !sniffs(format) || format.sniff?.(text, end, file))
  // What a format recognises by its content is not read by a catch-all one as well (Discoverer.fallback).
  return kept.some((format) => format.sniff) ? kept.filter((format) => !format.fallback) : kept
}

/**
 * Whether `format` decides by content whether it reads the file named `name`: it has a sniff, and does not read the
 * file by its name alone (Discoverer.named). Such a file needs no head read, and one that cannot be read is an error.
 */
export function sniffsFile(format: Discoverer, name: string | undefined): boolean {
  return format.sniff !== undefined && !(name !== undefined && format.named?.(name) === true)
}

function once<T>(read: () => T): () => T {
  let done = false
  let value: T
  return () => {
    if (!done) {
      value = read()
      done = true
    }
    return value
  }
}

/** The first SNIFF_BYTES of some bytes as text (a file's head, or standard input's). */
export function headText(bytes: Uint8Array): string {
  const head = bytes.subarray(0, SNIFF_BYTES)
  // UTF-16 by its byte-order mark is read as such (./decode.ts), so formats sniff its text, not its bytes.
  const wide = utf16Bom(head)
  if (wide) return new TextDecoder(wide).decode(head.subarray(0, head.length - (head.length % 2)))
  return HEAD_DECODER.decode(head)
}
