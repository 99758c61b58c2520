/**
 * The calls of a Starlark file (a Tiltfile), read without evaluating anything: a tokenizer of Starlark's lexical
 * grammar (https://github.com/bazelbuild/starlark/blob/master/spec.md#lexical-elements: comments, string literals with
 * their prefixes, escapes and triple quotes, names, numbers, operators), then the calls of the functions asked for,
 * each argument kept as its tokens. An argument is a literal only when it is one string token, or a list or tuple of
 * them; anything else (a name, a concatenation, a call, a `%` format) is computed, and said so by the caller.
 * Hand-written and linear: one pass over the text, one over the tokens; no regular expression is tried at every
 * position of a line.
 */

export type Token =
  | {kind: 'string'; value: string; line: number; column: number}
  | {kind: 'name'; value: string; line: number; column: number}
  | {kind: 'op'; value: string; line: number; column: number}
  | {kind: 'other'; value: string; line: number; column: number}

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
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
}

export function tokenize(text: string): {tokens: Token[]; problem?: Problem} {
  const tokens: Token[] = []
  let line = 1
  let lineStart = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const ch = text[i]
    if (ch === '\n') {
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
      i += text[i + 1] === '\n' ? 1 : 2
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
          } else if (raw) value += c + next
          else value += ESCAPES[next] ?? c + next
          j += 2
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
      tokens.push({kind: 'string', value, line: startLine, column})
      i = j
      continue
    }
    if (NAME_START.test(ch)) {
      let j = i + 1
      while (j < n && NAME_PART.test(text[j])) j++
      tokens.push({kind: 'name', value: text.slice(i, j), line, column})
      i = j
      continue
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      let j = i + 1
      while (j < n && /[0-9A-Za-z_.]/.test(text[j])) j++
      tokens.push({kind: 'other', value: text.slice(i, j), line, column})
      i = j
      continue
    }
    const long = LONG_OP_START.has(ch) ? LONG_OPS.find((op) => text.startsWith(op, i)) : undefined
    const op = long ?? ch
    tokens.push({kind: 'op', value: op, line, column})
    i += op.length
  }
  return {tokens}
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

/** The argument at `position` when positional, else the one of keyword `keyword`. */
export function argumentOf(call: Call, position: number, keyword: string): Argument | undefined {
  const named = call.args.find((arg) => arg.keyword === keyword)
  if (named !== undefined) return named
  const positional = call.args.filter((arg) => arg.keyword === undefined)
  return positional[position]
}
