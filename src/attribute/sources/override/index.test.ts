import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadAttributionContext} from '../../context.js'
import type {ProjectEvidence} from '../../types.js'
import {emptyEvidence} from '../../__fixtures__/project.js'
import {source} from './index.js'
import {parseOverrides} from './load.js'

const file = join(import.meta.dirname, '..', '..', '__fixtures__', 'affiliations.yaml')
const evidence: ProjectEvidence = emptyEvidence()

describe('override source (affiliations.yaml)', async () => {
  const context = await loadAttributionContext({overrides: file})

  it('claims by login (also a noreply login) or by email, with the entry line and note as citation', () => {
    const byLogin = source.claims({login: 'carol'}, context, evidence)
    expect(byLogin).toEqual([
      {
        person: 'carol',
        organization: 'Sample Labs',
        from: '2024-06-01',
        source: 'override',
        confidence: 'high',
        citation: `${file}:3 (https://example.net/carol-joins-sample-labs)`,
        method: 'login',
        rank: 0,
      },
    ])
    expect(source.claims({noreplyLogin: 'carol'}, context, evidence)).toHaveLength(1)
    expect(
      source
        .claims({email: 'FRANK@example.net'.toLowerCase()}, context, evidence)
        .map((c) => [c.organization, c.citation]),
    ).toEqual([['Independent', `${file}:7`]])
    expect(source.claims({login: 'frank'}, context, evidence)).toEqual([])
  })

  it('rejects a bad file with file, line and the bad key', () => {
    expect(() => parseOverrides('affiliations:\n  - login: a\n    organisation: X\n', 'o.yaml')).toThrow(
      /^o\.yaml:3:5: affiliations\[0\]: unknown key 'organisation'$/,
    )
    expect(() =>
      parseOverrides('affiliations:\n  - login: a\n    email: a@example.com\n    organization: X\n', 'o.yaml'),
    ).toThrow(/^o\.yaml:2:5: affiliations\[0\]: give exactly one of login or email/)
    expect(() =>
      parseOverrides('affiliations:\n  - login: a\n    organization: X\n    from: 2024-13-01\n', 'o.yaml'),
    ).toThrow(/^o\.yaml:4:11: affiliations\[0\]\.from: expected a date YYYY-MM-DD/)
    expect(() =>
      parseOverrides(
        'affiliations:\n  - login: a\n    organization: X\n    from: 2024-05-01\n    until: 2024-01-01\n',
        'o.yaml',
      ),
    ).toThrow(/`from` must be before `until`/)
    expect(() => parseOverrides('people: []\n', 'o.yaml')).toThrow(/^o\.yaml:1:1: unknown key 'people'$/)
  })

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'affiliations: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n')
    expect(() => parseOverrides(bomb, 'bomb.yaml')).toThrow(/^bomb\.yaml:2:8: .*alias/i)
  })

  it('is a usage error naming the file when it cannot be read', async () => {
    await expect(loadAttributionContext({overrides: '/nonexistent/affiliations.yaml'})).rejects.toThrow(
      '/nonexistent/affiliations.yaml: cannot read the overrides file (no such file or directory)',
    )
  })
})
