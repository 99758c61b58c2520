import {describe, expect, it} from 'vitest'
import {people} from '../../__fixtures__/people.js'
import {parseGovernanceFiles} from '../../index.js'

describe('README role lists', () => {
  it('reads people only under labels or headings naming a role (triagers too), with the company after the link', () => {
    const content = [
      '# Widgets',
      'Thanks to @not-a-role for the logo.',
      '',
      'Here is a list of community roles with current and previous members:',
      '',
      '- Triagers ([@example/widgets-triagers](https://github.com/orgs/example/teams/widgets-triagers)):',
      '  - [Tri Ager](https://github.com/tri-ager), Example Corp',
      '- Approvers ([@example/widgets-approvers](https://github.com/orgs/example/teams/widgets-approvers)):',
      '',
      '   - [Ada L](https://github.com/ada-l), Example Corp',
      '   - [Grace H](https://github.com/grace-h)',
      '',
      '- Emeritus Approvers:',
      '   - [Old One](https://github.com/old-one)',
      '',
      '- Maintainers ([@example/widgets-maintainers](https://github.com/orgs/example/teams/widgets-maintainers)):',
      '   - [Lin T](https://github.com/lin-t), Sample Labs',
      '',
      'Learn more in [the community repo](https://github.com/example/community/blob/main/roles.md).',
      '- [Not Listed](https://github.com/not-listed)',
      '',
      '## Maintainers',
      '| Name | Handle |',
      '| --- | --- |',
      '| Mo K | @mo-k |',
    ].join('\n')
    expect(people('README.md', content)).toEqual([
      ['tri-ager', 'triager', 'Triagers', 'Example Corp', 7],
      ['ada-l', 'approver', 'Approvers', 'Example Corp', 10],
      ['grace-h', 'approver', 'Approvers', null, 11],
      ['old-one', 'emeritus', 'Emeritus Approvers', null, 14],
      ['lin-t', 'maintainer', 'Maintainers', 'Sample Labs', 17],
      ['mo-k', 'maintainer', 'Maintainers', null, 25],
    ])
    const {teams} = parseGovernanceFiles([{path: 'README.md', content}])
    expect(teams.map((t) => [t.team, t.line])).toEqual([
      ['example/widgets-triagers', 6],
      ['example/widgets-approvers', 8],
      ['example/widgets-maintainers', 16],
    ])
  })
})

describe('README file names', () => {
  it('are found in any usual case (Readme.md, readme.md)', () => {
    const content = '## Maintainers\n- @ada-l\n'
    for (const path of ['README.md', 'Readme.md', 'readme.md', 'README'])
      expect(
        parseGovernanceFiles([{path, content}]).roles.map((r) => r.kind),
        path,
      ).toEqual(['readme'])
  })
})
