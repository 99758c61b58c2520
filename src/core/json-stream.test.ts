import {describe, expect, it} from 'vitest'
import {writeJson} from './json-stream.js'

function written(value: object): {text: string; chunks: number} {
  let text = ''
  let chunks = 0
  writeJson((chunk) => {
    text += chunk
    chunks++
  }, value)
  return {text, chunks}
}

describe('writeJson', () => {
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

  it('writes a large array in chunks of about a megabyte', () => {
    const value = {components: Array.from({length: 30_000}, (_, i) => ({name: `pkg-${i}`, locations: [{line: i}]}))}
    const {text, chunks} = written(value)
    expect(text).toBe(`${JSON.stringify(value, null, 2)}\n`)
    expect(chunks).toBe(Math.ceil(text.length / (1 << 20)))
  })

  it('writes a smaller value whole, in chunks that end at line breaks', () => {
    const value = {components: Array.from({length: 10_000}, (_, i) => ({name: `pkg-${i}`, text: 'x'.repeat(200)}))}
    const chunks: string[] = []
    writeJson((chunk) => chunks.push(chunk), value)
    expect(chunks.join('')).toBe(`${JSON.stringify(value, null, 2)}\n`)
    expect(chunks.length).toBeGreaterThan(1)
    for (const chunk of chunks) expect(chunk.endsWith('\n')).toBe(true)
  })
})
