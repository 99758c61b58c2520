import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Ajv} from 'ajv'
import addFormats from 'ajv-formats'
import type {Log} from 'sarif'
import {describe, expect, it} from 'vitest'
import type {ScanResult} from '../../src/core/model.js'
import {REPORT_FORMATS, isReportFormat, renderReport, reporterList, reporters} from '../../src/report/registry.js'
import type {ReportFormat} from '../../src/report/types.js'
import {repoRoot} from '../support/cli.js'
import {schemaFile} from './json-schema.js'
import {loadFixture, reverseKeys} from './support.js'

describe('report registry', () => {
  it('has one reporter per format, keyed by its own id', () => {
    expect(Object.keys(reporters)).toEqual([...REPORT_FORMATS])
    for (const [key, reporter] of Object.entries(reporters)) expect(reporter.id).toBe(key)
    expect(reporterList.map((r) => r.id)).toEqual([...REPORT_FORMATS])
  })

  it('recognises format names', () => {
    expect(isReportFormat('sarif')).toBe(true)
    expect(isReportFormat('SARIF')).toBe(false)
    expect(isReportFormat('pdf')).toBe(false)
  })

  for (const format of REPORT_FORMATS) {
    it(`${format}: same input, same bytes, whatever order the object keys were built in`, () => {
      const result = loadFixture()
      const first = renderReport(format, result, {color: false})
      expect(first.length).toBeGreaterThan(200)
      expect(renderReport(format, loadFixture(), {color: false})).toBe(first)
      // Reports sort what they show; only JSON keeps arrays as given, so reverse keys (not arrays) for all.
      expect(renderReport(format, reverseKeys(loadFixture()), {color: false})).toBe(first)
      expect(first.endsWith('\n')).toBe(true)
    })
  }

  describe('an empty scan: each format says that nothing was found, in its own valid shape', () => {
    const render = (format: ReportFormat) => renderReport(format, emptyScan(), {color: false})

    it('table: zero components and projects, no findings, no project table', () => {
      const text = render('table')
      expect(text.split('\n')[0]).toBe('No upstream project found')
      expect(text.split('\n')[1]).toContain('· 0 components · 0 projects')
      expect(text.split('\n')[2]).toBe('risk score: none (no project collected)')
      expect(text).toContain('\nNo findings.\n')
      expectNoFixtureProject(text)
    })

    it('json: valid against the report schema, with zero projects, components and findings', () => {
      const report = JSON.parse(render('json')) as ScanResult
      const validate = new Ajv({allErrors: true, strict: false}).compile(JSON.parse(readFileSync(schemaFile, 'utf8')))
      expect(validate(report), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true)
      expect(report.projects).toEqual([])
      expect(report.findings).toEqual([])
      expect(report.unresolved).toEqual([])
      expect(report.summary).toEqual(emptyScan().summary)
    })

    it('sarif: a valid SARIF 2.1.0 log with one run, no rules and no results', () => {
      const log = JSON.parse(render('sarif')) as Log
      const validate = sarifAjv.compile(
        JSON.parse(readFileSync(join(repoRoot, 'tests', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')),
      )
      expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true)
      expect(log.version).toBe('2.1.0')
      expect(log.runs).toHaveLength(1)
      expect(log.runs[0].results).toEqual([])
      expect(log.runs[0].tool.driver.rules).toEqual([])
      expect(log.runs[0].invocations?.[0].executionSuccessful).toBe(true)
    })

    it('csv: the header line only (RFC 4180 line end)', () => {
      expect(render('csv')).toBe(
        'severity,rule_id,rule_title,repo,component,message,file,line,column,baseline_state,waived_until,waiver_approved_by,waiver_reason,waiver_source\r\n',
      )
    })

    it('markdown: zero projects from zero components, every severity at 0, no findings', () => {
      const text = render('markdown')
      expect(text).toContain('**0** upstream projects from **0** components')
      for (const severity of ['critical', 'high', 'medium', 'low', 'info'])
        expect(text).toContain(`| ${severity} | 0 |`)
      expect(text).toContain('\nNo findings.\n')
      expectNoFixtureProject(text)
    })

    it('html: zero in every card, an empty projects table, no findings, nothing left unread', () => {
      const text = render('html')
      for (const card of ['Upstream projects', 'Components', 'Findings'])
        expect(text).toContain(`<div class="muted">${card}</div><div class="value">0</div>`)
      expect(text).toMatch(/<table class="sortable" id="projects-table">[\s\S]*?<tbody>\s*<\/tbody>/)
      expect(text).toContain('<section id="findings">\n<h2>Findings</h2>\n<p>No findings.</p>')
      expect(text).toContain('<p>Everything was read.</p>')
      expectNoFixtureProject(text)
    })
  })
})

const sarifAjv = new Ajv({allErrors: true, strict: false})
addFormats.default(sarifAjv)

/** The empty scan keeps the fixture's other fields: none of its projects may leak into a report. */
function expectNoFixtureProject(text: string): void {
  const repos = loadFixture().projects.map((p) => p.repo)
  expect(repos.length).toBeGreaterThan(0)
  for (const repo of repos) expect(text).not.toContain(repo)
}

/** The fixture with everything found removed: what a scan of a directory without components returns. */
function emptyScan(): ScanResult {
  return {
    ...loadFixture(),
    projects: [],
    unresolved: [],
    findings: [],
    rules: [],
    skipped: [],
    errors: [],
    summary: {
      components: 0,
      projects: 0,
      findingsBySeverity: {info: 0, low: 0, medium: 0, high: 0, critical: 0},
      portfolioScore: null,
      incomplete: false,
    },
  }
}
