import {readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {plainReason} from './fs-reason.js'

function thrown(read: () => unknown): unknown {
  try {
    read()
  } catch (error) {
    return error
  }
  throw new Error('did not throw')
}

describe('plainReason', () => {
  it('says in words what Node says with an errno code, without repeating the path', () => {
    expect(plainReason(thrown(() => readFileSync(join(tmpdir(), 'stewards-no-such-file-9f3c'))))).toBe(
      'no such file or directory',
    )
    expect(plainReason(thrown(() => readFileSync(tmpdir())))).toBe('it is a directory')
  })

  it('keeps the words of an unknown code and of any other error', () => {
    const odd = Object.assign(new Error("EXDEV: cross-device link not permitted, rename 'a' -> 'b'"), {code: 'EXDEV'})
    expect(plainReason(odd)).toBe('cross-device link not permitted')
    expect(plainReason(new Error('not a directory'))).toBe('not a directory')
    expect(plainReason('gone')).toBe('gone')
  })
})
