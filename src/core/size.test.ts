import {describe, expect, it} from 'vitest'
import {parseSize} from './size.js'

describe('parseSize', () => {
  it.each([
    ['1048576', 1048576],
    ['50MB', 50 * 1024 * 1024],
    ['50 mb', 50 * 1024 * 1024],
    ['512k', 512 * 1024],
    ['1.5GiB', 1.5 * 1024 ** 3],
    ['10B', 10],
  ])('%s', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes)
  })

  it.each(['', 'lots', '0', '-1MB', '5PB', '1e9'])('rejects %j', (text) => {
    expect(parseSize(text)).toBeUndefined()
  })
})
