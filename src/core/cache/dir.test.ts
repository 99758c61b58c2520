import {homedir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {defaultCacheDir} from './dir.js'

describe('defaultCacheDir', () => {
  it('is $XDG_CACHE_HOME/stewards, else ~/.cache/stewards; a relative XDG_CACHE_HOME is ignored, as XDG says', () => {
    expect(defaultCacheDir({XDG_CACHE_HOME: '/var/cache/me'})).toBe('/var/cache/me/stewards')
    expect(defaultCacheDir({})).toBe(join(homedir(), '.cache', 'stewards'))
    for (const relative of ['~/.cache', '.cache', 'cache/x', ''])
      expect(defaultCacheDir({XDG_CACHE_HOME: relative}), relative).toBe(join(homedir(), '.cache', 'stewards'))
  })
})
