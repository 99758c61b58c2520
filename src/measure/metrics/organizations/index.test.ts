import {describe, expect, it} from 'vitest'
import {type CommitRow, commits, entityTable, input, org} from '../../__fixtures__/project.js'
import {explainMetrics, measureProject} from '../../index.js'

const D = '2024-06-01T10:00:00Z'
function rows(spec: Array<[string, string | null, number]>): CommitRow[] {
  return spec.flatMap(([person, organization, n]) =>
    Array.from({length: n}, (): CommitRow => [person, organization, D]),
  )
}

const mixed = rows([
  ['alice', 'Example Corp', 5],
  ['bob', 'Example Corp', 1],
  ['carol', 'Acme Cloud', 3],
  ['dave', 'Independent', 2],
  ['erin', null, 4],
  ['frank', 'Initech', 1],
])

describe('organizations metrics', () => {
  it('counts, shares and the elephant factor follow the reference conventions', () => {
    const m = measureProject(input({commits: commits([...mixed, ['dependabot[bot]', null, D, true]])}))
    expect(m).toMatchObject({
      attributed_commits: 12,
      unknown_commits: 4,
      independent_commits: 2,
      company_commits: 10,
      unknown_share: 0.25,
      independent_share: 0.125,
      commit_coverage: 0.75,
      attributed_contributors: 5,
      author_coverage: 0.8333,
      commits_per_org: {'Example Corp': 6, 'Acme Cloud': 3, Independent: 2, Initech: 1},
      contributors_per_org: {'Example Corp': 2, 'Acme Cloud': 1, Independent: 1, Initech: 1},
      org_count: 3,
      elephant_factor: 1,
      elephant_factor_excl_independent: 1,
      top_org: 'Example Corp',
      top_org_share: 0.5,
      top_company: 'Example Corp',
      top_company_share: 0.5,
      top_company_share_of_human: 0.375,
      top_company_share_of_companies: 0.6,
    })
    expect(Object.keys(m.commits_per_org as object)).toEqual(['Example Corp', 'Acme Cloud', 'Independent', 'Initech'])
  })

  it('Independent is one organisation for the elephant factor but never the top company', () => {
    const m = measureProject(
      input({
        commits: commits(
          rows([
            ['dave', 'Independent', 7],
            ['alice', 'Example Corp', 5],
            ['carol', 'Acme Cloud', 4],
          ]),
        ),
      }),
    )
    expect(m).toMatchObject({
      top_org: 'Independent',
      top_org_share: 0.4375,
      elephant_factor: 2,
      elephant_factor_excl_independent: 1,
      top_company: 'Example Corp',
      top_company_share: 0.3125,
      // Companies only: Example Corp's 5 of the 9 company commits.
      company_commits: 9,
      top_company_share_of_companies: 0.5556,
    })
  })

  it('breaks ties by name and reaches half with exactly 50%', () => {
    const m = measureProject(
      input({
        commits: commits(
          rows([
            ['a', 'Initech', 4],
            ['b', 'Acme Cloud', 4],
          ]),
        ),
      }),
    )
    expect(m.top_company).toBe('Acme Cloud')
    expect(m.elephant_factor).toBe(1)
  })

  it('unknown stays unknown: no attributed commit gives nulls, not a reassuring zero', () => {
    const m = measureProject(input({commits: commits(rows([['erin', null, 3]]))}))
    expect(m).toMatchObject({
      attributed_commits: 0,
      unknown_share: 1,
      commit_coverage: 0,
      elephant_factor: null,
      top_company: null,
      top_company_share: null,
      company_commits: 0,
      top_company_share_of_companies: null,
      commits_per_org: {},
    })
  })

  it('rolls subsidiaries up to their parent from the entity data', () => {
    const entities = entityTable([
      org('example-corp', 'Example Corp'),
      org('example-labs', 'Example Labs', {parent: 'example-corp'}),
    ])
    const ids = {'Example Corp': 'example-corp', 'Example Labs': 'example-labs'}
    const data = rows([
      ['a', 'Example Labs', 3],
      ['b', 'Example Corp', 2],
      ['c', 'Acme Cloud', 4],
    ])
    const m = measureProject(input({commits: commits(data, ids), entities}))
    expect(m.top_company).toBe('Acme Cloud')
    expect(m.commits_per_parent_org).toEqual({'Example Corp': 5, 'Acme Cloud': 4})
    expect(m.top_parent_org).toBe('Example Corp')
    expect(m.top_parent_org_share).toBe(0.5556)
  })

  it('explains the top company with its authors, their commits and the attribution source', () => {
    const i = input({commits: commits(mixed)})
    const people = explainMetrics(['top_company_share'], i)
    expect(people.map((p) => [p.person, p.organization, p.commits, p.source])).toEqual([
      ['alice', 'Example Corp', 5, 'gitdm'],
      ['bob', 'Example Corp', 1, 'gitdm'],
    ])
    expect(people[0].citation).toBe('affiliations.txt:1')
    expect(people[0].shas).toEqual(['c000', 'c001', 'c002', 'c003', 'c004'])
    const unknown = explainMetrics(['unknown_share'], i)
    expect(unknown).toEqual([{person: 'erin', organization: null, commits: 4, shas: ['c011', 'c012', 'c013', 'c014']}])
  })
})
