/**
 * Waivers end to end (README "Waivers"): the fictional demo scanned with a waivers file holding an active, an
 * expired and a stale waiver; every report format; the gate; `stewards evaluate` applying the recorded waivers again
 * (on a later clock too) or new ones; `stewards waivers list`; bad files; a waivers file inside the scanned tree.
 */
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Log, Result} from 'sarif'
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest'
import type {ScanResult} from '../../src/core/model.js'
import {type CliResult, repoRoot, runCli} from '../support/cli.js'
import {sarifValidator} from '../support/sarif-schema.js'

const dir = mkdtempSync(join(tmpdir(), 'stewards-waivers-'))
const at = (name: string) => join(dir, name)
const demo = join(repoRoot, 'fixtures', 'demo')

/** Lines 3, 9 and 15: the active, the expired and the stale waiver. */
const WAIVERS = `# Accepted risks of the demo stack (fictional)
waivers:
  - rule: inactive-or-archived
    repository: example-oldyaml/old-yaml
    component: pkg:npm/%40example-fictional/old-yaml
    reason: "replaced next quarter \\u202E https://ci:hunter2@vault.example.com/ticket/42"
    approvedBy: Security board
    expires: 2099-12-31
  - rule: low-bus-factor
    repository: github.com/example-tinyqueue/tiny-queue
    reason: fork maintained in-house
    approvedBy: CISO
    expires: 2020-01-31

  - rule: no-security-policy
    repository: example-lumen/lumen-web
    reason: asked upstream for a policy
    approvedBy: AppSec
    expires: 2099-01-01
`

const FORMATS = ['json', 'sarif', 'markdown', 'html', 'csv', 'cyclonedx'] as const
const report = (format: (typeof FORMATS)[number]) => readFileSync(at(`scan.${format}`), 'utf8')
const json = (text: string) => JSON.parse(text) as ScanResult

let scan: CliResult
/** The UTC days the scan started and ended on (the same, unless it ran over midnight). */
const scanDays: string[] = []
const today = () => new Date().toISOString().slice(0, 10)

beforeAll(async () => {
  writeFileSync(at('waivers.yaml'), WAIVERS)
  scanDays.push(today())
  scan = await runCli([
    'scan',
    'fixtures/demo',
    '--waivers',
    at('waivers.yaml'),
    '--fail-on',
    'high',
    ...FORMATS.flatMap((f) => ['--output', `${f}=${at(`scan.${f}`)}`]),
  ])
  scanDays.push(today())
}, 120_000)

afterEach(() => {
  vi.useRealTimers()
})

describe('scan with waivers', () => {
  it('keeps the waived finding, marked with reason, approver and expiry, and records every waiver with its status', () => {
    const result = json(report('json'))
    const waived = result.findings.filter((f) => f.waiver)
    expect(waived.map((f) => [f.ruleId, f.repo])).toEqual([
      ['inactive-or-archived', 'github.com/example-oldyaml/old-yaml'],
    ])
    expect(waived[0].waiver).toMatchObject({
      approvedBy: 'Security board',
      expires: '2099-12-31',
      file: at('waivers.yaml'),
      line: 3,
    })
    // Credentials in a waiver never reach a report; the text is kept exact otherwise (JSON escapes).
    expect(waived[0].waiver?.reason).toBe('replaced next quarter \u202E https://***@vault.example.com/ticket/42')
    expect(report('json')).not.toContain('hunter2')
    // Counted, and listed in the project's findings too.
    expect(result.summary.waived).toBe(1)
    expect(result.summary.findingsBySeverity.high).toBe(6)
    const oldYaml = result.projects.find((p) => p.repo === 'github.com/example-oldyaml/old-yaml')
    expect(oldYaml?.findings.find((f) => f.ruleId === 'inactive-or-archived')?.waiver?.line).toBe(3)
    expect(scanDays).toContain(result.waivers?.judgedOn)
    expect(result.waivers?.entries.map((w) => [w.rule, w.status, w.findings, w.line])).toEqual([
      ['inactive-or-archived', 'active', 1, 3],
      ['low-bus-factor', 'expired', 0, 9],
      ['no-security-policy', 'stale', 0, 15],
    ])
    // The expired waiver no longer applies.
    expect(result.findings.find((f) => f.ruleId === 'low-bus-factor')?.waiver).toBeUndefined()
  })

  it('does not gate on a waived finding; an expired waiver lets its finding gate again', () => {
    expect(scan.code).toBe(1)
    const gate = scan.stderr.split('\n').find((l) => l.includes('at or over --fail-on high')) ?? ''
    expect(gate).toContain('5 finding(s)')
    expect(gate).toContain('low-bus-factor')
    expect(gate).not.toContain('inactive-or-archived')
  })

  it('says on stderr what was waived, by which file, and names the expired and the stale waiver at their lines', () => {
    const file = at('waivers.yaml')
    expect(scan.stderr).toContain(`stewards: 1 finding(s) waived by ${file}: 1 active, 1 expired, 1 stale; judged on`)
    expect(scan.stderr).toContain(
      `stewards: ${file}:9: warning: waiver of low-bus-factor on github.com/example-tinyqueue/tiny-queue expired on 2020-01-31 (approved by CISO): it no longer applies [waiver-expired]`,
    )
    expect(scan.stderr).toContain(
      `stewards: ${file}:15: waiver of no-security-policy on example-lumen/lumen-web matches no finding [waiver-stale]`,
    )
  })

  it('marks the waived finding in the table, Markdown, HTML, CSV and CycloneDX, neutralised and redacted', () => {
    const table = scan.stdout
    expect(table).toMatch(/HIGH {6}WAIVED {2}inactive-or-archived {2}github\.com\/example-oldyaml\/old-yaml/)
    expect(table).toContain('waived until 2099-12-31 by Security board: replaced next quarter \\u202E')
    expect(table).toContain('1 finding waived; waivers: 1 active, 1 expired, 1 stale')
    expect(table).toMatch(/WAIVERS \(3, judged on \d{4}-\d{2}-\d{2}\)/)
    expect(table).toMatch(/ {2}expired {5}low-bus-factor on github\.com\/example-tinyqueue\/tiny-queue: expired/)
    expect(table).toMatch(/ {2}stale {7}no-security-policy on example-lumen\/lumen-web: matches no finding/)

    const markdown = report('markdown')
    expect(markdown).toContain('| **high** **WAIVED** | `inactive-or-archived` |')
    expect(markdown).toContain('<summary>Waivers (3)</summary>')
    expect(markdown).toContain('- **expired** low-bus-factor on github.com/example-tinyqueue/tiny-queue')

    const html = report('html')
    expect(html).toContain('<strong class="waived">WAIVED</strong> <code>inactive-or-archived</code>')
    expect(html).toContain('<dt>Waived</dt><dd>waived until 2099-12-31 by Security board')
    expect(html).toContain('<section id="waivers">')

    const csv = report('csv').split('\r\n')
    expect(csv[0]).toMatch(/,baseline_state,waived_until,waiver_approved_by,waiver_reason,waiver_source$/)
    const row = csv.find((line) => line.startsWith('high,inactive-or-archived,'))
    expect(row).toMatch(
      /,2099-12-31,Security board,replaced next quarter \\u202E https:\/\/\*\*\*@vault\.example\.com\/ticket\/42,.*waivers\.yaml:3$/,
    )
    expect(csv.filter((line) => line.startsWith('high,low-bus-factor,'))[0]).toMatch(/,,,,$/)

    const cdx = JSON.parse(report('cyclonedx')) as {
      metadata: {properties: Array<{name: string; value: string}>}
      components: Array<{purl?: string; properties?: Array<{name: string; value: string}>}>
    }
    expect(cdx.metadata.properties).toContainEqual({name: 'stewards:findings:waived', value: '1'})
    const oldYaml = cdx.components.find((c) => c.purl?.includes('old-yaml'))
    expect(oldYaml?.properties).toContainEqual({
      name: 'stewards:finding:waived',
      value:
        'inactive-or-archived until 2099-12-31 by Security board: replaced next quarter \\u202E https://***@vault.example.com/ticket/42',
    })
    for (const format of FORMATS) expect(report(format), format).not.toContain('hunter2')
    expect(scan.stdout + scan.stderr).not.toContain('hunter2')
    expect(scan.stdout + scan.stderr).not.toContain('\u202E')
  })

  it('carries the waived finding in SARIF as an accepted external suppression, and the other waivers as notices', () => {
    const log = JSON.parse(report('sarif')) as Log
    const validity = sarifValidator()(log)
    expect(validity.valid, validity.errors).toBe(true)
    const results = log.runs[0].results ?? []
    const suppressed = results.filter((r) => r.suppressions)
    expect(suppressed.map((r) => r.ruleId)).toEqual(['inactive-or-archived'])
    expect(suppressed[0].suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification:
          'replaced next quarter \\u202E https://***@vault.example.com/ticket/42 (approved by Security board, until 2099-12-31)',
        location: {
          physicalLocation: {
            artifactLocation: {uri: `file://${at('waivers.yaml')}`},
            region: {startLine: 3, startColumn: 1},
          },
        },
        properties: {approvedBy: 'Security board', expires: '2099-12-31'},
      },
    ])
    const notice = (id: string) => results.find((r) => r.ruleId === id) as Result
    expect(notice('waiver-expired')).toMatchObject({
      level: 'warning',
      locations: [{physicalLocation: {region: {startLine: 9}}}],
    })
    expect(notice('waiver-expired').message.text).toContain('expired on 2020-01-31')
    expect(notice('waiver-stale')).toMatchObject({
      level: 'note',
      locations: [{physicalLocation: {region: {startLine: 15}}}],
    })
    // The notices' rules are described, and point at them.
    const rules = log.runs[0].tool.driver.rules ?? []
    expect(rules[notice('waiver-expired').ruleIndex ?? -1]?.id).toBe('waiver-expired')
    expect(rules[notice('waiver-stale').ruleIndex ?? -1]?.id).toBe('waiver-stale')
  })
})

describe('evaluate with waivers', () => {
  it('applies the waivers the report recorded again, byte for byte the same report on the same day', async () => {
    vi.useFakeTimers({toFake: ['Date'], now: new Date(`${json(report('json')).waivers?.judgedOn}T12:00:00Z`)})
    const again = await runCli(['evaluate', at('scan.json'), '--format', 'json', '--fail-on', 'high'])
    expect(again.code).toBe(1)
    expect(again.stdout).toBe(report('json'))
    expect(again.stderr).toContain('stewards: 1 finding(s) waived by the waivers the report recorded')
  })

  it('judges expiry against the run’s clock and records the day: a waiver expired since the scan stops applying', async () => {
    vi.useFakeTimers({toFake: ['Date'], now: new Date('2100-01-02T08:00:00Z')})
    const later = await runCli(['evaluate', at('scan.json'), '--format', 'json', '--fail-on', 'high'])
    vi.useRealTimers()
    const result = json(later.stdout)
    expect(result.waivers?.judgedOn).toBe('2100-01-02')
    expect(result.waivers?.entries.map((w) => w.status)).toEqual(['expired', 'expired', 'expired'])
    expect(result.findings.some((f) => f.waiver)).toBe(false)
    expect(later.code).toBe(1)
    expect(later.stderr).toMatch(/--fail-on high: .*inactive-or-archived/)
  })

  it('applies --waivers FILE instead of the recorded ones: waiving every high finding passes the gate', async () => {
    const highs = json(report('json')).findings.filter((f) => f.severity === 'high')
    const lines = highs.flatMap((f) => [
      `  - rule: ${f.ruleId}`,
      `    repository: ${f.repo}`,
      '    reason: accepted for the demo',
      '    approvedBy: Risk committee',
      '    expires: 2099-06-30',
    ])
    writeFileSync(at('highs.yaml'), `waivers:\n${lines.join('\n')}\n`)
    const passed = await runCli(['evaluate', at('scan.json'), '--waivers', at('highs.yaml'), '--fail-on', 'high'])
    expect(passed.code).toBe(0)
    expect(passed.stderr).toContain(
      `stewards: 6 finding(s) waived by ${at('highs.yaml')}: 6 active, 0 expired, 0 stale`,
    )

    // An empty waivers file waives nothing: the recorded waivers are replaced, not merged.
    writeFileSync(at('none.yaml'), '')
    const none = await runCli([
      'evaluate',
      at('scan.json'),
      '--waivers',
      at('none.yaml'),
      '--format',
      'json',
      '--fail-on',
      'high',
    ])
    expect(none.code).toBe(1)
    expect(json(none.stdout).findings.some((f) => f.waiver)).toBe(false)
    expect(json(none.stdout).waivers).toBeUndefined()
  })

  it('reads waivers written inline in the settings file, each with its line', async () => {
    const config = [
      'waivers:',
      '  - rule: single-org-majority',
      '    repository: example-nimbus/nimbus-mesh',
      '    reason: vendor support contract',
      '    approvedBy: Procurement',
      '    expires: 2099-03-31',
    ].join('\n')
    writeFileSync(at('settings.yaml'), `${config}\n`)
    const inline = await runCli(['evaluate', at('scan.json'), '--config', at('settings.yaml'), '--format', 'json'])
    const result = json(inline.stdout)
    expect(result.findings.find((f) => f.waiver)).toMatchObject({
      ruleId: 'single-org-majority',
      waiver: {file: at('settings.yaml'), line: 2, approvedBy: 'Procurement'},
    })
  })
})

describe('hostile waiver text', () => {
  it('cannot become a workflow command or a terminal control sequence on stderr or in a report', async () => {
    writeFileSync(
      at('hostile.yaml'),
      [
        'waivers:',
        '  - rule: low-bus-factor',
        '    repository: example-tinyqueue/tiny-queue',
        '    reason: "ok\\n::error file=x::pwned \\e[31mred"',
        '    approvedBy: "boss\\n::warning::fake \\u202E"',
        '    expires: 2020-01-01',
        '  - rule: single-org-majority',
        '    repository: example-nimbus/nimbus-mesh',
        '    reason: "fine\\n::error::pwned"',
        '    approvedBy: "x\\e[2J"',
        '    expires: 2099-01-01',
      ].join('\n'),
    )
    const run = await runCli(['evaluate', at('scan.json'), '--waivers', at('hostile.yaml'), '--format', 'markdown'])
    for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) expect(line).not.toMatch(/^\s*::/)
    expect(run.stdout + run.stderr).not.toMatch(/[\u001b\u202E]/)
    expect(run.stderr).toContain('approved by boss')
  })
})

describe('diff with waivers', () => {
  it('lists a new waived finding, marked, and does not gate on it', async () => {
    const head = json(report('json'))
    const base = {...head, findings: head.findings.filter((f) => f.ruleId !== 'inactive-or-archived')}
    writeFileSync(at('base.json'), JSON.stringify(base))
    const diff = await runCli(['diff', at('base.json'), at('scan.json'), '--fail-on', 'high'])
    expect(diff.stdout).toMatch(
      /\+ new {6}HIGH {5}inactive-or-archived {2}github\.com\/example-oldyaml\/old-yaml \(waived\)/,
    )
    expect(diff.code).toBe(0)
    // The same finding without its waiver gates.
    writeFileSync(
      at('unwaived.json'),
      JSON.stringify({...head, findings: head.findings.map(({waiver: _w, ...f}) => f)}),
    )
    expect((await runCli(['diff', at('base.json'), at('unwaived.json'), '--fail-on', 'high'])).code).toBe(1)
  })
})

describe('stewards waivers list', () => {
  it('lists each waiver with its status: active or expired without a report', async () => {
    const listed = await runCli(['waivers', 'list', '--waivers', at('waivers.yaml')])
    expect(listed.code).toBe(0)
    const lines = listed.stdout.split('\n')
    expect(lines[0]).toMatch(
      /waivers\.yaml: 3 waiver\(s\), judged on \d{4}-\d{2}-\d{2} without a report: stale needs --report \(2 active, 1 expired, 0 stale\)$/,
    )
    expect(lines[2]).toMatch(/^STATUS +EXPIRES +RULE +REPOSITORY +APPROVED BY +WHERE$/)
    expect(lines[3]).toMatch(
      /^active +2099-12-31 +inactive-or-archived +example-oldyaml\/old-yaml \(pkg:npm\/%40example-fictional\/old-yaml\) +Security board +.*waivers\.yaml:3$/,
    )
    expect(lines[4]).toBe('  reason: replaced next quarter \\u202E https://***@vault.example.com/ticket/42')
    expect(lines[5]).toMatch(/^expired +2020-01-31 +low-bus-factor /)
  })

  it('says which waivers match nothing in a report, as JSON', async () => {
    const listed = await runCli([
      'waivers',
      'list',
      '--waivers',
      at('waivers.yaml'),
      '--report',
      at('scan.json'),
      '--format',
      'json',
    ])
    expect(listed.code).toBe(0)
    const out = JSON.parse(listed.stdout) as {
      file: string
      againstReport: boolean
      entries: Array<{status: string; findings: number}>
    }
    expect(out.file).toBe(at('waivers.yaml'))
    expect(out.againstReport).toBe(true)
    expect(out.entries.map((w) => [w.status, w.findings])).toEqual([
      ['active', 1],
      ['expired', 0],
      ['stale', 0],
    ])
  })

  it('finds .stewards-waivers.yaml in PATH, and says when there is none', async () => {
    const root = mkdtempSync(join(tmpdir(), 'stewards-waivers-root-'))
    const empty = await runCli(['waivers', 'list', root])
    expect(empty.code).toBe(0)
    expect(empty.stdout).toContain('No waivers')
    writeFileSync(join(root, '.stewards-waivers.yaml'), WAIVERS)
    const found = await runCli(['waivers', 'list', root, '--json'])
    expect(JSON.parse(found.stdout).file).toBe(join(root, '.stewards-waivers.yaml'))
  })
})

describe('help', () => {
  it('documents --waivers on scan and evaluate, and the waivers list command', async () => {
    for (const command of ['scan', 'evaluate']) {
      const help = await runCli([command, '--help'])
      expect(help.stdout, command).toContain('--waivers=FILE')
      expect(help.stdout, command).toMatch(/Waivers|waivers recorded/)
    }
    const list = await runCli(['waivers', 'list', '--help'])
    expect(list.code).toBe(0)
    expect(list.stdout).toContain('--report=REPORT.json')
    expect(list.stdout).toContain('stale (it matches no finding of that report)')
  })
})

describe('bad waivers', () => {
  it('refuses a waiver without an end (exit 3, file:line and a hint)', async () => {
    writeFileSync(
      at('no-end.yaml'),
      'waivers:\n  - rule: low-bus-factor\n    repository: example-tinyqueue/tiny-queue\n    reason: r\n    approvedBy: a\n',
    )
    for (const args of [
      ['scan', 'fixtures/demo', '--waivers', at('no-end.yaml')],
      ['evaluate', at('scan.json'), '--waivers', at('no-end.yaml')],
      ['waivers', 'list', '--waivers', at('no-end.yaml')],
    ]) {
      const refused = await runCli(args)
      expect(refused.code, args[0]).toBe(3)
      expect(refused.stderr).toContain(`${at('no-end.yaml')}:2:5: waivers[0]: missing required key 'expires'`)
      expect(refused.stderr).toMatch(/Hint: each waiver needs rule, repository, reason, approvedBy and expires/)
      expect(refused.stdout).toBe('')
    }
  })

  it('refuses a date that is not one, and a missing file, before any work', async () => {
    writeFileSync(at('bad-date.yaml'), WAIVERS.replace('expires: 2020-01-31', 'expires: 31/01/2020'))
    const bad = await runCli(['scan', 'fixtures/demo', '--waivers', at('bad-date.yaml')])
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain(`${at('bad-date.yaml')}:13:14: waivers[1].expires: not a date`)
    const missing = await runCli(['scan', 'fixtures/demo', '--waivers', at('nope.yaml')])
    expect(missing.code).toBe(3)
    expect(missing.stderr).toContain(`${at('nope.yaml')}: cannot read the waivers file`)
  })
})

describe('a waivers file inside the scanned tree', () => {
  it('applies, and says it came from the scanned tree', async () => {
    const tree = join(mkdtempSync(join(tmpdir(), 'stewards-waivers-tree-')), 'demo')
    cpSync(demo, tree, {recursive: true})
    writeFileSync(join(tree, '.stewards-waivers.yaml'), WAIVERS)
    const scanned = await runCli(['scan', tree, '--format', 'json'])
    expect(scanned.code).toBe(0)
    expect(json(scanned.stdout).summary.waived).toBe(1)
    expect(scanned.stderr).toContain(
      `stewards: 1 finding(s) waived by ${join(tree, '.stewards-waivers.yaml')} (inside the scanned tree: data from that tree, applied; see README "Waivers")`,
    )
  }, 120_000)

  it('may not name a waivers file outside the tree from its settings', async () => {
    const tree = mkdtempSync(join(tmpdir(), 'stewards-waivers-hostile-'))
    writeFileSync(join(tree, '.stewards.yaml'), `waivers: ${at('waivers.yaml')}\n`)
    const refused = await runCli(['scan', tree])
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain(`${join(tree, '.stewards.yaml')}:1: waivers: '${at('waivers.yaml')}' is outside`)
  })
})
