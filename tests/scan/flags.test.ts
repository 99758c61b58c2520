import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {ScanResult} from '../../src/core/model.js'
import {runCli} from '../support/cli.js'

const out = mkdtempSync(join(tmpdir(), 'stewards-flags-'))
let n = 0

/** Scans the demo with extra flags; returns the exit code and the JSON report. */
async function scan(args: string[]): Promise<{code: number; stderr: string; report?: ScanResult}> {
  const file = join(out, `${++n}.json`)
  const r = await runCli(['scan', 'fixtures/demo', ...args, '--output', `json=${file}`])
  let report: ScanResult | undefined
  try {
    report = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    report = undefined
  }
  return {code: r.code, stderr: r.stderr, report}
}

let plain: ReturnType<typeof scan> | undefined
/** The demo scanned without extra flags: the same every time, so scanned once for the tests that compare with it. */
const plainScan = () => {
  plain ??= scan([])
  return plain
}

const fired = (report: ScanResult | undefined, ruleId: string) =>
  (report?.findings ?? []).filter((f) => f.ruleId === ruleId).map((f) => f.repo)

describe('scan flags on the demo', () => {
  it('--param overrides a rule parameter without copying the rule; a bad one is a usage error', async () => {
    const base = await plainScan()
    expect(fired(base.report, 'low-bus-factor')).toEqual(['github.com/example-tinyqueue/tiny-queue'])
    const relaxed = await scan(['--param', 'low-bus-factor.max_bus_factor=0'])
    expect(relaxed.code).toBe(0)
    expect(fired(relaxed.report, 'low-bus-factor')).toEqual([])
    const strictBus = await scan(['--param', 'low-bus-factor.max_bus_factor=2'])
    expect(fired(strictBus.report, 'low-bus-factor').sort()).toEqual([
      'github.com/example-nimbus/nimbus-mesh',
      'github.com/example-tinyqueue/tiny-queue',
    ])
    const bad = await scan(['--param', 'no-such-rule.x=1'])
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain('no-such-rule')
  })

  it('--lists chooses which lists count as listed', async () => {
    expect(fired((await plainScan()).report, 'listed-maintainer')).toEqual(['github.com/example-nimbus/nimbus-mesh'])
    const other = await scan(['--lists', 'us-bis-entity-list'])
    expect(other.code).toBe(0)
    expect(fired(other.report, 'listed-maintainer')).toEqual([])
  })

  it('a mistyped list id is a usage error, not a silent "nothing listed"', async () => {
    const r = await scan(['--lists', 'demo-watch-lst'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain("unknown list 'demo-watch-lst'")
    expect(r.stderr).toContain('demo-watch-list')
  })

  it('--output: - is stdout, a directory or the same file twice is a usage error before any work', async () => {
    const stdout = await runCli(['scan', 'fixtures/demo', '--output', 'json=-'])
    expect(stdout.code).toBe(0)
    expect((JSON.parse(stdout.stdout) as ScanResult).projects).toHaveLength(5)
    const devStdout = await runCli(['scan', 'fixtures/demo', '--output', 'json=/dev/stdout', '--format', 'json'])
    expect(devStdout.code).toBe(0)
    expect(devStdout.stdout).toBe(stdout.stdout)
    const both = await runCli(['scan', 'fixtures/demo', '--output', 'json=-', '--format', 'sarif'])
    expect(both.code).toBe(3)
    expect(both.stderr).toContain('--format sarif and --output json=- both choose the report on stdout')
    expect(both.stdout).toBe('')
    expect((await runCli(['scan', 'fixtures/demo', '--output', 'json=-', '--format', 'json'])).code).toBe(0)
    const dir = await runCli(['scan', 'fixtures/demo', '--output', `json=${out}`])
    expect(dir.code).toBe(3)
    expect(dir.stderr).toContain('is a directory')
    const twice = await runCli([
      'scan',
      'fixtures/demo',
      '--output',
      `json=${join(out, 'x')}`,
      '--output',
      `csv=${join(out, 'x')}`,
    ])
    expect(twice.code).toBe(3)
    expect(twice.stderr).toContain('two reports would be written')
  })

  it('a report larger than a pipe buffer reaches stdout whole even when the scan exits 2', async () => {
    // Governance files before June 2025 are not in the demo's snapshot: the scan is incomplete (exit 2).
    const r = await runCli([
      'scan',
      'fixtures/demo',
      '--since',
      '2024-06-01',
      '--until',
      '2025-06-01',
      '--format',
      'html',
      // The demo's .stewards.yaml would write its reports into demo-output/ in the repository.
      '--output',
      `json=${join(out, 'html-run.json')}`,
    ])
    expect(r.code).toBe(2)
    expect(r.stdout.length).toBeGreaterThan(65_536)
    expect(r.stdout.trimEnd().endsWith('</html>')).toBe(true)
  })

  it('data that could not be read is reported as missing and never read as absent', async () => {
    // The snapshot holds no governance files for a window ending in June 2025.
    const r = await scan(['--since', '2025-01-01', '--until', '2025-06-01'])
    expect(r.code).toBe(2)
    const lumen = r.report?.projects.find((p) => p.repo === 'github.com/example-lumen/lumen-web')
    expect(lumen?.missing).toEqual(['governance'])
    expect(lumen?.metrics.has_security_policy).toBeNull()
    // lumen's files at the June window end were never collected: missing, no finding. (old-yaml has no commit in
    // either window: its window end is the head the listing kept, whose files the snapshot holds, so it is judged.)
    expect(fired(r.report, 'no-security-policy')).toEqual(['github.com/example-oldyaml/old-yaml'])
    expect(fired(r.report, 'project-unavailable')).toContain('github.com/example-lumen/lumen-web')
  })

  it('--max-file-size: larger files are not read, and a file not read makes the scan incomplete; a bad size is a usage error', async () => {
    const r = await scan(['--max-file-size', '100'])
    expect(r.code).toBe(2)
    // Only worker/requirements.txt (under 100 bytes) is read: one component. Every other candidate is an error
    // (too large), the YAML files that could have been manifests included: what was not read could hold components.
    // .stewards.yaml is the settings file, never a manifest (the settings loader has its own limit).
    expect(r.report?.summary.components).toBe(1)
    expect(r.report?.summary.incomplete).toBe(true)
    expect(r.report?.skipped).toEqual([])
    expect(r.report?.errors.map((e) => `${e.file} ${e.code}`).sort()).toEqual([
      'fixtures/demo/app/package-lock.json too-large',
      'fixtures/demo/entities/demo-organizations.yaml too-large',
      'fixtures/demo/k8s/billing.yaml too-large',
      'fixtures/demo/k8s/storefront.yaml too-large',
      'fixtures/demo/repos.yaml too-large',
    ])
    // Said on stderr as soon as discovery is done, with where the files are.
    expect(r.stderr).toContain(
      "stewards: incomplete (exit 2): 5 files not read completely (5 errors); in fixtures/demo/k8s/ (2), fixtures/demo/app/ (1), fixtures/demo/entities/ (1) and elsewhere. Fix them, or leave out what is not yours to scan (test fixtures, templates) with --exclude 'fixtures/demo/k8s/**'.\n",
    )
    expect((await scan(['--max-file-size', 'huge'])).code).toBe(3)
  })

  it('--include-dev adds development dependencies (here one with no upstream in the offline data: incomplete)', async () => {
    const base = await plainScan()
    const withDev = await scan(['--include-dev'])
    expect(withDev.report?.summary.components).toBe((base.report?.summary.components ?? 0) + 1)
    expect(withDev.report?.unresolved.map((u) => `${u.component.name} ${u.reason}`)).toContain(
      '@example-fictional/lint-kit offline-cache-miss',
    )
    expect(withDev.code).toBe(2)
  })

  it('--concurrency is bounded and does not change the result', async () => {
    expect((await scan(['--concurrency', '0'])).code).toBe(3)
    const one = await scan(['--concurrency', '1'])
    expect(one.code).toBe(0)
    expect(one.report?.findings).toEqual((await plainScan()).report?.findings)
  })
})
