/**
 * Starlark (https://github.com/bazelbuild/starlark/blob/master/spec.md), read without evaluating anything but what is
 * said below: the one Starlark reader of the discover stage, for the plug-ins and stages that read Starlark files.
 * Hand-written because no maintained Starlark parser exists for JavaScript (the maintained ones are Go's
 * go.starlark.net, Java's in Bazel and starlark-rust), and because a file is read, never run.
 *
 * - `tokenize`: the lexical grammar (https://github.com/bazelbuild/starlark/blob/master/spec.md#lexical-elements:
 *   comments, string literals with their prefixes, escapes and triple quotes, line continuations, names, numbers,
 *   operators), one linear pass; an unclosed string is a problem naming its line, and stops the tokens there.
 * - `callsOf`, `argumentOf`, `literalString`, `literalStrings` (the tiltfile format, built-images, own-images): the
 *   calls of the functions asked for, wherever they are, each argument kept as its tokens. An argument is a literal
 *   only when it is one string token, or a list or tuple of them; anything else (a name, a concatenation, a call, a
 *   `%` format) is computed, and said so by the caller: nothing is guessed, not even a top-level variable.
 * - `readCalls` (the bazel-module format, MODULE.bazel): the top-level calls, their arguments read as literal values,
 *   and the few expressions MODULE.bazel computes with evaluated as Starlark does (top-level variables bound once,
 *   `+`, `%s`, `.format()`, `"sep".join([...])`), bounded; brackets nested 200 deep at most, as Python and Starlark.
 *
 * Linear: one pass over the text; `callsOf` matches brackets with a stack, never by recursion, however deep;
 * `readCalls` reads nested values by recursion bounded by its 200 brackets, and evaluation by a 1 MiB budget. No
 * regular expression is tried at every position of a line.
 */

/** A token; `start` and `end` are its offsets in the text. `other` is a number; `newline` ends a line outside brackets. */
export interface Token {
  kind: 'string' | 'name' | 'op' | 'other' | 'newline'
  /** A string's decoded value; the text of any other token. */
  value: string
  line: number
  column: number
  start: number
  end: number
}

export interface Argument {
  /** The keyword of `key=value`; undefined for a positional argument. */
  keyword?: string
  /** The file's tokens; the argument's (its value's, for a keyword argument) are [start, end). */
  tokens: readonly Token[]
  start: number
  end: number
  line: number
  column: number
}

export interface Call {
  name: string
  line: number
  column: number
  args: Argument[]
}

export interface Problem {
  line: number
  column: number
  message: string
}

const NAME_START = /[A-Za-z_]/
const NAME_PART = /[A-Za-z0-9_]/
/** Operators of two or three characters (the others are one character). */
const LONG_OPS = [
  '**=',
  '//=',
  '<<=',
  '>>=',
  '==',
  '!=',
  '<=',
  '>=',
  '//',
  '**',
  '<<',
  '>>',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '->',
]
/** The first characters of LONG_OPS. */
const LONG_OP_START: ReadonlySet<string> = new Set(LONG_OPS.map((op) => op[0]))
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

/**
 * The tokens of the text, or those before an unclosed string and the problem. With `newlines`, a `newline` token ends
 * each line outside brackets (a statement's end; a joined line, `\\` at its end, has none).
 */
export function tokenize(text: string, options: {newlines?: boolean} = {}): {tokens: Token[]; problem?: Problem} {
  const tokens: Token[] = []
  let line = 1
  let lineStart = 0
  let depth = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const ch = text[i]
    if (ch === '\n') {
      if (options.newlines && depth === 0)
        tokens.push({kind: 'newline', value: ch, line, column: i - lineStart + 1, start: i, end: i + 1})
      line++
      i++
      lineStart = i
      continue
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f') {
      i++
      continue
    }
    if (ch === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      // A line joined to the next.
      i += text[i + 1] === '\n' ? 2 : 3
      line++
      lineStart = i
      continue
    }
    if (ch === '#') {
      const end = text.indexOf('\n', i)
      i = end < 0 ? n : end
      continue
    }
    const column = i - lineStart + 1
    // A string literal, with an optional prefix (r, b, rb, br in any case).
    let prefix = 0
    while (prefix < 2 && /[rRbB]/.test(text[i + prefix] ?? '')) prefix++
    const quote = text[i + prefix]
    if (quote === '"' || quote === "'") {
      const raw = /[rR]/.test(text.slice(i, i + prefix))
      const triple = text[i + prefix + 1] === quote && text[i + prefix + 2] === quote
      const open = i + prefix + (triple ? 3 : 1)
      let value = ''
      let j = open
      let closed = false
      const startLine = line
      while (j < n) {
        const c = text[j]
        if (c === '\\' && j + 1 < n) {
          const next = text[j + 1]
          if (next === '\n') {
            line++
            lineStart = j + 2
            if (raw) value += '\\\n'
            j += 2
          } else if (raw || ESCAPES[next] !== undefined) {
            value += raw ? c + next : ESCAPES[next]
            j += 2
          } else {
            const [decoded, length] = numericEscape(text, j)
            value += decoded
            j += length
          }
          continue
        }
        if (c === quote && (!triple || (text[j + 1] === quote && text[j + 2] === quote))) {
          j += triple ? 3 : 1
          closed = true
          break
        }
        if (c === '\n') {
          if (!triple) break
          line++
          lineStart = j + 1
        }
        value += c
        j++
      }
      if (!closed) return {tokens, problem: {line: startLine, column, message: 'a string literal is not closed'}}
      tokens.push({kind: 'string', value, line: startLine, column, start: i, end: j})
      i = j
      continue
    }
    if (NAME_START.test(ch)) {
      let j = i + 1
      while (j < n && NAME_PART.test(text[j])) j++
      tokens.push({kind: 'name', value: text.slice(i, j), line, column, start: i, end: j})
      i = j
      continue
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      let j = i + 1
      while (j < n && /[0-9A-Za-z_.]/.test(text[j])) j++
      tokens.push({kind: 'other', value: text.slice(i, j), line, column, start: i, end: j})
      i = j
      continue
    }
    const long = LONG_OP_START.has(ch) ? LONG_OPS.find((op) => text.startsWith(op, i)) : undefined
    const op = long ?? ch
    if (op === '(' || op === '[' || op === '{') depth++
    else if ((op === ')' || op === ']' || op === '}') && depth > 0) depth--
    tokens.push({kind: 'op', value: op, line, column, start: i, end: i + op.length})
    i += op.length
  }
  return {tokens}
}

/**
 * The escape at text[at] (a backslash) that ESCAPES does not hold: `\\xHH`, an octal `\\OOO` (1 to 3 digits), else the
 * backslash and the character after it, as written. Its decoded text and its length.
 */
function numericEscape(text: string, at: number): [string, number] {
  const hex = text[at + 1] === 'x' ? /^[0-9a-fA-F]{2}/.exec(text.slice(at + 2, at + 4)) : null
  if (hex) return [String.fromCharCode(Number.parseInt(hex[0], 16)), 4]
  const octal = /^[0-7]{1,3}/.exec(text.slice(at + 1, at + 4))
  if (octal) return [String.fromCharCode(Number.parseInt(octal[0], 8)), 1 + octal[0].length]
  return [text[at] + text[at + 1], 2]
}

const CLOSE: Record<string, string> = {')': '(', ']': '[', '}': '{'}

/**
 * For each opening bracket, the index of the one that closes it (-1 when none does): one pass with a stack. A
 * closing bracket of the wrong kind is a problem of the file; the brackets open before it are left unclosed.
 */
function matchBrackets(tokens: readonly Token[], problems: Problem[]): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1)
  const stack: number[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token.kind !== 'op') continue
    if (token.value === '(' || token.value === '[' || token.value === '{') stack.push(i)
    else if (CLOSE[token.value] !== undefined) {
      const open = stack.pop()
      if (open !== undefined && tokens[open].value === CLOSE[token.value]) match[open] = i
      else {
        problems.push({
          line: token.line,
          column: token.column,
          message: `"${token.value}" closes no bracket it matches`,
        })
        stack.length = 0
      }
    }
  }
  return match
}

/**
 * The calls of the functions named in `names`, wherever they are (a `def` body, a loop: their arguments say whether
 * they are literal). Not a method call (`x.helm(…)`) nor a definition (`def helm(…)`). Each token is looked at once
 * as an argument's own (nested brackets are jumped over), so nested calls cost no more than the text.
 */
export function callsOf(tokens: readonly Token[], names: ReadonlySet<string>): {calls: Call[]; problems: Problem[]} {
  const calls: Call[] = []
  const problems: Problem[] = []
  const match = matchBrackets(tokens, problems)
  for (let i = 0; i + 1 < tokens.length; i++) {
    const token = tokens[i]
    if (token.kind !== 'name' || !names.has(token.value)) continue
    const paren = tokens[i + 1]
    if (paren.kind !== 'op' || paren.value !== '(') continue
    const before = tokens[i - 1]
    if (
      before !== undefined &&
      ((before.kind === 'op' && before.value === '.') || (before.kind === 'name' && before.value === 'def'))
    )
      continue
    const close = match[i + 1]
    if (close < 0) {
      problems.push({line: token.line, column: token.column, message: `${token.value}( is not closed`})
      continue
    }
    const args: Argument[] = []
    let start = i + 2
    for (let j = start; j <= close; j++) {
      const t = tokens[j]
      if (j < close && t.kind === 'op' && match[j] > j) {
        j = match[j]
        continue
      }
      if (j === close || (t.kind === 'op' && t.value === ',')) {
        if (j > start) args.push(argument(tokens, start, j))
        start = j + 1
      }
    }
    calls.push({name: token.value, line: token.line, column: token.column, args})
  }
  return {calls, problems}
}

function argument(tokens: readonly Token[], start: number, end: number): Argument {
  const first = tokens[start]
  const second = tokens[start + 1]
  if (first.kind === 'name' && second?.kind === 'op' && second.value === '=' && end - start > 2)
    return {
      keyword: first.value,
      tokens,
      start: start + 2,
      end,
      line: tokens[start + 2].line,
      column: tokens[start + 2].column,
    }
  return {tokens, start, end, line: first.line, column: first.column}
}

/** The string an argument is, when it is one string literal. */
export function literalString(arg: Argument | undefined): Token | undefined {
  if (arg === undefined || arg.end - arg.start !== 1) return undefined
  const token = arg.tokens[arg.start]
  return token.kind === 'string' ? token : undefined
}

/** The strings of a literal list or tuple of strings (`['a', 'b']`, `('a',)`); undefined for anything else. */
export function literalStrings(arg: Argument | undefined): Token[] | undefined {
  if (arg === undefined || arg.end - arg.start < 2) return undefined
  const open = arg.tokens[arg.start]
  const close = arg.tokens[arg.end - 1]
  if (
    open.kind !== 'op' ||
    close.kind !== 'op' ||
    !((open.value === '[' && close.value === ']') || (open.value === '(' && close.value === ')'))
  )
    return undefined
  const strings: Token[] = []
  for (let k = arg.start + 1; k < arg.end - 1; k++) {
    const token = arg.tokens[k]
    if ((k - arg.start) % 2 === 1) {
      if (token.kind !== 'string') return undefined
      strings.push(token)
    } else if (token.kind !== 'op' || token.value !== ',') return undefined
  }
  return strings
}

/** One string literal as a list of it, or a literal list of strings (Tilt's `k8s_yaml('a')`, `k8s_yaml(['a', 'b'])`). */
export function literalStringOrList(arg: Argument | undefined): Token[] | undefined {
  const one = literalString(arg)
  return one ? [one] : literalStrings(arg)
}

/** The argument at `position` when positional, else the one of keyword `keyword`. */
export function argumentOf(call: Call, position: number, keyword: string): Argument | undefined {
  const named = call.args.find((arg) => arg.keyword === keyword)
  if (named !== undefined) return named
  const positional = call.args.filter((arg) => arg.keyword === undefined)
  return positional[position]
}

/*
 * readCalls: the top-level calls of a Starlark file (MODULE.bazel), their arguments read as literals: never run.
 * `tokenize` (newlines kept, brackets nested MAX_DEPTH deep at most), then the calls written at the start of a
 * statement (`name(`, at bracket depth 0, not after a `.`). MODULE.bazel has no `def`, `if` or `for` statements
 * (Bazel refuses them), so every such call is made. An argument is a literal when it is a string, a number,
 * `True`/`False`/`None`, or a list or tuple of literals.
 *
 * Beyond literals, a few expressions are evaluated as Starlark does (`evaluate` below): a top-level variable
 * (`BOOST_VERSION = "1.83.0"`) bound once before the line that uses it, `+` of strings or lists, `"…{}…".format(…)`,
 * `"…%s…" % …` of strings and `"sep".join([…])` of string literals. Anything else (another call, an index, a
 * conditional, a variable bound twice or later) is kept as `expr`, with its text, for the caller to report.
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

/** An argument of a call `readCalls` reads. */
export interface ValueArg extends Place {
  /** The keyword; undefined for a positional argument (`*args` and `**kwargs` are positional `expr`s). */
  key?: string
  value: Value
}

/** A top-level call `readCalls` reads. */
export interface ValueCall extends Place {
  name: string
  args: ValueArg[]
}

export interface StarlarkCalls {
  calls: ValueCall[]
  /** Calls inside an expression (`[bazel_dep(name = n) for n in names]`, a function's body is not Starlark here). */
  nested: Array<{name: string} & Place>
  /** The first syntax error: what follows it is not read. */
  error?: {message: string} & Place
}

/** `readCalls`' view of a token: brackets apart from operators, a string's source text beside its decoded value. */
interface ValueToken extends Place {
  kind: 'name' | 'string' | 'number' | 'op' | 'open' | 'close' | 'newline'
  text: string
  /** A string's decoded value. */
  value?: string
  start: number
  end: number
}

/** Python's (and Starlark's) limit on bracket nesting. */
const MAX_DEPTH = 200
const OPEN: Record<string, string> = {'(': ')', '[': ']', '{': '}'}

/**
 * The tokens of `tokenize`, newlines kept, as `readCalls` reads them; or the first syntax error (an unclosed string,
 * a bracket closing another's, brackets nested deeper than MAX_DEPTH, one never closed) and the tokens before it.
 */
function valueTokens(text: string): {tokens: ValueToken[]; error?: {message: string} & Place} {
  const {tokens: lexed, problem} = tokenize(text, {newlines: true})
  const tokens: ValueToken[] = []
  const closers: string[] = []
  const fail = (message: string, at: Place) => ({tokens, error: {message, line: at.line, column: at.column}})
  for (const token of lexed) {
    const {line, column, start, end} = token
    const ch = token.value
    if (token.kind === 'op' && OPEN[ch] !== undefined) {
      if (closers.length >= MAX_DEPTH) return fail(`brackets nested deeper than ${MAX_DEPTH}`, token)
      closers.push(OPEN[ch])
      tokens.push({kind: 'open', text: ch, line, column, start, end})
    } else if (token.kind === 'op' && (ch === ')' || ch === ']' || ch === '}')) {
      const expected = closers.pop()
      if (expected !== ch)
        return fail(expected ? `'${ch}' closes a bracket that '${expected}' should` : `'${ch}' closes nothing`, token)
      tokens.push({kind: 'close', text: ch, line, column, start, end})
    } else if (token.kind === 'string')
      tokens.push({kind: 'string', text: text.slice(start, end), value: token.value, line, column, start, end})
    else tokens.push({kind: token.kind === 'other' ? 'number' : token.kind, text: ch, line, column, start, end})
  }
  if (problem !== undefined) return fail('unterminated string', problem)
  if (closers.length > 0) {
    // At the end of the text.
    const lastLine = text.lastIndexOf('\n')
    let line = 1
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++
    return fail('a bracket is never closed', {line, column: text.length - lastLine})
  }
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
  tokens: ValueToken[]
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

/** `=` and the augmented assignments (each a rebinding). */
const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '//=', '%=', '&=', '|=', '^=', '<<=', '>>=', '**='])

function isStatementEnd(token: ValueToken): boolean {
  return token.kind === 'newline' || (token.kind === 'op' && token.text === ';')
}

/** The names bound more than once at the top level (each name left of a statement's `=`, `+=`, …). */
function reboundNames(tokens: ValueToken[]): Set<string> {
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
  const {tokens, error} = valueTokens(text)
  const reader: Reader = {text, tokens, scope: new Map(), rebound: reboundNames(tokens), budget: MAX_COMPUTED}
  const calls: ValueCall[] = []
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
function matching(tokens: ValueToken[], open: number): number | undefined {
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
function readArgs(reader: Reader, from: number, to: number): ValueArg[] {
  return splitAt(reader, from, to, ',')
    .filter(([start, end]) => end > start)
    .map(([start, end]) => readArg(reader, start, end))
}

function readArg(reader: Reader, from: number, to: number): ValueArg {
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
function isTuple(tokens: ValueToken[], from: number, to: number): boolean {
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
function join(reader: Reader, separator: string, args: ValueArg[]): string | undefined {
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
function format(reader: Reader, template: string, args: ValueArg[]): string | undefined {
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
