/**
 * Where each key of some top-level objects of a JSON document is written (`"dependencies": {"a": "^1"}` → where `"a"`
 * starts), for the manifests whose entries are strings (package.json, composer.json). The shared reader
 * (./json-reader.ts) places objects only, and a dependency's value is a string: a second pass (./json-events.ts), which gives every key's line and column, takes them. Only
 * run on a document the shared reader has read, so its syntax is known to be good; a key written twice is where it
 * was last written, as its value is the last one.
 */
import {scanJsonEvents} from './json-events.js'
import type {Position} from '../../core/line-index.js'
import {isForbiddenKey} from './problems.js'

/** Top-level key (one of `sections`) → key of its object → position (1-based line and column of the key's `"`). */
export function keyPositions(text: string, sections: ReadonlySet<string>): Map<string, Map<string, Position>> {
  const found = new Map<string, Map<string, Position>>()
  // Containers open: 1 inside the root object, 2 inside one of its values.
  let depth = 0
  let pending: string | undefined
  let section: Map<string, Position> | undefined
  const open = (isObject: boolean) => {
    depth++
    if (depth === 2 && isObject && pending !== undefined) {
      section = new Map()
      found.set(pending, section)
    }
    pending = undefined
  }
  const close = () => {
    if (depth === 2) section = undefined
    depth--
  }
  scanJsonEvents(text, {
    onObjectBegin: () => open(true),
    onArrayBegin: () => open(false),
    onObjectEnd: close,
    onArrayEnd: close,
    onObjectProperty(property, line, character) {
      if (depth === 1) pending = sections.has(property) ? property : undefined
      else if (depth === 2 && section !== undefined && !isForbiddenKey(property))
        section.set(property, {line: line + 1, column: character + 1})
    },
    onLiteralValue() {
      pending = undefined
    },
  })
  return found
}
