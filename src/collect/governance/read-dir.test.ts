import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {governanceOf, MAX_GOVERNANCE_FILE_BYTES, parseGovernanceFiles, readGovernanceDir} from './index.js'

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

  it("leaves out a vendored project's group file (knative/serving's vendor/google.golang.org/grpc/MAINTAINERS.md)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-governance-'))
    mkdirSync(join(dir, 'vendor', 'google.golang.org', 'grpc'), {recursive: true})
    writeFileSync(join(dir, 'OWNERS'), 'approvers:\n- dprotaso\n- dsimansk\n- skonto\n')
    writeFileSync(
      join(dir, 'README.md'),
      '# Knative Serving\n\nThis repository is maintained by the Serving working group.\n',
    )
    const grpc =
      '# Maintainers\n\n- [dfawley](https://github.com/dfawley), Google LLC\n- [easwars](https://github.com/easwars), Google LLC\n'
    writeFileSync(join(dir, 'vendor', 'google.golang.org', 'grpc', 'MAINTAINERS.md'), grpc)
    writeFileSync(join(dir, 'vendor', 'google.golang.org', 'grpc', 'TEAM.md'), grpc)
    const files = await readGovernanceDir(dir)
    expect(files.map((f) => f.path)).toEqual(['OWNERS', 'README.md'])
    const governance = governanceOf({repo: 'github.com/knative/serving', governance: files} as never)
    expect(governance.maintainers.holders.map((h) => [h.login, h.role])).toEqual([
      ['dprotaso', 'approver'],
      ['dsimansk', 'approver'],
      ['skonto', 'approver'],
    ])
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
      /^\/nonexistent\/governance: cannot read the governance directory/,
    )
  })
})
