/**
 * A reader of the literal data that `deps.edn`, `bb.edn` (EDN, https://github.com/edn-format/edn) and Leiningen's
 * `project.clj` (Clojure forms, https://clojure.org/reference/reader) are written in, with the line and column of
 * every form. Nothing is evaluated.
 *
 * Written by hand: the npm EDN parsers keep no positions (edn-data 1.2.2 gives plain values; jsedn is unmaintained
 * since 2014) and read EDN only, while a `project.clj` holds Clojure reader syntax EDN has not (`~` unquote, `#"…"`,
 * `#(…)`, `#=`, `@`, syntax quote). Read: strings and their escapes, characters, numbers, keywords, symbols, `nil`,
 * `true`, `false`, `##Inf`, maps, vectors, lists, sets, namespaced maps (`#:ns{…}`), comments (`;`, `#!`), discard
 * (`#_`), metadata (`^…`, `#^…`: dropped), quote (`'x` is `x`), regexes, tagged literals (`#inst "…"`, kept with
 * their tag). What only Clojure computes (`~x`, `~@x`, `#=(…)`, `#(…)`, `#'x`, `@x`, `` `x ``, and reader
 * conditionals `#?(…)`, `#?@(…)`, which EDN has not) is a `computed` form naming what it is, its content read and
 * dropped.
 *
 * Bad input does not stop the reading: an unterminated collection is closed at the end of the file, a stray or
 * mismatched closing bracket, a map with an odd number of forms and an unknown `#` dispatch are each an error at their
 * line and column, and the forms around them are kept. One pass over the text, no backtracking regular expression;
 * forms nested deeper than MAX_DEPTH are an error, moved over by a counter (no recursion past the bound).
 */
import type {Position} from '../../../core/line-index.js'
import {TermCursor} from '../../lockfile-support/term-cursor.js'

export type Form = Position &
  (
    | {kind: 'string'; value: string}
    | {kind: 'symbol'; value: string}
    /** Without its leading `:` (`::x`, auto-resolved, keeps one). */
    | {kind: 'keyword'; value: string}
    /** Numbers, characters, `nil`, `true`, `false`, `##Inf`: the text as written. */
    | {kind: 'scalar'; value: string}
    | {kind: 'regex'; value: string}
    | {kind: 'map'; entries: Array<[Form, Form]>}
    | {kind: 'vector' | 'list' | 'set'; items: Form[]}
    | {kind: 'tagged'; tag: string; form: Form}
    /** What only Clojure would compute: `what` names it (`~`, `#=`, `#?`…). */
    | {kind: 'computed'; what: string}
    /** Where an error was reported: no value. */
    | {kind: 'invalid'}
  )

export interface ReadError extends Position {
  message: string
  tooDeep?: boolean
}

export const MAX_DEPTH = 100
/** Errors kept for one text; past them, one more says how many were left out. */
export const MAX_ERRORS = 50

const CLOSERS: Readonly<Record<string, string>> = {'(': ')', '[': ']', '{': '}'}

/** Characters that end a token (symbol, keyword, number): whitespace, commas and the reader's macro characters. */
function endsToken(char: string): boolean {
  return ' \t\r\n,;"()[]{}\\^`~@'.includes(char) || char === '\f' || char === '\v'
}

/** Reads every top-level form of a text. */
export function readForms(text: string): {forms: Form[]; errors: ReadError[]} {
  const reader = new EdnReader(text)
  const forms = reader.readAll()
  if (reader.errorsLeftOut > 0) {
    const end = reader.position()
    reader.errors.push({message: `${reader.errorsLeftOut} more syntax errors not listed`, ...end})
  }
  return {forms, errors: reader.errors}
}

class EdnReader extends TermCursor {
  readonly errors: ReadError[] = []
  errorsLeftOut = 0
  private tooDeepReported = false

  constructor(text: string) {
    super(text, ';')
  }

  private error(message: string, at: Position = this.position()): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({message, line: at.line, column: at.column})
    else this.errorsLeftOut++
  }

  readAll(): Form[] {
    const forms: Form[] = []
    for (;;) {
      this.skipBlank()
      if (this.offset >= this.text.length) return forms
      const char = this.text[this.offset]
      if (char === ')' || char === ']' || char === '}') {
        this.error(`unmatched closing ${char}`)
        this.advance(1)
        continue
      }
      const form = this.readForm(0)
      if (form !== undefined) forms.push(form)
    }
  }

  /** Whitespace, commas, `;` comments. */
  private skipBlank(): void {
    const {text} = this
    while (this.offset < text.length) {
      const char = text[this.offset]
      if (char === '\n') this.newline()
      else if (char === ' ' || char === '\t' || char === '\r' || char === ',' || char === '\f' || char === '\v')
        this.advance(1)
      else if (char === ';') this.skipLine()
      else break
    }
  }

  private skipLine(): void {
    const end = this.text.indexOf('\n', this.offset)
    this.advance((end === -1 ? this.text.length : end) - this.offset)
  }

  /**
   * One form at the cursor (after blanks), or undefined when what is there gives none (a discarded form, the end of
   * the text, a closing bracket: left for the caller).
   */
  private readForm(depth: number): Form | undefined {
    for (;;) {
      this.skipBlank()
      const {text} = this
      if (this.offset >= text.length) return undefined
      const at = this.position()
      const char = text[this.offset]
      if (char === ')' || char === ']' || char === '}') return undefined
      if (depth > MAX_DEPTH) return this.skipTooDeep(at)
      if (char in CLOSERS) {
        this.advance(1)
        const items = this.readItems(CLOSERS[char], at, depth + 1)
        if (char !== '{') return {kind: char === '(' ? 'list' : 'vector', items, ...at}
        return {kind: 'map', entries: this.pairs(items), ...at}
      }
      if (char === '"') return {kind: 'string', value: this.readString(at), ...at}
      if (char === '\\') return {kind: 'scalar', value: this.readChar(), ...at}
      if (char === ':') {
        const token = this.readToken()
        if (token.length === 1) this.error('a keyword needs a name after :', at)
        return {kind: 'keyword', value: token.slice(1), ...at}
      }
      if (char === "'") {
        // (quote x) is x, as data.
        this.advance(1)
        const form = this.readForm(depth + 1)
        if (form === undefined) this.error("nothing follows '", at)
        return form ?? {kind: 'invalid', ...at}
      }
      if (char === '^') {
        this.advance(1)
        this.readOperand(depth, at, 'metadata ^')
        continue
      }
      if (char === '~' || char === '@' || char === '`') {
        const splice = char === '~' && text[this.offset + 1] === '@'
        const what = splice ? '~@' : char
        this.advance(splice ? 2 : 1)
        this.readOperand(depth, at, what)
        return {kind: 'computed', what, ...at}
      }
      if (char === '#') {
        const dispatched = this.readDispatch(depth, at)
        if (dispatched === 'discarded') continue
        return dispatched
      }
      return this.tokenForm(at)
    }
  }

  /** Reads the form an operator applies to (`~x`, `^meta`), dropped; an error when there is none. */
  private readOperand(depth: number, at: Position, what: string): void {
    if (this.readForm(depth + 1) === undefined) this.error(`nothing follows ${what}`, at)
  }

  /** `#…`: sets, discard, regexes, tags, reader conditionals, namespaced maps. */
  private readDispatch(depth: number, at: Position): Form | 'discarded' {
    const {text} = this
    const next = text[this.offset + 1]
    if (next === '{') {
      this.advance(2)
      return {kind: 'set', items: this.readItems('}', at, depth + 1), ...at}
    }
    if (next === '_') {
      this.advance(2)
      this.readOperand(depth, at, '#_')
      return 'discarded'
    }
    if (next === '!') {
      this.skipLine()
      return 'discarded'
    }
    if (next === '"') {
      this.advance(1)
      return {kind: 'regex', value: this.readString(at, true), ...at}
    }
    if (next === '#') {
      this.advance(1)
      const token = this.readToken()
      return {kind: 'scalar', value: `#${token}`, ...at}
    }
    const computed: Record<string, string> = {'=': '#=', '(': '#(', "'": "#'", '?': '#?'}
    if (next !== undefined && next in computed) {
      let what = computed[next]
      this.advance(next === '(' ? 1 : 2)
      if (next === '?' && text[this.offset] === '@') {
        what = '#?@'
        this.advance(1)
      }
      this.readOperand(depth, at, what)
      return {kind: 'computed', what, ...at}
    }
    if (next === '^') {
      this.advance(2)
      this.readOperand(depth, at, 'metadata #^')
      return 'discarded'
    }
    if (next === ':') {
      // A namespaced map, #:ns{...}: its keywords without a namespace take `ns` (`#:mvn{:version "1"}` is
      // `{:mvn/version "1"}`); `#::{...}` (the current namespace's) keeps them as written.
      this.advance(1)
      const ns = this.readToken().slice(1)
      this.skipBlank()
      if (text[this.offset] !== '{') {
        this.error('a namespaced map #:ns must be followed by {', at)
        return {kind: 'invalid', ...at}
      }
      const map = this.readForm(depth) ?? {kind: 'invalid', ...at}
      if (map.kind !== 'map' || ns === '' || ns === ':') return map
      for (const entry of map.entries) {
        const [key] = entry
        if (key.kind === 'keyword' && !key.value.includes('/') && !key.value.startsWith(':'))
          entry[0] = {...key, value: `${ns}/${key.value}`}
      }
      return map
    }
    if (next !== undefined && /[A-Za-z]/.test(next)) {
      this.advance(1)
      const tag = this.readToken()
      const form = this.readForm(depth + 1)
      if (form === undefined) {
        this.error(`nothing follows the tag #${tag}`, at)
        return {kind: 'invalid', ...at}
      }
      return {kind: 'tagged', tag, form, ...at}
    }
    this.error(`unknown dispatch #${next === undefined || next === '\n' ? '' : next}`, at)
    this.advance(1)
    return {kind: 'invalid', ...at}
  }

  /** Forms up to `closer`, moved over; a mismatched closer or the end of the text is an error and ends the list. */
  private readItems(closer: string, open: Position, depth: number): Form[] {
    const items: Form[] = []
    for (;;) {
      const form = this.readForm(depth)
      if (form !== undefined) {
        items.push(form)
        continue
      }
      if (this.offset >= this.text.length) {
        this.error(`unterminated collection opened at line ${open.line}, column ${open.column}: ${closer} missing`)
        return items
      }
      const char = this.text[this.offset]
      if (char !== closer)
        this.error(
          `${char} where ${closer} was expected (to close what line ${open.line}, column ${open.column} opened)`,
        )
      this.advance(1)
      return items
    }
  }

  private pairs(items: Form[]): Array<[Form, Form]> {
    if (items.length % 2 === 1) {
      const last = items[items.length - 1]
      this.error('a map has a key without a value', last)
    }
    const entries: Array<[Form, Form]> = []
    for (let index = 0; index + 1 < items.length; index += 2) entries.push([items[index], items[index + 1]])
    return entries
  }

  /**
   * A string after its opening quote (the cursor is on it); escapes decoded, or (`raw`, a regex) kept as written,
   * `\\"` not ending it.
   */
  private readString(at: Position, raw = false): string {
    this.advance(1)
    const {text} = this
    let value = ''
    for (;;) {
      if (this.offset >= text.length) {
        this.error('unterminated string', at)
        return value
      }
      const char = text[this.offset]
      if (char === '"') {
        this.advance(1)
        return value
      }
      if (char === '\n') {
        value += char
        this.newline()
      } else if (char === '\\' && raw) {
        value += char
        this.advance(1)
        if (this.offset < text.length && text[this.offset] !== '\n') {
          value += text[this.offset]
          this.advance(1)
        }
      } else if (char === '\\') {
        const escaped = text[this.offset + 1]
        const simple: Record<string, string> = {n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\'}
        if (escaped !== undefined && escaped in simple) {
          value += simple[escaped]
          this.advance(2)
        } else if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(this.offset + 2, this.offset + 6))) {
          value += String.fromCharCode(Number.parseInt(text.slice(this.offset + 2, this.offset + 6), 16))
          this.advance(6)
        } else {
          this.error(`unknown escape \\${escaped === undefined || escaped === '\n' ? '' : escaped} in a string`)
          this.advance(1)
        }
      } else value += this.takeUntil('"\\\n')
    }
  }

  /** A character literal (`\a`, `\newline`, `\u0041`): the text as written. */
  private readChar(): string {
    const {text} = this
    const start = this.offset
    this.advance(1)
    if (this.offset >= text.length || text[this.offset] === '\n') {
      this.error('a character literal needs a character after \\')
      return '\\'
    }
    this.advance(1)
    if (/[A-Za-z0-9]/.test(text[this.offset - 1]))
      while (this.offset < text.length && !endsToken(text[this.offset])) this.advance(1)
    return text.slice(start, this.offset)
  }

  /** A run of token characters (at least the one at the cursor). */
  private readToken(): string {
    const {text} = this
    const start = this.offset
    this.advance(1)
    while (this.offset < text.length && !endsToken(text[this.offset])) this.advance(1)
    return text.slice(start, this.offset)
  }

  private tokenForm(at: Position): Form {
    const token = this.readToken()
    if (/^[+-]?[0-9]/.test(token) || token === 'nil' || token === 'true' || token === 'false')
      return {kind: 'scalar', value: token, ...at}
    return {kind: 'symbol', value: token, ...at}
  }

  /**
   * Past MAX_DEPTH: one error (the first), and the rest of the enclosing collection moved over by counting brackets,
   * strings and comments, without recursion (its closing bracket left for the caller).
   */
  private skipTooDeep(at: Position): Form {
    if (!this.tooDeepReported) {
      this.errors.push({message: `nested deeper than ${MAX_DEPTH} levels: not read`, ...at, tooDeep: true})
      this.tooDeepReported = true
    }
    const {text} = this
    let open = 0
    while (this.offset < text.length) {
      const char = text[this.offset]
      if (char === '\n') this.newline()
      else if (char === '"') {
        this.advance(1)
        while (this.offset < text.length && text[this.offset] !== '"') {
          if (text[this.offset] === '\n') this.newline()
          else this.advance(text[this.offset] === '\\' && text[this.offset + 1] !== '\n' ? 2 : 1)
        }
        if (this.offset < text.length) this.advance(1)
      } else if (char === ';') this.skipLine()
      else if (char === '\\') this.advance(text[this.offset + 1] === '\n' ? 1 : 2)
      else if (char === '(' || char === '[' || char === '{') {
        open++
        this.advance(1)
      } else if (char === ')' || char === ']' || char === '}') {
        if (open === 0) break
        open--
        this.advance(1)
      } else this.advance(1)
    }
    return {kind: 'invalid', ...at}
  }
}
