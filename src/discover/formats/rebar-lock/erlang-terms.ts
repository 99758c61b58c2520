/**
 * A reader for the Erlang terms `rebar.lock` is written in (`file:consult/1` syntax: terms, each ending in `.`):
 * tuples, lists, binaries of one string (`<<"cowboy">>`, `<<"é"/utf8>>`), strings, atoms (bare and `'quoted'`),
 * integers, `%` comments. Written by hand: there is no maintained JavaScript parser of Erlang terms, and the Elixir
 * reader of mix-lock is another syntax (atoms there are `:a`, `a` here; `<<>>`, `'…'` and the final `.` are
 * Erlang's). Nothing is evaluated; anything else is an error naming its line and column. One pass, nesting bounded
 * by MAX_DEPTH.
 */
import type {Position} from '../../../core/line-index.js'
import {TermCursor, TermError} from '../../lockfile-support/term-cursor.js'

export type ErlTerm =
  | ({kind: 'binary'; value: string} & Position)
  | ({kind: 'string'; value: string} & Position)
  | ({kind: 'atom'; value: string} & Position)
  | ({kind: 'integer'; value: string} & Position)
  | ({kind: 'tuple'; items: ErlTerm[]} & Position)
  | ({kind: 'list'; items: ErlTerm[]} & Position)

export const MAX_DEPTH = 64

const ATOM_START = /[a-z]/
const ATOM_CHAR = /[A-Za-z0-9_@]/

const ESCAPES: Record<string, string> = {
  b: '\b',
  d: '\x7f',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  s: ' ',
  t: '\t',
  v: '\v',
}

export class ErlangReader extends TermCursor {
  constructor(text: string) {
    super(text, '%')
  }

  /** True when only whitespace and comments are left. */
  atEnd(): boolean {
    this.skipSpace()
    return this.offset >= this.text.length
  }

  /** One term followed by its `.`. Throws TermError. */
  readForm(): ErlTerm {
    const term = this.readTerm(0)
    this.skipSpace()
    if (this.text[this.offset] !== '.') this.fail("expected '.' after the term")
    this.advance(1)
    return term
  }

  private readTerm(depth: number): ErlTerm {
    if (depth > MAX_DEPTH) throw new TermError(`nested deeper than ${MAX_DEPTH}`, this.line, this.column, true)
    this.skipSpace()
    const at = {line: this.line, column: this.column}
    const char = this.text[this.offset]
    if (char === undefined) this.fail('unexpected end of file')
    if (char === '{') {
      this.advance(1)
      return {kind: 'tuple', items: this.readItems('}', depth), line: at.line, column: at.column}
    }
    if (char === '[') {
      this.advance(1)
      return {kind: 'list', items: this.readItems(']', depth), line: at.line, column: at.column}
    }
    if (char === '<' && this.text[this.offset + 1] === '<')
      return {kind: 'binary', value: this.readBinary(), line: at.line, column: at.column}
    if (char === '"') return {kind: 'string', value: this.readQuoted('"'), line: at.line, column: at.column}
    if (char === "'") return {kind: 'atom', value: this.readQuoted("'"), line: at.line, column: at.column}
    if (ATOM_START.test(char)) {
      const start = this.offset
      while (this.offset < this.text.length && ATOM_CHAR.test(this.text[this.offset])) this.advance(1)
      return {kind: 'atom', value: this.text.slice(start, this.offset), line: at.line, column: at.column}
    }
    if (/[0-9-]/.test(char)) {
      const start = this.offset
      if (char === '-') this.advance(1)
      if (!/[0-9]/.test(this.text[this.offset] ?? '')) this.fail('a digit must follow -')
      while (/[0-9_]/.test(this.text[this.offset] ?? '')) this.advance(1)
      return {kind: 'integer', value: this.text.slice(start, this.offset), line: at.line, column: at.column}
    }
    this.fail(`unexpected character ${JSON.stringify(char)}`)
  }

  private readItems(close: string, depth: number): ErlTerm[] {
    const items: ErlTerm[] = []
    this.skipSpace()
    if (this.text[this.offset] === close) {
      this.advance(1)
      return items
    }
    for (;;) {
      items.push(this.readTerm(depth + 1))
      this.skipSpace()
      const next = this.text[this.offset]
      if (next === ',') this.advance(1)
      else if (next === close) {
        this.advance(1)
        return items
      } else this.fail(next === undefined ? `unexpected end of file, '${close}' missing` : `expected ',' or '${close}'`)
    }
  }

  /** `<<"text">>`, `<<"text"/utf8>>` or `<<>>`; other binaries (bytes as integers) are refused. */
  private readBinary(): string {
    this.advance(2)
    this.skipSpace()
    let value = ''
    if (this.text[this.offset] === '"') {
      value = this.readQuoted('"')
      this.skipSpace()
      if (this.text.startsWith('/utf8', this.offset)) this.advance(5)
      this.skipSpace()
    }
    if (!this.text.startsWith('>>', this.offset)) this.fail('only binaries of one string are read (<<"...">>)')
    this.advance(2)
    return value
  }

  /** A `"string"` or `'atom'` with Erlang's escapes. */
  private readQuoted(quote: string): string {
    const at = {line: this.line, column: this.column}
    const {text} = this
    this.advance(1)
    let value = ''
    for (;;) {
      const char = text[this.offset]
      if (char === undefined) this.fail(quote === '"' ? 'unterminated string' : 'unterminated quoted atom', at)
      if (char === quote) {
        this.advance(1)
        return value
      }
      if (char === '\n') {
        value += char
        this.newline()
        continue
      }
      if (char !== '\\') {
        value += this.takeUntil(`${quote}\\\n`)
        continue
      }
      const escaped = text[this.offset + 1]
      if (escaped === undefined) this.fail('unterminated string', at)
      if (ESCAPES[escaped] !== undefined) {
        value += ESCAPES[escaped]
        this.advance(2)
      } else if (/[0-7]/.test(escaped)) {
        let end = this.offset + 1
        while (end < this.offset + 4 && /[0-7]/.test(text[end] ?? '')) end++
        value += String.fromCharCode(Number.parseInt(text.slice(this.offset + 1, end), 8))
        this.advance(end - this.offset)
      } else if (escaped === 'x') {
        let digits: string
        if (text[this.offset + 2] === '{') {
          const end = text.indexOf('}', this.offset + 3)
          if (end < 0 || end - this.offset > 12) this.fail('bad \\x{} escape')
          digits = text.slice(this.offset + 3, end)
          this.advance(end + 1 - this.offset)
        } else {
          digits = text.slice(this.offset + 2, this.offset + 4)
          this.advance(4)
        }
        const code = /^[0-9a-fA-F]{1,6}$/.test(digits) ? Number.parseInt(digits, 16) : Number.NaN
        if (!(code <= 0x10ffff)) this.fail('bad \\x escape')
        value += String.fromCodePoint(code)
      } else if (escaped === '^') {
        const control = text[this.offset + 2]
        if (control === undefined) this.fail('unterminated string', at)
        value += String.fromCharCode(control.charCodeAt(0) % 32)
        this.advance(3)
      } else if (escaped === '\n') {
        value += '\n'
        this.newline(2)
      } else {
        value += escaped
        this.advance(2)
      }
    }
  }
}
