import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {CollectedProject, CommitRecord} from '../core/model.js'
import {attributeProject} from './attribute-project.js'
import {loadAttributionContext} from './context.js'
import {buildPeopleReport, formatPeopleText} from './people.js'
import {diffAttributions} from '../../tests/support/attribution-summary.js'

const fixtures = join(import.meta.dirname, '__fixtures__')
const gitdm = join(fixtures, 'gitdm.txt')

function commit(sha: string, email: string, date: string): CommitRecord {
  const author = {name: 'Alice', email, date}
  return {sha, author, committer: author, login: null}
}

const project: CollectedProject = {
  repo: 'example/widgets',
  source: 'snapshot',
  status: 'ok',
  window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
  // Out of date order on purpose: periods follow author time.
  commits: [
    commit('c3', 'alice@example.com', '2024-05-02T10:00:00Z'),
    commit('c1', 'alice@example.com', '2024-01-05T10:00:00Z'),
    commit('c2', 'alice@example.com', '2024-02-20T10:00:00Z'),
    commit('c4', 'alice@example.com', '2024-10-01T10:00:00Z'),
    commit('u1', 'someone@example.net', '2024-03-01T10:00:00Z'),
  ],
  governance: [],
  profiles: {},
}

describe('people report', async () => {
  const context = await loadAttributionContext({affiliations: [gitdm], sources: ['gitdm']})
  const attributed = attributeProject(
    project,
    [{login: 'Alice', role: 'maintainer', source: 'MAINTAINERS.md:3'}],
    context,
    '2024-06-30',
  )
  const report = buildPeopleReport(attributed)

  it('groups each person’s commits into periods of one organisation and one deciding claim', () => {
    expect(report.people.map((p) => p.person)).toEqual(['alice', 'someone@example.net'])
    const alice = report.people[0]
    expect(alice.periods.map((p) => [p.organization, p.first, p.last, p.commits, p.citation])).toEqual([
      ['Example Corp', '2024-01-05', '2024-02-20', 2, `${gitdm}:3`],
      ['Sample Labs', '2024-05-02', '2024-05-02', 1, `${gitdm}:4`],
      ['Independent', '2024-10-01', '2024-10-01', 1, `${gitdm}:5`],
    ])
    expect(alice.roles).toEqual([{role: 'maintainer', source: 'MAINTAINERS.md:3'}])
    expect(alice.roleAttribution).toMatchObject({organization: 'Sample Labs', first: '2024-06-30', source: 'gitdm'})
    expect(report.people[1].periods).toEqual([
      {organization: null, first: '2024-03-01', last: '2024-03-01', commits: 1, resolution: 'unknown', known: false},
    ])
  })

  it('renders the same text for the same input', () => {
    const text = formatPeopleText(report)
    expect(text).toBe(
      formatPeopleText(
        buildPeopleReport(
          attributeProject(
            project,
            [{login: 'Alice', role: 'maintainer', source: 'MAINTAINERS.md:3'}],
            context,
            '2024-06-30',
          ),
        ),
      ),
    )
    expect(text).toContain(`alice (Alice): 4 commits\n  2024-01-05..2024-02-20  2  Example Corp  ← gitdm: ${gitdm}:3\n`)
    expect(text).toContain(
      `  roles: maintainer (MAINTAINERS.md:3)\n  on 2024-06-30: Sample Labs  ← gitdm: ${gitdm}:4\n`,
    )
    expect(text).toContain('someone@example.net (Alice): 1 commit\n  2024-03-01  1  unknown (no evidence)\n')
  })

  it('lists what another run changes, commit by commit', async () => {
    const overrides = await loadAttributionContext({
      affiliations: [gitdm],
      overrides: join(fixtures, 'affiliations.yaml'),
      sources: ['override', 'gitdm'],
    })
    const withCarol: CollectedProject = {
      ...project,
      commits: [...project.commits, commit('k1', 'carol@example.net', '2024-07-01T00:00:00Z')],
    }
    const changes = diffAttributions(
      attributeProject(withCarol, [], context),
      attributeProject(withCarol, [], overrides),
    )
    expect(changes).toEqual([
      {
        sha: 'k1',
        person: 'carol',
        kind: 'changed',
        before: 'exampleco',
        after: 'Sample Labs',
        source: 'override',
        citation: `${join(fixtures, 'affiliations.yaml')}:3 (https://example.net/carol-joins-sample-labs)`,
      },
    ])
  })
})

describe('governance evidence read backwards', async () => {
  const context = await loadAttributionContext({sources: ['governance']})
  const withLogin = (sha: string, date: string): CommitRecord => ({
    ...commit(sha, 'kim@example.org', date),
    login: 'kim',
  })
  const attributed = attributeProject(
    {...project, commits: [withLogin('k1', '2024-03-01T10:00:00Z'), withLogin('k2', '2024-08-01T10:00:00Z')]},
    [
      {
        login: 'kim',
        role: 'maintainer',
        source: 'MAINTAINERS.md:4',
        declaredAffiliation: 'Example Corp',
        declaredAsOf: '2024-06-01',
      },
    ],
    context,
  )

  it('splits the periods at the file revision and says which one was read backwards', () => {
    const text = formatPeopleText(buildPeopleReport(attributed))
    expect(text).toContain(
      '  2024-03-01  1  Example Corp  ← governance: MAINTAINERS.md:4 (as of 2024-06-01, read backwards)',
    )
    expect(text).toContain('  2024-08-01  1  Example Corp  ← governance: MAINTAINERS.md:4 (as of 2024-06-01)')
  })
})
