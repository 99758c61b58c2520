/**
 * Governance files come from upstreams, which may be hostile. Lines a parser's expressions would take for ever on (a
 * recheck ReDoS scan of src/ found them): each is read at once now, and a line longer than MAX_GOVERNANCE_LINE is
 * emptied before any parser sees it. A regression shows as this test's timeout, not as a timed assertion.
 */
import {describe, expect, it} from 'vitest'
import {parseGovernanceFiles} from './index.js'
import {MAX_GOVERNANCE_LINE} from './limits.js'

const spaces = (n: number) => '\t'.repeat(n)

describe('governance lines that made the parsers backtrack', () => {
  it('reads people around them, at their lines', () => {
    const maintainersMd = [
      // `(.*?)\s*#*\s*$` after a heading's `#`: cubic in the spaces.
      `# ${spaces(900)}\u0000${spaces(900)}`,
      '',
      '| Name | GitHub | Company |',
      '| --- | --- | --- |',
      '| Ada L | @ada-l | Example Corp |',
      // Longer than any line a parser reads: emptied, whatever it says.
      `| Eve | @eve-x | ${'x'.repeat(MAX_GOVERNANCE_LINE)} |`,
    ].join('\n')
    const maintainersText = [
      // `Name, Company <email> (github: @login`: a lazy company between runs of spaces was cubic.
      `A,${spaces(700)}B${spaces(700)}(github: @x`,
      'Grace Hopper, Example Corp <grace@example.com> (github: @grace-h)',
    ].join('\n')
    const {roles} = parseGovernanceFiles([
      {path: 'MAINTAINERS.md', content: maintainersMd},
      {path: 'MAINTAINERS', content: maintainersText},
    ])
    // (`@x` names a handle on a line of the MAINTAINERS text file, whose every line counts.)
    expect(roles.map((r) => [r.kind, r.login, r.declaredAffiliation ?? null, r.line])).toEqual([
      ['maintainers', 'x', null, 1],
      ['maintainers', 'grace-h', 'Example Corp', 2],
      ['maintainers', 'ada-l', 'Example Corp', 5],
    ])
  })
})
