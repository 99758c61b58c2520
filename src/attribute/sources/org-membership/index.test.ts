import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadAttributionContext} from '../../context.js'
import {loadEntities} from '../../../entities/load.js'
import type {ProjectEvidence} from '../../types.js'
import {source} from './index.js'

const profiles = {quinn: {login: 'Quinn', orgs: ['sample-labs', 'example-foundation', 'unknown-org', 'example-corp']}}
const evidence: ProjectEvidence = {
  project: {
    repo: 'x',
    source: 'snapshot',
    status: 'ok',
    window: {since: '', until: ''},
    commits: [],
    governance: [],
    profiles,
  },
  roles: [],
}

describe('org-membership source', async () => {
  const entities = await loadEntities([join(import.meta.dirname, '..', '..', '__fixtures__', 'entities')], {
    shipped: false,
  })

  it('claims the companies among public org memberships (foundations and unknown orgs are no employers)', async () => {
    const claims = source.claims({login: 'quinn'}, await loadAttributionContext({entities}), evidence)
    expect(claims.map((c) => [c.organization, c.confidence, c.rank])).toEqual([
      ['Example Corp', 'low', 0],
      ['Sample Labs', 'low', 1],
    ])
    expect(claims[0].citation).toMatch(
      /^public member of https:\/\/github\.com\/example-corp, listed for 'example-corp' in /,
    )
  })

  it('needs organisation data and a profile', async () => {
    expect(source.claims({login: 'quinn'}, await loadAttributionContext({}), evidence)).toEqual([])
    expect(source.claims({login: 'nobody'}, await loadAttributionContext({entities}), evidence)).toEqual([])
  })
})
