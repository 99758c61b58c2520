import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {CollectedProject, Profile} from '../../../core/model.js'
import {projectEvidence} from '../../attribute-project.js'
import {loadAttributionContext} from '../../context.js'
import {loadEntities} from '../../../entities/load.js'
import {emptyProject} from '../../__fixtures__/project.js'
import {source} from './index.js'

function project(
  profiles: Record<string, Profile>,
  orgAccounts: CollectedProject['orgAccounts'] = {},
): CollectedProject {
  return emptyProject({profiles, orgAccounts})
}

const quinn = {login: 'Quinn', orgs: ['sample-labs', 'example-foundation', 'unknown-org', 'example-corp']}

describe('org-membership source', async () => {
  const entities = await loadEntities([join(import.meta.dirname, '..', '..', '__fixtures__', 'entities')], {
    shipped: false,
  })
  const context = await loadAttributionContext({entities})

  it('claims the companies among public org memberships, as weak evidence (foundations and unknown orgs are no employers)', () => {
    const claims = source.claims({login: 'quinn'}, context, projectEvidence(project({quinn}), [], context))
    expect(claims.map((c) => [c.organization, c.confidence, c.rank, c.weak])).toEqual([
      ['Example Corp', 'low', 0, true],
      ['Sample Labs', 'low', 1, true],
    ])
    expect(claims[0].citation).toMatch(
      /^public member of https:\/\/github\.com\/example-corp, listed for 'example-corp' in /,
    )
  })

  it('counts an organisation account that several profiles of the project name as their employer, self-declared', () => {
    const accounts = {'widget-works': {login: 'widget-works', organization: true, name: 'Widget Works'}}
    const member = {login: 'Uma', orgs: ['widget-works']}
    const declarers = {
      vic: {login: 'vic', company: '@widget-works'},
      wen: {login: 'Wen', company: 'Engineer @Widget-Works'},
    }
    const both = projectEvidence(project({uma: member, ...declarers}, accounts), [], context)
    const [claim] = source.claims({login: 'uma'}, context, both)
    expect(claim).toMatchObject({
      organization: 'Widget Works',
      source: 'org-membership',
      confidence: 'low',
      weak: true,
      selfDeclared: true,
      citation: 'public member of https://github.com/widget-works, named as employer by the profiles of vic, wen',
    })
    // One profile is not several; a past employer is not an employer; a handle GitHub has no organisation for neither.
    const one = projectEvidence(project({uma: member, vic: declarers.vic}, accounts), [], context)
    expect(source.claims({login: 'uma'}, context, one)).toEqual([])
    const past = projectEvidence(
      project({uma: member, vic: declarers.vic, wen: {login: 'wen', company: 'formerly @widget-works'}}, accounts),
      [],
      context,
    )
    expect(source.claims({login: 'uma'}, context, past)).toEqual([])
    const notAnOrg = projectEvidence(
      project({uma: member, ...declarers}, {'widget-works': {login: 'widget-works', organization: false}}),
      [],
      context,
    )
    expect(source.claims({login: 'uma'}, context, notAnOrg)).toEqual([])
  })

  it('needs a profile; without organisation data only self-declared companies count', async () => {
    const none = await loadAttributionContext({})
    expect(source.claims({login: 'quinn'}, none, projectEvidence(project({quinn}), [], none))).toEqual([])
    expect(source.claims({login: 'nobody'}, context, projectEvidence(project({quinn}), [], context))).toEqual([])
  })
})
