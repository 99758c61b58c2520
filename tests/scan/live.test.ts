import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ScanResult} from '../../src/core/model.js'
import {repoRoot, runCli} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'

const TOKEN = 'ghp_liveScanSecret0123456789abcdefABCDEF'

/**
 * `scan` against the GitHub API emulator through the real octokit client: a healthy fictional upstream, one
 * deleted (404) and one blocked for legal reasons (451). Unavailable projects are reported and gated by a rule;
 * they do not make the scan incomplete.
 */
describe('stewards scan collecting from a GitHub API (emulator)', () => {
  const work = mkdtempSync(join(tmpdir(), 'stewards-live-'))
  const roots = join(work, 'upstreams')
  const stack = join(work, 'stack')
  let emulator: GithubEmulator

  beforeAll(async () => {
    cpSync(
      join(repoRoot, 'fixtures', 'demo', 'upstreams', 'example-lumen__lumen-web'),
      join(roots, 'example-lumen__lumen-web'),
      {recursive: true},
    )
    mkdirSync(join(roots, 'example-blocked__blocked'), {recursive: true})
    writeFileSync(join(roots, 'example-blocked__blocked', 'repo.json'), JSON.stringify({status: 451}))
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
        '    - {name: gone, image: ghcr.io/example-gone/deleted:1.0}',
        '    - {name: blocked, image: ghcr.io/example-blocked/blocked:1.0}',
        '',
      ].join('\n'),
    )
    writeFileSync(
      join(work, 'map.yaml'),
      'mappings:\n  - {match: "ghcr.io/example-lumen/*", repo: github.com/example-lumen/lumen-web}\n  - {match: "ghcr.io/example-gone/*", repo: github.com/example-gone/deleted}\n  - {match: "ghcr.io/example-blocked/*", repo: github.com/example-blocked/blocked}\n',
    )
    emulator = await startGithubEmulator({roots: [roots], token: TOKEN})
  })
  afterAll(() => emulator?.close())

  it('reports unavailable projects, gates them by rule, stays complete, counts requests and never prints the token', async () => {
    const cacheDir = join(work, 'cache')
    const args = [
      'scan',
      stack,
      '--map',
      join(work, 'map.yaml'),
      '--github-api-url',
      emulator.url,
      '--cache-dir',
      cacheDir,
    ]
    const window = ['--since', '2025-01-01', '--until', '2026-01-01']
    const sarif = join(work, 'out.sarif')
    const r = await runCli([...args, ...window, '--format', 'json', '--output', `sarif=${sarif}`], {
      env: {GITHUB_TOKEN: TOKEN},
    })
    expect(r.stderr).not.toContain('Error')
    expect(r.code).toBe(0)
    const result = JSON.parse(r.stdout) as ScanResult
    const status = Object.fromEntries(result.projects.map((p) => [p.repo, p.status]))
    expect(status).toEqual({
      'github.com/example-lumen/lumen-web': 'ok',
      'github.com/example-gone/deleted': 'unavailable',
      'github.com/example-blocked/blocked': 'unavailable',
    })
    expect(result.summary.incomplete).toBe(false)
    const unavailable = result.findings.filter((f) => f.ruleId === 'project-unavailable').map((f) => f.repo)
    expect(unavailable.sort()).toEqual(['github.com/example-blocked/blocked', 'github.com/example-gone/deleted'])
    const lumen = result.projects.find((p) => p.repo === 'github.com/example-lumen/lumen-web')!
    expect(lumen.metrics.human_commits).toBe(
      JSON.parse(readFileSync(join(roots, 'example-lumen__lumen-web', 'commits.json'), 'utf8')).filter(
        (c: {author: {email: string}}) => !c.author.email.includes('[bot]'),
      ).length,
    )
    expect(result.requests?.total).toBe(emulator.requests.length)
    expect(emulator.requests.every((q) => q.authorization?.endsWith(TOKEN))).toBe(true)

    // The token appears nowhere: stdout, stderr, the SARIF file, the cache.
    const cached = readdirSync(cacheDir, {recursive: true, withFileTypes: true})
      .filter((e) => e.isFile())
      .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    for (const text of [r.stdout, r.stderr, readFileSync(sarif, 'utf8'), ...cached]) expect(text).not.toContain(TOKEN)

    // A second run within --max-age is served from the cache: no request reaches the API.
    const before = emulator.requests.length
    const again = await runCli([...args, ...window, '--format', 'json'], {env: {GITHUB_TOKEN: TOKEN}})
    expect(again.code).toBe(0)
    expect(emulator.requests.length).toBe(before)
    expect(JSON.parse(again.stdout).findings).toEqual(result.findings)
  })

  it('a wrong token fails fast as a usage error with a hint, without printing it', async () => {
    const wrong = 'ghp_wrongToken0123456789abcdefABCDEFxyz'
    const r = await runCli([
      'scan',
      stack,
      '--map',
      join(work, 'map.yaml'),
      '--github-api-url',
      emulator.url,
      '--cache-dir',
      join(work, 'cache-2'),
      '--token',
      wrong,
    ])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/token/i)
    expect(r.stdout + r.stderr).not.toContain(wrong)
  })
})
