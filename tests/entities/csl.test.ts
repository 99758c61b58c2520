import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {CSL_DOWNLOAD, matchCsl} from '../../src/entities/csl/match.js'
import {readCsl} from '../../src/entities/csl/read.js'
import {renderImportYaml} from '../../src/entities/csl/render.js'
import type {EntityIndex} from '../../src/entities/entity-index.js'
import {loadEntities} from '../../src/entities/load.js'
import {runCli, sharedDir} from '../support/cli.js'

const fixtures = join(import.meta.dirname, '__fixtures__')
const entitiesDir = join(fixtures, 'entities')
const fictionalCsv = join(fixtures, 'csl-fictional.csv')
const sampleCsv = join(sharedDir, 'entities', 'csl-sample.csv')
const sampleJson = join(sharedDir, 'entities', 'csl-sample.json')
const scratch = mkdtempSync(join(tmpdir(), 'stewards-csl-'))
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

let index: EntityIndex
beforeAll(async () => {
  index = await loadEntities([entitiesDir])
})

const jsonSource = CSL_DOWNLOAD.json

describe('CSL import of our fictional CSV', () => {
  it('reads the all-quoted CSV by header name', async () => {
    const csl = await readCsl(fictionalCsv)
    expect(csl.format).toBe('csv')
    expect(csl.records.map((r) => [r.id, r.code, r.type ?? null])).toEqual([
      ['f1c0ffee01', 'EL', null],
      ['f1c0ffee02', 'ISN', null],
      ['99100001', 'SDN', 'Individual'],
      ['f1c0ffee03', 'XYZ', null],
      ['f1c0ffee05', 'MEU', null],
    ])
    expect(csl.records[0]!.altNames).toEqual(['NER', 'Northwind Robotics', 'Northwind Robotics (Example)'])
    expect(csl.problems).toEqual([`${fictionalCsv}: record 5: record without a name`])
  })

  it('proposes exact matches only, reports near-matches, skips individuals and unknown lists', async () => {
    const result = matchCsl(await readCsl(fictionalCsv), index)
    expect(result.add).toEqual([
      {
        organization: 'contoso-materials',
        list: 'us-state-nonproliferation',
        since: '2099-01-02',
        listed_name: 'Contoso Example Materials',
        federal_register: 'Vol. 99, No. 1, 01/02/2099',
        csl_id: 'f1c0ffee02',
        source: CSL_DOWNLOAD.csv,
        matched: {csl_name: 'Contoso Example Materials', alias: 'Contoso Example Materials'},
      },
      {
        organization: 'northwind-robotics',
        list: 'us-bis-entity-list',
        since: '2099-08-01',
        listed_name: 'Northwind Example Robotics Co., Ltd.',
        federal_register: '99 FR 20001; 99 FR 20002',
        csl_id: 'f1c0ffee01',
        source: CSL_DOWNLOAD.csv,
        matched: {csl_name: 'Northwind Robotics (Example)', alias: 'Northwind Robotics (Example)'},
      },
    ])
    expect(
      result.nearMatches.map((n) => [n.organization, n.list, n.csl_id, n.csl_name, n.alias, n.shared_words]),
    ).toEqual([
      [
        'northwind-robotics',
        'us-bis-military-end-user',
        'f1c0ffee05',
        'Northwind Example Robotics Research Institute',
        'Northwind Robotics (Example)',
        ['example', 'northwind', 'robotics'],
      ],
    ])
    expect(result.alreadyRecorded).toEqual([])
    expect(result.skipped).toEqual({individual: 1, 'unknown-list': 1})
    expect(result.unknownLists).toEqual({'Example Future List (XYZ) - Example Agency': 1})
    expect(result.records).toBe(6)
  })

  it('reads the same records from TSV', async () => {
    const tsv = join(scratch, 'fictional.tsv')
    const lines = readFileSync(fictionalCsv, 'utf8').trimEnd().split('\n')
    writeFileSync(
      tsv,
      `${lines.map((line) => line.replaceAll('","', '"\t"').replace(/,(?=[a-z_])/g, '\t')).join('\n')}\n`,
    )
    const result = matchCsl(await readCsl(tsv), index)
    expect(result.format).toBe('tsv')
    expect(result.add.map((m) => [m.organization, m.csl_id])).toEqual([
      ['contoso-materials', 'f1c0ffee02'],
      ['northwind-robotics', 'f1c0ffee01'],
    ])
  })
})

const haveShared = existsSync(sampleJson) && existsSync(sampleCsv)
if (!haveShared) console.warn(`SKIPPED: ${sharedDir} is absent; CSL sample imports do not run`)

describe.skipIf(!haveShared)('CSL import of the shared samples', () => {
  it('reads the real CSV sample: ids, lists, cleaned names and aliases', async () => {
    const csl = await readCsl(sampleCsv)
    expect(csl.problems).toEqual([])
    expect(csl.records.map((r) => [r.id.slice(0, 8), r.code, r.type ?? null, r.startDate ?? null])).toEqual([
      ['233a4d72', 'ISN', null, '2023-07-19'],
      ['1b5979e8', 'UVL', null, null],
      ['66f6ab3f', 'MEU', null, '2020-12-23'],
      ['18300', 'SSI', 'Entity', null],
      ['28603', 'SSI', 'Entity', null],
      ['99ed1b05', 'EL', null, '2018-08-01'],
      ['18283', 'SSI', 'Entity', null],
    ])
    const cetc = csl.records[5]!
    expect(cetc.federalRegister).toBe('83 FR 37423; 87 FR 77505')
    expect(cetc.altNames).toEqual([
      'Hebei Semiconductor Research Institute',
      'HSRI',
      'Hebei Institute of Semiconductors',
      'Hebei Semiconductor Institute',
      'Hebei Semiconductor',
      'CETC Research Institute 13',
    ])
    expect(csl.records[3]!.programs).toEqual(['UKRAINE-EO13662'])
    expect(csl.records[4]!.programs).toEqual(['VENEZUELA-EO13850', 'UKRAINE-EO13662'])
  })

  it('finds no match and no near-match for the real CSV records in the shipped data', async () => {
    const result = matchCsl(await readCsl(sampleCsv), index)
    expect([
      result.records,
      result.add,
      result.alreadyRecorded,
      result.nearMatches,
      result.skipped,
      result.problems,
    ]).toEqual([7, [], [], [], {}, []])
  })

  it('matches the constructed JSON records exactly, or reports them as near-matches', async () => {
    const result = matchCsl(await readCsl(sampleJson), index)
    expect(result.records).toBe(13)
    expect(result.skipped).toEqual({individual: 1, vessel: 1})
    expect(result.add).toEqual([
      {
        organization: 'example-semi-research',
        list: 'us-bis-entity-list',
        since: '2099-01-15',
        listed_name: 'Fictitious Example Semiconductor Co., Ltd. Affiliated Entity: Example Semi Research Institute',
        federal_register: '99 FR 10001',
        csl_id: 'd82c313cbb6c20954d50bffd59fd29f2a5c383ced3e457bd5acedd64',
        source: jsonSource,
        matched: {csl_name: 'Example Semi Research Institute', alias: 'Example Semi Research Institute'},
      },
      {
        organization: 'example-shipping',
        list: 'us-treasury-sdn',
        since: null,
        listed_name: 'EXAMPLE SHIPPING SERVICES FZE',
        csl_id: '99000002',
        source: jsonSource,
        matched: {csl_name: 'EXAMPLE SHIPPING', alias: 'Example Shipping'},
      },
      {
        organization: 'fictitious-semiconductor',
        list: 'us-bis-entity-list',
        since: '2099-01-15',
        listed_name: 'Fictitious Example Semiconductor Co., Ltd.',
        federal_register: '99 FR 10001',
        csl_id: '1ea98ae4587feb526ac8daa8979139aae756580fb69fcd92f85a1a20',
        source: jsonSource,
        matched: {
          csl_name: 'Fictitious Example Semiconductor Co., Ltd.',
          alias: 'Fictitious Example Semiconductor Co. Ltd',
        },
      },
      {
        organization: 'illustrative-export-brokers',
        list: 'us-bis-denied-persons',
        since: '2099-01-01',
        until: '2109-01-01',
        listed_name: 'Illustrative Export Brokers LLC',
        federal_register: '99 F.R. 10006 01/01/2099',
        csl_id: '7c6d56e88be1a8c9a1cd9dea907e40266f109e409ce2c2fb4ca5b8bb',
        source: jsonSource,
        matched: {csl_name: 'Illustrative Export Brokers LLC', alias: 'Illustrative Export Brokers'},
      },
      {
        organization: 'sample-quoted-optics',
        list: 'us-bis-entity-list',
        since: '2099-02-01',
        listed_name: 'Sample "Quoted" Optics, Inc.',
        federal_register: '99 FR 10002',
        csl_id: '2fa9e51ca0bb375699d399c87d6dadc2b1dbdacdba1d89b16a779312',
        source: jsonSource,
        matched: {csl_name: 'Sample "Quoted" Optics, Inc.', alias: 'Sample "Quoted" Optics'},
      },
    ])
    expect(result.alreadyRecorded.map((r) => [r.organization, r.list, r.csl_id, r.since, r.recorded_since])).toEqual([
      ['fictitious-telecom', 'us-treasury-ns-cmic', '99000001', null, '2099-01-01'],
    ])
    expect(
      result.nearMatches.map((n) => [
        n.organization,
        n.list,
        n.csl_id.slice(0, 8),
        n.alias,
        n.shared_words,
        n.affiliate_of ?? null,
      ]),
    ).toEqual([
      ['demo-trading', 'us-bis-unverified', 'f467f1fe', 'Demo Trading Group', ['demo', 'trading'], null],
      [
        'fictitious-semiconductor',
        'us-bis-entity-list',
        'd82c313c',
        'Fictitious Example Semiconductor Co. Ltd',
        ['example', 'fictitious', 'semiconductor'],
        'Fictitious Example Semiconductor Co., Ltd',
      ],
      [
        'fictitious-telecom-cloud',
        'us-treasury-ns-cmic',
        '99000001',
        'Fictitious Telecom Cloud',
        ['fictitious', 'telecom'],
        null,
      ],
      [
        'placeholder-cloud-computing',
        'us-bis-entity-list',
        'a8a265df',
        'Placeholder Cloud Computing Ltd',
        ['cloud', 'computing', 'placeholder'],
        null,
      ],
      ['telecom', 'us-treasury-ns-cmic', '99000001', 'Telecom', ['telecom'], null],
    ])
  })

  it('never applies a near-match: the reviewed file adds the exact matches only', async () => {
    const result = matchCsl(await readCsl(sampleJson), index)
    const reviewed = join(scratch, 'reviewed')
    mkdirSync(reviewed, {recursive: true})
    writeFileSync(join(reviewed, 'csl.yaml'), renderImportYaml(result))
    const applied = await loadEntities([entitiesDir, reviewed])
    expect(applied.get('fictitious-semiconductor')!.lists.map((m) => [m.list, m.since, m.listedName])).toEqual([
      ['us-bis-entity-list', '2099-01-15', 'Fictitious Example Semiconductor Co., Ltd.'],
    ])
    expect(applied.get('illustrative-export-brokers')!.lists.map((m) => [m.list, m.since, m.until])).toEqual([
      ['us-bis-denied-persons', '2099-01-01', '2109-01-01'],
    ])
    expect(applied.get('placeholder-cloud-computing')!.lists).toEqual([])
    expect(applied.get('demo-trading')!.lists.map((m) => m.list)).toEqual(['example-watch-list'])
    expect(applied.get('telecom')!.lists).toEqual([])
  })

  it('keeps individuals out of every output', async () => {
    const result = matchCsl(await readCsl(sampleJson), index)
    const outputs = renderImportYaml(result) + JSON.stringify(result)
    for (const name of ['Fictional Person', 'EXEMPLAR', 'EXAMPLE, F.', 'FICTIONAL STAR'])
      expect(outputs).not.toContain(name)
  })
})

describe('stewards entities commands', () => {
  it('import-csl prints the reviewable YAML; --output writes it and --json prints the full result', async () => {
    const csl = await readCsl(fictionalCsv)
    const printed = await runCli(['entities', 'import-csl', fictionalCsv, '--entities', entitiesDir])
    expect(printed.code).toBe(2)
    expect(printed.stderr).toContain(`warning: ${fictionalCsv}: record 5: record without a name`)
    expect(printed.stdout).toBe(renderImportYaml(matchCsl(csl, index)))
    expect(printed.stdout).toContain('memberships:\n  # exact: CSL name "Contoso Example Materials"')
    expect(printed.stdout).toContain('#   - organization: northwind-robotics\n#     list: us-bis-military-end-user')

    const output = join(scratch, 'out.yaml')
    const source = 'https://example.com/csl-copy.csv'
    const both = await runCli([
      'entities',
      'import-csl',
      fictionalCsv,
      '--entities',
      entitiesDir,
      '--output',
      output,
      '--json',
      '--source-url',
      source,
    ])
    expect(both.code).toBe(2)
    const expected = matchCsl(csl, index, {source})
    expect(JSON.parse(both.stdout)).toEqual(expected)
    expect(readFileSync(output, 'utf8')).toBe(renderImportYaml(expected))
  })

  it('import-csl normalises CSL dates and writes an unreadable one as since: null with a note; the file loads with --entities', async () => {
    const dated = join(scratch, 'dated.csv')
    const text = readFileSync(fictionalCsv, 'utf8')
      .replace('"2099-08-01"', '"not-a-date"')
      .replace('"2099-01-02"', '"1/2/2099"')
      .replace('"2099-09-09"', '"2099-09-09T00:00:00Z"')
    writeFileSync(dated, text)
    const reviewed = join(scratch, 'dated-review')
    mkdirSync(reviewed, {recursive: true})
    const output = join(reviewed, 'csl.yaml')
    const run = await runCli(['entities', 'import-csl', dated, '--entities', entitiesDir, '--output', output])
    expect(run.code).toBe(2)
    const warning = `${dated}: record 1: CSL start_date "not-a-date" is not a date; proposed without it, for review`
    expect(run.stderr).toContain(`warning: ${warning}`)
    const yaml = readFileSync(output, 'utf8')
    expect(yaml).toContain(`#   ${warning}\n`)
    expect(yaml).toContain('    since: 2099-01-02\n')
    expect(yaml).toContain('#     since: 2099-09-09\n')
    expect(yaml).not.toContain('not-a-date\n')

    const shown = await runCli([
      'entities',
      'show',
      'northwind-robotics',
      '--entities',
      entitiesDir,
      '--entities',
      reviewed,
      '--json',
    ])
    expect(shown.code).toBe(0)
    expect(JSON.parse(shown.stdout).lists).toEqual([
      {
        list: 'us-bis-entity-list',
        since: null,
        listed_name: 'Northwind Example Robotics Co., Ltd.',
        federal_register: '99 FR 20001; 99 FR 20002',
        csl_id: 'f1c0ffee01',
        note: 'CSL start_date "not-a-date" is not a date: left out of this entry; check the listing\'s dates before accepting it',
        source: [CSL_DOWNLOAD.csv],
      },
    ])
    const contoso = await runCli([
      'entities',
      'show',
      'contoso-materials',
      '--entities',
      entitiesDir,
      '--entities',
      reviewed,
      '--json',
    ])
    expect(
      JSON.parse(contoso.stdout).lists.map((m: {list: string; since: string | null}) => [m.list, m.since]),
    ).toEqual([['us-state-nonproliferation', '2099-01-02']])
  })

  it('import-csl rejects broken entity data with exit 3, naming file and line', async () => {
    const broken = join(scratch, 'broken')
    mkdirSync(broken, {recursive: true})
    writeFileSync(
      join(broken, 'org.yaml'),
      'organizations:\n  - id: broken-org\n    name: Broken\n    kind: enterprise\n',
    )
    const run = await runCli(['entities', 'import-csl', fictionalCsv, '--entities', broken])
    expect(run.code).toBe(3)
    // oclif wraps error text at 80 columns: undo the wrapping before looking for the file:line.
    expect(run.stderr.replace(/\s*\n ›\s+/g, ' ')).toContain(
      `${join(broken, 'org.yaml')}:4: organizations[0].kind: Invalid option`,
    )
  })

  it('rejects a CSL file that cannot be read', async () => {
    await expect(readCsl(join(scratch, 'nope.csv'))).rejects.toMatchObject({code: 'file-unreadable', exitCode: 3})
    const notCsl = join(scratch, 'not-csl.csv')
    writeFileSync(notCsl, 'a,b\n1,2\n')
    await expect(readCsl(notCsl)).rejects.toThrow("no 'source' and 'name' columns")
    const badJson = join(scratch, 'bad.json')
    writeFileSync(badJson, '{"results": 3}')
    await expect(readCsl(badJson)).rejects.toThrow("expected an object with a 'results' array")
  })

  it('list shows one line per organisation; show resolves a domain to its organisation', async () => {
    const list = await runCli(['entities', 'list', '--entities', entitiesDir])
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(
      /^huawei +CN +huawei-investment-holding +us-bis-entity-list,us-dod-1260h,us-fcc-covered-list,us-treasury-ns-cmic +Huawei Technologies Co\., Ltd\.$/m,
    )
    expect(list.stdout).toMatch(
      /^fictitious-telecom-cloud +SG +fictitious-telecom +example-watch-list +Fictitious Telecom Cloud$/m,
    )
    const show = await runCli([
      'entities',
      'show',
      'someone@cloud.fictitious-telecom.example.com',
      '--entities',
      entitiesDir,
      '--json',
    ])
    expect(show.code).toBe(0)
    const shown = JSON.parse(show.stdout)
    expect([shown.id, shown.parent_chain, shown.memberships_with_inherited.map((m: {list: string}) => m.list)]).toEqual(
      [
        'fictitious-telecom-cloud',
        ['fictitious-telecom-cloud', 'fictitious-telecom'],
        ['example-watch-list', 'us-treasury-ns-cmic'],
      ],
    )
  })

  it('show is a usage error for an unknown organisation', async () => {
    const unknown = await runCli(['entities', 'show', 'No Such Company'])
    expect(unknown.code).toBe(3)
    expect(unknown.stderr).toContain("no organisation matches 'No Such Company'")
  })
})
