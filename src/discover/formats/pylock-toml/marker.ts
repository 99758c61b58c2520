/**
 * What a `packages.marker` of pylock.toml says about the selection an install makes: PEP 751 writes the extras and
 * dependency groups a package belongs to as marker clauses, `'<name>' in extras` and `'<name>' in dependency_groups`
 * (https://packaging.python.org/en/latest/specifications/pylock-toml/#packages-marker; the `extras` and
 * `dependency_groups` marker variables are sets, https://packaging.python.org/en/latest/specifications/dependency-specifiers/#environment-markers).
 * Every other clause (`sys_platform == 'win32'`, `python_version >= "3.9"`) is about the environment, unknown here.
 *
 * Parsed by hand (PEP 508's marker grammar: `or`, `and`, parentheses, `<var> <op> <var>`), by a tokenizer with
 * sticky, linear expressions and a recursive descent bounded by MAX_DEPTH; a marker longer than MAX_LENGTH is not
 * read. The selection question is answered by Kleene's three-valued logic, where an environment clause is unknown.
 */
import {normalizePypiName} from '../../../core/package-names.js'

export const MAX_LENGTH = 8192
const MAX_DEPTH = 64

/** A parsed marker: `or`/`and` of clauses; a clause on `extras`/`dependency_groups`, or on the environment. */
export type Marker =
  | {kind: 'or' | 'and'; items: Marker[]}
  | {kind: 'selection'; set: 'extras' | 'dependency_groups'; name: string; negated: boolean}
  | {kind: 'environment'}

type Token = {kind: 'string' | 'name' | 'op' | '(' | ')'; text: string}

const TOKEN = /\s*(?:'([^']*)'|"([^"]*)"|([A-Za-z_][A-Za-z0-9_.]*)|(===|==|!=|<=|>=|~=|<|>)|([()]))/y

function tokenize(written: string): Token[] | undefined {
  const text = written.trimEnd()
  const tokens: Token[] = []
  let at = 0
  while (at < text.length) {
    TOKEN.lastIndex = at
    const match = TOKEN.exec(text)
    if (match === null) return undefined
    at = TOKEN.lastIndex
    const [, single, double, name, op, paren] = match
    if (single !== undefined || double !== undefined) tokens.push({kind: 'string', text: single ?? double})
    else if (name !== undefined) tokens.push({kind: 'name', text: name})
    else if (op !== undefined) tokens.push({kind: 'op', text: op})
    else tokens.push({kind: paren as '(' | ')', text: paren})
  }
  return tokens
}

/** The marker, or undefined when it is not one (PEP 508 syntax), too long or too deeply nested. */
export function parseMarker(text: string): Marker | undefined {
  if (text.length > MAX_LENGTH) return undefined
  const tokenized = tokenize(text)
  if (tokenized === undefined || tokenized.length === 0) return undefined
  const tokens: Token[] = tokenized
  let at = 0
  const peek = () => tokens[at]
  const isWord = (word: string) => peek()?.kind === 'name' && peek()?.text === word

  function list(kind: 'or' | 'and', depth: number): Marker | undefined {
    const items: Marker[] = []
    for (;;) {
      const item = kind === 'or' ? list('and', depth) : expression(depth)
      if (item === undefined) return undefined
      items.push(item)
      if (!isWord(kind)) break
      at++
    }
    return items.length === 1 ? items[0] : {kind, items}
  }

  function value(): Token | undefined {
    const token = peek()
    if (token === undefined || (token.kind !== 'string' && token.kind !== 'name')) return undefined
    // Words that are operators or connectives are not variables.
    if (token.kind === 'name' && ['and', 'or', 'in', 'not'].includes(token.text)) return undefined
    at++
    return token
  }

  function expression(depth: number): Marker | undefined {
    if (depth > MAX_DEPTH) return undefined
    if (peek()?.kind === '(') {
      at++
      const inner = list('or', depth + 1)
      if (inner === undefined || peek()?.kind !== ')') return undefined
      at++
      return inner
    }
    const left = value()
    if (left === undefined) return undefined
    let operator: string
    if (peek()?.kind === 'op') operator = tokens[at++].text
    else if (isWord('in')) {
      at++
      operator = 'in'
    } else if (isWord('not') && tokens[at + 1]?.kind === 'name' && tokens[at + 1].text === 'in') {
      at += 2
      operator = 'not in'
    } else return undefined
    const right = value()
    if (right === undefined) return undefined
    if (
      left.kind === 'string' &&
      right.kind === 'name' &&
      (right.text === 'extras' || right.text === 'dependency_groups') &&
      (operator === 'in' || operator === 'not in')
    )
      return {kind: 'selection', set: right.text, name: normalizePypiName(left.text), negated: operator === 'not in'}
    return {kind: 'environment'}
  }

  const marker = list('or', 0)
  return marker !== undefined && at === tokens.length ? marker : undefined
}

/** Whether the marker names an extra or a dependency group anywhere. */
export function namesSelection(marker: Marker): boolean {
  if (marker.kind === 'selection') return true
  if (marker.kind === 'environment') return false
  return marker.items.some(namesSelection)
}

/** Three-valued: true, false, or unknown (undefined). */
type Truth = boolean | undefined

/**
 * A selection: the extras and the dependency groups an install asks for. A set given as `free` is any selection
 * (its clauses unknown): whether *some* choice of it makes the marker true.
 */
export interface Selection {
  extras: ReadonlySet<string> | 'free'
  groups: ReadonlySet<string> | 'free'
}

/** The marker's value for a selection, in some environment: false only when no environment makes it true. */
export function evaluate(marker: Marker, selection: Selection): Truth {
  switch (marker.kind) {
    case 'environment':
      return undefined
    case 'selection': {
      const set = marker.set === 'extras' ? selection.extras : selection.groups
      if (set === 'free') return undefined
      return set.has(marker.name) !== marker.negated
    }
    case 'and': {
      let result: Truth = true
      for (const item of marker.items) {
        const value = evaluate(item, selection)
        if (value === false) return false
        if (value === undefined) result = undefined
      }
      return result
    }
    case 'or': {
      let result: Truth = false
      for (const item of marker.items) {
        const value = evaluate(item, selection)
        if (value === true) return true
        if (value === undefined) result = undefined
      }
      return result
    }
  }
}
