import {describe, expect, it} from 'vitest'
import {goPrivatePatterns, isGoPrivate} from './go-private.js'

describe('go-private', () => {
  it('reads GOPRIVATE and GONOPROXY as comma-separated patterns', () => {
    expect(goPrivatePatterns({GOPRIVATE: '*.corp.example, rsc.io/private/', GONOPROXY: 'git.lab.example'})).toEqual([
      '*.corp.example',
      'rsc.io/private',
      'git.lab.example',
    ])
    expect(goPrivatePatterns({})).toEqual([])
  })

  it("matches module path prefixes element by element, as Go's module.MatchPrefixPatterns", () => {
    const patterns = ['*.corp.example', 'rsc.io/private', 'github.com/acme-[io]*/x?']
    expect(isGoPrivate('git.corp.example/team/lib', patterns)).toBe(true)
    expect(isGoPrivate('corp.example/team/lib', patterns)).toBe(false)
    expect(isGoPrivate('rsc.io/private/quux', patterns)).toBe(true)
    expect(isGoPrivate('rsc.io/privateer', patterns)).toBe(false)
    expect(isGoPrivate('rsc.io/quote', patterns)).toBe(false)
    expect(isGoPrivate('github.com/acme-internal/xy/v2', patterns)).toBe(true)
    expect(isGoPrivate('github.com/acme-public/xy', patterns)).toBe(false)
    // A pattern longer than the path, and a malformed one, match nothing.
    expect(isGoPrivate('rsc.io', patterns)).toBe(false)
    expect(isGoPrivate('a.example/b', ['a.example/[b'])).toBe(false)
  })
})
