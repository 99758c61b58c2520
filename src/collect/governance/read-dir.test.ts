import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {readGovernanceDir} from './index.js'

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
    const files = await readGovernanceDir(dir)
    expect(files.map((f) => f.path)).toEqual(['.github/CODEOWNERS', 'OWNERS', 'external/example__project/MAINTAINERS'])
    expect(files[1].content).toBe('approvers: [a]\n')
  })

  it('is a usage error naming a missing directory', async () => {
    await expect(readGovernanceDir('/nonexistent/governance')).rejects.toThrow(
      /^\/nonexistent\/governance: cannot read the governance directory/,
    )
  })
})
