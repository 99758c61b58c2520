import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DiskCache} from '../../src/core/cache/disk-cache.js'
import type {ScanResult} from '../../src/core/model.js'
import {repoRoot, runCliAsync} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {fileInsteadOfDir} from '../support/unusable-dirs.js'
import {collectFrom, fixtureRoot, freshCacheDir, TOKEN} from './helpers.js'

/** The cache, bundles, hosts and waits as a user meets them: through the CLI, against the emulator. */
const run = (args: string[], env: Record<string, string> = {}) => runCliAsync(args, {env})
const WINDOW_2024 = ['--since', '2024-01-01', '--until', '2025-01-01']

describe('bundles from the command line', () => {
  let emulator: GithubEmulator
  let bundle: unknown
  const work = mkdtempSync(join(tmpdir(), 'stewards-cli-cache-'))
  beforeAll(async () => {
    emulator = await startGithubEmulator({roots: [fixtureRoot], token: TOKEN})
    const cacheDir = await freshCacheDir()
    await collectFrom(emulator.url, ['github.com/example/widget'], {cacheDir})
    bundle = await new DiskCache(cacheDir).exportBundle()
  })
  afterAll(() => emulator.close())

  function write(name: string, alter: (b: {entries: Array<Record<string, unknown>>}) => void): string {
    const copy = structuredClone(bundle) as {entries: Array<Record<string, unknown>>}
    alter(copy)
    const file = join(work, name)
    writeFileSync(file, JSON.stringify(copy))
    return file
  }

  it('refuses an entry whose namespace or key is not a plain name: exit 3, one line and a hint, nothing imported', async () => {
    const escaping = write('escaping.json', (b) => {
      b.entries[1].namespace = '../../outside'
    })
    const cacheDir = join(work, 'cache-a')
    const imported = await run(['cache', 'import', escaping, '--cache-dir', cacheDir])
    expect(imported.code).toBe(3)
    expect(imported.stderr).toBe(
      `Error: ${escaping}: entry 2: namespace '../../outside' is not a plain name\nHint: a bundle is the file \`stewards cache export FILE\` writes; export it again from the cache\n`,
    )
    expect(readdirSync(work)).not.toContain('cache-a')
    const replayed = await run(['collect', 'example/widget', '--snapshot', escaping, ...WINDOW_2024])
    expect(replayed.code).toBe(3)
    expect(replayed.stderr.split('\n')[0]).toBe(
      `Error: ${escaping}: entry 2: namespace '../../outside' is not a plain name`,
    )
    expect(replayed.stderr).not.toMatch(/ at |internal error/)
  })

  it('verifies checksums: damaged entries are not imported (exit 2, said once), the others are', async () => {
    const damaged = write('damaged.json', (b) => {
      b.entries[0].body = `${String(b.entries[0].body)} `
    })
    const cacheDir = join(work, 'cache-b')
    const r = await run(['cache', 'import', damaged, '--cache-dir', cacheDir])
    expect(r.code).toBe(2)
    const count = (bundle as {entries: unknown[]}).entries.length
    expect(r.stderr).toContain(`imported ${count - 1} cache entries`)
    const first = (bundle as {entries: Array<{namespace: string; key: string}>}).entries[0]
    expect(r.stderr).toContain(
      `damaged.json: 1 entry fails its checksum and was left out (first: ${first.namespace} ${first.key})`,
    )
    expect((await new DiskCache(cacheDir).exportBundle()).entries).toHaveLength(count - 1)
  })

  it('refuses a bundle of the old format with a hint', async () => {
    const old = join(work, 'old.json')
    writeFileSync(old, JSON.stringify({format: 'stewards-cache-bundle', version: 1, entries: []}))
    const r = await run(['cache', 'import', old, '--cache-dir', join(work, 'cache-c')])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(
      `Error: ${old}: cache bundle version 1, this stewards reads version 2 (entries with checksums)`,
    )
    expect(r.stderr).toContain('Hint: ')
  })
})

describe('collect from the command line: hosts, tokens, waits', () => {
  let emulator: GithubEmulator
  beforeAll(async () => {
    emulator = await startGithubEmulator({
      roots: [fixtureRoot],
      token: TOKEN,
      faults: [{kind: 'abuse', match: /^GET \/repos\/example\/widget$/, times: 1, retryAfter: 1}],
    })
  })
  afterAll(() => emulator.close())

  it('waits out an abuse-detection 403, saying so on stderr without a terminal', async () => {
    const r = await run(
      [
        'collect',
        'example/widget',
        '--github-api-url',
        emulator.url,
        ...WINDOW_2024,
        '--cache-dir',
        await freshCacheDir(),
      ],
      {GITHUB_TOKEN: TOKEN},
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^github\.com\/example\/widget\tok\t3 commits/)
    expect(r.stderr.split('\n').filter((l) => l.includes('abuse'))).toEqual([
      'GitHub abuse detection on GET /repos/example/widget: waiting 1s before asking again (1s of at most 30m waited in this run)',
    ])
  })

  it('refuses to send a token over plain http to another machine: exit 3, the token not printed', async () => {
    const secret = 'ghp_cli_transport_canary_0123456789'
    const r = await run([
      'collect',
      'example/widget',
      '--github-api-url',
      'http://ghe.example.invalid/api/v3',
      '--token',
      secret,
    ])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(
      'a token is sent only over https (or http to this machine), not to http://ghe.example.invalid',
    )
    expect(r.stdout + r.stderr).not.toContain(secret)
  })
})

/**
 * A scan through the CLI: the lumen-web image resolves (by --map) to the emulator's repository; `people` after
 * it asks nothing; a --map entry naming a host stewards cannot collect stays the answer, reported as such.
 */
describe('scan, then people, from one cache', () => {
  const work = mkdtempSync(join(tmpdir(), 'stewards-cli-scan-'))
  const roots = join(work, 'upstreams')
  const stack = join(work, 'stack')
  const window = ['--since', '2025-01-01', '--until', '2026-01-01']
  let emulator: GithubEmulator
  beforeAll(async () => {
    cpSync(
      join(repoRoot, 'fixtures', 'demo', 'upstreams', 'example-lumen__lumen-web'),
      join(roots, 'example-lumen__lumen-web'),
      {recursive: true},
    )
    mkdirSync(stack, {recursive: true})
    writeFileSync(
      join(stack, 'app.yaml'),
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: app}',
        'spec:',
        '  containers:',
        '    - {name: web, image: ghcr.io/example-lumen/lumen-web:2.0.4}',
        '    - {name: lab, image: ghcr.io/example-lab/tool:1.0}',
        '    - {name: internal, image: ghcr.io/example-corp/internal:1.0}',
        '',
      ].join('\n'),
    )
    writeFileSync(
      join(work, 'map.yaml'),
      [
        'mappings:',
        '  - {match: "ghcr.io/example-lumen/*", repo: github.com/example-lumen/lumen-web}',
        '  - {match: "ghcr.io/example-lab/*", repo: https://gitlab.com/example-lab/tool}',
        '  - {match: "ghcr.io/example-corp/*", repo: ghe.example.com/platform/internal}',
        '',
      ].join('\n'),
    )
    emulator = await startGithubEmulator({roots: [roots], token: TOKEN})
  })
  afterAll(() => emulator?.close())

  const scanArgs = () => [
    'scan',
    stack,
    '--map',
    join(work, 'map.yaml'),
    '--github-api-url',
    emulator.url,
    '--format',
    'json',
  ]

  it('people after scan asks GitHub nothing; the map wins even for hosts stewards cannot collect', async () => {
    const cacheDir = join(work, 'cache')
    const scan = await run([...scanArgs(), '--cache-dir', cacheDir, ...window], {GITHUB_TOKEN: TOKEN})
    expect(scan.code).toBe(0)
    const result = JSON.parse(scan.stdout) as ScanResult
    const projects = Object.fromEntries(result.projects.map((p) => [p.repo, p]))
    expect(Object.keys(projects).sort()).toEqual([
      'ghe.example.com/platform/internal',
      'github.com/example-lumen/lumen-web',
      'gitlab.com/example-lab/tool',
    ])
    expect(projects['github.com/example-lumen/lumen-web'].status).toBe('ok')
    expect(projects['gitlab.com/example-lab/tool']).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('gitlab.com is not collected: stewards collects from github.com'),
    })
    expect(projects['ghe.example.com/platform/internal']).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('--github-api-url https://ghe.example.com/api/v3'),
    })
    // Nothing else answered for them: the only repository asked for is lumen-web's (and organisation accounts its
    // people's profiles name).
    expect(emulator.requests.filter((r) => !/lumen-web|graphql|^\/orgs\//.test(r.url))).toEqual([])

    const before = emulator.requests.length
    const people = await run(
      [
        'people',
        'example-lumen/lumen-web',
        '--github-api-url',
        emulator.url,
        '--cache-dir',
        cacheDir,
        '--json',
        ...window,
      ],
      {GITHUB_TOKEN: TOKEN},
    )
    expect(people.code).toBe(0)
    expect(JSON.parse(people.stdout).people.length).toBeGreaterThan(5)
    expect(emulator.requests.length).toBe(before)
  })

  it('an unusable --cache-dir is one warning; the scan goes on uncached with the same report', async () => {
    const target = fileInsteadOfDir()
    try {
      const args = scanArgs()
      const r = await run([...args, '--cache-dir', target.dir, ...window], {GITHUB_TOKEN: TOKEN})
      expect(r.code).toBe(0)
      const warnings = r.stderr.split('\n').filter((l) => l.includes('cache'))
      expect(warnings).toEqual([
        `stewards: cache directory ${target.dir} cannot be written (a part of the path is not a directory): going on without a cache, nothing fetched is kept`,
      ])
      const fresh = await run([...args, '--cache-dir', join(work, 'cache-2'), ...window], {GITHUB_TOKEN: TOKEN})
      expect(JSON.parse(r.stdout).findings).toEqual(JSON.parse(fresh.stdout).findings)
      expect(readFileSync(target.dir, 'utf8')).toBe('not a directory\n')
    } finally {
      await target.cleanup()
    }
  })
})
