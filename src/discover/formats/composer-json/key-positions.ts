/**
 * Where each key of some top-level objects of a JSON document is written (`require`'s package names). The shared
 * reader (../../lockfile-support/json-reader.ts) places objects only, and a requirement's value is a string: the keys
 * are placed here by jsonc-parser's event visitor, on text that reader has already read as valid JSON (so neither
 * depth nor syntax can fail here). Positions are jsonc-parser's, as the reader's are: 1-based line, and the column
 * of the key's opening quote.
 */
import {jsonc} from '../../../core/lazy-require.js'
import type {Position} from '../../lockfile-support/line-index.js'

/** For each of `sections` written as an object at the top level: its keys' positions (a key written twice: the last). */
export function topLevelKeyPositions(text: string, sections: ReadonlySet<string>): Map<string, Map<string, Position>> {
  const found = new Map<string, Map<string, Position>>()
  let depth = 0
  let section: string | undefined
  let current: Map<string, Position> | undefined
  const open = (isObject: boolean): void => {
    depth++
    if (depth !== 2) return
    // A section written twice: the reader keeps the last value, so its keys are the last object's.
    current = isObject && section !== undefined && sections.has(section) ? new Map() : undefined
    if (current !== undefined) found.set(section as string, current)
  }
  const close = (): void => {
    depth--
    if (depth < 2) current = undefined
  }
  try {
    jsonc().visit(
      text,
      {
        onObjectBegin: () => open(true),
        onArrayBegin: () => open(false),
        onObjectEnd: close,
        onArrayEnd: close,
        onObjectProperty(property, _offset, _length, line, character) {
          if (depth === 1) section = property
          else if (depth === 2) current?.set(property, {line: line + 1, column: character + 1})
        },
      },
      {disallowComments: true, allowTrailingComma: false, allowEmptyContent: false},
    )
  } catch (thrown) {
    // The reader refused deeper documents before this runs; should a small stack still give out, keys stay unplaced.
    if (!(thrown instanceof RangeError)) throw thrown
  }
  return found
}
