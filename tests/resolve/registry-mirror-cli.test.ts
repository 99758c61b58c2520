import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Component, ScanResult} from '../../src/core/model.js'
import {resolveComponents} from '../../src/resolve/index.js'
import {runCli} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {useRegistryEmulators} from '../support/registry-emulators/fixtures.js'

/**
 * Packages of private registries from the command line: a package-lock.json fetches left-pad from the npm registry,
 * `react` from a private registry (a package of the same name as a public one: what a dependency-confusion attack
 * relies on) and bin-links through an Artifactory proxy of the npm registry. The public answers for all three names
 * are put in the run's cache first (through the emulators); the CLI then runs offline, so any lookup it made would
 * be answered from that cache, and a package looked up by its name would resolve to the public package's repository.
 */
const LOCK = JSON.stringify(
  {
    name: 'storefront',
    lockfileVersion: 3,
    packages: {
      '': {name: 'storefront', dependencies: {'left-pad': '1.3.0', react: '18.2.0', 'bin-links': '2.2.1'}},
      'node_modules/left-pad': {version: '1.3.0', resolved: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz'},
      'node_modules/react': {version: '18.2.0', resolved: 'https://npm.internal.example/react/-/react-18.2.0.tgz'},
      'node_modules/bin-links': {
        version: '2.2.1',
        resolved: 'https://artifactory.example.com/api/npm/npm-remote/bin-links/-/bin-links-2.2.1.tgz',
      },
    },
  },
  null,
  2,
)
const MIRROR = 'https://artifactory.example.com/api/npm/npm-remote'

const emulators = useRegistryEmulators()
let github: GithubEmulator
beforeAll(async () => {
  github = await startGithubEmulator({roots: [await mkdtemp(join(tmpdir(), 'no-upstreams-'))]})
})
afterAll(() => github.close())

/** A project with the lockfile, and a cache holding the public registries' answers for its three names. */
async function setUp(): Promise<{dir: string; xdg: string; cacheDir: string}> {
  const dir = await mkdtemp(join(tmpdir(), 'registry-mirror-cli-'))
  await writeFile(join(dir, 'package-lock.json'), LOCK)
  const xdg = await mkdtemp(join(tmpdir(), 'registry-mirror-xdg-'))
  const cacheDir = join(xdg, 'stewards')
  const publicPackage = (name: string, version: string): Component => ({
    kind: 'package',
    ecosystem: 'npm',
    name,
    version,
    ref: `${name}@${version}`,
    purl: `pkg:npm/${name}@${version}`,
    locations: [{file: 'package-lock.json', line: 1, column: 1}],
  })
  const seeded = await resolveComponents(
    [publicPackage('left-pad', '1.3.0'), publicPackage('react', '18.2.0'), publicPackage('bin-links', '2.2.1')],
    {cacheDir, endpoints: emulators.endpoints, retries: 0},
  )
  // The public packages of those names all resolve: the private react must not become facebook/react.
  expect(seeded.groups.map((g) => g.repo).sort()).toEqual([
    'github.com/facebook/react',
    'github.com/npm/bin-links',
    'github.com/stevemao/left-pad',
  ])
  return {dir, xdg, cacheDir}
}

type Unresolved = {component: {name: string}; reason: string; detail: string}

describe('stewards --registry-mirror', () => {
  it('inventory --resolve: a package of another registry is never looked up by its name, unless its registry is a named mirror', async () => {
    const {dir, xdg} = await setUp()
    const inventory = await runCli(['inventory', dir, '--resolve', '--offline', '--json'], {env: {XDG_CACHE_HOME: xdg}})
    expect(inventory.stderr).not.toContain('internal error')
    // Nothing was left unread or unanswered: packages of other registries are unresolved by design, not incomplete.
    expect(inventory.code).toBe(0)
    const out = JSON.parse(inventory.stdout)
    expect(out.components.map((c: Component) => c.purl)).toEqual([
      'pkg:npm/bin-links@2.2.1?repository_url=https%3A%2F%2Fartifactory.example.com%2Fapi%2Fnpm%2Fnpm-remote',
      'pkg:npm/left-pad@1.3.0',
      'pkg:npm/react@18.2.0?repository_url=https%3A%2F%2Fnpm.internal.example',
    ])
    expect(out.resolution.groups.map((g: {repo: string}) => g.repo)).toEqual(['github.com/stevemao/left-pad'])
    expect(out.resolution.otherRegistries).toEqual([
      {registry: MIRROR, packages: 1},
      {registry: 'https://npm.internal.example', packages: 1},
    ])
    expect(out.resolution.unresolved.map((u: Unresolved) => [u.component.name, u.reason, u.detail])).toEqual([
      [
        'bin-links',
        'unsupported',
        `npm bin-links comes from another registry (${MIRROR}): not looked up by its name on the npm registry or deps.dev (if it mirrors the public registry, name it with --registry-mirror)`,
      ],
      [
        'react',
        'unsupported',
        'npm react comes from another registry (https://npm.internal.example): not looked up by its name on the npm registry or deps.dev (if it mirrors the public registry, name it with --registry-mirror)',
      ],
    ])

    const mirrored = await runCli(['inventory', dir, '--resolve', '--offline', '--json', '--registry-mirror', MIRROR], {
      env: {XDG_CACHE_HOME: xdg},
    })
    expect(mirrored.code).toBe(0)
    const withMirror = JSON.parse(mirrored.stdout)
    expect(withMirror.resolution.groups.map((g: {repo: string}) => g.repo)).toEqual([
      'github.com/npm/bin-links',
      'github.com/stevemao/left-pad',
    ])
    expect(withMirror.resolution.unresolved.map((u: Unresolved) => u.component.name)).toEqual(['react'])
    expect(withMirror.resolution.otherRegistries).toEqual([{registry: 'https://npm.internal.example', packages: 1}])

    // As a table, one line on stderr says which registries were passed over and what to do about a mirror.
    const table = await runCli(['inventory', dir, '--resolve', '--offline'], {env: {XDG_CACHE_HOME: xdg}})
    expect(table.code).toBe(0)
    expect(table.stderr).toContain(
      `stewards: not looked up by name, as from a registry other than their ecosystem's public one: 2 packages (${MIRROR}: 1; https://npm.internal.example: 1). If a registry mirrors a public one, name it with --registry-mirror URL.\n`,
    )
  })

  it('scan: the flag and your own settings reach the resolve stage; a bad URL is a usage error that prints no credentials', async () => {
    const {dir, cacheDir} = await setUp()
    const scan = (...extra: string[]) =>
      runCli(['scan', dir, '--cache-dir', cacheDir, '--github-api-url', github.url, '--format', 'json', ...extra])
    const projects = async (r: {stdout: string}) =>
      (JSON.parse(r.stdout) as ScanResult).projects.map((p) => p.repo).sort()
    const plain = await scan()
    expect(await projects(plain)).toEqual(['github.com/stevemao/left-pad'])
    expect(plain.stderr).toContain(
      `stewards: not looked up by name, as from a registry other than their ecosystem's public one: 2 packages`,
    )
    expect(await projects(await scan('--registry-mirror', MIRROR))).toEqual([
      'github.com/npm/bin-links',
      'github.com/stevemao/left-pad',
    ])
    const settings = join(await mkdtemp(join(tmpdir(), 'registry-mirror-settings-')), 'stewards.yaml')
    await writeFile(settings, `registryMirrors:\n  - ${MIRROR}/\n`)
    expect(await projects(await scan('--config', settings))).toEqual([
      'github.com/npm/bin-links',
      'github.com/stevemao/left-pad',
    ])

    for (const bad of ['https://user:hunter2@npm.example.com', 'ftp://npm.example.com', 'not a url']) {
      const refused = await runCli(['scan', dir, '--offline', '--registry-mirror', bad])
      expect(refused.code).toBe(3)
      expect(refused.stderr).toContain('--registry-mirror')
      expect(refused.stderr).not.toContain('hunter2')
    }
  })

  it('a package no file marks as private is kept inside by an unresolved: entry of the map, which is read first', async () => {
    const {dir, xdg} = await setUp()
    // left-pad comes from the npm registry as far as the lockfile says; the user's map says it is their own.
    const map = join(dir, 'map.yaml')
    await writeFile(map, "mappings:\n  - match: 'pkg:npm/left-pad*'\n    unresolved: our fork, published nowhere\n")
    const r = await runCli(['inventory', dir, '--resolve', '--offline', '--json', '--map', map], {
      env: {XDG_CACHE_HOME: xdg},
    })
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    // Answered from the map alone: the cached public answer for left-pad (stevemao/left-pad) is never consulted.
    expect(out.resolution.groups).toEqual([])
    expect(
      out.resolution.unresolved
        .filter((u: Unresolved) => u.component.name === 'left-pad')
        .map((u: Unresolved) => [u.reason, u.detail]),
    ).toEqual([['excluded', `map ${map}:2: our fork, published nowhere`]])
    expect(out.resolution.stats.requests).toMatchObject({total: 0, cached: 0})
    // Without the map, the same run takes left-pad's public answer from the cache (a lookup by its name).
    const plain = JSON.parse(
      (await runCli(['inventory', dir, '--resolve', '--offline', '--json'], {env: {XDG_CACHE_HOME: xdg}})).stdout,
    )
    expect(plain.resolution.groups.map((g: {repo: string}) => g.repo)).toEqual(['github.com/stevemao/left-pad'])
    expect(plain.resolution.stats.requests).toMatchObject({total: 0, cached: 1})
  })

  it('a .stewards.yaml inside the scanned tree may not name mirrors (it would send its private names out)', async () => {
    const {dir} = await setUp()
    await writeFile(join(dir, '.stewards.yaml'), `registryMirrors: ['https://npm.internal.example']\n`)
    const r = await runCli(['scan', dir, '--offline'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(
      'registryMirrors: a settings file inside a scanned path cannot send the names of packages from other registries to public ones',
    )
  })
})
