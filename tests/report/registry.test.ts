import {describe, expect, it} from 'vitest'
import {REPORT_FORMATS, isReportFormat, renderReport, reporterList, reporters} from '../../src/report/registry.js'
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

    it(`${format}: renders an empty scan`, () => {
      const empty = {
        ...loadFixture(),
        projects: [],
        unresolved: [],
        findings: [],
        rules: [],
        skipped: [],
        errors: [],
        summary: {components: 0, projects: 0, findingsBySeverity: {info: 0, low: 0, medium: 0, high: 0, critical: 0}, portfolioScore: 0, incomplete: false},
      }
      expect(renderReport(format, empty, {color: false}).length).toBeGreaterThan(0)
    })
  }
})
