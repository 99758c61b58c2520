import {describe, expect, it} from 'vitest'
import {compare} from './compare.js'

describe('compare', () => {
  it('orders by code point, not by UTF-16 code unit', () => {
    expect(compare('\uFF21', '\u{1D400}')).toBeLessThan(0)
    expect(compare('\u{1D400}', '\uFF21')).toBeGreaterThan(0)
    expect('\u{1D400}' < '\uFF21').toBe(true)
  })
  it('is a total order agreeing with < on the BMP below U+D800, prefixes first', () => {
    const words = ['b', 'a', 'ab', '', 'A', 'é', 'z', 'aa']
    expect([...words].sort(compare)).toEqual(['', 'A', 'a', 'aa', 'ab', 'b', 'z', 'é'])
    expect(compare('x', 'x')).toBe(0)
  })
})
