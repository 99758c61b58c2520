import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {CollectedProject, CommitRecord, RoleHolder} from '../core/model.js'
import {attributeProject} from './attribute-project.js'
import {loadAttributionContext} from './context.js'
import {loadEntities} from '../entities/load.js'
import {summarizeCommits} from './summary.js'

const fixtures = join(import.meta.dirname, '__fixtures__')
const gitdm = join(fixtures, 'gitdm.txt')
const files = {
  affiliations: [gitdm],
  companies: join(fixtures, 'companies.yaml'),
  overrides: join(fixtures, 'affiliations.yaml'),
}

function commit(sha: string, name: string, email: string, date: string, login: string | null = null): CommitRecord {
  const author = {name, email, date}
  return {sha, author, committer: author, login}
}

const commits: CommitRecord[] = [
  commit('a1', 'Alice', 'alice@example.com', '2024-02-10T10:00:00Z'),
  commit('a2', 'Alice', '123+Alice@users.noreply.github.com', '2024-05-01T10:00:00Z'),
  // 2024-09-01 01:00 in UTC+2 is still 2024-08-31 in UTC: before Independent starts.
  commit('a3', 'Alice', 'alice@example.com', '2024-09-01T01:00:00+02:00'),
  commit('a4', 'Alice', 'Alice@Example.com', '2024-09-01T01:00:00Z'),
  commit('b1', 'Bob', 'bob@example.org', '2024-03-01T10:00:00Z'),
  commit('c1', 'Carol', 'carol@example.net', '2024-05-01T10:00:00Z'),
  commit('c2', 'Carol', 'carol@example.net', '2024-07-01T10:00:00Z'),
  commit('d1', 'Dave', 'dave@example.com', '2024-04-01T10:00:00Z'),
  commit('e1', 'Erin', 'erin@example.com', '2024-04-01T10:00:00Z'),
  commit('f1', 'Frank', 'frank@example.net', '2024-04-01T10:00:00Z'),
  commit('g1', 'Grace', 'grace@gmail.com', '2024-04-01T10:00:00Z'),
  commit('n1', 'Newbie', 'newbie@labs.example.org', '2024-04-01T10:00:00Z'),
  commit('w1', 'Webby', 'webby@samplelabs.example', '2024-04-01T10:00:00Z'),
  commit('h1', 'Heidi', 'heidi@example.org', '2024-04-01T10:00:00Z', 'HeidiH'),
  commit('r1', 'Release Pipeline', 'builds@example.com', '2024-04-01T10:00:00Z'),
  commit('r2', 'dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com', '2024-04-02T10:00:00Z'),
]

const roles: RoleHolder[] = [
  {login: 'Bob', role: 'approver', source: 'OWNERS:3'},
  {login: 'erin', role: 'maintainer', source: 'MAINTAINERS.md:9', declaredAffiliation: 'Example Corp'},
  {login: 'ghost', role: 'reviewer', source: 'OWNERS:7'},
]

const project: CollectedProject = {
  repo: 'github.com/example/widgets',
  source: 'snapshot',
  status: 'ok',
  window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
  commits,
  governance: [],
  profiles: {
    HeidiH: {login: 'HeidiH', company: '@example-corp'},
    ghost: {login: 'ghost', company: 'Freelance', orgs: ['example-foundation', 'sample-labs']},
  },
}

describe('attributeProject', () => {
  it('with gitdm alone: dated periods on the UTC author day, acquisitions, spellings merged, bots apart', async () => {
    const context = await loadAttributionContext({...files, sources: ['gitdm']})
    const result = attributeProject(project, roles, context)
    const bySha = Object.fromEntries(result.commits.map((c) => [c.sha, c]))
    const org = (sha: string) => bySha[sha].attribution.organization
    expect(['a1', 'a2', 'a3', 'a4', 'b1', 'c1', 'c2', 'd1', 'e1', 'f1', 'g1', 'n1', 'h1'].map(org)).toEqual([
      'Example Corp',
      'Sample Labs',
      'Sample Labs',
      'Independent',
      'Example Corp',
      'Example Corp',
      'Example Corp',
      'Example Corp',
      null,
      null,
      null,
      null,
      null,
    ])
    expect(bySha.a2.attribution.claim).toMatchObject({
      citation: `${gitdm}:4`,
      method: 'noreply-login',
      raw: 'Sample Labs',
    })
    // Two blocks list bob@example.org and disagree: the first in gitdm order wins, flagged.
    expect(bySha.b1.attribution).toMatchObject({
      resolution: 'ambiguous',
      alternatives: ['Sample Labs'],
      claim: {citation: `${gitdm}:7`, raw: 'example corp'},
    })
    expect(bySha.c1.attribution.claim).toMatchObject({raw: 'exampleco', citation: `${gitdm}:11`})
    expect(bySha.e1.attribution).toEqual({organization: null, resolution: 'unknown', known: true})
    expect(bySha.g1.attribution).toEqual({organization: null, resolution: 'unknown', known: false})
    // People: the gitdm login joined to the email, else the API login, else the email.
    expect(['a1', 'a2', 'b1', 'c1', 'g1', 'h1'].map((sha) => bySha[sha].person)).toEqual([
      'alice',
      'alice',
      'bob',
      'carol',
      'grace@gmail.com',
      'heidih',
    ])
    expect(result.bots).toEqual({
      'Release Pipeline <builds@example.com>': 1,
      'dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>': 1,
    })
    expect(bySha.r1.bot && bySha.r2.bot && !bySha.a1.bot).toBe(true)
    expect(result.asOf).toBe('2024-12-31')
    // A moment counts as its UTC day: 2024-08-31T23:00-02:00 is 2024-09-01 in UTC, when Alice is Independent.
    expect(
      attributeProject(
        project,
        [{login: 'alice', role: 'maintainer', source: 'M:1'}],
        context,
        '2024-08-31T23:00:00-02:00',
      ).roles[0],
    ).toMatchObject({
      attribution: {organization: 'Independent'},
    })
    expect(result.roles.map((r) => [r.login, r.attribution.organization, r.attribution.resolution])).toEqual([
      ['Bob', 'Example Corp', 'ambiguous'],
      ['erin', null, 'unknown'],
      ['ghost', null, 'unknown'],
    ])
    const summary = summarizeCommits(result)
    expect(summary).toMatchObject({
      commits_total: 16,
      bot_commits: 2,
      human_commits: 14,
      attributed_commits: 8,
      unknown_commits: 6,
      independent_commits: 1,
      ambiguous_commits: 1,
      distinct_authors: 10,
      attributed_authors: 4,
      commits_per_org: {'Example Corp': 5, 'Sample Labs': 2, Independent: 1},
      authors_per_org: {'Example Corp': 4, 'Sample Labs': 1, Independent: 1},
      resolution_methods: {none: 6, email: 7, 'noreply-login': 1},
    })
  })

  it('with every source: overrides first, then email domains, declarations, profiles, memberships', async () => {
    const entities = await loadEntities([join(fixtures, 'entities')], {shipped: false})
    const context = await loadAttributionContext({...files, entities})
    const result = attributeProject(project, roles, context, '2024-06-30')
    const bySha = Object.fromEntries(result.commits.map((c) => [c.sha, c.attribution]))
    // The override dates Carol's move: before it gitdm still decides.
    expect([bySha.c1.organization, bySha.c1.claim?.source, bySha.c2.organization, bySha.c2.claim?.source]).toEqual([
      'Example Corp',
      'gitdm',
      'Sample Labs',
      'override',
    ])
    expect(bySha.f1).toMatchObject({organization: 'Independent', claim: {source: 'override', method: 'email'}})
    expect(bySha.n1).toMatchObject({organization: 'Sample Labs', claim: {source: 'email-domain', method: 'domain'}})
    expect(bySha.n1.claim?.citation).toMatch(
      /^author email domain labs\.example\.org: labs\.example\.org is listed for 'sample-labs' in .*example\.yaml \(gitdm-observed\)$/,
    )
    // Public webmail never attributes; a domain known only as a website is not email evidence.
    expect([bySha.g1.organization, bySha.w1.organization]).toEqual([null, null])
    // gitdm outranks the email domain, but Erin's gitdm period has ended: her example.com address decides.
    expect(bySha.e1).toMatchObject({organization: 'Example Corp', claim: {source: 'email-domain'}})
    expect(bySha.a1).toMatchObject({organization: 'Example Corp', claim: {source: 'gitdm'}})
    // A profile's @handle maps through the organisation's GitHub login.
    expect(bySha.h1).toMatchObject({
      organization: 'Example Corp',
      entityId: 'example-corp',
      claim: {source: 'profile-company', citation: 'GitHub profile of HeidiH: company "@example-corp"'},
    })
    expect(result.roles.map((r) => [r.login, r.attribution.organization, r.attribution.claim?.source])).toEqual([
      ['Bob', 'Example Corp', 'gitdm'],
      ['erin', 'Example Corp', 'governance'],
      ['ghost', 'Independent', 'profile-company'],
    ])
  })

  it('shows a company written only beside a role holder as declared only when the organisation data knows it', async () => {
    const context = await loadAttributionContext({entities: await loadEntities([], {shipped: true})})
    const beside: RoleHolder[] = [
      {login: 'erin', role: 'maintainer', source: 'README.md:4', declaredAffiliation: 'London', declaredBeside: true},
      {login: 'ghost', role: 'maintainer', source: 'README.md:5', declaredAffiliation: 'Google', declaredBeside: true},
      {login: 'Bob', role: 'maintainer', source: 'MAINTAINERS.md:3', declaredAffiliation: 'Example Corp'},
    ]
    const shown = attributeProject(project, beside, context).roles.map((r) => [
      r.login,
      r.declaredAffiliation ?? null,
      r.attribution.organization === 'London',
    ])
    expect(shown).toEqual([
      ['erin', null, false],
      ['ghost', 'Google', false],
      ['Bob', 'Example Corp', false],
    ])
  })

  it('uses org memberships of companies only, and the profile company, when nothing stronger exists', async () => {
    const entities = await loadEntities([join(fixtures, 'entities')], {shipped: false})
    const context = await loadAttributionContext({entities, sources: ['profile-company', 'org-membership']})
    const ghostOnly: CollectedProject = {
      ...project,
      profiles: {ghost: {login: 'ghost', orgs: ['example-foundation', 'sample-labs']}, HeidiH: project.profiles.HeidiH},
    }
    const result = attributeProject(ghostOnly, roles, context)
    expect(result.roles[2].attribution).toMatchObject({
      organization: 'Sample Labs',
      claim: {source: 'org-membership', confidence: 'low'},
    })
    expect(result.commits.find((c) => c.sha === 'h1')?.attribution).toMatchObject({
      organization: 'Example Corp',
      claim: {source: 'profile-company', citation: 'GitHub profile of HeidiH: company "@example-corp"'},
    })
  })

  it('profile companies that are not one explicit organisation stay unknown and count toward neither coverage nor concentration', async () => {
    const entities = await loadEntities([join(fixtures, 'entities')], {shipped: false})
    const context = await loadAttributionContext({entities, sources: ['profile-company']})
    const companies = [
      'Formerly @example-corp',
      '@example-corp @sample-labs',
      'Open to work',
      'Not Example Corp',
      'ex-Sample Labs',
      'https://example.com',
      'exampleco, sample labs',
      'SRE at Acme Widgets',
    ]
    const people = companies.map((company, i) => ({login: `p${i}`, company}))
    const vague: CollectedProject = {
      ...project,
      commits: [
        ...people.map((p, i) =>
          commit(`v${i}`, p.login, `${p.login}@mail.example.net`, '2024-04-01T10:00:00Z', p.login),
        ),
        commit('k1', 'Heidi', 'heidi@example.org', '2024-04-01T10:00:00Z', 'HeidiH'),
      ],
      profiles: {
        ...Object.fromEntries(people.map((p) => [p.login, p])),
        HeidiH: {login: 'HeidiH', company: '@example-corp'},
      },
    }
    const result = attributeProject(vague, [], context)
    expect(result.commits.filter((c) => c.sha.startsWith('v')).map((c) => c.attribution)).toEqual(
      companies.map(() => ({organization: null, resolution: 'unknown', known: false})),
    )
    expect(summarizeCommits(result)).toMatchObject({
      human_commits: 9,
      attributed_commits: 1,
      unknown_commits: 8,
      ambiguous_commits: 0,
      commits_per_org: {'Example Corp': 1},
    })
  })
})

describe('self-declared organisations', () => {
  it('merge per project when equal after folding case, punctuation and legal forms, into a curated spelling when one exists; they count for concentration but get no entity', async () => {
    const entities = await loadEntities([join(fixtures, 'entities')], {shipped: false})
    const context = await loadAttributionContext({entities, sources: ['profile-company']})
    const companies = ['Acme Widgets GmbH', 'ACME-Widgets', 'acme widgets, inc.', '@widget-works', 'Sample Labs']
    const people = companies.map((company, i) => ({login: `d${i}`, company}))
    const declared: CollectedProject = {
      ...project,
      commits: people.map((p, i) =>
        commit(`s${i}`, p.login, `${p.login}@mail.example.net`, '2024-04-01T10:00:00Z', p.login),
      ),
      profiles: Object.fromEntries(people.map((p) => [p.login, p])),
      orgAccounts: {'widget-works': {login: 'widget-works', organization: true, name: 'Acme Widgets'}},
    }
    const result = attributeProject(declared, [], context)
    expect(
      result.commits.map((c) => [
        c.attribution.organization,
        c.attribution.claim?.selfDeclared,
        c.attribution.entityId,
      ]),
    ).toEqual([
      ['ACME-Widgets', true, undefined],
      ['ACME-Widgets', true, undefined],
      ['ACME-Widgets', true, undefined],
      ['ACME-Widgets', true, undefined],
      ['Sample Labs', undefined, 'sample-labs'],
    ])
    expect(summarizeCommits(result).commits_per_org).toEqual({'ACME-Widgets': 4, 'Sample Labs': 1})
  })
})

describe('stale affiliation-file claims', () => {
  it("rank below the commit's own fresh evidence, carry their age, and still decide when nothing fresher claims", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stewards-stale-'))
    const gitdm = join(dir, 'gitdm.txt')
    await writeFile(gitdm, 'olga: olga!example.com, olga!mail.example.net\n\tSample Labs from 2015-03-01\n')
    const entities = await loadEntities([join(fixtures, 'entities')], {shipped: false})
    const context = await loadAttributionContext({entities, affiliations: [gitdm]})
    const stale: CollectedProject = {
      ...project,
      commits: [
        commit('o1', 'Olga', 'olga@example.com', '2019-06-01T10:00:00Z', null),
        commit('o2', 'Olga', 'olga@example.com', '2024-06-01T10:00:00Z', null),
        commit('o3', 'Olga', 'olga@mail.example.net', '2024-06-01T10:00:00Z', null),
      ],
    }
    const [young, outranked, alone] = attributeProject(stale, [], context).commits.map((c) => c.attribution)
    expect([young.organization, young.claim?.source, young.ageYears, young.stale]).toEqual([
      'Sample Labs',
      'gitdm',
      4,
      undefined,
    ])
    // Nine years into an open period, the commit's own listed domain is fresher evidence.
    expect([outranked.organization, outranked.claim?.source]).toEqual(['Example Corp', 'email-domain'])
    expect([alone.organization, alone.claim?.source, alone.ageYears, alone.stale]).toEqual([
      'Sample Labs',
      'gitdm',
      9,
      true,
    ])
    // The limit is configurable.
    const lenient = await loadAttributionContext({entities, affiliations: [gitdm], staleAfterYears: 10})
    expect(attributeProject(stale, [], lenient).commits[1].attribution.claim?.source).toBe('gitdm')
  })
})
