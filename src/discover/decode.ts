/**
 * Bytes to text without guessing. A UTF-8 BOM is dropped; UTF-16 with its byte-order mark (what Windows PowerShell
 * 5.1's `>` and `Out-File` write: `pip freeze > requirements.txt` there; pip, npm and the other tools read such a
 * file by its mark) is decoded as the mark says; UTF-32, and UTF-16 without a mark (a NUL in every other byte: a
 * guess), are an unsupported encoding; the magic numbers of archives and executables (gzip, zip, ELF...) are
 * binary. Both leave the file unread. Anything else is text: a line that is not valid UTF-8 or that holds a control character (a stray NUL,
 * an escape sequence) is reported with its number and handed to the formats as an empty line, so line formats
 * keep their good entries and every reported line makes the run incomplete. Decoding garbage would turn into
 * wrong components; dropping a whole lockfile for one bad byte would hide the rest.
 * One exception, not a guess: XML that is not valid UTF-8 and names its encoding in its declaration
 * (`<?xml version="1.0" encoding="ISO-8859-1"?>`, XML 1.0 §4.3.3; Maven's own tests hold such POMs) is decoded as
 * it says, by the WHATWG decoders Node's TextDecoder has (`ISO-8859-1`/`latin1` is windows-1252 there, as in
 * browsers; stewards decodes windows-1252 by its table, which Node 20 does not); an encoding it does not have is
 * `unsupported-encoding`.
 * Another, for Python source only (a format's Discoverer.pythonSource): the encoding a PEP 263 coding cookie names
 * (./python-coding.ts), as Python decodes such a file whether or not its bytes are UTF-8.
 */
import {isAscii, isUtf8} from 'node:buffer'
import {closeSync, fstatSync, readSync} from 'node:fs'
import {openRegularFile, readWhole} from '../core/regular-file.js'
import {type PythonCookie, pythonCookie} from './python-coding.js'

export interface BadLine {
  line: number
  /** 1-based column (UTF-16 code units) of the first bad character; absent for invalid UTF-8. */
  column?: number
  code: 'invalid-utf8' | 'control-character'
  message: string
}

export type Decoded =
  | {
      kind: 'text'
      /** The text with every bad line emptied (line numbers unchanged). */
      text: string
      badLines: BadLine[]
      /**
       * Every byte was ASCII. Otherwise V8 may hold the text, and every slice of it, at two bytes per character
       * even where one would do (./jobs.ts narrows the strings of such a file's components).
       */
      ascii: boolean
    }
  | {kind: 'binary'; what: string /** What to do instead, for a format with a text form. */; hint?: string}
  | {kind: 'error'; code: 'unsupported-encoding'; message: string}

/** What bun.lockb (binary) needs instead: Bun writes the text lockfile on request, and by default from 1.2. */
export const BUN_TEXT_LOCKFILE_HINT =
  'run `bun install --save-text-lockfile` (Bun 1.2 and later write the text bun.lock by default) and scan bun.lock'

/** File signatures (https://en.wikipedia.org/wiki/List_of_file_signatures) of what is sometimes named like a lockfile. */
const MAGIC: ReadonlyArray<{what: string; bytes: number[]; hint?: string}> = [
  {what: 'gzip', bytes: [0x1f, 0x8b]},
  {what: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04]},
  {what: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06]},
  {what: 'zip', bytes: [0x50, 0x4b, 0x07, 0x08]},
  {what: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46]},
  {what: 'bzip2', bytes: [0x42, 0x5a, 0x68]},
  {what: 'xz', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]},
  {what: 'zstd', bytes: [0x28, 0xb5, 0x2f, 0xfd]},
  {what: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]},
  {what: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47]},
  {what: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d]},
  {what: 'Mach-O executable', bytes: [0xcf, 0xfa, 0xed, 0xfe]},
  {what: 'Mach-O executable', bytes: [0xfe, 0xed, 0xfa, 0xcf]},
  {what: 'WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d]},
  // Bun's binary lockfile (bun.lockb): its header is text, the rest is not (Bun's src/install/lockfile/bun.lockb.zig).
  {
    what: "Bun's binary lockfile",
    bytes: [...Buffer.from('#!/usr/bin/env bun\nbun-lockfile-format-v')],
    hint: BUN_TEXT_LOCKFILE_HINT,
  },
  {what: 'SQLite database', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74]},
]

/**
 * C0 controls but tab, line feed and carriage return; DEL; C1 controls but NEL (U+0085, a YAML line break).
 * None of them belongs in a manifest or a lockfile (YAML 1.2 §5.1 forbids them; JSON only allows them escaped).
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0080-\u0084\u0086-\u009f]/
/**
 * The same but C1: in Python source decoded as Latin-1 every byte is a character Python reads, and the bytes 0x80 to
 * 0x9F are C1 characters (a file with a `latin-1` cookie that is really UTF-8 is full of them: `Ø` is C3 98).
 */
const CONTROL_C0 = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** UTF-16 by its byte-order mark (`FF FE` little-endian, `FE FF` big-endian; `FF FE 00 00` is UTF-32's). */
export function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const [b0, b1, b2, b3] = bytes
  if (b0 === 0xff && b1 === 0xfe && !(b2 === 0x00 && b3 === 0x00)) return 'utf-16le'
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be'
  return undefined
}

/** UTF-16 text, its mark dropped; bytes that are not UTF-16 (an odd length, a lone surrogate) are an error. */
function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  try {
    return finish(new TextDecoder(encoding, {fatal: true}).decode(bytes), [], false)
  } catch {
    const message = `${encoding.toUpperCase()} by its byte-order mark, but not valid ${encoding.toUpperCase()}; save the file as UTF-8`
    return {kind: 'error', code: 'unsupported-encoding', message}
  }
}

/** How a file is decoded beyond UTF-8. */
export interface DecodeOptions {
  /** Python source: decoded by the encoding its PEP 263 coding cookie names (./python-coding.ts). */
  python?: boolean
}

export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const wide = utf16Bom(bytes)
  if (wide) return decodeUtf16(bytes, wide)
  const unread = notText(bytes)
  if (unread) return unread
  const cookie = options.python ? pythonCookie(bytes) : undefined
  if (cookie && cookie.codec !== 'utf-8') return decodePython(bytes, cookie)
  const badLines: BadLine[] = []
  const utf8 = isUtf8(bytes)
  if (!utf8) {
    const declared = declaredXmlEncoding(bytes)
    if (declared) return declared
  }
  // ignoreBOM false (the default) drops a UTF-8 BOM.
  const text = utf8 ? new TextDecoder('utf-8').decode(bytes) : decodeByLine(bytes, badLines)
  return finish(text, badLines, isAscii(hasBom(bytes) ? bytes.subarray(3) : bytes))
}

/** How much of a large file is read and decoded at a time (./jobs.ts reads files with readText). */
const READ_CHUNK = 1 << 22

/**
 * Reads and decodes a file a chunk at a time, so a large file is never held as bytes and text at once; more than
 * `max` bytes is `too-large`. A file that is not valid UTF-8 throughout is read again whole, to find its bad lines.
 * A file up to READ_CHUNK is one read. Each chunk is checked with `isUtf8` (simdutf) and decoded with
 * `Buffer#toString`: a fatal TextDecoder gives the same text at about twice the cost, streamed or not.
 * Synchronous, as the bare parse reads: the walk gives only regular files (never a FIFO, which would block), and
 * the file is parsed as soon as it is read, so waiting for the thread pool would only leave the CPU idle.
 */
export function readText(
  abs: string | Buffer,
  max: number,
  options: DecodeOptions = {},
): Decoded | {kind: 'too-large'; size: number} {
  const {fd, size: statSize} = openRegularFile(abs)
  try {
    // Not zero-filled (every byte read is written first), and no larger than the file needs: most files are small.
    // One byte over the size, so a file that grew since its stat is still seen to the end.
    const buffer = Buffer.allocUnsafe(Math.max(4, Math.min(READ_CHUNK, statSize + 1)))
    const parts: string[] = []
    let size = 0
    /** Bytes at the start of `buffer` carried over from the previous chunk: an incomplete UTF-8 sequence. */
    let carried = 0
    let ascii = true
    for (;;) {
      const bytesRead = readSync(fd, buffer, carried, buffer.length - carried, null)
      if (size === 0) {
        const wide = utf16Bom(buffer.subarray(0, bytesRead))
        if (wide) {
          const whole = readWhole(fd, statSize + 1, max)
          return whole ? decodeUtf16(whole, wide) : {kind: 'too-large', size: fstatSync(fd).size}
        }
        const unread = notText(buffer.subarray(0, bytesRead))
        if (unread) return unread
        // A coding cookie is in the first two lines: a file that names another encoding than UTF-8 is read whole.
        const cookie = options.python ? pythonCookie(buffer.subarray(0, bytesRead)) : undefined
        if (cookie && cookie.codec !== 'utf-8') {
          const whole = readWhole(fd, statSize + 1, max)
          return whole ? decodeText(whole, options) : {kind: 'too-large', size: fstatSync(fd).size}
        }
      }
      size += bytesRead
      if (size > max) return {kind: 'too-large', size: fstatSync(fd).size}
      const filled = carried + bytesRead
      // At the end every byte must decode; before it, an incomplete sequence waits for the next chunk.
      const end = bytesRead === 0 ? filled : completeUtf8(buffer, filled)
      // A UTF-8 BOM is dropped, as TextDecoder does.
      const from = size === bytesRead && filled >= 3 && hasBom(buffer) ? 3 : 0
      const chunk = buffer.subarray(from, end)
      // Invalid UTF-8 somewhere: the line-by-line decoder tells which lines.
      if (!isUtf8(chunk)) {
        const whole = readWhole(fd, statSize + 1, max)
        return whole ? decodeText(whole, options) : {kind: 'too-large', size: fstatSync(fd).size}
      }
      const asciiChunk = isAscii(chunk)
      ascii &&= asciiChunk
      // ASCII is the same text in Latin-1, which Node copies byte for byte where UTF-8 is decoded (about a third
      // less time on the corpus's files, most of them ASCII).
      if (chunk.length > 0) parts.push(chunk.toString(asciiChunk ? 'latin1' : 'utf8'))
      if (bytesRead === 0) break
      carried = filled - end
      buffer.copy(buffer, 0, end, filled)
    }
    return finish(parts.length === 1 ? parts[0] : parts.join(''), [], ascii)
  } finally {
    closeSync(fd)
  }
}

/**
 * The encoding an XML declaration at the very start names (ASCII-compatible by then: UTF-16/32 are told apart
 * before). Bounded: a declaration is short, and the pattern has no nested repetition.
 */
const XML_DECLARATION =
  /^<\?xml[ \t\r\n][^>]{0,200}?\bencoding[ \t\r\n]*=[ \t\r\n]*["']([A-Za-z][A-Za-z0-9._:-]{0,39})["']/

/**
 * Text that is not UTF-8 but declares, as XML, an encoding other than UTF-8: decoded as declared, or an
 * `unsupported-encoding` error. undefined when there is no such declaration, or the bytes are not valid in the
 * encoding named (then its lines are reported as any other invalid UTF-8).
 */
function declaredXmlEncoding(bytes: Uint8Array): Decoded | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 256)).toString('latin1')
  const label = XML_DECLARATION.exec(head)?.[1]
  if (label === undefined) return undefined
  let decoder: InstanceType<typeof TextDecoder>
  try {
    decoder = new TextDecoder(label, {fatal: true})
  } catch {
    return {
      kind: 'error',
      code: 'unsupported-encoding',
      message: `the XML declaration names the encoding ${label}, which is not supported; save the file as UTF-8`,
    }
  }
  if (decoder.encoding === 'utf-8' || decoder.encoding.startsWith('utf-16')) return undefined
  // windows-1252 (the WHATWG decoder of `ISO-8859-1` too): Node 20's TextDecoder reads it as Latin-1 (0x96 is U+0096, a
  // control character, where Maven reads an en dash); its table, as Node 22 and 24 decode it.
  if (decoder.encoding === 'windows-1252') return finish(windows1252(bytes), [], false)
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    return undefined
  }
  return finish(text, [], false)
}

/** WHATWG windows-1252: cp1252's table, the bytes it leaves undefined (81, 8D, 8F, 90, 9D) the C1 code of their value. */
function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] || c.charCodeAt(0)))
}

/**
 * Python source whose coding cookie names another encoding than UTF-8 (./python-coding.ts): Latin-1 is every byte
 * the code point of its value (Python's `latin-1` codec; Node's `latin1` is the same, not windows-1252); ASCII
 * reports a line with any other byte as an invalid UTF-8 line is; a codec whose ASCII bytes are ASCII reads a
 * file that is all ASCII. Anything else is `unsupported-encoding`, naming the codec; so is a cookie after a UTF-8
 * byte-order mark that does not name UTF-8, which Python refuses too.
 */
function decodePython(bytes: Uint8Array, cookie: PythonCookie): Decoded {
  const said = `its coding cookie (line ${cookie.line}) names ${cookie.label}`
  const whole = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  if (cookie.bom)
    return {
      kind: 'error',
      code: 'unsupported-encoding',
      message: `the file starts with a UTF-8 byte-order mark, but ${said}, which Python refuses; save the file as UTF-8`,
    }
  const ascii = isAscii(bytes)
  if (cookie.codec === 'latin-1') return finish(whole.toString('latin1'), [], ascii, CONTROL_C0)
  if (ascii && (cookie.codec === 'ascii' || cookie.codec === 'ascii-superset'))
    return finish(whole.toString('latin1'), [], true)
  if (cookie.codec === 'cp1252') {
    const badLines: BadLine[] = []
    const message = (line: number) =>
      `line ${line} has a byte cp1252 leaves undefined, as its coding cookie (line ${cookie.line}) names it; the line is not read`
    const text = decodeByLine(
      bytes,
      badLines,
      (line) => !line.some((byte) => CP1252_HIGH[byte - 0x80] === 0),
      message,
      {
        decode: cp1252,
      },
    )
    return finish(text, badLines, ascii, CONTROL_C0)
  }
  if (cookie.codec === 'single-byte' && cookie.whatwg !== undefined) {
    // Each line alone: a byte the encoding leaves undefined (Python refuses the file) empties its line only.
    const decoder = new TextDecoder(cookie.whatwg, {fatal: true})
    const valid = (line: Uint8Array) => {
      try {
        decoder.decode(line)
        return true
      } catch {
        return false
      }
    }
    const badLines: BadLine[] = []
    const message = (line: number) =>
      `line ${line} has a byte ${cookie.label} leaves undefined, as its coding cookie (line ${cookie.line}) names it; the line is not read`
    const text = decodeByLine(bytes, badLines, valid, message, decoder)
    return finish(text, badLines, ascii, CONTROL_C0)
  }
  if (cookie.codec === 'ascii') {
    const badLines: BadLine[] = []
    const text = decodeByLine(
      bytes,
      badLines,
      isAscii,
      (line) =>
        `line ${line} is not ASCII, as its coding cookie (line ${cookie.line}: ${cookie.label}) says; the line is not read`,
    )
    return finish(text, badLines, false)
  }
  return {
    kind: 'error',
    code: 'unsupported-encoding',
    message: `${said}, an encoding stewards does not decode (it decodes UTF-8, ASCII, Latin-1 and the other ISO-8859 encodings, KOI8, cp1252, windows-1256 and Mac Roman); save the file as UTF-8`,
  }
}

/**
 * Python's cp1252 (Lib/encodings/cp1252.py) from 0x80 to 0x9F, by code point; 0 where it is undefined (81, 8D, 8F, 90,
 * 9D: Python refuses the byte). Every other byte is the Latin-1 character of its value.
 */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0, 0x17d, 0, 0, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0, 0x17e, 0x178,
]

function cp1252(line: Uint8Array): string {
  let text = ''
  for (const byte of line) text += String.fromCharCode(byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] : byte)
  return text
}

function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
}

/**
 * Where the last complete UTF-8 sequence of `bytes[0, length)` ends: an incomplete one at the end (at most 3
 * bytes) is left for the next chunk. Anything malformed is left in place for `isUtf8` to reject.
 */
function completeUtf8(bytes: Uint8Array, length: number): number {
  for (let back = 1; back <= Math.min(3, length); back++) {
    const byte = bytes[length - back]
    if ((byte & 0xc0) === 0x80) continue // a continuation byte: look further back for its lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return needed > back ? length - back : length
  }
  return length
}

/** UTF-16/32, or the magic number of a binary format, from the first bytes. */
function notText(bytes: Uint8Array): Decoded | undefined {
  const encoding = sniffWideEncoding(bytes)
  if (encoding) {
    return {
      kind: 'error',
      code: 'unsupported-encoding',
      message: `${encoding} text${encoding === 'UTF-16' ? ' without a byte-order mark' : ''} is not supported; save the file as UTF-8`,
    }
  }
  const magic = MAGIC.find(({bytes: signature}) => signature.every((byte, i) => bytes[i] === byte))
  if (!magic) return undefined
  return magic.hint ? {kind: 'binary', what: magic.what, hint: magic.hint} : {kind: 'binary', what: magic.what}
}

function finish(decoded: string, badLines: BadLine[], ascii: boolean, control = CONTROL): Decoded {
  const text = control.test(decoded) ? blankControlLines(decoded, badLines, control) : decoded
  badLines.sort((a, b) => a.line - b.line)
  return {kind: 'text', text, badLines, ascii}
}

function sniffWideEncoding(bytes: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = bytes
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return 'UTF-32'
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return 'UTF-32'
  // Without a BOM, ASCII text in UTF-16 has a NUL in every other byte (with one, utf16Bom decodes it).
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
function decodeByLine(
  bytes: Uint8Array,
  badLines: BadLine[],
  valid: (line: Uint8Array) => boolean = isUtf8,
  message = (line: number) => `line ${line} is not valid UTF-8; the line is not read`,
  /** Another decoder than UTF-8's (a single-byte encoding: no BOM, no line feed inside a character). */
  decoder?: {decode(line: Uint8Array): string},
): string {
  // A BOM is dropped from the start of the file only, as the whole-file decoder does.
  const first = decoder ?? new TextDecoder('utf-8')
  const others = decoder ?? new TextDecoder('utf-8', {ignoreBOM: true})
  const parts: string[] = []
  let line = 1
  let start = 0
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start)
    if (end < 0) end = bytes.length
    const slice = bytes.subarray(start, end)
    if (valid(slice)) {
      parts.push((line === 1 ? first : others).decode(slice))
    } else {
      parts.push('')
      badLines.push({line, code: 'invalid-utf8', message: message(line)})
    }
    line++
    start = end + 1
  }
  return parts.join('\n')
}

function blankControlLines(text: string, badLines: BadLine[], control: RegExp): string {
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = control.exec(lines[i])
    if (!match) continue
    const code = match[0].codePointAt(0)!
    const name = code === 0 ? 'NUL' : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    badLines.push({
      line: i + 1,
      column: match.index + 1,
      code: 'control-character',
      message: `control character ${name} at line ${i + 1}; the line is not read`,
    })
    lines[i] = ''
  }
  return lines.join('\n')
}
