/** Byte sizes as users write them: `50MB`, `512k`, `1.5GiB`, `1048576`. Units are binary (1 KB = 1024 bytes). */
import {usageError} from './errors.js'

const UNITS: Record<string, number> = {'': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4}

/** The number of bytes, or undefined when the text is not a size. */
export function parseSize(input: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(input) ?? /^\s*(\d+)\s*(b)\s*$/i.exec(input)
  if (!match) return undefined
  const bytes = Math.floor(Number(match[1]) * UNITS[match[2].toLowerCase()])
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined
}

/** `--max-file-size` (or `maxFileSize:`): the bytes, or a usage error naming the flag. */
export function parseSizeFlag(text: string, flag: string): number {
  const bytes = parseSize(text)
  if (bytes === undefined) throw usageError('bad-size', `${flag}: "${text}" is not a size`)
  return bytes
}
