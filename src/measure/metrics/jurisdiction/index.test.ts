import {describe, expect, it} from 'vitest'
import {commits, entityTable, input, org, roles} from '../../__fixtures__/project.js'
import {relist} from '../../../core/measurement.js'
import {explainMetrics, measure, measureProject} from '../../index.js'

const D = '2024-05-05T00:00:00Z'
// Fictional organisations: a parent on a list since 2020, a subsidiary inheriting it, one listed from `initechListed`.
function entitiesListing(initechListed: string) {
  return entityTable([
    org('globex', 'Globex Holdings', {
      country: 'XA',
      lists: [{list: 'watch-a', since: '2020-01-01', source: 'https://example.org/a'}],
    }),
    org('globex-labs', 'Globex Labs', {parent: 'globex', country: null}),
    org('initech', 'Initech', {
      country: 'XB',
      lists: [{list: 'watch-b', since: initechListed, source: 'https://example.org/b'}],
    }),
    org('acme', 'Acme Cloud', {country: 'XB'}),
  ])
}
// Initech is listed only after the window: not listed here.
const entities = entitiesListing('2025-03-01')
const ids = {'Globex Holdings': 'globex', 'Globex Labs': 'globex-labs', Initech: 'initech', 'Acme Cloud': 'acme'}

const data = commits(
  [
    ['g1', 'Globex Labs', D],
    ['g1', 'Globex Labs', D],
    ['g2', 'Globex Holdings', D],
    ['i1', 'Initech', D],
    ['a1', 'Acme Cloud', D],
    ['a1', 'Acme Cloud', D],
    ['x', 'Independent', D],
    ['u', null, D],
  ],
  ids,
)
const holders = roles(
  [
    ['g1', 'maintainer', 'Globex Labs'],
    ['a1', 'maintainer', 'Acme Cloud'],
    ['g3', 'reviewer', 'Globex Holdings'],
    ['i1', 'approver', 'Initech'],
  ],
  ids,
)

describe('jurisdiction metrics', () => {
  it('shares per country use every human commit as the denominator; a subsidiary does not take its parent country', () => {
    const m = measureProject(input({commits: data, roles: holders, entities}))
    expect(m).toMatchObject({
      commits_per_country: {XB: 3, XA: 1},
      commit_share_per_country: {XB: 0.375, XA: 0.125},
      contributors_per_country: {XB: 2, XA: 1},
      maintainers_per_country: {XB: 1},
      top_country: 'XB',
      top_country_share: 0.375,
      country_coverage: 0.5,
    })
  })

  it('lists are read at the window end and inherited from the parent', () => {
    const m = measureProject(input({commits: data, roles: holders, entities}))
    expect(m).toMatchObject({
      listed_commits: 3,
      listed_commit_share: 0.375,
      listed_contributors: 2,
      listed_maintainers: 1,
      listed_role_holders: 2,
      listed_organizations: ['Globex Holdings', 'Globex Labs'],
      commits_per_listed_org: {'Globex Labs': 2, 'Globex Holdings': 1},
      role_holders_per_listed_org: {'Globex Holdings': 1, 'Globex Labs': 1},
      commits_per_list: {'watch-a': 3},
      commit_share_per_list: {'watch-a': 0.375},
      role_holders_per_list: {'watch-a': 2},
      listed_maintainers_per_list: {'watch-a': 1},
    })
  })

  it('only configured lists count for the listed totals', () => {
    const m = measureProject(input({commits: data, roles: holders, entities, lists: ['watch-b']}))
    expect(m).toMatchObject({listed_commits: 0, listed_maintainers: 0, commits_per_list: {'watch-a': 3}})
  })

  it('without entity data listings and countries are unknown (null), not zero', () => {
    const m = measureProject(input({commits: data, roles: holders}))
    expect(m).toMatchObject({
      listed_commits: null,
      listed_maintainers: null,
      country_coverage: null,
      commits_per_country: null,
    })
  })

  it('explains listed maintainers with role, file and attribution source', () => {
    const i = input({commits: data, roles: holders, entities})
    const people = explainMetrics(['listed_maintainers'], i)
    expect(people).toEqual([
      {
        person: 'g1',
        organization: 'Globex Labs',
        role: 'maintainer',
        roleSource: 'MAINTAINERS.md',
        source: 'gitdm',
        citation: 'gitdm:g1',
      },
    ])
  })

  it('relisting a measurement (`stewards evaluate --lists`) equals measuring with those lists, people included', () => {
    // Two lists in force; one author commits for two listed organisations, one steward is named twice.
    const both = entitiesListing('2020-03-01')
    const more = commits(
      [
        ['g1', 'Globex Labs', D],
        ['g1', 'Initech', '2024-06-01T00:00:00Z'],
        ['g1', 'Initech', '2024-04-01T00:00:00Z'],
        ['i1', 'Initech', D],
        ['a1', 'Acme Cloud', D],
        ['u', null, D],
      ],
      ids,
    )
    const stewards = roles(
      [
        ['g1', 'maintainer', 'Globex Labs'],
        ['G1', 'approver', 'Globex Labs'],
        ['i1', 'approver', 'Initech'],
        ['a1', 'reviewer', 'Acme Cloud'],
      ],
      ids,
    )
    const measured = (lists: string[], missing: Array<'governance'> = []) =>
      measure(input({commits: more, roles: stewards, entities: both, lists, project: {missing}}))
    const saved = JSON.parse(JSON.stringify(measured(['watch-a'])))
    for (const lists of [['watch-b'], ['watch-a', 'watch-b'], ['watch-a'], []]) {
      expect(relist(saved, lists), lists.join()).toEqual(measured(lists))
    }
    const g1 = relist(saved, ['watch-a', 'watch-b']).evidence.find((g) => g.id === 'listed-authors')?.people[0]
    expect(g1).toMatchObject({person: 'g1', organization: 'Initech', commits: 3, shas: ['c001', 'c000', 'c002']})
    expect(relist(saved, ['watch-b']).metrics).toMatchObject({listed_commits: 3, listed_maintainers: 1})
    // A figure that could not be known stays unknown whatever the lists.
    const unread = JSON.parse(JSON.stringify(measured(['watch-a'], ['governance'])))
    expect(relist(unread, ['watch-b'])).toEqual(measured(['watch-b'], ['governance']))
    expect(relist(unread, ['watch-b']).metrics.listed_maintainers).toBeNull()
  })
})
