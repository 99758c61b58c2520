import {describe, expect, it} from 'vitest'
import {CHUNK, chunker, writeLines} from './chunks.js'

describe('writeLines', () => {
  it('writes every line with its line break, in chunks of whole lines no larger than CHUNK', () => {
    const lines = Array.from({length: 50_000}, (_, i) => `line ${i} ${'x'.repeat(i % 70)}`)
    const chunks: string[] = []
    writeLines((chunk) => chunks.push(chunk), lines)
    expect(chunks.join('')).toBe(`${lines.join('\n')}\n`)
    expect(chunks.length).toBeGreaterThan(10)
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(CHUNK)
      expect(chunk.endsWith('\n')).toBe(true)
    }
  })

  it('takes lines from any iterable, and writes nothing for none', () => {
    const chunks: string[] = []
    writeLines((chunk) => chunks.push(chunk), new Set(['a', 'b']).values())
    writeLines((chunk) => chunks.push(chunk), [])
    expect(chunks).toEqual(['a\nb\n'])
  })
})

describe('chunker', () => {
  it('never splits a text: one longer than CHUNK is a chunk of its own', () => {
    const chunks: string[] = []
    const out = chunker((chunk) => chunks.push(chunk))
    const long = 'y'.repeat(CHUNK * 2)
    out.put('a')
    out.put(long)
    out.put('b')
    out.end()
    expect(chunks).toEqual(['a', long, 'b'])
  })
})
