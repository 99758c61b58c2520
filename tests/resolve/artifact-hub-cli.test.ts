import {mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Component, RepoGroup, ScanResult} from '../../src/core/model.js'
import {resolveComponents, resolvers} from '../../src/resolve/index.js'
import {runCli} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {type RegistryEmulators, startRegistryEmulators} from '../support/registry-emulators/index.js'

/**
 * `--artifact-hub-url` from the command line: a chart whose repository's index.yaml names no source resolves through
 * Artifact Hub (the emulator). The chart repository itself is not on loopback, so its index is put in the run's
 * cache first by the helm-repository resolver against the Helm emulator (cache keys name hosts and paths, not
 * origins); the CLI then serves it from the cache, and only Artifact Hub is asked.
 */
const CHART = [
  'apiVersion: v2',
  'name: storefront',
  'version: 0.1.0',
  'dependencies:',
  '  - name: homepage-only',
  '    version: 1.0.0',
  '    repository: https://charts.example.com/stable',
  '',
].join('\n')

let emulators: RegistryEmulators
let github: GithubEmulator
beforeAll(async () => {
  emulators = await startRegistryEmulators()
  github = await startGithubEmulator({roots: [await mkdtemp(join(tmpdir(), 'no-upstreams-'))]})
})
afterAll(async () => {
  await emulators.close()
  await github.close()
})

/** A chart directory and a cache holding its dependency's chart repository index (which lacks `sources`). */
async function setUp(): Promise<{dir: string; xdg: string; cacheDir: string}> {
  const dir = await mkdtemp(join(tmpdir(), 'artifact-hub-cli-'))
  await mkdir(join(dir, 'chart'))
  await writeFile(join(dir, 'chart', 'Chart.yaml'), CHART)
  const xdg = await mkdtemp(join(tmpdir(), 'artifact-hub-xdg-'))
  const cacheDir = join(xdg, 'stewards')
  const dependency: Component = {
    kind: 'chart',
    ecosystem: 'helm',
    name: 'homepage-only',
    version: '1.0.0',
    ref: 'homepage-only@1.0.0',
    repository: 'https://charts.example.com/stable',
    locations: [{file: 'Chart.yaml', line: 5, column: 11}],
  }
  const helmRepository = resolvers.filter((r) => r.id === 'helm-repository')
  const seeded = await resolveComponents(
    [dependency],
    {cacheDir, endpoints: emulators.endpoints, retries: 0},
    helmRepository,
  )
  // The chart repository answers, without a source: only a home page off any forge.
  expect(seeded.unresolved.map((u) => `${u.reason}: ${u.detail}`)).toEqual([
    'no-repository: Helm repository charts.example.com/stable homepage-only@1.0.0: no repository URL (saw home=https://www.example.com/product)',
  ])
  return {dir, xdg, cacheDir}
}

describe('stewards --artifact-hub-url', () => {
  it('inventory --resolve: the chart resolves through Artifact Hub, and --offline asks nothing', async () => {
    const {dir, xdg} = await setUp()
    const hub = emulators.servers.artifactHub.requests
    const helmBefore = emulators.servers.helm.requests.length
    const hubBefore = hub.length
    const args = [
      'inventory',
      dir,
      '--resolve',
      '--format',
      'json',
      '--artifact-hub-url',
      emulators.servers.artifactHub.url,
    ]
    const r = await runCli(args, {env: {XDG_CACHE_HOME: xdg}})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const groups = (JSON.parse(r.stdout) as {resolution: {groups: RepoGroup[]}}).resolution.groups
    expect(groups.map((g) => [g.repo, g.resolutions![0].provenance, g.resolutions![0].evidence])).toEqual([
      [
        'github.com/example-org/homepage-only-chart',
        'artifact-hub',
        'Artifact Hub example-stable/homepage-only@1.0.0 links[1] (source)',
      ],
    ])
    expect(hub.slice(hubBefore).map((q) => decodeURIComponent(q.url))).toEqual([
      '/api/v1/repositories/search?kind=0&url=https://charts.example.com/stable',
      '/api/v1/packages/helm/example-stable/homepage-only/1.0.0',
    ])
    expect(emulators.servers.helm.requests.length).toBe(helmBefore)

    // `none`: never asked; the chart stays as its repository left it (no source: not an incomplete run).
    const off = await setUp()
    const offBefore = hub.length
    const never = await runCli(['inventory', off.dir, '--resolve', '--format', 'json', '--artifact-hub-url', 'none'], {
      env: {XDG_CACHE_HOME: off.xdg},
    })
    expect(never.code).toBe(0)
    const left = JSON.parse(never.stdout).resolution.unresolved as Array<{
      reason: string
      attempts: Array<{resolver: string}>
    }>
    expect(left.map((u) => [u.reason, u.attempts.map((a) => a.resolver)])).toEqual([
      ['no-repository', ['helm-repository']],
    ])
    expect(hub.length).toBe(offBefore)

    // Offline: the cached answers only; Artifact Hub is not asked, whatever --artifact-hub-url says.
    const offline = await runCli([...args, '--offline'], {env: {XDG_CACHE_HOME: xdg}})
    expect(offline.code).toBe(0)
    expect(JSON.parse(offline.stdout).resolution.groups).toEqual(groups)
    const fresh = await setUp()
    const missing = await runCli(['inventory', fresh.dir, '--resolve', '--offline', '--format', 'json'], {
      env: {XDG_CACHE_HOME: fresh.xdg},
    })
    expect(missing.code).toBe(2)
    const unresolved = JSON.parse(missing.stdout).resolution.unresolved as Array<{reason: string; attempts: unknown}>
    expect(unresolved.map((u) => [u.reason, u.attempts])).toEqual([
      [
        'offline-cache-miss',
        [
          {
            resolver: 'helm-repository',
            reason: 'no-repository',
            detail:
              'Helm repository charts.example.com/stable homepage-only@1.0.0: no repository URL (saw home=https://www.example.com/product)',
          },
          {
            resolver: 'artifact-hub',
            reason: 'offline-cache-miss',
            detail:
              'offline and not cached: artifact-hub GET /api/v1/repositories/search?kind=0&url=https%3A%2F%2Fcharts.example.com%2Fstable',
          },
        ],
      ],
    ])
    expect(hub.length).toBe(hubBefore + 2)
  })

  it('scan: the flag reaches the resolve stage; a bad URL is a usage error that prints no credentials', async () => {
    const {dir, cacheDir} = await setUp()
    const r = await runCli([
      'scan',
      dir,
      '--cache-dir',
      cacheDir,
      '--github-api-url',
      github.url,
      '--artifact-hub-url',
      emulators.servers.artifactHub.url,
      '--format',
      'json',
    ])
    expect(r.code).toBe(0)
    const result = JSON.parse(r.stdout) as ScanResult
    expect(result.projects.map((p) => [p.repo, p.provenance, p.confidence])).toEqual([
      ['github.com/example-org/homepage-only-chart', 'artifact-hub', 'medium'],
    ])
    expect(result.unresolved).toEqual([])

    for (const bad of ['https://user:hunter2@hub.example.com', 'ftp://hub.example.com', 'not a url']) {
      const refused = await runCli(['scan', dir, '--offline', '--artifact-hub-url', bad])
      expect(refused.code).toBe(3)
      expect(refused.stderr).toContain('--artifact-hub-url')
      expect(refused.stderr).not.toContain('hunter2')
    }
  })

  it("a .stewards.yaml inside the scanned tree may not choose Artifact Hub's URL", async () => {
    const {dir} = await setUp()
    await writeFile(join(dir, '.stewards.yaml'), 'artifactHubUrl: https://collector.example.net\n')
    const r = await runCli(['scan', dir, '--offline'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(
      'artifactHubUrl: a settings file inside a scanned path cannot choose where the names of its chart repositories are sent',
    )
  })
})
