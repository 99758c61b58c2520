import {describe, expect, it} from 'vitest'
import {join} from 'node:path'
import {ALIAS_BOMB} from '../../__fixtures__/people.js'
import {parseGovernanceFiles, readGovernanceDir, selectMaintainers, selectRoles} from '../../index.js'

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

  it('a group name no OWNERS_ALIASES defines is a stale alias, not a person (knative/serving OWNERS)', () => {
    const owners = ['approvers:', '- widget-wg-leads', '- technical-oversight-committee', '- solo-approver'].join('\n')
    const aliases = ['aliases:', '  widget-wg-leads:', '  - ada-l'].join('\n')
    const {roles, problems} = parseGovernanceFiles([
      {path: 'OWNERS', content: owners},
      {path: 'OWNERS_ALIASES', content: aliases},
    ])
    expect(roles.map((r) => [r.login, r.role, r.line])).toEqual([
      ['ada-l', 'approver', 2],
      ['solo-approver', 'approver', 4],
    ])
    expect(problems).toEqual([
      {
        file: 'OWNERS',
        line: 3,
        message:
          "'technical-oversight-committee' names a group, and no OWNERS_ALIASES here defines it: not read as a person",
      },
    ])
  })

  it("a name ending like a group's that an alias lists among its members is a person, read", () => {
    const owners = ['approvers:', '- ada-leads', '- lin-maintainers'].join('\n')
    const aliases = ['aliases:', '  widget-approvers:', '  - ada-leads', '  - mo-k'].join('\n')
    const {roles, problems} = parseGovernanceFiles([
      {path: 'OWNERS', content: owners},
      {path: 'OWNERS_ALIASES', content: aliases},
    ])
    expect(roles.map((r) => [r.login, r.role, r.line, r.via ?? null])).toEqual([['ada-leads', 'approver', 2, null]])
    expect(problems).toEqual([
      {
        file: 'OWNERS',
        line: 3,
        message: "'lin-maintainers' names a group, and no OWNERS_ALIASES here defines it: not read as a person",
      },
    ])
  })

  it('resolves YAML anchors, aliases and merge keys, as Prow reads them', () => {
    const aliases = [
      'aliases:',
      '  leads: &leads',
      '    - ada-example',
      '    - lin-example',
      '  reviewers-all:',
      '    - *leads',
      '    - mo-example',
    ].join('\n')
    const owners = [
      'base: &base',
      '  approvers: *leads-list',
      'leads-list: &leads-list',
      '  - reviewers-all',
      'approvers: *leads-list',
      'filters:',
      '  ".*":',
      '    <<: {reviewers: [kai-example]}',
    ].join('\n')
    const {roles, problems} = parseGovernanceFiles([
      {path: 'OWNERS', content: owners.replace('  approvers: *leads-list\n', '  approvers: [ada-example]\n')},
      {path: 'OWNERS_ALIASES', content: aliases},
    ])
    expect(problems).toEqual([])
    expect(roles.map((r) => [r.login, r.role, r.line, r.via ?? null])).toEqual([
      ['ada-example', 'approver', 4, 'OWNERS_ALIASES:3 reviewers-all'],
      ['lin-example', 'approver', 4, 'OWNERS_ALIASES:4 reviewers-all'],
      ['mo-example', 'approver', 4, 'OWNERS_ALIASES:7 reviewers-all'],
      ['kai-example', 'reviewer', 8, null],
    ])
  })

  it('reports an alias bomb with its file and line and reads nothing of it', () => {
    const {roles, problems} = parseGovernanceFiles([{path: 'OWNERS', content: ALIAS_BOMB}])
    expect(roles).toEqual([])
    expect(problems).toEqual([
      {
        file: 'OWNERS',
        line: 4,
        message: 'YAML aliases expand beyond the limit of 100 (a "billion laughs" bomb?): not read',
        unread: true,
      },
    ])
  })
})

describe('real files: kubernetes/community (__fixtures__/real/SOURCES.md)', () => {
  it('expands OWNERS_ALIASES inside filters, keeps emeritus apart and a team in required_reviewers as a team', async () => {
    const files = await readGovernanceDir(join(import.meta.dirname, '../../__fixtures__/real/kubernetes__community'))
    const {roles, teams, problems} = parseGovernanceFiles(files)
    expect(problems).toEqual([])
    const approvers = selectRoles(roles, {roles: ['approver']}).map((r) => r.login)
    expect(approvers).toEqual([
      'cblecker',
      'mrbobbytables',
      'nikhita',
      'jberkus',
      'MadhavJivrajani',
      'Priyankasaggu11929',
      'kaslin',
      'mfahlandt',
      'palnabarun',
      'BenTheElder',
      'aojea',
      'katcosgrove',
      'pacoxu',
      'ritazh',
      'saschagrunert',
      'soltysh',
    ])
    expect(roles.find((r) => r.login === 'aojea')).toMatchObject({
      section: 'filter .* approvers',
      via: 'OWNERS_ALIASES:10 committee-steering',
      source: 'OWNERS:11',
    })
    expect(selectRoles(roles, {roles: ['emeritus']})).toHaveLength(8)
    expect(teams).toEqual([
      {
        team: 'kubernetes/steering-committee',
        file: 'OWNERS',
        line: 28,
        section: 'filter (?i)charter.md required_reviewers',
      },
    ])
    expect(selectMaintainers(roles).rule).toBe('OWNERS owners, maintainers + approvers (OWNERS_ALIASES expanded)')
  })
})

describe('real files: helm/helm (__fixtures__/real/SOURCES.md)', () => {
  it('reads the maintainers, triage and emeritus lists of Helm OWNERS, and its maintainers are the maintainers', async () => {
    const files = await readGovernanceDir(join(import.meta.dirname, '../../__fixtures__/real/helm__helm'))
    const {roles, problems} = parseGovernanceFiles(files)
    expect(problems).toEqual([])
    const maintainers = selectMaintainers(roles)
    expect(maintainers.rule).toBe('OWNERS owners, maintainers + approvers (OWNERS_ALIASES expanded)')
    expect(maintainers.holders.map((r) => r.login)).toEqual([
      'banjoh',
      'gjenkins8',
      'joejulian',
      'marckhouzam',
      'mattfarina',
      'robertsirc',
      'sabre1041',
      'scottrigby',
      'technosophos',
      'TerryHowe',
    ])
    expect(maintainers.holders[0]).toMatchObject({source: 'OWNERS:2', section: 'maintainers'})
    expect(selectRoles(roles, {roles: ['triager']}).map((r) => r.login)).toEqual(['yxxhero', 'zonggen', 'z4ce'])
    expect(selectRoles(roles, {roles: ['emeritus']})).toHaveLength(16)
    expect(roles.every((r) => r.declaredAffiliation === undefined)).toBe(true)
  })
})
