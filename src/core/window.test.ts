import {describe, expect, it} from 'vitest'
import {parseDate, resolveWindow} from './window.js'

describe('resolveWindow', () => {
  it('defaults to the twelve months before today 00:00 UTC', () => {
    expect(resolveWindow(undefined, undefined, new Date('2026-11-26T04:47:13Z'))).toEqual({
      since: '2025-11-26T00:00:00.000Z',
      until: '2026-11-26T00:00:00.000Z',
    })
  })

  it('takes days or timestamps, and a since of its own', () => {
    expect(resolveWindow('2024-01-01', '2025-01-01')).toEqual({
      since: '2024-01-01T00:00:00.000Z',
      until: '2025-01-01T00:00:00.000Z',
    })
    expect(resolveWindow(undefined, '2024-03-01T12:00:00+02:00')).toEqual({
      since: '2023-03-01T10:00:00.000Z',
      until: '2024-03-01T10:00:00.000Z',
    })
  })

  it('rejects non-dates and empty windows as usage errors', () => {
    expect(() => resolveWindow('last year', undefined)).toThrow(/--since 'last year' is not a date/)
    expect(() => resolveWindow('2025-01-01', '2024-01-01')).toThrow(/must be before --until/)
  })
})

describe('calendar days', () => {
  it('rejects days that do not exist instead of rolling them over', () => {
    expect(() => resolveWindow(undefined, '2025-02-30')).toThrow(/--until '2025-02-30' is not a date/)
    expect(() => resolveWindow('2025-02-31T00:00:00Z', '2025-06-01')).toThrow(
      /--since '2025-02-31T00:00:00Z' is not a date/,
    )
    expect(resolveWindow('2024-02-29', '2024-03-01')).toEqual({
      since: '2024-02-29T00:00:00.000Z',
      until: '2024-03-01T00:00:00.000Z',
    })
  })
})

describe('parseDate', () => {
  it('reads a day as its UTC midnight and a timestamp in UTC; anything else is a usage error naming the flag', () => {
    expect(parseDate('2024-02-29', '--since')).toBe('2024-02-29T00:00:00.000Z')
    expect(parseDate('2024-03-01T01:30:00+02:00', '--until')).toBe('2024-02-29T23:30:00.000Z')
    for (const bad of ['2024-02-30T00:00:00Z', ' 2024-01-01', '2024-01-01 and more', '01/02/2024']) {
      expect(() => parseDate(bad, '--since'), bad).toThrow(`--since '${bad}' is not a date`)
    }
  })
})
