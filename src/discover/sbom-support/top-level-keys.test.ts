import {describe, expect, it} from 'vitest'
import {topLevelKeys} from './top-level-keys.js'

const MARKERS = new Set(['bomFormat', 'spdxVersion', '@context'])

/** The text cut into chunks of `size` characters, as a file is read. */
function chunked(text: string, size: number): string[] {
  const out: string[] = []
  for (let at = 0; at < text.length; at += size) out.push(text.slice(at, at + size))
  return out
}

const keysOf = (text: string, size = text.length || 1) => Object.fromEntries(topLevelKeys(chunked(text, size), MARKERS))

describe('topLevelKeys', () => {
  it('finds keys of the root object written with escapes, decoded, with their string values decoded', () => {
    const text = '{"components": [{"bomFormat": "nested"}], "bom\\u0046ormat": "Cyclone\\u0044X", "spec": 1}'
    expect(keysOf(text)).toEqual({bomFormat: ['CycloneDX']})
    expect(keysOf('{"\\u0040context": "https:\\/\\/spdx.org\\/rdf\\/3.0.1\\/spdx-context.jsonld"}')).toEqual({
      '@context': ['https://spdx.org/rdf/3.0.1/spdx-context.jsonld'],
    })
  })

  it('gives the same at every chunk size, an escape or a key cut between two chunks', () => {
    const text =
      '\uFEFF {"a": "x\\"}{[", "b": [1, {"spdxVersion": 2}], "spdx\\u0056ersion" :\n "SPDX-2.3", "@context": ["https://spdx.org/rdf/3.0.1/spdx-context.jsonld", {"x": "y"}, "z"]}'
    const whole = keysOf(text)
    expect(whole).toEqual({
      spdxVersion: ['SPDX-2.3'],
      '@context': ['https://spdx.org/rdf/3.0.1/spdx-context.jsonld', 'z'],
    })
    for (const size of [1, 2, 3, 5, 7, 16]) expect(keysOf(text, size)).toEqual(whole)
  })

  it('never counts a key nested deeper, one inside a string, or the key of a value that is no string', () => {
    expect(keysOf('{"a": {"bomFormat": "CycloneDX"}, "b": "\\"bomFormat\\": 1"}')).toEqual({})
    expect(keysOf('{"a": [{"bomFormat": "CycloneDX"}]}')).toEqual({})
    expect(keysOf('{"bomFormat": 7, "x": "CycloneDX"}')).toEqual({bomFormat: []})
    expect(keysOf('{"bomFormat": {"v": "CycloneDX"}}')).toEqual({bomFormat: []})
  })

  it('reads nothing of a root that is not an object, and nothing after the root object closes', () => {
    expect(keysOf('[{"bomFormat": "CycloneDX"}]')).toEqual({})
    expect(keysOf('"bomFormat"')).toEqual({})
    expect(keysOf('{"a": 1} {"bomFormat": "CycloneDX"}')).toEqual({})
    let read = 0
    function* chunks() {
      for (const chunk of ['{"a": 1}', ' {"bomFormat": "x"}', '{}']) {
        read++
        yield chunk
      }
    }
    expect(Object.fromEntries(topLevelKeys(chunks(), MARKERS))).toEqual({})
    expect(read).toBe(1)
  })

  it('keeps a bounded number of bounded strings (64 of 2,048 characters), and reads hostile text', () => {
    const many = `{"@context": [${Array.from({length: 100}, (_, i) => `"c${i}"`).join(', ')}], "bomFormat": "${'x'.repeat(5000)}"}`
    const found = keysOf(many)
    expect(found['@context']).toEqual(Array.from({length: 64}, (_, i) => `c${i}`))
    expect(found.bomFormat).toEqual([])
    // Unclosed strings, lone backslashes, deep nesting: no throw, no result (the time is the bench's, not a test's).
    const hostile = `{"a": ${'['.repeat(200_000)}"\\${'\\'.repeat(100_001)}\\u00zz`
    expect(keysOf(hostile, 65_536)).toEqual({})
  })
})
