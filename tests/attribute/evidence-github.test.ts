/**
 * Issue 19 and issue 11 §4 end to end, through the GitHub API emulator and the real octokit client, on our own
 * fictional fixtures (`__fixtures__/github/`, `__fixtures__/entities/`: example domains, a fictional watch-list):
 * - `stewards affiliations update` reads a stand-in cncf/gitdm through the client and cache (ETags: a second run
 *   is all 304s), and `--affiliations cncf-gitdm` uses the cached files (also from an exported bundle, offline);
 * - e-mail-domain claims record what vouches for them (a verified signature, the public e-mail, an affiliation
 *   file) or are `unverified`, and findings about the listed organisation say so;
 * - profile companies: an `@handle` read from the organisation account, free text as declared, self-declared
 *   organisations counted for concentration but never listed; public membership as weak evidence;
 * - a stale gitdm period outranked by the commit's own domain, kept (marked stale) where nothing fresher claims;
 * - automation under human-looking identities excluded and reported with its rule;
 * - evidence wanted: `people --wanted` and the terminal, Markdown and HTML reports; the snippet, filled in, is read.
 */
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {open} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ScanResult} from '../../src/core/model.js'
import {runCliAsync} from '../support/cli.js'
import {makeFifo} from '../support/fifo.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'

const TOKEN = 'ghp_evidenceSecret0123456789abcdefABCDEF'
const fixtures = join(import.meta.dirname, '__fixtures__')
const ENTITIES = ['--entities', join(fixtures, 'entities')]
const WINDOW = ['--since', '2025-01-01', '--until', '2026-01-01']
const GLOBEX = 'Globex Labs (fictional)'

interface Period {
  organization: string | null
  commits: number
  source?: string
  citation?: string
  raw?: string
  selfDeclared?: boolean
  weak?: boolean
  stale?: boolean
  ageYears?: number
  verification?: {status: string; vouchedBy?: Array<{kind: string; citation: string}>}
}
interface PeopleJson {
  summary: Record<string, number>
  people: Array<{person: string; commits: number; periods: Period[]}>
  bots: Record<string, number>
  botRules: Record<string, string>
}

describe('attribution evidence through the GitHub API emulator', () => {
  const work = mkdtempSync(join(tmpdir(), 'stewards-evidence-'))
  const cacheDir = join(work, 'cache')
  let emulator: GithubEmulator
  let api: string[]
  const env = {GITHUB_TOKEN: TOKEN}

  beforeAll(async () => {
    emulator = await startGithubEmulator({roots: [join(fixtures, 'github')], token: TOKEN})
    api = ['--github-api-url', emulator.url, '--cache-dir', cacheDir]
  })
  afterAll(() => emulator?.close())

  it('affiliations update reads cncf/gitdm through the client and cache; a second run revalidates with ETags', async () => {
    const first = await runCliAsync(['affiliations', 'update', ...api], {env})
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const head = JSON.parse(readFileSync(join(fixtures, 'github', 'cncf__gitdm', 'commits.json'), 'utf8'))[0].sha
    expect(first.stdout).toContain(`cncf/gitdm at ${head} (2026-02-01T00:00:00Z): 3 affiliation files`)
    expect(first.stdout).toContain('3 records; companies.yaml: 1 acquisition rules')
    // gitdm order is numeric: 10 comes after 2.
    expect(first.stdout).toMatch(
      /developers_affiliations1\.txt\n {2}developers_affiliations2\.txt\n {2}developers_affiliations10\.txt/,
    )
    const blobs = emulator.requests.filter((r) => r.url.includes('/git/blobs/'))
    expect(blobs).toHaveLength(3)
    expect(blobs.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true)

    const before = emulator.requests.length
    const second = await runCliAsync(['affiliations', 'update', ...api], {env})
    expect(second.code).toBe(0)
    const again = emulator.requests.slice(before)
    expect(again.length).toBeGreaterThan(0)
    expect(again.map((r) => r.status)).toEqual(again.map(() => 304))
    expect(`${first.stdout}${first.stderr}${second.stdout}${second.stderr}`).not.toContain(TOKEN)

    // The same facts for machines, offline, with the cache directory from .stewards.yaml (flags over the file).
    const settings = join(work, 'settings.yaml')
    writeFileSync(settings, `cacheDir: ${cacheDir}\noffline: true\n`)
    const asked = emulator.requests.length
    const json = await runCliAsync(
      ['affiliations', 'update', '--config', settings, '--github-api-url', emulator.url, '--format', 'json'],
      {env},
    )
    expect(json.stderr).toBe('')
    expect(json.code).toBe(0)
    expect(emulator.requests.length).toBe(asked)
    const update = JSON.parse(json.stdout)
    expect(update).toMatchObject({repo: 'cncf/gitdm', commit: head, records: 3, requests: {total: 0}})
    expect(update.files.map((f: {path: string}) => f.path)).toEqual([
      'developers_affiliations1.txt',
      'developers_affiliations2.txt',
      'developers_affiliations10.txt',
    ])
    expect(update.companies).toEqual({path: 'src/companies.yaml', acquisitions: 1})
  })

  it('people: vouched and unverified domains, self-declared organisations, weak membership, stale gitdm, automation', async () => {
    const r = await runCliAsync(
      ['people', 'example-gadget/gadget', ...api, ...WINDOW, ...ENTITIES, '--affiliations', 'cncf-gitdm', '--json'],
      {env},
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as PeopleJson
    const periods = (id: string) => report.people.find((p) => p.person === id)?.periods ?? []

    // A verified signature of a commit the address committed itself vouches for it.
    expect(periods('ana')).toMatchObject([
      {
        organization: GLOBEX,
        source: 'email-domain',
        verification: {status: 'verified', vouchedBy: [{kind: 'commit-signature'}]},
      },
    ])
    // Anyone can commit as boss@globex.example: nothing vouches, so it is marked.
    expect(periods('boss@globex.example')).toMatchObject([
      {organization: GLOBEX, commits: 6, verification: {status: 'unverified'}},
    ])
    expect(periods('xia')[0].verification).toMatchObject({status: 'verified', vouchedBy: [{kind: 'public-email'}]})

    // @widget-works is not in the organisation data: its identity comes from its own account.
    expect(periods('raj')).toMatchObject([
      {organization: 'Widget Works', source: 'profile-company', selfDeclared: true},
    ])
    expect(periods('raj')[0].citation).toContain(
      'https://github.com/widget-works is a GitHub organisation (named "Widget Works"',
    )
    expect(periods('uma')).toMatchObject([{organization: 'Blue Harbor Studio', selfDeclared: true}])
    // tom names no employer; two profiles name widget-works, of which tom is a public member: weak, labelled.
    expect(periods('tom')).toMatchObject([
      {organization: 'Widget Works', source: 'org-membership', weak: true, selfDeclared: true},
    ])
    // vic's profile says ex-Globex: past wording is no claim.
    expect(periods('vic')).toMatchObject([{organization: null, commits: 20}])

    // pat: gitdm says "Initech from 2015-01-01" (renamed Initrode by companies.yaml), ten years before: stale, so the
    // commit's own listed domain decides (the gitdm file also vouches for the address); alone, gitdm still decides.
    expect(periods('pat').map((p) => [p.organization, p.source, p.stale ?? false])).toEqual([
      [GLOBEX, 'email-domain', false],
      ['Initrode', 'gitdm', true],
      [GLOBEX, 'email-domain', false],
    ])
    expect(periods('pat')[1]).toMatchObject({raw: 'Initech', ageYears: 10})
    expect(periods('pat')[1].citation).toMatch(/^cncf\/gitdm@[0-9a-f]{12}:developers_affiliations1\.txt:9$/)
    expect(periods('pat')[0].verification?.vouchedBy?.[0]).toMatchObject({kind: 'affiliation-file'})

    expect(report.bots).toEqual({
      'GitHub Action <action@github.com>': 2,
      'github-actions <github-actions@github.com>': 7,
    })
    expect(report.botRules['github-actions <github-actions@github.com>']).toMatch(
      /^github-actions-identity: .*\(rules\/bots\/default\.yaml:\d+\)$/,
    )
    expect(report.summary).toMatchObject({human_commits: 76, attributed_commits: 44, bot_commits: 9})
  })

  it('people --wanted names who would raise coverage, and the snippet, filled in, completes the attribution', async () => {
    const args = ['people', 'example-gadget/gadget', ...api, ...WINDOW, ...ENTITIES, '--affiliations', 'cncf-gitdm']
    const r = await runCliAsync([...args, '--wanted'], {env})
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      'Evidence wanted: 2 of 2 unattributed authors make 42.1% of human commits; attributing them would raise coverage from 57.9% to 100.0%.',
    )
    expect(r.stdout).toContain('  @vic vic@mail.example.net: 20 commits (2025-01-10..2025-12-08)')
    const snippet = r.stdout.slice(r.stdout.indexOf('# Evidence wanted for'))
    expect(snippet).toContain('  - login: "vic"  # 20 commits')
    expect(snippet).toContain('  - email: "wen@home.example"  # 12 commits')

    // An analyst fills it in from evidence they can cite; left empty, it is refused, never guessed.
    const empty = join(work, 'wanted-empty.yaml')
    writeFileSync(empty, snippet)
    const refused = await runCliAsync([...args, '--overrides', empty], {env})
    expect(refused.code).toBe(3)
    const filled = join(work, 'wanted-filled.yaml')
    writeFileSync(
      filled,
      snippet
        .replace('organization: ""', 'organization: "Widget Works"')
        .replace('organization: ""', 'organization: Independent')
        .replaceAll('note: ""', 'note: "https://example.com/evidence"'),
    )
    const done = await runCliAsync([...args, '--overrides', filled, '--json'], {env})
    expect(done.code).toBe(0)
    const report = JSON.parse(done.stdout) as PeopleJson
    expect(report.summary).toMatchObject({human_commits: 76, attributed_commits: 76, unknown_commits: 0})
    expect(report.people.find((p) => p.person === 'vic')?.periods[0]).toMatchObject({
      organization: 'Widget Works',
      source: 'override',
    })
  })

  it('scan: listed findings say which rest on unverified domains; reports mark self-declared organisations and list evidence wanted', async () => {
    const stack = join(work, 'stack')
    mkdirSync(stack, {recursive: true})
    writeFileSync(
      join(stack, 'app.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    - {name: gadget, image: ghcr.io/example-gadget/gadget:1.0}\n',
    )
    const map = join(work, 'map.yaml')
    writeFileSync(map, 'mappings:\n  - {match: "ghcr.io/example-gadget/*", repo: github.com/example-gadget/gadget}\n')
    const markdown = join(work, 'report.md')
    const html = join(work, 'report.html')
    const table = join(work, 'report.txt')
    const r = await runCliAsync(
      [
        'scan',
        stack,
        '--map',
        map,
        ...api,
        ...WINDOW,
        ...ENTITIES,
        '--affiliations',
        'cncf-gitdm',
        '--format',
        'json',
        '--output',
        `markdown=${markdown}`,
        '--output',
        `html=${html}`,
        '--output',
        `table=${table}`,
      ],
      {env},
    )
    expect(r.code).toBe(0)
    const result = JSON.parse(r.stdout) as ScanResult
    const [project] = result.projects
    expect(project.metrics).toMatchObject({
      listed_commits: 24,
      listed_commits_unverified: 6,
      listed_commit_share_excl_unverified: 0.2368,
      // Widget Works is also named by a gitdm record (sue): curated there, so only Blue Harbor Studio is as declared.
      self_declared_orgs: ['Blue Harbor Studio'],
      self_declared_commits: 15,
      bot_commits: 9,
    })
    const listed = result.findings.find((f) => f.ruleId === 'listed-commit-share')
    expect(listed?.message).toContain(
      '6 of the 24 listed commits rest only on unverified e-mail domains (anyone can commit with any address)',
    )
    expect(listed?.evidence.people?.find((p) => p.person === 'boss@globex.example')).toMatchObject({
      unverified: true,
      commits: 6,
    })
    expect(listed?.evidence.people?.find((p) => p.person === 'ana')?.unverified).toBeUndefined()
    // A self-declared organisation never matches a list or a country.
    expect(project.metrics.commits_per_listed_org).toEqual({[GLOBEX]: 24})
    expect(project.automation).toEqual([
      {
        identity: 'GitHub Action <action@github.com>',
        commits: 2,
        rule: expect.stringMatching(/^github-action-identity: /),
      },
      {
        identity: 'github-actions <github-actions@github.com>',
        commits: 7,
        rule: expect.stringMatching(/^github-actions-identity: /),
      },
    ])
    expect(result.findings.map((f) => f.ruleId)).toContain('attribution-coverage-low')
    expect(project.wanted).toMatchObject({
      people: [
        {login: 'vic', commits: 20},
        {person: 'wen@home.example', commits: 12},
      ],
    })

    const terminal = readFileSync(table, 'utf8')
    expect(terminal).toContain('EVIDENCE WANTED (1)')
    expect(terminal).toContain('  - login: "vic"  # 20 commits')
    const md = readFileSync(markdown, 'utf8')
    expect(md).toContain('<summary>Evidence wanted (1 projects)</summary>')
    expect(md).toContain('```yaml')
    expect(md).toContain('`boss@globex.example`: Globex Labs (fictional)')
    expect(md).toMatch(/`boss@globex\.example`: .*\*\*\[unverified e-mail domain\]\*\*/)
    const page = readFileSync(html, 'utf8')
    expect(page).toContain('<h2>Evidence wanted</h2>')
    expect(page).toContain('<span class="mark">unverified e-mail domain</span>')
    expect(page).toContain('  - login: &quot;vic&quot;  # 20 commits')
  })

  it('the cached files travel in a cache bundle: --snapshot BUNDLE --affiliations cncf-gitdm, no network', async () => {
    const bundle = join(work, 'bundle.json')
    const exported = await runCliAsync(['cache', 'export', bundle, '--cache-dir', cacheDir])
    expect(exported.code).toBe(0)
    const before = emulator.requests.length
    const people = (snapshot: string) =>
      runCliAsync(
        [
          'people',
          'example-gadget/gadget',
          '--snapshot',
          snapshot,
          // The bundle's entries are keyed by the API they came from (here the emulator); nothing is requested.
          '--github-api-url',
          emulator.url,
          ...WINDOW,
          ...ENTITIES,
          '--affiliations',
          'cncf-gitdm',
          '--json',
        ],
        {env: {GITHUB_TOKEN: ''}},
      )
    const r = await people(bundle)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(emulator.requests.length).toBe(before)
    const report = JSON.parse(r.stdout) as PeopleJson
    expect(report.people.find((p) => p.person === 'pat')?.periods[1]).toMatchObject({
      organization: 'Initrode',
      stale: true,
    })

    // Read once, for the affiliation files and for the project: given as a pipe written once (a second read would
    // find it empty), the run gives the same report. The text is padded past a pipe's buffer, so the write ends
    // only once the command has read it.
    if (process.platform === 'win32') return
    const fifo = makeFifo(join(work, 'bundle-once.json'))
    const writer = await open(fifo, 'r+')
    // Together: the write, larger than the pipe's buffer, ends only as the command reads (a command that never reads
    // it fails the test at its timeout).
    const [piped] = await Promise.all([
      people(fifo),
      writer.write(`${readFileSync(bundle, 'utf8')}${' '.repeat(256 * 1024)}`).then(() => writer.close()),
    ])
    expect(piped.stderr).toBe('')
    expect(piped.stdout).toBe(r.stdout)
  })

  it('--affiliations cncf-gitdm before any update is a usage error with a hint', async () => {
    const r = await runCliAsync(
      [
        'people',
        'example-gadget/gadget',
        '--cache-dir',
        join(work, 'empty-cache'),
        '--github-api-url',
        emulator.url,
        ...WINDOW,
        '--affiliations',
        'cncf-gitdm',
      ],
      {env},
    )
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('the CNCF gitdm affiliation files are not in the cache')
    expect(r.stderr).toContain('Hint: run `stewards affiliations update`')
  })
})
