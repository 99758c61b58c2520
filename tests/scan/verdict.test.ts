/**
 * The verdict a reader takes away (issue #15): the one line first, the files written last, the risk score named
 * for what it is, projects without data "not collected" (no score, never 0), and one line saying what to do next
 * when the run could not collect: offline with an empty cache, and without a token at GitHub's anonymous limit
 * (the GitHub emulator over real HTTP).
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import type {ScanResult} from '../../src/core/model.js'
import {repoRoot, runCli} from '../support/cli.js'
import {startGithubEmulator} from '../support/github-emulator/index.js'

const work = mkdtempSync(join(tmpdir(), 'stewards-verdict-'))
const demo = join(repoRoot, 'fixtures', 'demo')
/** Two fictional upstreams (lumen-web, nimbus-mesh), mapped by the demo's map file. */
const stack = join(demo, 'k8s', 'storefront.yaml')
const map = join(demo, 'repos.yaml')
const window = ['--since', '2025-01-01', '--until', '2026-01-01']
/** `scan` of the two fictional upstreams, in the demo's window. */
const scanStack = ['scan', stack, '--map', map, ...window]

function freshDir(name: string): string {
  const dir = join(work, name)
  mkdirSync(dir, {recursive: true})
  return dir
}

/** stderr lines, none repeated: one line per cause. */
function stderrLines(stderr: string): string[] {
  const lines = stderr.split('\n').filter(Boolean)
  expect(new Set(lines).size, stderr).toBe(lines.length)
  return lines
}

describe('the verdict', () => {
  const saved = join(work, 'demo.json')

  it('scan: the table starts with the verdict and names the risk score; the files written come last, on stderr', async () => {
    const table = await runCli(['scan', demo, '--output', `json=${saved}`])
    expect(table.code).toBe(0)
    const lines = table.stdout.split('\n')
    expect(lines[0]).toBe(
      '4 of 5 projects need review (worst finding: 3 high, 1 medium); 1 clean; 1 component without an',
    )
    expect(lines[1]).toBe('  upstream repository')
    expect(table.stdout).toContain('\nrisk score (0 = no risk found, 100 = worst): worst 85, mean 41\n')
    expect(table.stdout).toMatch(/\nGITHUB REPO +STATUS +RISK +TOP ORG/)
    // The table already gives the verdict: stderr only says what was written.
    expect(stderrLines(table.stderr)).toEqual([`stewards: wrote ${saved} (json)`])
  })

  it('evaluate (as scan): a machine format on stdout, so the verdict goes to stderr first, then the files written', async () => {
    const csv = join(freshDir('formats'), 'stewards.csv')
    const json = await runCli(['evaluate', saved, '--format', 'json', '--output', `csv=${csv}`])
    expect(json.code).toBe(0)
    expect(stderrLines(json.stderr)).toEqual([
      'stewards: 4 of 5 projects need review (worst finding: 3 high, 1 medium); 1 clean; 1 component without an upstream repository',
      `stewards: wrote ${csv} (csv)`,
    ])
    expect(readFileSync(csv, 'utf8')).toMatch(/^severity,rule_id,/)
    // Markdown opens with the verdict, as the table does: it is not said again on stderr.
    const markdown = await runCli(['evaluate', saved, '--format', 'markdown'])
    expect(markdown.stdout).toContain('**4 of 5 projects need review (worst finding: 3 high, 1 medium)')
    expect(stderrLines(markdown.stderr)).toEqual([])
  })

  it('offline with an empty cache: every project "not collected", no score, and one line saying what to do next', async () => {
    const cache = freshDir('empty-cache')
    const r = await runCli([
      ...scanStack,
      '--offline',
      '--cache-dir',
      cache,
      '--format',
      'json',
      '--output',
      `table=${join(cache, '..', 'offline.txt')}`,
    ])
    expect(r.code).toBe(2)
    const result = JSON.parse(r.stdout) as ScanResult
    expect(result.projects.map((p) => [p.repo, p.score])).toEqual([
      ['github.com/example-lumen/lumen-web', null],
      ['github.com/example-nimbus/nimbus-mesh', null],
    ])
    expect(result.summary.portfolioScore).toBeNull()
    const lines = stderrLines(r.stderr)
    expect(lines[0]).toBe('stewards: None of the 2 projects could be collected: nothing was judged; incomplete')
    const next = lines.filter((l) => l.includes('Next:'))
    expect(next).toEqual([
      'stewards: Next: the cache does not hold 2 projects: set GITHUB_TOKEN and drop --offline to collect them from GitHub, or `stewards cache import BUNDLE` (a bundle from `stewards cache export` on a machine that collected them).',
    ])
    const text = readFileSync(join(cache, '..', 'offline.txt'), 'utf8')
    expect(text.split('\n')[0]).toBe('None of the 2 projects could be collected: nothing was judged; incomplete')
    expect(text).toContain('\nrisk score: none (no project collected)\n')
    expect(text).toMatch(/\nexample-lumen\/lumen-web +not collected +- +-/)
    expect(text).not.toMatch(/\b35\b/)
  })

  it('collect and people offline with an empty cache: the same one line, no warning per project, no zero figures', async () => {
    const cache = freshDir('empty-cache-collect')
    const repos = ['example-lumen/lumen-web', 'example-nimbus/nimbus-mesh']
    const collect = await runCli(['collect', ...repos, ...window, '--offline', '--cache-dir', cache])
    expect(collect.code).toBe(2)
    expect(stderrLines(collect.stderr)).toEqual([
      'stewards: Next: the cache does not hold 2 projects: set GITHUB_TOKEN and drop --offline to collect them from GitHub, or `stewards cache import BUNDLE` (a bundle from `stewards cache export` on a machine that collected them).',
    ])
    const people = await runCli(['people', repos[0], ...window, '--offline', '--cache-dir', cache])
    expect(people.code).toBe(2)
    expect(people.stdout).toBe(
      'github.com/example-lumen/lumen-web: not collected (github.com/example-lumen/lumen-web: offline: /repos/example-lumen/lumen-web (github.com) is not in the cache)\n',
    )
    expect(stderrLines(people.stderr)).toEqual([
      'stewards: Next: the cache does not hold 1 project: set GITHUB_TOKEN and drop --offline to collect it from GitHub, or `stewards cache import BUNDLE` (a bundle from `stewards cache export` on a machine that collected it).',
    ])
    // The same for machines: no counts (unknown, never 0), and why.
    const json = await runCli(['people', repos[0], ...window, '--offline', '--cache-dir', cache, '--format', 'json'])
    expect(json.code).toBe(2)
    const report = JSON.parse(json.stdout)
    expect(report).toMatchObject({repo: 'github.com/example-lumen/lumen-web', summary: null, people: []})
    expect(report.notCollected).toMatch(/^github\.com\/example-lumen\/lumen-web: not collected \(/)
  })

  it('without a token at GitHub anonymous limit: "not collected", and set GITHUB_TOKEN, said once', async () => {
    const emulator = await startGithubEmulator({
      roots: [join(demo, 'upstreams')],
      // Anonymous (no token configured) and used up: every request answers the primary limit, reset in 50 minutes.
      faults: [{kind: 'rate-limit', match: /./, resetSeconds: 3000}],
    })
    try {
      const r = await runCli([
        ...scanStack,
        '--github-api-url',
        emulator.url,
        '--on-rate-limit',
        'stop',
        '--cache-dir',
        freshDir('anonymous-cache'),
        '--format',
        'json',
      ])
      expect(r.code).toBe(2)
      expect(emulator.requests.every((q) => q.authorization === undefined)).toBe(true)
      const result = JSON.parse(r.stdout) as ScanResult
      expect(result.projects.map((p) => p.score)).toEqual([null, null])
      const next = stderrLines(r.stderr).filter((l) => l.includes('Next:'))
      expect(next).toEqual([
        "stewards: Next: GitHub's anonymous rate limit (60 requests an hour) stopped collecting 2 projects: set GITHUB_TOKEN (5,000 an hour) and run again; what was read is cached.",
      ])
    } finally {
      await emulator.close()
    }
  })

  it('waiting at the anonymous limit says once how not to (a token)', async () => {
    const emulator = await startGithubEmulator({
      roots: [join(demo, 'upstreams')],
      faults: [{kind: 'rate-limit', match: /^GET \/repos\/example-lumen\/lumen-web$/, times: 1, resetSeconds: 1}],
    })
    try {
      const r = await runCli([
        ...scanStack,
        '--github-api-url',
        emulator.url,
        '--cache-dir',
        freshDir('anonymous-wait'),
        '--format',
        'json',
      ])
      const waits = stderrLines(r.stderr).filter((l) => l.includes('rate limit'))
      expect(waits).toHaveLength(1)
      expect(waits[0]).toMatch(
        /^stewards: GitHub's anonymous rate limit \(60 requests an hour\) reached: waiting \d+s, until \S+, for the reset \(--on-rate-limit stop ends the run with partial results instead; set GITHUB_TOKEN for 5,000 an hour\)$/,
      )
    } finally {
      await emulator.close()
    }
  })

  it('--csv-sheet: the findings sheet names the component, the projects and components sheets are one flag away', async () => {
    const findings = await runCli(['evaluate', saved, '--format', 'csv'])
    const rows = findings.stdout.split('\r\n')
    expect(rows[0]).toBe(
      'severity,rule_id,rule_title,repo,component,message,file,line,column,baseline_state,waived_until,waiver_approved_by,waiver_reason,waiver_source',
    )
    expect(rows[1]).toMatch(
      /^high,inactive-or-archived,"[^"]+",github\.com\/example-oldyaml\/old-yaml,pkg:npm\/%40example-fictional\/old-yaml@[^,]+,/,
    )
    const projects = await runCli(['evaluate', saved, '--format', 'csv', '--csv-sheet', 'projects'])
    expect(projects.stdout.split('\r\n')[0]).toMatch(/^repo,status,reason,risk_score,/)
    expect(projects.stdout.split('\r\n')[1]).toMatch(/^github\.com\/example-nimbus\/nimbus-mesh,ok,,85,/)
    const components = await runCli(['scan', demo, '--format', 'csv', '--csv-sheet', 'components'])
    expect(components.code).toBe(0)
    const lines = components.stdout.split('\r\n')
    expect(lines[0]).toBe('component,ecosystem,name,version,file,line,column,repo,status,risk_score,worst_finding')
    // An in-house image without an upstream repository is listed too, with why.
    expect(lines.some((l) => l.includes(',unresolved: '))).toBe(true)
    const bad = await runCli(['scan', demo, '--csv-sheet', 'people'])
    expect(bad.code).toBe(3)
  })
})

afterAll(() => rmSync(work, {recursive: true, force: true}))
