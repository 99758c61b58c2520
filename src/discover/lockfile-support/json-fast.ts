/**
 * The fast path of ./json-reader.ts: strict JSON read by hand, with the same tree, positions, pruning (`skip`),
 * streaming (`consume`, `consumeItem`), forbidden and duplicate keys as the jsonc-parser visitor there, at a
 * fraction of the cost (issue #14: SBOMs of 10,000 components "in well under a second"; #16: npm lockfiles).
 * Written by hand because no maintained parser gives offsets with JSON.parse's speed: jsonc-parser's visitor makes a
 * callback, a token and a position object per token, and JSON.parse gives no offsets at all.
 *
 * It reads only plain, valid JSON (RFC 8259: whitespace is space, tab, line feed and carriage return) nested at
 * most FAST_MAX_DEPTH deep, and with `jsonc` the trailing commas of JSONC (bun.lock: 4.5 times the time of a
 * package-lock.json of its size when the visitor read every one), where arrays are placed too. Anything else — a syntax error, a BOM, a character jsonc-parser would take as
 * whitespace, deeper nesting — makes it give up (`undefined`), and the caller reads the text with the visitor,
 * whose errors and recovery are then exactly what they always were. The white space between tokens (the only place
 * valid JSON breaks lines) counts lines as it is read, as jsonc-parser counts them (`\n`, `\r\n`, a lone `\r`),
 * and a key's position is taken when the key is read. No table of line starts is kept: a 100 MB lockfile has
 * 3.2 million lines: the table took 16 MB, and as much again in the copies it grew through.
 */
import {bareObject} from '../../core/bare-object.js'
import type {JsonDocument, JsonObject, JsonValue, ReadJsonOptions} from './json-reader.js'
import type {Position} from '../../core/line-index.js'
import {isForbiddenKey} from './problems.js'

/** What the visitor gives (./json-reader.ts), but the syntax error: the fast reader gives up instead. */
export type FastJsonResult = Omit<JsonDocument, 'error'>

/** Deeper documents are left to the visitor (which reports hostile nesting as it always has). */
const FAST_MAX_DEPTH = 200

/**
 * What an array holds in place of an item `consumeItem` took (both readers; ./json-reader.ts exports it): an empty
 * object nobody can change.
 */
export const CONSUMED: JsonObject = Object.freeze(bareObject<JsonObject>())

class GiveUp extends Error {}
const GIVE_UP = new GiveUp()

const SKIPPED = Symbol('skipped')
type Container = JsonObject | JsonValue[] | typeof SKIPPED

const QUOTE = 0x22
const BACKSLASH = 0x5c
/** Characters a JSON string holds as they are. */
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y

export function readJsonFast(text: string, options: ReadJsonOptions = {}): FastJsonResult | undefined {
  const {skip, consume, consumeItem} = options
  // JSONC as Bun writes bun.lock: trailing commas, read here; a comment still makes the reader give up.
  const jsonc = options.jsonc === true
  // A Map, not a WeakMap (ephemerons cost the garbage collector dearly); consumed objects are never in it.
  const positions = new Map<JsonObject | JsonValue[], Position>()
  /**
   * With `consumeItem`: the containers placed in `positions` inside the array items being read, so that those of an
   * item the caller takes leave the Map with it (a Map keeps what it holds alive).
   */
  const placedInItems: Array<JsonObject | JsonValue[]> = []
  let openItems = 0
  const positionOf = (value: JsonObject | JsonValue[]): Position => positions.get(value) ?? {line: 1, column: 1}
  function setPosition(container: JsonObject | JsonValue[], at: Position): void {
    positions.set(container, at)
    if (openItems > 0) placedInItems.push(container)
  }
  const path: string[] = []
  const forbidden: Array<Position & {message: string}> = []
  const duplicates: Array<Position & {message: string; path: string[]}> = []
  const topLevelKeys = new Map<string, Position>()
  const length = text.length
  let i = 0
  // Line breaks occur only in white space in valid JSON: whitespace() counts them as it goes.
  let line = 1
  let lineStart = 0

  function fail(): never {
    throw GIVE_UP
  }

  function whitespace(): void {
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === 0x20 || c === 0x09) i++
      else if (c === 0x0a) {
        lineStart = ++i
        line++
      } else if (c === 0x0d) {
        // \r\n is one line break, a lone \r another (as jsonc-parser counts them).
        i += text.charCodeAt(i + 1) === 0x0a ? 2 : 1
        lineStart = i
        line++
      } else return
    }
  }

  /** Past the string at i (its opening quote); true when it holds an escape. */
  function endOfString(): boolean {
    let j = i + 1
    let escaped = false
    for (;;) {
      PLAIN_RUN.lastIndex = j
      PLAIN_RUN.test(text)
      j = PLAIN_RUN.lastIndex
      const c = text.charCodeAt(j)
      if (c === QUOTE) break
      if (c !== BACKSLASH) fail() // a control character, or the end of the text
      escaped = true
      j += 2
    }
    i = j + 1
    return escaped
  }

  function string(): string {
    const start = i
    if (!endOfString()) return text.slice(start + 1, i - 1)
    try {
      return JSON.parse(text.slice(start, i)) as string
    } catch {
      return fail()
    }
  }

  /** Past a string nobody reads: its escapes are still checked. */
  function skipString(): void {
    const start = i
    if (!endOfString()) return
    try {
      JSON.parse(text.slice(start, i))
    } catch {
      fail()
    }
  }

  function number(): number {
    const start = i
    if (text.charCodeAt(i) === 0x2d) i++
    const first = text.charCodeAt(i)
    if (first === 0x30) i++
    else if (first >= 0x31 && first <= 0x39) digits()
    else fail()
    if (text.charCodeAt(i) === 0x2e) {
      i++
      if (!isDigit(text.charCodeAt(i))) fail()
      digits()
    }
    const e = text.charCodeAt(i)
    if (e === 0x65 || e === 0x45) {
      i++
      const sign = text.charCodeAt(i)
      if (sign === 0x2b || sign === 0x2d) i++
      if (!isDigit(text.charCodeAt(i))) fail()
      digits()
    }
    return Number(text.slice(start, i))
  }

  function digits(): void {
    while (isDigit(text.charCodeAt(i))) i++
  }

  function word(expected: string): void {
    if (!text.startsWith(expected, i)) fail()
    i += expected.length
  }

  /** A literal at i (string, number, true, false, null). */
  function literal(): JsonValue {
    const c = text.charCodeAt(i)
    if (c === QUOTE) return string()
    if (c === 0x74) {
      word('true')
      return true
    }
    if (c === 0x66) {
      word('false')
      return false
    }
    if (c === 0x6e) {
      word('null')
      return null
    }
    return number()
  }

  function place(parent: Container | undefined, key: string | undefined, value: JsonValue): void {
    if (parent === undefined) root = value
    else if (Array.isArray(parent)) parent.push(value)
    else if (parent !== SKIPPED && key !== undefined) parent[key] = value
  }

  /**
   * The value at i, placed into its parent. `keyLine` and `keyColumn` are where the key that holds it starts (0 for
   * the root and array items); `skipped`: read past, nothing built, nothing reported (as the visitor's suppressed
   * callbacks).
   */
  function value(
    parent: Container | undefined,
    key: string | undefined,
    keyLine: number,
    keyColumn: number,
    skipped: boolean,
    depth: number,
  ): boolean {
    whitespace()
    const c = text.charCodeAt(i)
    if (c !== 0x7b && c !== 0x5b) {
      // A skipped string is checked, not built (as in skipContainer).
      if (skipped && c === QUOTE) skipString()
      else if (skipped) literal()
      else place(parent, key, literal())
      return false
    }
    if (depth >= FAST_MAX_DEPTH) fail()
    if (skipped) {
      skipContainer(depth)
      return false
    }
    const start = i
    i++
    if (c === 0x5b) {
      // Arrays of strict JSON are not placed here (JsonDocument.positionOf): a Map of every array would keep those of
      // consumed objects alive, and no strict-JSON format asks where an array is. bun.lock's entries are arrays.
      const array: JsonValue[] = []
      if (jsonc) setPosition(array, here(keyLine, keyColumn, start))
      place(parent, key, array)
      arrayItems(array, depth + 1)
      return false
    }
    const at = here(keyLine, keyColumn, start)
    const object = bareObject<JsonObject>()
    place(parent, key, object)
    if (consumeItem && Array.isArray(parent)) return item(parent, object, at, depth)
    properties(object, depth + 1)
    // A consumed object leaves the tree: its position is the consumer's, never kept here.
    if (consume && key !== undefined && parent !== undefined && parent !== SKIPPED && !Array.isArray(parent)) {
      if (consume(path, object, at)) {
        delete parent[key]
        return true
      }
    }
    setPosition(object, at)
    return false
  }

  /** An object that is an item of `array` (already placed last in it), offered to `consumeItem` once read. */
  function item(array: JsonValue[], object: JsonObject, at: Position, depth: number): false {
    const mark = placedInItems.length
    openItems++
    properties(object, depth + 1)
    openItems--
    if (consumeItem!(path, object, at, positionOf)) {
      // Taken: its slot holds CONSUMED, and what it holds leaves the Map.
      array[array.length - 1] = CONSUMED
      for (let k = mark; k < placedInItems.length; k++) positions.delete(placedInItems[k])
      placedInItems.length = mark
    } else setPosition(object, at)
    if (openItems === 0) placedInItems.length = 0
    return false
  }

  /** Where a container that starts at `start` is: its key's place, or its own for the root and array items. */
  function here(keyLine: number, keyColumn: number, start: number): Position {
    return keyLine > 0 ? {line: keyLine, column: keyColumn} : {line, column: start - lineStart + 1}
  }

  /** After a comma in JSONC: true (and past it) when the container closes there (`[1, 2,]`). */
  function closedAfterComma(close: number): boolean {
    whitespace()
    if (text.charCodeAt(i) !== close) return false
    i++
    return true
  }

  function arrayItems(array: JsonValue[], depth: number): void {
    whitespace()
    if (text.charCodeAt(i) === 0x5d) {
      i++
      return
    }
    for (;;) {
      value(array, undefined, 0, 0, false, depth)
      whitespace()
      const c = text.charCodeAt(i++)
      if (c === 0x2c) {
        if (jsonc && closedAfterComma(0x5d)) return
        continue
      }
      if (c === 0x5d) return
      fail()
    }
  }

  function properties(object: JsonObject, depth: number): void {
    whitespace()
    if (text.charCodeAt(i) === 0x7d) {
      i++
      return
    }
    /**
     * Keys read but not in the object (skipped or consumed): a later duplicate is still a duplicate. A few in a list,
     * more in a set (a lockfile's `packages` hides every entry it hands over).
     */
    let hidden: string[] | Set<string> | undefined
    for (;;) {
      whitespace()
      if (text.charCodeAt(i) !== QUOTE) fail()
      const keyLine = line
      const keyColumn = i - lineStart + 1
      const property = string()
      whitespace()
      if (text.charCodeAt(i++) !== 0x3a) fail()
      if (property in object || (Array.isArray(hidden) ? hidden.includes(property) : hidden?.has(property)))
        duplicates.push({
          line: keyLine,
          column: keyColumn,
          message: `duplicate key '${property}' (the last value is used)`,
          path: [...path, property],
        })
      path.push(property)
      let skipped: boolean
      if (isForbiddenKey(property)) {
        forbidden.push({line: keyLine, column: keyColumn, message: `forbidden key '${property}' ignored`})
        skipped = true
      } else {
        skipped = skip?.(path) ?? false
      }
      if (depth === 1 && path.length === 1) topLevelKeys.set(property, {line: keyLine, column: keyColumn})
      if (value(object, property, keyLine, keyColumn, skipped, depth) || skipped) {
        if (hidden === undefined) hidden = [property]
        else if (!Array.isArray(hidden)) hidden.add(property)
        else if (hidden.length < 8) hidden.push(property)
        else hidden = new Set([...hidden, property])
      }
      path.pop()
      whitespace()
      const c = text.charCodeAt(i++)
      if (c === 0x2c) {
        if (jsonc && closedAfterComma(0x7d)) return
        continue
      }
      if (c === 0x7d) return
      fail()
    }
  }

  /** Reads past the object or array at i, checking its syntax, building nothing. */
  function skipContainer(depth: number): void {
    const close = text.charCodeAt(i) === 0x7b ? 0x7d : 0x5d
    i++
    whitespace()
    if (text.charCodeAt(i) === close) {
      i++
      return
    }
    for (;;) {
      whitespace()
      if (close === 0x7d) {
        if (text.charCodeAt(i) !== QUOTE) fail()
        skipString()
        whitespace()
        if (text.charCodeAt(i++) !== 0x3a) fail()
        whitespace()
      }
      const c = text.charCodeAt(i)
      if (c === 0x7b || c === 0x5b) {
        if (depth + 1 >= FAST_MAX_DEPTH) fail()
        skipContainer(depth + 1)
      } else if (c === QUOTE) skipString()
      else literal()
      whitespace()
      const next = text.charCodeAt(i++)
      if (next === 0x2c) {
        if (jsonc && closedAfterComma(close)) return
        continue
      }
      if (next === close) return
      fail()
    }
  }

  let root: JsonValue | undefined
  try {
    value(undefined, undefined, 0, 0, false, 0)
    whitespace()
    if (i !== length) fail()
  } catch (thrown) {
    if (thrown === GIVE_UP || thrown instanceof RangeError) return undefined
    throw thrown
  }
  return {
    root: root as JsonValue,
    positionOf,
    forbiddenKeys: forbidden,
    duplicateKeys: duplicates,
    topLevelKeys,
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}
