import {describe, expect, it} from 'vitest'
import {linearRegex} from './linear-regex.js'

describe('linearRegex', () => {
  it('matches anywhere, as RegExp#test, with RE2 syntax (inline flags included)', () => {
    expect(linearRegex('\\[bot\\]').test('dependabot[bot]')).toBe(true)
    expect(linearRegex('^bot$').test('robot')).toBe(false)
    expect(linearRegex('(?i)^red hat').test('Red Hat Inc.')).toBe(true)
  })

  it('answers a pattern that backtracks for ever in JavaScript in linear time', () => {
    // /^(.*.*)*x$/.test('dev17@mail.example.net') did not return within minutes.
    expect(linearRegex('^(.*.*)*x$').test('dev17@mail.example.net')).toBe(false)
    expect(linearRegex('^(a+)+$').test(`${'a'.repeat(5000)}!`)).toBe(false)
  })

  it("refuses what RE2 does not read, with RE2's reason", () => {
    expect(() => linearRegex('a(?=b)')).toThrow(
      'not a regular expression RE2 reads: error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
    )
    expect(() => linearRegex('(a)\\1')).toThrow(/invalid escape sequence/)
  })
})
