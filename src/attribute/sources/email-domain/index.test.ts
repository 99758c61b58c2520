import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadAttributionContext} from '../../context.js'
import {loadEntities} from '../../../entities/load.js'
import type {ProjectEvidence} from '../../types.js'
import {source} from './index.js'

const evidence: ProjectEvidence = {
  project: {
    repo: 'x',
    source: 'snapshot',
    status: 'ok',
    window: {since: '', until: ''},
    commits: [],
    governance: [],
    profiles: {},
  },
  roles: [],
}

describe('email-domain source', async () => {
  const entities = await loadEntities([join(import.meta.dirname, '..', '..', '__fixtures__', 'entities')], {
    shipped: false,
  })
  const context = await loadAttributionContext({entities})

  it('maps a listed domain and its sub-domains, citing the entity file', () => {
    const [claim] = source.claims({email: 'dev@eu.example.com'}, context, evidence)
    expect(claim).toMatchObject({
      person: 'dev@eu.example.com',
      organization: 'Example Corp',
      source: 'email-domain',
      method: 'domain',
    })
    expect(claim.from).toBeUndefined()
    expect(claim.citation).toMatch(
      /^author email domain eu\.example\.com: example\.com is listed for 'example-corp' in .*example\.yaml/,
    )
  })

  it('never attributes webmail, noreply, website-only or unlisted domains, nor without organisation data', async () => {
    for (const email of [
      'a@gmail.com',
      'b@vip.qq.com',
      '1+c@users.noreply.github.com',
      'd@samplelabs.example',
      'e@unlisted.example',
    ]) {
      expect(source.claims({email}, context, evidence), email).toEqual([])
    }
    expect(source.claims({email: 'dev@example.com'}, await loadAttributionContext({}), evidence)).toEqual([])
  })
})
