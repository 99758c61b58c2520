/** The head of a file, for formats that decide by content (Discoverer.sniff) before the whole file is read. */
import {closeSync, readSync} from 'node:fs'
import {openRegularFile} from '../core/regular-file.js'
import type {Discoverer} from './types.js'

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
    // No larger than the file: most sniffed files are small, and the walk sniffs thousands of them.
    return headText(readPart(abs, (size) => ({position: 0, length: Math.max(1, Math.min(SNIFF_BYTES, size + 1))}))!)
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}

/**
 * The last SNIFF_BYTES of a file longer than SNIFF_BYTES, as text (JSON keys may come in any order: some generators
 * write a format's marker key last); undefined for a shorter file (its head is all of it) or one that cannot be read.
 */
export function readTail(abs: string | Buffer): string | undefined {
  try {
    const bytes = readPart(abs, (size) =>
      size > SNIFF_BYTES ? {position: size - SNIFF_BYTES, length: SNIFF_BYTES} : undefined,
    )
    return bytes && HEAD_DECODER.decode(bytes)
  } catch {
    return undefined
  }
}

/** Reads `part(size)` of a regular file, one open and one read (the head, the tail); undefined when it says none. */
function readPart(
  abs: string | Buffer,
  part: (size: number) => {position: number; length: number} | undefined,
): Buffer | undefined {
  const {fd, size} = openRegularFile(abs)
  try {
    const wanted = part(size)
    if (!wanted) return undefined
    const {position, length} = wanted
    const buffer = Buffer.allocUnsafe(length)
    return buffer.subarray(0, readSync(fd, buffer, 0, length, position))
  } finally {
    closeSync(fd)
  }
}

/** The last SNIFF_BYTES of some bytes as text, when there are more than SNIFF_BYTES (see readTail). */
export function tailText(bytes: Uint8Array): string | undefined {
  return bytes.length > SNIFF_BYTES ? HEAD_DECODER.decode(bytes.subarray(bytes.length - SNIFF_BYTES)) : undefined
}

/**
 * Of the formats that claim a file by its name, the ones that read it: all that do not sniff, and the sniffing ones
 * its head satisfies. The head is read only when a sniffing format needs it; a head that cannot be read leaves them out.
 * The tail, when given, is read at most once, and only when a format asks for it.
 */
export function sniffing(
  formats: readonly Discoverer[],
  head: () => string | Error,
  tail: () => string | undefined = () => undefined,
): readonly Discoverer[] {
  if (!formats.some((format) => format.sniff)) return formats
  const text = head()
  if (text instanceof Error) return formats.filter((format) => !format.sniff)
  const end = once(tail)
  return formats.filter((format) => !format.sniff || format.sniff(text, end))
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
  return HEAD_DECODER.decode(bytes.subarray(0, SNIFF_BYTES))
}
