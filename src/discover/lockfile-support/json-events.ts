/**
 * The events of jsonc-parser's `visit` that the position passes use (objects and arrays opened and closed, keys, literal
 * values, each with its 0-based line and character), made from jsonc-parser's scanner one token at a time with an
 * explicit stack. `visit` recurses once per level of nesting, so how deep a document it can walk depends on the stack
 * left when it is called: the same document could be placed differently from one run to the next. This walks any
 * depth in the same way. Only run on a document a reader has already read (its syntax known to be good).
 */
import {jsonc} from '../../core/lazy-require.js'

export interface JsonEvents {
  onObjectBegin?(line: number, character: number): void
  onObjectEnd?(): void
  onArrayBegin?(line: number, character: number): void
  onArrayEnd?(): void
  onObjectProperty?(property: string, line: number, character: number): void
  onLiteralValue?(line: number, character: number): void
}

/** jsonc-parser's SyntaxKind values (a const enum in its types, so not importable at run time). */
const OPEN_BRACE = 1
const CLOSE_BRACE = 2
const OPEN_BRACKET = 3
const CLOSE_BRACKET = 4
const COMMA = 5
const COLON = 6
const STRING = 10
const EOF = 17

/** Walks `text` (JSON, comments and trailing commas allowed), calling `events` in document order. */
export function scanJsonEvents(text: string, events: JsonEvents): void {
  const scanner = jsonc().createScanner(text, true)
  /** For each container open, innermost last: true for an array. */
  const arrays: boolean[] = []
  /** In an object, before a key (after `{` or `,`). */
  let expectKey = false
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE) {
      arrays.push(false)
      expectKey = true
      events.onObjectBegin?.(scanner.getTokenStartLine(), scanner.getTokenStartCharacter())
    } else if (token === OPEN_BRACKET) {
      arrays.push(true)
      expectKey = false
      events.onArrayBegin?.(scanner.getTokenStartLine(), scanner.getTokenStartCharacter())
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) {
      arrays.pop()
      expectKey = false
      if (token === CLOSE_BRACE) events.onObjectEnd?.()
      else events.onArrayEnd?.()
    } else if (token === COMMA) {
      expectKey = arrays.length > 0 && !arrays[arrays.length - 1]
    } else if (token === STRING && expectKey) {
      expectKey = false
      events.onObjectProperty?.(scanner.getTokenValue(), scanner.getTokenStartLine(), scanner.getTokenStartCharacter())
    } else if (token !== COLON) {
      events.onLiteralValue?.(scanner.getTokenStartLine(), scanner.getTokenStartCharacter())
    }
  }
}
