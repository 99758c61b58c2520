import {describe, expect, it} from 'vitest'
import {mergeSpellings, spellingKey} from './spelling.js'
import {compare} from '../core/compare.js'

describe('spellings', () => {
  it('folds case and whitespace', () => {
    expect(spellingKey('  Ant   Group ')).toBe('ant group')
    expect(spellingKey('STRASSE')).toBe(spellingKey('Straße'))
  })

  it('writes each group as its smallest variant in code-point order', () => {
    const merged = mergeSpellings(['ant group', 'Ant Group', 'ANT  group', 'Tencent', 'tencent', 'Other'])
    expect(Object.fromEntries(merged)).toEqual({
      'ant group': 'ANT  group',
      'Ant Group': 'ANT  group',
      'ANT  group': 'ANT  group',
      Tencent: 'Tencent',
      tencent: 'Tencent',
      Other: 'Other',
    })
  })

  it('orders spellings by code point, not by UTF-16 unit', () => {
    // U+FF21 (one unit, 0xFF21) is below U+1D400 (code point 0x1D400, units 0xD835 0xDC00).
    expect(compare('\uFF21', '\u{1D400}')).toBeLessThan(0)
    expect('\uFF21' < '\u{1D400}').toBe(false)
  })
})
