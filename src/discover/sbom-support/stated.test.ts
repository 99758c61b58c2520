import {describe, expect, it} from 'vitest'
import {purlRepository} from './stated.js'

describe('purlRepository', () => {
  it('names the repository of a github or bitbucket purl', () => {
    expect(purlRepository('pkg:github/acme/widget@v1.2.0')).toEqual({
      url: 'https://github.com/acme/widget',
      field: 'purl',
      vcs: true,
    })
    expect(purlRepository('pkg:bitbucket/acme/widget')?.url).toBe('https://bitbucket.org/acme/widget')
    expect(purlRepository('pkg:npm/widget@1.0.0')).toBeUndefined()
  })

  it('names none when the decoded owner or name is not one (a path that would name another repository)', () => {
    expect(purlRepository('pkg:github/..%2F..%2Fetc/passwd@1')).toBeUndefined()
    expect(purlRepository('pkg:github/acme/..')).toBeUndefined()
    expect(purlRepository('pkg:github/acme/a%2Fb')).toBeUndefined()
  })
})
