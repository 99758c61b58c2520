/**
 * What a hostile tree or a mistaken argument cannot make the walk and its messages do (src/discover/index.ts,
 * src/discover/walk.ts): print a credential, read one file twice through a link.
 */
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/cli.js'

describe('a PATH that is a URL with credentials', () => {
  it('is a usage error that never prints the password or the token', async () => {
    const password = await runCli(['inventory', 'https://alice:s3cret@git.example.com/org/repo'])
    expect(password.code).toBe(3)
    expect(password.stdout).toBe('')
    expect(password.stderr).toBe(
      'Error: https://***@git.example.com/org/repo: no such file or directory\nHint: check the PATH arguments\n',
    )
    const token = await runCli(['inventory', '.', 'https://ghp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA@github.com/o/r'])
    expect(token.stderr).toBe(
      'Error: https://***@github.com/o/r: no such file or directory\nHint: check the PATH arguments\n',
    )
  })
})
