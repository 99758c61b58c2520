/** Standard input as one file (`-` among the PATHs): read whole, up to the size limit, never from a terminal. */
import type {Readable} from 'node:stream'
import {usageError} from '../core/errors.js'

/** The PATH that names standard input. */
export const STDIN = '-'
/** How standard input is named in locations, errors and reports. */
export const STDIN_FILE = '<stdin>'

export interface StdinOptions {
  /** The id of the format that reads it (`--stdin-format`); else its content decides (Discoverer.identify). */
  format?: string
  /** Default `process.stdin`. */
  stream?: Readable & {isTTY?: boolean}
}

/** Reads the stream to its end; past `max` bytes it stops and says so. */
export async function readStdin(
  options: StdinOptions,
  max: number,
): Promise<{bytes: Uint8Array; tooLarge: false} | {tooLarge: true}> {
  const stream = options.stream ?? process.stdin
  if (stream.isTTY)
    throw usageError(
      'stdin-is-terminal',
      '`-` reads standard input, which is a terminal',
      'pipe a file into it: stewards inventory - < package-lock.json',
    )
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    size += buffer.length
    if (size > max) {
      stream.destroy()
      return {tooLarge: true}
    }
    chunks.push(buffer)
  }
  return {bytes: Buffer.concat(chunks), tooLarge: false}
}
