/** The head of a file, for formats that decide by content (Discoverer.sniff) before the whole file is read. */
import {open} from 'node:fs/promises'

/** How much of a file a sniffing format sees. */
export const SNIFF_BYTES = 64 * 1024

export async function readHead(abs: string): Promise<string | Error> {
  try {
    const handle = await open(abs, 'r')
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES)
      const {bytesRead} = await handle.read(buffer, 0, SNIFF_BYTES, 0)
      // A character cut at the end decodes as U+FFFD: harmless for a sniff.
      return new TextDecoder('utf-8').decode(buffer.subarray(0, bytesRead))
    } finally {
      await handle.close()
    }
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}
