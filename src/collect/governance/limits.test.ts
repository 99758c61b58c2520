import {describe, expect, it} from 'vitest'
import {boundedLines, MAX_GOVERNANCE_LINE} from './limits.js'

describe('boundedLines', () => {
  it('empties only the lines longer than the cap, keeping the others at their numbers', () => {
    const text = 'a\n@alice\n'
    expect(boundedLines(text)).toBe(text)
    const long = 'x'.repeat(MAX_GOVERNANCE_LINE + 1)
    expect(boundedLines(`${long}\n@alice\r\n${'y'.repeat(MAX_GOVERNANCE_LINE)}\n${long}`)).toBe(
      `\n@alice\r\n${'y'.repeat(MAX_GOVERNANCE_LINE)}\n`,
    )
  })
})
