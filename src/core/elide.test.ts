import {describe, expect, it} from 'vitest'
import {elide, MAX_MESSAGE} from './elide.js'

describe('elide', () => {
  it('keeps a text of at most the limit as it is (same string)', () => {
    const text = 'x'.repeat(MAX_MESSAGE)
    expect(elide(text)).toBe(text)
  })

  it('keeps the start and the end of a longer text, and counts what it leaves out', () => {
    const text = `invalid image reference "${'a'.repeat(100_000)}": must not be empty after the tag`
    const short = elide(text)
    expect(short.startsWith('invalid image reference "aaaa')).toBe(true)
    expect(short.endsWith('": must not be empty after the tag')).toBe(true)
    expect(short).toContain(`… (${text.length - MAX_MESSAGE} characters left out) …`)
    expect(elide('abcdefghij', 5)).toBe('abc… (5 characters left out) …ij')
  })

  it('never cuts a surrogate pair in two', () => {
    const text = `${'😀'.repeat(10)}`
    for (const max of [3, 4, 5, 6, 7]) {
      const short = elide(text, max)
      // No lone surrogate at either cut.
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(short), short).toBe(false)
    }
  })
})
