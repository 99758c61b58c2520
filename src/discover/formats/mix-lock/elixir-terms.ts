/**
 * A reader for the subset of Elixir literal syntax that `mix.lock` is written in (Mix.Dep.Lock.write: `%{`, one
 * `"app": inspect(lock_tuple),` line per dependency, `}`) and that a simple `mix.exs` `deps` list uses: double-quoted
 * strings with their escapes, single-quoted charlists (`'v1.2.0'`, which older Mix wrote for a git `tag:`; read as
 * the string of their characters: "A charlist is a list of integers where all the integers are valid code points
 * ... created with single-quotes", https://hexdocs.pm/elixir/binaries-strings-and-charlists.html, and
 * `Code.string_to_quoted` reads them so), atoms (`:name`, `:"quoted"`, `true`, `false`, `nil`), aliases (`Foo.Bar`), numbers,
 * tuples, lists with keyword pairs (`key: value`, `"key": value`), and maps (`%{k => v}`, `%{"k": v}`).
 *
 * Written by hand: there is no maintained JavaScript parser of Elixir terms, and Mix itself reads the file with
 * `Code.string_to_quoted` + `Code.eval_quoted`, which is not something to imitate: nothing here is evaluated. Anything
 * else (interpolation `#{`, sigils, operators, function calls) is an error naming its line and column. One pass over
 * the text, no backtracking regular expression, nesting bounded by MAX_DEPTH.
 */
import type {Position} from '../../../core/line-index.js'
import {TermCursor, TermError} from '../../lockfile-support/term-cursor.js'

export type Term =
  | ({kind: 'string'; value: string} & Position)
  | ({kind: 'atom'; value: string} & Position)
  | ({kind: 'number'; value: string} & Position)
  | ({kind: 'alias'; value: string} & Position)
  | ({kind: 'tuple'; items: Term[]} & Position)
  | ({kind: 'list'; items: Term[]} & Position)
  | ({kind: 'map'; entries: Array<[Term, Term]>} & Position)

export const MAX_DEPTH = 64

const IDENT_START = /[a-z_]/
const IDENT_CHAR = /[A-Za-z0-9_]/
const ALIAS_START = /[A-Z]/

/** A cursor over the text, with the line and column (1-based) of the offset. */
export class ElixirReader extends TermCursor {
  constructor(text: string) {
    super(text, '#')
  }

  /** Reads one term at the cursor (after whitespace and comments). Throws TermError. */
  readTerm(depth = 0): Term {
    if (depth > MAX_DEPTH) throw new TermError(`nested deeper than ${MAX_DEPTH}`, this.line, this.column, true)
    this.skipSpace()
    const at = this.position()
    const char = this.text[this.offset]
    if (char === undefined) this.fail('unexpected end of file')
    if (char === '%' && this.text[this.offset + 1] === '{') {
      this.advance(2)
      const entries: Array<[Term, Term]> = []
      this.readEntries(depth, entries)
      return {kind: 'map', entries, line: at.line, column: at.column}
    }
    if (char === '{') {
      this.advance(1)
      return {kind: 'tuple', items: this.readItems('}', depth), line: at.line, column: at.column}
    }
    if (char === '[') {
      this.advance(1)
      return {kind: 'list', items: this.readItems(']', depth), line: at.line, column: at.column}
    }
    if (char === '"' || char === "'")
      return {kind: 'string', value: this.readString(char), line: at.line, column: at.column}
    if (char === ':') {
      const next = this.text[this.offset + 1]
      if (next === '"') {
        this.advance(1)
        return {kind: 'atom', value: this.readString(), line: at.line, column: at.column}
      }
      if (next !== undefined && (IDENT_START.test(next) || ALIAS_START.test(next))) {
        this.advance(1)
        return {kind: 'atom', value: this.readIdentifier(true), line: at.line, column: at.column}
      }
      this.fail('an atom must follow :')
    }
    if (/[0-9-]/.test(char)) return {kind: 'number', value: this.readNumber(), line: at.line, column: at.column}
    if (ALIAS_START.test(char)) {
      let value = this.readIdentifier(false)
      while (this.text[this.offset] === '.' && ALIAS_START.test(this.text[this.offset + 1] ?? '')) {
        this.advance(1)
        value += `.${this.readIdentifier(false)}`
      }
      return {kind: 'alias', value, line: at.line, column: at.column}
    }
    if (IDENT_START.test(char)) {
      const word = this.readIdentifier(false)
      if (word === 'true' || word === 'false' || word === 'nil')
        return {kind: 'atom', value: word, line: at.line, column: at.column}
      this.fail(`'${word.slice(0, 40)}' is not a literal (only literal terms are read, nothing is evaluated)`, at)
    }
    this.fail(`unexpected character ${JSON.stringify(char)}`)
  }

  /** Only whitespace and comments after the cursor. */
  expectEnd(): void {
    this.skipSpace()
    if (this.offset < this.text.length) this.fail('unexpected text after the term')
  }

  /** `key: ` of a keyword pair at the cursor: the key, or undefined (cursor unmoved). */
  private keywordKey(): {key: Term} | undefined {
    const start = {offset: this.offset, line: this.line, column: this.column}
    const at = this.position()
    const char = this.text[this.offset]
    let key: string | undefined
    if (char === '"' || char === "'") key = this.readString(char)
    else if (char !== undefined && (IDENT_START.test(char) || ALIAS_START.test(char))) key = this.readIdentifier(true)
    if (key !== undefined && this.text[this.offset] === ':' && /[\s]/.test(this.text[this.offset + 1] ?? '')) {
      this.advance(1)
      return {key: {kind: 'atom', value: key, line: at.line, column: at.column}}
    }
    this.offset = start.offset
    this.line = start.line
    this.column = start.column
    return undefined
  }

  /**
   * Items of a list or tuple up to `close`. Keyword pairs come last, as Elixir requires: in a list each is an item,
   * the 2-tuple it stands for (`[a: 1]` is `[{:a, 1}]`); in a tuple they are one last item, a keyword list
   * (`{:plug, "~> 1.0", only: :test}` is `{:plug, "~> 1.0", [only: :test]}`).
   */
  private readItems(close: string, depth: number): Term[] {
    const items: Term[] = []
    let pairs: (Term & {kind: 'list'}) | undefined
    let sawPair = false
    for (;;) {
      this.skipSpace()
      if (this.text[this.offset] === close) {
        this.advance(1)
        return items
      }
      const at = this.position()
      const keyword = this.keywordKey()
      if (keyword) {
        const pair: Term = {
          kind: 'tuple',
          items: [keyword.key, this.readTerm(depth + 1)],
          line: at.line,
          column: at.column,
        }
        sawPair = true
        if (close === ']') items.push(pair)
        else {
          if (pairs === undefined) {
            pairs = {kind: 'list', items: [], line: at.line, column: at.column}
            items.push(pairs)
          }
          pairs.items.push(pair)
        }
      } else if (sawPair) this.fail('keyword pairs must come last')
      else items.push(this.readTerm(depth + 1))
      this.skipSpace()
      const next = this.text[this.offset]
      if (next === ',') this.advance(1)
      else if (next !== close)
        this.fail(next === undefined ? `unexpected end of file, '${close}' missing` : `expected ',' or '${close}'`)
    }
  }

  /**
   * Entries of a map up to `}` (the cursor after `%{`): `key => value` or `key: value`, each pushed to `entries` as
   * it is read, so a caller keeps those read before an error.
   */
  readEntries(depth: number, entries: Array<[Term, Term]>): void {
    for (;;) {
      this.skipSpace()
      if (this.text[this.offset] === '}') {
        this.advance(1)
        return
      }
      const keyword = this.keywordKey()
      if (keyword) entries.push([keyword.key, this.readTerm(depth + 1)])
      else {
        const key = this.readTerm(depth + 1)
        this.skipSpace()
        if (this.text.startsWith('=>', this.offset)) this.advance(2)
        else this.fail("expected '=>' after a map key")
        entries.push([key, this.readTerm(depth + 1)])
      }
      this.skipSpace()
      const next = this.text[this.offset]
      if (next === ',') this.advance(1)
      else if (next !== '}')
        this.fail(next === undefined ? "unexpected end of file, '}' missing" : "expected ',' or '}'")
    }
  }

  /** An identifier; `atom` allows the trailing `?` or `!` of an atom and `@` inside it. */
  private readIdentifier(atom: boolean): string {
    const start = this.offset
    while (
      this.offset < this.text.length &&
      (IDENT_CHAR.test(this.text[this.offset]) || (atom && this.text[this.offset] === '@'))
    )
      this.advance(1)
    if (atom && (this.text[this.offset] === '?' || this.text[this.offset] === '!')) this.advance(1)
    return this.text.slice(start, this.offset)
  }

  private readNumber(): string {
    const start = this.offset
    if (this.text[this.offset] === '-') this.advance(1)
    if (!/[0-9]/.test(this.text[this.offset] ?? '')) this.fail('a digit must follow -')
    while (/[0-9_.]/.test(this.text[this.offset] ?? '')) this.advance(1)
    return this.text.slice(start, this.offset)
  }

  /**
   * A double-quoted string (or, `quote` `'`, a charlist) at the cursor, its escapes decoded (the same for both);
   * interpolation is refused.
   */
  private readString(quote: '"' | "'" = '"'): string {
    const at = this.position()
    const {text} = this
    this.advance(1)
    let value = ''
    for (;;) {
      const char = text[this.offset]
      if (char === undefined) this.fail(quote === '"' ? 'unterminated string' : 'unterminated charlist', at)
      if (char === quote) {
        this.advance(1)
        return value
      }
      if (char === '\n') {
        value += char
        this.newline()
        continue
      }
      if (char === '#' && text[this.offset + 1] === '{') this.fail('string interpolation is not a literal')
      if (char !== '\\') {
        value += this.takeUntil(`${quote}\\\n#`)
        continue
      }
      const escaped = text[this.offset + 1]
      if (escaped === undefined) this.fail('unterminated string', at)
      const simple = SIMPLE_ESCAPES[escaped]
      if (simple !== undefined) {
        value += simple
        this.advance(2)
      } else if (escaped === 'x' || escaped === 'u') value += this.readCodeEscape(escaped)
      else if (escaped === '\n') {
        // A backslash before a newline joins the lines.
        this.newline(2)
      } else {
        // Any other escaped character stands for itself (`\#`, `\"`, `\'`, `\\`).
        value += escaped
        this.advance(2)
      }
    }
  }

  /** `\xHH`, `\x{H..}`, `\uHHHH`, `\u{H..}` at the cursor. */
  private readCodeEscape(kind: string): string {
    const {text} = this
    let digits: string
    if (text[this.offset + 2] === '{') {
      const end = text.indexOf('}', this.offset + 3)
      if (end < 0 || end - this.offset > 12) this.fail(`bad \\${kind}{} escape`)
      digits = text.slice(this.offset + 3, end)
      this.advance(end + 1 - this.offset)
    } else {
      const length = kind === 'x' ? 2 : 4
      digits = text.slice(this.offset + 2, this.offset + 2 + length)
      this.advance(2 + length)
    }
    const code = /^[0-9a-fA-F]{1,6}$/.test(digits) ? Number.parseInt(digits, 16) : Number.NaN
    if (!(code <= 0x10ffff)) this.fail(`bad \\${kind} escape`)
    return String.fromCodePoint(code)
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  e: '\x1b',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  s: ' ',
  '0': '\0',
}
