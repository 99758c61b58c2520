import {describe, expect, it} from 'vitest'
import {parseGovernanceFiles} from './index.js'

const people = (path: string, content: string) =>
  parseGovernanceFiles([{path, content}]).roles.map((r) => [
    r.login,
    r.role,
    r.section ?? null,
    r.declaredAffiliation ?? null,
    r.line,
  ])

describe('MAINTAINERS.md', () => {
  it('reads tables by their GitHub column and declared company column, by section', () => {
    const content = [
      '# Widgets Maintainers',
      '',
      '## Current',
      '',
      '| Maintainer | GitHub ID | Affiliation | Email |',
      '|------------|-----------|-------------|-------|',
      '| Ada L      | @ada-l    | Example Corp | <ada@example.com> |',
      '| Grace H    | [grace-h](https://github.com/grace-h) | Sample Labs | |',
      '| Lin T      | lin-t     | - | |',
      '',
      '## Emeritus',
      '',
      '| Maintainer | GitHub ID | Affiliation |',
      '| --- | --- | --- |',
      '| Old One | [old-one](https://github.com/old-one) | Gone Inc |',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Current', 'Example Corp', 7],
      ['grace-h', 'maintainer', 'Current', 'Sample Labs', 8],
      ['lin-t', 'maintainer', 'Current', null, 9],
      ['old-one', 'emeritus', 'Emeritus', 'Gone Inc', 15],
    ])
  })

  it('reads bullet lists under labels; other roles ("release coordinators") are not maintainers', () => {
    const content = [
      '# Maintainers',
      '',
      'General maintainers:',
      '* Ada L (ada@example.com / @ada-l)',
      '',
      'Maintainers for specific parts of the codebase:',
      '* `storage`',
      '  * `remote`: Grace H (<grace@example.org> / @grace-h), Lin T (<lin@example.net> / @lin-t)',
      '* `web`: Mo K (<mo@example.com> @mo-k),',
      'Continued On Next Line (<cont@example.com> / @cont-line)',
      '',
      'Release coordinators:',
      '* Ada L (<ada@example.com> / @ada-l)',
      '* Rel Person (<rel@example.com> / @rel-person)',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([
      ['ada-l', 'maintainer', 'General maintainers', null, 4],
      ['grace-h', 'maintainer', 'Maintainers for specific parts of the codebase', null, 8],
      ['lin-t', 'maintainer', 'Maintainers for specific parts of the codebase', null, 8],
      ['mo-k', 'maintainer', 'Maintainers for specific parts of the codebase', null, 9],
      ['cont-line', 'maintainer', 'Maintainers for specific parts of the codebase', null, 10],
    ])
  })

  it('skips code blocks and comments; setext headings count', () => {
    const content = [
      'Reviewers',
      '---------',
      '',
      '```',
      '@in-code',
      '```',
      '<!-- @in-comment',
      '-->',
      '- @real-reviewer',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([['real-reviewer', 'reviewer', 'Reviewers', null, 9]])
  })
})

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
