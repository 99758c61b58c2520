import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {MAX_GOVERNANCE_FILE_BYTES, parseGovernanceFiles, readGovernanceDir} from './index.js'

describe('readGovernanceDir', () => {
  it('reads the governance files of a directory laid out like the repository, in path order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-governance-'))
    mkdirSync(join(dir, '.github'))
    mkdirSync(join(dir, 'external', 'example__project'), {recursive: true})
    mkdirSync(join(dir, 'pkg'))
    writeFileSync(join(dir, 'OWNERS'), 'approvers: [a]\n')
    writeFileSync(join(dir, '.github', 'CODEOWNERS'), '* @a\n')
    writeFileSync(join(dir, 'external', 'example__project', 'MAINTAINERS'), '"a","A","a@example.com",""\n')
    writeFileSync(join(dir, 'pkg', 'OWNERS'), 'approvers: [b]\n')
    writeFileSync(join(dir, 'GOVERNANCE.md'), 'prose\n')
    writeFileSync(join(dir, 'Readme.md'), '# x\n')
    writeFileSync(join(dir, 'security.md'), 'mail us\n')
    writeFileSync(join(dir, 'NOTES.md'), 'not governance\n')
    const files = await readGovernanceDir(dir)
    expect(files.map((f) => f.path)).toEqual([
      '.github/CODEOWNERS',
      'GOVERNANCE.md',
      'OWNERS',
      'Readme.md',
      'external/example__project/MAINTAINERS',
      'security.md',
    ])
    expect(files[2].content).toBe('approvers: [a]\n')
  })

  it('reads a file over the size cap no further, and the parser reports it not read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-governance-'))
    writeFileSync(join(dir, 'MAINTAINERS'), `@ada-l\n${'x'.repeat(MAX_GOVERNANCE_FILE_BYTES)}\n`)
    const files = await readGovernanceDir(dir)
    expect(files[0].content.length).toBe(MAX_GOVERNANCE_FILE_BYTES + 1)
    expect(parseGovernanceFiles(files)).toEqual({
      roles: [],
      teams: [],
      problems: [
        {
          file: 'MAINTAINERS',
          message: `larger than the 1 MiB cap on governance files (${MAX_GOVERNANCE_FILE_BYTES + 1} bytes): not read`,
          unread: true,
        },
      ],
    })
  })

  it('is a usage error naming a missing directory', async () => {
    await expect(readGovernanceDir('/nonexistent/governance')).rejects.toThrow(
      /^\/nonexistent\/governance: cannot read governance directory/,
    )
  })
})
