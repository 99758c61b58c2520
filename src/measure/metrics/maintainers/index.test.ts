import {describe, expect, it} from 'vitest'
import {input, roles} from '../../__fixtures__/project.js'
import {explainMetrics, measureProject} from '../../index.js'

describe('maintainers metrics', () => {
  it('figures per organisation, elephant factor and top company share of everyone listed', () => {
    const m = measureProject(
      input({
        roles: roles([
          ['alice', 'maintainer', 'Example Corp'],
          ['Bob', 'maintainer', 'Example Corp'],
          ['bob', 'maintainer', 'Example Corp'],
          ['carol', 'maintainer', 'Acme Cloud'],
          ['dave', 'maintainer', 'Independent'],
          ['erin', 'maintainer', null],
          ['frank', 'reviewer', 'Initech'],
          ['alice', 'reviewer', 'Example Corp'],
        ]),
      }),
    )
    expect(m).toMatchObject({
      maintainers: 5,
      maintainers_resolved: 4,
      maintainers_unknown: 1,
      maintainers_per_org: {'Example Corp': 2, 'Acme Cloud': 1, Independent: 1},
      // 2 of 4 resolved reach half.
      maintainer_elephant_factor: 1,
      maintainer_top_company: 'Example Corp',
      maintainer_top_companies: ['Example Corp'],
      maintainer_top_company_share: 0.4,
      maintainer_unknown_share: 0.2,
      maintainer_rule: 'roles: maintainer',
      reviewers: 2,
      reviewers_per_org: {'Example Corp': 1, Initech: 1},
      reviewer_elephant_factor: 1,
      reviewer_top_company: 'Example Corp',
      approvers: 0,
      approver_elephant_factor: null,
      approver_top_company_share: null,
    })
  })

  it('a tie at the top names every company in it, in name order; Independent is never one', () => {
    const m = measureProject(
      input({
        roles: roles([
          ['a', 'maintainer', 'Initech'],
          ['b', 'maintainer', 'Independent'],
          ['c', 'maintainer', 'Acme Cloud'],
        ]),
      }),
    )
    expect(m).toMatchObject({
      maintainer_top_company: 'Acme Cloud',
      maintainer_top_companies: ['Acme Cloud', 'Initech'],
      maintainer_top_company_share: 0.3333,
    })
    expect(measureProject(input({roles: roles([['a', 'maintainer', null]])})).maintainer_top_companies).toEqual([])
  })

  it('falls back to owners and approvers, then committers, then code owners', () => {
    const fromOwners = measureProject(
      input({
        roles: roles([
          ['a', 'approver', 'Acme Cloud'],
          ['b', 'owner', 'Initech'],
          ['c', 'reviewer', 'Acme Cloud'],
        ]),
      }),
    )
    expect(fromOwners).toMatchObject({
      maintainers: 2,
      maintainer_rule: 'roles: owner, approver',
      maintainer_elephant_factor: 1,
    })
    const fromCodeowners = measureProject(
      input({
        roles: roles([
          ['a', 'codeowner', 'Acme Cloud'],
          ['b', 'reviewer', 'Initech'],
        ]),
      }),
    )
    expect(fromCodeowners).toMatchObject({
      maintainers: 1,
      maintainer_rule: 'roles: codeowner',
      maintainer_top_company_share: 1,
    })
    // Nobody named anywhere: unknown, never zero, with the rule that says so.
    const nobody = measureProject(input({roles: []}))
    expect(nobody).toMatchObject({
      maintainer_rule: 'no governance file names maintainers',
      maintainer_teams_unresolved: [],
      approvers: 0,
    })
    for (const key of ['maintainers', 'maintainers_resolved', 'maintainers_unknown', 'maintainers_per_org'])
      expect(nobody[key], key).toBeNull()
    expect(nobody).toMatchObject({
      maintainer_elephant_factor: null,
      maintainer_top_companies: null,
      maintainer_place: null,
    })
  })

  it('teams standing for the maintainers whose members are not visible: still unknown, the teams named', () => {
    const m = measureProject({
      ...input({roles: []}),
      maintainers: {logins: [], rule: 'CODEOWNERS catch-all rule teams', teams: ['example/core', 'example/admins']},
    })
    expect(m).toMatchObject({maintainers: null, maintainer_teams_unresolved: ['example/admins', 'example/core']})
  })

  it('says where the maintainers were found', () => {
    const found = input({roles: roles([['a', 'maintainer', 'Initech']])})
    found.attributed!.roles[0].place = 'foundation'
    expect(measureProject(found).maintainer_place).toBe('foundation')
    expect(measureProject(input({roles: roles([['a', 'maintainer', null]])})).maintainer_place).toBe('repository')
  })

  it('weights each login once at its highest role; unknown stays in the denominator', () => {
    const m = measureProject(
      input({
        roles: roles([
          ['alice', 'maintainer', 'Example Corp'],
          ['alice', 'reviewer', 'Example Corp'],
          ['bob', 'approver', 'Acme Cloud'],
          ['carol', 'reviewer', null],
          ['dave', 'codeowner', 'Independent'],
          ['erin', 'security-contact', 'Initech'],
        ]),
      }),
    )
    // Weights: alice 4, bob 3, carol 2 (unknown), dave 1: total 10.
    expect(m.role_weighted_org_shares).toEqual({'Example Corp': 0.4, 'Acme Cloud': 0.3, Independent: 0.1})
    expect(m.role_weighted_top_company).toBe('Example Corp')
    expect(m.role_weighted_top_company_share).toBe(0.4)
  })

  it('explains maintainer figures with each person, role, file and attribution source', () => {
    const i = input({
      roles: roles([
        ['alice', 'maintainer', 'Example Corp'],
        ['erin', 'maintainer', null],
      ]),
    })
    expect(explainMetrics(['maintainer_top_company_share'], i)).toEqual([
      {
        person: 'alice',
        organization: 'Example Corp',
        role: 'maintainer',
        roleSource: 'MAINTAINERS.md',
        source: 'gitdm',
        citation: 'gitdm:alice',
      },
      {person: 'erin', organization: null, role: 'maintainer', roleSource: 'MAINTAINERS.md'},
    ])
  })
})
