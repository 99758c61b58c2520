/**
 * `setup.py`: the literal keyword arguments `install_requires=[...]`, `setup_requires=[...]`, `tests_require=[...]`
 * and `extras_require={...}` of any call in the file (`setup(...)`, `setuptools.setup(...)`, `dict(...)` passed on as
 * `**kwargs`). setup.py is a program: it is never run, and what it computes (a variable, a function call, a
 * comprehension, a sum of lists) is reported as not read. Read by a hand-written scanner, because no JS library
 * reads Python: a tolerant tokenizer that knows what decides where a keyword argument and its value end (string
 * literals, with their prefixes, triple quotes, escapes and f-string replacement fields; `#` comments; brackets),
 * and nothing else of Python's grammar. The first syntax error it meets (an unterminated string, a bracket closed by
 * the wrong one or never closed) is an error at its line; what was read before it is kept, the rest is not read.
 * Work is linear in the file; brackets nest 200 deep at most (Python's own parser refuses more).
 */
import {C_ESCAPES} from '../../../core/escapes.js'
import type {Scope} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {notRead, type Out, readRequirements} from './read.js'
import type {Sourced} from './requirements.js'

/** Keyword arguments that hold requirements; `extras` holds a dict of them. */
const KEYWORDS: ReadonlyMap<string, Scope | 'extras'> = new Map([
  ['install_requires', 'prod'],
  ['setup_requires', 'dev'],
  ['tests_require', 'dev'],
  ['extras_require', 'extras'],
])

/** Python's parser refuses brackets nested deeper (MAXLEVEL in Parser/tokenizer). */
const MAX_NESTING = 200
/** f-strings inside f-strings' replacement fields, at most. */
const MAX_FSTRING_NESTING = 16

type Token =
  | {kind: 'name'; value: string; start: number; end: number}
  | {kind: 'op'; value: string; start: number; end: number}
  /** A string literal: its prefix (lower case), and its body between the quotes. */
  | {kind: 'string'; prefix: string; bodyStart: number; bodyEnd: number; start: number; end: number}
  | {kind: 'other'; start: number; end: number}
  | {kind: 'end'; start: number; end: number}

const OPENERS: Record<string, string> = {'(': ')', '[': ']', '{': '}'}
/** String prefixes, in lower case (`ur` is Python 2's, which old setup.py files still write). */
const STRING_PREFIXES = new Set(['r', 'u', 'ur', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt'])

function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code >= 0x80
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39)
}

function isNewline(code: number): boolean {
  return code === 0x0a || code === 0x0d
}

/**
 * Python tokens, one at a time, past whitespace, newlines, comments and `\` line continuations. Tracks the open
 * brackets; the first syntax error ends the tokens (`error`).
 */
class Lexer {
  position = 0
  /** Where the last token taken (`next`) ends. */
  lastEnd = 0
  readonly brackets: Array<{char: string; offset: number}> = []
  error?: {message: string; offset: number}
  private peeked?: Token

  constructor(readonly text: string) {}

  peek(): Token {
    this.peeked ??= this.scan()
    return this.peeked
  }

  next(): Token {
    const token = this.peek()
    this.peeked = undefined
    this.lastEnd = token.end
    return token
  }

  /** How many brackets are open (after the peeked token, when there is one). */
  get depth(): number {
    return this.brackets.length
  }

  private fail(message: string, offset: number): Token {
    this.error ??= {message, offset}
    this.position = this.text.length
    return {kind: 'end', start: this.text.length, end: this.text.length}
  }

  private scan(): Token {
    const text = this.text
    if (this.error) return {kind: 'end', start: text.length, end: text.length}
    let at = this.position
    for (;;) {
      const code = text.charCodeAt(at)
      if (code === 0x20 || code === 0x09 || code === 0x0c || isNewline(code)) at++
      else if (code === 0x23) {
        while (at < text.length && !isNewline(text.charCodeAt(at))) at++
      } else if (code === 0x5c && isNewline(text.charCodeAt(at + 1))) at += 2
      else break
    }
    this.position = at
    if (at >= text.length) return {kind: 'end', start: text.length, end: text.length}
    const code = text.charCodeAt(at)
    if (isNameStart(code)) {
      let end = at + 1
      while (end < text.length && isNameChar(text.charCodeAt(end))) end++
      const value = text.slice(at, end)
      const quote = text[end]
      if ((quote === '"' || quote === "'") && STRING_PREFIXES.has(value.toLowerCase()))
        return this.string(at, end, value.toLowerCase())
      this.position = end
      return {kind: 'name', value, start: at, end}
    }
    if (code === 0x22 || code === 0x27) return this.string(at, at, '')
    if ((code >= 0x30 && code <= 0x39) || (code === 0x2e && /[0-9]/.test(text[at + 1] ?? ''))) {
      let end = at + 1
      while (end < text.length && (isNameChar(text.charCodeAt(end)) || text[end] === '.')) end++
      this.position = end
      return {kind: 'other', start: at, end}
    }
    const char = text[at]
    if (char in OPENERS) {
      if (this.brackets.length >= MAX_NESTING)
        return this.fail(`brackets nested deeper than ${MAX_NESTING} (Python's own limit)`, at)
      this.brackets.push({char, offset: at})
      this.position = at + 1
      return {kind: 'op', value: char, start: at, end: at + 1}
    }
    if (char === ')' || char === ']' || char === '}') {
      const open = this.brackets.pop()
      if (open === undefined) return this.fail(`'${char}' closes no bracket`, at)
      if (OPENERS[open.char] !== char) {
        const where = this.lineOf(open.offset)
        return this.fail(`'${char}' does not close the '${open.char}' opened at line ${where}`, at)
      }
      this.position = at + 1
      return {kind: 'op', value: char, start: at, end: at + 1}
    }
    // `==`, `<=`, `+=` and the like are one token, so that a keyword argument's `=` stands alone; `**` too.
    const pair = text.slice(at, at + 2)
    const length = (text[at + 1] === '=' && '=<>!:+-*/%&|^@'.includes(char)) || pair === '**' ? 2 : 1
    this.position = at + length
    return {kind: 'op', value: text.slice(at, at + length), start: at, end: at + length}
  }

  private lineOf(offset: number): number {
    let line = 1
    for (
      let index = this.text.indexOf('\n');
      index !== -1 && index < offset;
      index = this.text.indexOf('\n', index + 1)
    )
      line++
    return line
  }

  private string(start: number, quoteAt: number, prefix: string): Token {
    const scanned = scanString(this.text, quoteAt, /[ft]/.test(prefix), 0)
    if ('error' in scanned) return this.fail(scanned.error, start)
    this.position = scanned.end
    return {kind: 'string', prefix, bodyStart: scanned.bodyStart, bodyEnd: scanned.bodyEnd, start, end: scanned.end}
  }
}

/**
 * A string literal whose opening quote is at `quoteAt`: where its body starts and ends, and where the literal ends.
 * An f-string's replacement fields may hold strings of any quote (Python 3.12), and brackets; in a field's format
 * spec (after its top-level `:`) quotes are text.
 */
function scanString(
  text: string,
  quoteAt: number,
  formatted: boolean,
  nesting: number,
): {bodyStart: number; bodyEnd: number; end: number} | {error: string} {
  const quote = text[quoteAt]
  const triple = text[quoteAt + 1] === quote && text[quoteAt + 2] === quote
  const bodyStart = quoteAt + (triple ? 3 : 1)
  let fields = 0
  let spec = false
  for (let at = bodyStart; at < text.length; ) {
    const char = text[at]
    if (char === '\\') {
      at += text[at + 1] === '\r' && text[at + 2] === '\n' ? 3 : 2
      continue
    }
    if (isNewline(text.charCodeAt(at)) && !triple && (fields === 0 || spec)) break
    if (fields === 0 || (spec && fields === 1 && char !== '{' && char !== '}')) {
      if (char === quote && (!triple || (text[at + 1] === quote && text[at + 2] === quote)))
        return {bodyStart, bodyEnd: at, end: at + (triple ? 3 : 1)}
      if (formatted && fields === 0 && char === '{') {
        if (text[at + 1] === '{') at += 2
        else {
          fields = 1
          at++
        }
        continue
      }
      at++
      continue
    }
    // Inside a replacement field.
    if (char === '{' || char === '[' || char === '(') fields++
    else if (char === '}' || char === ']' || char === ')') {
      fields--
      if (fields === 0) spec = false
    } else if (char === ':' && fields === 1 && text[at + 1] !== '=') spec = true
    else if (char === '"' || char === "'") {
      if (nesting >= MAX_FSTRING_NESTING) return {error: `f-strings nested deeper than ${MAX_FSTRING_NESTING}`}
      const nestedPrefix = /[A-Za-z]{0,2}$/.exec(text.slice(Math.max(0, at - 2), at))?.[0] ?? ''
      const nested = scanString(text, at, /[ftFT]/.test(nestedPrefix), nesting + 1)
      if ('error' in nested) return nested
      at = nested.end
      continue
    }
    at++
  }
  return {error: 'a string is never closed'}
}

/** The value of a string literal's body (escapes read unless raw), with the file offset of each character. */
function stringValue(text: string, token: Extract<Token, {kind: 'string'}>): Sourced {
  const body = text.slice(token.bodyStart, token.bodyEnd)
  if (token.prefix.includes('r') || !body.includes('\\')) return {text: body, base: token.bodyStart}
  let value = ''
  const offsets: number[] = []
  const add = (chars: string, offset: number) => {
    value += chars
    for (let index = 0; index < chars.length; index++) offsets.push(offset)
  }
  for (let index = 0; index < body.length; index++) {
    const offset = token.bodyStart + index
    if (body[index] !== '\\') {
      add(body[index], offset)
      continue
    }
    const next = body[index + 1]
    if (next === undefined) break
    if (next === '\n') {
      index++
      continue
    }
    if (next === '\r') {
      index += body[index + 2] === '\n' ? 2 : 1
      continue
    }
    const simple = SIMPLE_ESCAPES[next]
    if (simple !== undefined) {
      add(simple, offset)
      index++
      continue
    }
    const hex = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0
    const digits =
      hex > 0
        ? body.slice(index + 2, index + 2 + hex)
        : (/^[0-7]{1,3}/.exec(body.slice(index + 1, index + 4)) ?? [''])[0]
    const code = hex > 0 && /^[0-9A-Fa-f]+$/.test(digits) && digits.length === hex ? Number.parseInt(digits, 16) : NaN
    if (!Number.isNaN(code) && code <= 0x10ffff) {
      add(String.fromCodePoint(code), offset)
      index += 1 + hex
    } else if (hex === 0 && digits !== '') {
      add(String.fromCharCode(Number.parseInt(digits, 8)), offset)
      index += digits.length
    } else {
      // An unknown escape (or `\N{...}`) stays as written, as Python keeps unknown ones.
      add(body[index], offset)
    }
  }
  return {text: value, base: token.bodyStart, offsets}
}

const SIMPLE_ESCAPES: Record<string, string> = {...C_ESCAPES, '\\': '\\', "'": "'", '"': '"'}

/** A value as far as it was read: literal items, something computed, or the file ended (or broke) inside it. */
type Read<T> = {kind: 'literal'; value: T} | {kind: 'computed'} | {kind: 'cut'; value: T}

interface ExtrasEntry {
  key: string
  items: Sourced[]
}

/** A keyword argument whose value is a name (`install_requires=requires`): read once the whole file is scanned. */
interface VariableUse {
  keyword: string
  variable: string
  /** Offset of the keyword. */
  at: number
  scope: Scope | 'extras'
}

/** What the file does with a name: where it is bound at the module's top level, and whether anything else binds or changes it. */
interface Binding {
  /** Offsets after the `=` of each `name = …` statement at column 0. */
  values: number[]
  /** Bound or changed elsewhere: indented `name = …`, `name += …`, `name.append(…)`, `name[…] = …`. */
  changed: boolean
}

/** What may follow a name and change the value it holds (augmented assignment, a method call, an item set). */
const CHANGES = new Set(['+=', '-=', '|=', '&=', '*=', '.', '['])

class Reader {
  private readonly lexer: Lexer
  private readonly uses: VariableUse[] = []
  private readonly bindings = new Map<string, Binding>()

  /** `start`: where to start reading (a value bound to a name, read after the whole file was scanned). */
  constructor(
    private readonly out: Out,
    private readonly text: string,
    start = 0,
  ) {
    this.lexer = new Lexer(text)
    this.lexer.position = start
    this.lexer.lastEnd = start
  }

  read(): void {
    const lexer = this.lexer
    let previous: Token | undefined
    let beforePrevious: Token | undefined
    // The parameter lists of `def`s, whose defaults look like keyword arguments: by the offset of their `(`.
    const parameters = new Set<number>()
    // `setup(**config)`: every keyword argument comes from a mapping the file builds.
    let unpacked: number | undefined
    let keywords = 0
    for (;;) {
      const token = lexer.next()
      if (token.kind === 'end') break
      if (
        token.kind === 'op' &&
        token.value === '**' &&
        previous?.kind === 'op' &&
        previous.value === '(' &&
        beforePrevious?.kind === 'name' &&
        beforePrevious.value === 'setup'
      )
        unpacked ??= token.start
      if (
        token.kind === 'op' &&
        token.value === '(' &&
        previous?.kind === 'name' &&
        beforePrevious?.kind === 'name' &&
        beforePrevious.value === 'def'
      )
        parameters.add(token.start)
      if (token.kind === 'name') this.bind(token)
      const keyword = token.kind === 'name' ? KEYWORDS.get(token.value) : undefined
      const open = lexer.brackets.at(-1)
      if (
        keyword !== undefined &&
        open?.char === '(' &&
        !parameters.has(open.offset) &&
        previous?.kind === 'op' &&
        (previous.value === '(' || previous.value === ',')
      ) {
        const equals = lexer.peek()
        if (equals.kind === 'op' && equals.value === '=') {
          lexer.next()
          keywords++
          this.keyword((token as Extract<Token, {kind: 'name'}>).value, token.start, keyword)
        }
      }
      beforePrevious = previous
      previous = token
    }
    // Nothing said of requirements anywhere but a `setup(**mapping)`: they are in the mapping, which the file computes
    // (great_expectations: `config = {"install_requires": required, …}` with `required` read from a file).
    if (unpacked !== undefined && keywords === 0)
      notRead(
        this.out,
        unpacked,
        'setup.py: setup() takes its keyword arguments from a mapping (`**…`) the file builds, and the file is never run: its requirements are not read',
      )
    // A name used again for the same kind of requirements adds nothing (same requirements, same places): read once,
    // so that many uses of one long list cost no more than one.
    const seen = new Set<string>()
    for (const use of this.uses) {
      const key = `${use.scope} ${use.variable}`
      if (!seen.has(key)) this.variable(use)
      seen.add(key)
    }
    if (lexer.error) {
      const {line, column} = this.out.lines.position(lexer.error.offset)
      this.out.errors.push(
        lockfileError(
          this.out.file,
          'invalid-lockfile',
          `setup.py: ${lexer.error.message}; the rest of the file is not read`,
          line,
          column,
        ),
      )
    } else if (lexer.brackets.length > 0) {
      const open = lexer.brackets.at(-1)!
      const {line, column} = this.out.lines.position(open.offset)
      this.out.errors.push(
        lockfileError(this.out.file, 'invalid-lockfile', `setup.py: '${open.char}' is never closed`, line, column),
      )
    }
  }

  /**
   * What a name token does to the value the name holds: `name = …` at column 0 (a module-level statement) binds it;
   * any other `name = …` (indented, in a branch or a function) or a change after it (`name += …`, `name.append(…)`,
   * `name[…] = …`) makes what it holds known only by running the file.
   */
  private bind(token: Extract<Token, {kind: 'name'}>): void {
    const after = this.lexer.peek()
    if (after.kind !== 'op' || (after.value !== '=' && !CHANGES.has(after.value))) return
    const atLineStart = token.start === 0 || isNewline(this.text.charCodeAt(token.start - 1))
    if (after.value === '=' && this.lexer.depth > 0) return
    let binding = this.bindings.get(token.value)
    if (binding === undefined) {
      binding = {values: [], changed: false}
      this.bindings.set(token.value, binding)
    }
    if (after.value === '=' && atLineStart) binding.values.push(after.end)
    else binding.changed = true
  }

  /**
   * A keyword argument given a name (`install_requires=requires`): the literal the file binds to that name once, at
   * its top level and never changes; anything else is what setup.py computes, not read. Its requirements are located
   * where the literal writes them.
   */
  private variable(use: VariableUse): void {
    const value = this.boundValue(use)
    if (typeof value === 'string') {
      notRead(this.out, use.at, `${use.keyword} is computed by setup.py (${value}), which is never run: not read`)
      return
    }
    const where = `${use.keyword} (${use.variable})`
    if (use.scope !== 'extras') readRequirements(this.out, value as Sourced[], use.scope, where)
    else
      for (const {key, items} of value as ExtrasEntry[])
        readRequirements(
          this.out,
          items,
          key.startsWith(':') ? 'prod' : 'optional',
          `${where}[${JSON.stringify(elide(key, 200))}]`,
        )
  }

  /** The literal a name is bound to, or why it is not read. */
  private boundValue(use: VariableUse): Sourced[] | ExtrasEntry[] | string {
    const binding = this.bindings.get(use.variable)
    if (binding !== undefined && (binding.values.length > 1 || binding.changed))
      return `${use.variable}: bound more than once, in a block, or changed`
    if (binding === undefined || binding.values.length === 0)
      return `${use.variable}: not bound at the top level of the file`
    const reader = new Reader(this.out, this.text, binding.values[0])
    const value = use.scope === 'extras' ? reader.extras() : reader.requirementList()
    const lexer = reader.lexer
    const next = lexer.peek()
    // The literal is the whole statement: what follows it is on another line (or after `;`).
    const whole =
      next.kind === 'end' ||
      (next.kind === 'op' && next.value === ';') ||
      /[\r\n]/.test(this.text.slice(lexer.lastEnd, next.start))
    if (value.kind === 'literal' && lexer.error === undefined && whole) return value.value
    return `${use.variable} = ${this.excerpt(binding.values[0], reader.statementEnd()).trimStart()}`
  }

  /** Where the statement being read ends: its last token, before a new line at the top level, a `;` or the end. */
  private statementEnd(): number {
    const lexer = this.lexer
    for (;;) {
      const token = lexer.peek()
      if (token.kind === 'end' || (token.kind === 'op' && token.value === ';' && lexer.depth === 0)) break
      if (
        lexer.depth === 0 &&
        /[\r\n]/.test(this.text.slice(lexer.lastEnd, token.start)) &&
        !(token.kind === 'op' && /[)\]}]/.test(token.value))
      )
        break
      lexer.next()
    }
    return lexer.lastEnd
  }

  /** One keyword argument, after its `=`. */
  private keyword(name: string, at: number, scope: Scope | 'extras'): void {
    const lexer = this.lexer
    const depth = lexer.depth
    const valueStart = lexer.peek().start
    const first = lexer.peek()
    if (first.kind === 'name' && first.value !== 'dict') {
      lexer.next()
      if (this.endsArgument(lexer.peek(), depth)) {
        this.uses.push({keyword: name, variable: first.value, at, scope})
        return
      }
      this.computed(name, at, valueStart, depth)
      return
    }
    const value = scope === 'extras' ? this.extras() : this.requirementList()
    const done = value.kind !== 'computed' && this.endsArgument(lexer.peek(), depth)
    if (value.kind === 'computed' || (value.kind === 'literal' && !done)) {
      this.computed(name, at, valueStart, depth)
      return
    }
    if (scope !== 'extras') {
      readRequirements(this.out, value.value as Sourced[], scope, name)
      return
    }
    for (const {key, items} of value.value as ExtrasEntry[]) {
      // `extras_require={":python_version<'3.8'": [...]}`: an extra without a name is install_requires with a marker.
      const where = `extras_require[${JSON.stringify(elide(key, 200))}]`
      readRequirements(this.out, items, key.startsWith(':') ? 'prod' : 'optional', where)
    }
  }

  /** A keyword argument whose value the file computes: passed over, and reported quoting it (unless the file ends first). */
  private computed(name: string, at: number, valueStart: number, depth: number): void {
    if (!this.skip(depth)) return
    const excerpt = this.excerpt(valueStart, this.lexer.peek().start)
    notRead(this.out, at, `${name} is computed by setup.py (${excerpt}), which is never run: not read`)
  }

  /** What a keyword argument's value ends at: `,` or the call's `)` (already closed when peeked). */
  private endsArgument(token: Token, depth: number): boolean {
    return token.kind === 'end' || (token.kind === 'op' && token.value === ',') || this.lexer.depth < depth
  }

  /**
   * Past the rest of an expression at `depth`: up to its `,` or its enclosing bracket's closing one. false when the
   * file ends (or breaks) first: the expression is cut short, and the syntax error says so.
   */
  private skip(depth: number): boolean {
    const lexer = this.lexer
    for (;;) {
      const token = lexer.peek()
      if (token.kind === 'end') return false
      if (lexer.depth < depth || (token.kind === 'op' && token.value === ',' && lexer.depth === depth)) return true
      lexer.next()
    }
  }

  /** A short, one-line quote of what the file computes: its start and end around what is left out. */
  private excerpt(start: number, end: number): string {
    const oneLine = (from: number, to: number) => this.text.slice(from, to).replace(/\s+/g, ' ')
    if (end - start <= 400) return elide(oneLine(start, end).trim(), 80)
    return `${oneLine(start, start + 48).trimStart()}… (${end - start - 80} characters left out) …${oneLine(end - 32, end).trimEnd()}`
  }

  /** Adjacent string literals, as one (Python joins them); an f-, t- or bytes literal is no requirement text. */
  private strings(): Read<Sourced> {
    const lexer = this.lexer
    const parts: Sourced[] = []
    for (let token = lexer.peek(); token.kind === 'string'; token = lexer.peek()) {
      if (/[bft]/.test(token.prefix)) return {kind: 'computed'}
      parts.push(stringValue(this.text, token))
      lexer.next()
    }
    if (parts.length === 0) return {kind: 'computed'}
    const value = parts.length === 1 ? parts[0] : concatenate(parts)
    return lexer.peek().kind === 'end' ? {kind: 'cut', value} : {kind: 'literal', value}
  }

  /** A string, or a list, tuple or set of strings. */
  private requirementList(): Read<Sourced[]> {
    const lexer = this.lexer
    const first = lexer.peek()
    if (first.kind === 'string') {
      const single = this.strings()
      return single.kind === 'computed' ? single : {kind: single.kind, value: [single.value]}
    }
    if (first.kind !== 'op' || !(first.value in OPENERS)) return {kind: 'computed'}
    const closer = OPENERS[first.value]
    lexer.next()
    const items: Sourced[] = []
    for (;;) {
      const token = lexer.peek()
      if (token.kind === 'end') return {kind: 'cut', value: items}
      if (token.kind === 'op' && token.value === closer) {
        lexer.next()
        return {kind: 'literal', value: items}
      }
      const item = this.strings()
      if (item.kind === 'computed') return item
      items.push(item.value)
      if (item.kind === 'cut') return {kind: 'cut', value: items}
      const after = lexer.peek()
      if (after.kind === 'op' && after.value === ',') lexer.next()
      else if (!(after.kind === 'op' && after.value === closer)) return {kind: 'computed'}
    }
  }

  /** A dict literal or `dict(...)` of extras; an entry computed (its key or value) is reported and passed over. */
  private extras(): Read<ExtrasEntry[]> {
    const lexer = this.lexer
    const first = lexer.peek()
    let closer: string
    if (first.kind === 'op' && first.value === '{') closer = '}'
    else if (first.kind === 'name' && first.value === 'dict') {
      lexer.next()
      const open = lexer.peek()
      if (!(open.kind === 'op' && open.value === '(')) return {kind: 'computed'}
      closer = ')'
    } else return {kind: 'computed'}
    lexer.next()
    const depth = lexer.depth
    const entries: ExtrasEntry[] = []
    for (;;) {
      const token = lexer.peek()
      if (token.kind === 'end') return {kind: 'cut', value: entries}
      if (token.kind === 'op' && token.value === closer) {
        lexer.next()
        return {kind: 'literal', value: entries}
      }
      const key = this.extrasKey(closer)
      if (key.kind === 'cut') return {kind: 'cut', value: entries}
      const valueStart = key.kind === 'literal' ? lexer.peek().start : token.start
      const items = key.kind === 'literal' ? this.requirementList() : undefined
      if (key.kind === 'literal' && items?.kind === 'cut') {
        entries.push({key: key.value, items: items.value})
        return {kind: 'cut', value: entries}
      }
      if (key.kind === 'literal' && items?.kind === 'literal' && this.endsEntry(lexer.peek(), depth, closer))
        entries.push({key: key.value, items: items.value})
      else {
        if (!this.skip(depth)) return {kind: 'cut', value: entries}
        const what = key.kind === 'literal' ? `extras_require[${JSON.stringify(elide(key.value, 200))}]` : 'an extra'
        const excerpt = this.excerpt(valueStart, lexer.peek().start)
        notRead(this.out, token.start, `${what} is computed by setup.py (${excerpt}), which is never run: not read`)
      }
      const after = lexer.peek()
      if (after.kind === 'op' && after.value === ',') lexer.next()
    }
  }

  /** A `"name":` key of a dict, or a `name=` keyword of dict(): the extra's name. */
  private extrasKey(closer: string): Read<string> {
    const lexer = this.lexer
    const token = lexer.peek()
    if (closer === ')') {
      if (token.kind !== 'name') return {kind: 'computed'}
      lexer.next()
      const equals = lexer.peek()
      if (equals.kind === 'end') return {kind: 'cut', value: token.value}
      if (!(equals.kind === 'op' && equals.value === '=')) return {kind: 'computed'}
      lexer.next()
      return {kind: 'literal', value: token.value}
    }
    const key = this.strings()
    if (key.kind !== 'literal') return key.kind === 'cut' ? {kind: 'cut', value: key.value.text} : key
    const colon = lexer.peek()
    if (!(colon.kind === 'op' && colon.value === ':')) return {kind: 'computed'}
    lexer.next()
    return {kind: 'literal', value: key.value.text}
  }

  private endsEntry(token: Token, depth: number, closer: string): boolean {
    return (
      token.kind === 'end' ||
      (token.kind === 'op' && token.value === ',' && this.lexer.depth === depth) ||
      (token.kind === 'op' && token.value === closer && this.lexer.depth < depth)
    )
  }
}

/** Adjacent literals joined, each character keeping its offset. */
function concatenate(parts: readonly Sourced[]): Sourced {
  const offsets: number[] = []
  for (const part of parts)
    for (let index = 0; index < part.text.length; index++)
      offsets.push(part.offsets ? part.offsets[index] : part.base + index)
  return {text: parts.map((part) => part.text).join(''), base: parts[0].base, offsets}
}

export function readSetupPy(out: Out, text: string): void {
  new Reader(out, text).read()
}
