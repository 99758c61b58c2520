import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadAttributionContext} from '../../context.js'
import type {ProjectEvidence} from '../../types.js'
import {emptyEvidence} from '../../__fixtures__/project.js'
import {source} from './index.js'

const fixtures = join(import.meta.dirname, '..', '..', '__fixtures__')
const gitdm = join(fixtures, 'gitdm.txt')

describe('gitdm source', async () => {
  const context = await loadAttributionContext({affiliations: [gitdm], sources: ['gitdm']})
  const evidence: ProjectEvidence = emptyEvidence()

  it('matches by exact email first, one claim per period, dated as written, ranked by block then last line', () => {
    const claims = source.claims({email: 'alice@example.com'}, context, evidence)
    expect(claims.map((c) => [c.organization, c.from, c.until, c.citation, c.method])).toEqual([
      ['Example Corp', undefined, '2024-03-01', `${gitdm}:3`, 'email'],
      ['Sample Labs', '2024-03-01', '2024-09-01', `${gitdm}:4`, 'email'],
      ['Independent', '2024-09-01', undefined, `${gitdm}:5`, 'email'],
    ])
    expect(claims[2].rank! < claims[1].rank! && claims[1].rank! < claims[0].rank!).toBe(true)
  })

  it('falls back to the noreply login, then to the known login, case-insensitively', () => {
    expect(source.claims({email: 'nobody@example.net', noreplyLogin: 'alice'}, context, evidence)[0].method).toBe(
      'noreply-login',
    )
    expect(source.claims({login: 'alice'}, context, evidence)[0].method).toBe('login')
    const both = source.claims({login: 'bob'}, context, evidence)
    expect(both.map((c) => [c.person, c.organization])).toEqual([
      ['bob', 'example corp'],
      ['bob', 'Sample Labs'],
    ])
    expect(both[0].rank! < both[1].rank!).toBe(true)
    expect(source.claims({email: 'unknown@example.com'}, context, evidence)).toEqual([])
  })

  it('joins an email to the login of the first block listing it', () => {
    expect(source.login?.({email: 'bob@example.org'}, context)).toBe('bob')
    expect(source.login?.({email: 'bob2@example.org'}, context)).toBe('bob')
    expect(source.login?.({email: 'carol@example.net'}, context)).toBe('carol')
    expect(source.login?.({email: 'zed@example.net'}, context)).toBeUndefined()
  })

  it('gives nothing without gitdm files', async () => {
    const empty = await loadAttributionContext({})
    expect(source.claims({email: 'alice@example.com'}, empty, evidence)).toEqual([])
  })
})
