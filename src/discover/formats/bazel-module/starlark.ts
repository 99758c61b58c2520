/**
 * The top-level calls of a Starlark file (MODULE.bazel), their arguments read as literals: never run. A linear
 * tokenizer (strings in every quoting Starlark has, comments, brackets), then the calls written at the start of a
 * statement (`name(`, at bracket depth 0, not after a `.`). MODULE.bazel has no `def`, `if` or `for` statements
 * (Bazel refuses them), so every such call is made. An argument is a literal when it is a string, a number,
 * `True`/`False`/`None`, or a list or tuple of literals.
 *
 * Beyond literals, a few expressions are evaluated as Starlark does (`evaluate` below): a top-level variable
 * (`BOOST_VERSION = "1.83.0"`) bound once before the line that uses it, `+` of strings or lists, `"…{}…".format(…)`,
 * `"…%s…" % …` of strings and `"sep".join([…])` of string literals. Anything else (another call, an index, a conditional, a variable bound twice or later)
 * is kept as `expr`, with its text, for the caller to report.
 */

export interface Place {
  line: number
  column: number
}

/**
 * A value as written; `computed` holds the text of an expression that is not a literal but was evaluated (a variable,
 * `+`, `.format()`), for a caller that takes only literals (`include`).
 */
export type Value =
  | ({kind: 'string'; value: string; computed?: string} & Place)
  | ({kind: 'bool'; value: boolean; computed?: string} & Place)
  | ({kind: 'none'} & Place)
  | ({kind: 'number'} & Place)
  | ({kind: 'list'; items: Value[]; computed?: string} & Place)
  | ({kind: 'expr'; text: string} & Place)

export interface Arg extends Place {
  /** The keyword; undefined for a positional argument (`*args` and `**kwargs` are positional `expr`s). */
  key?: string
  value: Value
}

export interface Call extends Place {
  name: string
  args: Arg[]
}

export interface StarlarkCalls {
  calls: Call[]
  /** Calls inside an expression (`[bazel_dep(name = n) for n in names]`, a function's body is not Starlark here). */
  nested: Array<{name: string} & Place>
  /** The first syntax error: what follows it is not read. */
  error?: {message: string} & Place
}

type TokenKind = 'name' | 'string' | 'number' | 'op' | 'open' | 'close' | 'newline'

interface Token extends Place {
  kind: TokenKind
  text: string
  /** A string's decoded value. */
  value?: string
  start: number
  end: number
}

/** Python's (and Starlark's) limit on bracket nesting. */
const MAX_DEPTH = 200
const OPEN: Record<string, string> = {'(': ')', '[': ']', '{': '}'}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
}
function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57)
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
}

/** Tokens of the text, or the first syntax error and the tokens before it. */
function tokenize(text: string): {tokens: Token[]; error?: {message: string} & Place} {
  const tokens: Token[] = []
  let line = 1
  let lineStart = 0
  let depth = 0
  const closers: string[] = []
  let i = 0
  const fail = (message: string, at: number, atLine = line, atLineStart = lineStart) => ({
    tokens,
    error: {message, line: atLine, column: at - atLineStart + 1},
  })
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c === 10) {
      if (depth === 0) tokens.push({kind: 'newline', text: '\n', line, column: i - lineStart + 1, start: i, end: i + 1})
      i++
      line++
      lineStart = i
      continue
    }
    if (c === 32 || c === 9 || c === 13 || c === 12) {
      i++
      continue
    }
    if (c === 35) {
      // A comment, to the end of the line.
      const end = text.indexOf('\n', i)
      i = end === -1 ? text.length : end
      continue
    }
    if (c === 92 && text.charCodeAt(i + 1) === 10) {
      // A line joined to the next.
      i += 2
      line++
      lineStart = i
      continue
    }
    const column = i - lineStart + 1
    const start = i
    // String prefixes: r, b, rb, br (any case).
    let j = i
    let raw = false
    while (j < text.length && j - i < 2 && /[rRbB]/.test(text[j])) {
      if (text[j] === 'r' || text[j] === 'R') raw = true
      j++
    }
    const quote = text[j]
    if ((quote === '"' || quote === "'") && (j === i || !isNamePart(text.charCodeAt(i - 1) || 0))) {
      const triple = text.startsWith(quote.repeat(3), j)
      const startLine = line
      const startLineStart = lineStart
      let k = j + (triple ? 3 : 1)
      let value = ''
      let closed = false
      while (k < text.length) {
        const ch = text[k]
        if (triple ? text.startsWith(quote.repeat(3), k) : ch === quote) {
          k += triple ? 3 : 1
          closed = true
          break
        }
        if (ch === '\n') {
          if (!triple) break
          line++
          lineStart = k + 1
          value += ch
          k++
          continue
        }
        if (ch === '\\' && k + 1 < text.length) {
          const next = text[k + 1]
          if (next === '\n') {
            line++
            lineStart = k + 2
            if (raw) value += '\\\n'
            k += 2
            continue
          }
          if (raw) {
            value += ch + next
            k += 2
            continue
          }
          if (ESCAPES[next] !== undefined) {
            value += ESCAPES[next]
            k += 2
            continue
          }
          const hex = next === 'x' ? /^[0-9a-fA-F]{2}/.exec(text.slice(k + 2, k + 4)) : null
          if (hex) {
            value += String.fromCharCode(Number.parseInt(hex[0], 16))
            k += 4
            continue
          }
          const octal = /^[0-7]{1,3}/.exec(text.slice(k + 1, k + 4))
          if (octal) {
            value += String.fromCharCode(Number.parseInt(octal[0], 8))
            k += 1 + octal[0].length
            continue
          }
          value += ch + next
          k += 2
          continue
        }
        value += ch
        k++
      }
      if (!closed) return fail('unterminated string', start, startLine, startLineStart)
      tokens.push({kind: 'string', text: text.slice(start, k), value, line: startLine, column, start, end: k})
      i = k
      continue
    }
    if (isNameStart(c)) {
      let k = i + 1
      while (k < text.length && isNamePart(text.charCodeAt(k))) k++
      tokens.push({kind: 'name', text: text.slice(i, k), line, column, start, end: k})
      i = k
      continue
    }
    if (c >= 48 && c <= 57) {
      let k = i + 1
      while (k < text.length && (isNamePart(text.charCodeAt(k)) || text[k] === '.')) k++
      tokens.push({kind: 'number', text: text.slice(i, k), line, column, start, end: k})
      i = k
      continue
    }
    const ch = text[i]
    if (OPEN[ch] !== undefined) {
      depth++
      if (depth > MAX_DEPTH) return fail(`brackets nested deeper than ${MAX_DEPTH}`, i)
      closers.push(OPEN[ch])
      tokens.push({kind: 'open', text: ch, line, column, start, end: i + 1})
      i++
      continue
    }
    if (ch === ')' || ch === ']' || ch === '}') {
      const expected = closers.pop()
      if (expected !== ch)
        return fail(expected ? `'${ch}' closes a bracket that '${expected}' should` : `'${ch}' closes nothing`, i)
      depth--
      tokens.push({kind: 'close', text: ch, line, column, start, end: i + 1})
      i++
      continue
    }
    // Operators: `==`, `!=`, `<=`, `>=`, `**`, `//` and the one-character ones; `=` alone is a keyword's.
    const two = text.slice(i, i + 2)
    const op = ['==', '!=', '<=', '>=', '**', '//', '+=', '-=', '*=', '|='].includes(two) ? two : ch
    tokens.push({kind: 'op', text: op, line, column, start, end: i + op.length})
    i += op.length
  }
  if (closers.length > 0)
    return {tokens, error: {message: `a bracket is never closed`, line, column: i - lineStart + 1}}
  return {tokens}
}

/**
 * How many characters (and list items) evaluation may make in one file: `A = "x"`, `B = A + A`, `C = B + B`, … doubles
 * at each line, and one template `.format()`ted on every line is read each time; past this, values are left computed.
 */
const MAX_COMPUTED = 1 << 20

/** What reading one file's statements knows: its tokens and the top-level variables bound so far. */
interface Reader {
  text: string
  tokens: Token[]
  /** The top-level variables bound once and already bound, with their value when it could be evaluated. */
  scope: Map<string, Value>
  /**
   * Names bound more than once (or by `+=`): Bazel parses MODULE.bazel with Starlark's default options, which refuse
   * to rebind a top-level name (CompiledModuleFile.parseAndCompile: `StarlarkFile.parse(parserInput)`), so none is
   * evaluated.
   */
  rebound: Set<string>
  /** What evaluation may still make (MAX_COMPUTED). */
  budget: number
}

const ASSIGN = new Set(['=', '+=', '-=', '*=', '|='])

function isStatementEnd(token: Token): boolean {
  return token.kind === 'newline' || (token.kind === 'op' && token.text === ';')
}

/** The names bound more than once at the top level (each name left of a statement's `=`, `+=`, …). */
function reboundNames(tokens: Token[]): Set<string> {
  const count = new Map<string, number>()
  const rebound = new Set<string>()
  let start = 0
  let assigned = false
  let depth = 0
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]
    if (isStatementEnd(token)) {
      start = t + 1
      assigned = false
      continue
    }
    if (token.kind === 'open') depth++
    else if (token.kind === 'close') depth--
    if (assigned || depth !== 0 || token.kind !== 'op' || !ASSIGN.has(token.text)) continue
    assigned = true
    for (let k = start; k < t; k++) {
      if (tokens[k].kind !== 'name') continue
      const name = tokens[k].text
      const seen = (count.get(name) ?? 0) + (token.text === '=' ? 1 : 2)
      count.set(name, seen)
      if (seen > 1) rebound.add(name)
    }
  }
  return rebound
}

/** The top-level calls of the file, in order. */
export function readCalls(text: string): StarlarkCalls {
  const {tokens, error} = tokenize(text)
  const reader: Reader = {text, tokens, scope: new Map(), rebound: reboundNames(tokens), budget: MAX_COMPUTED}
  const calls: Call[] = []
  const nested: StarlarkCalls['nested'] = []
  let depth = 0
  let statement = true
  // A top-level `NAME = value`: bound once its statement ends (its own right-hand side does not see it).
  let pending: {name: string; value: Value} | undefined
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]
    if (isStatementEnd(token)) {
      if (pending !== undefined) reader.scope.set(pending.name, pending.value)
      pending = undefined
      statement = true
      continue
    }
    const starts = statement
    statement = false
    const next = tokens[t + 1]
    if (starts && depth === 0 && token.kind === 'name' && next?.kind === 'op' && next.text === '=') {
      let end = t + 2
      while (end < tokens.length && !isStatementEnd(tokens[end])) end++
      if (!reader.rebound.has(token.text) && end > t + 2) {
        const value = readValue(reader, t + 2, end)
        if (value.kind !== 'expr') pending = {name: token.text, value}
      }
      // The right-hand side is read on for calls (`tel = use_extension(...)`).
      continue
    }
    if (token.kind === 'open') depth++
    else if (token.kind === 'close') depth--
    if (token.kind !== 'name') continue
    const previous = tokens[t - 1]
    if (next?.kind !== 'open' || next.text !== '(') continue
    if (previous !== undefined && previous.kind === 'op' && previous.text === '.') continue
    if (depth !== 0) {
      nested.push({name: token.text, line: token.line, column: token.column})
      continue
    }
    const end = matching(tokens, t + 1)
    if (end === undefined) break
    calls.push({name: token.text, line: token.line, column: token.column, args: readArgs(reader, t + 2, end)})
    t = end
  }
  return error ? {calls, nested, error} : {calls, nested}
}

/** Index of the token that closes the bracket at `open`; undefined when the file ends first (a syntax error). */
function matching(tokens: Token[], open: number): number | undefined {
  let depth = 0
  for (let t = open; t < tokens.length; t++) {
    if (tokens[t].kind === 'open') depth++
    else if (tokens[t].kind === 'close' && --depth === 0) return t
  }
  return undefined
}

/**
 * The parts of tokens[from, to) between the top-level operators `op` (not inside brackets), as [start, end) ranges; an
 * empty part (`a,,b`, a trailing comma) is an empty range.
 */
function splitAt(reader: Reader, from: number, to: number, op: string): Array<[number, number]> {
  const {tokens} = reader
  const parts: Array<[number, number]> = []
  let start = from
  let depth = 0
  for (let t = from; t <= to; t++) {
    const token = tokens[t]
    if (t < to && token.kind === 'open') depth++
    else if (t < to && token.kind === 'close') depth--
    if (t === to || (depth === 0 && token.kind === 'op' && token.text === op)) {
      parts.push([start, t])
      start = t + 1
    }
  }
  return parts
}

/** The arguments between tokens[from] and tokens[to] (the closing bracket), split at top-level commas. */
function readArgs(reader: Reader, from: number, to: number): Arg[] {
  return splitAt(reader, from, to, ',')
    .filter(([start, end]) => end > start)
    .map(([start, end]) => readArg(reader, start, end))
}

function readArg(reader: Reader, from: number, to: number): Arg {
  const first = reader.tokens[from]
  const second = reader.tokens[from + 1]
  if (first.kind === 'name' && second?.kind === 'op' && second.text === '=' && from + 2 < to)
    return {key: first.text, line: first.line, column: first.column, value: readValue(reader, from + 2, to)}
  return {line: first.line, column: first.column, value: readValue(reader, from, to)}
}

/** The value tokens[from..to) writes: a literal, an expression evaluated, or an `expr` holding its text. */
function readValue(reader: Reader, from: number, to: number): Value {
  const {text, tokens} = reader
  const first = tokens[from]
  const place = {line: first.line, column: first.column}
  const source = () => text.slice(first.start, tokens[to - 1].end)
  const expr = (): Value => ({kind: 'expr', text: source(), ...place})
  if (to - from === 1) {
    if (first.kind === 'string') return {kind: 'string', value: first.value ?? '', ...place}
    if (first.kind === 'number') return {kind: 'number', ...place}
    if (first.kind === 'name' && (first.text === 'True' || first.text === 'False'))
      return {kind: 'bool', value: first.text === 'True', ...place}
    if (first.kind === 'name' && first.text === 'None') return {kind: 'none', ...place}
  }
  if (to - from === 2 && first.kind === 'op' && first.text === '-' && tokens[from + 1].kind === 'number')
    return {kind: 'number', ...place}
  const last = tokens[to - 1]
  // One bracketed group is a list, a tuple or a parenthesised value, never evaluated again as a whole: each range is
  // read a bounded number of times, however deep the brackets.
  if (first.kind === 'open' && first.text !== '{' && last.kind === 'close' && matching(tokens, from) === to - 1) {
    const items: Value[] = []
    let start = from + 1
    let depth = 0
    for (let t = from + 1; t < to; t++) {
      const token = tokens[t]
      if (t < to - 1 && token.kind === 'open') depth++
      else if (t < to - 1 && token.kind === 'close') depth--
      if (t === to - 1 || (depth === 0 && token.kind === 'op' && token.text === ',')) {
        if (t > start) {
          const item = readValue(reader, start, t)
          if (item.kind === 'expr') return expr()
          items.push(item)
        }
        start = t + 1
      }
    }
    // `("a")` is a string in parentheses, not a tuple.
    if (first.text === '(' && items.length === 1 && tokens[to - 2].text !== ',') return items[0]
    return {kind: 'list', items, ...place}
  }
  const value = evaluate(reader, from, to)
  if (value === undefined) return expr()
  return {...value, ...place, computed: source()}
}

type Evaluated = {kind: 'string'; value: string} | {kind: 'bool'; value: boolean} | {kind: 'list'; items: Value[]}

/**
 * What Starlark evaluates tokens[from..to) to (https://github.com/bazelbuild/starlark/blob/master/spec.md), for the
 * expressions read here: terms joined by `+` (strings to a string, lists to a list), each operands joined by `%`, each
 * a string, `True` or `False`, a top-level variable or a bracketed value, followed by any `.format(...)` (or, after a
 * string literal, a `.join(...)` of literals). undefined
 * for anything else, or past the budget.
 */
function evaluate(reader: Reader, from: number, to: number): Evaluated | undefined {
  const operands: Evaluated[] = []
  for (const [start, end] of splitAt(reader, from, to, '+')) {
    const operand = end > start ? evaluateTerm(reader, start, end) : undefined
    if (operand === undefined) return undefined
    operands.push(operand)
  }
  if (operands.length === 1) return operands[0]
  if (operands.every((operand) => operand.kind === 'string')) {
    const size = operands.reduce((sum, operand) => sum + (operand as {value: string}).value.length, 0)
    if (!spend(reader, size)) return undefined
    return {kind: 'string', value: operands.map((operand) => (operand as {value: string}).value).join('')}
  }
  if (operands.every((operand) => operand.kind === 'list')) {
    const size = operands.reduce((sum, operand) => sum + (operand as {items: Value[]}).items.length, 0)
    if (!spend(reader, size)) return undefined
    return {kind: 'list', items: operands.flatMap((operand) => (operand as {items: Value[]}).items)}
  }
  // `"a" + True`, `[] + "a"`: an error in Starlark.
  return undefined
}

function spend(reader: Reader, size: number): boolean {
  reader.budget -= size
  return reader.budget >= 0
}

/**
 * Operands joined by `%` (it binds tighter than `+`), left to right: `"…%s…" % VALUE` and `"…%s…%s…" % (A, B)`, the
 * spec's "string interpolation" for `%s` and `%%` of strings only (`%d`, `%r`, `%(name)s`, a list are not evaluated).
 */
function evaluateTerm(reader: Reader, from: number, to: number): Evaluated | undefined {
  const {tokens} = reader
  let value: Evaluated | undefined
  let start = from
  let depth = 0
  for (let t = from; t <= to; t++) {
    const token = tokens[t]
    if (t < to && token.kind === 'open') depth++
    else if (t < to && token.kind === 'close') depth--
    if (t < to && (depth !== 0 || token.kind !== 'op' || token.text !== '%')) continue
    if (t === start) return undefined
    const operand = evaluateOperand(reader, start, t)
    if (operand === undefined) return undefined
    if (value === undefined) value = operand
    else {
      if (value.kind !== 'string') return undefined
      // A tuple, `(A, B)`, gives one value each; a list, `[A]`, is one value (its str()): not evaluated.
      const tuple = operand.kind === 'list' && isTuple(tokens, start, t)
      if (operand.kind === 'list' && !tuple) return undefined
      const values = operand.kind === 'list' ? operand.items : [operand]
      const interpolated = interpolate(reader, value.value, values)
      if (interpolated === undefined) return undefined
      value = {kind: 'string', value: interpolated}
    }
    start = t + 1
  }
  return value
}

/** Whether tokens[from..to) is one parenthesised group holding a top-level comma: `(A, B)`, `(A,)`. */
function isTuple(tokens: Token[], from: number, to: number): boolean {
  if (tokens[from].text !== '(' || matching(tokens, from) !== to - 1) return false
  let depth = 0
  for (let t = from + 1; t < to - 1; t++) {
    if (tokens[t].kind === 'open') depth++
    else if (tokens[t].kind === 'close') depth--
    else if (depth === 0 && tokens[t].kind === 'op' && tokens[t].text === ',') return true
  }
  return false
}

/** `template % values` for `%s` and `%%`, each value a string; undefined otherwise, or for a count that differs. */
function interpolate(reader: Reader, template: string, values: Array<Value | Evaluated>): string | undefined {
  if (!values.every((value) => value.kind === 'string')) return undefined
  if (!spend(reader, template.length)) return undefined
  const strings = values.map((value) => (value as {value: string}).value)
  const parts: string[] = []
  let used = 0
  let literal = 0
  for (let i = template.indexOf('%'); i !== -1; i = template.indexOf('%', literal)) {
    parts.push(template.slice(literal, i))
    const conversion = template[i + 1]
    if (conversion === '%') parts.push('%')
    else if (conversion === 's' && used < strings.length) parts.push(strings[used++])
    else return undefined
    literal = i + 2
  }
  if (used !== strings.length) return undefined
  parts.push(template.slice(literal))
  const result = parts.join('')
  return spend(reader, result.length) ? result : undefined
}

function evaluateOperand(reader: Reader, from: number, to: number): Evaluated | undefined {
  const {tokens} = reader
  const first = tokens[from]
  let value: Evaluated | undefined
  let next = from + 1
  if (first.kind === 'string') value = {kind: 'string', value: first.value ?? ''}
  else if (first.kind === 'name' && (first.text === 'True' || first.text === 'False'))
    value = {kind: 'bool', value: first.text === 'True'}
  else if (first.kind === 'name') {
    // A variable bound once, earlier in this file; one bound later, twice, or never (a built-in) is not evaluated.
    const bound = reader.rebound.has(first.text) ? undefined : reader.scope.get(first.text)
    if (bound === undefined || (bound.kind !== 'string' && bound.kind !== 'bool' && bound.kind !== 'list'))
      return undefined
    value =
      bound.kind === 'list' ? {kind: 'list', items: bound.items} : ({kind: bound.kind, value: bound.value} as Evaluated)
  } else if (first.kind === 'open' && first.text !== '{') {
    const close = matching(tokens, from)
    if (close === undefined || close >= to) return undefined
    const inner = readValue(reader, from, close + 1)
    if (inner.kind === 'string' || inner.kind === 'bool') value = {kind: inner.kind, value: inner.value} as Evaluated
    else if (inner.kind === 'list') value = {kind: 'list', items: inner.items}
    else return undefined
    next = close + 1
  } else return undefined
  // `.format(...)` calls, one after the other; `.join(...)` right after a string literal.
  while (next < to) {
    const dot = tokens[next]
    const method = tokens[next + 1]
    const open = tokens[next + 2]
    const name = method?.text
    if (dot.kind !== 'op' || dot.text !== '.' || (name !== 'format' && name !== 'join') || open?.text !== '(')
      return undefined
    const close = matching(tokens, next + 2)
    if (close === undefined || close >= to || value.kind !== 'string') return undefined
    const args = readArgs(reader, next + 3, close)
    const result: string | undefined =
      name === 'format'
        ? format(reader, value.value, args)
        : next === from + 1 && first.kind === 'string'
          ? join(reader, value.value, args)
          : undefined
    if (result === undefined) return undefined
    value = {kind: 'string', value: result}
    next = close + 1
  }
  return value
}

/**
 * Starlark's `string.join` (the spec's "string·join": `S.join(iterable)` "returns the string formed by concatenating
 * each element of its argument, with a copy of the string S between successive elements. The argument must be an
 * iterable whose elements are strings."), of literals only: a string literal joining a list or tuple written out of
 * string literals (`"".join(["1.", "2"])`, `"/".join(("a", "b"))`). undefined for anything else (a variable, a
 * computed element, a number, which Starlark refuses), so the caller reports it as computed.
 */
function join(reader: Reader, separator: string, args: Arg[]): string | undefined {
  if (args.length !== 1 || args[0].key !== undefined) return undefined
  const {value} = args[0]
  if (value.kind !== 'list' || value.computed !== undefined) return undefined
  const parts: string[] = []
  for (const item of value.items) {
    if (item.kind !== 'string' || item.computed !== undefined) return undefined
    parts.push(item.value)
  }
  const size = parts.reduce((sum, part) => sum + part.length, 0) + separator.length * Math.max(0, parts.length - 1)
  return spend(reader, size) ? parts.join(separator) : undefined
}

/**
 * Starlark's `string.format` (the spec's "string·format"): `{}` (the next positional argument), `{0}`, `{name}`,
 * `{{` and `}}`, an optional `!s`; arguments that are strings or booleans (`str(True)` is "True"). undefined for
 * anything else: `!r`, numbering both automatic and manual (an error in Starlark), a missing argument, a `*args`.
 */
function format(reader: Reader, template: string, args: Arg[]): string | undefined {
  const positional: string[] = []
  const named = new Map<string, string>()
  for (const arg of args) {
    const {value} = arg
    if (value.kind !== 'string' && value.kind !== 'bool') return undefined
    const text = value.kind === 'string' ? value.value : value.value ? 'True' : 'False'
    if (arg.key === undefined) positional.push(text)
    else named.set(arg.key, text)
  }
  if (!spend(reader, template.length)) return undefined
  const parts: string[] = []
  let automatic = 0
  let numbering: 'automatic' | 'manual' | undefined
  let literal = 0
  for (let i = 0; i < template.length; i++) {
    const c = template[i]
    if (c !== '{' && c !== '}') continue
    parts.push(template.slice(literal, i))
    if (template[i + 1] === c) {
      parts.push(c)
      i++
      literal = i + 1
      continue
    }
    if (c === '}') return undefined
    const close = template.indexOf('}', i)
    if (close === -1) return undefined
    let field = template.slice(i + 1, close)
    if (field.endsWith('!s')) field = field.slice(0, -2)
    let value: string | undefined
    if (field === '') {
      if (numbering === 'manual') return undefined
      numbering = 'automatic'
      value = positional[automatic++]
    } else if (/^[0-9]+$/.test(field)) {
      if (numbering === 'automatic') return undefined
      numbering = 'manual'
      value = positional[Number(field)]
    } else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) value = named.get(field)
    if (value === undefined) return undefined
    parts.push(value)
    i = close
    literal = close + 1
  }
  parts.push(template.slice(literal))
  const result = parts.join('')
  return spend(reader, result.length) ? result : undefined
}
