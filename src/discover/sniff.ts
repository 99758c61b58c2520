/** The head of a file, for formats that decide by content (Discoverer.sniff) before the whole file is read. */
import {closeSync, readSync} from 'node:fs'
import {openRegularFile} from '../core/regular-file.js'

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
      const length = Math.max(1, Math.min(SNIFF_BYTES, size + 1))
      const buffer = Buffer.allocUnsafe(length)
      const bytesRead = readSync(fd, buffer, 0, length, 0)
      return headText(buffer.subarray(0, bytesRead))
    } finally {
      closeSync(fd)
    }
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}

/** The first SNIFF_BYTES of some bytes as text (a file's head, or standard input's). */
export function headText(bytes: Uint8Array): string {
  return HEAD_DECODER.decode(bytes.subarray(0, SNIFF_BYTES))
}
