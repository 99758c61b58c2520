import {describe, expect, it} from 'vitest'
import type {GovernanceFile} from '../../core/model.js'
import {governanceOf, parseGovernance, roleGroups, selectMaintainers, teamsToResolve, toRoleHolders} from './index.js'

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

/** A collected project whose governance files are `files`, and nothing else. */
const collectedWith = (files: GovernanceFile[]) => ({
  repo: 'github.com/example/widget',
  source: 'github' as const,
  status: 'ok' as const,
  window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
  commits: [],
  governance: files,
  profiles: {},
})

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
    expect(maintainersOf([owners, codeowners, readme])).toEqual([
      'README or AUTHORS role list: maintainers',
      ['readme-maint'],
    ])
    expect(maintainersOf([owners, codeowners])).toEqual([
      'OWNERS owners, maintainers + approvers (OWNERS_ALIASES expanded)',
      ['own-er', 'app-one'],
    ])
    expect(maintainersOf([codeowners])).toEqual(['CODEOWNERS catch-all rule individuals', ['catch-all']])
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
      // Written beside the person, not in a company column: evidence only if the organisation data knows it.
      {
        login: 'readme-maint',
        role: 'maintainer',
        source: 'README.md:2',
        declaredAffiliation: 'Example Corp',
        declaredBeside: true,
      },
    ])
  })

  it('goes outwards after the repository: GOVERNANCE.md, the organisation, a foundation; else unknown', () => {
    const org = {place: 'organisation' as const, repo: 'github.com/example/community'}
    const foundation = {place: 'foundation' as const, repo: 'github.com/cncf/foundation', scope: 'project' as const}
    const csv = {
      path: 'external/cncf__foundation/project-maintainers.csv',
      content:
        ',Project,Maintainer Name,Company,Github Name,OWNERS/MAINTAINERS\nSandbox,Widget,Ada,Example Corp,fdn-one,https://github.com/example/widget/blob/main/OWNERS\n',
      origin: foundation,
    }
    const wide = {
      path: 'external/example__community/CORE-MAINTAINERS',
      content: '@org-wide\n',
      origin: {...org, scope: 'organisation' as const},
    }
    const widget = {host: 'github.com', owner: 'example', name: 'widget'}
    const rule = (files: GovernanceFile[]) => selectMaintainers(parseGovernance(files, widget)).rule
    expect(rule([{path: 'GOVERNANCE.md', content: '## Maintainers\n- @gov\n'}, csv, wide])).toBe(
      'GOVERNANCE.md: maintainers',
    )
    expect(rule([csv, wide])).toBe('foundation list: the project maintainers it names')
    expect(rule([wide])).toBe('organisation-wide list: maintainers')
    expect(maintainersOf([{path: 'GOVERNANCE.md', content: '@someone'}])).toEqual([
      'no governance file names maintainers',
      [],
    ])
  })

  it('a CODEOWNERS team standing for the maintainers: its members when visible, else the team, never nobody', () => {
    const files = [{path: '.github/CODEOWNERS', content: '* @example/maintainers\n/docs/ @example/docs\n'}]
    const project = collectedWith(files)
    expect(teamsToResolve(files)).toEqual(['example/maintainers'])
    const hidden = governanceOf({...project, teams: {'example/maintainers': {members: null, reason: 'not visible'}}})
    expect(hidden.maintainers).toMatchObject({holders: [], teams: ['example/maintainers']})
    const visible = governanceOf({...project, teams: {'example/maintainers': {members: ['ada-l', 'lin-t']}}})
    expect(visible.maintainers.rule).toBe('CODEOWNERS catch-all rule individuals')
    expect(visible.maintainers.holders.map((h) => [h.login, h.via, h.source])).toEqual([
      ['ada-l', '@example/maintainers', '.github/CODEOWNERS:1'],
      ['lin-t', '@example/maintainers', '.github/CODEOWNERS:1'],
    ])
  })

  it('a triage team of the catch-all rule does not stand for the maintainers (npm/node-semver CODEOWNERS)', () => {
    const files = [{path: '.github/CODEOWNERS', content: '* @example/cli-team @example/cli-triage\n'}]
    const project = collectedWith(files)
    expect(teamsToResolve(files)).toEqual(['example/cli-team'])
    const hidden = governanceOf({...project, teams: {}})
    expect(hidden.maintainers).toMatchObject({holders: [], teams: ['example/cli-team']})
    const visible = governanceOf({
      ...project,
      teams: {'example/cli-team': {members: ['ada-l']}, 'example/cli-triage': {members: ['tri-ager', 'ada-l']}},
    })
    expect(visible.maintainers.holders.map((h) => [h.login, h.via])).toEqual([['ada-l', '@example/cli-team']])
    // Still a code owner of every file, as the file says.
    expect(visible.roles.map((r) => [r.login, r.role, r.via])).toEqual([
      ['ada-l', 'codeowner', '@example/cli-team'],
      ['tri-ager', 'codeowner', '@example/cli-triage'],
      ['ada-l', 'codeowner', '@example/cli-triage'],
    ])
  })
})
