import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {gunzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {paxData, rawMember, rawTar, tarOf} from '../../tests/support/chart-archive.js'
import {readTar} from './tar.js'

const names = (tar: Uint8Array) => {
  const read = readTar(tar)
  if ('error' in read) throw new Error(read.error)
  return read.entries.map((entry) => `${entry.name}=${new TextDecoder().decode(entry.data)}`)
}
const refusal = (tar: Uint8Array) => {
  const read = readTar(tar)
  return 'error' in read ? read.error : undefined
}

describe('readTar', () => {
  it("reads Helm's own packaged charts (Go's archive/tar) and archives with PAX long names", async () => {
    const real = join(import.meta.dirname, '..', '..', 'tests', 'discover', '__fixtures__', 'helm-archives')
    const frobnitz = readTar(gunzipSync(readFileSync(join(real, 'frobnitz-1.2.3.tgz'))))
    expect('entries' in frobnitz && frobnitz.entries.map((e) => e.name)).toContain('frobnitz/charts/mariner-4.3.2.tgz')
    const long = `chart/${'folder/'.repeat(30)}values.yaml`
    expect(names(await tarOf({'chart/Chart.yaml': 'a', [long]: 'b'}))).toEqual(['chart/Chart.yaml=a', `${long}=b`])
  })

  it('joins the USTAR prefix, keeps a member written twice in order, and skips folders', () => {
    const tar = rawTar(
      rawMember({name: 'x/', type: '5', mode: 0o755}),
      rawMember({name: 'values.yaml', prefix: 'x'}, 'one'),
      rawMember({name: 'x/values.yaml'}, 'two'),
      rawMember({name: 'x/dir/', type: '\0'}),
    )
    expect(names(tar)).toEqual(['x/values.yaml=one', 'x/values.yaml=two'])
  })

  it('reads a size as Go does: octal trimmed of spaces and NULs at both ends', () => {
    expect(names(rawTar(rawMember({name: 'x/a', sizeField: ' \u0000000003 '}, 'abc')))).toEqual(['x/a=abc'])
  })

  it('ends at two zero blocks, or at the end of the data, and never reads past them', () => {
    const one = rawMember({name: 'x/a'}, 'abc')
    expect(names(one)).toEqual(['x/a=abc'])
    expect(names(Uint8Array.from([...rawTar(one), ...rawMember({name: 'x/after'}, 'z')]))).toEqual(['x/a=abc'])
    expect(refusal(Uint8Array.from([...one, ...new Uint8Array(512), ...rawMember({name: 'x/b'})]))).toMatch(
      /^a zero block is followed by something other than a second one/,
    )
  })

  it('keeps a global PAX header to itself, as Go does (it named every later member for another reader)', () => {
    const tar = rawTar(
      rawMember({name: 'pax_global_header', type: 'g'}, paxData({path: 'x/Chart.yaml'})),
      rawMember({name: 'x/Chart.yaml'}, 'chart'),
      rawMember({name: 'x/values.yaml'}, 'image: evil'),
    )
    expect(names(tar)).toEqual(['x/Chart.yaml=chart', 'x/values.yaml=image: evil'])
  })

  it('takes a PAX path and size for the next member only', () => {
    const tar = rawTar(
      rawMember({name: 'PaxHeaders/x', type: 'x'}, paxData({path: 'x/values.yaml', size: '3'})),
      rawMember({name: 'x/short', sizeField: '00000000000\0'}, 'abc'),
      rawMember({name: 'x/next'}, 'n'),
    )
    expect(names(tar)).toEqual(['x/values.yaml=abc', 'x/next=n'])
  })

  // Each of these made another reader see another member than Go (and Helm) would: refused, never guessed.
  it.each([
    [
      'a member named by both PAX and GNU',
      rawTar(
        rawMember({name: '././@LongLink', type: 'L'}, 'x/values.yaml'),
        rawMember({name: 'PaxHeaders/x', type: 'x'}, paxData({path: 'x/notes.txt'})),
        rawMember({name: 'x/y'}, 'image: evil'),
      ),
      /a member is named both by PAX and by GNU/,
    ],
    [
      'two PAX headers for one member',
      rawTar(
        rawMember({name: 'P1', type: 'x'}, paxData({path: 'x/values.yaml'})),
        rawMember({name: 'P2', type: 'x'}, paxData({path: 'x/notes.txt'})),
        rawMember({name: 'x/y'}, 'image: evil'),
      ),
      /two headers name the same member/,
    ],
    [
      'a sparse file',
      rawTar(
        rawMember({name: 'PaxHeaders/x', type: 'x'}, paxData({'GNU.sparse.name': 'x/values.yaml'})),
        rawMember({name: 'x/b'}, 'z'),
      ),
      /sparse file/,
    ],
    [
      'a global header between a header and its member',
      rawTar(
        rawMember({name: 'PaxHeaders/x', type: 'x'}, paxData({path: 'x/values.yaml'})),
        rawMember({name: 'pax_global_header', type: 'g'}, paxData({comment: 'c'})),
        rawMember({name: 'x/notes.txt'}, 'image: evil'),
      ),
      /a global header comes between a header and its member/,
    ],
    ['a GNU sparse member', rawTar(rawMember({name: 'x/values.yaml', type: 'S'}, 'z')), /type "S"/],
    [
      'a regular file named like a folder',
      rawTar(rawMember({name: 'x/values.yaml/'}, 'image: evil')),
      /named like a folder/,
    ],
    ['a regular file with a folder mode', rawTar(rawMember({name: 'x/values.yaml', mode: 0o40755}, 'z')), /mode/],
    ['a symbolic link', rawTar(rawMember({name: 'x/values.yaml', type: '2'})), /link, device or FIFO/],
    ['a hard link', rawTar(rawMember({name: 'x/values.yaml', type: '1'})), /link, device or FIFO/],
    [
      'a base-256 size',
      rawTar(rawMember({name: 'x/a', sizeField: '\u0080\0\0\0\0\0\0\0\0\0\0\u0003'}, 'abc')),
      /base-256/,
    ],
    [
      'a size with a NUL inside',
      rawTar(rawMember({name: 'x/a', sizeField: '00\u0000000003'}, 'abc')),
      /not an octal number/,
    ],
    ['a bad checksum', rawTar(rawMember({name: 'x/a', checksumOff: 1}, 'abc')), /checksum/],
    ['a truncated member', rawMember({name: 'x/a'}, 'abc').subarray(0, 600), /truncated inside a member/],
    ['a truncated header', rawMember({name: 'x/a'}, 'abc').subarray(0, 100), /truncated inside a header/],
    [
      'a PAX record longer than its data',
      rawTar(rawMember({name: 'P', type: 'x'}, '99999999 path=x/a\n'), rawMember({name: 'x/b'})),
      /malformed/,
    ],
    [
      'a PAX record without its line feed',
      rawTar(rawMember({name: 'P', type: 'x'}, '13 path=x/ab '), rawMember({name: 'x/b'})),
      /line feed/,
    ],
    [
      'a header naming nothing at the end',
      rawMember({name: 'P', type: 'x'}, paxData({path: 'x/a'})),
      /ends after a header/,
    ],
    [
      'a name that is not UTF-8',
      rawTar(rawMember({name: 'x/a', bytes: [{at: 2, value: Uint8Array.of(0xff)}]}, 'a')),
      /^a name is not UTF-8/,
    ],
    [
      'the STAR format',
      rawTar(rawMember({name: 'x/a', bytes: [{at: 508, value: new TextEncoder().encode('tar\0')}]}, 'a')),
      /^the STAR format is not read/,
    ],
  ])('refuses %s', (_, tar, reason) => {
    expect(refusal(tar)).toMatch(reason)
  })
})
