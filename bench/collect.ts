/**
 * Cold and warm collection of the ten shared projects (../shared/affiliation) against the GitHub
 * emulator: requests per project and wall time. Targets (issue 4): cold ≤ 4 requests per project plus
 * one per 100 commits in the window; warm within --max-age, zero requests.
 * Latency under faults, from the test fixtures (tests/collect/failure-modes.test.ts checks the behaviour,
 * this checks how soon): a 403 "too large" is answered without any backoff wait, and a project whose
 * every request hangs gives up within its --project-timeout budget.
 * Runs alone with `tsx bench/collect.ts`.
 */
import {existsSync, readFileSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {collectProjects} from '../src/collect/index.js'
import type {CollectOptions} from '../src/collect/types.js'
import {type FaultRule, startGithubEmulator} from '../tests/support/github-emulator/index.js'

export const name = 'collect: ten shared projects from the GitHub emulator'

const fixtureRoot = join(import.meta.dirname, '..', 'tests', 'collect', '__fixtures__', 'github')

interface LatencyCase {
  label: string
  faults: FaultRule[]
  options: Partial<CollectOptions>
  targetMs: number
}

const LATENCY_CASES: LatencyCase[] = [
  {
    label: '403 too large, backoff base 60 s (must not wait)',
    faults: [{kind: 'too-large', match: /^GET \/repos\/example\/widget\/commits/}],
    options: {onRateLimit: 'stop', http: {retryBaseMs: 60_000}},
    targetMs: 5_000,
  },
  {
    label: 'every request hangs 3 s, project budget 300 ms',
    faults: [{kind: 'slow', delayMs: 3_000}],
    options: {projectTimeoutMs: 300},
    targetMs: 2_500,
  },
]

async function faultLatency(): Promise<void> {
  const token = 'bench-token'
  for (const c of LATENCY_CASES) {
    const emulator = await startGithubEmulator({roots: [fixtureRoot], token, faults: c.faults})
    const cacheDir = await mkdtemp(join(tmpdir(), 'stewards-bench-'))
    try {
      const started = performance.now()
      const result = await collectProjects(['github.com/example/widget', 'github.com/example/empty'], {
        apiUrl: emulator.url,
        token,
        window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
        cacheDir,
        ...c.options,
      })
      const ms = performance.now() - started
      const statuses = result.projects.map((p) => `${p.repo.split('/').at(-1)} ${p.status}`).join(', ')
      console.log(
        `${c.label}: ${ms.toFixed(0)} ms (target < ${c.targetMs} ms: ${ms < c.targetMs ? 'met' : 'MISSED'}), ${statuses}`,
      )
    } finally {
      await emulator.close()
      await rm(cacheDir, {recursive: true, force: true})
    }
  }
}

export async function run(): Promise<void> {
  await faultLatency()
  const affiliation = join(import.meta.dirname, '..', '..', 'shared', 'affiliation')
  if (!existsSync(join(affiliation, 'sources.json'))) {
    console.log(`skipped: ${affiliation} is absent`)
    return
  }
  const sources = JSON.parse(readFileSync(join(affiliation, 'sources.json'), 'utf8')) as Record<
    string,
    {commit_count: number}
  >
  const repos = Object.keys(sources).sort()
  const commits = repos.reduce((n, r) => n + sources[r].commit_count, 0)
  const token = 'bench-token'
  const emulator = await startGithubEmulator({roots: [affiliation], token})
  const cacheDir = await mkdtemp(join(tmpdir(), 'stewards-bench-'))
  try {
    const budget = 4 * repos.length + commits / 100
    for (const label of ['cold', 'warm']) {
      const started = performance.now()
      const result = await collectProjects(
        repos.map((r) => `github.com/${r}`),
        {apiUrl: emulator.url, token, window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'}, cacheDir},
      )
      const ms = performance.now() - started
      const target = label === 'cold' ? result.requests.total <= budget : result.requests.total === 0
      console.log(
        `${label}: ${result.requests.total} requests (${(result.requests.total / repos.length).toFixed(1)} per project; target ${label === 'cold' ? `≤ ${budget.toFixed(0)}` : '0'}: ${target ? 'met' : 'MISSED'}), ${result.requests.cached} from cache, ${ms.toFixed(0)} ms, ${commits} commits`,
      )
    }
  } finally {
    await emulator.close()
    await rm(cacheDir, {recursive: true, force: true})
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
