import {describe, expect, it} from 'vitest'
import {parseGovernanceFiles} from './index.js'

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
