import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadFixtures} from '../support/github-emulator/fixtures.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {addSyntheticCommit, writeSyntheticRepos} from '../support/synthetic-repos.js'
import {collectFrom, freshCacheDir, TOKEN} from './helpers.js'

/**
 * Incremental refresh (#18): past max-age, a project's commits are asked for only since the newest one already
 * listed; the figures equal a cold collection of the same window, with commits added between the runs.
 */
const root = mkdtempSync(join(tmpdir(), 'stewards-incremental-'))
const repos = writeSyntheticRepos(root, 3, 7)
const listings = (emulator: GithubEmulator, from: number) =>
  emulator.requests
    .slice(from)
    .filter((r) => r.method === 'GET' && /\/commits\?/.test(r.url))
    .map((r) => `${decodeURIComponent(new URL(r.url, 'http://x').searchParams.get('since') ?? '')} ${r.status}`)

let emulator: GithubEmulator
beforeAll(async () => {
  emulator = await startGithubEmulator({roots: [root], token: TOKEN})
})
afterAll(() => emulator.close())

describe('incremental refresh of commits', () => {
  it('asks only for commits since the newest listed; same figures as a cold run, commits added between runs', async () => {
    const cacheDir = await freshCacheDir()
    const first = await collectFrom(emulator.url, repos, {cacheDir})
    expect(first.incomplete).toBe(false)
    const newest = first.projects.map((p) =>
      p.commits
        .map((c) => c.committer.date)
        .sort()
        .at(-1),
    )
    // The first refresh asks each project for what came since its newest commit (a new question: 200s).
    let from = emulator.requests.length
    await collectFrom(emulator.url, repos, {cacheDir, maxAge: 0})
    expect(listings(emulator, from).sort()).toEqual(newest.map((d) => `${d} 200`).sort())

    // One project gets two new commits; the others are unchanged.
    addSyntheticCommit(root, repos[1], '2024-12-20T10:00:00Z', 'dev-new', 'f'.repeat(40))
    addSyntheticCommit(root, repos[1], '2024-12-21T10:00:00Z', 'dev3', 'e'.repeat(40))
    // The emulator serves what it loaded: load the repositories again into the running server (same host).
    for (const [key, repo] of loadFixtures([root]).repos) emulator.fixtures.repos.set(key, repo)
    from = emulator.requests.length
    const refreshed = await collectFrom(emulator.url, repos, {cacheDir, maxAge: 0})
    // One listing per project since its newest known commit: the unchanged ones answer 304 (no rate limit).
    expect(listings(emulator, from).sort()).toEqual(
      first.projects.map((p, i) => `${newest[i]} ${p.repo === repos[1] ? 200 : 304}`).sort(),
    )
    const cold = await collectFrom(emulator.url, repos, {cacheDir: await freshCacheDir()})
    expect(refreshed.projects).toEqual(cold.projects)
    expect(refreshed.projects.find((p) => p.repo === repos[1])?.commits.map((c) => c.sha)).toContain('f'.repeat(40))
  })

  it('a window moved forward is served from the listing kept, no whole relisting; same figures as cold', async () => {
    const cacheDir = await freshCacheDir()
    await collectFrom(emulator.url, repos, {cacheDir})
    const from = emulator.requests.length
    const window = {since: '2024-04-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'}
    const moved = await collectFrom(emulator.url, repos, {cacheDir, maxAge: 0, ...window})
    expect(listings(emulator, from).every((l) => !l.startsWith('2024-04-01T'))).toBe(true)
    const cold = await collectFrom(emulator.url, repos, {cacheDir: await freshCacheDir(), ...window})
    expect(moved.projects).toEqual(cold.projects)
  })
})
