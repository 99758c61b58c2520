import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Ajv} from 'ajv'
import addFormats from 'ajv-formats'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ScanResult} from '../../src/core/model.js'
import {repoRoot, runCli} from '../support/cli.js'
import {cycloneDxErrors} from '../support/cyclonedx-schema.js'
import {expectGoldenIn} from '../support/golden.js'

const out = mkdtempSync(join(tmpdir(), 'stewards-demo-'))
const formats = ['json', 'sarif', 'markdown', 'html', 'csv', 'cyclonedx'] as const
const outputs = (dir: string) => formats.flatMap((f) => ['--output', `${f}=${join(dir, `report.${f}`)}`])

let scratch = 0
/** Reports always go to the temp dir (the demo's `npm run demo` writes them to demo-output/). */
function scanDemo(args: string[] = [], env: Record<string, string> = {}) {
  const output = args.includes('--output') ? [] : ['--output', `json=${join(out, 'scratch', `${++scratch}.json`)}`]
  return runCli(['scan', 'fixtures/demo', ...args, ...output], {env})
}

/** The demo's own generated history, read without our code, for figures computed independently. */
function demoCommits(repo: string): Array<{author: {name: string; email: string; date: string}}> {
  return JSON.parse(readFileSync(join(repoRoot, 'fixtures', 'demo', 'upstreams', repo, 'commits.json'), 'utf8'))
}

/** Fewest authors reaching half of the commits (CHAOSS bus factor), by e-mail. */
function busFactor(emails: string[]): number {
  const counts = new Map<string, number>()
  for (const e of emails) counts.set(e, (counts.get(e) ?? 0) + 1)
  let sum = 0
  let n = 0
  for (const c of [...counts.values()].sort((a, b) => b - a)) {
    sum += c
    n++
    if (sum * 2 >= emails.length) break
  }
  return n
}

/** One reviewed line per project and per finding: what a reader of the demo report sees. */
function summary(report: ScanResult): string {
  const keys = [
    'human_commits',
    'bot_commits',
    'elephant_factor',
    'bus_factor',
    'top_company',
    'top_company_share',
    'unknown_share',
    'maintainers',
    'maintainers_unknown',
    'listed_maintainers',
    'has_security_policy',
    'archived',
  ] as const
  const projects = report.projects.map(
    (p) =>
      `${p.repo} ${p.status} score=${p.score} ${keys.map((k) => `${k}=${JSON.stringify(p.metrics[k])}`).join(' ')}`,
  )
  const findings = report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.repo}: ${f.message}`)
  const unresolved = report.unresolved.map((u) => `unresolved ${u.component.ref}: ${u.reason}`)
  return `${[...projects, '', ...findings, '', ...unresolved].join('\n')}\n`
}

describe('stewards scan on the offline demo', () => {
  let first: Awaited<ReturnType<typeof scanDemo>>
  let report: ScanResult

  beforeAll(async () => {
    first = await scanDemo(outputs(join(out, 'a')))
    report = JSON.parse(readFileSync(join(out, 'a', 'report.json'), 'utf8'))
  })

  it('prints the table, writes every report, and exits 0 without --fail-on', () => {
    expect(first.stderr).not.toContain('Error')
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('github.com/example-nimbus/nimbus-mesh')
    expect(first.stdout).toContain('FINDINGS')
    expect(
      readFileSync(join(out, 'a', 'report.csv'), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(1 + report.findings.reduce((n, f) => n + f.locations.length, 0))
    expect(readFileSync(join(out, 'a', 'report.markdown'), 'utf8')).toContain('example-nimbus/nimbus-mesh')
    expect(readFileSync(join(out, 'a', 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i)
  })

  it('reports the reviewed figures and findings of the fictional stack (golden)', () => {
    expectGoldenIn(join(import.meta.dirname, '__golden__'), 'demo-summary.txt', summary(report))
  })

  it('agrees with figures computed independently from the generated history', () => {
    for (const p of report.projects) {
      const repo = p.repo.replace('github.com/', '').replace('/', '__')
      const inWindow = demoCommits(repo).filter((c) => c.author.date >= '2025-01-01')
      const human = inWindow.filter((c) => !c.author.name.endsWith('[bot]')).map((c) => c.author.email)
      expect(p.metrics.human_commits, p.repo).toBe(human.length)
      expect(p.metrics.bot_commits, p.repo).toBe(inWindow.length - human.length)
      if (human.length > 0) expect(p.metrics.bus_factor, p.repo).toBe(busFactor(human))
    }
    const nimbus = demoCommits('example-nimbus__nimbus-mesh').map((c) => c.author.email)
    const crestline = nimbus.filter((e) => e.endsWith('@crestline.example.com')).length
    const project = report.projects.find((p) => p.repo === 'github.com/example-nimbus/nimbus-mesh')!
    expect((project.metrics.commits_per_org as Record<string, number>)['Crestline Networks (fictional)']).toBe(
      crestline,
    )
  })

  it('exercises the interesting cases of the fictional stack', () => {
    const ids = (repo: string) => report.findings.filter((f) => f.repo === `github.com/${repo}`).map((f) => f.ruleId)
    expect(ids('example-nimbus/nimbus-mesh')).toEqual(
      expect.arrayContaining(['listed-maintainer', 'maintainers-single-org', 'listed-commit-share']),
    )
    expect(ids('example-tinyqueue/tiny-queue')).toEqual(
      expect.arrayContaining(['low-bus-factor', 'no-security-policy']),
    )
    expect(ids('example-oldyaml/old-yaml')).toContain('inactive-or-archived')
    expect(ids('example-vaguedb/vaguedb')).toContain('attribution-coverage-low')
    expect(ids('example-lumen/lumen-web')).not.toContain('listed-maintainer')
    expect(report.unresolved.map((u) => u.component.name)).toEqual(['registry.example.com/acme-internal/billing'])
    expect(report.summary.incomplete).toBe(false)
    const nimbus = report.projects.find((p) => p.repo === 'github.com/example-nimbus/nimbus-mesh')!
    expect(nimbus.components.flatMap((c) => c.locations.map((l) => `${l.file}:${l.line}`))).toEqual(
      expect.arrayContaining(['fixtures/demo/k8s/storefront.yaml:17', 'fixtures/demo/k8s/storefront.yaml:25']),
    )
  })

  it('keeps the evidence chain: a listed-maintainer finding names people, organisations and attribution sources', () => {
    const finding = report.findings.find((f) => f.ruleId === 'listed-maintainer')!
    const people = (finding.evidence.people ?? []).map((p) => `${p.person} ${p.organization} ${p.source}`).sort()
    expect(people).toEqual([
      'amara-osei Crestline Networks (fictional) governance',
      'ilse-varga Crestline Networks (fictional) governance',
      'tomas-reyes-cn Crestline Networks (fictional) governance',
    ])
    // The MAINTAINERS.md table declares their company: the citation is its line.
    for (const person of finding.evidence.people ?? []) expect(person.citation).toMatch(/^MAINTAINERS\.md:[5-7]$/)
  })

  it('writes a CycloneDX 1.6 SBOM of the stack that validates against the official schema', () => {
    const bom = JSON.parse(readFileSync(join(out, 'a', 'report.cyclonedx'), 'utf8'))
    expect(cycloneDxErrors(bom)).toBe('')
    const components = [...report.projects.flatMap((p) => p.components), ...report.unresolved.map((u) => u.component)]
    expect(bom.components).toHaveLength(new Set(components.map((c) => c.purl ?? c.ref)).size)
    const vcs = new Set(
      bom.components.flatMap((c: {externalReferences?: Array<{url: string}>}) =>
        (c.externalReferences ?? []).map((r) => r.url),
      ),
    )
    expect([...vcs].sort()).toEqual(report.projects.map((p) => `https://${p.repo}`).sort())
    expect(bom.metadata.timestamp).toBe(report.window.until)
  })

  it('gives byte-identical JSON, SARIF and CycloneDX on a second run', async () => {
    const second = await scanDemo(outputs(join(out, 'b')))
    expect(second.code).toBe(0)
    for (const f of ['json', 'sarif', 'cyclonedx'] as const) {
      expect(readFileSync(join(out, 'b', `report.${f}`), 'utf8')).toBe(
        readFileSync(join(out, 'a', `report.${f}`), 'utf8'),
      )
    }
  })

  it('writes SARIF that validates against the official 2.1.0 schema', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'tests', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'))
    const ajv = new Ajv({allErrors: true, strict: false})
    addFormats.default(ajv)
    const validate = ajv.compile(schema)
    const sarif = JSON.parse(readFileSync(join(out, 'a', 'report.sarif'), 'utf8'))
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    expect(sarif.runs[0].results).toHaveLength(report.findings.reduce((n, f) => n + f.locations.length, 0))
  })

  it('exits 1 with --fail-on high, and 0 when a baseline already holds those findings', async () => {
    const gated = await scanDemo(['--fail-on', 'high', '--format', 'json'])
    expect(gated.code).toBe(1)
    expect(gated.stderr).toContain('stewards: 6 finding(s) at or over --fail-on high: ')
    const baseline = join(out, 'baseline.json')
    writeFileSync(baseline, gated.stdout)
    const again = await scanDemo(['--fail-on', 'high', '--baseline', baseline, '--format', 'json'])
    expect(again.code).toBe(0)
    const states = (JSON.parse(again.stdout) as ScanResult).findings.map((f) => f.baselineState)
    expect(new Set(states)).toEqual(new Set(['unchanged']))
  })

  it('a worsened finding still gates with a baseline', async () => {
    const base = JSON.parse(readFileSync(join(out, 'a', 'report.json'), 'utf8')) as ScanResult
    const target = base.findings.find((f) => f.severity === 'high')!
    target.severity = 'low'
    const baseline = join(out, 'baseline-lower.json')
    writeFileSync(baseline, JSON.stringify(base))
    const worse = await scanDemo(['--fail-on', 'high', '--baseline', baseline, '--format', 'json'])
    expect(worse.code).toBe(1)
    expect(worse.stderr).toContain(`stewards: 1 new or worsened finding(s) at or over --fail-on high: ${target.ruleId}`)
    const marked = (JSON.parse(worse.stdout) as ScanResult).findings.filter((f) => f.baselineState !== 'unchanged')
    expect(marked.map((f) => `${f.ruleId} ${f.repo} ${f.baselineState}`)).toEqual([
      `${target.ruleId} ${target.repo} updated`,
    ])
  })

  it('a usage error exits 3 with a one-line message and a hint', async () => {
    const bad = await scanDemo(['--output', 'pdf=x.pdf'])
    expect(bad.code).toBe(3)
    expect(bad.stderr).toMatch(/unknown format 'pdf'/)
    expect(bad.stderr).toContain('Hint:')
    expect((await scanDemo(['--since', 'yesterday'])).code).toBe(3)
  })

  it('an injected internal error exits 4, never 1', async () => {
    const crash = await scanDemo([], {STEWARDS_FAULT: 'internal'})
    expect(crash.code).toBe(4)
    expect(crash.stderr).toContain('internal error')
  })

  it('a configuration file with an unknown key is a usage error naming file and line', async () => {
    const config = join(out, 'bad.yaml')
    writeFileSync(config, 'since: 2025-01-01\nfail_on: high\n')
    const r = await runCli(['scan', 'fixtures/demo', '--config', config])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(`${config}:2:`)
    expect(r.stderr).toContain('fail_on')
  })
})

describe('stewards diff', () => {
  it('lists new and resolved findings and gates on new ones', async () => {
    const base = join(out, 'diff-base.json')
    expect((await scanDemo(['--output', `json=${base}`])).code).toBe(0)
    const head = JSON.parse(readFileSync(base, 'utf8')) as ScanResult
    const removed = head.findings.shift()!
    head.findings.push({
      ...removed,
      ruleId: 'no-security-policy',
      repo: 'github.com/example-lumen/lumen-web',
      severity: 'high',
    })
    const headFile = join(out, 'head.json')
    writeFileSync(headFile, JSON.stringify(head))
    const r = await runCli(['diff', base, headFile, '--fail-on', 'high'])
    expect(r.stdout).toContain('+ new      HIGH     no-security-policy  github.com/example-lumen/lumen-web')
    expect(r.stdout).toContain(`- resolved ${removed.severity.toUpperCase().padEnd(8)} ${removed.ruleId}`)
    expect(r.code).toBe(1)
    expect((await runCli(['diff', base, base, '--fail-on', 'high'])).code).toBe(0)
  })
})
