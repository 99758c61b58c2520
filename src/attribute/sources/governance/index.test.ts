import {describe, expect, it} from 'vitest'
import type {RoleHolder} from '../../../core/model.js'
import {loadAttributionContext} from '../../context.js'
import type {ProjectEvidence} from '../../types.js'
import {source} from './index.js'

const roles: RoleHolder[] = [
  {login: 'Kim', role: 'maintainer', source: 'MAINTAINERS.md:8', declaredAffiliation: 'Example Corp'},
  {login: 'kim', role: 'approver', source: 'README.md:40', declaredAffiliation: ' Sample Labs '},
  {login: 'lee', role: 'emeritus', source: 'MAINTAINERS.md:20', declaredAffiliation: 'Old Employer'},
  {login: 'max', role: 'reviewer', source: 'OWNERS:4'},
]
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
  roles,
  signed: new Map(),
  declaredEmployers: new Map(),
}

describe('governance source', async () => {
  const context = await loadAttributionContext({})

  it('claims the company a governance file declares, undated, citing the file line', () => {
    expect(source.claims({login: 'kim'}, context, evidence)).toEqual([
      {
        person: 'kim',
        organization: 'Example Corp',
        source: 'governance',
        confidence: 'medium',
        citation: 'MAINTAINERS.md:8',
        method: 'login',
        rank: 0,
      },
      {
        person: 'kim',
        organization: 'Sample Labs',
        source: 'governance',
        confidence: 'medium',
        citation: 'README.md:40',
        method: 'login',
        rank: 1,
      },
    ])
    expect(source.claims({noreplyLogin: 'kim'}, context, evidence)).toHaveLength(2)
  })

  it('ignores emeritus tables and people without a declaration', () => {
    expect(source.claims({login: 'lee'}, context, evidence)).toEqual([])
    expect(source.claims({login: 'max'}, context, evidence)).toEqual([])
    expect(source.claims({email: 'kim@example.com'}, context, evidence)).toEqual([])
  })
})
