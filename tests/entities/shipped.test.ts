import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import type {EntityIndex} from '../../src/entities/entity-index.js'
import {loadEntities, shippedEntitiesDir} from '../../src/entities/load.js'
import {normalizeName} from '../../src/entities/normalize.js'
import {repoRoot, sharedDir} from '../support/cli.js'

let index: EntityIndex
beforeAll(async () => {
  index = await loadEntities()
})

describe('shipped organisation data', () => {
  it('validates and holds one organisation per file, named after its id', () => {
    const files = ['organizations', 'ecosystems']
      .flatMap((dir) => readdirSync(join(shippedEntitiesDir, dir)))
      .filter((file) => file !== 'sources.yaml')
      .sort()
    expect(
      index
        .all()
        .map((org) => `${org.id}.yaml`)
        .sort(),
    ).toEqual(files)
    // 85 organisations of the shared compilation plus the gitdm Baidu name kept apart (organizations/), and 13
    // employers behind widely used npm and PyPI projects added by hand (ecosystems/, SOURCES.md).
    expect(readdirSync(join(shippedEntitiesDir, 'organizations'))).toHaveLength(86)
    expect(index.all()).toHaveLength(99)
  })

  it('adds ecosystem employers by GitHub organisation and company mail domain, never a project domain', () => {
    expect(index.byGithubOrg('facebook')?.id).toBe('meta')
    expect(index.byGithubOrg('vercel')?.id).toBe('vercel')
    expect(index.byDomain('someone@fb.com')?.id).toBe('meta')
    expect(index.byDomain('someone@netflix.com')?.id).toBe('netflix')
    // mozilla.org is the project's domain, used by volunteers: only the company's mozilla.com attributes.
    expect(index.byDomain('someone@mozilla.org')).toBeUndefined()
    expect(index.byDomain('someone@mozilla.com')?.id).toBe('mozilla')
    for (const org of index.all().filter((o) => index.record(o.id)?.file.includes('ecosystems'))) {
      const entry = index.record(org.id)!.entry
      for (const domain of entry.domains) {
        expect(domain.basis, `${org.id} ${domain.domain}`).toBe('commits-observed')
        for (const url of domain.source)
          expect(url, org.id).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/commit\/[0-9a-f]{40}$/)
      }
      for (const gh of entry.github_orgs)
        for (const url of gh.source)
          expect(url, org.id).toMatch(/^https:\/\/github\.com\/X-lab2017\/open-digger\/blob\/[0-9a-f]{40}\//)
    }
  })

  it('records Huawei: country CN and its four list memberships with their dates', () => {
    const huawei = index.byName('Huawei Technologies Co. Ltd')!
    expect(huawei.id).toBe('huawei')
    expect(index.country('huawei')).toBe('CN')
    expect(huawei.lists.map((m) => [m.list, m.since])).toEqual([
      ['us-bis-entity-list', '2019-05-16'],
      ['us-dod-1260h', '2021-06-03'],
      ['us-fcc-covered-list', '2021-03-12'],
      ['us-treasury-ns-cmic', '2021-06-03'],
    ])
    for (const membership of huawei.lists) expect(membership.source).toMatch(/^https:\/\//)
    expect(index.byName('华为')?.id).toBe('huawei')
    expect(index.byDomain('someone@huawei.com')?.id).toBe('huawei')
    expect(index.byGithubOrg('@HuaweiCloud')?.id).toBe('huawei')
  })

  it('rolls Futurewei up to Huawei, and Huawei up to its holding company', () => {
    const futurewei = index.byName('Futurewei Technologies Inc.')!
    expect(futurewei.id).toBe('futurewei')
    expect(futurewei.parent).toBe('huawei')
    expect(index.chain('futurewei').map((org) => org.id)).toEqual(['futurewei', 'huawei', 'huawei-investment-holding'])
    expect(index.root('futurewei')?.id).toBe('huawei-investment-holding')
    expect(index.country('futurewei')).toBe('US')
  })

  it('reports Futurewei only inherited memberships, each naming the listed ancestor', () => {
    expect(index.get('futurewei')!.lists).toEqual([])
    const inherited = index.lists('futurewei', '2024-06-30')
    expect(inherited.map((m) => [m.list, m.since, m.inheritedFrom])).toEqual([
      ['us-bis-entity-list', '2019-05-16', 'huawei'],
      ['us-dod-1260h', '2021-06-03', 'huawei'],
      ['us-dod-1260h', '2021-06-03', 'huawei-investment-holding'],
      ['us-fcc-covered-list', '2021-03-12', 'huawei'],
      ['us-treasury-ns-cmic', '2021-06-03', 'huawei'],
      ['us-treasury-ns-cmic', '2021-06-03', 'huawei-investment-holding'],
    ])
    expect(index.lists('futurewei', '2020-01-01').map((m) => m.list)).toEqual(['us-bis-entity-list'])
  })

  it('follows acquisitions from their completion date only', () => {
    expect(index.root('vmware', '2023-11-21')?.id).toBe('vmware')
    expect(index.root('vmware', '2023-11-22')?.id).toBe('broadcom')
    expect(index.chain('jetstack', '2025-01-01').map((org) => org.id)).toEqual(['jetstack', 'venafi', 'cyberark'])
    expect(index.chain('jetstack', '2026-02-11').map((org) => org.id)).toEqual([
      'jetstack',
      'venafi',
      'cyberark',
      'palo-alto-networks',
    ])
    expect(index.root('red-hat')?.id).toBe('ibm')
  })

  it('keeps the gitdm Baidu name apart from Baidu, Inc. (the link is unverified)', () => {
    const online = index.byName('Baidu Online Network Technology (Beijing) Co. Ltd')!
    expect(online.id).toBe('baidu-online-network-technology')
    expect(online.parent).toBeNull()
    expect(index.country(online.id)).toBeUndefined()
    expect(index.lists(online.id)).toEqual([])
    expect(index.lists('baidu').map((m) => [m.list, m.since])).toEqual([['us-dod-1260h', '2026-06-08']])
  })

  it('does not attribute by website-only domains unless asked', () => {
    expect(index.byDomain('x@cncf.io')).toBeUndefined()
    expect(index.byDomain('x@cncf.io', {includeWebsites: true})?.id).toBe('cncf')
    expect(index.byDomain('x@gmail.com')).toBeUndefined()
  })

  it('describes every cited URL in a sources file', () => {
    const described = new Set(index.sources().map((source) => source.url))
    const cited = new Set<string>()
    const walk = (value: unknown, key: string) => {
      if (Array.isArray(value)) for (const item of value) walk(item, key)
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k)
      else if (
        typeof value === 'string' &&
        /^(source|country_source|incorporated_in_source|checked_against)$/.test(key)
      )
        cited.add(value)
    }
    for (const org of index.all()) walk(index.record(org.id)!.entry, '')
    for (const list of index.listDefinitions()) walk(list, '')
    expect(cited.size).toBeGreaterThan(80)
    expect([...cited].filter((url) => !described.has(url))).toEqual([])
  })

  it('maps every CSL source code to one list', () => {
    const codes = index.listDefinitions().flatMap((list) => (list.csl_code ? [list.csl_code] : []))
    expect(codes.sort()).toEqual([
      'CAP',
      'CMIC',
      'DPL',
      'DTC',
      'EL',
      'FSE',
      'ISN',
      'MBS',
      'MEU',
      'PLC',
      'SDN',
      'SSI',
      'UVL',
    ])
  })
})

/** The parts of ../shared/affiliation/EXPECTED.json and ../shared/entities/organizations.yaml read here. */
interface Expected {
  projects: Record<
    string,
    {commits_per_org: Record<string, number>; maintainers: Record<string, {per_org?: Record<string, number>}>}
  >
}
interface SharedOrganization {
  id: string
  name: string
  kind: string
  parent: {id: string | null} | null
  country: string | null
  lists: Array<{list: string; since: string}>
  domains: Array<{domain: string}>
  github_orgs: Array<{login: string}>
  native_names: Array<{name: string}>
}

const haveShared = existsSync(join(sharedDir, 'entities', 'organizations.yaml'))
if (!haveShared) console.warn(`SKIPPED: ${sharedDir} is absent; shared-data comparisons of the entity data do not run`)

describe.skipIf(!haveShared)('shipped data against the shared reference data', () => {
  it('resolves every organisation of affiliation/EXPECTED.json (>= 5 commits, or maintainer) to exactly one entity', () => {
    const expected: Expected = JSON.parse(readFileSync(join(sharedDir, 'affiliation', 'EXPECTED.json'), 'utf8'))
    const names = new Set<string>()
    for (const project of Object.values(expected.projects)) {
      for (const [name, commits] of Object.entries(project.commits_per_org)) if (commits >= 5) names.add(name)
      for (const group of Object.values(project.maintainers))
        for (const name of Object.keys(group.per_org ?? {})) names.add(name)
    }
    names.delete('Independent')
    expect(names.size).toBe(68)
    for (const name of names) {
      const key = normalizeName(name)
      const owners = index
        .all()
        .filter((org) => [org.name, ...org.aliases].some((alias) => normalizeName(alias) === key))
      expect(
        owners.map((org) => org.id),
        name,
      ).toHaveLength(1)
      expect(index.byName(name)?.id, name).toBe(owners[0]!.id)
    }
  })

  it('keeps the facts of the shared compilation', () => {
    const shared: {organizations: SharedOrganization[]} = parse(
      readFileSync(join(sharedDir, 'entities', 'organizations.yaml'), 'utf8'),
    )
    const droppedCountries = ['alphabet', 'isovalent']
    for (const org of shared.organizations) {
      const ours = index.get(org.id)!
      expect(ours.name, org.id).toBe(org.name)
      expect(ours.kind, org.id).toBe(org.kind)
      expect(ours.parent ?? null, org.id).toBe(org.parent?.id ?? null)
      expect(ours.country ?? null, org.id).toBe(droppedCountries.includes(org.id) ? null : org.country)
      expect(ours.lists.map((m) => [m.list, m.since]).sort(), org.id).toEqual(
        org.lists.map((m) => [m.list, m.since]).sort(),
      )
      expect([...ours.domains, ...(ours.websites ?? [])].sort(), org.id).toEqual(
        org.domains.map((d) => d.domain).sort(),
      )
      expect(ours.githubOrgs, org.id).toEqual(org.github_orgs.map((g) => g.login))
      for (const native of org.native_names) expect(ours.aliases, org.id).toContain(native.name)
    }
  })

  it('is exactly what scripts/convert-shared-entities.ts generates', () => {
    const out = mkdtempSync(join(tmpdir(), 'stewards-entities-'))
    try {
      const run = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(repoRoot, 'scripts', 'convert-shared-entities.ts'),
          join(sharedDir, 'entities', 'organizations.yaml'),
          out,
        ],
        {encoding: 'utf8'},
      )
      expect(run.stderr).toBe('')
      const generated = [
        'lists.yaml',
        'sources.yaml',
        ...readdirSync(join(out, 'organizations')).map((f) => join('organizations', f)),
      ]
      expect(readdirSync(join(shippedEntitiesDir, 'organizations')).sort()).toEqual(
        readdirSync(join(out, 'organizations')).sort(),
      )
      for (const file of generated) {
        expect(readFileSync(join(shippedEntitiesDir, file), 'utf8'), file).toBe(readFileSync(join(out, file), 'utf8'))
      }
    } finally {
      rmSync(out, {recursive: true, force: true})
    }
  })
})
