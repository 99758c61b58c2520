import {describe, expect, it} from 'vitest'
import {peopleBehind, rankAuthors} from './measurement.js'
import type {EvidenceGroup} from './model.js'

const alice = {person: 'alice', organization: 'Example Corp', commits: 3, shas: ['a3']}
const bob = {person: 'bob', organization: null, commits: 1, shas: ['b1']}
const aliceMaintainer = {person: 'alice', organization: 'Example Corp', role: 'maintainer', roleSource: 'OWNERS'}

describe('peopleBehind', () => {
  const groups: EvidenceGroup[] = [
    {id: 'organization:Example Corp', keys: ['top_company', 'elephant_factor'], people: [alice]},
    {id: 'unknown-organization', keys: ['unknown_share'], people: [bob]},
    {id: 'maintainers', keys: ['maintainers'], people: [aliceMaintainer]},
    {id: 'bus-factor', keys: ['bus_factor'], people: [alice, bob]},
  ]

  it('names the people of every group behind a key asked, in group order, each person (role, organisation) once', () => {
    expect(peopleBehind(groups, ['bus_factor', 'top_company'])).toEqual([alice, bob])
    expect(peopleBehind(groups, ['maintainers', 'unknown_share'])).toEqual([bob, aliceMaintainer])
    expect(peopleBehind(groups, ['human_commits'])).toEqual([])
    expect(peopleBehind([], ['top_company'])).toEqual([])
  })
})

describe('rankAuthors', () => {
  it('adds up one author across groups, takes the attribution of the newest commit, and ranks by commits then name', () => {
    const ranked = rankAuthors([
      {person: 'zoe', organization: 'Initech', commits: 2, recent: [{sha: 'z2', date: '2024-02-01T00:00:00Z'}]},
      {
        person: 'yan',
        organization: 'Globex',
        commits: 2,
        recent: [
          {sha: 'y2', date: '2024-03-01T00:00:00Z'},
          {sha: 'y1', date: '2024-01-01T00:00:00Z'},
        ],
        source: 'gitdm',
        citation: 'affiliations.txt:4',
      },
      {person: 'yan', organization: 'Initech', commits: 1, recent: [{sha: 'y3', date: '2024-04-01T00:00:00Z'}]},
    ])
    expect(ranked).toEqual([
      {person: 'yan', organization: 'Initech', commits: 3, shas: ['y3', 'y2', 'y1']},
      {person: 'zoe', organization: 'Initech', commits: 2, shas: ['z2']},
    ])
    expect(rankAuthors([{person: 'a', organization: null, commits: 1, recent: []}], 0)).toEqual([])
  })
})
