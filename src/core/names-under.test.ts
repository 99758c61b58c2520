import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {namesUnder} from './names-under.js'

const dir = mkdtempSync(join(tmpdir(), 'stewards-names-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('namesUnder', () => {
  it('lists files, folders and links, sorted, and enters no link (two links to . took 2^40 entries)', () => {
    const root = join(dir, 'rules')
    mkdirSync(join(root, 'sub'), {recursive: true})
    writeFileSync(join(root, 'a.yaml'), '')
    writeFileSync(join(root, 'sub', 'b.yaml'), '')
    symlinkSync('.', join(root, 'loop1'))
    symlinkSync('.', join(root, 'loop2'))
    symlinkSync(join(root, 'a.yaml'), join(root, 'sub', 'link.yaml'))
    expect(namesUnder(root)).toEqual(['a.yaml', 'loop1', 'loop2', 'sub', 'sub/b.yaml', 'sub/link.yaml'])
  })

  it('refuses a folder of more than max entries', () => {
    const root = join(dir, 'many')
    mkdirSync(root)
    for (let i = 0; i < 5; i++) writeFileSync(join(root, `${i}.yaml`), '')
    expect(() => namesUnder(root, 4)).toThrow('more than 4 files and folders')
  })
})
