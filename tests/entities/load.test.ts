import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {EntityIndex} from '../../src/entities/entity-index.js'
import {EntitiesError, loadEntities} from '../../src/entities/load.js'
import {ExitCode} from '../../src/core/errors.js'
import {shippedPath} from '../../src/core/package-root.js'
import {answeredFromTable, PREPARSED_FILE} from '../../src/core/yaml-preparsed.js'
import {yamlAliasBomb} from '../support/yaml-bomb.js'
import {makeFifo} from '../support/fifo.js'

const fixtures = join(import.meta.dirname, '__fixtures__', 'entities')
const scratch = mkdtempSync(join(tmpdir(), 'stewards-entities-load-'))
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

let index: EntityIndex
beforeAll(async () => {
  index = await loadEntities([fixtures])
})

describe('the shipped entity data', () => {
  // npm test builds first; only outside CI may dist/ be missing.
  it.runIf(existsSync(shippedPath(...PREPARSED_FILE)) || Boolean(process.env.CI))(
    "is read from the build's pre-parsed table, not parsed again",
    async () => {
      const before = answeredFromTable()
      await loadEntities([], {})
      const files = readdirSync(shippedPath('rules', 'entities'), {recursive: true, encoding: 'utf8'})
      expect(answeredFromTable() - before).toBe(files.filter((name) => /\.ya?ml$/.test(name)).length)
    },
  )
})

describe('entity index over shipped data plus a user directory', () => {
  it('matches names and aliases exactly after normalisation, in any script', () => {
    expect(index.byName('FICTITIOUS TELECOM HOLDINGS COMPANY LIMITED')?.id).toBe('fictitious-telecom')
    expect(index.byName('fictitious telecom holdings')?.id).toBe('fictitious-telecom')
    expect(index.byName('虚构电信')?.id).toBe('fictitious-telecom')
    expect(index.byName('Fictitious Telecom')).toBeUndefined()
    expect(index.byName('Fictitious Telecom Holdings Group')).toBeUndefined()
  })

  it('falls back to GitHub organisations for an @handle, and reports what matched', () => {
    expect(index.byName('@Fictitious-Telecom-Example')?.id).toBe('fictitious-telecom')
    expect(index.byName('Fictitious-Telecom-Example')).toBeUndefined()
    const match = index.matchName('Sample Optics')!
    expect([match.organization.id, match.alias, match.sources]).toEqual([
      'sample-quoted-optics',
      'Sample Optics',
      ['https://optics.example.com/about'],
    ])
  })

  it('matches e-mail domains and their sub-domains, the most specific listed domain first', () => {
    expect(index.byDomain('a@fictitious-telecom.example.com')?.id).toBe('fictitious-telecom')
    expect(index.byDomain('a@mail.fictitious-telecom.example.com')?.id).toBe('fictitious-telecom')
    expect(index.byDomain('a@cloud.fictitious-telecom.example.com')?.id).toBe('fictitious-telecom-cloud')
    expect(index.byDomain('a@x.cloud.fictitious-telecom.example.com')?.id).toBe('fictitious-telecom-cloud')
    expect(index.byDomain('a@example.com')).toBeUndefined()
    expect(index.byDomain('a@fictitious-telecom.example.com.evil.example')).toBeUndefined()
    const match = index.matchDomain('A@Cloud.Fictitious-Telecom.Example.com')!
    expect([match.domain, match.basis, match.sources]).toEqual([
      'cloud.fictitious-telecom.example.com',
      'gitdm-observed',
      ['https://telecom.example.com/domains'],
    ])
    expect(match.file).toBe(join(fixtures, 'organizations.yaml'))
  })

  it('uses website-only domains only when asked', () => {
    expect(index.byDomain('a@fesc.example.com')).toBeUndefined()
    expect(index.byDomain('a@fesc.example.com', {includeWebsites: true})?.id).toBe('fictitious-semiconductor')
    expect(index.get('fictitious-semiconductor')?.websites).toEqual(['fesc.example.com'])
    expect(index.get('fictitious-semiconductor')?.domains).toEqual([])
  })

  it('rolls up through a parent link from its (partial) since date', () => {
    expect(index.root('fictitious-telecom-cloud', '2099-05-31')?.id).toBe('fictitious-telecom-cloud')
    expect(index.root('fictitious-telecom-cloud', '2099-06-01')?.id).toBe('fictitious-telecom')
    expect(index.root('fictitious-telecom-cloud')?.id).toBe('fictitious-telecom')
    expect(index.get('fictitious-telecom-cloud')).toMatchObject({
      parent: 'fictitious-telecom',
      parentRelation: 'acquired',
      parentSince: '2099-06',
    })
  })

  it('dates memberships (from inclusive, until exclusive) and marks inherited ones', () => {
    const at = (day?: string) =>
      index.lists('fictitious-telecom-cloud', day).map((m) => [m.list, m.inheritedFrom ?? 'own'])
    expect(at('2099-02-28')).toEqual([])
    expect(at('2099-03-01')).toEqual([['example-watch-list', 'own']])
    expect(at('2099-06-15')).toEqual([
      ['example-watch-list', 'own'],
      ['us-treasury-ns-cmic', 'fictitious-telecom'],
    ])
    expect(at('2099-09-01')).toEqual([['us-treasury-ns-cmic', 'fictitious-telecom']])
    expect(at()).toEqual([
      ['example-watch-list', 'own'],
      ['us-treasury-ns-cmic', 'fictitious-telecom'],
    ])
    expect(() => index.lists('fictitious-telecom-cloud', 'June 2099')).toThrow(TypeError)
  })

  it('merges memberships given in another file into the organisation', () => {
    expect(index.get('demo-trading')?.lists).toEqual([
      {
        list: 'example-watch-list',
        since: '2099',
        source: 'https://watch.example.net/2099',
        citations: ['https://watch.example.net/2099'],
        listedName: 'Demo Trading Group',
      },
    ])
    expect(index.lists('demo-trading', '2098-12-31')).toEqual([])
    expect(index.lists('demo-trading', '2099-01-01')).toHaveLength(1)
  })

  it('gives countries of the organisation itself and lists everything sorted', () => {
    expect(index.country('fictitious-telecom-cloud')).toBe('SG')
    expect(index.country('demo-trading')).toBeUndefined()
    expect(index.country('no-such-id')).toBeUndefined()
    const ids = index.all().map((org) => org.id)
    expect(ids).toEqual([...ids].sort())
    expect(ids).toContain('huawei')
    expect(index.listDefinition('example-watch-list')?.authority).toBe('Example Compliance Office')
  })

  it('loads a user directory alone with shipped: false', async () => {
    const dir = write('alone', {
      'orgs.yaml': 'organizations:\n  - id: lone-example\n    name: Lone Example Ltd\n    kind: company\n',
    })
    const alone = await loadEntities([dir], {shipped: false})
    expect(alone.all().map((org) => org.id)).toEqual(['lone-example'])
    expect(alone.byName('lone example')?.id).toBe('lone-example')
  })
})

/** Writes files under a fresh scratch directory and returns it. */
function write(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name)
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), {recursive: true})
    writeFileSync(join(dir, file), text)
  }
  return dir
}

async function problemsOf(dir: string, shipped = false): Promise<Array<{file: string; line: number; message: string}>> {
  try {
    await loadEntities([dir], {shipped})
  } catch (error) {
    expect(error).toBeInstanceOf(EntitiesError)
    expect((error as EntitiesError).exitCode).toBe(ExitCode.usage)
    return (error as EntitiesError).problems
  }
  throw new Error('expected the entity data to be rejected')
}

const ORG = 'organizations:\n  - id: example-org\n    name: Example Org\n    kind: company\n'

describe('broken entity files are rejected with file, line and reason', () => {
  it('an unknown key', async () => {
    const dir = write('unknown-key', {'org.yaml': `${ORG}    homepage: https://example.com\n`})
    expect(await problemsOf(dir)).toEqual([
      {file: join(dir, 'org.yaml'), line: 5, message: "organizations[0]: unknown key 'homepage'"},
    ])
  })

  it('an unknown key in a nested entry', async () => {
    const dir = write('nested-key', {
      'org.yaml': `${ORG}    aliases:\n      - name: Example\n        url: https://example.com\n`,
    })
    expect((await problemsOf(dir)).map((p) => [p.line, p.message])).toEqual([
      [6, "organizations[0].aliases[0]: missing required key 'source'"],
      [7, "organizations[0].aliases[0]: unknown key 'url'"],
    ])
  })

  it('a wrong type', async () => {
    const dir = write('wrong-type', {'org.yaml': `${ORG}    aliases: Example\n`})
    const [problem] = await problemsOf(dir)
    expect(problem).toMatchObject({file: join(dir, 'org.yaml'), line: 5})
    expect(problem!.message).toMatch(/^organizations\[0\]\.aliases: a list is expected, not a string$/)
  })

  it('a country that is no ISO 3166-1 alpha-2 code', async () => {
    const dir = write('bad-country', {
      'org.yaml': `${ORG}    country: AB\n    country_source: https://example.com/about\n`,
      'lower.yaml':
        'organizations:\n  - id: other-org\n    name: Other\n    kind: company\n    country: cn\n    country_source: https://example.com/\n',
    })
    expect(await problemsOf(dir)).toEqual([
      {
        file: join(dir, 'lower.yaml'),
        line: 5,
        message: "organizations[0].country: 'cn' is not an ISO 3166-1 alpha-2 country code",
      },
      {
        file: join(dir, 'org.yaml'),
        line: 5,
        message: "organizations[0].country: 'AB' is not an ISO 3166-1 alpha-2 country code",
      },
    ])
  })

  it('a fact without a citation, and a citation that is no URL', async () => {
    const dir = write('uncited', {
      'org.yaml': `${ORG}    country: DE\n    aliases:\n      - name: Example\n        source: see the website\n`,
    })
    const problems = await problemsOf(dir)
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [5, 'organizations[0].country: a country needs country_source'],
      [8, 'organizations[0].aliases[0].source: expected an http(s) URL'],
    ])
  })

  it('a date that does not exist', async () => {
    const dir = write('bad-date', {
      'org.yaml': `${ORG}    lists:\n      - list: us-bis-entity-list\n        since: '2021-02-30'\n        listed_name: Example Org\n        source: https://example.com/\n`,
    })
    expect(await problemsOf(dir, true)).toEqual([
      {file: join(dir, 'org.yaml'), line: 7, message: 'organizations[0].lists[0].since: not a calendar date'},
    ])
  })

  it('a YAML bomb', async () => {
    const dir = write('bomb', {'bomb.yaml': yamlAliasBomb(5)})
    const [problem, ...rest] = await problemsOf(dir)
    expect(rest).toEqual([])
    expect(problem).toMatchObject({file: join(dir, 'bomb.yaml'), line: 2})
    expect(problem!.message).toContain('billion laughs')
  })

  it('duplicate keys and YAML syntax errors', async () => {
    const dir = write('syntax', {
      'dup.yaml': `${ORG}    name: Again\n`,
      'syntax.yaml': 'organizations:\n  - id: [unclosed\n',
    })
    const problems = await problemsOf(dir)
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      [join(dir, 'dup.yaml'), 5],
      [join(dir, 'syntax.yaml'), 3],
    ])
    expect(problems[0]!.message).toMatch(/^YAML: Map keys must be unique/)
  })

  it('names that collide after normalisation, across files', async () => {
    const dir = write('collision', {
      'a.yaml': ORG,
      'b.yaml':
        'organizations:\n  - id: example-two\n    name: Example Two\n    kind: company\n    aliases:\n      - name: EXAMPLE ORG, INC.\n        source: https://example.com/\n',
    })
    expect(await problemsOf(dir)).toEqual([
      {
        file: join(dir, 'b.yaml'),
        line: 6,
        message: `alias (normalised) 'example org' also belongs to 'example-org' (${join(dir, 'a.yaml')}:3)`,
      },
    ])
  })

  it('an id that the shipped data already uses', async () => {
    const dir = write('dup-id', {
      'huawei.yaml': 'organizations:\n  - id: huawei\n    name: Not Huawei\n    kind: company\n',
    })
    const [problem] = await problemsOf(dir, true)
    expect(problem).toEqual({
      file: join(dir, 'huawei.yaml'),
      line: 2,
      message: "organisation id 'huawei' is already defined in rules/entities/organizations/huawei.yaml",
    })
  })

  it('references to unknown parents, lists and organisations, and parent loops', async () => {
    const dir = write('references', {
      'orgs.yaml': [
        'organizations:',
        '  - id: loop-a',
        '    name: Loop A',
        '    kind: company',
        '    parent: {id: loop-b, relation: subsidiary, source: https://example.com/a}',
        '  - id: loop-b',
        '    name: Loop B',
        '    kind: company',
        '    parent: {id: loop-a, relation: subsidiary, source: https://example.com/b}',
        '  - id: orphan',
        '    name: Orphan',
        '    kind: company',
        '    parent: {id: nobody, relation: subsidiary, source: https://example.com/c}',
        '    not_found_in: [no-such-list]',
        'memberships:',
        '  - {organization: ghost, list: us-bis-entity-list, since: null, listed_name: Ghost, source: https://example.com/d}',
        '  - {organization: orphan, list: no-such-list, since: null, listed_name: Orphan, source: https://example.com/e}',
        '',
      ].join('\n'),
    })
    const problems = await problemsOf(dir, true)
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [5, "parent chain of 'loop-a' loops back to 'loop-a'"],
      [9, "parent chain of 'loop-b' loops back to 'loop-b'"],
      [13, "parent 'nobody' is not a known organisation"],
      [14, "unknown list 'no-such-list'"],
      [16, "membership names unknown organisation 'ghost'"],
      [17, "membership names unknown list 'no-such-list'"],
    ])
  })

  it('a public webmail domain', async () => {
    const dir = write('webmail', {
      'org.yaml': `${ORG}    domains:\n      - domain: gmail.com\n        basis: gitdm-observed\n        source: https://example.com/\n`,
    })
    expect(await problemsOf(dir)).toEqual([
      {
        file: join(dir, 'org.yaml'),
        line: 6,
        message: "domain 'gmail.com' is a public webmail domain and cannot identify an organisation",
      },
    ])
  })

  it('a directory that does not exist', async () => {
    const missing = join(scratch, 'missing')
    const [problem] = await problemsOf(missing)
    expect(problem).toMatchObject({file: missing, line: 0})
    expect(problem!.message).toContain('cannot read entities directory')
  })

  it.skipIf(process.platform === 'win32')(
    'a FIFO or a folder named like an entity file, a file over the size limit: refused at once, never waited on',
    async () => {
      const dir = write('fifo', {'org.yaml': ORG, 'huge.yaml': `# ${'x'.repeat(5 * 1024 * 1024)}\n`})
      makeFifo(join(dir, 'pipe.yaml'))
      mkdirSync(join(dir, 'folder.yaml'))
      // Before, a FIFO was read through the thread pool: the load waited for a writer that never came.
      const problems = await problemsOf(dir)
      expect(problems.map((p) => [p.file, p.line, p.message.replace(/\d+/g, 'N')])).toEqual([
        [join(dir, 'folder.yaml'), 0, 'cannot read file (it is a directory)'],
        [join(dir, 'huge.yaml'), 0, 'file is N bytes, more than the N allowed for an entity file'],
        [join(dir, 'pipe.yaml'), 0, 'cannot read file (it is a FIFO, socket or device, not a regular file)'],
      ])
    },
  )

  it('says every problem in the error message, with file and line', async () => {
    const dir = write('message', {'org.yaml': `${ORG}    homepage: https://example.com\n`})
    await expect(loadEntities([dir], {shipped: false})).rejects.toThrow(
      `${join(dir, 'org.yaml')}:5: organizations[0]: unknown key 'homepage'`,
    )
  })
})
