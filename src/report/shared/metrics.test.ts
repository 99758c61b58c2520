import {describe, expect, it} from 'vitest'
import type {ProjectReport} from '../../core/model.js'
import {headline, knownShare, leader} from './metrics.js'

function lead(metrics: ProjectReport['metrics']) {
  return leader(headline({metrics} as ProjectReport))
}

describe('leader', () => {
  it('is Independent, with the top company beside it, when Independent holds the most commits', () => {
    expect(
      lead({top_company: 'Meridian', top_company_share: 0.0172, top_org: 'Independent', top_org_share: 0.9828}),
    ).toEqual({
      name: 'Independent',
      share: 0.9828,
      company: {name: 'Meridian', share: 0.0172},
    })
    expect(lead({top_company: null, top_company_share: null, top_org: 'Independent', top_org_share: 1})).toEqual({
      name: 'Independent',
      share: 1,
    })
  })

  it('is the top company when a company leads, or when the report has no top_org', () => {
    expect(lead({top_company: 'Acme', top_company_share: 0.9, top_org: 'Acme', top_org_share: 0.9})).toEqual({
      name: 'Acme',
      share: 0.9,
    })
    expect(lead({top_company: 'Acme', top_company_share: 0.4})).toEqual({name: 'Acme', share: 0.4})
  })

  it('is null when no organisation is known', () => {
    expect(lead({top_company: null, top_org: null})).toBeNull()
    expect(lead({})).toBeNull()
  })
})

describe('knownShare', () => {
  it('is the share of human commits with a known organisation: 1 - unknown_share, null when that is unknown', () => {
    const known = (metrics: ProjectReport['metrics']) => knownShare(headline({metrics} as ProjectReport))
    expect(known({unknown_share: 0.8889})).toBeCloseTo(0.1111, 10)
    expect(known({unknown_share: 0})).toBe(1)
    expect(known({unknown_share: 1})).toBe(0)
    expect(known({unknown_share: null})).toBeNull()
    expect(known({})).toBeNull()
  })
})
