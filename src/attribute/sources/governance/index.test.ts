import {describe, expect, it} from 'vitest'
import type {RoleHolder} from '../../../core/model.js'
import {loadEntities} from '../../../entities/index.js'
import {loadAttributionContext} from '../../context.js'
import type {ProjectEvidence} from '../../types.js'
import {emptyEvidence} from '../../__fixtures__/project.js'
import {declarationStands, employerWords} from '../../employer-words.js'
import {source} from './index.js'

const roles: RoleHolder[] = [
  {login: 'Kim', role: 'maintainer', source: 'MAINTAINERS.md:8', declaredAffiliation: 'Example Corp'},
  {login: 'kim', role: 'approver', source: 'README.md:40', declaredAffiliation: ' Sample Labs '},
  {login: 'lee', role: 'emeritus', source: 'MAINTAINERS.md:20', declaredAffiliation: 'Old Employer'},
  {login: 'max', role: 'reviewer', source: 'OWNERS:4'},
]
const evidence: ProjectEvidence = emptyEvidence({roles})

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

describe('a declared employer that names no organisation', async () => {
  const context = await loadAttributionContext({})
  const declaring = (declaredAffiliation: string) =>
    emptyEvidence({roles: [{login: 'ada-l', role: 'maintainer', source: 'MAINTAINERS.md:5', declaredAffiliation}]})

  it('is Independent when it says no employer, as a profile company is ("Self-employed", "Independent contributor")', () => {
    for (const written of ['Self-employed', 'Independent contributor', 'Freelancer', '(Individual)', 'Unaffiliated.'])
      expect(source.claims({login: 'ada-l'}, context, declaring(written)).map((c) => c.organization)).toEqual([
        'Independent',
      ])
  })

  it('is no claim when it says nothing or a situation ("N/A", "TBD", "Student", "Personal"): unknown, never an organisation of that name', () => {
    for (const written of ['N/A', 'TBD', '—', 'Student', 'Personal', 'unknown'])
      expect(source.claims({login: 'ada-l'}, context, declaring(written))).toEqual([])
  })

  it('written only beside the person, is a company only when the organisation data knows the name', async () => {
    const beside = (declaredAffiliation: string) =>
      emptyEvidence({
        roles: [
          {login: 'ada-l', role: 'maintainer', source: 'MAINTAINERS.md:5', declaredAffiliation, declaredBeside: true},
        ],
      })
    const shipped = await loadAttributionContext({entities: await loadEntities([], {shipped: true})})
    // "[Ada Lovelace](link) (London)" is written as "(Isovalent)" is: a place, a name or a note may stand there.
    for (const written of ['London', 'Ada Byron', 'Example Widgets'])
      expect(source.claims({login: 'ada-l'}, shipped, beside(written)), written).toEqual([])
    expect(source.claims({login: 'ada-l'}, shipped, beside('Google')).map((c) => c.organization)).toEqual(['Google'])
    expect(source.claims({login: 'ada-l'}, shipped, beside('Freelancer')).map((c) => c.organization)).toEqual([
      'Independent',
    ])
    // In a table's company column it is what the file declares, known or not.
    expect(source.claims({login: 'ada-l'}, shipped, declaring('Example Widgets')).map((c) => c.organization)).toEqual([
      'Example Widgets',
    ])
  })

  it('declarationStands uses the words its caller passes (the reading of the declaration the caller already made), not a reading of its own', () => {
    const holder = {declaredAffiliation: ' Freelancer ', declaredBeside: true as const}
    expect(declarationStands(holder)).toBe(true)
    expect(declarationStands(holder, undefined, {words: employerWords('Freelancer')})).toBe(true)
    // The passed reading is the one used (a caller reading the same trimmed text passes the same words).
    expect(declarationStands(holder, undefined, {words: undefined})).toBe(false)
  })

  it('keeps any other name as declared', () => {
    expect(source.claims({login: 'ada-l'}, context, declaring('Self Labs')).map((c) => c.organization)).toEqual([
      'Self Labs',
    ])
  })
})

describe('dated governance claims', async () => {
  const context = await loadAttributionContext({})
  const dated: RoleHolder[] = [
    {
      login: 'kim',
      role: 'maintainer',
      source: 'external/cncf__foundation/project-maintainers.csv:12',
      declaredAffiliation: 'Example Corp',
      declaredAsOf: '2024-06-01',
      place: 'foundation',
    },
    {login: 'lee', role: 'maintainer', source: 'MAINTAINERS.md:3', declaredAffiliation: 'Sample Labs'},
  ]
  const project = {...evidence.project, window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'}}

  it('is evidence from the revision on, and read backwards (lowest precedence, marked) before it', () => {
    const claims = source.claims({login: 'kim'}, context, {...evidence, project, roles: dated})
    expect(claims.map(({from, until, asOf, backdated, method}) => ({from, until, asOf, backdated, method}))).toEqual([
      {
        from: '2024-06-01',
        until: undefined,
        asOf: '2024-06-01',
        backdated: undefined,
        method: 'login, foundation maintainers list',
      },
      {
        from: undefined,
        until: '2024-06-01',
        asOf: '2024-06-01',
        backdated: true,
        method: 'login, foundation maintainers list',
      },
    ])
  })

  it('dates a file whose revision is unknown as of the last day of the window', () => {
    const claims = source.claims({login: 'lee'}, context, {...evidence, project, roles: dated})
    expect(claims.map((c) => [c.from ?? null, c.until ?? null, c.backdated ?? false, c.method])).toEqual([
      ['2024-12-31', null, false, 'login'],
      [null, '2024-12-31', true, 'login'],
    ])
  })
})
