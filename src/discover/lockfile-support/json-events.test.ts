import {describe, expect, it} from 'vitest'
import {jsonc} from '../../core/lazy-require.js'
import {type JsonEvents, scanJsonEvents} from './json-events.js'

/** The events as one list of strings, from either walker. */
function recorder(): {events: JsonEvents; seen: string[]} {
  const seen: string[] = []
  return {
    seen,
    events: {
      onObjectBegin: (line, character) => seen.push(`{ ${line}:${character}`),
      onObjectEnd: () => seen.push('}'),
      onArrayBegin: (line, character) => seen.push(`[ ${line}:${character}`),
      onArrayEnd: () => seen.push(']'),
      onObjectProperty: (property, line, character) =>
        seen.push(`key ${JSON.stringify(property)} ${line}:${character}`),
      onLiteralValue: (line, character) => seen.push(`value ${line}:${character}`),
    },
  }
}

function visited(text: string): string[] {
  const {events, seen} = recorder()
  jsonc().visit(
    text,
    {
      onObjectBegin: (_o, _l, line, character) => events.onObjectBegin?.(line, character),
      onObjectEnd: () => events.onObjectEnd?.(),
      onArrayBegin: (_o, _l, line, character) => events.onArrayBegin?.(line, character),
      onArrayEnd: () => events.onArrayEnd?.(),
      onObjectProperty: (property, _o, _l, line, character) => events.onObjectProperty?.(property, line, character),
      onLiteralValue: (_v, _o, _l, line, character) => events.onLiteralValue?.(line, character),
    },
    {allowTrailingComma: true},
  )
  return seen
}

function scanned(text: string): string[] {
  const {events, seen} = recorder()
  scanJsonEvents(text, events)
  return seen
}

describe('scanJsonEvents', () => {
  it("gives jsonc-parser's visit events, in order, with the same lines and characters", () => {
    const documents = [
      '{"a": 1, "b": [true, null, "x", {"c": "d"}], "e": {}}',
      '{\n  // a comment\n  "image": "x", /* another */\n  "features": {"f": {}, "g": {"o": [1, 2,],},},\n}\n',
      '[1, [2, [3, {"k": [], "l": {"m": -1.5e3}}]], "s\\"t"]',
      '"alone"',
      '{"é": "ü", "\\u0041": {"": ""}}',
    ]
    for (const text of documents) expect(scanned(text), text).toEqual(visited(text))
    // Random documents: nested objects and arrays of literals, keys and values.
    let seed = 7
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    const value = (depth: number): unknown => {
      const pick = random()
      if (depth > 4 || pick < 0.4) return [1, 'x', true, null, 2.5][Math.floor(random() * 5)]
      if (pick < 0.7) return Array.from({length: Math.floor(random() * 4)}, () => value(depth + 1))
      return Object.fromEntries(Array.from({length: Math.floor(random() * 4)}, (_, i) => [`k${i}`, value(depth + 1)]))
    }
    for (let i = 0; i < 200; i++) {
      const text = JSON.stringify({root: value(0)}, null, i % 2 === 0 ? 2 : undefined)
      expect(scanned(text), text).toEqual(visited(text))
    }
  })

  it('walks any depth the same way, where the visitor depends on the stack left', () => {
    const depth = 200_000
    const seen = scanned(`{"deep": ${'['.repeat(depth)}${']'.repeat(depth)}, "image": "x"}`)
    expect(seen.length).toBe(2 + 2 * depth + 3)
    expect(seen.slice(-3)).toEqual(['key "image" 0:400011', 'value 0:400020', '}'])
  })
})
