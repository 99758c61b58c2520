import {describe, expect, it} from 'vitest'
import {jsonChunks} from './json-stream.js'

function written(value: object): {text: string; chunks: number} {
  const chunks = [...jsonChunks(value)]
  return {text: chunks.join(''), chunks: chunks.length}
}

describe('jsonChunks', () => {
  it('writes the bytes of JSON.stringify(value, null, 2) and a line break', () => {
    const values: object[] = [
      {components: [{a: 1, b: [1, {c: 'x\ny'}], d: undefined}, {e: null}], skipped: [], errors: [{f: 'é'}], files: 3},
      {only: [undefined, () => 1, 'x']},
      {nested: {a: [1, 2]}, missing: undefined, text: 'a "quoted" line'},
      {},
      [1, [2]],
      {date: new Date(0)},
    ]
    for (const value of values) expect(written(value).text).toBe(`${JSON.stringify(value, null, 2)}\n`)
  })

  it('writes a large array a block of items at a time, in chunks that stay young-generation strings', () => {
    const value = {
      components: Array.from({length: 30_000}, (_, i) => ({
        name: `pkg-${i}`,
        text: 'x'.repeat(i % 300),
        locations: [{line: i}],
      })),
      errors: [],
      files: 1,
    }
    const chunks = [...jsonChunks(value)]
    const text = chunks.join('')
    expect(text).toBe(`${JSON.stringify(value, null, 2)}\n`)
    // Every chunk is well under V8's large-object size (128 KiB), and there are no more chunks than needed.
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(100 * 1024)
    expect(chunks.length).toBeLessThanOrEqual(Math.ceil(text.length / (24 * 1024)))
  })

  it('never ends a chunk inside a string, so each chunk is redacted with whole values', () => {
    const value = {
      components: Array.from({length: 5_000}, (_, i) => ({purl: `pkg:npm/p${i}@1.0.0`, note: 'a "quoted" \\ word'})),
      text: 'y'.repeat(200_000),
      lines: `${'line\n'.repeat(40_000)}`,
    }
    const chunks = [...jsonChunks(value)]
    expect(chunks.join('')).toBe(`${JSON.stringify(value, null, 2)}\n`)
    expect(chunks.length).toBeGreaterThan(10)
    // Outside a string, a chunk's quotes that are not escaped pair up.
    for (const chunk of chunks) expect(chunk.replaceAll(/\\./g, '').split('"').length % 2).toBe(1)
  })

  it('writes arrays inside objects a block at a time too (a resolution: one group per component)', () => {
    const value = {
      components: [],
      resolution: {
        groups: Array.from({length: 10_000}, (_, i) => ({name: `pkg-${i}`, text: 'x'.repeat(200)})),
        rate: 1,
      },
      nested: {deeper: {list: [1, [2, {a: []}]], empty: {}, none: []}},
    }
    const chunks = [...jsonChunks(value)]
    expect(chunks.join('')).toBe(`${JSON.stringify(value, null, 2)}\n`)
    expect(chunks.length).toBeGreaterThan(10)
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThan(100 * 1024)
      expect(chunk.split('"').length % 2).toBe(1)
    }
  })

  it('serialises items only as their chunks are asked for, at any depth (never the whole value at once)', () => {
    let serialised = 0
    const item = (i: number) => ({
      toJSON: () => {
        serialised++
        return {name: `pkg-${i}`, text: 'x'.repeat(100)}
      },
    })
    const value = {
      components: Array.from({length: 30_000}, (_, i) => item(i)),
      resolution: {groups: Array.from({length: 30_000}, (_, i) => item(i))},
    }
    const chunks = jsonChunks(value)
    chunks.next()
    expect(serialised).toBeGreaterThan(0)
    expect(serialised).toBeLessThan(1_000)
    let count = 1
    while (!chunks.next().done) {
      count++
      if (serialised > 30_000) break
    }
    // The first array is done, and the second has only begun.
    expect(serialised).toBeLessThan(31_000)
    expect(count).toBeGreaterThan(50)
  })
})
