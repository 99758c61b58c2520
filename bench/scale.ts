/**
 * Organisation scale (issue #18): 2,000 synthetic repositories served by the GitHub emulator; 4 shard worker
 * processes (`stewards collect --shard I/4 --cache-url redis://…`, the built CLI) in parallel against one
 * redis-server; then one collection of all 2,000 from the shared store (0 GitHub requests expected) compared with
 * a single-process cold collection; then a refresh after max-age. Prints requests per project (cold, refresh) and
 * wall times, the figures docs/scale.md extrapolates from. Needs redis-server (Debian's package).
 * Runnable alone: `npm run build && npx tsx bench/scale.ts`.
 */
import {spawn} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {collectProjects} from '../src/collect/index.js'
import {openCacheStore} from '../src/core/cache/open.js'
import {startGithubEmulator} from '../tests/support/github-emulator/index.js'
import {REDIS_MISSING, startRedis} from '../tests/support/redis.js'
import {writeSyntheticRepos} from '../tests/support/synthetic-repos.js'

export const name = 'scale: 2,000 repositories, 4 shard processes, one Redis'

const REPOS = 2_000
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

    const refreshFrom = emulator.requests.length
    start = performance.now()
    const stale = openCacheStore({cacheUrl: redis.url, maxAgeMs: 0})
    await collectProjects(repos, {...base, cache: stale, maxAge: 0}).finally(() => stale.close?.())
    const refresh = emulator.requests.slice(refreshFrom)
    const notModified = refresh.filter((r) => r.status === 304).length
    console.log(
      `refresh after max-age: ${refresh.length} requests (${(refresh.length / REPOS).toFixed(2)} per project), ${notModified} of them 304 Not Modified, ${((performance.now() - start) / 1000).toFixed(1)} s`,
    )
  } finally {
    await emulator.close()
    await redis.kill()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
