import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
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

  it('tells a file in the way of a folder from a file that exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-fs-reason-'))
    writeFileSync(join(dir, 'file'), '')
    expect(plainReason(thrown(() => mkdirSync(join(dir, 'file'), {recursive: true})))).toBe(
      'a file stands where one of its folders must be',
    )
    expect(plainReason(thrown(() => writeFileSync(join(dir, 'file'), '', {flag: 'wx'})))).toBe('it already exists')
    rmSync(dir, {recursive: true, force: true})
  })

  it('keeps the words of an unknown code and of any other error', () => {
    const odd = Object.assign(new Error("EXDEV: cross-device link not permitted, rename 'a' -> 'b'"), {code: 'EXDEV'})
    expect(plainReason(odd)).toBe('cross-device link not permitted')
    expect(plainReason(new Error('not a directory'))).toBe('not a directory')
    expect(plainReason('gone')).toBe('gone')
  })
})
