import {describe, expect, it} from 'vitest'
import {containment, distinctiveTokens, listedParty} from './names.js'
import {splitAliases} from './read.js'
import type {CslRecord} from './schema.js'

function record(name: string, altNames: string[] = []): CslRecord {
  return {
    id: 'x',
    source: 'Entity List (EL) - Bureau of Industry and Security',
    code: 'EL',
    name,
    altNames,
    programs: [],
    position: 'record 1',
  }
}

describe('listedParty', () => {
  it('drops the ISN successor boilerplate', () => {
    expect(listedParty(record('Example Works; and any successor, sub-unit, or subsidiary thereof')).names).toEqual([
      'Example Works',
    ])
  })

  it('matches an affiliate under its own name only, keeping the parent for review', () => {
    const party = listedParty(record('Example Parent Co., Ltd. (EP). Affiliated Entity: Example Child Labs', ['ECL']))
    expect(party).toEqual({
      name: 'Example Parent Co., Ltd. (EP). Affiliated Entity: Example Child Labs',
      affiliateOf: 'Example Parent Co., Ltd. (EP)',
      names: ['Example Child Labs', 'ECL'],
    })
  })

  it('reads a name with long runs of spaces at once (the affiliate expression was cubic in them)', () => {
    const name = `A${' '.repeat(3000)}.${' '.repeat(3000)}Affiliated Entity:${' '.repeat(3000)}B`
    expect(listedParty(record(name, [])).names).toEqual(['B'])
    expect(listedParty(record(name, [])).affiliateOf).toBe('A')
    expect(listedParty(record(`X${' '.repeat(5000)}y`, [])).affiliateOf).toBeUndefined()
  })

  it("repairs the '?s' apostrophe quirk of some BIS records", () => {
    expect(listedParty(record('Example?s Trading House')).names).toEqual(["Example's Trading House"])
  })
})

describe('splitAliases', () => {
  it("splits on ';', trims, and drops 'and ' from the last alias only", () => {
    expect(splitAliases(['A One; and B Two', 'and C Three; D; and E Five'])).toEqual([
      'A One',
      'and B Two',
      'and C Three',
      'D',
      'E Five',
    ])
    expect(splitAliases([])).toEqual([])
    expect(splitAliases([' ; '])).toEqual([])
  })
})

describe('near-match words', () => {
  it('keeps distinctive words and drops legal forms and generic corporate words', () => {
    expect([...distinctiveTokens('Example Cloud Technology Group Co., Ltd.')]).toEqual(['example', 'cloud'])
    expect([...distinctiveTokens('G-Research')]).toEqual(['g', 'research'])
  })

  it('needs every distinctive word of one name in the other', () => {
    const words = (name: string) => distinctiveTokens(name)
    expect(containment(words('Example Telecom'), words('Example Telecom Holdings Beijing'))).toEqual([
      'example',
      'telecom',
    ])
    expect(containment(words('Example Telecom Beijing'), words('Example Telecom Shanghai'))).toBeUndefined()
    expect(containment(words('Group Holdings'), words('Example Group'))).toBeUndefined()
  })
})
