import {describe, expect, it} from 'vitest'
import {noreplyLogin, utcDay} from './identity.js'

describe('identity helpers', () => {
  it('reads the login of GitHub noreply addresses, with or without the numeric id', () => {
    expect(noreplyLogin('12345+Alice@users.noreply.github.com')).toBe('alice')
    expect(noreplyLogin('alice@users.noreply.github.com')).toBe('alice')
    expect(noreplyLogin('49699333+dependabot[bot]@users.noreply.github.com')).toBe('dependabot[bot]')
    expect(noreplyLogin('alice@example.com')).toBeUndefined()
  })

  it('gives the UTC day of a timestamp with an offset', () => {
    expect(utcDay('2024-03-01T01:30:00+02:00')).toBe('2024-02-29')
    expect(utcDay('2024-12-31T20:00:00-05:00')).toBe('2025-01-01')
    expect(utcDay('not a date')).toBeUndefined()
  })
})
