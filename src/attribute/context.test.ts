import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {attributionErrors, loadAttributionContext} from './context.js'

const dir = mkdtempSync(join(tmpdir(), 'stewards-context-'))
function file(name: string, text: string | Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const good = join(import.meta.dirname, '__fixtures__', 'gitdm.txt')

describe('loadAttributionContext: --affiliations files', () => {
  it('rejects a file without a single usable gitdm record, naming the file and its first bad line (exit 3)', async () => {
    const binary = file('binary.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x0a, 0x61, 0x3a, 0x00, 0x01, 0x0a]))
    const json = file('wrong.json', '{\n  "login": "alice"\n}\n')
    const yaml = file('wrong.yaml', '# acquisitions\nacquisitions:\n  - [a, b]\n')
    const empty = file('empty.txt', '# only a comment\n\n')
    const cases: Array<[string, string]> = [
      [binary, `${binary}:2: not a gitdm affiliations file: binary content (NUL byte)`],
      [
        json,
        `${json}:1: not a gitdm affiliations file: expected "login: email!domain, ..." or a TAB-indented affiliation`,
      ],
      [yaml, `${yaml}:2: not a gitdm affiliations file: (text not shown) has no affiliation line`],
      [empty, `${empty}: not a gitdm affiliations file: no "login: emails" record with an affiliation line`],
    ]
    for (const [path, message] of cases) {
      // A good file beside it does not make the bad one acceptable.
      await expect(loadAttributionContext({affiliations: [good, path]})).rejects.toMatchObject({
        code: 'invalid-affiliations',
        exitCode: 3,
        message,
      })
    }
  })

  it('keeps the bad lines of a usable file as problems, ready for ScanResult.errors', async () => {
    const half = file(
      'half.txt',
      'alice: alice!example.com\n\tExample Corp\n\tOther from 2024-99-01\n  stray\nbob: bob!example.com\n',
    )
    const context = await loadAttributionContext({affiliations: [half, good]})
    expect(context.gitdm?.byEmail.get('alice@example.com')?.[0].periods.map((p) => p.company)).toEqual(['Example Corp'])
    expect(attributionErrors(context)).toEqual([
      {file: half, line: 3, code: 'invalid-affiliation', message: "'2024-99-01' is not a calendar date"},
      {
        file: half,
        line: 4,
        code: 'invalid-affiliation',
        message: 'expected "login: email!domain, ..." or a TAB-indented affiliation',
      },
      {file: half, line: 5, code: 'invalid-affiliation', message: "'bob' has no affiliation line"},
    ])
    expect(attributionErrors(await loadAttributionContext({affiliations: [good]}))).toEqual([])
  })

  it('bounds the problems of a mostly broken file', async () => {
    const lines = [
      'alice: alice!example.com',
      '\tExample Corp',
      ...Array.from({length: 150}, (_, i) => `junk line ${i}`),
    ]
    const noisy = file('noisy.txt', `${lines.join('\n')}\n`)
    const errors = attributionErrors(await loadAttributionContext({affiliations: [noisy]}))
    expect(errors.length).toBe(101)
    expect([errors[0].line, errors[99].line]).toEqual([3, 102])
    expect(errors[100]).toEqual({
      file: noisy,
      code: 'invalid-affiliation',
      message: '50 more unreadable lines not listed',
    })
  })
})
