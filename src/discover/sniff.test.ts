import {appendFileSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {bytesToSniff, fileToSniff, readHead, readTail, SNIFF_BYTES, sniffing, tailText} from './sniff.js'
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

  it('gives the last SNIFF_BYTES before the white space that ends the file, however much there is', () => {
    const file = join(dir, 'spaced.json')
    const text = `{"a": "${'x'.repeat(SNIFF_BYTES)}", "end": 1}`
    const want = text.slice(-SNIFF_BYTES)
    for (const space of [1, 1000, SNIFF_BYTES - 1, SNIFF_BYTES, 70 * 1024, 3 * SNIFF_BYTES + 17]) {
      const spaced = `${text}${' \n\t\r'.repeat(space).slice(0, space)}`
      writeFileSync(file, spaced)
      expect(readTail(file)).toBe(want)
      expect(tailText(Buffer.from(spaced))).toBe(want)
    }
    // A document shorter than SNIFF_BYTES followed by more: all of it; a file of white space only: nothing.
    writeFileSync(file, `{"a": 1}${' '.repeat(SNIFF_BYTES)}`)
    expect(readTail(file)).toBe('{"a": 1}')
    writeFileSync(file, ' '.repeat(2 * SNIFF_BYTES))
    expect(readTail(file)).toBe('')
    expect(tailText(new Uint8Array(2 * SNIFF_BYTES).fill(0x20))).toBe('')
  })

  it('decodes the tail and the whole text of a UTF-16 file by its byte-order mark, whole code units, past white space and NULs', () => {
    const file = join(dir, 'wide.json')
    const text = `{"a": "${'é'.repeat(SNIFF_BYTES)}", "end": "€"}`
    const want = text.slice(-SNIFF_BYTES / 2)
    const le = (body: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')])
    for (const bytes of [
      le(text),
      le(text).swap16(),
      le(`${text}\r\n \u0000\u0000`),
      le(`${text}\r\n`).swap16(),
      // An odd last byte is left out (reading the file says it is not UTF-16).
      Buffer.concat([le(`${text}\n`), Buffer.from('\n')]),
      le(`${text}${' \n'.repeat(SNIFF_BYTES)}`),
    ]) {
      writeFileSync(file, bytes)
      expect(readTail(file)).toBe(want)
      expect(tailText(bytes)).toBe(want)
      const whole = [...fileToSniff('wide.json', file).chunks()].join('')
      expect(whole.startsWith(text)).toBe(true)
      expect([...bytesToSniff('wide.json', bytes).chunks()].join('')).toBe(whole)
    }
    // UTF-8 followed by NULs: the text before them.
    writeFileSync(file, `${'x'.repeat(SNIFF_BYTES)}end\n\u0000\u0000`)
    expect(readTail(file)).toBe(`${'x'.repeat(SNIFF_BYTES - 3)}end`)
  })

  it('gives a whole file in chunks, decoded as one text (a character cut between two chunks whole)', () => {
    const file = join(dir, 'whole.json')
    const text = `${'a'.repeat(SNIFF_BYTES - 1)}é${'€'.repeat(SNIFF_BYTES)}end`
    writeFileSync(file, text)
    const fromFile = [...fileToSniff('whole.json', file).chunks()]
    expect(fromFile.length).toBeGreaterThan(2)
    expect(fromFile.join('')).toBe(text)
    expect([...bytesToSniff('whole.json', Buffer.from(text)).chunks()].join('')).toBe(text)
    // Read anew each time the chunks are asked for; a file that cannot be read has none.
    expect([...fileToSniff('whole.json', file).chunks()].join('')).toBe(text)
    expect([...fileToSniff('missing.json', join(dir, 'missing.json')).chunks()]).toEqual([])
  })

  it('reads a whole file no further than the size it had when opened (a file that grows cannot keep it going)', () => {
    const file = join(dir, 'growing.json')
    writeFileSync(file, 'a'.repeat(2 * SNIFF_BYTES))
    let read = ''
    for (const chunk of fileToSniff('growing.json', file).chunks()) {
      if (read === '') appendFileSync(file, 'b'.repeat(4 * SNIFF_BYTES))
      read += chunk
    }
    expect(read).toBe('a'.repeat(2 * SNIFF_BYTES))
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
