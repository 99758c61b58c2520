/**
 * Ruby's tokens, as far as reading a Gemfile or a gemspec needs them. Written by hand because no JS library reads
 * Ruby (its grammar is context-sensitive: `/` divides or starts a regular expression, `%w[` is a list or a modulo,
 * `<<~EOS` a heredoc or a shift, depending on what came before). A tolerant tokenizer: it knows what decides where a
 * literal ends (strings in every quote form with escapes and `#{}` interpolation, `%q()`/`%w[]`/`%i[]` and the other
 * percent literals with nesting delimiters, symbols, heredocs, `?a` characters, regular expressions, `#` and
 * `=begin` comments, `__END__`) and which brackets are open; nothing else of Ruby's grammar. It guesses as Ruby's
 * own lexer does: a token that may start a value does so after an operator, a keyword or a line's start, or after a
 * method name followed by a space but none after the token (`puts %w[a]`, `split /,/`).
 *
 * The first syntax error (a literal or heredoc never closed, a bracket closed by the wrong one) ends the tokens, with
 * the offset where the literal starts; what was read before it is kept. Work is linear in the text: every character
 * is read once, each heredoc's body once; interpolations nest 16 deep at most.
 */
import {C_ESCAPES} from '../../../core/escapes.js'

export interface TokenBase {
  start: number
  end: number
  /** Whitespace (or a line break) right before the token. */
  space: boolean
  /** How many brackets are open before the token (for a closing one, including the one it closes). */
  depth: number
}

/** A piece of an interpolated string: text, or the Ruby code of a `#{...}`, as written. */
export type TemplatePart = {text: string} | {code: string}

export interface WordItem {
  /** undefined when the item interpolates (`%W[#{x}]`). */
  value?: string
  offset: number
}

/** What a token is, without where. */
type TokenFields =
  | {kind: 'ident'; value: string; keyword: boolean}
  /** `name:` (a hash key or keyword argument); value without the colon. */
  | {kind: 'label'; value: string}
  /** A string literal; value undefined when it interpolates or is a heredoc (whose body is never read). */
  | {kind: 'string'; value?: string; template?: TemplatePart[]; bodyStart: number; heredoc?: boolean}
  | {kind: 'symbol'; value?: string}
  /** `%w[]`, `%W[]` (strings) or `%i[]`, `%I[]` (symbols). */
  | {kind: 'words'; items: WordItem[]; symbols: boolean}
  | {kind: 'number'; value: string}
  /** What is a value but no text stewards reads: variables, regular expressions, commands. */
  | {kind: 'other'}
  | {kind: 'op'; value: string}
  | {kind: 'newline'}

export type Token = TokenBase & TokenFields

export interface Lexed {
  tokens: Token[]
  error?: {message: string; offset: number}
  /** The innermost bracket still open at the end. */
  unclosed?: {char: string; offset: number}
}

export const KEYWORDS = new Set([
  'alias',
  'and',
  'begin',
  'BEGIN',
  'break',
  'case',
  'class',
  'def',
  'do',
  'else',
  'elsif',
  'end',
  'END',
  'ensure',
  'false',
  'for',
  'if',
  'in',
  'module',
  'next',
  'nil',
  'not',
  'or',
  'redo',
  'rescue',
  'retry',
  'return',
  'self',
  'super',
  'then',
  'true',
  'undef',
  'unless',
  'until',
  'when',
  'while',
  'yield',
  '__FILE__',
  '__LINE__',
  '__ENCODING__',
])

/** Keywords that are values themselves: after one, `/` divides and `if` is a modifier. */
export const VALUE_KEYWORDS = new Set([
  'end',
  'self',
  'true',
  'false',
  'nil',
  '__FILE__',
  '__LINE__',
  '__ENCODING__',
  'redo',
  'retry',
])

/** Interpolations inside interpolations, at most. */
const MAX_INTERPOLATION = 16

const OPENERS: Record<string, string> = {'(': ')', '[': ']', '{': '}', '<': '>'}
const THREE = new Set(['**=', '<=>', '===', '...', '<<=', '>>=', '&&=', '||='])
const TWO = new Set([
  '**',
  '==',
  '!=',
  '>=',
  '<=',
  '&&',
  '||',
  '<<',
  '>>',
  '=~',
  '!~',
  '::',
  '..',
  '=>',
  '->',
  '&.',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '|=',
  '&=',
  '^=',
])
/** Operator method names a symbol may be (`:[]`, `:<=>`), longest first. */
const OPERATOR_SYMBOLS = ['[]=', '[]', '<=>', '===', '==', '=~', '!=', '!~', '>=', '<=', '<<', '>>', '**', '+@', '-@']
const GLOBAL_PUNCTUATION = '!@&`\'+~=/\\,;.<>_*$?:"0123456789'

const SIMPLE_ESCAPES: Record<string, string> = {...C_ESCAPES, s: ' ', e: '\x1b'}

function isIdentStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code >= 0x80
}

function isIdentChar(code: number): boolean {
  return isIdentStart(code) || (code >= 0x30 && code <= 0x39)
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

function isBlank(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\f' || char === '\v'
}

function isSpace(char: string | undefined): boolean {
  return char === undefined || isBlank(char) || char === '\n'
}

/** A percent literal's delimiter: ASCII punctuation but `_` and `=`. */
function isDelimiter(char: string | undefined): boolean {
  return char !== undefined && /^[!-/:-<>-@[-^`{-~]$/.test(char)
}

interface Heredoc {
  id: string
  /** `<<~` and `<<-`: the closing identifier may be indented. */
  indented: boolean
  offset: number
}

/** What a literal's body gave: its value (undefined when it interpolates), and, for `%w`, its items. */
interface Body {
  end: number
  value?: string
  template?: TemplatePart[]
  items?: WordItem[]
}

class Lexer {
  readonly tokens: Token[] = []
  readonly brackets: Array<{char: string; offset: number}> = []
  error?: {message: string; offset: number}
  private readonly heredocs: Heredoc[] = []
  private at = 0
  private space = true

  constructor(
    private readonly text: string,
    /** How deep inside interpolations this lexer reads (0: the file itself). */
    private readonly nesting: number,
  ) {}

  /** The file's tokens, to its end or its first syntax error. */
  run(): void {
    this.loop(0)
    const heredoc = this.heredocs[0]
    if (heredoc !== undefined)
      this.fail(`the heredoc <<${heredoc.indented ? '~' : ''}${heredoc.id} is never closed`, heredoc.offset)
  }

  /** The code of an interpolation starting at `from`: the offset after its closing `}`, or undefined on an error. */
  interpolation(from: number): number | undefined {
    const end = this.loop(from)
    return this.error ? undefined : end
  }

  private fail(message: string, offset: number): void {
    this.error ??= {message, offset}
  }

  private failed(message: string, offset: number): boolean {
    this.fail(message, offset)
    return false
  }

  private push(token: Token): void {
    this.tokens.push(token)
    this.space = false
  }

  /** Tokens from `from`; in an interpolation, up to the `}` that closes it (the offset after it is returned). */
  private loop(from: number): number {
    const text = this.text
    const inner = this.nesting > 0
    this.at = from
    while (this.at < text.length && !this.error) {
      const at = this.at
      const char = text[at]
      if (char === '\n') {
        this.newline(at)
        continue
      }
      if (isBlank(char)) {
        this.at++
        this.space = true
        continue
      }
      if (char === '\\' && (text[at + 1] === '\n' || (text[at + 1] === '\r' && text[at + 2] === '\n'))) {
        this.at += text[at + 1] === '\n' ? 2 : 3
        this.space = true
        continue
      }
      if (char === '#') {
        const end = text.indexOf('\n', at)
        this.at = end === -1 ? text.length : end
        continue
      }
      if (!inner && (at === 0 || text[at - 1] === '\n') && this.lineDirective(at)) continue
      if (inner && char === '}' && this.brackets.length === 0) return at + 1
      this.token()
    }
    if (inner && !this.error) this.fail('a string is never closed', from)
    return this.at
  }

  private newline(at: number): void {
    const last = this.tokens.at(-1)
    if (this.nesting === 0 && last !== undefined && last.kind !== 'newline')
      this.tokens.push({kind: 'newline', start: at, end: at + 1, space: this.space, depth: this.brackets.length})
    this.at = at + 1
    this.space = true
    if (this.heredocs.length > 0 && this.nesting === 0) this.heredocBodies()
  }

  /** `=begin` … `=end` comments and `__END__`, at the start of a line. true when one was read. */
  private lineDirective(at: number): boolean {
    const text = this.text
    if (text.startsWith('=begin', at) && isSpace(text[at + 6])) {
      for (let line = text.indexOf('\n', at); line !== -1; line = text.indexOf('\n', line + 1)) {
        if (text.startsWith('=end', line + 1) && isSpace(text[line + 5])) {
          const end = text.indexOf('\n', line + 1)
          this.at = end === -1 ? text.length : end
          return true
        }
      }
      this.fail('an =begin comment is never closed by =end', at)
      return true
    }
    if (
      text.startsWith('__END__', at) &&
      (text[at + 7] === undefined || /^\r?(\n|$)/.test(text.slice(at + 7, at + 9)))
    ) {
      this.at = text.length
      return true
    }
    return false
  }

  /** The bodies of the heredocs started on the line just ended, in order; each ends at a line of its identifier. */
  private heredocBodies(): void {
    const text = this.text
    for (const heredoc of this.heredocs) {
      let closed = false
      while (this.at < text.length) {
        const end = text.indexOf('\n', this.at)
        const lineEnd = end === -1 ? text.length : end
        let line = text.slice(this.at, lineEnd)
        if (line.endsWith('\r')) line = line.slice(0, -1)
        this.at = end === -1 ? text.length : end + 1
        if ((heredoc.indented ? line.replace(/^[ \t]+/, '') : line) === heredoc.id) {
          closed = true
          break
        }
      }
      if (!closed) {
        this.fail(`the heredoc <<${heredoc.indented ? '~' : ''}${heredoc.id} is never closed`, heredoc.offset)
        break
      }
    }
    this.heredocs.length = 0
  }

  /** Whether a value starts here: after an operator, a keyword, a line's start; or a command's first argument. */
  private valueStart(next: string | undefined): boolean {
    return this.expressionStart() || this.commandArgument(next)
  }

  /** After an operator, a keyword that takes a value, a label or a line's start: a value, surely. */
  private expressionStart(): boolean {
    const previous = this.tokens.at(-1)
    if (previous === undefined || previous.kind === 'newline' || previous.kind === 'label') return true
    if (previous.kind === 'op') return previous.value !== ')' && previous.value !== ']' && previous.value !== '}'
    return previous.kind === 'ident' && previous.keyword && !VALUE_KEYWORDS.has(previous.value)
  }

  /**
   * `puts %w[a]`, `split /,/`: a method's name, a space, and none after: Ruby reads a value (a local variable
   * would make it an operator, which only Ruby knows).
   */
  private commandArgument(next: string | undefined): boolean {
    const previous = this.tokens.at(-1)
    return previous?.kind === 'ident' && !previous.keyword && this.space && !isSpace(next)
  }

  /**
   * A regular expression at `at`: where a value starts, and, when only a command's argument may start there
   * (`x /2` divides when x is a variable), only if a `/` follows on the same line. Each such look stops at the
   * next `/`, the next one's start: linear.
   */
  private regexpAt(at: number): boolean {
    const text = this.text
    if (this.expressionStart()) return true
    if (text[at + 1] === '=' || !this.commandArgument(text[at + 1])) return false
    for (let index = at + 1; index < text.length && text[index] !== '\n'; index++) if (text[index] === '/') return true
    return false
  }

  /** A token of `fields` from `start` to `end` (its fields first, then where it is: one object per token). */
  private emit(fields: TokenFields, start: number, end: number): void {
    const token = fields as Token
    token.start = start
    token.end = end
    token.space = this.space
    token.depth = this.brackets.length
    this.push(token)
  }

  private token(): boolean {
    const text = this.text
    const at = this.at
    const code = text.charCodeAt(at)
    const char = text[at]
    if (isIdentStart(code)) return this.identifier(at)
    if (isDigit(code)) return this.number(at)
    if (char === '"' || char === "'") return this.string(at, at + 1, char, char, char === '"', 'string')
    if (char === '`') {
      const previous = this.tokens.at(-1)
      if (previous?.kind === 'op' && (previous.value === '.' || previous.value === '&.')) return this.operator(at)
      return this.string(at, at + 1, '`', '`', true, 'other')
    }
    if (char === ':') return this.colon(at)
    if (char === '@') return this.variable(at, at + (text[at + 1] === '@' ? 2 : 1))
    if (char === '$') return this.global(at)
    if (char === '?' && this.character(at)) return true
    if (char === '%' && this.percent(at)) return true
    if (char === '/' && this.regexpAt(at)) return this.string(at, at + 1, '/', '/', true, 'regexp')
    if (char === '<' && text[at + 1] === '<' && this.heredocStart(at)) return true
    return this.operator(at)
  }

  private identifier(at: number): boolean {
    const text = this.text
    let end = at + 1
    while (end < text.length && isIdentChar(text.charCodeAt(end))) end++
    if ((text[end] === '?' || text[end] === '!') && text[end + 1] !== '=') end++
    const value = text.slice(at, end)
    const previous = this.tokens.at(-1)
    // A name after `.` or `def` is a method's, whatever it spells (`x.class`, `def end`).
    const method =
      previous?.kind === 'op'
        ? previous.value === '.' || previous.value === '&.'
        : previous?.kind === 'ident' && previous.value === 'def'
    if (text[end] === ':' && text[end + 1] !== ':' && !value.endsWith('?')) {
      this.emit({kind: 'label', value}, at, end + 1)
      this.at = end + 1
      return true
    }
    this.emit({kind: 'ident', value, keyword: !method && KEYWORDS.has(value)}, at, end)
    this.at = end
    return true
  }

  private number(at: number): boolean {
    const text = this.text
    let end = at + 1
    while (
      end < text.length &&
      (isIdentChar(text.charCodeAt(end)) || (text[end] === '.' && isDigit(text.charCodeAt(end + 1))))
    )
      end++
    this.emit({kind: 'number', value: text.slice(at, end)}, at, end)
    this.at = end
    return true
  }

  private variable(at: number, from: number): boolean {
    const text = this.text
    let end = from
    while (end < text.length && isIdentChar(text.charCodeAt(end))) end++
    if (end === from) return this.operator(at)
    this.emit({kind: 'other'}, at, end)
    this.at = end
    return true
  }

  /** `$name`, `$1`, and the punctuation globals (`$'`, `$"`, `$;`…), which must not start a string. */
  private global(at: number): boolean {
    const text = this.text
    const next = text[at + 1]
    if (next !== undefined && isIdentStart(text.charCodeAt(at + 1))) return this.variable(at, at + 1)
    let end = at + 1
    if (next === '-' && isIdentChar(text.charCodeAt(at + 2))) end = at + 3
    else if (next !== undefined && GLOBAL_PUNCTUATION.includes(next)) end = at + 2
    if (end === at + 1) return this.operator(at)
    this.emit({kind: 'other'}, at, end)
    this.at = end
    return true
  }

  /** `:name`, `:"quoted"`, `:[]`, or the operators `:` and `::`. */
  private colon(at: number): boolean {
    const text = this.text
    const next = text[at + 1]
    const previous = this.tokens.at(-1)
    // `"key": value` (a string label) and `::`.
    if (next === ':' || (previous?.kind === 'string' && !this.space)) return this.operator(at)
    if (next === '"' || next === "'") return this.string(at, at + 2, next, next, next === '"', 'symbol')
    const code = text.charCodeAt(at + 1)
    if (isIdentStart(code) || next === '@' || next === '$') {
      let end = at + 1
      while (end < text.length && (isIdentChar(text.charCodeAt(end)) || (end <= at + 3 && '@$'.includes(text[end]))))
        end++
      // `:name?`, `:name!`, `:name=` (but not `:name=>`, `:name==`).
      if ('?!'.includes(text[end]) && text[end + 1] !== '=') end++
      else if (text[end] === '=' && !'=>~'.includes(text[end + 1])) end++
      this.emit({kind: 'symbol', value: text.slice(at + 1, end)}, at, end)
      this.at = end
      return true
    }
    if (this.valueStart(next)) {
      const operator = OPERATOR_SYMBOLS.find((symbol) => text.startsWith(symbol, at + 1))
      const single = operator ?? ('+-*/%<>!~^&|`'.includes(next ?? ' ') ? next : undefined)
      if (single !== undefined) {
        this.emit({kind: 'symbol', value: single}, at, at + 1 + single.length)
        this.at = at + 1 + single.length
        return true
      }
    }
    this.operator(at)
    return true
  }

  /** `?a`, `?\n`: a one-character string, where a value may start; else the `?` of `a ? b : c`. */
  private character(at: number): boolean {
    const text = this.text
    const next = text[at + 1]
    if (isSpace(next) || !this.valueStart(next)) return false
    let end: number
    let value: string
    if (next === '\\') {
      const escaped = escapeAt(text, at + 1)
      end = at + 1 + escaped.length
      value = escaped.value
    } else {
      const point = text.codePointAt(at + 1) ?? 0
      end = at + 1 + (point > 0xffff ? 2 : 1)
      if (end < text.length && isIdentChar(text.charCodeAt(end))) return false
      value = text.slice(at + 1, end)
    }
    this.emit({kind: 'string', value, bodyStart: at + 1}, at, end)
    this.at = end
    return true
  }

  /** `%q(…)`, `%w[…]` and the other percent literals, where a value may start. false: the `%` operator. */
  private percent(at: number): boolean {
    const text = this.text
    const next = text[at + 1]
    if (!this.valueStart(next) || next === '=') return false
    let type = 'Q'
    let open = at + 1
    if (next !== undefined && 'qQwWiIsrx'.includes(next) && isDelimiter(text[at + 2])) {
      type = next
      open = at + 2
    } else if (!isDelimiter(next)) return false
    const delimiter = text[open]
    const close = OPENERS[delimiter] ?? delimiter
    const interpolates = !'qwis'.includes(type)
    if (type === 'w' || type === 'W' || type === 'i' || type === 'I') {
      const body = this.body(at, open + 1, delimiter, close, interpolates, true)
      if (body === undefined) return true
      this.emit({kind: 'words', items: body.items ?? [], symbols: /[iI]/.test(type)}, at, body.end)
      this.at = body.end
      return true
    }
    const kind = type === 's' ? 'symbol' : type === 'q' || type === 'Q' ? 'string' : type === 'r' ? 'regexp' : 'other'
    this.string(at, open + 1, delimiter, close, interpolates, kind)
    return true
  }

  /** A literal whose body starts at `from`, as a token of `kind` (a regular expression's flags read past). */
  private string(
    at: number,
    from: number,
    open: string,
    close: string,
    interpolates: boolean,
    kind: 'string' | 'symbol' | 'regexp' | 'other',
  ): boolean {
    const body = this.body(at, from, open, close, interpolates, false)
    if (body === undefined) return true
    let end = body.end
    if (kind === 'regexp') while (end < this.text.length && /[a-z]/.test(this.text[end])) end++
    if (kind === 'string') this.emit({kind, value: body.value, template: body.template, bodyStart: from}, at, end)
    else if (kind === 'symbol') this.emit({kind, value: body.value}, at, end)
    else this.emit({kind: 'other'}, at, end)
    this.at = end
    return true
  }

  /**
   * A literal's body from `from` to its closing delimiter (nested pairs of a bracket delimiter counted), escapes
   * read, interpolations read through by a lexer of their own. undefined, with the error set, when it never closes.
   */
  private body(at: number, from: number, open: string, close: string, interpolates: boolean, words: boolean) {
    const text = this.text
    const parts: TemplatePart[] = []
    const items: WordItem[] = []
    let value = ''
    let dynamic = false
    // The item of a `%w` being read: where it starts, and whether it interpolates.
    let item: {offset: number; dynamic: boolean} | undefined
    let level = 0
    let run = from
    const flush = (until: number) => {
      value += text.slice(run, until)
    }
    const endItem = () => {
      if (item !== undefined) items.push(item.dynamic ? {offset: item.offset} : {value, offset: item.offset})
      item = undefined
      value = ''
    }
    for (let index = from; index < text.length; ) {
      const char = text[index]
      if (words && item === undefined && !isSpace(char) && !(char === close && level === 0)) {
        item = {offset: index, dynamic: false}
        value = ''
      }
      if (char === '\\') {
        flush(index)
        const next = text[index + 1]
        if (next === undefined) break
        if (interpolates) {
          const escaped = escapeAt(text, index)
          value += escaped.value
          index += escaped.length
        } else {
          value += next === '\\' || next === close || next === open || (words && isSpace(next)) ? next : `\\${next}`
          index += 2
        }
        run = index
        continue
      }
      if (char === close && level === 0) {
        flush(index)
        if (words) endItem()
        else parts.push({text: value})
        const template = parts.some((part) => 'code' in part) ? parts : undefined
        return {end: index + 1, value: dynamic ? undefined : value, template, items} satisfies Body
      }
      if (open !== close && char === open) level++
      else if (char === close) level--
      if (interpolates && char === '#' && interpolationAt(text, index)) {
        flush(index)
        const end = this.interpolate(index)
        if (end === undefined) return undefined
        parts.push(
          {text: value},
          {code: text.slice(index + (text[index + 1] === '{' ? 2 : 1), end - (text[index + 1] === '{' ? 1 : 0))},
        )
        value = ''
        dynamic = true
        if (item !== undefined) item.dynamic = true
        index = end
        run = index
        continue
      }
      if (words && isSpace(char)) {
        flush(index)
        endItem()
        index++
        run = index
        continue
      }
      index++
    }
    this.fail(open === '/' ? 'a regular expression is never closed' : 'a string is never closed', at)
    return undefined
  }

  /** `#{…}`, `#@var`, `#$var` at `at`: the offset after it, or undefined (the error set). */
  private interpolate(at: number): number | undefined {
    const text = this.text
    if (text[at + 1] !== '{') {
      let end = at + 2
      while (end < text.length && (isIdentChar(text.charCodeAt(end)) || text[end] === '@')) end++
      return end
    }
    if (this.nesting >= MAX_INTERPOLATION) {
      this.fail(`interpolations nested deeper than ${MAX_INTERPOLATION}`, at)
      return undefined
    }
    const inner = new Lexer(text, this.nesting + 1)
    const end = inner.interpolation(at + 2)
    if (inner.error) this.fail(inner.error.message, inner.error.offset)
    return end
  }

  /** `<<~ID`, `<<-ID`, `<<ID`, `<<~'ID'`…: a heredoc, where a value may start; its body follows the line. */
  private heredocStart(at: number): boolean {
    const text = this.text
    if (this.nesting > 0) return false
    const match = /^<<([~-]?)(?:(["'`])([^"'`\n]{1,256})\2|([A-Za-z_][A-Za-z0-9_]{0,255}))/.exec(
      text.slice(at, at + 300),
    )
    if (match === null) return false
    // `list <<item` appends when `list` is a variable: only `<<~`, `<<-`, a quoted or an upper-case identifier then.
    if (
      !this.expressionStart() &&
      !(this.commandArgument(text[at + 2]) && /^<<(?:[~-]|["'`]|[A-Z_]+\b)/.test(match[0]))
    )
      return false
    this.heredocs.push({id: match[3] ?? match[4], indented: match[1] !== '', offset: at})
    const end = at + match[0].length
    this.emit({kind: 'string', bodyStart: end, heredoc: true}, at, end)
    this.at = end
    return true
  }

  private operator(at: number): boolean {
    const text = this.text
    const three = text.slice(at, at + 3)
    const two = text.slice(at, at + 2)
    const value = THREE.has(three) ? three : TWO.has(two) ? two : text[at]
    const closer = value === ')' || value === ']' || value === '}'
    const open = closer ? this.brackets.at(-1) : undefined
    if (closer && open === undefined) return this.failed(`'${value}' closes no bracket`, at)
    if (open !== undefined && OPENERS[open.char] !== value)
      return this.failed(`'${value}' does not close the '${open.char}' before it`, at)
    // The depth before the token: a closing bracket's includes the one it closes.
    this.emit({kind: 'op', value}, at, at + value.length)
    if (closer) this.brackets.pop()
    else if (value === '(' || value === '[' || value === '{') this.brackets.push({char: value, offset: at})
    this.at = at + value.length
    return true
  }
}

/** Whether `#` at `at` starts an interpolation: `#{`, `#@name`, `#@@name`, `#$name`. */
function interpolationAt(text: string, at: number): boolean {
  const next = text[at + 1]
  if (next === '{') return true
  if (next === '$') return isIdentStart(text.charCodeAt(at + 2))
  if (next !== '@') return false
  return isIdentStart(text.charCodeAt(text[at + 2] === '@' ? at + 3 : at + 2))
}

/** The escape `\…` at `at` of a double-quoted literal: its value and its length. */
function escapeAt(text: string, at: number): {value: string; length: number} {
  const next = text[at + 1]
  if (next === undefined) return {value: '', length: 1}
  if (next === '\n') return {value: '', length: 2}
  if (next === '\r' && text[at + 2] === '\n') return {value: '', length: 3}
  const simple = SIMPLE_ESCAPES[next]
  if (simple !== undefined) return {value: simple, length: 2}
  if (next >= '0' && next <= '7') {
    const digits = /^[0-7]{1,3}/.exec(text.slice(at + 1, at + 4))![0]
    return {value: String.fromCharCode(Number.parseInt(digits, 8)), length: 1 + digits.length}
  }
  if (next === 'x') {
    const digits = /^[0-9A-Fa-f]{1,2}/.exec(text.slice(at + 2, at + 4))?.[0]
    if (digits) return {value: String.fromCharCode(Number.parseInt(digits, 16)), length: 2 + digits.length}
  }
  if (next === 'u') {
    const braced = /^\{[ \t]*([0-9A-Fa-f]{1,6}(?:[ \t]+[0-9A-Fa-f]{1,6})*)[ \t]*\}/.exec(text.slice(at + 2, at + 80))
    const points = braced ? braced[1].split(/[ \t]+/) : [/^[0-9A-Fa-f]{4}/.exec(text.slice(at + 2, at + 6))?.[0]]
    const length = braced ? 2 + braced[0].length : 6
    if (points.every((point) => point !== undefined && Number.parseInt(point, 16) <= 0x10ffff))
      return {value: points.map((point) => String.fromCodePoint(Number.parseInt(point!, 16))).join(''), length}
  }
  // `\c`, `\C-`, `\M-` and unknown escapes: kept as written (no gem name or URL holds one).
  if (next === 'c' || next === 'C' || next === 'M') return {value: `\\${next}`, length: 2}
  return {value: next, length: 2}
}

export function lexRuby(text: string): Lexed {
  const lexer = new Lexer(text, 0)
  lexer.run()
  const open = lexer.brackets.at(-1)
  return {
    tokens: lexer.tokens,
    ...(lexer.error ? {error: lexer.error} : {}),
    ...(open && !lexer.error ? {unclosed: open} : {}),
  }
}

/** Whether a token ends a value: after it, `if` is a modifier and a newline ends the statement. */
export function endsValue(token: Token | undefined): boolean {
  if (token === undefined) return false
  switch (token.kind) {
    case 'ident':
      return !token.keyword || VALUE_KEYWORDS.has(token.value) || MODIFIED_KEYWORDS.has(token.value)
    case 'op':
      return token.value === ')' || token.value === ']' || token.value === '}'
    case 'newline':
    case 'label':
      return false
    default:
      return true
  }
}

/** Keywords that take an optional value, and that a modifier follows more often than a value: `return if x`. */
const MODIFIED_KEYWORDS = new Set(['return', 'break', 'next', 'yield', 'super'])

export function isOp(token: Token | undefined, value: string): boolean {
  return token?.kind === 'op' && token.value === value
}

export function isKeyword(token: Token | undefined, value: string): boolean {
  return token?.kind === 'ident' && token.keyword && token.value === value
}
