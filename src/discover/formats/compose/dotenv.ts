/**
 * The `.env` file beside a Compose file, read as Compose reads it: a port of compose-go's `dotenv` package
 * (github.com/compose-spec/compose-go, dotenv/parser.go and godotenv.go at e70e961; Apache-2.0), the reader of
 * `docker compose`. Written by hand because npm `dotenv` reads another dialect: it does not interpolate, it loses
 * whether a value was quoted (so the single-quote rule below cannot be applied after it), it cuts an unquoted
 * `VAL# x` at the `#` (Compose cuts only at ` #`), and it knows only `\n` and `\r` in double quotes.
 *
 * What Compose does (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file,
 * formerly https://docs.docker.com/compose/env-file/):
 * - `KEY=VAL` or `KEY: VAL`, `export KEY=VAL`; blank lines and lines starting with `#` are skipped. A key holds
 *   letters, digits, `_ . - [ ]`; any other character, or a space inside it, makes the file unreadable to Compose.
 * - Unquoted: the rest of the line, cut at the first ` #` (space, hash), trailing spaces trimmed; interpolated.
 * - Double-quoted: may span lines; `\"` is a quote; `\a \b \f \n \r \t \v \\ \" \0ooo` are escapes, `\$` a literal
 *   `$`; then interpolated. Single-quoted: literal (only `\'` is a quote).
 * - Interpolation (`${VAR}`, `${VAR:-x}`, ...) sees the variables set earlier in the file. Compose looks a name up
 *   in the shell environment first; stewards never reads the shell, so a name not set earlier in the file is
 *   unset, and the value records it (`unset`) rather than guess it.
 * - A line with a key alone (`KEY`) takes the shell's value: unset here.
 * The parse stops at the first syntax error, as Compose's does (it then refuses the project); the variables read
 * before it are kept. Linear in the size of the file; each expansion is bounded by ../../variables.ts.
 */
import {C_ESCAPES} from '../../../core/escapes.js'
import {trimEnd} from '../../../core/trim-end.js'
import {substitute} from '../../variables.js'

export type EnvValue =
  | {ok: true; value: string; line: number; unset: string[]}
  | {ok: false; message: string; line: number}

export interface EnvFile {
  /** Without a prototype: `__proto__` is a name like any other. */
  vars: Map<string, EnvValue>
  /** The syntax error the parse stopped at. */
  error?: {line: number; message: string}
}

/** Go's unicode.IsSpace. */
const UNICODE_SPACE = /[\t\n\v\f\r \u0085\p{Z}]/u
/** compose-go's isSpace: a space but not a line break. */
const SPACE = /[\t\v\f\r \u0085\u00a0]/
const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u
const EXPORT = /^export[\t\n\f\r ]+/
/** compose-go's escapeSeqRegex. */
const ESCAPE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g
const ESCAPES: Record<string, string> = {...C_ESCAPES, '"': '"', '\\': '\\'}

export function parseEnv(text: string): EnvFile {
  const vars = new Map<string, EnvValue>()
  const src = text.startsWith('\ufeff') ? text.slice(1) : text
  let i = 0
  let line = 1
  const error = (message: string): EnvFile => ({vars, error: {line, message}})
  /** Skips from i to the next character that is not `test`, counting lines. */
  const skip = (test: RegExp): void => {
    while (i < src.length && test.test(src[i])) {
      if (src[i] === '\n') line++
      i++
    }
  }
  for (;;) {
    // Statement start: spaces, blank lines and `#` comment lines.
    skip(UNICODE_SPACE)
    if (i >= src.length) return {vars}
    if (src[i] === '#') {
      const end = src.indexOf('\n', i)
      if (end < 0) return {vars}
      i = end
      continue
    }
    const exported = EXPORT.exec(src.slice(i, i + 16))
    if (exported) {
      i += 'export'.length
      skip(SPACE)
    }
    // The key, up to `=`, `:` or a line break (a key alone).
    const keyLine = line
    const keyStart = i
    let separator = ''
    for (; i < src.length; i++) {
      const char = src[i]
      if (char === '=' || char === ':' || char === '\n') {
        separator = char
        break
      }
      if (SPACE.test(char) || KEY_CHAR.test(char)) continue
      const code = src.codePointAt(i)!
      if (code > 0xffff && KEY_CHAR.test(String.fromCodePoint(code))) {
        i++
        continue
      }
      const lineEnd = src.indexOf('\n', keyStart)
      const statement = src.slice(keyStart, lineEnd < 0 ? undefined : lineEnd)
      return error(`unexpected character "${String.fromCodePoint(code)}" in variable name "${statement}"`)
    }
    const key = trimEnd(src.slice(keyStart, i), UNICODE_SPACE)
    if (key.includes(' ')) return error('key cannot contain a space')
    if (separator === '') return {vars} // the file ends in a key without a value: nothing Compose sets
    i++
    if (separator === '\n') {
      line++
      continue // a key alone: the shell's value, never read here
    }
    skip(SPACE)
    const quote = src[i]
    if (quote !== '"' && quote !== "'") {
      const end = src.indexOf('\n', i)
      const raw = src.slice(i, end < 0 ? undefined : end)
      i = end < 0 ? src.length : end + 1
      line++
      const comment = raw.indexOf(' #')
      const value = trimEnd(comment < 0 ? raw : raw.slice(0, comment), UNICODE_SPACE)
      vars.set(key, expand(value, vars, keyLine))
      continue
    }
    // Quoted: up to the same quote not escaped; a backslash is kept before anything but that quote.
    let chars = ''
    let escaped = false
    let closed = false
    for (i++; i < src.length; i++) {
      const char = src[i]
      if (char === '\n') line++
      if (char !== quote) {
        if (!escaped && char === '\\') {
          escaped = true
          continue
        }
        if (escaped) {
          escaped = false
          chars += '\\'
        }
        chars += char
        continue
      }
      if (escaped) {
        escaped = false
        chars += char
        continue
      }
      closed = true
      i++
      break
    }
    if (!closed) {
      line = keyLine
      const end = src.indexOf('\n', keyStart)
      return error(`unterminated quoted value ${src.slice(keyStart, end < 0 ? undefined : end)}`)
    }
    vars.set(
      key,
      quote === '"'
        ? expand(unescapeDoubleQuoted(chars), vars, keyLine)
        : {ok: true, value: chars, line: keyLine, unset: []},
    )
  }
}

/** Double-quoted escapes as compose-go's expandEscapes: `\$` stays for the interpolation (as `$$`). */
function unescapeDoubleQuoted(text: string): string {
  return text.replace(ESCAPE, (match) => {
    const char = match[1]
    if (char === '$') return '$$'
    // compose-go's UnquoteChar refuses an escape it does not know (`\c`): the text stays as written.
    if (char !== '0') return ESCAPES[char] ?? match
    // `\0ooo`: Go's `\ooo` octal escape, at most 255; anything else is left as written.
    if (!/^\\0[0-7]{3}$/.test(match)) return match
    const code = Number.parseInt(match.slice(2), 8)
    return code <= 255 ? String.fromCharCode(code) : match
  })
}

/** Names kept of a value's unset variables: enough to name them, bounded however values chain (A=${B}${C}...). */
export const MAX_UNSET_NAMES = 10

function firstNames(...lists: string[][]): string[] {
  const names = new Set<string>()
  for (const list of lists) {
    for (const name of list) {
      if (names.size >= MAX_UNSET_NAMES) return [...names]
      names.add(name)
    }
  }
  return [...names]
}

/** Interpolates a value with the variables set before it; names not set are recorded, with those of the values used. */
function expand(value: string, vars: Map<string, EnvValue>, line: number): EnvValue {
  if (!value.includes('$')) return {ok: true, value, line, unset: []}
  const inherited: string[] = []
  const result = substitute(value, {
    escape: '$$',
    lookup: (name) => {
      const known = vars.get(name)
      if (known === undefined) return undefined
      if (!known.ok) {
        inherited.push(name)
        return ''
      }
      for (const u of known.unset) inherited.push(u)
      return known.value
    },
  })
  if (!result.ok) return {ok: false, message: result.message, line}
  const failed = inherited.filter((name) => vars.get(name)?.ok === false)
  if (failed.length > 0) return {ok: false, message: `uses ${failed.join(', ')}, which could not be read`, line}
  return {ok: true, value: result.value, line, unset: firstNames(result.unset, inherited)}
}
