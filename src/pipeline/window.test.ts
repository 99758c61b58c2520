import {describe, expect, it} from 'vitest'
import {resolveWindow} from './window.js'

describe('resolveWindow', () => {
  it('defaults to the twelve months before today 00:00 UTC', () => {
    expect(resolveWindow(undefined, undefined, new Date('2026-11-26T04:47:13Z'))).toEqual({since: '2025-11-26T00:00:00.000Z', until: '2026-11-26T00:00:00.000Z'})
  })

  it('takes days or timestamps, and a since of its own', () => {
    expect(resolveWindow('2024-01-01', '2025-01-01')).toEqual({since: '2024-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'})
    expect(resolveWindow(undefined, '2024-03-01T12:00:00+02:00')).toEqual({since: '2023-03-01T10:00:00.000Z', until: '2024-03-01T10:00:00.000Z'})
  })

  it('rejects non-dates and empty windows as usage errors', () => {
    expect(() => resolveWindow('last year', undefined)).toThrow(/--since 'last year' is not a date/)
    expect(() => resolveWindow('2025-01-01', '2024-01-01')).toThrow(/must be before --until/)
  })
})
