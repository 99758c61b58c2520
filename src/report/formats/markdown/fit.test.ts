import {describe, expect, it} from 'vitest'
import {fitLines} from './fit.js'

describe('fitLines', () => {
  const lines = [
    '# title',
    '',
    '<details>',
    '<summary>more</summary>',
    '',
    ...Array.from({length: 50}, (_, i) => `- item ${i}`),
    '',
    '</details>',
  ]

  it('leaves a document that fits untouched', () => {
    expect(fitLines(lines, 10_000, 'cut')).toEqual({text: `${lines.join('\n')}\n`, truncated: false})
  })

  it('cuts at a line, closes open details and appends the note, within the limit', () => {
    const {text, truncated} = fitLines(lines, 200, '> cut')
    expect(truncated).toBe(true)
    expect(text.length).toBeLessThanOrEqual(200)
    expect(text.endsWith('\n\n</details>\n\n> cut\n')).toBe(true)
    expect(text.match(/<details>/g)).toHaveLength(1)
    expect(text.match(/<\/details>/g)).toHaveLength(1)
    expect(text).toContain('- item 0\n')
  })
})
