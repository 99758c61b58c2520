import {describe, expect, it} from 'vitest'
import {formatPercent} from './percent.js'

describe('formatPercent', () => {
  it('writes one decimal, rounding half up on the decimal value', () => {
    expect(formatPercent(0.8415)).toBe('84.2%')
    expect(formatPercent(0.8414)).toBe('84.1%')
    expect(formatPercent(0.1245)).toBe('12.5%')
    expect(formatPercent(0.5)).toBe('50.0%')
    expect(formatPercent(1)).toBe('100.0%')
    expect(formatPercent(0)).toBe('0.0%')
    expect(formatPercent(2 / 3)).toBe('66.7%')
  })

  it('never shows a non-zero share as zero, nor a partial one as whole', () => {
    expect(formatPercent(0.0004)).toBe('<0.1%')
    expect(formatPercent(0.0005)).toBe('0.1%')
    expect(formatPercent(0.9996)).toBe('>99.9%')
    expect(formatPercent(0.9994)).toBe('99.9%')
  })

  it('says what is unknown', () => {
    expect(formatPercent(null)).toBe('unknown')
    expect(formatPercent(undefined, '-')).toBe('-')
    expect(formatPercent(Number.NaN, '-')).toBe('-')
  })
})
