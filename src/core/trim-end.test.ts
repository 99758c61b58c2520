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

  it('reads a long run that does not reach the end once (the expression took seconds)', () => {
    const text = `a${'/'.repeat(2_000_000)}b`
    const started = performance.now()
    expect(trimEnd(text, '/')).toBe(text)
    expect(trimEnd(`a${' '.repeat(2_000_000)}b`, /\s/).length).toBe(2_000_002)
    // Generous: linear takes milliseconds, the expression minutes.
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})
