/**
 * The encoding of a Python source file, as Python finds it (PEP 263, https://peps.python.org/pep-0263/; CPython's
 * Lib/tokenize.py `detect_encoding`): a comment in the first line, or in the second when the first is blank or a
 * comment, matching `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` names it (`# -*- coding: latin-1 -*-`, `# vim:
 * fileencoding=latin-1`); without one the file is UTF-8. The name is normalised as `_get_normal_name` does (`utf-8`
 * and `latin-1` spelt many ways), then looked up among Python's aliases (Lib/encodings/aliases.py) of the codecs
 * stewards decodes: UTF-8, Latin-1, ASCII, cp1252, and the single-byte encodings whose every byte Node's TextDecoder reads
 * as Python does (SINGLE_BYTE). Other codecs whose ASCII bytes read as ASCII (cp1250, shift_jis...) are known too,
 * for a file that is all ASCII: its text is the same whatever they are.
 */

export interface PythonCookie {
  /** The name as written. */
  label: string
  /** 1 or 2. */
  line: number
  /** What the name is, for stewards; undefined for a codec it does not decode (or that Python does not know). */
  codec: 'utf-8' | 'latin-1' | 'ascii' | 'cp1252' | 'single-byte' | 'ascii-superset' | undefined
  /** For `single-byte`: the encoding's WHATWG label, for TextDecoder. */
  whatwg?: string
  /** The file starts with a UTF-8 byte-order mark: Python then accepts no cookie but UTF-8's. */
  bom: boolean
}

const COOKIE = /^[ \t\f]*#[^\n]*?coding[:=][ \t]*([-\w.]+)/
const BLANK = /^[ \t\f]*(?:[#\r\n]|$)/

/** A line's bytes as many characters (Latin-1): the patterns are ASCII, so what they match is the same. */
function lineAt(bytes: Uint8Array, start: number): {text: string; next: number} {
  let end = bytes.indexOf(0x0a, start)
  if (end < 0) end = bytes.length
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1')
  return {text, next: end + 1}
}

/** The coding cookie of Python source, from its first bytes (the first two lines at least); undefined without one. */
export function pythonCookie(bytes: Uint8Array): PythonCookie | undefined {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const first = lineAt(bytes, bom ? 3 : 0)
  const found = COOKIE.exec(first.text)
  if (found) return cookie(found[1], 1, bom)
  if (!BLANK.test(first.text) || first.next > bytes.length) return undefined
  const second = COOKIE.exec(lineAt(bytes, first.next).text)
  return second ? cookie(second[1], 2, bom) : undefined
}

function cookie(label: string, line: number, bom: boolean): PythonCookie {
  const codec = codecOf(label)
  return typeof codec === 'string' || codec === undefined
    ? {label, line, codec, bom}
    : {label, line, codec: 'single-byte', whatwg: codec.whatwg, bom}
}

/**
 * Single-byte encodings Python and Node's TextDecoder (WHATWG) read alike, byte for byte (all 256 compared, Python
 * 3.11 and Node 20; windows-1252 is not among them: Node 20 reads it as Latin-1; ./decode.ts reads it by its table), by their WHATWG label, each with
 * Python's names for it (Lib/encodings/aliases.py).
 */
const SINGLE_BYTE: ReadonlyArray<[string, readonly string[]]> = [
  ['iso-8859-2', ['iso8859_2', 'csisolatin2', 'iso_8859_2', 'iso_8859_2_1987', 'iso_ir_101', 'l2', 'latin2']],
  ['iso-8859-3', ['iso8859_3', 'csisolatin3', 'iso_8859_3', 'iso_8859_3_1988', 'iso_ir_109', 'l3', 'latin3']],
  ['iso-8859-4', ['iso8859_4', 'csisolatin4', 'iso_8859_4', 'iso_8859_4_1988', 'iso_ir_110', 'l4', 'latin4']],
  ['iso-8859-5', ['iso8859_5', 'csisolatincyrillic', 'cyrillic', 'iso_8859_5', 'iso_8859_5_1988', 'iso_ir_144']],
  [
    'iso-8859-6',
    ['iso8859_6', 'arabic', 'asmo_708', 'csisolatinarabic', 'ecma_114', 'iso_8859_6', 'iso_8859_6_1987', 'iso_ir_127'],
  ],
  [
    'iso-8859-7',
    [
      'iso8859_7',
      'csisolatingreek',
      'ecma_118',
      'elot_928',
      'greek',
      'greek8',
      'iso_8859_7',
      'iso_8859_7_1987',
      'iso_ir_126',
    ],
  ],
  ['iso-8859-8', ['iso8859_8', 'csisolatinhebrew', 'hebrew', 'iso_8859_8', 'iso_8859_8_1988', 'iso_ir_138']],
  ['iso-8859-10', ['iso8859_10', 'csisolatin6', 'iso_8859_10', 'iso_8859_10_1992', 'iso_ir_157', 'l6', 'latin6']],
  ['iso-8859-13', ['iso8859_13', 'iso_8859_13', 'l7', 'latin7']],
  ['iso-8859-14', ['iso8859_14', 'iso_8859_14', 'iso_8859_14_1998', 'iso_celtic', 'iso_ir_199', 'l8', 'latin8']],
  ['iso-8859-15', ['iso8859_15', 'iso_8859_15', 'l9', 'latin9']],
  ['koi8-r', ['koi8_r', 'cskoi8r']],
  ['koi8-u', ['koi8_u']],
  ['windows-1256', ['cp1256', '1256', 'windows_1256']],
  ['macintosh', ['mac_roman', 'macintosh', 'macroman']],
]
const SINGLE_BYTE_NAMES: ReadonlyMap<string, string> = new Map(
  SINGLE_BYTE.flatMap(([whatwg, names]) => names.map((name): [string, string] => [name, whatwg])),
)

/** Python's aliases (Lib/encodings/aliases.py) of the codecs decoded, after Lib/encodings' normalize_encoding. */
const UTF8 = new Set(['utf_8', 'u8', 'utf', 'utf8', 'utf8_ucs2', 'utf8_ucs4', 'cp65001'])
const LATIN1 = new Set([
  'latin_1',
  '8859',
  'cp819',
  'csisolatin1',
  'ibm819',
  'iso8859',
  'iso8859_1',
  'iso_8859_1',
  'iso_8859_1_1987',
  'iso_ir_100',
  'l1',
  'latin',
  'latin1',
])
const ASCII = new Set([
  'ascii',
  '646',
  'ansi_x3.4_1968',
  'ansi_x3_4_1968',
  'ansi_x3.4_1986',
  'cp367',
  'csascii',
  'ibm367',
  'iso646_us',
  'iso_646.irv_1991',
  'iso_ir_6',
  'us',
  'us_ascii',
])
/** Python's cp1252 and its aliases: decoded by ./decode.ts's table (Node 20's TextDecoder reads it as Latin-1). */
const CP1252 = new Set(['cp1252', '1252', 'windows_1252'])

/**
 * Codecs (and their aliases) that read every ASCII byte as that character, as checked in Python 3.11
 * (`bytes(range(128)).decode(codec) == bytes(range(128)).decode('ascii')`).
 */
const ASCII_SUPERSETS = new Set([
  'cp1250',
  '1250',
  'windows_1250',
  'cp1251',
  '1251',
  'windows_1251',
  'shift_jis',
  'shiftjis',
  'sjis',
  's_jis',
  'cp932',
  '932',
  'ms932',
  'euc_jp',
  'eucjp',
  'ujis',
  'u_jis',
  'gbk',
  'cp936',
  '936',
  'ms936',
  'gb2312',
  'euc_cn',
  'euccn',
  'gb18030',
  'big5',
  'euc_kr',
  'euckr',
  'cp949',
  '949',
  'ms949',
  'uhc',
])

function codecOf(label: string): PythonCookie['codec'] | {whatwg: string} {
  // tokenize.py's _get_normal_name, on the first 12 characters.
  const head = label.slice(0, 12).toLowerCase().replaceAll('_', '-')
  if (head === 'utf-8' || head.startsWith('utf-8-')) return 'utf-8'
  if (/^(?:latin-1|iso-8859-1|iso-latin-1)(?:-|$)/.test(head)) return 'latin-1'
  // codecs.lookup: lower case, then encodings.normalize_encoding (runs of other characters than letters, digits and
  // `.` are one `_`, none at either end), then the aliases, with `.` as `_` too.
  const name = label
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_|_$/g, '')
  for (const candidate of [name, name.replaceAll('.', '_')]) {
    if (UTF8.has(candidate)) return 'utf-8'
    if (LATIN1.has(candidate)) return 'latin-1'
    if (ASCII.has(candidate)) return 'ascii'
    if (CP1252.has(candidate)) return 'cp1252'
    const whatwg = SINGLE_BYTE_NAMES.get(candidate)
    if (whatwg !== undefined) return {whatwg}
    if (ASCII_SUPERSETS.has(candidate)) return 'ascii-superset'
  }
  return undefined
}
