import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DiskCache} from '../../src/core/cache/disk-cache.js'
import {type CollectRun, collectProjects} from '../../src/collect/index.js'
import {repoRoot} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {collectFrom, FAST_HTTP, fixtureRoot, freshCacheDir, TOKEN, WINDOW_2024} from './helpers.js'

/**
 * With a token, governance files and profiles are read over GraphQL; without one, over REST: the cache
 * holds one or the other. Offline and from a snapshot, the collector reads whichever the cache holds, so
 * a bundle replays the same with or without a token, and never asks the network.
 */
const REPOS = ['github.com/example/widget', 'github.com/example/gone', 'github.com/example/empty']

describe('replay whatever strategy recorded the cache, with or without a token', () => {
  let withToken: GithubEmulator
  let anonymous: GithubEmulator
  const recorded: Record<'token' | 'anonymous', {run: CollectRun; cacheDir: string; bundle: string; apiUrl: string}> =
    {} as never
  beforeAll(async () => {
    withToken = await startGithubEmulator({roots: [fixtureRoot], token: TOKEN})
    anonymous = await startGithubEmulator({roots: [fixtureRoot]})
    for (const [label, emulator, token] of [
      ['token', withToken, TOKEN],
      ['anonymous', anonymous, undefined],
    ] as const) {
      const cacheDir = await freshCacheDir()
      const run = await collectFrom(emulator.url, REPOS, {cacheDir, token})
      const bundle = join(cacheDir, '..', `${label}-bundle-${process.pid}.json`)
      await writeFile(bundle, JSON.stringify(await new DiskCache(cacheDir).exportBundle()))
      recorded[label] = {run, cacheDir, bundle, apiUrl: emulator.url}
    }
  })
  afterAll(async () => {
    await withToken.close()
    await anonymous.close()
  })

  it('records the two strategies under different keys, with the same data', () => {
    expect(recorded.token.run.projects).toEqual(recorded.anonymous.run.projects)
    expect(withToken.requests.filter((r) => r.method === 'POST')).toHaveLength(2)
    expect(anonymous.requests.filter((r) => r.method === 'POST')).toEqual([])
  })

  for (const [bundleOf, replayToken] of [
    ['token', undefined],
    ['anonymous', TOKEN],
  ] as const) {
    it(`replays a ${bundleOf} bundle ${replayToken ? 'with' : 'without'} a token: complete, identical, no request`, async () => {
      const before = withToken.requests.length + anonymous.requests.length
      // Cache keys hold the API URL: the recording emulator's. A request, if one were made, would show in its log.
      const {bundle, apiUrl} = recorded[bundleOf]
      const run = await collectProjects(REPOS, {
        source: 'snapshot',
        snapshot: bundle,
        apiUrl,
        token: replayToken,
        ...WINDOW_2024,
      })
      expect(run.problems).toEqual([])
      expect(run.incomplete).toBe(false)
      expect(run.projects.map((p) => ({...p, source: 'github'}))).toEqual(recorded[bundleOf].run.projects)
      expect(run.requests.total).toBe(0)
      expect(withToken.requests.length + anonymous.requests.length).toBe(before)
    })

    it(`reads a ${bundleOf} cache offline ${replayToken ? 'with' : 'without'} a token`, async () => {
      const before = withToken.requests.length + anonymous.requests.length
      const {cacheDir, apiUrl} = recorded[bundleOf]
      const run = await collectProjects(REPOS, {
        apiUrl,
        token: replayToken,
        ...WINDOW_2024,
        cacheDir,
        offline: true,
        http: FAST_HTTP,
      })
      expect(run.incomplete).toBe(false)
      expect(run.projects).toEqual(recorded[bundleOf].run.projects)
      expect(withToken.requests.length + anonymous.requests.length).toBe(before)
    })
  }

  it('still reports what neither strategy holds as missing, without a request', async () => {
    // A window ending earlier moves C: neither the GraphQL query nor the contents listing at that commit is
    // cached. The people of the shorter window are cached one by one, so their profiles replay.
    const before = withToken.requests.length
    const run = await collectProjects(['github.com/example/widget'], {
      source: 'snapshot',
      snapshot: recorded.token.bundle,
      apiUrl: withToken.url,
      since: WINDOW_2024.since,
      until: '2024-03-01T00:00:00.000Z',
    })
    expect(run.incomplete).toBe(true)
    expect(run.projects[0]).toMatchObject({status: 'partial', missing: ['governance'], governance: []})
    expect(run.projects[0].commits.map((c) => c.sha[0])).toEqual(['a'])
    expect(Object.keys(run.projects[0].profiles)).toEqual(['alice'])
    expect(withToken.requests.length).toBe(before)
  })
})

describe('the demo bundle (recorded anonymously) with a token', () => {
  const snapshot = join(repoRoot, 'fixtures', 'demo', 'snapshot.json')
  const repos = [
    'example-lumen/lumen-web',
    'example-nimbus/nimbus-mesh',
    'example-oldyaml/old-yaml',
    'example-tinyqueue/tiny-queue',
    'example-vaguedb/vaguedb',
  ].map((r) => `github.com/${r}`)
  const window = {since: '2025-01-01T00:00:00.000Z', until: '2026-01-01T00:00:00.000Z'}

  it('replays complete and identical to the anonymous replay', async () => {
    const plain = await collectProjects(repos, {source: 'snapshot', snapshot, ...window})
    const token = await collectProjects(repos, {
      source: 'snapshot',
      snapshot,
      token: 'ghp_demo_token_not_used_0123456789',
      ...window,
    })
    expect(plain.incomplete).toBe(false)
    expect(token.incomplete).toBe(false)
    expect(token.projects).toEqual(plain.projects)
    // Figures from fixtures/demo/upstreams: files and people really came back, not two empty replays.
    const lumen = token.projects.find((p) => p.repo === 'github.com/example-lumen/lumen-web')
    expect(lumen?.governance.map((f) => f.path)).toEqual(['CODEOWNERS', 'GOVERNANCE.md', 'OWNERS', 'SECURITY.md'])
    expect(Object.keys(lumen?.profiles ?? {}).length).toBeGreaterThan(5)
  })

  it('reports the governance files of an earlier window end as missing, not absent', async () => {
    const run = await collectProjects(repos, {
      source: 'snapshot',
      snapshot,
      since: window.since,
      until: '2025-06-01T00:00:00.000Z',
    })
    expect(run.incomplete).toBe(true)
    const lumen = run.projects.find((p) => p.repo === 'github.com/example-lumen/lumen-web')
    expect(lumen).toMatchObject({status: 'partial', missing: ['governance'], governance: []})
    expect(lumen?.commits.length).toBeGreaterThan(0)
  })
})
