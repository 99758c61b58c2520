import {compareFindings} from '../../src/core/order.js'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {gunzipSync, gzipSync} from 'node:zlib'
import {Ajv} from 'ajv'
import addFormats from 'ajv-formats'
import type {Log, Result} from 'sarif'
import {describe, expect, it} from 'vitest'
import type {Finding, ScanResult, Severity} from '../../src/core/model.js'
import {GITHUB_LIMITS, SECURITY_SEVERITY, renderSarif, renderSarifWithin} from '../../src/report/formats/sarif/index.js'
import {repoRoot} from '../support/cli.js'
import {expectGolden, loadFixture} from './support.js'

const schema = JSON.parse(readFileSync(join(repoRoot, 'tests', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'))
const ajv = new Ajv({allErrors: true, strict: false})
addFormats.default(ajv)
const validateSarif = ajv.compile(schema)

function expectValid(text: string): Log {
  const log = JSON.parse(text) as Log
  expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2)).toBe(true)
  return log
}

function results(log: Log): Result[] {
  return log.runs[0].results ?? []
}

function uriOf(result: Result): string | undefined {
  return result.locations?.[0].physicalLocation?.artifactLocation?.uri
}

/** A scan with `count` findings cycling through the severities, each declared in its own file. */
function manyFindings(count: number): ScanResult {
  const severities: Severity[] = ['info', 'low', 'medium', 'high', 'critical']
  const findings: Finding[] = Array.from({length: count}, (_, i) => ({
    ruleId: 'single-vendor',
    severity: severities[i % 5],
    repo: `github.com/example-org/project-${String(i).padStart(5, '0')}`,
    message: `Finding number ${i} with some words to make the file bigger: ${'lorem ipsum '.repeat(4)}`,
    evidence: {metrics: {}},
    locations: [{file: `deploy/app-${i}.yaml`, line: 10 + (i % 50), column: 12}],
  }))
  // In the order the pipeline hands them to every report (src/core/order.ts).
  return {...loadFixture(), projects: [], findings: findings.sort(compareFindings)}
}

describe('SARIF report', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    expectValid(renderSarif(loadFixture(), {color: false}))
  })

  it('matches its reviewed golden file', () => {
    expectGolden('scan-result.sarif', renderSarif(loadFixture(), {color: false}))
  })

  it('has one result per finding per declaring location, most severe first', () => {
    const log = expectValid(renderSarif(loadFixture(), {color: false}))
    const all = results(log)
    // 10 findings: three with two locations each, one with none (anchored once), six with one.
    expect(all).toHaveLength(13)
    expect(all.map((r) => r.ruleId).slice(0, 3)).toEqual([
      'watch-list-organisation',
      'watch-list-organisation',
      'archived-upstream',
    ])
    expect(all.map((r) => r.level)).toEqual([...Array(9).fill('error'), 'warning', 'warning', 'note', 'note'])
    const operator = all.filter(
      (r) => r.ruleId === 'single-vendor' && r.properties?.repo === 'github.com/acme-widgets/widget-operator',
    )
    expect(operator.map(uriOf)).toEqual(['deploy/operator.yaml', 'deploy/staging/operator.yaml'])
    expect(operator[0].locations?.[0].physicalLocation?.region).toEqual({startLine: 21, startColumn: 18})
    expect(operator[0].message.text).toContain('Declared here as ghcr.io/acme-widgets/widget-operator:v1.4.2.')
  })

  it('writes relative, percent-encoded URIs against %SRCROOT%', () => {
    const log = expectValid(renderSarif(loadFixture(), {color: false}))
    const bus = results(log).filter(
      (r) => r.ruleId === 'bus-factor-one' && r.properties?.repo === 'github.com/tinyproj/left-padder',
    )
    expect(bus.map(uriOf)).toEqual(['services/api/package-lock.json', 'services/web%20app/package-lock.json'])
    for (const r of results(log))
      expect(r.locations?.[0].physicalLocation?.artifactLocation?.uriBaseId).toBe('%SRCROOT%')
  })

  it('anchors a finding without a location at its project, so GitHub accepts the file', () => {
    const log = expectValid(renderSarif(loadFixture(), {color: false}))
    const undeclared = results(log).filter((r) => r.ruleId === 'maintainer-roles-undeclared')
    expect(undeclared).toHaveLength(1)
    expect(uriOf(undeclared[0])).toBe('services/worker/poetry.lock')
    expect(undeclared[0].message.text).toContain('No declaring location was recorded')
  })

  it('gives each result the baseline state of its finding (SARIF 2.1.0 §3.27.24), and none without a baseline', () => {
    const log = expectValid(renderSarif(loadFixture(), {color: false}))
    const state = (repo: string, ruleId: string) =>
      results(log)
        .filter((r) => r.properties?.repo === repo && r.ruleId === ruleId)
        .map((r) => r.baselineState)
    expect(state('github.com/indie-collective/parsekit', 'bus-factor-one')).toEqual(['new'])
    expect(state('github.com/tinyproj/left-padder', 'bus-factor-one')).toEqual(['updated', 'updated'])
    expect(state('github.com/acme-widgets/widget-operator', 'single-vendor')).toEqual(['unchanged', 'unchanged'])
    expect(
      results(log)
        .map((r) => r.baselineState)
        .sort(),
    ).toEqual([...Array(3).fill('new'), ...Array(8).fill('unchanged'), 'updated', 'updated'])

    const result = loadFixture()
    for (const f of result.findings) delete f.baselineState
    const plain = expectValid(renderSarif(result, {color: false}))
    for (const r of results(plain)) expect(r).not.toHaveProperty('baselineState')
    // A value outside SARIF's vocabulary would not validate: the schema checks the field.
    const broken = JSON.parse(renderSarif(loadFixture(), {color: false})) as Log
    ;(results(broken)[0] as {baselineState: string}).baselineState = 'worse'
    expect(validateSarif(broken)).toBe(false)
  })

  it('keeps lines and columns at 1 or more', () => {
    const result = loadFixture()
    result.findings[1].locations = [{file: 'deploy/queue.yaml', line: 0, column: -3}]
    const log = expectValid(renderSarif(result, {color: false}))
    const archived = results(log).find((r) => r.ruleId === 'archived-upstream')!
    expect(archived.locations?.[0].physicalLocation?.region).toEqual({startLine: 1, startColumn: 1})
  })

  it('gives each result a stable, distinct fingerprint that ignores line moves', () => {
    const before = results(JSON.parse(renderSarif(loadFixture(), {color: false})))
    const prints = before.map((r) => r.partialFingerprints?.['stewardsFinding/v1'])
    expect(new Set(prints).size).toBe(before.length)
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{32}$/)
    const moved = loadFixture()
    moved.findings[1].locations = [{file: 'deploy/queue.yaml', line: 40, column: 18}]
    const after = results(JSON.parse(renderSarif(moved, {color: false})))
    const archived = (rs: Result[]) => rs.find((r) => r.ruleId === 'archived-upstream')!.partialFingerprints
    expect(archived(after)).toEqual(archived(before))
  })

  it('describes every rule with Markdown help and a GitHub security-severity', () => {
    const log = expectValid(renderSarif(loadFixture(), {color: false}))
    const rules = log.runs[0].tool.driver.rules ?? []
    expect(rules.map((r) => r.id)).toEqual([...loadFixture().rules.map((r) => r.id)].sort())
    const single = rules.find((r) => r.id === 'single-vendor')!
    expect(single.name).toBe('SingleVendor')
    expect(single.help?.markdown).toContain('**Remediation:** Prefer components with an elephant factor of 2 or more')
    expect(single.properties?.['security-severity']).toBe('8.0')
    expect(single.properties?.tags).toContain('security')
    expect(SECURITY_SEVERITY).toEqual({critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: '0.5'})
    for (const r of results(log)) expect(rules[r.ruleIndex!].id).toBe(r.ruleId)
  })

  it('adds a minimal rule for findings whose rule metadata is missing', () => {
    const result = {...loadFixture(), rules: []}
    const log = expectValid(renderSarif(result, {color: false}))
    expect(log.runs[0].tool.driver.rules).toHaveLength(8)
  })

  it('reports what could not be read as notifications', () => {
    const log = expectValid(renderSarif(loadFixture(), {color: false}))
    const notes = log.runs[0].invocations?.[0].toolExecutionNotifications ?? []
    expect(notes.map((n) => n.level)).toEqual(['error', 'note', 'warning'])
    expect(notes[0].message.text).toContain('services/broken/package-lock.json')
    expect(notes[0].locations?.[0].physicalLocation?.region).toEqual({startLine: 17, startColumn: 5})
  })

  it('keeps the most severe results up to the limit and says so', () => {
    const log = expectValid(renderSarif(loadFixture(), {color: false, maxSarifResults: 3}))
    expect(results(log).map((r) => r.ruleId)).toEqual([
      'watch-list-organisation',
      'watch-list-organisation',
      'archived-upstream',
    ])
    const notes = log.runs[0].invocations?.[0].toolExecutionNotifications ?? []
    expect(notes.at(-1)?.message.text).toMatch(/^10 of 13 results were left out \(GitHub keeps 3 results per run\)/)
  })

  it('keeps 5,000 results by default', () => {
    const log = expectValid(renderSarif(manyFindings(5003), {color: false}))
    expect(results(log)).toHaveLength(GITHUB_LIMITS.maxResults)
    // 5,003 findings, 1,000 or 1,001 of each severity: the three left out are infos.
    const kept = (severity: Severity) => results(log).filter((r) => r.properties?.severity === severity).length
    expect([kept('critical'), kept('high'), kept('medium'), kept('low'), kept('info')]).toEqual([
      1000, 1000, 1001, 1001, 998,
    ])
  })

  it('trims results so the gzipped file stays under the size limit', () => {
    const scan = manyFindings(2000)
    const full = renderSarifWithin(scan, {maxResults: 5000, maxGzipBytes: 10 * 1024 * 1024})
    const fullSize = gzipSync(full).length
    const limit = Math.floor(fullSize / 3)
    const text = renderSarifWithin(scan, {maxResults: 5000, maxGzipBytes: limit})
    expect(gzipSync(text).length).toBeLessThanOrEqual(limit)
    expect(gunzipSync(gzipSync(text)).toString()).toBe(text)
    const log = expectValid(text)
    expect(results(log).length).toBeGreaterThan(0)
    expect(results(log).length).toBeLessThan(2000)
    expect(results(log)[0].properties?.severity).toBe('critical')
    const notes = log.runs[0].invocations?.[0].toolExecutionNotifications ?? []
    expect(notes.at(-1)?.message.text).toContain(`bytes gzipped`)
  })
})
