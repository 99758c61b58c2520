import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type CollectRun, type ProgressEvent, waitNotice} from '../../src/collect/index.js'
import type {CollectOptions} from '../../src/collect/types.js'
import {sharedDir} from '../support/cli.js'
import {type FaultKind, type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {collectFrom, FAST_HTTP, fixtureRoot, TOKEN} from './helpers.js'

/**
 * Issue #12: with 30–40 % of requests failing in any documented way, every project's figures equal the
 * fault-free run's; partial only when retries are exhausted. Each kind alone at 40 %, then all together.
 * The faults are chosen by a seeded hash of the request line and how often it was asked, so a run is
 * reproducible; twelve retries make a request's chance of failing every attempt at 40 % about 1 in 60,000.
 */
const RESILIENT: CollectOptions['http'] = {
  ...FAST_HTTP,
  retries: 12,
  secondaryRetries: 12,
  acceptedRetries: 12,
}
const REPOS = [
  'github.com/example/widget',
  'github.com/example/old-name',
  'github.com/example/gone',
  'github.com/example/empty',
  'github.com/example/blocked',
]
const KINDS: FaultKind[] = [
  'server-error',
  'secondary-limit',
  'secondary-429',
  'secondary-bare',
  'secondary-reset',
  'abuse',
  'too-many',
  'accepted',
  'truncated',
  'reset',
  'slow',
]

type Mode = 'token' | 'anonymous'

async function run(mode: Mode, faults: {kinds: FaultKind[]; ratio: number; seed?: number}, extra = {}) {
  const emulator = await startGithubEmulator({
    roots: [fixtureRoot],
    ...(mode === 'token' ? {token: TOKEN} : {}),
    // Two commits a page: the listings paginate, so Link headers and later pages meet faults too.
    maxPerPage: 2,
    faultRatio: faults.ratio,
    faultKinds: faults.kinds,
    seed: faults.seed ?? 12,
    slowMs: 40,
  })
  try {
    const result = await collectFrom(emulator.url, REPOS, {
      token: mode === 'token' ? TOKEN : undefined,
      http: RESILIENT,
      timeoutMs: 2_000,
      ...extra,
    })
    return {result, emulator}
  } finally {
    await emulator.close()
  }
}

describe('GitHub answering 40 % of requests with faults gives the fault-free figures', () => {
  const clean: Partial<Record<Mode, CollectRun>> = {}
  beforeAll(async () => {
    for (const mode of ['token', 'anonymous'] as const) {
      clean[mode] = (await run(mode, {kinds: [], ratio: 0})).result
      expect(clean[mode]?.incomplete).toBe(false)
    }
  })

  for (const kind of KINDS) {
    it(`${kind} alone`, async () => {
      for (const mode of ['token', 'anonymous'] as const) {
        const {result, emulator} = await run(mode, {kinds: [kind], ratio: 0.4})
        const faulted = emulator.requests.filter((r) => r.fault === kind).length
        // The fault really happened, often: about 40 % of every attempt.
        expect(faulted, `${kind} ${mode}`).toBeGreaterThanOrEqual(Math.floor(emulator.requests.length * 0.25))
        expect(result.problems, `${kind} ${mode}`).toEqual([])
        expect(result.incomplete).toBe(false)
        expect(JSON.stringify(result.projects), `${kind} ${mode}`).toBe(JSON.stringify(clean[mode]?.projects))
      }
    })
  }

  it('all kinds together, with every long wait announced', async () => {
    const waits: Array<Extract<ProgressEvent, {type: 'wait'}>> = []
    const kinds = new Set<string>()
    for (const mode of ['token', 'anonymous'] as const) {
      const {result, emulator} = await run(
        mode,
        {kinds: KINDS, ratio: 0.4, seed: 7},
        {
          http: {...RESILIENT, announceAfterMs: 0},
          onProgress: (e: ProgressEvent) => e.type === 'wait' && waits.push(e),
        },
      )
      for (const r of emulator.requests) if (r.fault) kinds.add(r.fault)
      expect(result.incomplete).toBe(false)
      expect(JSON.stringify(result.projects)).toBe(JSON.stringify(clean[mode]?.projects))
    }
    expect(kinds.size).toBeGreaterThanOrEqual(9)
    // One announcement per wait: secondary limits and abuse detection by name, retries with the attempt.
    expect(waits.some((w) => w.reason === 'secondary-limit' && w.cause === 'abuse detection')).toBe(true)
    expect(waits.some((w) => w.reason === 'secondary-limit' && w.cause === 'secondary rate limit')).toBe(true)
    expect(waits.some((w) => w.reason === 'retry' && /HTTP 50\d/.test(w.cause))).toBe(true)
    expect(waits.some((w) => w.reason === 'computing')).toBe(true)
    const retry = waits.find((w) => w.reason === 'retry')!
    expect(waitNotice(retry)).toMatch(
      /^(GET|POST) \/\S+: .+; asking GitHub again in \d+ms, attempt \d+ of 13 \(\d+ms of at most 30m waited in this run\)$/,
    )
    const secondary = waits.find((w) => w.reason === 'secondary-limit')!
    expect(waitNotice(secondary)).toMatch(
      /^GitHub (secondary rate limit|abuse detection) on (GET|POST) \/\S+: waiting \d+ms before asking again/,
    )
  })

  it('stays honest when retries run out: partial, with the reason, never different figures', async () => {
    const {result} = await run('token', {kinds: ['abuse'], ratio: 0.4}, {http: {...RESILIENT, secondaryRetries: 0}})
    expect(result.incomplete).toBe(true)
    const widget = result.projects.find((p) => p.repo === 'github.com/example/widget')!
    expect(['partial', 'ok']).toContain(widget.status)
    expect(result.problems.some((p) => /GitHub abuse detection, not lifted within the retries/.test(p))).toBe(true)
  })

  it('gives up once the run has waited its bound, saying so', async () => {
    // Every secondary limit asks for 60 "seconds" (60 ms here); the bound is 100 ms: the second wait is refused.
    const emulator = await startGithubEmulator({
      roots: [fixtureRoot],
      token: TOKEN,
      faults: [{kind: 'secondary-limit', match: /^GET \/repos\/example\/widget$/, retryAfter: 60}],
    })
    try {
      const waits: ProgressEvent[] = []
      const result = await collectFrom(emulator.url, ['github.com/example/widget'], {
        http: {...RESILIENT, maxWaitMs: 100, announceAfterMs: 0},
        onProgress: (e) => e.type === 'wait' && waits.push(e),
      })
      expect(result.incomplete).toBe(true)
      expect(result.projects[0].status).toBe('partial')
      expect(result.projects[0].reason).toMatch(
        /secondary rate limit, not lifted within the retries and the wait bound/,
      )
      expect(waits).toHaveLength(1)
      expect(emulator.requests).toHaveLength(2)
    } finally {
      await emulator.close()
    }
  })
})

const affiliation = join(sharedDir, 'affiliation')
const present = existsSync(join(affiliation, 'sources.json'))

/** The four smallest of the shared projects (real histories, 1,794 commits): every kind at 35 %. */
const SHARED = ['openkruise/kruise', 'volcano-sh/volcano', 'cert-manager/cert-manager', 'containerd/containerd']

describe.skipIf(!present)('four shared projects with 35 % of answers faulty, every kind', () => {
  let emulator: GithubEmulator
  let faulty: GithubEmulator
  beforeAll(async () => {
    emulator = await startGithubEmulator({roots: [affiliation], token: TOKEN})
    faulty = await startGithubEmulator({
      roots: [affiliation],
      token: TOKEN,
      faultRatio: 0.35,
      faultKinds: KINDS,
      seed: 35,
      slowMs: 20,
    })
  })
  afterAll(async () => {
    await emulator?.close()
    await faulty?.close()
  })

  it('collects exactly what the fault-free run collects', async () => {
    const sources = JSON.parse(readFileSync(join(affiliation, 'sources.json'), 'utf8')) as Record<string, unknown>
    expect(SHARED.every((r) => r in sources)).toBe(true)
    const repos = SHARED.map((r) => `github.com/${r}`)
    const cleanRun = await collectFrom(emulator.url, repos, {http: RESILIENT})
    const faultyRun = await collectFrom(faulty.url, repos, {http: RESILIENT})
    expect(faulty.requests.filter((r) => r.fault).length).toBeGreaterThanOrEqual(12)
    expect(cleanRun.projects.reduce((n, p) => n + p.commits.length, 0)).toBe(1794)
    expect(faultyRun.incomplete).toBe(false)
    expect(JSON.stringify(faultyRun.projects)).toBe(JSON.stringify(cleanRun.projects))
  })
})
