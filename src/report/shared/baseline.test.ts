import {describe, expect, it} from 'vitest'
import type {Finding} from '../../core/model.js'
import {baselineCounts, baselineMark, baselineSentence} from './baseline.js'

function finding(baselineState?: Finding['baselineState']): Finding {
  return {
    ruleId: 'r',
    severity: 'high',
    repo: 'github.com/a/b',
    message: 'm',
    evidence: {metrics: {}},
    locations: [],
    ...(baselineState ? {baselineState} : {}),
  }
}

describe('baseline states in reports', () => {
  it('counts states, and is null when no finding has one (no baseline)', () => {
    expect(baselineCounts([finding('new'), finding('updated'), finding('new'), finding('unchanged')])).toEqual({
      new: 2,
      updated: 1,
      unchanged: 1,
    })
    expect(baselineCounts([finding(), finding()])).toBeNull()
    expect(baselineCounts([])).toBeNull()
  })

  it('marks new and worsened findings only', () => {
    expect([finding('new'), finding('updated'), finding('unchanged'), finding()].map(baselineMark)).toEqual([
      'NEW',
      'WORSE',
      null,
      null,
    ])
  })

  it('says how many are new or worse', () => {
    expect(baselineSentence({new: 2, updated: 1, unchanged: 5})).toBe('since the baseline: 2 new, 1 worsened')
  })
})
