/**
 * readText (chunked, `isUtf8` + `Buffer#toString`) gives exactly what decodeText gives for the whole file: the same
 * text, BOM dropped, and the same bad lines, wherever a multi-byte character or a bad byte falls against the chunk
 * boundary (4 MiB).
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {decodeText, readText} from './decode.js'
import {makeFifo} from '../../tests/support/fifo.js'

const CHUNK = 1 << 22
const dir = mkdtempSync(join(tmpdir(), 'stewards-decode-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

let n = 0
async function both(bytes: Uint8Array) {
  const file = join(dir, `f${n++}`)
  writeFileSync(file, bytes)
  return {chunked: await readText(file, 1 << 30), whole: decodeText(bytes)}
}

/** `filler` ASCII bytes, then `tail`: places `tail` against the chunk boundary. */
function at(offset: number, tail: Uint8Array, after = 'x\n'): Uint8Array {
  return Buffer.concat([Buffer.alloc(offset, 'a'), tail, Buffer.from(after)])
}

describe('readText', () => {
  it('reads small files, the empty file and a BOM as decodeText does', async () => {
    for (const bytes of [
      Buffer.alloc(0),
      Buffer.from('x'),
      Buffer.from([0xef, 0xbb]),
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('\ufeffname: café — 名前\n'),
      Buffer.from('no bom: \ufeff inside\n'),
    ]) {
      const {chunked, whole} = await both(bytes)
      expect(chunked).toEqual(whole)
    }
    const {chunked} = await both(Buffer.from('\ufeffa: 1\n'))
    expect(chunked).toMatchObject({kind: 'text', text: 'a: 1\n'})
  })

  it('decodes UTF-16 by its byte-order mark (little- and big-endian, past a chunk), with control lines reported', async () => {
    const text = 'flask==1.0\n# café — 名前 😀\nrequests==2.0\n'
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const be = Buffer.from(Buffer.from(text, 'utf16le')).swap16()
    const big = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${'a'.repeat(CHUNK)}\nb\u0007\n`, 'utf16le')])
    for (const bytes of [le, Buffer.concat([Buffer.from([0xfe, 0xff]), be])]) {
      const {chunked, whole} = await both(bytes)
      expect(chunked).toEqual(whole)
      expect(whole).toEqual({kind: 'text', text, badLines: [], ascii: false})
    }
    const {chunked, whole} = await both(big)
    expect(chunked).toEqual(whole)
    expect(whole).toMatchObject({kind: 'text', badLines: [{line: 2, code: 'control-character'}]})
    // A mark, then bytes that are not UTF-16 (an odd length): said, not guessed.
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x61]))).toEqual({
      kind: 'error',
      code: 'unsupported-encoding',
      message: 'UTF-16LE by its byte-order mark, but not valid UTF-16LE; save the file as UTF-8',
    })
    // UTF-32's mark, and UTF-16 without one, stay unread.
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00]))).toMatchObject({
      kind: 'error',
      message: 'UTF-32 text is not supported; save the file as UTF-8',
    })
    expect(decodeText(Buffer.from('flask==1.0\n', 'utf16le'))).toMatchObject({kind: 'error'})
  })

  it('decodes multi-byte characters split by the chunk boundary', async () => {
    for (const char of ['é', '€', '名', '😀']) {
      const encoded = Buffer.from(char)
      for (let before = 1; before <= encoded.length + 1; before++) {
        const {chunked, whole} = await both(at(CHUNK - before, encoded))
        expect(chunked.kind).toBe('text')
        expect(chunked).toEqual(whole)
        if (chunked.kind === 'text') expect(chunked.text.endsWith(`${char}x\n`)).toBe(true)
      }
    }
  })

  it('reports invalid UTF-8 at, before and after the boundary by its line, as decodeText does', async () => {
    for (const bad of [
      Buffer.from([0xe9]),
      Buffer.from([0xe2, 0x82]),
      Buffer.from([0xf0, 0x9f, 0x98]),
      Buffer.from([0x80, 0x80]),
    ]) {
      for (const offset of [CHUNK - 2, CHUNK - 1, CHUNK, CHUNK + 1]) {
        const {chunked, whole} = await both(Buffer.concat([Buffer.from('ok\n'), at(offset, bad, '\nnext\n')]))
        expect(chunked).toEqual(whole)
        expect(chunked).toMatchObject({kind: 'text', badLines: [{line: 2, code: 'invalid-utf8'}]})
      }
    }
  })

  it('an incomplete sequence at the very end is a bad line, not a lost byte', async () => {
    const {chunked, whole} = await both(Buffer.from([0x61, 0x0a, 0xe2, 0x82]))
    expect(chunked).toEqual(whole)
    expect(chunked).toMatchObject({kind: 'text', text: 'a\n', badLines: [{line: 2, code: 'invalid-utf8'}]})
  })

  it('is too-large past max, and names binary data by its magic number', async () => {
    const file = join(dir, 'large')
    writeFileSync(file, 'a'.repeat(100))
    expect(await readText(file, 99)).toEqual({kind: 'too-large', size: 100})
    expect(await readText(file, 100)).toMatchObject({kind: 'text'})
    const {chunked} = await both(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))
    expect(chunked).toEqual({kind: 'binary', what: 'gzip'})
    // Bun's bun.lockb: a text header, then binary; refused with what to do instead.
    const bun = await both(Buffer.from('#!/usr/bin/env bun\nbun-lockfile-format-v0\n\u0003\u0000'))
    expect(bun.whole).toEqual(bun.chunked)
    expect(bun.chunked).toMatchObject({kind: 'binary', what: "Bun's binary lockfile"})
    expect((bun.chunked as {hint?: string}).hint).toMatch(/^run `bun install --save-text-lockfile`/)
    // A shell script that runs bun is text.
    expect((await both(Buffer.from('#!/usr/bin/env bun\nconsole.log(1)\n'))).chunked).toMatchObject({kind: 'text'})
  })

  it.skipIf(process.platform === 'win32')('refuses a FIFO at once, never waiting for a writer', () => {
    const fifo = join(dir, 'fifo')
    makeFifo(fifo)
    expect(() => readText(fifo, 1 << 20)).toThrow('not a regular file')
  })
})

describe('XML that declares its encoding', () => {
  const latin1 = (declaration: string, body: string) =>
    Buffer.concat([
      Buffer.from(`${declaration}\n<project>\n  <name>`),
      Buffer.from(body, 'latin1'),
      Buffer.from('</name>\n</project>\n'),
    ])

  it('is decoded as its declaration says when it is not UTF-8, by readText as by decodeText', async () => {
    const bytes = latin1('<?xml version="1.0" encoding="ISO-8859-1"?>', 'Caf\u00e9 \u00c4\u00d6')
    const {chunked, whole} = await both(bytes)
    expect(whole).toEqual(chunked)
    expect(whole).toMatchObject({kind: 'text', badLines: [], ascii: false})
    expect(whole.kind === 'text' && whole.text.split('\n')[2]).toBe('  <name>Caf\u00e9 \u00c4\u00d6</name>')
  })

  it('reads windows-1252 (and ISO-8859-1, its WHATWG label) by its table on every Node: 0x96 is an en dash', async () => {
    for (const label of ['windows-1252', 'ISO-8859-1', 'cp1252']) {
      const bytes = Buffer.concat([
        latin1(`<?xml version="1.0" encoding="${label}"?>`, 'Widgets '),
        Buffer.from([0x96, 0x20, 0x80, 0x9f]),
      ])
      const {chunked, whole} = await both(bytes)
      expect(whole).toEqual(chunked)
      expect(whole.kind === 'text' && whole.text.split('\n').at(-1)).toBe('\u2013 \u20ac\u0178')
    }
  })

  it('names an encoding TextDecoder lacks as unsupported, and keeps bad lines of what says UTF-8 or nothing', () => {
    expect(decodeText(latin1("<?xml version='1.0' encoding='x-ebcdic-unknown'?>", '\u00e9'))).toEqual({
      kind: 'error',
      code: 'unsupported-encoding',
      message:
        'the XML declaration names the encoding x-ebcdic-unknown, which is not supported; save the file as UTF-8',
    })
    for (const declaration of ['<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?>', '<project>']) {
      const decoded = decodeText(latin1(declaration, '\u00e9'))
      expect(decoded.kind === 'text' && decoded.badLines.map((bad) => [bad.line, bad.code])).toEqual([
        [3, 'invalid-utf8'],
      ])
    }
  })
})

describe('Python source by its coding cookie', () => {
  it('reads a Latin-1 file past a chunk as decodeText does, and leaves other files as UTF-8', async () => {
    const bytes = at(CHUNK - 2, Buffer.from([0xe9, 0xe9, 0xe9]), '\n')
    const cookie = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\n'), bytes])
    const file = join(dir, `f${n++}`)
    writeFileSync(file, cookie)
    const chunked = await readText(file, 1 << 30, {python: true})
    expect(chunked).toEqual(decodeText(cookie, {python: true}))
    expect(chunked).toMatchObject({kind: 'text', badLines: [], ascii: false})
    expect(chunked.kind === 'text' && chunked.text.slice(-5)).toBe('a\u00e9\u00e9\u00e9\n')
    // Without the Python option the cookie is a comment like any other.
    expect(await readText(file, 1 << 30)).toMatchObject({kind: 'text', badLines: [{line: 2, code: 'invalid-utf8'}]})
  })

  it('reads cp1252 by its table, as Python does (80 is the euro sign, not a C1 control as in Latin-1)', () => {
    const bytes = Buffer.concat([
      Buffer.from('# coding: cp1252\nprice = "'),
      Buffer.from([0x80, 0x9f, 0xe9]),
      Buffer.from('"\n'),
    ])
    expect(decodeText(bytes, {python: true})).toEqual({
      kind: 'text',
      text: '# coding: cp1252\nprice = "\u20ac\u0178\u00e9"\n',
      badLines: [],
      ascii: false,
    })
  })

  it('reads a single-byte encoding as Python does: ISO-8859-15 A4 is the euro sign, not Latin-1 currency sign', () => {
    const bytes = Buffer.concat([
      Buffer.from('# coding: latin9\nprice = "'),
      Buffer.from([0xa4, 0xbd]),
      Buffer.from('"\n'),
    ])
    expect(decodeText(bytes, {python: true})).toEqual({
      kind: 'text',
      text: '# coding: latin9\nprice = "\u20ac\u0153"\n',
      badLines: [],
      ascii: false,
    })
  })
})
