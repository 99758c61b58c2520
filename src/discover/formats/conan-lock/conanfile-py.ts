/**
 * What a `conanfile.py` requires, from its string literals only (./python-tokens.ts; the file is never run): the
 * class attributes `requires`, `tool_requires`, `build_requires`, `test_requires` and `python_requires` written as a
 * string or a tuple or list of strings, and the calls `self.requires("…")`, `self.tool_requires("…")`,
 * `self.build_requires("…")`, `self.test_requires("…")` with a plain string as first argument (under any condition:
 * each is declared). A value that is not such a literal (an f-string, a name, an expression) is not guessed: it is
 * reported as not read. `self.requires(…, override=True)` only pins the version of an indirect dependency: left out,
 * as is Conan 1's `(reference, "override")` in the `requires` attribute. Adjacent literals are joined, as in Python.
 */
import type {Scope} from '../../../core/model.js'
import {type PyToken, tokenizePython} from './python-tokens.js'

const ATTRIBUTES: ReadonlyMap<string, Scope> = new Map([
  ['requires', 'prod'],
  ['tool_requires', 'dev'],
  ['build_requires', 'dev'],
  ['test_requires', 'dev'],
  ['python_requires', 'dev'],
])
const CALLS: ReadonlyMap<string, Scope> = new Map([
  ['requires', 'prod'],
  ['tool_requires', 'dev'],
  ['build_requires', 'dev'],
  ['test_requires', 'dev'],
])

export interface PyRequirement {
  /** `requires` attribute, `self.tool_requires()` call, ...: for messages. */
  what: string
  scope: Scope
  text: string
  offset: number
}

export interface PyNotRead {
  what: string
  offset: number
}

const isPlain = (token: PyToken | undefined): token is Extract<PyToken, {kind: 'string'}> =>
  token?.kind === 'string' && (token.prefix === '' || token.prefix === 'u' || token.prefix === 'U')

export function readConanfilePy(text: string): {requirements: PyRequirement[]; notRead: PyNotRead[]} {
  const tokens = tokenizePython(text)
  const requirements: PyRequirement[] = []
  const notRead: PyNotRead[] = []
  let pendingClass: number | undefined
  let classBody: number | undefined
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token.kind === 'line') {
      const indent = token.indent
      const first = tokens[i + 1]
      if (pendingClass !== undefined && indent > pendingClass) {
        classBody = indent
        pendingClass = undefined
      } else if (classBody !== undefined && indent < classBody) classBody = undefined
      if (first?.kind === 'name' && first.value === 'class') {
        pendingClass = indent
        classBody = undefined
        continue
      }
      const scope = first?.kind === 'name' ? ATTRIBUTES.get(first.value) : undefined
      if (scope === undefined || indent !== classBody || first?.kind !== 'name') continue
      const equals = tokens[i + 2]
      if (
        equals?.kind !== 'op' ||
        equals.value !== '=' ||
        (tokens[i + 3]?.kind === 'op' && (tokens[i + 3] as {value: string}).value === '=')
      )
        continue
      attribute(tokens, i + 3, first.value, scope, requirements, notRead)
      continue
    }
    // self . <call> ( <string> ...
    if (token.kind !== 'name' || token.value !== 'self') continue
    const dot = tokens[i + 1]
    const name = tokens[i + 2]
    const open = tokens[i + 3]
    if (dot?.kind !== 'op' || dot.value !== '.' || name?.kind !== 'name' || open?.kind !== 'op' || open.value !== '(')
      continue
    // `self.cpp_info.requires = ...` and `x.self.requires` are not calls of the recipe's own method.
    const before = tokens[i - 1]
    if (before?.kind === 'op' && before.value === '.') continue
    const scope = CALLS.get(name.value)
    if (scope === undefined) continue
    const what = `self.${name.value}()`
    // The first argument, whole: string literals only (adjacent ones joined, as Python joins them), then `,` or `)`.
    // `"openssl/" + v`, `"boost/{}".format(v)`, `"qt/%s" % v`, `a if c else b` are computed: not read.
    const argument = literal(tokens, i + 4)
    const after = argument === undefined ? undefined : tokens[argument.next]
    if (argument === undefined || after?.kind !== 'op' || (after.value !== ',' && after.value !== ')')) {
      notRead.push({what, offset: name.offset})
      continue
    }
    if (after.value === ',' && overrides(tokens, argument.next + 1)) continue
    requirements.push({what, scope, text: argument.text.trim(), offset: argument.offset})
  }
  return {requirements, notRead}
}

/** Adjacent plain string literals from `start`, joined; undefined when `start` is not one. */
function literal(tokens: PyToken[], start: number): {text: string; offset: number; next: number} | undefined {
  const first = tokens[start]
  if (!isPlain(first)) return undefined
  let text = first.value
  let next = start + 1
  for (let token = tokens[next]; isPlain(token); token = tokens[++next]) text += token.value
  return {text, offset: first.offset, next}
}

/** A value of a class attribute: a reference, or a list or tuple of values. */
type Value = {kind: 'reference'; text: string; offset: number} | {kind: 'group'; items: Value[]}

/**
 * The value of a class attribute, from `start` to the end of its logical line: references (string literals) in any
 * nesting of tuples and lists, or not read. Conan 1's `(reference, "override")` pins an indirect dependency's
 * version only (left out); `(reference, "private")` is a requirement (docs.conan.io/1: requires "modifiers").
 */
function attribute(
  tokens: PyToken[],
  start: number,
  name: string,
  scope: Scope,
  requirements: PyRequirement[],
  notRead: PyNotRead[],
): void {
  const what = `${name} attribute`
  let end = start
  while (end < tokens.length && tokens[end].kind !== 'line') end++
  const value = sequence(tokens, start, end, undefined, 0)
  if (value === undefined || value.next !== end) {
    notRead.push({what, offset: tokens[start]?.offset ?? 0})
    return
  }
  const visit = (item: Value): void => {
    if (item.kind === 'reference') requirements.push({what, scope, text: item.text.trim(), offset: item.offset})
    else if (isModified(item)) {
      if (item.items[1].kind === 'reference' && item.items[1].text.trim() !== 'override') visit(item.items[0])
    } else for (const inner of item.items) visit(inner)
  }
  visit(value.value)
}

/** `(reference, "override" | "private")`. */
function isModified(group: Extract<Value, {kind: 'group'}>): boolean {
  const [first, second] = group.items
  return (
    group.items.length === 2 &&
    first.kind === 'reference' &&
    second.kind === 'reference' &&
    (second.text.trim() === 'override' || second.text.trim() === 'private')
  )
}

/** Values separated by `,` up to `close` (or `end` at the top), nesting bounded; undefined for anything else. */
function sequence(
  tokens: PyToken[],
  start: number,
  end: number,
  close: string | undefined,
  depth: number,
): {value: Value; next: number} | undefined {
  if (depth > 32) return undefined
  const items: Value[] = []
  let j = start
  while (j < end) {
    const token = tokens[j]
    if (close !== undefined && token.kind === 'op' && token.value === close) break
    const string = literal(tokens, j)
    if (string !== undefined) {
      items.push({kind: 'reference', text: string.text, offset: string.offset})
      j = string.next
    } else if (token.kind === 'op' && (token.value === '(' || token.value === '[')) {
      const inner = sequence(tokens, j + 1, end, token.value === '(' ? ')' : ']', depth + 1)
      if (inner === undefined) return undefined
      items.push(inner.value)
      j = inner.next + 1
    } else return undefined
    const separator = tokens[j]
    if (j < end && separator.kind === 'op' && separator.value === ',') j++
    else if (!(j >= end || (close !== undefined && separator.kind === 'op' && separator.value === close)))
      return undefined
  }
  if (close !== undefined && !(j < end && tokens[j].kind === 'op' && (tokens[j] as {value: string}).value === close))
    return undefined
  // A value in parentheses alone is that value (`("a/1")` is a string, not a tuple).
  const value: Value = close === '(' && items.length === 1 ? items[0] : {kind: 'group', items}
  return {value, next: j}
}

/** Whether the keyword arguments from `start` (to the closing parenthesis) hold `override=True`. */
function overrides(tokens: PyToken[], start: number): boolean {
  let depth = 0
  for (let j = start; j < tokens.length && j < start + 200; j++) {
    const token = tokens[j]
    if (token.kind === 'op' && '([{'.includes(token.value)) depth++
    else if (token.kind === 'op' && ')]}'.includes(token.value)) {
      if (depth === 0) return false
      depth--
    } else if (depth === 0 && token.kind === 'name' && token.value === 'override') {
      const equals = tokens[j + 1]
      const value = tokens[j + 2]
      return equals?.kind === 'op' && equals.value === '=' && value?.kind === 'name' && value.value === 'True'
    }
  }
  return false
}
