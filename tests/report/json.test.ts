import {readFileSync, writeFileSync} from 'node:fs'
import {Ajv} from 'ajv'
import {describe, expect, it} from 'vitest'
import {StewardsError} from '../../src/core/errors.js'
import {SCAN_SCHEMA_VERSION} from '../../src/core/model.js'
import {readMeasuredReport, readScanResult, renderJson} from '../../src/report/formats/json/index.js'
import {generateScanSchema, schemaFile} from './json-schema.js'
import {loadFixture, reverseKeys, updateGolden} from './support.js'

describe('JSON report', () => {
  it('is the scan result itself: parsing it back gives the same value', () => {
    const result = loadFixture()
    expect(JSON.parse(renderJson(result))).toEqual(result)
  })

  it('sorts keys at every level, indents by two spaces and ends with a newline', () => {
    const text = renderJson(loadFixture())
    const lines = text.split('\n')
    expect(lines[0]).toBe('{')
    expect(lines[1]).toBe('  "errors": [')
    expect(text.endsWith('}\n')).toBe(true)
    // HTTP status keys are sorted as text too (JSON.stringify would put integer-like keys first).
    expect(text).toMatch(/"byStatus": \{\n\s+"200": 51,\n\s+"304": 4,\n\s+"404": 2\n\s+\}/)
    expect(renderJson(reverseKeys(loadFixture()))).toBe(text)
  })

  it('is valid against the published JSON Schema, and the schema is generated from the current model', () => {
    const generated = generateScanSchema()
    if (updateGolden) writeFileSync(schemaFile, generated)
    expect(generated, 'schema.json is stale: run UPDATE_GOLDEN=1 npx vitest run tests/report/json.test.ts').toBe(
      readFileSync(schemaFile, 'utf8'),
    )
    const schema = JSON.parse(generated)
    expect(schema.$id).toBe(`urn:stewards:report:scan-result:${SCAN_SCHEMA_VERSION}`)
    const validate = new Ajv({allErrors: true, strict: false}).compile(schema)
    expect(validate(JSON.parse(renderJson(loadFixture()))), JSON.stringify(validate.errors)).toBe(true)

    const broken = loadFixture() as unknown as {findings: Array<{severity: string}>}
    broken.findings[0].severity = 'catastrophic'
    expect(validate(broken)).toBe(false)

    // A finding's state against the baseline is one of SARIF's words, or absent.
    const report = JSON.parse(renderJson(loadFixture())) as {findings: Array<{baselineState?: string}>}
    expect(report.findings.map((f) => f.baselineState)).toContain('updated')
    delete report.findings[0].baselineState
    expect(validate(report)).toBe(true)
    report.findings[1].baselineState = 'worse'
    expect(validate(report)).toBe(false)
  })
})

describe('readScanResult', () => {
  it('reads a report back', () => {
    const text = renderJson(loadFixture())
    const read = readScanResult(text, 'base.json')
    expect(read.findings).toHaveLength(10)
    expect(read.findings[0].ruleId).toBe('watch-list-organisation')
    expect(read.requests?.byStatus['200']).toBe(51)
  })

  function failure(text: string): StewardsError {
    try {
      readScanResult(text, 'reports/base.json')
    } catch (error) {
      expect(error).toBeInstanceOf(StewardsError)
      return error as StewardsError
    }
    throw new Error('expected readScanResult to fail')
  }

  it('names the file for invalid JSON, another major version, and a wrong shape', () => {
    const syntax = failure('{"schemaVersion": ')
    expect(syntax.message).toMatch(/^reports\/base\.json:1: invalid JSON at line 1, column 19/)
    expect(syntax.exitCode).toBe(3)

    const version = failure(JSON.stringify({...loadFixture(), schemaVersion: '2.0.0'}))
    expect(version.code).toBe('report-version')
    expect(version.message).toBe(
      'reports/base.json: report schema version 2.0.0 is not supported (this stewards reads 1.x)',
    )

    const shape = loadFixture() as unknown as {findings: Array<Record<string, unknown>>}
    delete shape.findings[2].repo
    expect(failure(JSON.stringify(shape)).message).toMatch(
      /^reports\/base\.json: not a stewards JSON report: no findings\.2\.repo \(a string is expected\)$/,
    )
  })
})

describe('readMeasuredReport (stewards evaluate)', () => {
  function failure(data: unknown): StewardsError {
    try {
      readMeasuredReport(JSON.stringify(data), 'saved.json')
    } catch (error) {
      expect(error).toBeInstanceOf(StewardsError)
      return error as StewardsError
    }
    throw new Error('expected readMeasuredReport to fail')
  }

  it('reads the measurement of a 1.2.0 report, and the metrics of an earlier one; findings and scores are left behind', () => {
    const {report, measured} = readMeasuredReport(renderJson(loadFixture()), 'saved.json')
    expect(measured).toBe(true)
    const [project] = report.projects
    expect(project.evidence?.map((g) => g.id)).toEqual(['listed-authors', 'listed-stewards'])
    expect(project.listings?.organizations).toEqual({'acme-widgets': ['example-watch-list']})
    expect(project.metrics.listed_commit_share).toBe(0.9102)
    expect(Object.keys(project)).not.toContain('findings')
    expect(Object.keys(project)).not.toContain('score')
    expect(report.lists?.selected).toEqual(['example-watch-list'])

    const old = {...loadFixture(), schemaVersion: '1.1.0'}
    expect(readMeasuredReport(JSON.stringify(old), 'old.json').measured).toBe(false)
  })

  it('refuses a newer or another major version, and measured data unlike what stewards writes, naming the place', () => {
    const newer = failure({...loadFixture(), schemaVersion: '1.9.0'})
    expect(newer.code).toBe('report-version')
    expect(newer.message).toBe(
      'saved.json: report schema version 1.9.0 is newer than this stewards reads (up to 1.3.0)',
    )
    expect(newer.hint).toBeTruthy()
    expect(failure({...loadFixture(), schemaVersion: '2.0.0'}).message).toMatch(/2\.0\.0 is not supported/)

    /** The fixture with one field changed to something stewards never writes. */
    const tamper = (path: Array<string | number>, value: unknown) => {
      const report = loadFixture() as unknown as Record<string | number, unknown>
      let at = report
      for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
      if (value === undefined) delete at[path[path.length - 1]]
      else at[path[path.length - 1]] = value
      const error = failure(report)
      expect(error.code).toBe('report-invalid')
      expect(error.exitCode).toBe(3)
      return error.message
    }
    expect(tamper(['projects', 0, 'metrics', 'bus_factor'], {nested: {deep: 1}})).toMatch(
      /^saved\.json: not a stewards JSON report: projects\.0\.metrics\.bus_factor: /,
    )
    expect(tamper(['projects', 0, 'evidence', 1, 'people'], 'everyone')).toMatch(
      /projects\.0\.evidence\.1\.people is a string, not a list$/,
    )
    expect(tamper(['projects', 0, 'listings', 'authors', 0, 'commits'], -1)).toMatch(
      /projects\.0\.listings\.authors\.0\.commits: /,
    )
    expect(tamper(['projects', 3, 'status'], 'fine')).toMatch(/projects\.3\.status: /)
    expect(tamper(['window'], undefined)).toMatch(/: no window \(an object is expected\)$/)
  })
})
