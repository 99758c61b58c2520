/**
 * Cold and warm collection of the ten shared projects (../shared/affiliation) against the GitHub
 * emulator: requests per project and wall time. Targets (issue 4): cold ≤ 4 requests per project plus
 * one per 100 commits in the window; warm within --max-age, zero requests.
 * Latency under faults, from the test fixtures (tests/collect/failure-modes.test.ts checks the behaviour,
 * this checks how soon): a 403 "too large" is answered without any backoff wait, and a project whose
 * every request hangs gives up within its --project-timeout budget.
 * Latency per request: one project's requests go one after another (its listing, files and people), so what
 * collection adds to each (its octokit plug-ins: cache, retry, throttling, guard; and its own reading of the answers,
 * cache writes included) is time a user waits; measured as a whole collection of the project divided by its requests,
 * against the same requests sent by an octokit without plug-ins, to the same emulator.
 * Runs alone with `tsx bench/collect.ts`.
 */
import {existsSync, readFileSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {Octokit} from '@octokit/rest'
import {collectProjects} from '../src/collect/index.js'
import {silentLog} from '../src/collect/octokit/options.js'
import type {CollectOptions} from '../src/collect/types.js'
import {proxyFetch} from '../src/core/proxy.js'
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

/**
 * Target: what collection adds to each of a project's requests (the plug-ins and the reading of the answers), which go one after another: a tenth of the
 * quickest of GitHub's answers (tens to hundreds of milliseconds). 18 ms before Bottleneck's zero waits became
 * immediates (src/collect/octokit/bottleneck-yield.ts); about 3 ms of what is left is the one timer Bottleneck sets to
 * run each job, three limiters a request.
 */
const ADDED_PER_REQUEST_MS = 8

async function requestLatency(): Promise<void> {
  const emulator = await startGithubEmulator({roots: [fixtureRoot], maxPerPage: 2})
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  try {
    const ours: number[] = []
    let requests = 0
    for (let run = 0; run < 7; run++) {
      const cacheDir = await mkdtemp(join(tmpdir(), 'stewards-bench-'))
      const first = emulator.requests.length
      const started = performance.now()
      // Anonymous: the REST requests of one project, each waiting for the one before.
      await collectProjects(['github.com/example/widget'], {
        apiUrl: emulator.url,
        window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
        cacheDir,
      })
      const ms = performance.now() - started
      requests = emulator.requests.length - first
      if (run > 0) ours.push(ms / requests)
      await rm(cacheDir, {recursive: true, force: true})
    }
    const urls = emulator.requests.slice(-requests).map((r) => r.url)
    const plain = new Octokit({baseUrl: emulator.url, log: silentLog, request: {fetch: proxyFetch()}})
    const bare: number[] = []
    for (let run = 0; run < 7; run++) {
      const started = performance.now()
      for (const url of urls) await plain.request(`GET ${url}`).catch(() => undefined)
      if (run > 0) bare.push((performance.now() - started) / urls.length)
    }
    const added = median(ours) - median(bare)
    console.log(
      `one project's ${requests} requests, one after another: ${median(ours).toFixed(1)} ms each, an octokit without plug-ins ${median(bare).toFixed(1)} ms: ${added.toFixed(1)} ms added (target ≤ ${ADDED_PER_REQUEST_MS} ms: ${added <= ADDED_PER_REQUEST_MS ? 'met' : 'MISSED'})`,
    )
  } finally {
    await emulator.close()
  }
}

export async function run(): Promise<void> {
  await faultLatency()
  await requestLatency()
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
