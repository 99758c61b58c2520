import {describe, expect, it} from 'vitest'
import {
  boundedQualifiers,
  boundedValue,
  cutQualifiers,
  isCutValue,
  MAX_QUALIFIER_LENGTH,
  purlString,
} from './purl-string.js'

const long = `https://registry.example.com/${'x'.repeat(5_000)}`

describe('purl qualifiers at most MAX_QUALIFIER_LENGTH characters', () => {
  it('returns the same object when every value fits, a copy with the long ones cut otherwise', () => {
    const short = {repository_url: 'https://registry.example.com/npm/'}
    expect(boundedQualifiers(short)).toBe(short)
    expect(boundedQualifiers(undefined)).toBeUndefined()
    const given = {repository_url: long, platform: 'linux'}
    const bounded = boundedQualifiers(given)
    expect(bounded).not.toBe(given)
    expect(given.repository_url).toBe(long)
    expect(bounded).toEqual({repository_url: `${long.slice(0, MAX_QUALIFIER_LENGTH)}…`, platform: 'linux'})
  })

  it('cuts once: a cut value is not cut again (a purl rebuilt after redaction keeps its bytes)', () => {
    const once = boundedValue(long)
    expect(once).toHaveLength(MAX_QUALIFIER_LENGTH + 1)
    expect(boundedValue(once)).toBe(once)
    expect(boundedValue('x'.repeat(MAX_QUALIFIER_LENGTH))).toHaveLength(MAX_QUALIFIER_LENGTH)
    expect(isCutValue(once)).toBe(true)
    expect(isCutValue('https://example.com/…')).toBe(false)
    expect(isCutValue(undefined)).toBe(false)
  })

  it('finds the cut qualifiers of a purl again, and none in an ordinary one', () => {
    const purl = purlString('gem', undefined, 'rails', '7.1.0', {repository_url: long, platform: 'ruby'}, undefined)
    expect(purl.length).toBeLessThan(MAX_QUALIFIER_LENGTH * 2)
    expect(cutQualifiers(purl)).toEqual(['repository_url'])
    const ordinary = purlString(
      'gem',
      undefined,
      'rails',
      '7.1.0',
      {repository_url: 'https://g.example.com/…'},
      undefined,
    )
    expect(ordinary).toBe('pkg:gem/rails@7.1.0?repository_url=https%3A%2F%2Fg.example.com%2F%E2%80%A6')
    expect(cutQualifiers(ordinary)).toEqual([])
    // A long purl without a cut value (a long name) holds none.
    expect(cutQualifiers(purlString('npm', undefined, 'n'.repeat(3_000), '1.0.0', undefined, undefined))).toEqual([])
  })
})
