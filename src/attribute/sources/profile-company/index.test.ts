import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Profile} from '../../../core/model.js'
import {loadAttributionContext} from '../../context.js'
import {loadEntities} from '../../entities/load.js'
import type {ProjectEvidence} from '../../types.js'
import {source} from './index.js'

function evidenceWith(profiles: Record<string, Profile>): ProjectEvidence {
  return {project: {repo: 'x', source: 'snapshot', status: 'ok', window: {since: '', until: ''}, commits: [], governance: [], profiles}, roles: []}
}

describe('profile-company source', async () => {
  const entities = await loadEntities([join(import.meta.dirname, '..', '..', '__fixtures__', 'entities')], {shipped: false})
  const context = await loadAttributionContext({entities})
  const orgs = (company: string | null) =>
    source.claims({login: 'pat'}, context, evidenceWith({Pat: {login: 'Pat', company}})).map((c) => [c.organization, c.confidence])

  it('maps @handles through GitHub orgs and names through aliases; keeps other text as written, weakly', () => {
    expect(orgs('@example-corp')).toEqual([['Example Corp', 'medium']])
    expect(orgs('@example-corp @sample-labs')).toEqual([
      ['Example Corp', 'medium'],
      ['Sample Labs', 'medium'],
    ])
    expect(orgs('exampleco')).toEqual([['Example Corp', 'medium']])
    expect(orgs(' "Acme Widgets GmbH", ')).toEqual([['Acme Widgets GmbH', 'low']])
  })

  it('reads "no employer" words as Independent and ignores empty answers and unknown handles', () => {
    expect(orgs('Freelance')).toEqual([['Independent', 'medium']])
    for (const empty of [null, '', ' - ', 'N/A', 'none', '@some-random-org']) expect(orgs(empty), String(empty)).toEqual([])
  })

  it('cites the profile field', () => {
    const [claim] = source.claims({noreplyLogin: 'pat'}, context, evidenceWith({Pat: {login: 'Pat', company: '@example-corp'}}))
    expect(claim).toMatchObject({person: 'pat', source: 'profile-company', citation: 'GitHub profile of Pat: company "@example-corp"'})
  })
})
