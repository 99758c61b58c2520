import {existsSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {openCacheStore} from '../../src/core/cache/open.js'
import {shardOf} from '../../src/core/shard.js'
import {repoRoot, runBuilt, runCli} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {REDIS_MISSING, type RedisServer, startRedis} from '../support/redis.js'
import {writeSyntheticRepos} from '../support/synthetic-repos.js'
import {collectFrom, TOKEN} from './helpers.js'

/**
 * Organisation scale (#18), simulated: the emulator serves synthetic repositories; shard workers collect their
 * share into bundles (merged) or into one Redis; a run over all of them from the merged bundle or the shared
 * store asks GitHub nothing and gives the same figures as one process collecting everything. The bench
 * (bench/scale.ts) runs the same with 2,000 repositories.
 */
const COUNT = 12
const work = mkdtempSync(join(tmpdir(), 'stewards-scale-'))
const root = join(work, 'github')
const repos = writeSyntheticRepos(root, COUNT)
const reposFile = join(work, 'repos.txt')
writeFileSync(reposFile, `# synthetic\n${repos.join('\n')}\n`)
const WINDOW = ['--since', '2024-01-01', '--until', '2025-01-01']

let emulator: GithubEmulator
let baseline: {projects: unknown[]}
beforeAll(async () => {
  emulator = await startGithubEmulator({roots: [root], token: TOKEN})
  const single = await collect(['--cache-dir', join(work, 'single')])
  expect(single.code).toBe(0)
  baseline = JSON.parse(single.stdout)
})
afterAll(() => emulator.close())

function collect(args: string[]) {
  return runCli(['collect', '--repos', reposFile, '--json', '--github-api-url', emulator.url, ...WINDOW, ...args], {
    env: {GITHUB_TOKEN: TOKEN},
  })
}

const projectsOf = (stdout: string) => (JSON.parse(stdout) as {projects: unknown[]}).projects

describe('sharded collection into bundles', () => {
  it('each repository in exactly one shard; merged bundles replay everything with no request, same figures', async () => {
    const bundles: string[] = []
    const seen: string[] = []
    for (let i = 0; i < 3; i++) {
      const bundle = join(work, `shard-${i}.bundle`)
      const r = await collect(['--shard', `${i}/3`, '--bundle', bundle, '--cache-dir', join(work, `cache-${i}`)])
      expect(r.code).toBe(0)
      expect(r.stderr).toMatch(/wrote \d+ cache entries to /)
      const mine = projectsOf(r.stdout).map((p) => (p as {repo: string}).repo)
      for (const repo of mine) expect(shardOf(repo, 3)).toBe(i)
      seen.push(...mine)
      bundles.push(bundle)
    }
    expect(seen.sort()).toEqual([...repos].sort())
    const all = join(work, 'all.bundle')
    const merged = await runCli(['cache', 'merge', ...bundles, '-o', all])
    expect(merged.code).toBe(0)
    expect(merged.stderr).toMatch(/^merged 3 bundles: \d+ cache entries\n$/)
    const asked = emulator.requests.length
    const replay = await collect(['--snapshot', all])
    expect(replay.code).toBe(0)
    expect(emulator.requests.length).toBe(asked)
    // The same figures; only where they came from differs.
    const fromGithub = baseline.projects.map((p) => ({...(p as object), source: 'snapshot'}))
    expect(projectsOf(replay.stdout)).toEqual(fromGithub)
  })

  it('refuses a bad --shard and an empty target list with exit 3 and a hint', async () => {
    const bad = await collect(['--shard', '3/3'])
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain('Hint: give I/N')
    const none = await runCli(['collect'])
    expect(none.code).toBe(3)
    expect(none.stderr).toContain('no repository to collect')
  })
})

describe('sharded collection into one Redis', () => {
  let redis: RedisServer | null = null
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.kill())

  // Shared governance places ride in the query of whichever project reads them first; each repository's files are
  // kept as a record of their own (FILES), so the run of all finds them whatever the shards composed.
  it('2 shard processes in parallel fill the store; a run of all then asks GitHub nothing, same figures', async (context) => {
    if (!redis) {
      console.warn(REDIS_MISSING)
      return context.skip()
    }
    if (!existsSync(join(repoRoot, 'dist', 'commands'))) {
      console.warn('skipped: dist/ is missing (npm test builds before vitest)')
      return context.skip()
    }
    const url = `${redis.url}/0`
    const shards = await Promise.all(
      [0, 1].map((i) =>
        runBuilt(
          [
            'collect',
            '--repos',
            reposFile,
            '--shard',
            `${i}/2`,
            '--cache-url',
            url,
            '--github-api-url',
            emulator.url,
            ...WINDOW,
          ],
          {env: {GITHUB_TOKEN: TOKEN}},
        ),
      ),
    )
    expect(shards.map((s) => s.code)).toEqual([0, 0])
    const asked = emulator.requests.length
    const all = await collect(['--cache-url', url])
    expect(all.code).toBe(0)
    expect(all.stderr).toBe('')
    expect(emulator.requests.length).toBe(asked)
    expect(projectsOf(all.stdout)).toEqual(baseline.projects)
  })

  it('a server that goes away mid-run: one warning, the rest fetched, the same figures as without a cache', async (context) => {
    const doomed = await startRedis()
    if (!doomed) {
      console.warn(REDIS_MISSING)
      return context.skip()
    }
    const notices: string[] = []
    const cache = openCacheStore({cacheUrl: doomed.url, onUnusable: (m) => notices.push(m)})
    let killed: Promise<void> | undefined
    const run = await collectFrom(emulator.url, repos, {
      cache,
      concurrency: 2,
      onProgress: (event) => {
        if (event.type === 'project-done') killed ??= doomed.kill()
        if (event.type === 'notice') notices.push(event.message)
      },
    }).finally(() => cache.close?.())
    await killed
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/^cache server redis:\/\/127\.0\.0\.1:\d+ cannot be used \(/)
    expect(run.incomplete).toBe(false)
    expect(JSON.parse(JSON.stringify(run.projects))).toEqual(baseline.projects)
  })
})
