import {once} from 'node:events'
import {existsSync, mkdtempSync, readdirSync, readlinkSync, writeFileSync} from 'node:fs'
import {open} from 'node:fs/promises'
import {createServer} from 'node:net'
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
    'never waits for a writer nor reads without end: a FIFO nobody writes to is refused, /dev/zero too large',
    {timeout: 20_000},
    async () => {
      // Before, a FIFO named as a map or snapshot file (a settings file inside a scanned tree may name one) made
      // the run wait forever for a writer, and /dev/zero was read until memory ran out.
      const nobody = makeFifo(join(dir, 'nobody.json'))
      const unwritten = await failure(readUserFile(nobody, 'the snapshot'))
      expect(unwritten.message).toBe(`${nobody}: cannot read the snapshot (it is a FIFO nothing writes to)`)
      const device = await failure(readUserFile('/dev/zero', 'the map file', {maxBytes: 1000}))
      expect(device.code).toBe('file-too-large')
      expect(device.message).toBe('/dev/zero: the map file is larger than 1000 bytes')
      expect(await readUserFile('/dev/null', 'the configuration file')).toBe('')
      const socketDir = mkdtempSync(join(tmpdir(), 'stewards-user-socket-'))
      const server = createServer().listen(join(socketDir, 'socket'))
      await once(server, 'listening')
      const socket = await failure(readUserFile(join(socketDir, 'socket'), 'the map file'))
      server.close()
      // open(2) of a Unix socket fails with ENXIO.
      expect(socket.message).toBe(`${join(socketDir, 'socket')}: cannot read the map file (no such device)`)
    },
  )

  it.skipIf(process.platform === 'win32')(
    'reads a pipe a process writes to as it writes (`--map <(make-map)`), up to the size limit, and closes it',
    {timeout: 20_000},
    async () => {
      const text = `mappings:\n${'  - {match: "x/**", repo: github.com/example/x}\n'.repeat(5000)}`
      // Opened for reading and writing, a FIFO has a writer at once (as a process substitution's pipe has): the
      // reader finds it empty but held, and waits for what is written, in pieces larger than the pipe's buffer.
      const fifo = makeFifo(join(dir, 'written.yaml'))
      const writer = await open(fifo, 'r+')
      const reading = readUserFile(fifo, 'the map file')
      await new Promise((resolve) => setTimeout(resolve, 100))
      await writer.write(text.slice(0, 1000))
      await new Promise((resolve) => setTimeout(resolve, 100))
      await writer.write(text.slice(1000))
      await writer.close()
      expect(await reading).toBe(text)

      // Over the limit while it is written, and already over it before the reader comes.
      const small = makeFifo(join(dir, 'written-small.yaml'))
      const smallWriter = await open(small, 'r+')
      const refused = failure(readUserFile(small, 'the map file', {maxBytes: 2000}))
      await smallWriter.write(text.slice(0, 5000))
      expect((await refused).message).toBe(`${small}: the map file is larger than 2000 bytes`)
      await smallWriter.close()
      const early = makeFifo(join(dir, 'written-early.yaml'))
      const earlyWriter = await open(early, 'r+')
      await earlyWriter.write(text.slice(0, 5000))
      expect((await failure(readUserFile(early, 'the map file', {maxBytes: 2000}))).code).toBe('file-too-large')
      await earlyWriter.close()
      // No descriptor of this process is left on any of them.
      if (existsSync('/proc/self/fd')) {
        const open = readdirSync('/proc/self/fd').flatMap((fd) => {
          try {
            return [readlinkSync(join('/proc/self/fd', fd))]
          } catch {
            return []
          }
        })
        expect(open.filter((target) => [fifo, small, early].includes(target))).toEqual([])
      }
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
