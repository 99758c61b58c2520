import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {people} from '../../__fixtures__/people.js'
import {parseGovernanceFiles} from '../../index.js'

describe('plain MAINTAINERS', () => {
  it('reads containerd-style CSV rows under COMMITTERS / REVIEWERS headings', () => {
    const content = [
      '# example project maintainers',
      '#',
      '# See GOVERNANCE.md for committer versus reviewer roles',
      '#',
      '# COMMITTERS',
      '# GitHub ID, Name, Email address, GPG fingerprint',
      '"ada-l","Ada L","ada@example.com","C020 EA87"',
      '"grace-h","Grace H","grace@example.org",""',
      '#',
      '# REVIEWERS',
      '# GitHub ID, Name, Email address, GPG fingerprint',
      '"lin-t","Lin T","lin@example.net",""',
      '"not valid!","Bad Row","x@example.net",""',
      '# EMERITUS',
      '"old-one","Old One","old@example.com",""',
    ].join('\n')
    const {roles, problems} = parseGovernanceFiles([{path: 'external/example__project/MAINTAINERS', content}])
    expect(roles.map((r) => [r.login, r.role, r.section, r.source])).toEqual([
      ['ada-l', 'committer', 'COMMITTERS', 'external/example__project/MAINTAINERS:7'],
      ['grace-h', 'committer', 'COMMITTERS', 'external/example__project/MAINTAINERS:8'],
      ['lin-t', 'reviewer', 'REVIEWERS', 'external/example__project/MAINTAINERS:12'],
      ['old-one', 'emeritus', 'EMERITUS', 'external/example__project/MAINTAINERS:15'],
    ])
    expect(problems).toEqual([
      {file: 'external/example__project/MAINTAINERS', line: 13, message: "'not valid!' is not a GitHub login"},
    ])
  })

  it('reads @handles and profile links on other lines; before any heading people are maintainers', () => {
    const content = [
      'Ada L <ada@example.com> (@ada-l)',
      'Grace H https://github.com/grace-h',
      'Mail only <x@example.com>',
    ].join('\n')
    const {roles} = parseGovernanceFiles([{path: 'MAINTAINERS', content}])
    expect(roles.map((r) => [r.login, r.role])).toEqual([
      ['ada-l', 'maintainer'],
      ['grace-h', 'maintainer'],
    ])
  })
})

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

describe('real files: fluxcd/community CORE-MAINTAINERS (__fixtures__/real/SOURCES.md)', () => {
  it('reads "Name, Company <email> (github: @login)" lines with the company they declare', () => {
    const path = join(import.meta.dirname, '../../__fixtures__/real/fluxcd__community/CORE-MAINTAINERS')
    const {roles, problems} = parseGovernanceFiles([{path: 'CORE-MAINTAINERS', content: readFileSync(path, 'utf8')}])
    expect(problems).toEqual([])
    expect(roles.map((r) => [r.login, r.role, r.declaredAffiliation ?? null, r.line])).toEqual([
      ['relu', 'maintainer', 'NexHealth', 15],
      ['hiddeco', 'maintainer', 'Independent', 16],
      ['stealthybox', 'maintainer', 'ControlPlane', 17],
      ['matheuscscp', 'maintainer', 'ControlPlane', 18],
      ['makkes', 'maintainer', 'Associmates', 19],
      ['pjbgf', 'maintainer', 'SUSE', 20],
      ['aryan9600', 'maintainer', 'Independent', 21],
      ['souleb', 'maintainer', 'Independent', 22],
      ['stefanprodan', 'maintainer', 'ControlPlane', 23],
    ])
  })
})

describe('file names', () => {
  it('are found in any usual case (maintainers.md, Maintainers), never a look-alike', () => {
    const content = '- @ada-l\n'
    for (const path of ['maintainers.md', 'Maintainers.md', 'MAINTAINERS.MD', 'maintainers', 'docs/x/MAINTAINERS'])
      expect(parseGovernanceFiles([{path, content}]).roles.length, path).toBe(path.includes('/') ? 0 : 1)
    expect(parseGovernanceFiles([{path: 'MAINTAINERS-old.md', content}]).roles).toEqual([])
  })
})
