/**
 * Organisation scale (issue #18): 2,000 synthetic repositories served by the GitHub emulator; 4 shard worker
 * processes (`stewards collect --shard I/4 --cache-url redis://…`, the built CLI) in parallel against one
 * redis-server; then one collection of all 2,000 from the shared store (0 GitHub requests expected) compared with
 * a single-process cold collection; then refreshes a day apart (nothing changed; a commit in a fifth of the projects),
 * compared with a cold collection of the same data. Prints requests per project (cold, refresh) and
 * wall times, the figures docs/scale.md extrapolates from. Needs redis-server (Debian's package).
 * Runnable alone: `npm run build && npx tsx bench/scale.ts`.
 */
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {collectProjects} from '../src/collect/index.js'
import {openCacheStore} from '../src/core/cache/open.js'
import {startGithubEmulator} from '../tests/support/github-emulator/index.js'
import {REDIS_MISSING, startRedis} from '../tests/support/redis.js'
import {addSyntheticCommit, writeSyntheticRepos} from '../tests/support/synthetic-repos.js'
import {loadFixtures} from '../tests/support/github-emulator/fixtures.js'
import type {LoggedRequest} from '../tests/support/github-emulator/index.js'
import {DAY_MS} from '../src/core/dates.js'

export const name = 'scale: 2,000 repositories, 4 shard processes, one Redis'

/** `STEWARDS_BENCH_SCALE_REPOS` runs a smaller simulation (the figures per project do not depend on it). */
const REPOS = Number(process.env.STEWARDS_BENCH_SCALE_REPOS) || 2_000
const SHARDS = 4
const TOKEN = 'bench-token'
const WINDOW = {since: '2024-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'}

function worker(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'run.js'), ...args], {
      env: {...process.env, NODE_ENV: '', GITHUB_TOKEN: TOKEN},
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    child.on('error', reject)
    child.on('close', (code) => resolve(code ?? -1))
  })
}

/**
 * Requests per project about these repositories (GETs name them; GraphQL queries name them in their variables).
 * Each request is read once and matched through an index (a request about two of them counts for both).
 */
function perProject(requests: LoggedRequest[], repos: string[]): string {
  const byPath = new Map<string, number>()
  const byName = new Map<string, number>()
  for (const repo of repos) {
    const [, owner, name] = repo.split('/')
    byPath.set(`${owner}/${name}`, (byPath.get(`${owner}/${name}`) ?? 0) + 1)
    byName.set(name, (byName.get(name) ?? 0) + 1)
  }
  let total = 0
  let counted = 0
  for (const r of requests) {
    let hits = 0
    if (r.method === 'GET') {
      const path = /^\/repos\/([^/]+\/[^/]+)(?:\/|$)/.exec(r.url)?.[1]
      hits = path === undefined ? 0 : (byPath.get(path) ?? 0)
    } else {
      const values = new Set(Object.values((JSON.parse(r.body ?? '{}') as {variables?: object}).variables ?? {}))
      for (const value of values) if (typeof value === 'string') hits += byName.get(value) ?? 0
    }
    total += hits
    if (r.status !== 304) counted += hits
  }
  return `${(total / repos.length).toFixed(2)} requests (${(counted / repos.length).toFixed(2)} counted)`
}

function sha(repo: string): string {
  return createHash('sha1').update(repo).digest('hex')
}

export async function run(): Promise<void> {
  const redis = await startRedis()
  if (!redis) {
    console.log(REDIS_MISSING)
    return
  }
  const work = mkdtempSync(join(tmpdir(), 'stewards-bench-scale-'))
  const repos = writeSyntheticRepos(join(work, 'github'), REPOS)
  const list = join(work, 'repos.txt')
  writeFileSync(list, `${repos.join('\n')}\n`)
  const emulator = await startGithubEmulator({roots: [join(work, 'github')], token: TOKEN})
  const base = {apiUrl: emulator.url, token: TOKEN, window: WINDOW, concurrency: 16}
  try {
    let start = performance.now()
    const single = await collectProjects(repos, {...base, cacheDir: join(work, 'single')})
    const coldRequests = emulator.requests.length
    console.log(
      `single process, cold: ${coldRequests} requests (${(coldRequests / REPOS).toFixed(2)} per project), ${((performance.now() - start) / 1000).toFixed(1)} s`,
    )

    start = performance.now()
    const window = ['--since', '2024-01-01', '--until', '2025-01-01']
    const codes = await Promise.all(
      Array.from({length: SHARDS}, (_, i) =>
        worker([
          'collect',
          '--repos',
          list,
          '--shard',
          `${i}/${SHARDS}`,
          '--cache-url',
          redis.url,
          '--github-api-url',
          emulator.url,
          '--concurrency',
          '16',
          ...window,
        ]),
      ),
    )
    const shardRequests = emulator.requests.length - coldRequests
    console.log(
      `${SHARDS} shard processes (exit ${codes.join(',')}): ${shardRequests} requests (${(shardRequests / REPOS).toFixed(2)} per project), ${((performance.now() - start) / 1000).toFixed(1)} s wall`,
    )

    const before = emulator.requests.length
    start = performance.now()
    const cache = openCacheStore({cacheUrl: redis.url})
    const shared = await collectProjects(repos, {...base, cache}).finally(() => cache.close?.())
    const same = JSON.stringify(shared.projects) === JSON.stringify(single.projects)
    console.log(
      `all ${REPOS} from the shared store: ${emulator.requests.length - before} GitHub requests, ${((performance.now() - start) / 1000).toFixed(1)} s, same figures as one process: ${same}`,
    )

    // Refreshes a day apart on the cache's clock (max-age 24 h), through the shared store: the first asks each project
    // for the commits since its newest (new questions), the second is a day on which nothing changed, the third one
    // on which a fifth of the projects got a commit.
    const refreshRun = async (days: number, label: string, active: ReadonlySet<string> = new Set()) => {
      const from = emulator.requests.length
      const began = performance.now()
      const store = openCacheStore({cacheUrl: redis.url})
      const run = await collectProjects(repos, {
        ...base,
        cache: store,
        http: {clock: () => Date.now() + days * DAY_MS},
      }).finally(() => store.close?.())
      const asked = emulator.requests.slice(from)
      const counted = asked.filter((r) => r.status !== 304).length
      const perActive = active.size
        ? `; a project with a new commit ${perProject(asked, [...active])}, one without ${perProject(
            asked,
            repos.filter((r) => !active.has(r)),
          )}`
        : ''
      console.log(
        `${label}: ${asked.length} requests (${(asked.length / REPOS).toFixed(2)} per project), ${counted} counted by GitHub (not 304: ${(counted / REPOS).toFixed(2)} per project)${perActive}, ${((performance.now() - began) / 1000).toFixed(1)} s`,
      )
      return run
    }
    await refreshRun(1, 'first refresh a day later (commits since the newest asked for the first time)')
    await refreshRun(2, 'refresh, nothing changed')
    const active = new Set(repos.filter((_, i) => i % 5 === 0))
    for (const repo of active) addSyntheticCommit(join(work, 'github'), repo, '2024-12-30T10:00:00Z', 'dev1', sha(repo))
    for (const [key, repo] of loadFixtures([join(work, 'github')]).repos) emulator.fixtures.repos.set(key, repo)
    const lively = await refreshRun(3, 'refresh, a commit in a fifth of the projects', active)
    const cold = await collectProjects(repos, {...base, cacheDir: join(work, 'cold-again')})
    console.log(
      `refreshed figures equal a cold collection of the same data: ${JSON.stringify(lively.projects) === JSON.stringify(cold.projects)}`,
    )
  } finally {
    await emulator.close()
    await redis.kill()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
