import {describe, expect, it} from 'vitest'
import {parseGovernanceFiles} from '../../index.js'

describe('OWNERS and OWNERS_ALIASES', () => {
  it('reads approvers, reviewers, owners, emeritus and filters, expanding aliases of the same directory', () => {
    const owners = [
      '# See the OWNERS docs at https://go.k8s.io/owners',
      'owners:',
      '  - lead-one',
      'approvers:',
      '  - team-leads     # an alias',
      '  - solo-approver',
      'reviewers:',
      '- Solo-Approver',
      'emeritus_approvers:',
      '  - old-timer',
      'filters:',
      '  ".*\\\\.go$":',
      '    reviewers:',
      '      - go-reviewer',
      'options:',
      '  no_parent_owners: true',
    ].join('\n')
    const aliases = ['aliases:', '  team-leads:', '    - lead-one', '    - lead-two'].join('\n')
    const {roles, problems} = parseGovernanceFiles([
      {path: 'OWNERS', content: owners},
      {path: 'OWNERS_ALIASES', content: aliases},
    ])
    expect(problems).toEqual([])
    expect(roles.map((r) => [r.login, r.role, r.source, r.section, r.via])).toEqual([
      ['lead-one', 'owner', 'OWNERS:3', 'owners', undefined],
      ['lead-one', 'approver', 'OWNERS:5', 'approvers', 'OWNERS_ALIASES:3 team-leads'],
      ['lead-two', 'approver', 'OWNERS:5', 'approvers', 'OWNERS_ALIASES:4 team-leads'],
      ['solo-approver', 'approver', 'OWNERS:6', 'approvers', undefined],
      ['Solo-Approver', 'reviewer', 'OWNERS:8', 'reviewers', undefined],
      ['old-timer', 'emeritus', 'OWNERS:10', 'emeritus_approvers', undefined],
      ['go-reviewer', 'reviewer', 'OWNERS:14', 'filter .*\\.go$ reviewers', undefined],
    ])
  })

  it('reports broken files and entries with file and line, and keeps what it can', () => {
    const {roles, problems} = parseGovernanceFiles([
      {path: 'OWNERS', content: 'approvers:\n  - good-one\n  - not a login\n'},
      {path: 'external/example__project/OWNERS', content: 'approvers: [unclosed\n'},
      {path: 'external/example__project/OWNERS_ALIASES', content: '- just\n- a list\n'},
    ])
    expect(roles.map((r) => r.login)).toEqual(['good-one'])
    expect(problems).toEqual([
      {file: 'OWNERS', line: 3, message: "'not a login' is neither a GitHub login nor an alias"},
      {file: 'external/example__project/OWNERS_ALIASES', line: 1, message: 'expected an `aliases:` mapping'},
      expect.objectContaining({file: 'external/example__project/OWNERS', line: 2}),
    ])
  })

  it('does not expand YAML aliases (no bomb can grow)', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a]',
      'approvers: [*b, *b, *b, *b, *b, *b, *b, *b, real-one]',
    ].join('\n')
    const {roles} = parseGovernanceFiles([{path: 'OWNERS', content: bomb}])
    expect(roles.map((r) => r.login)).toEqual(['real-one'])
  })
})
