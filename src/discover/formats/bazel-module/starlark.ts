/**
 * The top-level calls of a Starlark file (MODULE.bazel), their arguments read as literals: never evaluated. A
 * linear tokenizer (strings in every quoting Starlark has, comments, brackets), then the calls written at the start of
 * a statement (`name(`, at bracket depth 0, not after a `.`). MODULE.bazel has no `def`, `if` or `for` statements
 * (Bazel refuses them), so every such call is made. An argument is a literal when it is a string, a number,
 * `True`/`False`/`None`, or a list or tuple of literals; anything else (a name, `+`, `%`, a call) is kept as `expr`,
 * with its text, for the caller to report.
 */

export interface Place {
  line: number
  column: number
}

export type Value =
  | ({kind: 'string'; value: string} & Place)
  | ({kind: 'bool'; value: boolean} & Place)
  | ({kind: 'none'} & Place)
  | ({kind: 'number'} & Place)
  | ({kind: 'list'; items: Value[]} & Place)
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

/** The top-level calls of the file, in order. */
export function readCalls(text: string): StarlarkCalls {
  const {tokens, error} = tokenize(text)
  const calls: Call[] = []
  const nested: StarlarkCalls['nested'] = []
  let depth = 0
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]
    if (token.kind === 'open') depth++
    else if (token.kind === 'close') depth--
    if (token.kind !== 'name') continue
    const next = tokens[t + 1]
    const previous = tokens[t - 1]
    if (next?.kind !== 'open' || next.text !== '(') continue
    if (previous !== undefined && previous.kind === 'op' && previous.text === '.') continue
    if (depth !== 0) {
      nested.push({name: token.text, line: token.line, column: token.column})
      continue
    }
    const end = matching(tokens, t + 1)
    if (end === undefined) break
    calls.push({name: token.text, line: token.line, column: token.column, args: readArgs(text, tokens, t + 2, end)})
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

/** The arguments between tokens[from] and tokens[to] (the closing bracket), split at top-level commas. */
function readArgs(text: string, tokens: Token[], from: number, to: number): Arg[] {
  const args: Arg[] = []
  let start = from
  let depth = 0
  for (let t = from; t <= to; t++) {
    const token = tokens[t]
    if (t < to && token.kind === 'open') depth++
    else if (t < to && token.kind === 'close') depth--
    if (t === to || (depth === 0 && token.kind === 'op' && token.text === ',')) {
      if (t > start) args.push(readArg(text, tokens, start, t))
      start = t + 1
    }
  }
  return args
}

function readArg(text: string, tokens: Token[], from: number, to: number): Arg {
  const first = tokens[from]
  const second = tokens[from + 1]
  if (first.kind === 'name' && second?.kind === 'op' && second.text === '=' && from + 2 < to)
    return {key: first.text, line: first.line, column: first.column, value: readValue(text, tokens, from + 2, to)}
  return {line: first.line, column: first.column, value: readValue(text, tokens, from, to)}
}

/** The literal tokens[from..to) writes, or an `expr` holding its text. */
function readValue(text: string, tokens: Token[], from: number, to: number): Value {
  const first = tokens[from]
  const place = {line: first.line, column: first.column}
  const expr = (): Value => ({kind: 'expr', text: text.slice(first.start, tokens[to - 1].end), ...place})
  if (to - from === 1) {
    if (first.kind === 'string') return {kind: 'string', value: first.value ?? '', ...place}
    if (first.kind === 'number') return {kind: 'number', ...place}
    if (first.kind === 'name' && (first.text === 'True' || first.text === 'False'))
      return {kind: 'bool', value: first.text === 'True', ...place}
    if (first.kind === 'name' && first.text === 'None') return {kind: 'none', ...place}
    return expr()
  }
  if (to - from === 2 && first.kind === 'op' && first.text === '-' && tokens[from + 1].kind === 'number')
    return {kind: 'number', ...place}
  const last = tokens[to - 1]
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
          const item = readValue(text, tokens, start, t)
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
  return expr()
}
