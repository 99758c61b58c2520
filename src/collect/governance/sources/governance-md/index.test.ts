import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseGovernanceFiles, selectMaintainers} from '../../index.js'

const shared = join(import.meta.dirname, '../../../../../../shared/affiliation')

describe('GOVERNANCE.md', () => {
  it('reads the people of a section listing role holders, any case of the file name', () => {
    const content = [
      '# Widget Governance',
      '',
      '## Becoming a Maintainer',
      '',
      '- Open an issue and ask @example-lead for a sponsor.',
      '',
      '## Maintainers',
      '',
      '| Name | GitHub | Company |',
      '| --- | --- | --- |',
      '| Ada L | @ada-l | Example Corp |',
      '',
      '## Emeritus maintainers',
      '',
      '- [Old One](https://github.com/old-one)',
      '',
      'Thanks to @prose-person for the logo.',
    ].join('\n')
    for (const path of ['GOVERNANCE.md', 'governance.md']) {
      const {roles} = parseGovernanceFiles([{path, content}])
      expect(
        roles.map((r) => [r.login, r.role, r.kind, r.declaredAffiliation ?? null, r.line]),
        path,
      ).toEqual([
        ['ada-l', 'maintainer', 'governance-md', 'Example Corp', 11],
        ['old-one', 'emeritus', 'governance-md', null, 15],
      ])
    }
  })

  it('comes after the repository lists: a MAINTAINERS file wins', () => {
    const roles = parseGovernanceFiles([
      {path: 'GOVERNANCE.md', content: '## Maintainers\n- @gov-person\n'},
      {path: 'MAINTAINERS', content: '@file-person\n'},
    ]).roles
    expect(selectMaintainers(roles).holders.map((h) => h.login)).toEqual(['file-person'])
    const alone = parseGovernanceFiles([{path: 'GOVERNANCE.md', content: '## Maintainers\n- @gov-person\n'}]).roles
    expect(selectMaintainers(alone)).toMatchObject({
      rule: 'GOVERNANCE.md: maintainers',
      holders: [{login: 'gov-person'}],
    })
  })

  it.skipIf(!existsSync(shared))('names nobody in the prose of real GOVERNANCE.md files', () => {
    for (const project of [
      'volcano-sh__volcano',
      'etcd-io__etcd',
      'openkruise__kruise',
      'cert-manager__cert-manager',
    ]) {
      const content = readFileSync(join(shared, project, 'governance', 'GOVERNANCE.md'), 'utf8')
      expect(parseGovernanceFiles([{path: 'GOVERNANCE.md', content}]).roles, project).toEqual([])
    }
  })
})
