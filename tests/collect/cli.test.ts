import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {collectFrom, fixtureRoot, freshCacheDir, TOKEN} from './helpers.js'

const run = (args: string[], env: Record<string, string> = {}) => runCli(args, {env})

describe('stewards collect and stewards cache', () => {
  let emulator: GithubEmulator
  let cacheDir: string
  beforeAll(async () => {
    emulator = await startGithubEmulator({roots: [fixtureRoot], token: TOKEN})
    cacheDir = await freshCacheDir()
  })
  afterAll(() => emulator.close())
  const window = () => ['--github-api-url', emulator.url, '--since', '2024-01-01', '--until', '2025-01-01']
  const base = () => [...window(), '--cache-dir', cacheDir]

  it('prints the collected data as JSON, with the token from GITHUB_TOKEN, and never prints the token', async () => {
    const r = await run(['collect', 'example/widget', 'example/gone', '--json', ...base()], {GITHUB_TOKEN: TOKEN})
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    // Written in chunks (a large collection is never one string), with JSON.stringify's bytes.
    expect(r.stdout).toBe(`${JSON.stringify(out, null, 2)}\n`)
    expect(out.window).toEqual({since: '2024-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'})
    expect(out.projects.map((p: {repo: string; status: string}) => `${p.repo} ${p.status}`)).toEqual([
      'github.com/example/gone unavailable',
      'github.com/example/widget ok',
    ])
    expect(out.projects[1].commits).toHaveLength(3)
    expect(out.incomplete).toBe(false)
    expect(r.stdout + r.stderr).not.toContain(TOKEN)
    expect(emulator.requests.at(-1)?.authorization).toBe(`token ${TOKEN}`)
  })

  it('exits 3 on a bad repository name, and on a rejected token with a hint (token not shown)', async () => {
    const bad = await run(['collect', 'example/..', ...base()])
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain("'..' is not a valid GitHub repository name")
    const rejected = await run([
      'collect',
      'example/widget',
      ...base(),
      '--max-age',
      '0',
      '--token',
      'ghp_rejected_0123456789',
    ])
    expect(rejected.code).toBe(3)
    expect(rejected.stderr).toContain('401')
    expect(rejected.stderr).toContain('Hint:')
    expect(rejected.stdout + rejected.stderr).not.toContain('ghp_rejected_0123456789')
  })

  it('exits 2 when offline and the cache lacks a repository', async () => {
    const r = await run(['collect', 'example/never-fetched', '--offline', '--json', ...base()])
    expect(r.code).toBe(2)
    // A miss says nothing about the project: nothing of it was read, it is not "unavailable".
    expect(JSON.parse(r.stdout).projects[0]).toMatchObject({
      status: 'partial',
      missing: ['facts', 'commits', 'governance', 'profiles'],
      reason: expect.stringContaining('offline'),
    })
  })

  it('exports the cache to a bundle that imports elsewhere and replays offline', async () => {
    // Its own cache, filled by an online collection here (in-process: one CLI start fewer), so the test
    // does not lean on what other tests fetched.
    const filled = await freshCacheDir()
    const online = await collectFrom(emulator.url, ['github.com/example/widget'], {cacheDir: filled})
    expect(online.incomplete).toBe(false)
    const bundle = join(filled, '..', `cli-bundle-${process.pid}.json`)
    expect((await run(['cache', 'export', bundle, '--cache-dir', filled])).code).toBe(0)
    expect(JSON.parse(await readFile(bundle, 'utf8')).format).toBe('stewards-cache-bundle')
    const other = await freshCacheDir()
    // --format json: each cache command says what it did as one JSON document on stdout.
    const imported = await run(['cache', 'import', bundle, '--cache-dir', other, '--format', 'json'])
    expect(imported.code).toBe(0)
    const entries = JSON.parse(await readFile(bundle, 'utf8')).entries.length
    expect(JSON.parse(imported.stdout)).toEqual({file: bundle, imported: entries, damaged: 0})
    const again = await run(['cache', 'export', `${bundle}.2`, '--cache-dir', other, '--format', 'json'])
    expect(JSON.parse(again.stdout)).toEqual({file: `${bundle}.2`, entries, leftOut: 0})
    const merged = await run(['cache', 'merge', bundle, `${bundle}.2`, '-o', `${bundle}.3`, '--format', 'json'])
    expect(merged.code).toBe(0)
    expect(JSON.parse(merged.stdout)).toEqual({
      output: `${bundle}.3`,
      bundles: [bundle, `${bundle}.2`].map((file) => ({file, entries, damaged: 0})),
      entries,
    })
    const toStdout = await run(['cache', 'export', '-', '--cache-dir', other, '--format', 'json'])
    expect(toStdout.code).toBe(3)
    expect(toStdout.stdout).toBe('')
    const before = emulator.requests.length
    // The same token as the run that filled the cache: with one, files and profiles come from GraphQL.
    const r = await run(['collect', 'example/widget', '--offline', '--json', ...window(), '--cache-dir', other], {
      GH_TOKEN: TOKEN,
    })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).projects[0].commits).toHaveLength(3)
    expect(JSON.parse(r.stdout).projects).toEqual(JSON.parse(JSON.stringify(online.projects)))
    // The bundle itself, on a machine without a token: the GraphQL answers it holds are read all the same.
    const replay = await run(['collect', 'example/widget', '--snapshot', bundle, '--json', ...window()])
    expect(replay.code).toBe(0)
    expect(JSON.parse(replay.stdout).incomplete).toBe(false)
    expect(JSON.parse(replay.stdout).projects).toEqual(
      JSON.parse(JSON.stringify(online.projects)).map((p: object) => ({...p, source: 'snapshot'})),
    )
    expect(emulator.requests.length).toBe(before)
    const broken = await run([
      'cache',
      'import',
      join(fixtureRoot, 'example__widget', 'repo.json'),
      '--cache-dir',
      other,
    ])
    expect(broken.code).toBe(3)
    expect(broken.stderr).toContain('not a stewards cache bundle')
  })

  it('refuses to export a cache directory that does not exist or holds nothing (exit 3, with a hint)', async () => {
    const missing = join(cacheDir, 'no-such-dir')
    const bundle = join(cacheDir, '..', `empty-bundle-${process.pid}.json`)
    const r = await run(['cache', 'export', bundle, '--cache-dir', missing])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(`Error: cache directory ${missing} does not exist: nothing to export`)
    expect(r.stderr).toContain('Hint: give the directory the collection used with --cache-dir')
    const empty = await run(['cache', 'export', bundle, '--cache-dir', await freshCacheDir()])
    expect(empty.code).toBe(3)
    expect(empty.stderr).toContain('holds no cache entries: nothing to export')
    await expect(readFile(bundle, 'utf8')).rejects.toThrow(/ENOENT/)
  })

  it('makes no request at all on a warm run with a token (GraphQL answers served from the cache)', async () => {
    const warmDir = await freshCacheDir()
    const cold = await collectFrom(emulator.url, ['github.com/example/widget', 'github.com/example/old-name'], {
      cacheDir: warmDir,
    })
    expect(cold.requests.byStatus['200']).toBeGreaterThan(0)
    const before = emulator.requests.length
    const r = await run(
      [
        'collect',
        'example/widget',
        'example/old-name',
        '--json',
        ...window(),
        '--cache-dir',
        warmDir,
        '--max-age',
        '1h',
      ],
      {GITHUB_TOKEN: TOKEN},
    )
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).requests).toMatchObject({total: 0, byStatus: {}})
    expect(JSON.parse(r.stdout).projects).toEqual(JSON.parse(JSON.stringify(cold.projects)))
    expect(emulator.requests.length).toBe(before)
  })

  it('says on stderr, even without a TTY, that it waits for a rate limit, until when and how not to', async () => {
    const limited = await startGithubEmulator({
      roots: [fixtureRoot],
      token: TOKEN,
      faults: [{kind: 'rate-limit', match: /^GET \/repos\/example\/widget$/, times: 1, resetSeconds: 1}],
    })
    try {
      const r = await run(
        [
          'collect',
          'example/widget',
          '--github-api-url',
          limited.url,
          '--since',
          '2024-01-01',
          '--until',
          '2025-01-01',
          '--cache-dir',
          await freshCacheDir(),
        ],
        {GITHUB_TOKEN: TOKEN},
      )
      expect(r.code).toBe(0)
      const lines = r.stderr.split('\n').filter((line) => line.includes('rate limit'))
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(
        /^GitHub rate limit reached: waiting \d+s, until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, for the reset \(--on-rate-limit stop ends the run with partial results instead\)$/,
      )
      expect(r.stdout).toMatch(/^github.com\/example\/widget\tok\t3 commits/)
    } finally {
      await limited.close()
    }
  })

  it('exits 3 naming a --git path that does not exist', async () => {
    const r = await run([
      'collect',
      'example/widget',
      '--git',
      '/nonexistent/stewards-clone',
      '--since',
      '2024-01-01',
      '--until',
      '2025-01-01',
    ])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('Error: --git /nonexistent/stewards-clone: no such directory')
  })
})
