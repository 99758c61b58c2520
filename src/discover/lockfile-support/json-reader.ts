import type {ParseErrorCode} from 'jsonc-parser'
import {jsonSyntaxWords} from '../../core/json-text.js'
import {jsonc} from '../../core/lazy-require.js'
import type {ScanError} from '../../core/model.js'
import {bareObject} from '../../core/bare-object.js'
import {holdingYoungGeneration} from '../../core/young-generation.js'
import {CONSUMED, readJsonFast} from './json-fast.js'
import type {Position} from '../../core/line-index.js'
import {isForbiddenKey, lockfileError} from './problems.js'

/**
 * What an array holds in place of an item `consumeItem` took (defined beside the fast reader, to keep it free of
 * imports from here).
 */
export {CONSUMED}

/**
 * JSON with positions, built on jsonc-parser's event visitor (JSON.parse gives no offsets).
 * - Objects are null-prototype records, so no key can reach Object.prototype; `__proto__` keys are dropped and reported.
 * - A key written twice in one object is reported (the last value is kept, as JSON.parse and npm keep it).
 * - `skip(path)` prunes subtrees before they are built: a 100 MB package-lock.json keeps only the fields we read.
 * - Strict JSON: comments and trailing commas are errors, as they are for npm and composer; `jsonc` allows both
 *   (Bun's bun.lock), and such a document is read by the visitor alone.
 * Valid plain JSON is read by the hand-written reader of ./json-fast.ts (the same tree, positions and problems, several
 * times faster); the visitor reads whatever that one gives up on, so errors and their recovery are the visitor's.
 */
export type JsonObject = {[key: string]: JsonValue}
export type JsonValue = string | number | boolean | null | JsonObject | JsonValue[]

export interface JsonProblem extends Position {
  message: string
}

export interface JsonDocument {
  root: JsonValue | undefined
  /**
   * Position of the key that holds this object (or of its `{` for the root and array items). Arrays are placed the
   * same way only in a document read with `jsonc` (by the visitor); the fast reader of strict JSON places objects only.
   */
  positionOf(value: JsonObject | JsonValue[]): Position
  /** First syntax error: the document must not be trusted when set. */
  error?: JsonProblem
  forbiddenKeys: JsonProblem[]
  /** Second and later occurrences of a key in the same object, with the key's path (array indices not in it). */
  duplicateKeys: Array<JsonProblem & {path?: readonly string[]}>
  /** Positions of the root object's keys (`lockfileVersion` errors point there). */
  topLevelKeys: Map<string, Position>
}

export interface ReadJsonOptions {
  /** Called with the key path of each object property (array indices are not in it); true drops its value unread. */
  skip?(path: readonly string[]): boolean
  /**
   * Called when an object that is a property value is complete; true means the caller took it and it is not kept
   * in the tree. Lets a 100 MB lockfile be read entry by entry.
   */
  consume?(path: readonly string[], value: JsonObject, position: Position): boolean
  /**
   * Called when an object that is an array item is complete, with the array's path (and the document's positions so
   * far, for objects inside it); true means the caller took it: the array keeps CONSUMED in its place, so the
   * other items keep their indices. Lets a large SBOM be read component by component.
   */
  consumeItem?(
    path: readonly string[],
    value: JsonObject,
    position: Position,
    positionOf: (value: JsonObject) => Position,
  ): boolean
  /**
   * Called when the fast reader (./json-fast.ts) gave up part way and the visitor reads the text again from the
   * start: whatever `consume` took so far must be dropped (as XmlOptions.restart for the XML readers).
   */
  restart?(): void
  /** JSON with comments and trailing commas (JSONC), as Bun writes bun.lock. */
  jsonc?: boolean
}

const SKIPPED = Symbol('skipped')

/**
 * Nesting past this is an error at the container that goes past it. The same place on every run, where a stack
 * overflow (jsonc-parser recurses per level, about 5,000 here) happens where the stack and the JIT make it happen.
 */
const MAX_DEPTH = 1000
const TOO_DEEP = new Error('too deep')
type Container = JsonObject | JsonValue[] | typeof SKIPPED

export function readJson(text: string, given: ReadJsonOptions = {}): JsonDocument {
  // A document handed over entry by entry is one long parse: the young generation is held as it goes.
  const {consume, consumeItem} = given
  const options: ReadJsonOptions = {
    ...given,
    ...(consume ? {consume: holdingYoungGeneration(consume)} : {}),
    ...(consumeItem ? {consumeItem: holdingYoungGeneration(consumeItem)} : {}),
  }
  // The fast reader reads strict JSON, and JSONC's trailing commas when asked: it gives up at a comment.
  const fast = readJsonFast(text, options)
  if (fast) return fast
  options.restart?.()
  return readJsonWithVisitor(text, options)
}

/** The reference reader (jsonc-parser's visitor): every document the fast path gives up on. */
export function readJsonWithVisitor(text: string, options: ReadJsonOptions = {}): JsonDocument {
  // jsonc-parser recurses once per level, also through what the caller skips unread: how deep it gets before the
  // stack gives out depends on the stack left, so a document past MAX_DEPTH anywhere is refused before it is walked,
  // the same way every time.
  const deep = deeperThan(text, MAX_DEPTH, options.jsonc === true)
  if (deep !== undefined)
    return {
      root: undefined,
      positionOf: () => ({line: 1, column: 1}),
      error: {...deep, message: `invalid JSON: nested deeper than ${MAX_DEPTH} levels`},
      forbiddenKeys: [],
      duplicateKeys: [],
      topLevelKeys: new Map(),
    }
  const positions = new WeakMap<JsonObject | JsonValue[], Position>()
  const stack: Container[] = []
  /** Keys of an object on the stack that are not in it: skipped unread, or consumed by the caller. */
  const hidden = new Map<JsonObject, Set<string>>()
  const path: string[] = []
  let root: JsonValue | undefined
  let pendingKey: string | undefined
  let pendingPosition: Position | undefined
  let skipValue = false
  let error: JsonProblem | undefined
  const forbiddenKeys: JsonProblem[] = []
  const duplicateKeys: Array<JsonProblem & {path: string[]}> = []
  const topLevelKeys = new Map<string, Position>()
  const positionOf = (value: JsonObject | JsonValue[]): Position => positions.get(value) ?? {line: 1, column: 1}

  /** Places a value into its parent (or as the root). */
  function place(value: JsonValue): void {
    const parent = stack[stack.length - 1]
    if (parent === undefined) root = value
    else if (Array.isArray(parent)) parent.push(value)
    else if (parent !== SKIPPED && pendingKey !== undefined) parent[pendingKey] = value
  }

  function beginContainer(container: JsonObject | JsonValue[], line: number, character: number): boolean {
    if (stack.length >= MAX_DEPTH) {
      error ??= {line: line + 1, column: character + 1, message: `invalid JSON: nested deeper than ${MAX_DEPTH} levels`}
      throw TOO_DEEP
    }
    if (skipValue) {
      skipValue = false
      pendingKey = undefined
      pendingPosition = undefined
      stack.push(SKIPPED)
      return false
    }
    positions.set(container, pendingPosition ?? {line: line + 1, column: character + 1})
    place(container)
    stack.push(container)
    pendingKey = undefined
    pendingPosition = undefined
    return true
  }

  function endContainer(): void {
    const container = stack.pop()
    const parent = stack[stack.length - 1]
    if (options.consume && isJsonObject(container as JsonValue) && isJsonObject(parent as JsonValue)) {
      const object = container as JsonObject
      if (options.consume(path, object, positions.get(object)!)) {
        delete (parent as JsonObject)[path[path.length - 1]]
        hide(parent as JsonObject, path[path.length - 1])
      }
    }
    if (options.consumeItem && isJsonObject(container as JsonValue) && Array.isArray(parent)) {
      const object = container as JsonObject
      if (options.consumeItem(path, object, positions.get(object)!, positionOf)) parent[parent.length - 1] = CONSUMED
    }
    if (isJsonObject(container as JsonValue)) hidden.delete(container as JsonObject)
    // The container was the value of a property (not an array item): its key leaves the path.
    if (!Array.isArray(stack[stack.length - 1])) path.pop()
  }

  try {
    jsonc().visit(
      text,
      {
        onObjectBegin: (_offset, _length, line, character) => beginContainer(bareObject<JsonObject>(), line, character),
        onArrayBegin: (_offset, _length, line, character) => beginContainer([], line, character),
        onObjectEnd: endContainer,
        onArrayEnd: endContainer,
        onObjectProperty(property, _offset, _length, line, character) {
          pendingKey = property
          pendingPosition = {line: line + 1, column: character + 1}
          const parent = stack[stack.length - 1]
          if (parent !== SKIPPED && parent !== undefined && !Array.isArray(parent)) {
            if (property in parent || hidden.get(parent)?.has(property))
              duplicateKeys.push({
                ...pendingPosition,
                message: `duplicate key '${property}' (the last value is used)`,
                path: [...path, property],
              })
          }
          if (isForbiddenKey(property)) {
            forbiddenKeys.push({...pendingPosition, message: `forbidden key '${property}' ignored`})
            skipValue = true
          } else {
            skipValue = options.skip?.([...path, property]) ?? false
          }
          if (skipValue && parent !== SKIPPED && parent !== undefined && !Array.isArray(parent)) hide(parent, property)
          path.push(property)
          if (path.length === 1 && stack.length === 1) topLevelKeys.set(property, pendingPosition)
        },
        onLiteralValue(value: JsonValue) {
          if (!skipValue) place(value)
          skipValue = false
          pendingKey = undefined
          pendingPosition = undefined
          if (!Array.isArray(stack[stack.length - 1])) path.pop()
        },
        onError(code: ParseErrorCode, _offset, _length, line, character) {
          error ??= {
            line: line + 1,
            column: character + 1,
            message: `invalid JSON: ${jsonSyntaxWords(code)}`,
          }
        },
      },
      {disallowComments: !options.jsonc, allowTrailingComma: options.jsonc === true, allowEmptyContent: false},
    )
  } catch (thrown) {
    // Past MAX_DEPTH; or, should a small stack give out first, a stack overflow (jsonc-parser recurses per level).
    if (thrown !== TOO_DEEP && !(thrown instanceof RangeError)) throw thrown
    error ??= {line: 1, column: 1, message: 'invalid JSON: nesting too deep'}
  }
  if (root === undefined && error === undefined) error = {line: 1, column: 1, message: 'invalid JSON: empty document'}
  return {
    root,
    positionOf,
    error,
    forbiddenKeys,
    duplicateKeys,
    topLevelKeys,
  }

  function hide(object: JsonObject, key: string): void {
    const keys = hidden.get(object)
    if (keys) keys.add(key)
    else hidden.set(object, new Set([key]))
  }
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export type LockfileJson =
  | {
      ok: true
      document: JsonDocument
      root: JsonObject /** `forbidden-key` errors, reported beside the components. */
      errors: ScanError[]
    }
  | {
      ok: false /** Why nothing can be read: `invalid-json`, or `invalid-lockfile` for a root that is not an object. */
      errors: ScanError[]
    }

export interface LockfileJsonOptions extends ReadJsonOptions {
  /**
   * Whether a duplicate key at this path is an error (default: every one, as in a lockfile). A manifest whose tool reads
   * it with a last-wins parser (npm's JSON.parse, Composer's json_decode), as this reader does, need report only the
   * keys that change what it lists: a key written twice elsewhere changes nothing it says.
   */
  duplicateMatters?(path: readonly string[]): boolean
}

/** The opening steps every JSON lockfile shares: syntax errors, forbidden keys, and a root that must be an object. */
export function readLockfileJson(file: string, text: string, options: LockfileJsonOptions = {}): LockfileJson {
  const document = readJson(text, options)
  if (document.error) {
    const {line, column, message} = document.error
    return {ok: false, errors: [lockfileError(file, 'invalid-json', message, line, column)]}
  }
  const root = document.root
  if (!isJsonObject(root))
    return {ok: false, errors: [lockfileError(file, 'invalid-lockfile', 'expected a JSON object', 1, 1)]}
  const errors = [
    ...document.forbiddenKeys.map(({line, column, message}) =>
      lockfileError(file, 'forbidden-key', message, line, column),
    ),
    ...document.duplicateKeys
      .filter((duplicate) => duplicate.path === undefined || (options.duplicateMatters?.(duplicate.path) ?? true))
      .map(({line, column, message}) => lockfileError(file, 'duplicate-key', message, line, column)),
  ]
  return {ok: true, document, root, errors}
}

/**
 * Where `text` first opens a container more than `max` deep (1-based line and column), or undefined: one pass that
 * skips strings, and comments when `jsonc`. Syntax is not checked here (the reader does that).
 */
function deeperThan(text: string, max: number, jsonc: boolean): Position | undefined {
  let depth = 0
  let line = 1
  let lineStart = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) {
      line++
      lineStart = i + 1
    } else if (c === 34) {
      // A string: to its closing quote (a backslash escapes the next character; a string does not span lines).
      for (i++; i < text.length && text.charCodeAt(i) !== 34 && text.charCodeAt(i) !== 10; i++)
        if (text.charCodeAt(i) === 92) i++
      if (text.charCodeAt(i) === 10) i--
    } else if (jsonc && c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10) i++
    } else if (jsonc && c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2)
      const stop = end < 0 ? text.length : end + 2
      for (let j = i; j < stop; j++)
        if (text.charCodeAt(j) === 10) {
          line++
          lineStart = j + 1
        }
      i = stop - 1
    } else if (c === 91 || c === 123) {
      if (++depth > max) return {line, column: i - lineStart + 1}
    } else if (c === 93 || c === 125) depth--
  }
  return undefined
}
