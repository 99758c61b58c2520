/**
 * What a `conanfile.py` requires, from its string literals only (./python-tokens.ts; the file is never run): the
 * class attributes `requires`, `tool_requires`, `build_requires`, `test_requires` and `python_requires` written as a
 * string or a tuple or list of strings, and the calls `self.requires("…")`, `self.tool_requires("…")`,
 * `self.build_requires("…")`, `self.test_requires("…")` with a plain string as first argument (under any condition:
 * each is declared). A value that is not such a literal (an f-string, a name, an expression) is not guessed: it is
 * reported as not read. `self.requires(…, override=True)` only pins the version of an indirect dependency: left out.
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
    const argument = tokens[i + 4]
    if (!isPlain(argument)) {
      notRead.push({what, offset: name.offset})
      continue
    }
    const after = tokens[i + 5]
    if (after?.kind === 'op' && after.value === ',' && overrides(tokens, i + 6)) continue
    requirements.push({what, scope, text: argument.value.trim(), offset: argument.offset})
  }
  return {requirements, notRead}
}

/** The value of a class attribute, from `start` to the end of its logical line: strings in brackets, or not read. */
function attribute(
  tokens: PyToken[],
  start: number,
  name: string,
  scope: Scope,
  requirements: PyRequirement[],
  notRead: PyNotRead[],
): void {
  const found: PyRequirement[] = []
  for (let j = start; j < tokens.length && tokens[j].kind !== 'line'; j++) {
    const token = tokens[j]
    if (isPlain(token)) found.push({what: `${name} attribute`, scope, text: token.value.trim(), offset: token.offset})
    else if (!(token.kind === 'op' && '()[],'.includes(token.value))) {
      notRead.push({what: `${name} attribute`, offset: tokens[start]?.offset ?? 0})
      return
    }
  }
  requirements.push(...found)
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
