import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DiskCache} from '../../src/core/cache/disk-cache.js'
import {collectProjects} from '../../src/collect/index.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {collectFrom, FAST_HTTP, fixtureRoot, freshCacheDir, TOKEN, WINDOW_2024} from './helpers.js'
import {nextStep, runContext} from '../../src/pipeline/next-step.js'

const REPOS = ['github.com/example/widget', 'github.com/example/gone', 'github.com/example/empty']

describe('cache, offline mode and replay', () => {
  let emulator: GithubEmulator
  let cacheDir: string
  let online: Awaited<ReturnType<typeof collectFrom>>
  beforeAll(async () => {
    emulator = await startGithubEmulator({roots: [fixtureRoot], token: TOKEN})
    cacheDir = await freshCacheDir()
    online = await collectFrom(emulator.url, REPOS, {cacheDir})
  })
  afterAll(() => emulator.close())

  it('answers from the cache within max-age, negative answers included', async () => {
    const before = emulator.requests.length
    const warm = await collectFrom(emulator.url, REPOS, {cacheDir})
    expect(emulator.requests.length).toBe(before)
    // Each person is a cache record of their own: 4 records where the cold run made one GraphQL batch.
    expect(warm.requests).toEqual({total: 0, byStatus: {}, cached: online.requests.total - 1 + 4})
    expect(warm.projects).toEqual(online.projects)
  })

  it('revalidates stale entries with their ETag (304) and keeps the data', async () => {
    const stale = await collectFrom(emulator.url, REPOS, {cacheDir, maxAge: 0})
    expect(stale.projects).toEqual(online.projects)
    expect(stale.requests.byStatus['304']).toBeGreaterThan(0)
    expect(emulator.requests.some((r) => r.status === 304)).toBe(true)
  })

  it('offline: serves what is cached and reports what is missing as incomplete', async () => {
    const replay = await collectFrom(emulator.url, REPOS, {cacheDir, offline: true, maxAge: 0})
    expect(replay.projects).toEqual(online.projects)
    expect(replay.incomplete).toBe(false)
    const empty = await collectFrom(emulator.url, REPOS, {offline: true})
    expect(empty.incomplete).toBe(true)
    expect(empty.requests.total).toBe(0)
    // A miss says nothing about the project: every part is missing (unknown), the project is not "unavailable".
    expect(empty.projects.map((p) => [p.repo, p.status, p.missing])).toEqual(
      [...REPOS].sort().map((repo) => [repo, 'partial', ['facts', 'commits', 'governance', 'profiles']]),
    )
    expect(empty.projects.every((p) => /offline/.test(p.reason ?? ''))).toBe(true)
  })

  it('replays a cache bundle or a recorded collection without network', async () => {
    const bundleFile = join(cacheDir, '..', `bundle-${process.pid}.json`)
    await writeFile(bundleFile, JSON.stringify(await new DiskCache(cacheDir).exportBundle()))
    const before = emulator.requests.length
    const fromBundle = await collectProjects(REPOS, {
      source: 'snapshot',
      snapshot: bundleFile,
      apiUrl: emulator.url,
      token: TOKEN,
      window: WINDOW_2024,
    })
    expect(emulator.requests.length).toBe(before)
    expect(fromBundle.projects.map((p) => ({...p, source: 'github'}))).toEqual(online.projects)
    const recordFile = join(cacheDir, '..', `record-${process.pid}.json`)
    await writeFile(recordFile, JSON.stringify(online))
    const fromRecord = await collectProjects([...REPOS, 'github.com/example/missing'], {
      source: 'snapshot',
      snapshot: recordFile,
      window: WINDOW_2024,
    })
    expect(
      fromRecord.projects.filter((p) => p.repo !== 'github.com/example/missing').map((p) => ({...p, source: 'github'})),
    ).toEqual(online.projects)
    expect(fromRecord.projects.find((p) => p.repo === 'github.com/example/missing')).toMatchObject({
      status: 'partial',
      missing: ['facts', 'commits', 'governance', 'profiles'],
      reason: 'github.com/example/missing: not in the snapshot',
    })
    expect(fromRecord.incomplete).toBe(true)
    // The one line that says what to do next covers a recorded snapshot's misses too.
    expect(nextStep(fromRecord.projects, runContext({snapshot: recordFile, offline: true}))).toBe(
      `Next: the snapshot ${recordFile} does not hold 1 project: set GITHUB_TOKEN and drop --snapshot to collect it from GitHub, or replay a bundle that holds it (\`stewards cache export\` on the machine that collected it).`,
    )
  })

  it('works anonymously (REST contents and users instead of GraphQL) with the same data', async () => {
    const anonymous = await startGithubEmulator({roots: [fixtureRoot]})
    try {
      const run = await collectProjects(REPOS, {
        apiUrl: anonymous.url,
        window: WINDOW_2024,
        cacheDir: await freshCacheDir(),
        http: FAST_HTTP,
      })
      expect(run.projects).toEqual(online.projects)
      expect(anonymous.requests.every((r) => r.authorization === undefined && r.method === 'GET')).toBe(true)
    } finally {
      await anonymous.close()
    }
  })

  it('talks to GitHub Enterprise Server at HOST/api/v3 (GraphQL at HOST/api/graphql)', async () => {
    const before = emulator.requests.length
    // The emulator stands for an Enterprise Server whose host is 127.0.0.1:PORT.
    const repo = `${emulator.host}/example/widget`
    const run = await collectFrom(`${emulator.url}/api/v3`, [repo], {onlyHost: true})
    const fromGithub = online.projects.find((p) => p.repo === 'github.com/example/widget')!
    // The places searched are the server's own; the CNCF foundation list lives on github.com only.
    expect(run.projects[0]).toEqual({
      ...fromGithub,
      repo,
      searched: fromGithub.searched
        ?.filter((s) => s.place !== 'foundation')
        .map((s) => ({...s, repo: s.repo.replace('github.com/', `${emulator.host}/`)})),
    })
    const mine = emulator.requests.slice(before)
    expect(mine.every((r) => r.url.startsWith('/api/v3/') || r.url === '/api/graphql')).toBe(true)
    expect(mine.some((r) => r.url === '/api/graphql')).toBe(true)
  })
})
