/**
 * The arguments of a method call (`gem 'rack', '~> 3.0', require: false`, `spec.add_dependency("x", [">= 1"])`),
 * read from ./lexer.ts's tokens: literal values (strings, symbols, `%w[]` lists, arrays of those, true/false/nil)
 * and keyword options; anything else is a value the file computes, kept as its span of text to quote. With
 * parentheses the arguments run to the closing one; without, to the end of the statement (a line break not after a
 * `,` or an operator, `;`, a modifier `if`/`unless`, a `do` block, an `end`). Nothing is evaluated.
 */
import {endsValue, isOp, type TemplatePart, type Token} from './lexer.js'

export interface LiteralItem {
  kind: 'string' | 'symbol'
  value: string
  /** Offset of the value's first character (inside its quotes). */
  offset: number
}

export type Literal =
  | LiteralItem
  | {kind: 'list'; items: LiteralItem[]; offset: number}
  /** true, false, nil, a number. */
  | {kind: 'constant'; value: string; offset: number}
  /** A value the file computes: its text's span; a lone interpolated string keeps its parts. */
  | {kind: 'computed'; offset: number; end: number; template?: TemplatePart[]}

export interface Call {
  positional: Literal[]
  /** Keyword options by name (a Map: option names come from the file). */
  options: Map<string, Literal>
  /** `**options`, or a key the file computes: which options the call has is not known. */
  unknownOptions?: {offset: number; end: number}
  /** Whether the arguments were in parentheses. */
  parenthesized: boolean
  /** The index of the first token after the call (its block's `do` or `{`, or what ends the statement). */
  next: number
  /** The tokens ended inside the call (or right after it): at a syntax error, what it says is not known. */
  cut: boolean
}

/** Where a run of arguments ends: the depth of its tokens, and whether a line break may end it. */
interface Frame {
  depth: number
  parenthesized: boolean
}

/** Keywords that end a call written without parentheses. */
const STATEMENT_ENDS = new Set(['do', 'end', 'if', 'unless', 'while', 'until', 'rescue', 'then', 'and', 'or'])

/** Keywords that open a block closed by `end` wherever they are: a value may be `case … end`, `begin … end`. */
const OPENERS = new Set(['case', 'begin', 'class', 'module', 'for', 'def', 'do'])

/**
 * Whether the keyword at `index` opens a block closed by `end`: `if`, `unless`, `while`, `until` unless they
 * modify what comes before them (`gem 'x' if y`), and `case`, `begin`, `class`, `module`, `for`, `do`, `def` (not an
 * endless one, `def name = value`).
 */
export function opensBlock(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index]
  if (token.kind !== 'ident' || !token.keyword) return false
  if (token.value === 'if' || token.value === 'unless' || token.value === 'while' || token.value === 'until')
    return !endsValue(tokens[index - 1])
  if (token.value === 'def') return !isEndlessDef(tokens, index)
  return OPENERS.has(token.value)
}

/** `def name = value`, `def name(args) = value`: a method without `end`. */
function isEndlessDef(tokens: readonly Token[], index: number): boolean {
  // The name: at most a few tokens (`self`, `.`, `name`, an operator), up to its parameters or the line's end.
  for (let at = index + 1; at < Math.min(tokens.length, index + 6); at++) {
    const token = tokens[at]
    if (token.kind === 'newline' || isOp(token, ';')) return false
    if (isOp(token, '=') && token.space) return true
    if (isOp(token, '(') && !token.space) {
      const close = closing(tokens, at, LOOKAHEAD)
      return close !== undefined && isOp(tokens[close + 1], '=')
    }
  }
  return false
}

/** How far a look ahead goes (a method's parameters, a `git_source` block): no further, however the file goes on. */
export const LOOKAHEAD = 256

/** The index of the bracket that closes the one at `index` within `limit` tokens, or undefined. */
export function closing(tokens: readonly Token[], index: number, limit: number): number | undefined {
  const depth = tokens[index].depth
  for (let at = index + 1; at < Math.min(tokens.length, index + limit); at++) {
    const token = tokens[at]
    if (token.depth === depth + 1 && token.kind === 'op' && /^[)\]}]$/.test(token.value)) return at
  }
  return undefined
}

function isCloser(token: Token): boolean {
  return token.kind === 'op' && (token.value === ')' || token.value === ']' || token.value === '}')
}

/** Whether `token` (after `previous`) ends the arguments read in `frame`. */
function endsArguments(token: Token | undefined, previous: Token | undefined, frame: Frame): boolean {
  if (token === undefined) return true
  if (token.depth !== frame.depth) return false
  if (isCloser(token)) return true
  if (frame.parenthesized) return false
  // A line break after an operator (`a ||`, `=>`) continues the statement.
  if (token.kind === 'newline') return !(previous?.kind === 'op' && !isCloser(previous))
  if (isOp(token, ';')) return true
  if (token.kind !== 'ident' || !token.keyword || !STATEMENT_ENDS.has(token.value)) return false
  // `if` after a complete value modifies the statement; after `,` or `=` it opens a value.
  return !['if', 'unless', 'while', 'until'].includes(token.value) || endsValue(previous)
}

/** Reads the arguments of a call whose method name is at `index - 1`. */
export function readCall(tokens: readonly Token[], index: number): Call {
  const open = tokens[index]
  const parenthesized = isOp(open, '(') && !open.space
  const frame: Frame = {
    depth: parenthesized ? open.depth + 1 : (tokens[index - 1]?.depth ?? 0),
    parenthesized,
  }
  const call: Call = {positional: [], options: new Map(), parenthesized, next: index, cut: false}
  let at = parenthesized ? index + 1 : index
  let comma = false
  for (;;) {
    // A line break may follow a `,`, and any inside parentheses.
    if (parenthesized || comma) at = skipNewlines(tokens, at)
    comma = false
    const token = tokens[at]
    if (token === undefined) break
    if (endsArguments(token, tokens[at - 1], frame)) {
      if (parenthesized && isOp(token, ')')) at++
      break
    }
    const after = readArgument(tokens, at, frame, call)
    if (isOp(tokens[after], ',') && tokens[after].depth === frame.depth) {
      at = after + 1
      comma = true
    }
    // Never the case but on input no statement has: a token no argument takes is passed over.
    else at = after > at ? after : at + 1
  }
  call.next = Math.min(at, tokens.length)
  call.cut = at >= tokens.length
  return call
}

function skipNewlines(tokens: readonly Token[], at: number): number {
  while (tokens[at]?.kind === 'newline') at++
  return at
}

/** One argument: a keyword option (`key: v`, `:key => v`, `"key" => v`), `**options`, or a positional value. */
function readArgument(tokens: readonly Token[], at: number, frame: Frame, call: Call): number {
  const token = tokens[at]
  const next = tokens[at + 1]
  const key =
    token.kind === 'label'
      ? {name: token.value, valueAt: at + 1, arrow: false}
      : token.kind === 'string' && isOp(next, ':') && !next.space
        ? {name: token.value, valueAt: at + 2, arrow: false}
        : (token.kind === 'string' || token.kind === 'symbol') && isOp(next, '=>')
          ? {name: token.value, valueAt: at + 2, arrow: true}
          : undefined
  if (key !== undefined) {
    // A line break may follow `=>`; after a label only inside parentheses (`f(a:)` omits the value).
    const valueAt = frame.parenthesized || key.arrow ? skipNewlines(tokens, key.valueAt) : key.valueAt
    const read = readValue(tokens, valueAt, frame)
    if (key.name === undefined) call.unknownOptions ??= {offset: token.start, end: tokens[read.next - 1].end}
    else call.options.set(key.name, read.literal)
    return read.next
  }
  if (isOp(token, '**') || isOp(token, '&')) {
    const end = skipExpression(tokens, at + 1, frame)
    if (isOp(token, '**')) call.unknownOptions ??= {offset: token.start, end: tokens[end - 1].end}
    return end
  }
  if (isOp(token, '{')) return readHash(tokens, at, frame, call)
  const read = readValue(tokens, at, frame)
  if (isOp(tokens[read.next], '=>') && tokens[read.next].depth === frame.depth) {
    // A key the file computes (`ENV['X'] => 1`): the options are not known.
    const value = readValue(tokens, skipNewlines(tokens, read.next + 1), frame)
    call.unknownOptions ??= {offset: token.start, end: tokens[value.next - 1].end}
    return value.next
  }
  call.positional.push(read.literal)
  return read.next
}

/** `{key: value, …}` given as the last argument: its entries are the call's options. */
function readHash(tokens: readonly Token[], at: number, frame: Frame, call: Call): number {
  const inner: Frame = {depth: tokens[at].depth + 1, parenthesized: true}
  let index = at + 1
  for (;;) {
    index = skipNewlines(tokens, index)
    const token = tokens[index]
    if (token === undefined) return index
    if (isOp(token, '}') && token.depth === inner.depth) {
      index++
      break
    }
    index = readArgument(tokens, index, inner, call)
    if (isOp(tokens[index], ',') && tokens[index].depth === inner.depth) index++
  }
  // `{…}.merge(other)`: computed after all.
  if (!endsArguments(tokens[index], tokens[index - 1], frame) && !isOp(tokens[index], ',')) {
    const end = skipExpression(tokens, index, frame)
    call.unknownOptions ??= {offset: tokens[at].start, end: tokens[end - 1].end}
    return end
  }
  return index
}

/** A value: a literal when it is one and ends there, else the span of what the file computes. */
function readValue(tokens: readonly Token[], at: number, frame: Frame): {literal: Literal; next: number} {
  const literal = readLiteral(tokens, at)
  if (literal !== undefined && endsValueIn(tokens, literal.next, frame)) return literal
  const end = skipExpression(tokens, at, frame)
  const first = tokens[at]
  if (first === undefined || end === at)
    return {literal: {kind: 'computed', offset: first?.start ?? 0, end: first?.start ?? 0}, next: end}
  const template =
    first.kind === 'string' && first.template && freezeEnd(tokens, at + 1) === end ? first.template : undefined
  return {
    literal: {kind: 'computed', offset: first.start, end: tokens[end - 1].end, ...(template ? {template} : {})},
    next: end,
  }
}

function endsValueIn(tokens: readonly Token[], start: number, frame: Frame): boolean {
  // Inside parentheses a line break may come before the `,` or the `)`.
  const at = frame.parenthesized ? skipNewlines(tokens, start) : start
  const token = tokens[at]
  if (token !== undefined && token.depth === frame.depth && (isOp(token, ',') || isOp(token, '=>'))) return true
  return endsArguments(token, tokens[at - 1], frame)
}

/** `.freeze` after a literal (generated gemspecs write `%q<rack>.freeze`): the literal still. */
function freezeEnd(tokens: readonly Token[], at: number): number {
  const next = tokens[at + 1]
  return isOp(tokens[at], '.') && next?.kind === 'ident' && next.value === 'freeze' ? at + 2 : at
}

/** A literal value at `at`, and the index after it; undefined when there is none there. */
function readLiteral(tokens: readonly Token[], at: number): {literal: Literal; next: number} | undefined {
  const token = tokens[at]
  if (token === undefined) return undefined
  if (token.kind === 'string' || token.kind === 'symbol') {
    const item = readItem(tokens, at)
    return item && {literal: item.item, next: item.next}
  }
  if (token.kind === 'words') {
    if (token.items.some((item) => item.value === undefined)) return undefined
    const kind = token.symbols ? 'symbol' : 'string'
    const items = token.items.map((item) => ({kind, value: item.value!, offset: item.offset}) as LiteralItem)
    return {literal: {kind: 'list', items, offset: token.start}, next: freezeEnd(tokens, at + 1)}
  }
  if ((token.kind === 'ident' && token.keyword && /^(true|false|nil)$/.test(token.value)) || token.kind === 'number')
    return {literal: {kind: 'constant', value: token.value, offset: token.start}, next: at + 1}
  if (isOp(token, '[')) return readArray(tokens, at)
  // `("name")`: a parenthesised literal.
  if (isOp(token, '(') && (tokens[at + 1]?.kind === 'string' || tokens[at + 1]?.kind === 'symbol')) {
    const item = readItem(tokens, at + 1)
    if (item && isOp(tokens[item.next], ')') && tokens[item.next].depth === token.depth + 1)
      return {literal: item.item, next: item.next + 1}
  }
  return undefined
}

/** A string (adjacent ones joined, as Ruby joins them) or a symbol, with `.freeze` read past. */
function readItem(tokens: readonly Token[], at: number): {item: LiteralItem; next: number} | undefined {
  const token = tokens[at]
  if (token.kind === 'symbol')
    return token.value === undefined
      ? undefined
      : {item: {kind: 'symbol', value: token.value, offset: token.start + 1}, next: at + 1}
  if (token.kind !== 'string' || token.value === undefined) return undefined
  let value = token.value
  let next = at + 1
  for (
    let following = tokens[next];
    following?.kind === 'string' && following.value !== undefined;
    following = tokens[next]
  ) {
    value += following.value
    next++
  }
  // A string that continues with an interpolated one is computed.
  if (tokens[next]?.kind === 'string') return undefined
  return {item: {kind: 'string', value, offset: token.bodyStart}, next: freezeEnd(tokens, next)}
}

/** `[a, b]` of strings or symbols (no nested arrays: those are read as computed). */
function readArray(tokens: readonly Token[], at: number): {literal: Literal; next: number} | undefined {
  const depth = tokens[at].depth + 1
  const items: LiteralItem[] = []
  let index = at + 1
  for (;;) {
    index = skipNewlines(tokens, index)
    const token = tokens[index]
    if (token === undefined) return undefined
    if (isOp(token, ']') && token.depth === depth)
      return {literal: {kind: 'list', items, offset: tokens[at].start}, next: freezeEnd(tokens, index + 1)}
    if (token.kind === 'words') {
      const list = readLiteral(tokens, index)
      if (list === undefined || list.literal.kind !== 'list') return undefined
      items.push(...list.literal.items)
      index = list.next
    } else {
      const item = token.kind === 'string' || token.kind === 'symbol' ? readItem(tokens, index) : undefined
      if (item === undefined) return undefined
      items.push(item.item)
      index = item.next
    }
    index = skipNewlines(tokens, index)
    if (isOp(tokens[index], ',') && tokens[index].depth === depth) index++
    else if (!(isOp(tokens[index], ']') && tokens[index].depth === depth)) return undefined
  }
}

/**
 * Past a value the file computes: to the `,` or the end of the arguments at the frame's depth, with the blocks it
 * opens (`if … end`, `do … end` inside brackets) read through. The index after it.
 */
export function skipExpression(tokens: readonly Token[], at: number, frame: Frame): number {
  let blocks = 0
  for (let index = at; index < tokens.length; index++) {
    const token = tokens[index]
    if (blocks === 0 && token.depth === frame.depth) {
      if (index > at && isOp(token, ',')) return index
      if (index > at && endsArguments(token, tokens[index - 1], frame)) return index
      if (index === at && (isCloser(token) || token.kind === 'newline' || isOp(token, ','))) return index
    }
    if (token.kind === 'ident' && token.keyword) {
      if (token.value === 'end') {
        if (blocks > 0) blocks--
      } else if (opensBlock(tokens, index)) blocks++
    }
  }
  return tokens.length
}

export type {Frame}
