import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {readHead, readTail, SNIFF_BYTES, sniffing, tailText} from './sniff.js'
import type {Discoverer} from './types.js'
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

describe('readTail and sniffing', () => {
  it('gives the last SNIFF_BYTES of a longer file only, and nothing for a short or missing one', () => {
    const file = join(dir, 'tail.json')
    writeFileSync(file, `${'x'.repeat(SNIFF_BYTES)}end`)
    expect(readTail(file)).toBe(`${'x'.repeat(SNIFF_BYTES - 3)}end`)
    expect(tailText(Buffer.from(`${'x'.repeat(SNIFF_BYTES)}end`))).toBe(`${'x'.repeat(SNIFF_BYTES - 3)}end`)
    writeFileSync(file, '{"a": 1}')
    expect(readTail(file)).toBeUndefined()
    expect(tailText(Buffer.from('{"a": 1}'))).toBeUndefined()
    expect(readTail(join(dir, 'missing.json'))).toBeUndefined()
  })

  it('reads the tail once, and only when a format asks for it', () => {
    let reads = 0
    const tail = () => {
      reads++
      return 'end'
    }
    const format = (id: string, sniff: Discoverer['sniff']): Discoverer => ({
      id,
      description: id,
      matches: () => true,
      sniff,
      discover: () => ({components: []}),
    })
    const headOnly = format('head', (head) => head === 'head')
    expect(sniffing([headOnly], () => 'head', tail).map((f) => f.id)).toEqual(['head'])
    expect(reads).toBe(0)
    const both = [format('a', (_head, end) => end?.() === 'end'), format('b', (_head, end) => end?.() === 'no')]
    expect(sniffing(both, () => 'head', tail).map((f) => f.id)).toEqual(['a'])
    expect(reads).toBe(1)
  })
})
