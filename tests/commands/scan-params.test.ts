import {describe, expect, it} from 'vitest'
import {runCli} from '../support/cli.js'

describe('stewards scan --param', () => {
  it('an out-of-range value is a usage error naming the rule, the parameter and the range, not a silently disabled rule', async () => {
    const r = await runCli([
      'scan',
      'fixtures/demo',
      '--param',
      'single-org-majority.max_share=5',
      '--param',
      'single-org-majority.min_attributed_commits=-3',
    ])
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(
      "rule parameter overrides: single-org-majority: parameter 'max_share' must be within [0, 1] (a share), got 5; " +
        "single-org-majority: parameter 'min_attributed_commits' must be a whole number >= 0 (a count), got -3",
    )
  })
})
