import {describe, expect, it} from 'vitest'
import type {Finding, Severity} from '../core/model.js'
import {band, portfolioScore, scoreProject} from './score.js'

const f = (severity: Severity, ruleId = 'r'): Finding => ({
  ruleId,
  severity,
  repo: 'x',
  message: '',
  evidence: {metrics: {}},
  locations: [],
})

describe('risk score', () => {
  it('is 0 without findings and combines findings with diminishing returns', () => {
    expect(scoreProject([])).toBe(0)
    expect(scoreProject([f('info'), f('info')])).toBe(0)
    expect(scoreProject([f('low')])).toBe(5)
    expect(scoreProject([f('medium')])).toBe(15)
    expect(scoreProject([f('high')])).toBe(35)
    expect(scoreProject([f('critical')])).toBe(60)
    // 1 - 0.65 * 0.65 = 0.5775
    expect(scoreProject([f('high'), f('high')])).toBe(58)
    // 1 - 0.4 * 0.65 * 0.85 = 0.779
    expect(scoreProject([f('critical'), f('high'), f('medium')])).toBe(78)
    expect(scoreProject(Array.from({length: 40}, () => f('critical')))).toBe(100)
  })

  it('does not depend on the order of findings', () => {
    expect(scoreProject([f('low'), f('critical'), f('medium')])).toBe(
      scoreProject([f('medium'), f('low'), f('critical')]),
    )
  })

  it('bands and the portfolio score', () => {
    expect([0, 5, 20, 45, 70].map(band)).toEqual(['none', 'low', 'medium', 'high', 'critical'])
    expect(portfolioScore([])).toBeNull()
    expect(portfolioScore([null, null])).toBeNull()
    expect(portfolioScore([0, 35, 60])).toBe(32)
    // A project not collected has no score: it is left out of the mean, not counted as 0.
    expect(portfolioScore([0, 35, 60, null])).toBe(32)
  })
})
