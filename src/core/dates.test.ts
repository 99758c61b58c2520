import {describe, expect, it} from 'vitest'
import {isCalendarDate, lastDayBefore, utcDay} from './dates.js'

describe('isCalendarDate', () => {
  it('accepts real days only', () => {
    expect(['2024-02-29', '2100-01-01'].map(isCalendarDate)).toEqual([true, true])
    expect(['2023-02-29', '2024-13-01', '2024-1-01', '20240101'].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
    ])
  })

  it('wants the day alone, not a timestamp or a rolled-over day', () => {
    expect(['2025-02-30', '2025-04-31', '2024-01-01T00:00:00Z', ' 2024-01-01', ''].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
  })
})

describe('utcDay', () => {
  it('gives the UTC day of a timestamp with an offset', () => {
    expect(utcDay('2024-03-01T01:30:00+02:00')).toBe('2024-02-29')
    expect(utcDay('2024-12-31T20:00:00-05:00')).toBe('2025-01-01')
    expect(utcDay('not a date')).toBeUndefined()
  })
})

describe('lastDayBefore', () => {
  it('gives the last UTC day inside an exclusive end', () => {
    expect(lastDayBefore('2025-01-01T00:00:00.000Z')).toBe('2024-12-31')
    expect(lastDayBefore('2024-03-01T00:00:00Z')).toBe('2024-02-29')
    // An end inside a day keeps that day: the window still covers part of it.
    expect(lastDayBefore('2025-01-01T12:00:00Z')).toBe('2025-01-01')
    expect(lastDayBefore('2025-01-01T01:00:00+02:00')).toBe('2024-12-31')
    expect(lastDayBefore('someday')).toBeUndefined()
  })
})
