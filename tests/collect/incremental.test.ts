import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DAY_MS} from '../../src/core/dates.js'
import {loadFixtures} from '../support/github-emulator/fixtures.js'
import {type GithubEmulator, type LoggedRequest, startGithubEmulator} from '../support/github-emulator/index.js'
import {addSyntheticCommit, writeSyntheticRepos} from '../support/synthetic-repos.js'
import {collectFrom, FAST_HTTP, freshCacheDir, TOKEN} from './helpers.js'

/**
 * Incremental refresh (#18): past max-age, a project's commits are asked for only since the newest one already
 * listed, governance files at a commit are never asked again, an organisation's places once per run, profiles per
 * their own max-age; the figures equal a cold collection of the same window, with commits added between the runs.
 * The runs are a day apart on the cache's clock (the default max-age, 24 h).
 */
const root = mkdtempSync(join(tmpdir(), 'stewards-incremental-'))
// Two organisations of two projects each (synth-0: repo-0, repo-50; synth-1: repo-1, repo-51).
const repos = writeSyntheticRepos(root, 52, 7).filter((_, i) => i % 50 < 2)
const listings = (requests: LoggedRequest[]) =>
  requests
    .filter((r) => r.method === 'GET' && /\/commits\?/.test(r.url))
    .map((r) => `${decodeURIComponent(new URL(r.url, 'http://x').searchParams.get('since') ?? '')} ${r.status}`)
/** The requests about one project's repository (GETs name it; a GraphQL query names it in its variables). */
const about = (requests: LoggedRequest[], repo: string) => {
  const [, owner, name] = repo.split('/')
  return requests.filter((r) =>
    r.method === 'GET'
      ? r.url.startsWith(`/repos/${owner}/${name}?`) ||
        r.url === `/repos/${owner}/${name}` ||
        r.url.startsWith(`/repos/${owner}/${name}/`)
      : Object.values(JSON.parse(r.body ?? '{}').variables ?? {}).includes(name),
  )
}

let emulator: GithubEmulator
beforeAll(async () => {
  emulator = await startGithubEmulator({roots: [root], token: TOKEN})
})
afterAll(() => emulator.close())

/** A run `days` after the first, on the cache's clock. */
const on = (days: number) => ({http: {...FAST_HTTP, clock: () => Date.now() + days * DAY_MS}})

describe('incremental refresh', () => {
  it('a day later: 2 requests per unchanged project (both 304), one query per organisation; same figures as cold', async () => {
    const cacheDir = await freshCacheDir()
    const first = await collectFrom(emulator.url, repos, {cacheDir, ...on(0)})
    expect(first.incomplete).toBe(false)
    const newest = first.projects.map((p) =>
      p.commits
        .map((c) => c.committer.date)
        .sort()
        .at(-1),
    )
    // The first refresh asks each project for what came since its newest commit (a new question: 200s).
    let from = emulator.requests.length
    await collectFrom(emulator.url, repos, {cacheDir, ...on(1)})
    expect(listings(emulator.requests.slice(from)).sort()).toEqual(newest.map((d) => `${d} 200`).sort())

    // Nothing changed: per project its facts and the commits since its newest, both 304 (no rate limit on GitHub).
    from = emulator.requests.length
    const unchanged = await collectFrom(emulator.url, repos, {cacheDir, ...on(2)})
    expect(unchanged.projects).toEqual(first.projects)
    const asked = emulator.requests.slice(from)
    for (const repo of repos) {
      expect(about(asked, repo).map((r) => `${r.method} ${r.status}`)).toEqual(['GET 304', 'GET 304'])
    }
    // And one GraphQL query per organisation: the project reading its places first refreshes them for the others.
    const queries = asked.filter((r) => r.method === 'POST')
    expect(queries).toHaveLength(2)
    for (const query of queries) expect(JSON.parse(query.body!).variables.a0).toBe('HEAD')
  })

  it('commits added between runs: the active project asks for them, its files at the new commit; same figures as cold', async () => {
    const cacheDir = await freshCacheDir()
    const first = await collectFrom(emulator.url, repos, {cacheDir, ...on(0)})
    await collectFrom(emulator.url, repos, {cacheDir, ...on(1)})
    // One project of each organisation gets new commits (by a known and a new author); the others do not.
    addSyntheticCommit(root, repos[1], '2024-12-20T10:00:00Z', 'dev-new', 'f'.repeat(40))
    addSyntheticCommit(root, repos[1], '2024-12-21T10:00:00Z', 'dev3', 'e'.repeat(40))
    addSyntheticCommit(root, repos[2], '2024-12-22T10:00:00Z', 'dev5', 'd'.repeat(40))
    // The emulator serves what it loaded: load the repositories again into the running server.
    for (const [key, repo] of loadFixtures([root]).repos) emulator.fixtures.repos.set(key, repo)
    const from = emulator.requests.length
    const refreshed = await collectFrom(emulator.url, repos, {cacheDir, ...on(2)})
    const asked = emulator.requests.slice(from)
    const newest = (i: number) =>
      first.projects[i].commits
        .map((c) => c.committer.date)
        .sort()
        .at(-1)
    // Each project: its commits since the newest known (200 where there are new ones, else 304).
    expect(listings(asked).sort()).toEqual(
      repos.map((repo, i) => `${newest(i)} ${repo === repos[1] || repo === repos[2] ? 200 : 304}`).sort(),
    )
    for (const repo of [repos[0], repos[3]])
      expect(about(asked, repo).map((r) => `${r.method} ${r.status}`)).toEqual(['GET 304', 'GET 304'])
    // The active ones: 2 requests, the new commits and the governance files at the new window end, with the
    // repository's facts (GitHub's pushed_at moved) read in that query instead of a request of their own.
    for (const [repo, sha] of [
      [repos[1], 'e'.repeat(40)],
      [repos[2], 'd'.repeat(40)],
    ]) {
      const mine = about(asked, repo)
      expect(mine.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'POST 200'])
      expect(mine[0].url).toContain('/commits?')
      const query = JSON.parse(mine[1].body!)
      expect(query.variables.a0).toBe(sha)
      expect(query.query).toContain('pushedAt')
    }
    const cold = await collectFrom(emulator.url, repos, {cacheDir: await freshCacheDir()})
    expect(refreshed.projects).toEqual(cold.projects)
    // The day after, nothing new: the same question about commits (asked from the same commit), 304; the facts kept
    // predate the push, so they answer 200.
    const next = emulator.requests.length
    const after = await collectFrom(emulator.url, repos, {cacheDir, ...on(3)})
    expect(after.projects).toEqual(cold.projects)
    expect(
      about(emulator.requests.slice(next), repos[1]).map((r) => `${r.url.includes('/commits?')} ${r.status}`),
    ).toEqual(['true 304', 'false 200'])
    expect(refreshed.projects.find((p) => p.repo === repos[1])?.commits.map((c) => c.sha)).toEqual(
      expect.arrayContaining(['e'.repeat(40), 'f'.repeat(40)]),
    )
  })

  it('profiles keep their own max-age: none asked a day later (30 days), all with profileMaxAge 0', async () => {
    const cacheDir = await freshCacheDir()
    await collectFrom(emulator.url, repos, {cacheDir, ...on(0)})
    const profileQueries = (from: number) =>
      emulator.requests.slice(from).filter((r) => r.method === 'POST' && r.body?.includes('query Users'))
    let from = emulator.requests.length
    await collectFrom(emulator.url, repos, {cacheDir, ...on(1)})
    expect(profileQueries(from)).toEqual([])
    from = emulator.requests.length
    const again = await collectFrom(emulator.url, repos, {cacheDir, profileMaxAge: 0, ...on(2)})
    expect(profileQueries(from)).toHaveLength(1)
    expect(again.projects.every((p) => Object.keys(p.profiles).length > 0)).toBe(true)
  })

  it('a default branch renamed between runs: the usual order again (facts, then the new branch); same figures', async () => {
    const cacheDir = await freshCacheDir()
    await collectFrom(emulator.url, [repos[3]], {cacheDir, ...on(0)})
    const fixture = emulator.fixtures.repos.get(repos[3].replace('github.com/', '').toLowerCase())!
    fixture.meta.default_branch = 'trunk'
    try {
      const renamed = await collectFrom(emulator.url, [repos[3]], {cacheDir, ...on(1)})
      expect(renamed.incomplete).toBe(false)
      expect(renamed.projects[0].facts?.defaultBranch).toBe('trunk')
      const cold = await collectFrom(emulator.url, [repos[3]], {cacheDir: await freshCacheDir()})
      expect(renamed.projects).toEqual(cold.projects)
    } finally {
      fixture.meta.default_branch = 'main'
    }
  })

  it('a window moved forward is served from the listing kept, no whole relisting; same figures as cold', async () => {
    const cacheDir = await freshCacheDir()
    await collectFrom(emulator.url, repos, {cacheDir})
    const from = emulator.requests.length
    const window = {since: '2024-04-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'}
    const moved = await collectFrom(emulator.url, repos, {cacheDir, maxAge: 0, window})
    expect(listings(emulator.requests.slice(from)).every((l) => !l.startsWith('2024-04-01T'))).toBe(true)
    const cold = await collectFrom(emulator.url, repos, {cacheDir: await freshCacheDir(), window})
    expect(moved.projects).toEqual(cold.projects)
  })

  it('a dormant project (nothing in the window): its head is kept, a day later 2 requests, both 304', async () => {
    const cacheDir = await freshCacheDir()
    const window = {since: '2025-01-01T00:00:00.000Z', until: '2025-06-01T00:00:00.000Z'}
    const first = await collectFrom(emulator.url, [repos[0]], {cacheDir, window, ...on(0)})
    expect(first.projects[0].commits).toEqual([])
    await collectFrom(emulator.url, [repos[0]], {cacheDir, window, ...on(1)})
    const from = emulator.requests.length
    const again = await collectFrom(emulator.url, [repos[0]], {cacheDir, window, ...on(2)})
    expect(again.projects).toEqual(first.projects)
    // No `until=` question (it changes with the window end): the head kept is the window end.
    expect(about(emulator.requests.slice(from), repos[0]).map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 304',
      'GET 304',
    ])
  })

  it('a window starting earlier, or a history rewritten under the listing: the whole window again, same figures', async () => {
    const cacheDir = await freshCacheDir()
    const late = {since: '2024-06-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'}
    await collectFrom(emulator.url, repos, {cacheDir, window: late})
    let from = emulator.requests.length
    const earlier = await collectFrom(emulator.url, repos, {cacheDir, maxAge: 0})
    expect(listings(emulator.requests.slice(from))).toEqual(repos.map(() => '2024-01-01T00:00:00.000Z 200'))
    // The heads did not move: each project's facts are asked in the usual order (a 304), not read again riding a
    // governance query, and no query is asked twice in the run.
    const asked = emulator.requests.slice(from)
    for (const repo of repos) {
      expect(about(asked, repo).map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'GET 304'])
    }
    const queries = asked.filter((r) => r.method === 'POST').map((r) => r.body)
    expect(new Set(queries).size).toBe(queries.length)
    expect(earlier.projects).toEqual(
      (await collectFrom(emulator.url, repos, {cacheDir: await freshCacheDir()})).projects,
    )
    // The branch of one project is rewritten: its newest known commit is no longer in it.
    const key = repos[3].replace('github.com/', '').toLowerCase()
    const fixture = emulator.fixtures.repos.get(key)!
    const saved = fixture.commits
    fixture.commits = saved.slice(1)
    fixture.bySha = new Map(fixture.commits.map((c) => [c.sha, c]))
    try {
      from = emulator.requests.length
      const rewritten = await collectFrom(emulator.url, [repos[3]], {cacheDir, maxAge: 0})
      const asked = listings(emulator.requests.slice(from))
      expect(asked.at(-1)).toBe('2024-01-01T00:00:00.000Z 200')
      const cold = await collectFrom(emulator.url, [repos[3]], {cacheDir: await freshCacheDir()})
      expect(rewritten.projects).toEqual(cold.projects)
      expect(rewritten.projects[0].commits.map((c) => c.sha)).not.toContain(saved[0].sha)
    } finally {
      fixture.commits = saved
      fixture.bySha = new Map(saved.map((c) => [c.sha, c]))
    }
  })
})
