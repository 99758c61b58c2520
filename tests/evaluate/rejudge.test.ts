/**
 * `stewards evaluate REPORT.json`: a saved report judged again equals a fresh scan with the same rules on the same
 * data, in every format, byte for byte; other parameters and lists change what they should; reports it cannot read
 * are usage errors with a hint. The data is the offline, fictional demo (fixtures/demo).
 */
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {type Finding, SCAN_SCHEMA_VERSION, type ScanResult} from '../../src/core/model.js'
import {type CliResult, repoRoot, runCli} from '../support/cli.js'

const out = mkdtempSync(join(tmpdir(), 'stewards-rejudge-'))
const FORMATS = ['json', 'sarif', 'markdown', 'html', 'csv', 'cyclonedx'] as const
const NIMBUS = 'github.com/example-nimbus/nimbus-mesh'
const TINY = 'github.com/example-tinyqueue/tiny-queue'

/** Every format into `dir` (created), plus the table on stdout. */
function outputs(dir: string): string[] {
  mkdirSync(dir, {recursive: true})
  return FORMATS.flatMap((f) => ['--output', `${f}=${join(dir, `report.${f}`)}`])
}

function scan(name: string, args: string[]) {
  return runCli(['scan', 'fixtures/demo', ...args, ...outputs(join(out, name))])
}

/** From the repository root, which has no .stewards.yaml: only the flags judge. */
function evaluate(report: string, args: string[], name?: string) {
  return runCli(['evaluate', report, ...args, ...(name ? outputs(join(out, name)) : [])])
}

const file = (name: string, format = 'json') => join(out, name, `report.${format}`)
const read = (name: string): ScanResult => JSON.parse(readFileSync(file(name), 'utf8'))
const fired = (report: ScanResult, ruleId: string) =>
  report.findings.filter((f) => f.ruleId === ruleId).map((f) => f.repo)

/** A report as stewards wrote it before schema 1.2.0: the metrics, not the measurement behind them. */
function asSchema110(report: ScanResult): ScanResult {
  const old = structuredClone(report) as ScanResult & Record<string, unknown>
  old.schemaVersion = '1.1.0' as ScanResult['schemaVersion']
  delete old.lists
  delete old.summary.inputsIncomplete
  for (const project of old.projects) {
    delete project.evidence
    delete project.listings
  }
  return old
}

// Each case runs the CLI a few times over the demo: a second or two each, more on a busy machine.
const SLOW = 180_000

describe('stewards evaluate REPORT.json', {timeout: SLOW}, () => {
  let defaultScan: CliResult
  let strictScan: CliResult
  let rejudged: CliResult
  const report = () => file('default')

  beforeAll(async () => {
    defaultScan = await scan('default', [])
    strictScan = await scan('strict', ['--rules', 'strict'])
    rejudged = await evaluate(report(), ['--rules', 'strict'], 'rejudged')
  }, SLOW)

  it('judged again with the strict pack, equals a fresh strict scan in every format, byte for byte', () => {
    expect(defaultScan.code).toBe(0)
    expect(strictScan.code).toBe(0)
    // Nothing on stderr but the files written (the table on stdout starts with the verdict).
    expect(rejudged.stderr).toMatch(
      /^stewards: wrote \S+report\.json \(json\), \S+report\.sarif \(sarif\), .*\(cyclonedx\)\n$/,
    )
    expect(rejudged.code).toBe(0)
    for (const format of FORMATS)
      expect(readFileSync(file('rejudged', format), 'utf8'), format).toBe(readFileSync(file('strict', format), 'utf8'))
    expect(rejudged.stdout).toBe(strictScan.stdout)
    // Not a copy of the input: the strict pack judged, with its own rules and the evidence of the measurement.
    const strict = read('rejudged')
    expect(strict.rules.map((r) => r.id)).toContain('listed-role-holder')
    expect(read('default').rules.map((r) => r.id)).not.toContain('listed-role-holder')
    const holder = strict.findings.find((f) => f.ruleId === 'listed-role-holder' && f.repo === NIMBUS)
    expect(holder?.evidence.people?.length).toBeGreaterThan(0)
    expect(holder?.evidence.people?.every((p) => p.role && p.organization === 'Crestline Networks (fictional)')).toBe(
      true,
    )
  })

  it('--param: a threshold change adds or removes findings, as a fresh scan with it would', async () => {
    const args = ['--param', 'low-bus-factor.max_bus_factor=2']
    const fresh = await scan('bus-2', args)
    const again = await evaluate(report(), args, 'bus-2-rejudged')
    expect(again.code).toBe(0)
    expect(readFileSync(file('bus-2-rejudged'), 'utf8')).toBe(readFileSync(file('bus-2'), 'utf8'))
    expect(fresh.code).toBe(0)
    expect(fired(read('default'), 'low-bus-factor')).toEqual([TINY])
    expect(fired(read('bus-2-rejudged'), 'low-bus-factor').sort()).toEqual([NIMBUS, TINY])
    const bus = read('bus-2-rejudged').findings.find((f) => f.ruleId === 'low-bus-factor' && f.repo === NIMBUS)
    expect(bus?.evidence.params).toEqual({max_bus_factor: 2})
    // The evidence names the people behind the bus factor, from the report alone.
    expect(bus?.evidence.people?.map((p) => p.person).length).toBeGreaterThan(0)

    const relaxed = await evaluate(report(), ['--param', 'low-bus-factor.max_bus_factor=0', '--format', 'json'])
    expect(relaxed.code).toBe(0)
    expect(fired(JSON.parse(relaxed.stdout), 'low-bus-factor')).toEqual([])
    const bad = await evaluate(report(), ['--param', 'no-such-rule.x=1'])
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain('no-such-rule')
  })

  it('--lists recomputes the listed figures and their people from the report; the original lists give the original bytes', async () => {
    const other = await evaluate(report(), ['--lists', 'us-bis-entity-list'], 'other-list')
    expect(other.code).toBe(0)
    const result = read('other-list')
    expect(result.lists?.selected).toEqual(['us-bis-entity-list'])
    expect(fired(read('default'), 'listed-maintainer')).toEqual([NIMBUS])
    expect(fired(result, 'listed-maintainer')).toEqual([])
    expect(fired(result, 'listed-commit-share')).toEqual([])
    const nimbus = result.projects.find((p) => p.repo === NIMBUS)!
    expect(nimbus.metrics).toMatchObject({listed_maintainers: 0, listed_commits: 0, listed_organizations: []})
    expect(nimbus.evidence?.find((g) => g.id === 'listed-stewards')?.people).toEqual([])
    // Lists that do not depend on the choice stay as measured.
    const measured = read('default').projects.find((p) => p.repo === NIMBUS)!
    expect(nimbus.metrics.commits_per_list).toEqual(measured.metrics.commits_per_list)

    const back = await evaluate(file('other-list'), ['--lists', 'demo-watch-list'], 'back')
    expect(back.code).toBe(0)
    expect(readFileSync(file('back'), 'utf8')).toBe(readFileSync(report(), 'utf8'))

    const typo = await evaluate(report(), ['--lists', 'demo-watch-lst'])
    expect(typo.code).toBe(3)
    expect(typo.stderr).toContain("unknown list 'demo-watch-lst'")
    expect(typo.stderr).toContain('Hint: ')
  })

  it('keeps the exit-code contract of scan: 1 for findings at --fail-on, only new ones with --baseline', async () => {
    const gate = await evaluate(report(), ['--fail-on', 'high', '--format', 'json'])
    expect(gate.code).toBe(1)
    expect(gate.stderr).toMatch(/finding\(s\) at or over --fail-on high: /)

    const base = await evaluate(
      report(),
      ['--rules', 'strict', '--baseline', report(), '--fail-on', 'medium'],
      'vs-base',
    )
    expect(base.code).toBe(1)
    const states = read('vs-base').findings.map((f: Finding) => `${f.baselineState} ${f.ruleId}`)
    expect(states).toContain('new listed-role-holder')
    expect(states).toContain('unchanged low-bus-factor')
    expect(base.stderr).toContain('new or worsened finding(s)')
  })

  it('a report that was incomplete stays incomplete (exit 2, outranking findings), and judged the same way it is the same report', async () => {
    // The demo's snapshot holds no governance files for a window ending in June 2025: the scan is incomplete.
    const window = ['--since', '2025-01-01', '--until', '2025-06-01']
    const partial = await scan('partial', window)
    expect(partial.code).toBe(2)
    const again = await evaluate(file('partial'), ['--fail-on', 'info'], 'partial-again')
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('incomplete')
    expect(readFileSync(file('partial-again'), 'utf8')).toBe(readFileSync(file('partial'), 'utf8'))
    expect(read('partial-again').summary).toMatchObject({incomplete: true, inputsIncomplete: true})
  })

  it('reads a report of an earlier schema (1.1.0): judged on its metrics, with a notice that nobody can be named', async () => {
    const old = join(out, 'old.json')
    writeFileSync(old, JSON.stringify(asSchema110(read('default'))))
    const again = await evaluate(old, ['--rules', 'strict', '--format', 'json'])
    expect(again.code).toBe(0)
    expect(again.stderr).toContain('written with report schema 1.1.0')
    const result = JSON.parse(again.stdout) as ScanResult
    expect(result.schemaVersion).toBe(SCAN_SCHEMA_VERSION)
    // The same findings as a fresh strict scan, without the people (the old report does not know them).
    const fresh = asSchema110(read('strict'))
    for (const f of [...fresh.findings, ...fresh.projects.flatMap((p) => p.findings)]) delete f.evidence.people
    expect(result.findings).toEqual(fresh.findings)
    expect(result.projects).toEqual(fresh.projects)
    expect(result.summary).toEqual({...fresh.summary, inputsIncomplete: false})

    const lists = await evaluate(old, ['--lists', 'demo-watch-list'])
    expect(lists.code).toBe(3)
    expect(lists.stderr).toContain('--lists cannot be applied')
    expect(lists.stderr).toContain('Hint: ')

    // diff and --baseline read both schemas.
    const diff = await runCli(['diff', old, report()])
    expect(diff.code).toBe(0)
    expect(diff.stdout).toContain('0 new, 0 worsened, 0 improved, 0 resolved, 13 unchanged')
    const gate = await evaluate(report(), ['--baseline', old, '--fail-on', 'info', '--format', 'json'])
    expect(gate.code).toBe(0)
    expect(new Set((JSON.parse(gate.stdout) as ScanResult).findings.map((f) => f.baselineState))).toEqual(
      new Set(['unchanged']),
    )
  })

  it('--config: the judging keys of a settings file apply, flags win', async () => {
    const config = join(out, 'judging.yaml')
    writeFileSync(config, 'rules: [strict]\nparams: {low-bus-factor: {max_bus_factor: 2}}\nfailOn: critical\n')
    const r = await evaluate(report(), ['--config', config, '--format', 'json'])
    const result = JSON.parse(r.stdout) as ScanResult
    expect(result.rules.map((rule) => rule.id)).toContain('listed-role-holder')
    expect(fired(result, 'low-bus-factor').sort()).toEqual([NIMBUS, TINY])
    expect(r.code).toBe(1)
    expect((await evaluate(report(), ['--config', config, '--fail-on', 'none', '--format', 'csv'])).code).toBe(0)
  })

  it('an old report incomplete only because a rule failed is complete under rules that do not fail', async () => {
    const old = asSchema110(read('default'))
    old.summary.incomplete = true
    old.errors.push({file: 'my-rules/x.yaml', line: 3, code: 'rule-evaluation', message: `${TINY}: x on ${TINY}: no`})
    const path = join(out, 'old-rule-error.json')
    writeFileSync(path, JSON.stringify(old))
    const again = await evaluate(path, ['--format', 'json'])
    expect(again.code).toBe(0)
    expect((JSON.parse(again.stdout) as ScanResult).errors).toEqual([])
  })

  it('--help shows the flags and examples; without a report it is a usage error', async () => {
    const help = await runCli(['evaluate', '--help'])
    expect(help.code).toBe(0)
    for (const text of [
      'REPORT',
      '--rules',
      '--param',
      '--lists',
      '--fail-on',
      '--baseline',
      'EXAMPLES',
      '--rules strict',
    ])
      expect(help.stdout).toContain(text)
    const none = await runCli(['evaluate'])
    expect(none.code).toBe(3)
    expect(none.stderr).toContain('Hint: ')
  })

  it('refuses what it cannot read with one line and a hint (exit 3): not a report, a truncated one, a directory', async () => {
    const truncated = join(out, 'truncated.json')
    writeFileSync(truncated, readFileSync(report(), 'utf8').slice(0, 4096))
    const cases: Array<[string, RegExp]> = [
      [join(repoRoot, 'package.json'), /not a stewards JSON report: no schemaVersion \(a string is expected\)/],
      [truncated, /truncated\.json:\d+: invalid JSON at line \d+, column \d+/],
      [out, /cannot read the report \(it is a directory\)/],
    ]
    for (const [path, message] of cases) {
      const r = await evaluate(path, [])
      expect(r.code, path).toBe(3)
      expect(r.stderr, path).toMatch(message)
      expect(r.stderr, path).toMatch(/\nHint: /)
      expect(r.stdout, path).toBe('')
    }
  })
})
