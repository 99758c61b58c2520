import {describe, expect, it} from 'vitest'
import type {Claim} from '../core/model.js'
import {decide, isStale, isValidOn} from './decide.js'

const claim = (organization: string, extra: Partial<Claim> = {}): Claim => ({
  person: 'p',
  organization,
  source: 'gitdm',
  confidence: 'high',
  citation: `f:${organization}`,
  ...extra,
})
const order = ['override', 'gitdm', 'email-domain', 'governance'] as const

describe('isValidOn', () => {
  it('is from-inclusive and until-exclusive, open where a bound is missing', () => {
    const c = claim('A', {from: '2024-03-01', until: '2024-09-01'})
    expect(['2024-02-29', '2024-03-01', '2024-08-31', '2024-09-01'].map((d) => isValidOn(c, d))).toEqual([
      false,
      true,
      true,
      false,
    ])
    expect(isValidOn(claim('A'), '1999-01-01')).toBe(true)
  })
})

describe('decide', () => {
  it('takes the first source in precedence order that has a claim valid on the day', () => {
    const claims = [
      claim('Domain Co', {source: 'email-domain'}),
      claim('Curated Co', {until: '2024-01-01'}),
      claim('User Co', {source: 'override', from: '2024-06-01'}),
    ]
    expect(decide(claims, '2023-12-31', order).organization).toBe('Curated Co')
    expect(decide(claims, '2024-01-01', order).organization).toBe('Domain Co')
    const june = decide(claims, '2024-06-01', order)
    expect(june).toEqual({organization: 'User Co', claim: claims[2], resolution: 'ok'})
  })

  it('takes the lowest rank within a source and flags disagreement as ambiguous', () => {
    const claims = [
      claim('Later Block', {rank: 200}),
      claim('First Block', {rank: 100}),
      claim('first block', {rank: 150}),
    ]
    expect(decide(claims, '2024-01-01', order)).toEqual({
      organization: 'First Block',
      claim: claims[1],
      resolution: 'ambiguous',
      alternatives: ['Later Block'],
    })
  })

  it('is unknown without a valid claim, and says whether the person was known at all', () => {
    expect(decide([claim('Old', {until: '2020-01-01'})], '2024-01-01', order)).toEqual({
      organization: null,
      resolution: 'unknown',
      known: true,
    })
    expect(decide([], '2024-01-01', order)).toEqual({organization: null, resolution: 'unknown', known: false})
    expect(decide([claim('A')], undefined, order).organization).toBeNull()
  })

  it('ignores sources that are not enabled', () => {
    expect(decide([claim('A', {source: 'profile-company'})], '2024-01-01', order).organization).toBeNull()
  })
})

describe('stale and weak evidence', () => {
  it('ranks a gitdm period with no end that began more than N years before the day below fresher sources', () => {
    const claims = [claim('Old Co', {from: '2019-03-01'}), claim('Domain Co', {source: 'email-domain'})]
    expect(isStale(claims[0], '2024-03-01')).toBe(false)
    expect(isStale(claims[0], '2024-03-02')).toBe(true)
    expect(decide(claims, '2024-03-01', order)).toMatchObject({organization: 'Old Co', ageYears: 5})
    expect(decide(claims, '2024-03-02', order)).toMatchObject({organization: 'Domain Co'})
    expect(decide([claims[0]], '2024-03-02', order)).toMatchObject({organization: 'Old Co', stale: true, ageYears: 5})
    expect(decide(claims, '2024-03-02', order, {staleAfterYears: 6}).organization).toBe('Old Co')
    // Closed periods and other sources are never stale; staleness never reorders gitdm's own blocks.
    expect(isStale(claim('A', {from: '2000-01-01', until: '2030-01-01'}), '2024-01-01')).toBe(false)
    expect(isStale(claim('A', {from: '2000-01-01', source: 'override'}), '2024-01-01')).toBe(false)
    const blocks = [claim('First', {from: '2010-01-01', rank: 1}), claim('Second', {from: '2023-01-01', rank: 2})]
    expect(decide(blocks, '2024-01-01', order)).toMatchObject({
      organization: 'First',
      stale: true,
      resolution: 'ambiguous',
    })
  })

  it('uses weak evidence only when no other source claims the person that day', () => {
    const weak = claim('Member Co', {source: 'governance', weak: true})
    expect(decide([weak, claim('Old Co', {from: '2010-01-01'})], '2024-01-01', order).organization).toBe('Old Co')
    expect(decide([weak, claim('Old Co', {until: '2020-01-01'})], '2024-01-01', order).organization).toBe('Member Co')
  })
})

describe('claims read backwards', () => {
  it('decide only when no source has anything else, even a lower-precedence one', () => {
    const order = ['governance', 'profile-company'] as const
    const backdated = claim('Declared Co', {
      source: 'governance',
      until: '2024-06-01',
      asOf: '2024-06-01',
      backdated: true,
    })
    const dated = claim('Declared Co', {source: 'governance', from: '2024-06-01', asOf: '2024-06-01'})
    const profile = claim('Profile Co', {source: 'profile-company'})
    expect(decide([backdated, dated, profile], '2024-03-01', order).organization).toBe('Profile Co')
    expect(decide([backdated, dated, profile], '2024-07-01', order).organization).toBe('Declared Co')
    expect(decide([backdated, dated], '2024-03-01', order).claim).toEqual(backdated)
    // Below weak evidence too: a membership on the day is evidence of the day.
    const weak = claim('Member Co', {source: 'governance', weak: true})
    expect(decide([backdated, weak], '2024-03-01', order).organization).toBe('Member Co')
  })
})
