import {describe, expect, it} from 'vitest'
import {purlRepository, statedRepository} from './stated.js'

describe('stated repositories', () => {
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

  it('keeps a user before the host of an SPDX VCS locator, and drops the revision after the path', () => {
    const stated = (url: string) => statedRepository([{url, field: 'downloadLocation', vcs: true}])?.url
    expect(stated('git+ssh://git@github.com/o/r3.git@v2.0')).toBe('git+ssh://git@github.com/o/r3.git')
    expect(stated('git+ssh://git@github.com/o/r2.git')).toBe('git+ssh://git@github.com/o/r2.git')
    expect(stated('git+https://github.com/o/r1.git@v1.0#sub/dir')).toBe('git+https://github.com/o/r1.git')
  })
})
