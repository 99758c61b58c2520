import {describe, expect, it} from 'vitest'
import {thousands} from './figures.js'

describe('thousands', () => {
  it('writes whole numbers as toLocaleString("en-US") does, without ICU', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 100_000, 1_000_000, 123_456_789, -1234, -999, Number.MAX_SAFE_INTEGER])
      expect(thousands(n), String(n)).toBe(n.toLocaleString('en-US'))
  })

  it('leaves what is no safe integer as String writes it', () => {
    expect(thousands(1.5)).toBe('1.5')
    expect(thousands(Number.NaN)).toBe('NaN')
  })
})
