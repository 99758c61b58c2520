import {describe, expect, it} from 'vitest'
import {runCli} from './support/cli.js'

describe('exit-code contract', () => {
  it('an unknown command is a usage error (3) with a hint', async () => {
    const r = await runCli(['no-such-command'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain("unknown command 'no-such-command'")
    expect(r.stderr).toContain('Hint:')
  })
})
