import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {makeFifo} from '../../tests/support/fifo.js'
import {ExitCode, StewardsError} from './errors.js'
import {parseUserJson, readUserFile} from './user-file.js'

const dir = mkdtempSync(join(tmpdir(), 'stewards-user-file-'))

async function failure(promise: Promise<unknown>): Promise<StewardsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(StewardsError)
  return error as StewardsError
}

describe('readUserFile', () => {
  it('reads a file whole', async () => {
    const file = join(dir, 'ok.txt')
    writeFileSync(file, 'héllo\n')
    expect(await readUserFile(file, 'the test file')).toBe('héllo\n')
  })

  it('refuses a missing file or a directory with one code, naming the file and why', async () => {
    const missing = await failure(readUserFile(join(dir, 'nope.yaml'), 'the map file'))
    expect(missing.code).toBe('file-unreadable')
    expect(missing.exitCode).toBe(ExitCode.usage)
    expect(missing.message).toBe(`${join(dir, 'nope.yaml')}: cannot read the map file (no such file or directory)`)
    expect(missing.hint).toBe('check the path')
    const directory = await failure(readUserFile(dir, 'the snapshot', {hint: 'a bundle'}))
    expect(directory.message).toBe(`${dir}: cannot read the snapshot (it is a directory)`)
    expect(directory.hint).toBe('a bundle')
  })

  it.skipIf(process.platform === 'win32')(
    'refuses a FIFO or a device at once, never waiting for a writer or reading without end',
    async () => {
      // Before, a FIFO named as a map or snapshot file (a settings file inside a scanned tree may name one) made
      // the run wait forever, and /dev/zero was read until memory ran out.
      const fifo = makeFifo(join(dir, 'pipe.json'))
      const error = await failure(readUserFile(fifo, 'the snapshot'))
      expect(error.code).toBe('file-unreadable')
      expect(error.message).toBe(
        `${fifo}: cannot read the snapshot (it is a FIFO, socket or device, not a regular file)`,
      )
      const device = await failure(readUserFile('/dev/zero', 'the map file'))
      expect(device.message).toBe(
        '/dev/zero: cannot read the map file (it is a FIFO, socket or device, not a regular file)',
      )
    },
  )

  it('refuses a file over the size limit before reading it', async () => {
    const file = join(dir, 'big.json')
    writeFileSync(file, 'x'.repeat(100))
    const error = await failure(readUserFile(file, 'the commits file', {maxBytes: 99}))
    expect(error.code).toBe('file-too-large')
    expect(error.message).toBe(`${file}: the commits file is larger than 99 bytes (100)`)
    expect(await readUserFile(file, 'the commits file', {maxBytes: 100})).toHaveLength(100)
  })
})

describe('parseUserJson', () => {
  it('parses JSON, a byte-order mark ignored', () => {
    expect(parseUserJson('\uFEFF{"a": [1]}', 'x.json')).toEqual({a: [1]})
  })

  it('names the file and the line of a syntax error', () => {
    let error: unknown
    try {
      parseUserJson('{\n  "a": 1,\n  oops\n}', 'x.json', 'pass a report')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(StewardsError)
    expect((error as StewardsError).code).toBe('json-invalid')
    expect((error as StewardsError).message).toMatch(/^x\.json:3: invalid JSON at line 3, column 3 \(/)
    expect((error as StewardsError).message).not.toContain('oops')
    expect((error as StewardsError).hint).toBe('pass a report')
  })
})
