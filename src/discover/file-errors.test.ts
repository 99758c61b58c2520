import {describe, expect, it} from 'vitest'
import {scanTree} from '../../tests/discover/tree.js'
import {cappedErrors, MAX_FILE_ERRORS} from './file-errors.js'

describe('errors of one file', () => {
  it('lists the first hundred and counts the rest in one more', () => {
    const errors = Array.from({length: 250}, (_, i) => ({
      file: 'a.yaml',
      line: i + 1,
      code: 'yaml-duplicate-key' as const,
      message: `m${i}`,
    }))
    const capped = cappedErrors(errors)
    expect(capped).toHaveLength(MAX_FILE_ERRORS + 1)
    expect(capped.slice(0, 2).map((e) => e.line)).toEqual([1, 2])
    // At the first problem it leaves out.
    expect(capped.at(-1)).toEqual({
      file: 'a.yaml',
      line: 101,
      code: 'yaml-duplicate-key',
      message:
        '150 more problems in this file are not listed from line 101 (the first 100, and the first of each kind, are)',
    })
    expect(cappedErrors(errors.slice(0, 100))).toHaveLength(100)
    // Per file, in order: an included file's errors count for it, and the first of each kind is kept.
    const mixed = [
      ...Array.from({length: 150}, (_, i) => ({
        file: 'base.txt',
        line: i + 1,
        code: 'invalid-requirement',
        message: 'x',
      })),
      {file: 'requirements.txt', line: 2, code: 'invalid-requirement', message: 'y'},
      {file: 'base.txt', line: 151, code: 'include-not-read', message: 'z'},
    ]
    const perFile = cappedErrors(mixed)
    expect(perFile.filter((e) => e.file === 'requirements.txt')).toEqual([mixed[150]])
    const summaries = (list: typeof perFile) => list.filter((e) => e.message.includes('more problems'))
    expect(perFile.filter((e) => e.file === 'base.txt')).toHaveLength(102)
    expect(perFile.some((e) => e.code === 'include-not-read')).toBe(true)
    expect(summaries(perFile)).toEqual([
      {
        file: 'base.txt',
        line: 101,
        code: 'include-not-read',
        message:
          '50 more problems in this file are not listed from line 101 (the first 100, and the first of each kind, are)',
      },
    ])
    // Capped again (a format that passes on a reader's errors): the count is kept, not added to.
    expect(summaries(cappedErrors(perFile))).toEqual(summaries(perFile))
  })

  it('bounds what a file of thousands of problems costs, in YAML and in a lockfile', async () => {
    // Before, a manifest of two million duplicate keys took 4 GB and 16 MB of errors. (5,000 keys: 4,999 duplicates.)
    const labels = Array.from({length: 5000}, () => '    a: b\n').join('')
    const lock = `{"lockfileVersion": 3, "packages": {"": {}, ${Array.from({length: 3000}, () => '"node_modules/a": {"version": "1.0.0"}').join(', ')}}}`
    const inventory = await scanTree({
      'pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n${labels}spec:\n  containers:\n    - {name: a, image: nginx:1}\n`,
      'package-lock.json': lock,
    })
    const byFile = (file: string) => inventory.errors.filter((e) => e.file === file)
    const summary = (file: string) => byFile(file).filter((e) => e.message.includes('more problems'))
    expect(byFile('pod.yaml')).toHaveLength(MAX_FILE_ERRORS + 1)
    // At the first duplicate not listed: labels from line 6, the first duplicate at 7, a hundred listed.
    expect(summary('pod.yaml')).toEqual([
      {
        file: 'pod.yaml',
        line: 107,
        column: 5,
        code: 'yaml-duplicate-key',
        message:
          '4899 more problems in this file are not listed from line 107 (the first 100, and the first of each kind, are)',
      },
    ])
    expect(byFile('package-lock.json')).toHaveLength(MAX_FILE_ERRORS + 1)
    expect(summary('package-lock.json').map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^2899 more problems in this file are not listed from line 1 \(the first 100, and the first of each kind, are\)$/,
      ),
    ])
    // A later document's syntax error is listed whatever the duplicates before it.
    const broken = await scanTree({
      'pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n${labels}---\nkind: [\n`,
    })
    expect(broken.errors.some((e) => e.code === 'yaml-syntax')).toBe(true)
    // The documents and entries are still read.
    expect(inventory.components.map((c) => c.name).sort()).toEqual(['a', 'docker.io/library/nginx'])
  })
})
