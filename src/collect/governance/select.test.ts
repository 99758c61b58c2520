import {describe, expect, it} from 'vitest'
import type {GovernanceFile} from '../../core/model.js'
import {parseGovernance, roleGroups, selectMaintainers, toRoleHolders} from './index.js'

const owners: GovernanceFile = {
  path: 'OWNERS',
  content: 'owners:\n  - own-er\napprovers:\n  - app-one\n  - Own-Er\nreviewers:\n  - rev-one\n',
}
const codeowners: GovernanceFile = {path: 'CODEOWNERS', content: '* @catch-all @example/team\n/docs/ @docs-person\n'}
const maintainers: GovernanceFile = {
  path: 'MAINTAINERS.md',
  content: '| Name | GitHub |\n|---|---|\n| M | @main-tainer |\n',
}
const readme: GovernanceFile = {
  path: 'README.md',
  content: '## Maintainers\n- [R](https://github.com/readme-maint), Example Corp\n',
}

const maintainersOf = (files: GovernanceFile[]) => {
  const group = selectMaintainers(parseGovernance(files))
  return [group.rule, group.holders.map((h) => h.login)]
}

describe('selectMaintainers', () => {
  it('prefers a MAINTAINERS file, then README lists, then OWNERS owners + approvers, then the CODEOWNERS catch-all', () => {
    expect(maintainersOf([owners, codeowners, maintainers, readme])).toEqual([
      'MAINTAINERS file: maintainers and committers',
      ['main-tainer'],
    ])
    expect(maintainersOf([owners, codeowners, readme])).toEqual(['README role list: maintainers', ['readme-maint']])
    expect(maintainersOf([owners, codeowners])).toEqual([
      'OWNERS owners + approvers (OWNERS_ALIASES expanded)',
      ['own-er', 'app-one'],
    ])
    expect(maintainersOf([codeowners])).toEqual(['CODEOWNERS catch-all rule individuals', ['catch-all']])
    expect(maintainersOf([{path: 'GOVERNANCE.md', content: '@someone'}])).toEqual([
      'no governance file names maintainers',
      [],
    ])
  })

  it('groups every role for role-weighted views, each login once', () => {
    const groups = roleGroups(parseGovernance([owners, codeowners, {path: 'SECURITY_CONTACTS', content: 'sec-one\n'}]))
    expect(groups.map((g) => [g.id, g.holders.map((h) => h.login)])).toEqual([
      ['maintainers', ['own-er', 'app-one']],
      ['approvers', ['app-one', 'Own-Er']],
      ['reviewers', ['rev-one']],
      ['committers', []],
      ['codeowners', ['catch-all', 'docs-person']],
      ['security-contacts', ['sec-one']],
      ['triagers', []],
    ])
  })

  it('keeps triagers out of the maintainers, in a group of their own; emeritus triagers are emeritus', () => {
    const content = [
      '- Maintainers:',
      '  - [Lin T](https://github.com/lin-t)',
      '- Triagers:',
      '  - [Tri A](https://github.com/tri-a)',
      '- Emeritus Triagers:',
      '  - [Old T](https://github.com/old-t)',
    ].join('\n')
    const roles = parseGovernance([{path: 'README.md', content}])
    expect(roles.map((r) => [r.login, r.role])).toEqual([
      ['lin-t', 'maintainer'],
      ['tri-a', 'triager'],
      ['old-t', 'emeritus'],
    ])
    expect(selectMaintainers(roles).holders.map((h) => h.login)).toEqual(['lin-t'])
    expect(
      roleGroups(roles)
        .find((g) => g.id === 'triagers')
        ?.holders.map((h) => h.login),
    ).toEqual(['tri-a'])
  })

  it('narrows to the shared RoleHolder shape', () => {
    expect(toRoleHolders(parseGovernance([readme]))).toEqual([
      {login: 'readme-maint', role: 'maintainer', source: 'README.md:2', declaredAffiliation: 'Example Corp'},
    ])
  })
})
