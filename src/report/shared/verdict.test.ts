import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {ScanResult} from '../../core/model.js'
import {riskScoreLine, verdictLine} from './verdict.js'

/** The reviewed report fixture every format test reads (fixtures/reports/scan-result.json). */
function fixture(): ScanResult {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/reports/scan-result.json'), 'utf8'))
}

describe('the verdict line', () => {
  it('counts projects by their worst finding, then what is missing', () => {
    expect(verdictLine(fixture())).toBe(
      '7 projects need review (worst finding: 1 critical, 4 high, 1 medium, 1 low); incomplete: 1 partly collected; 1 component without an upstream repository',
    )
    expect(riskScoreLine(fixture())).toBe('risk score (0 = no risk found, 100 = worst): worst 88, mean 65')
  })

  it('counts a project not collected apart: no score, neither clean nor risky', () => {
    const result = fixture()
    const project = result.projects.find((p) => p.repo === 'github.com/tinyproj/left-padder')!
    Object.assign(project, {score: null, missing: ['facts', 'commits']})
    expect(verdictLine(result)).toBe(
      '6 of 7 projects need review (worst finding: 1 critical, 3 high, 1 medium, 1 low); incomplete: 1 not collected, 1 partly collected; 1 component without an upstream repository',
    )
  })

  it('does not send a reader to review what a waiver already accepted, and says how many were waived', () => {
    const result = fixture()
    const project = result.projects.find((p) => p.repo === 'github.com/community-logkit/logkit')!
    const waiver = {expires: '2099-01-01', approvedBy: 'ciso@example.com', reason: 'accepted', file: 'w.yaml', line: 3}
    for (const f of [...project.findings, ...result.findings.filter((g) => g.repo === project.repo)])
      Object.assign(f, {waiver})
    expect(verdictLine(result)).toBe(
      '6 of 7 projects need review (worst finding: 1 critical, 4 high, 1 medium); 1 clean; incomplete: 1 partly collected; 1 component without an upstream repository; 2 findings waived',
    )
  })

  it('agrees in number: one project of several, one project alone', () => {
    const one = fixture()
    one.unresolved = []
    one.summary.incomplete = false
    const [kept, ...others] = one.projects.filter((p) => p.findings.length > 0)
    for (const p of others) p.findings = []
    const of = verdictLine(one)
    expect(of).toMatch(/^1 of 7 projects needs review \(worst finding: 1 \w+\); 6 clean/)
    one.projects = [kept]
    expect(verdictLine(one)).toMatch(/^1 project needs review \(worst finding: 1 \w+\)/)
  })

  it('says plainly when nothing needs review, nothing was found, or nothing could be collected', () => {
    const clean = fixture()
    for (const p of clean.projects) p.findings = []
    clean.summary.incomplete = false
    clean.unresolved = []
    expect(verdictLine(clean)).toBe('No project needs review: 7 clean; 1 partly collected')
    const none = {...fixture(), projects: [], unresolved: []}
    expect(verdictLine(none)).toBe('No upstream project found; incomplete (an input could not be read)')
    const missing = fixture()
    for (const p of missing.projects) Object.assign(p, {score: null})
    missing.summary.portfolioScore = null
    missing.unresolved = []
    expect(verdictLine(missing)).toBe('None of the 7 projects could be collected: nothing was judged; incomplete')
    expect(riskScoreLine(missing)).toBe('risk score: none (no project collected)')
  })
})
