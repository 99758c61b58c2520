import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {StewardsError} from './errors.js'
import {checkWriteTarget, writeFileAtomic} from './write-file.js'

const target = {what: '--output'}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'stewards-write-'))
}

async function failure(promise: Promise<unknown>): Promise<StewardsError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(StewardsError)
    return error as StewardsError
  }
  throw new Error('expected the write to fail')
}

describe('writeFileAtomic', () => {
  it('writes through a temporary file renamed into place: a new inode, no temporary file left', async () => {
    const dir = scratch()
    const file = join(dir, 'sub', 'report.json')
    await writeFileAtomic(file, 'one\n', target)
    const first = statSync(file).ino
    await writeFileAtomic(file, 'two\n', target)
    expect(readFileSync(file, 'utf8')).toBe('two\n')
    expect(statSync(file).ino).not.toBe(first)
    expect(readdirSync(join(dir, 'sub'))).toEqual(['report.json'])
  })

  it('never writes through a symbolic link: the link and what it points to stay as they were', async () => {
    const dir = scratch()
    const victim = join(dir, 'victim.txt')
    writeFileSync(victim, 'precious\n')
    const link = join(dir, 'report.sarif')
    symlinkSync(victim, link)
    const error = await failure(writeFileAtomic(link, 'report\n', target))
    expect(error.exitCode).toBe(3)
    expect(error.message).toBe(`--output ${link}: is a symbolic link, and stewards never writes through one`)
    expect(readFileSync(victim, 'utf8')).toBe('precious\n')
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    // A dangling link too (it would create the file it names).
    const dangling = join(dir, 'dangling.json')
    symlinkSync(join(dir, 'created-by-the-link'), dangling)
    await failure(writeFileAtomic(dangling, 'x', target))
    expect(readdirSync(dir).sort()).toEqual(['dangling.json', 'report.sarif', 'victim.txt'])
  })

  it('a directory is a usage error naming it', async () => {
    const dir = scratch()
    const error = await failure(writeFileAtomic(dir, 'x', target))
    expect(error.message).toBe(`--output ${dir} is a directory`)
  })

  it('keeps a file inside `within`, links resolved', async () => {
    const dir = scratch()
    const governed = join(dir, 'project')
    const outside = join(dir, 'elsewhere')
    mkdirSync(governed)
    mkdirSync(outside)
    symlinkSync(outside, join(governed, 'out'))
    const within = {what: 'output:', within: governed}
    await writeFileAtomic(join(governed, 'reports', 'r.json'), 'ok', within)
    expect(readFileSync(join(governed, 'reports', 'r.json'), 'utf8')).toBe('ok')
    for (const path of [join(governed, '..', 'elsewhere', 'r.json'), join(governed, 'out', 'r.json')]) {
      const error = await failure(writeFileAtomic(path, 'no', within))
      expect(error.code).toBe('write-outside')
    }
    expect(readdirSync(outside)).toEqual([])
    expect(() => checkWriteTarget(join(governed, 'out', 'x'), within)).toThrow(/outside/)
  })

  it('an unwritable place is a usage error with the reason in words, not a crash', async () => {
    const dir = scratch()
    writeFileSync(join(dir, 'file'), '')
    const error = await failure(writeFileAtomic(join(dir, 'file', 'below', 'r.json'), 'x', target))
    expect(error.code).toBe('write-failed')
    expect(error.message).toMatch(
      /cannot write \((a part of the path is not a directory|a file stands where one of its folders must be)\)$/,
    )
    // The file is the folder to make: said as such, not "it already exists".
    const direct = await failure(writeFileAtomic(join(dir, 'file', 'r.json'), 'x', target))
    expect(direct.message).toMatch(/cannot write \(a file stands where one of its folders must be\)$/)
  })
})
