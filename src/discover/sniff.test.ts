import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {readHead, SNIFF_BYTES} from './sniff.js'
import {makeFifo} from '../../tests/support/fifo.js'

const dir = mkdtempSync(join(tmpdir(), 'stewards-sniff-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('readHead', () => {
  it('gives the first SNIFF_BYTES as text, a cut character as U+FFFD', () => {
    const file = join(dir, 'big.json')
    writeFileSync(file, `${'a'.repeat(SNIFF_BYTES - 1)}é and more`)
    const head = readHead(file)
    expect(head).toBe(`${'a'.repeat(SNIFF_BYTES - 1)}\uFFFD`)
    writeFileSync(file, '{"bomFormat": "CycloneDX"}')
    expect(readHead(file)).toBe('{"bomFormat": "CycloneDX"}')
  })

  it('is an Error, never a throw, for a missing file or a directory', () => {
    expect(readHead(join(dir, 'missing.json'))).toBeInstanceOf(Error)
    expect(readHead(dir)).toBeInstanceOf(Error)
  })

  it.skipIf(process.platform === 'win32')('refuses a FIFO at once, never waiting for a writer', () => {
    const fifo = join(dir, 'fifo.json')
    makeFifo(fifo)
    const head = readHead(fifo)
    expect(head).toBeInstanceOf(Error)
    expect((head as Error).message).toContain('not a regular file')
  })
})
