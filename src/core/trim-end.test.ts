import {describe, expect, it} from 'vitest'
import {trimEnd} from './trim-end.js'

describe('trimEnd', () => {
  it('drops the run of given characters at the end, as /[…]+$/ does', () => {
    const cases = ['', '/', '//', 'a/', 'a//', 'a/b', 'a/b//', '///a', 'a.;', 'x;.;y', 'é/']
    for (const text of cases) {
      expect(trimEnd(text, '/'), text).toBe(text.replace(/\/+$/, ''))
      expect(trimEnd(text, '.;'), text).toBe(text.replace(/[.;]+$/, ''))
    }
    // Keeps what the caller asks for at the start: the root path stays.
    expect(trimEnd('/', '/', 1)).toBe('/')
    expect(trimEnd('a///', '/', 1)).toBe('a')
    for (const text of [' a \t\n', '\u00a0x\u2003', 'a\u3000 ', '  '])
      expect(trimEnd(text, /\s/), JSON.stringify(text)).toBe(text.replace(/\s+$/, ''))
  })

  it('keeps a long run that does not reach the end, and drops one that does (the expression took seconds)', () => {
    // The time is bench/hostile.ts's: linear takes milliseconds, the expression minutes.
    const text = `a${'/'.repeat(200_000)}b`
    expect(trimEnd(text, '/')).toBe(text)
    expect(trimEnd(`${text}${'/'.repeat(200_000)}`, '/')).toBe(text)
    const spaced = `a${' '.repeat(200_000)}b`
    expect(trimEnd(spaced, /\s/)).toBe(spaced)
    expect(trimEnd(`${spaced}${' \t\n'.repeat(50_000)}`, /\s/)).toBe(spaced)
  })
})
