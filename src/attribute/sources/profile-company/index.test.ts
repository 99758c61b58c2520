import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {CollectedProject, Profile} from '../../../core/model.js'
import {projectEvidence} from '../../attribute-project.js'
import {loadAttributionContext} from '../../context.js'
import {loadEntities} from '../../../entities/load.js'
import type {ProjectEvidence} from '../../types.js'
import {emptyProject} from '../../__fixtures__/project.js'
import {source} from './index.js'
import {readCompany} from './read-company.js'

function evidenceWith(
  profiles: Record<string, Profile>,
  orgAccounts: CollectedProject['orgAccounts'] = {},
): ProjectEvidence {
  return projectEvidence(emptyProject({profiles, orgAccounts}), [], {})
}

describe('profile-company source', async () => {
  const entities = await loadEntities([join(import.meta.dirname, '..', '..', '__fixtures__', 'entities')], {
    shipped: false,
  })
  const context = await loadAttributionContext({entities})
  const orgs = (company: string | null) =>
    source
      .claims({login: 'pat'}, context, evidenceWith({Pat: {login: 'Pat', company}}))
      .map((c) => [c.organization, c.confidence])
  const reason = (company: string) => {
    const reading = readCompany(company, entities)
    return reading.kind === 'none' ? reading.reason : reading.kind
  }

  it('maps one @handle through the GitHub orgs only, and a whole value equal to a name or alias', () => {
    expect(orgs('@example-corp')).toEqual([['Example Corp', 'medium']])
    expect(orgs('Staff engineer @Example-Corp.')).toEqual([['Example Corp', 'medium']])
    expect(orgs('exampleco')).toEqual([['Example Corp', 'medium']])
    expect(orgs('  "Example Corp, Inc."  ')).toEqual([['Example Corp', 'medium']])
    // ExampleCo is an alias, not a GitHub organisation: as a handle it names nothing we know.
    expect(orgs('@exampleco')).toEqual([])
  })

  it('reads any other single name as an organisation as declared: self-declared, named with case, punctuation and legal forms folded', () => {
    const declared = (company: string) =>
      source
        .claims({login: 'pat'}, context, evidenceWith({Pat: {login: 'Pat', company}}))
        .map((c) => [c.organization, c.selfDeclared])
    expect(declared(' "Acme Widgets GmbH", ')).toEqual([['Acme Widgets', true]])
    expect(declared('Example Corp Cloud')).toEqual([['Example Corp Cloud', true]])
    expect(declared('ACME Widgets, Inc.')).toEqual([['ACME Widgets', true]])
    expect(reason('Example Labs')).toBe('declared')
  })

  it('gives nothing for role sentences, bios, situations and contact details', () => {
    for (const [text, why] of [
      ['SRE at Example Corp', 'role'],
      ['Engineer @ Example Corp', 'role'],
      ['I build tools for people who build tools, sometimes', 'several'],
      ['Maker of small tools for people who build bigger tools', 'prose'],
      // Not read at all past 1,000 characters: the cleaning expressions were quadratic in such runs.
      [`A${' '.repeat(100_000)}x${'.'.repeat(100_000)}y`, 'prose'],
      ['Student', 'not-an-organisation'],
      ['home', 'not-an-organisation'],
      ['pat@example.com', 'url'],
      ['@example.com', 'url'],
      ['booking.example', 'url'],
    ] as const) {
      expect([text, orgs(text), reason(text)]).toEqual([text, [], why])
    }
  })

  it('reads one @handle the data does not list from the organisation account it names', () => {
    const accounts = {
      'widget-works': {
        login: 'Widget-Works',
        organization: true,
        name: 'Widget Works',
        blog: 'https://widgets.example',
      },
      'sample-team': {login: 'sample-team', organization: true, name: 'Sample Labs'},
      'verified-co': {login: 'verified-co', organization: true, name: 'VC', blog: 'example.com', isVerified: true},
      'unverified-co': {login: 'unverified-co', organization: true, name: 'UC', blog: 'example.com'},
      someone: {login: 'someone', organization: false},
    }
    const claim = (company: string) =>
      source.claims({login: 'pat'}, context, evidenceWith({Pat: {login: 'Pat', company}}, accounts))
    expect(claim('@widget-works')).toEqual([
      {
        person: 'pat',
        organization: 'Widget Works',
        source: 'profile-company',
        confidence: 'medium',
        citation:
          'GitHub profile of Pat: company "@widget-works"; https://github.com/Widget-Works is a GitHub organisation (named "Widget Works", website https://widgets.example)',
        method: 'login',
        rank: 0,
        selfDeclared: true,
      },
    ])
    // The account's own name is one the data knows: curated. A verified domain the data lists: curated too.
    expect(claim('@sample-team').map((c) => [c.organization, c.selfDeclared])).toEqual([['Sample Labs', undefined]])
    expect(claim('@verified-co').map((c) => [c.organization, c.selfDeclared])).toEqual([['Example Corp', undefined]])
    // Without the badge the website is only what the account says: as declared.
    expect(claim('@unverified-co').map((c) => [c.organization, c.selfDeclared])).toEqual([['UC', true]])
    // A person's login, or an account that was not read: no claim.
    expect([claim('@someone'), claim('@not-read')]).toEqual([[], []])
  })

  it('gives nothing for past, negated or availability wording, even around a known organisation', () => {
    const past = [
      'Formerly @example-corp',
      'former Example Corp',
      'ex-Example Corp',
      'ex @example-corp',
      'Ex ExampleCo',
      'x-ExampleCo',
    ]
    past.push(
      'Previously @sample-labs',
      'prev. @sample-labs',
      'Retired from Example Corp',
      'Example Corp alumni',
      'Example Corp (2018-2021)',
    )
    past.push('Not Example Corp', 'not affiliated', 'no longer @example-corp', '前 ExampleCo', 'ExampleCo 已离职')
    for (const text of past) expect([text, orgs(text), reason(text)]).toEqual([text, [], 'past-or-negated'])
    for (const text of [
      'Open to work',
      'open for opportunities',
      '#OpenToWork',
      'Looking for a job',
      'Seeking new role',
      'available for hire',
    ]) {
      expect([text, orgs(text), reason(text)]).toEqual([text, [], 'availability'])
    }
  })

  it('gives nothing for a URL or for several organisations', () => {
    for (const text of ['https://example.com', 'http://www.example.com/about', 'www.example.com'])
      expect([text, reason(text)]).toEqual([text, 'url'])
    for (const text of [
      '@example-corp @sample-labs',
      '@example-corp, Sample Labs',
      '@example-corp / @sample-labs',
      '@example-corp & friends',
      'Sample Labs @example-corp',
      '@example-corp and @sample-labs',
    ]) {
      expect([text, orgs(text), reason(text)]).toEqual([text, [], 'several'])
    }
    // Plain text that lists several is never a name: nothing, whatever its parts would match.
    expect([
      orgs('Example Corp, Sample Labs'),
      orgs('ExampleCo & Sample Labs'),
      orgs('Example Corp and Sample Labs'),
    ]).toEqual([[], [], []])
    // The same handle twice is one organisation.
    expect(orgs('@example-corp (@Example-Corp)')).toEqual([['Example Corp', 'medium']])
  })

  it('reads "no employer" words as Independent and ignores empty answers, unknown handles and e-mail addresses', () => {
    expect(orgs('Freelance')).toEqual([['Independent', 'medium']])
    expect(orgs('self-employed')).toEqual([['Independent', 'medium']])
    // The words a governance file's company column uses too (../../employer-words.ts).
    expect(orgs('Independent Contributor')).toEqual([['Independent', 'medium']])
    expect(orgs('Individual')).toEqual([['Independent', 'medium']])
    for (const empty of [null, '', ' - ', 'N/A', 'none', 'TBD', '@some-random-org', 'pat@example.com', '@example.com'])
      expect(orgs(empty), String(empty)).toEqual([])
  })

  it('cites the profile field', () => {
    const [claim] = source.claims(
      {noreplyLogin: 'pat'},
      context,
      evidenceWith({Pat: {login: 'Pat', company: '@example-corp'}}),
    )
    expect(claim).toMatchObject({
      person: 'pat',
      source: 'profile-company',
      citation: 'GitHub profile of Pat: company "@example-corp"',
    })
  })
})

describe('profile-company with the shipped organisation data (QA cases)', async () => {
  const entities = await loadEntities()
  const context = await loadAttributionContext({entities})
  const orgs = (company: string) =>
    source.claims({login: 'pat'}, context, evidenceWith({pat: {login: 'pat', company}})).map((c) => c.organization)

  it('attributes none of the over-read values', () => {
    for (const text of [
      'Formerly @redhat',
      '@google @huawei',
      'Open to work',
      'Not Google',
      'ex-Huawei',
      'https://huawei.com',
      'huawei, alibaba',
    ]) {
      expect([text, orgs(text)]).toEqual([text, []])
    }
  })

  it('maps explicit names, aliases and listed GitHub organisations; "Huawei Cloud" is as declared, never Huawei', () => {
    expect(
      ['Huawei', '华为', '@huawei', '@huaweicloud', 'Google', 'Google LLC', '@google', 'redhat'].map(orgs),
    ).toEqual([
      ['Huawei Technologies Co., Ltd.'],
      ['Huawei Technologies Co., Ltd.'],
      ['Huawei Technologies Co., Ltd.'],
      ['Huawei Technologies Co., Ltd.'],
      ['Google LLC'],
      ['Google LLC'],
      ['Google LLC'],
      ['Red Hat Inc.'],
    ])
    // Not an alias in the data, so not Huawei (no fuzzy roll-up): an organisation as declared, which matches no
    // list, country or parent. "@redhat" is not Red Hat's GitHub organisation (its account was not read here).
    expect([orgs('Huawei Cloud'), orgs('Huawei Technologies Cloud'), orgs('@redhat')]).toEqual([
      ['Huawei Cloud'],
      ['Huawei Technologies Cloud'],
      [],
    ])
  })
})
