import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {closeSync, openSync} from 'node:fs'
import {readRegularFile, readWhole} from './regular-file.js'
import {makeFifo} from '../../tests/support/fifo.js'

const dir = mkdtempSync(join(tmpdir(), 'stewards-regular-file-'))

describe('readRegularFile', () => {
  it('reads a file of up to maxBytes whole, and gives the size of a larger one', () => {
    writeFileSync(join(dir, 'ten'), 'héllo wörl') // 12 bytes
    expect(readRegularFile(join(dir, 'ten'), 12)).toEqual({text: 'héllo wörl'})
    expect(readRegularFile(join(dir, 'ten'), 11)).toEqual({tooLarge: 12})
    writeFileSync(join(dir, 'empty'), '')
    expect(readRegularFile(join(dir, 'empty'), 10)).toEqual({text: ''})
    expect(readRegularFile(join(dir, 'empty'), 0)).toEqual({text: ''})
    expect(readRegularFile(join(dir, 'ten'), 0)).toEqual({tooLarge: 12})
  })

  it.runIf(existsSync('/proc/self/status'))('reads a file whose size says 0 to its end (a pseudo-file)', () => {
    const read = readRegularFile('/proc/self/status', 1024 * 1024)
    expect('text' in read && read.text.includes('\nPid:')).toBe(true)
    expect(readRegularFile('/proc/self/status', 16)).toMatchObject({tooLarge: expect.any(Number)})
  })

  it.skipIf(process.platform === 'win32')('refuses a folder and a FIFO, saying which, without waiting', () => {
    mkdirSync(join(dir, 'folder'))
    expect(() => readRegularFile(join(dir, 'folder'), 10)).toThrow('it is a directory')
    makeFifo(join(dir, 'pipe'))
    expect(() => readRegularFile(join(dir, 'pipe'), 10)).toThrow('it is a FIFO, socket or device, not a regular file')
  })
})

describe('readWhole', () => {
  it('reads past a first buffer too small, growing it, and refuses one byte past max', () => {
    writeFileSync(join(dir, 'hundred'), 'x'.repeat(100))
    const fd = openSync(join(dir, 'hundred'), 'r')
    try {
      expect(readWhole(fd, 3, 1000)?.toString()).toBe('x'.repeat(100))
      expect(readWhole(fd, 101, 100)?.length).toBe(100)
      expect(readWhole(fd, 3, 99)).toBeUndefined()
      expect(readWhole(fd, 1000, 99)).toBeUndefined()
      expect(readWhole(fd, 1, 0)).toBeUndefined()
    } finally {
      closeSync(fd)
    }
  })
})
