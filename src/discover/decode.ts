/**
 * Bytes to text without guessing: a UTF-8 BOM is dropped, UTF-16/32 (BOM or NUL pattern) and invalid UTF-8
 * are errors, other NUL-bearing files are binary. Decoding garbage would turn into wrong components.
 */
import {isUtf8} from 'node:buffer'

export type Decoded =
  | {kind: 'text'; text: string}
  | {kind: 'binary'}
  | {kind: 'error'; code: 'unsupported-encoding' | 'invalid-utf8'; message: string; line?: number}

/** git's heuristic: a NUL in the first 8000 bytes means binary. */
const SNIFF_BYTES = 8000

export function decodeText(bytes: Uint8Array): Decoded {
  const encoding = sniffWideEncoding(bytes)
  if (encoding) {
    return {
      kind: 'error',
      code: 'unsupported-encoding',
      message: `${encoding} text is not supported; save the file as UTF-8`,
    }
  }
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return {kind: 'binary'}
  try {
    // fatal: invalid bytes throw instead of becoming U+FFFD; ignoreBOM false drops a UTF-8 BOM.
    return {kind: 'text', text: new TextDecoder('utf-8', {fatal: true}).decode(bytes)}
  } catch {
    const line = firstInvalidLine(bytes)
    return {kind: 'error', code: 'invalid-utf8', message: `invalid UTF-8 at line ${line}`, line}
  }
}

function sniffWideEncoding(bytes: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = bytes
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return 'UTF-32'
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return 'UTF-32'
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return 'UTF-16'
  // Without a BOM, ASCII text in UTF-16 has a NUL in every other byte.
  if (bytes.length >= 4) {
    const pairs = Math.min(bytes.length >> 1, 64)
    let evenNul = 0
    let oddNul = 0
    for (let i = 0; i < pairs; i++) {
      if (bytes[2 * i] === 0) evenNul++
      if (bytes[2 * i + 1] === 0) oddNul++
    }
    if ((evenNul === pairs && oddNul === 0) || (oddNul === pairs && evenNul === 0)) return 'UTF-16'
  }
  return undefined
}

/** 0x0A never occurs inside a multi-byte UTF-8 sequence, so lines can be checked one by one. */
function firstInvalidLine(bytes: Uint8Array): number {
  let line = 1
  let start = 0
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start)
    if (end < 0) end = bytes.length
    if (!isUtf8(bytes.subarray(start, end))) return line
    line++
    start = end + 1
  }
  return line
}
