/**
 * `stewards people OWNER/REPO` collecting the repository itself: from the demo's cache bundle (offline) and
 * from the GitHub API emulator (live), with the demo's fictional organisation data and gitdm records.
 */
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {freshCacheDir, TOKEN} from '../collect/helpers.js'
import {repoRoot, runCli} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'

const demo = join(repoRoot, 'fixtures', 'demo')
const WINDOW = ['--since', '2025-01-01', '--until', '2026-01-01']
const EVIDENCE = ['--entities', 'fixtures/demo/entities', '--affiliations', 'fixtures/demo/affiliations.txt']
const CRESTLINE = 'Crestline Networks (fictional)'

interface Period {
  organization: string | null
  first: string
  last: string
  commits: number
  source?: string
  citation?: string
}
interface Person {
  person: string
  commits: number
  periods: Period[]
  roles: Array<{role: string; source: string; declaredAffiliation?: string}>
}
interface Report {
  repo: string
  status?: string
  reason?: string
  summary: Record<string, number>
  people: Person[]
  bots: Record<string, number>
}

/** The demo repository's own records, read independently of stewards: felix-brandt's commits in 2025. */
function felixCommitDays(): string[] {
  const commits: Array<{login: string; author: {date: string}}> = JSON.parse(
    readFileSync(join(demo, 'upstreams', 'example-nimbus__nimbus-mesh', 'commits.json'), 'utf8'),
  )
  return commits
    .filter((c) => c.login === 'felix-brandt' && c.author.date >= '2025-01-01' && c.author.date < '2026-01-01')
    .map((c) => c.author.date.slice(0, 10))
    .sort()
}

function person(report: Report, id: string): Person {
  const found = report.people.find((p) => p.person === id)
  if (!found) throw new Error(`${id} is not in the report`)
  return found
}

/** What the demo data says about nimbus-mesh, whichever way it was collected. */
function expectNimbusPeople(report: Report): void {
  expect(report.status).toBeUndefined()
  const ilse = person(report, 'ilse-varga')
  expect(ilse.commits).toBe(52)
  expect(ilse.periods).toHaveLength(1)
  expect(ilse.periods[0]).toMatchObject({organization: CRESTLINE, source: 'email-domain', commits: 52})
  expect(ilse.periods[0].citation).toContain('crestline.example.com')
  expect(ilse.periods[0].citation).toContain('fixtures/demo/entities/demo-organizations.yaml')
  expect(ilse.roles).toContainEqual({
    role: 'maintainer',
    source: 'MAINTAINERS.md:5',
    declaredAffiliation: 'Crestline Networks',
  })

  // gitdm: Meridian until 2025-04-01 (exclusive), Harbor Light from then; the days come from the fixture itself.
  const days = felixCommitDays()
  const before = days.filter((d) => d < '2025-04-01')
  const after = days.filter((d) => d >= '2025-04-01')
  expect(before.length).toBeGreaterThan(0)
  expect(after.length).toBeGreaterThan(0)
  expect(person(report, 'felix-brandt').periods).toEqual([
    {
      organization: 'Meridian Cloudworks (fictional)',
      first: before[0],
      last: before.at(-1),
      commits: before.length,
      resolution: 'ok',
      source: 'gitdm',
      citation: 'fixtures/demo/affiliations.txt:3',
    },
    {
      organization: 'Harbor Light Software (fictional)',
      first: after[0],
      last: after.at(-1),
      commits: after.length,
      resolution: 'ok',
      source: 'gitdm',
      citation: 'fixtures/demo/affiliations.txt:4',
    },
  ])
  // No evidence at all: unknown, never guessed from the name.
  expect(person(report, 'demo-dev-2').periods).toEqual([
    {organization: null, first: '2025-01-11', last: '2025-01-11', commits: 1, resolution: 'unknown', known: false},
  ])
  expect(report.bots).toEqual({'demo-ci[bot] <41898282+demo-ci[bot]@users.noreply.github.com>': 12})
  expect(report.summary).toMatchObject({
    commits_total: 160,
    bot_commits: 12,
    human_commits: 148,
    distinct_authors: 9,
    unknown_commits: 3,
  })
}

describe('stewards people OWNER/REPO from the demo cache bundle', () => {
  const args = [
    'people',
    'example-nimbus/nimbus-mesh',
    '--snapshot',
    'fixtures/demo/snapshot.json',
    ...WINDOW,
    ...EVIDENCE,
  ]

  it('collects, attributes and shows each person per period with the evidence (JSON)', async () => {
    const r = await runCli([...args, '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report: Report = JSON.parse(r.stdout)
    expect(report.repo).toBe('github.com/example-nimbus/nimbus-mesh')
    expectNimbusPeople(report)
  })

  it('prints the same as text, byte for byte on a second run', async () => {
    const first = await runCli(args)
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('felix-brandt (Felix Brandt): 13 commits\n')
    expect(first.stdout).toMatch(
      / {2}2025-01-17\.\.2025-03-23 {2}6 {2}Meridian Cloudworks \(fictional\) {2}← gitdm: fixtures\/demo\/affiliations\.txt:3\n/,
    )
    expect(first.stdout).toContain(
      '  roles: codeowner (.github/CODEOWNERS:1); maintainer (MAINTAINERS.md:5, declares Crestline Networks)\n',
    )
    expect((await runCli(args)).stdout).toBe(first.stdout)
  })

  it('rejects collection flags together with --commits, and a bad window (exit 3)', async () => {
    const both = await runCli([
      'people',
      'example-nimbus/nimbus-mesh',
      '--commits',
      'x.json',
      '--snapshot',
      'fixtures/demo/snapshot.json',
    ])
    expect([both.code, both.stderr]).toEqual([
      3,
      expect.stringContaining('--snapshot collects the repository: it cannot be used with --commits FILE'),
    ])
    const window = await runCli([
      'people',
      'example-nimbus/nimbus-mesh',
      '--snapshot',
      'fixtures/demo/snapshot.json',
      '--since',
      '2026-01-01',
      '--until',
      '2025-01-01',
    ])
    expect(window.code).toBe(3)
    expect(window.stderr).toContain('--since')
  })
})

describe('stewards people OWNER/REPO from a local clone (--git)', () => {
  it('reads commits and governance files from the clone; README triagers are triagers, not maintainers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-people-git-'))
    writeFileSync(
      join(dir, 'MAINTAINERS.md'),
      '| Name | GitHub | Company |\n|---|---|---|\n| Ada | @ada-x | Example Corp |\n',
    )
    writeFileSync(join(dir, 'README.md'), '# Thing\n\n- Triagers:\n  - [Tri](https://github.com/tri-x)\n')
    const env = {...process.env, GIT_AUTHOR_DATE: '2025-03-01T10:00:00Z', GIT_COMMITTER_DATE: '2025-03-01T10:00:00Z'}
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', dir, '-c', 'user.name=Ada', '-c', 'user.email=ada@crestline.example.com', ...args], {
        env,
      })
    git('init', '-q', '-b', 'main')
    git('add', '.')
    git('commit', '-qm', 'first')
    const r = await runCli([
      'people',
      'example/thing',
      '--git',
      dir,
      ...WINDOW,
      '--entities',
      'fixtures/demo/entities',
      '--json',
    ])
    rmSync(dir, {recursive: true, force: true})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report: Report = JSON.parse(r.stdout)
    expect(person(report, 'ada@crestline.example.com').periods).toEqual([
      expect.objectContaining({organization: CRESTLINE, source: 'email-domain', first: '2025-03-01', commits: 1}),
    ])
    expect(person(report, 'ada-x').roles).toEqual([
      {role: 'maintainer', source: 'MAINTAINERS.md:3', declaredAffiliation: 'Example Corp'},
    ])
    expect(person(report, 'tri-x').roles).toEqual([{role: 'triager', source: 'README.md:4'}])
  })
})

describe('stewards people OWNER/REPO from the GitHub API emulator', () => {
  let emulator: GithubEmulator
  beforeAll(async () => {
    emulator = await startGithubEmulator({
      roots: [join(demo, 'upstreams'), join(repoRoot, 'tests', 'collect', '__fixtures__', 'github')],
      token: TOKEN,
    })
  })
  afterAll(() => emulator.close())
  const live = async (repo: string, extra: string[] = []) =>
    runCli([
      'people',
      repo,
      '--github-api-url',
      emulator.url,
      '--token',
      TOKEN,
      '--cache-dir',
      await freshCacheDir(),
      ...WINDOW,
      ...EVIDENCE,
      '--json',
      ...extra,
    ])

  it('collects the repository live with the token, which never appears in the output', async () => {
    const before = emulator.requests.length
    const r = await live('example-nimbus/nimbus-mesh')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expectNimbusPeople(JSON.parse(r.stdout))
    expect(r.stdout + r.stderr).not.toContain(TOKEN)
    const requests = emulator.requests.slice(before)
    expect(requests.some((q) => q.url.startsWith('/repos/example-nimbus/nimbus-mesh/commits'))).toBe(true)
    expect(requests.every((q) => q.authorization === `token ${TOKEN}`)).toBe(true)
  })

  it('reports a repository that does not exist on stderr, shows nobody and exits 0 (as scan does)', async () => {
    const r = await live('example/gone')
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^stewards: github\.com\/example\/gone: not found \(404\b.*; nobody to show\n$/)
    const report: Report = JSON.parse(r.stdout)
    expect(report).toMatchObject({repo: 'github.com/example/gone', status: 'unavailable', people: [], bots: {}})
    expect(report.summary.commits_total).toBe(0)
  })
})

describe('stewards people OWNER/REPO when collection is cut short', () => {
  let emulator: GithubEmulator
  beforeAll(async () => {
    // The commits come through; the governance files and profiles (GraphQL, with a token) hit the primary rate
    // limit, and with --on-rate-limit stop the run ends there.
    const faults = [{kind: 'rate-limit' as const, match: /^POST \/graphql/, resetSeconds: 3600}]
    emulator = await startGithubEmulator({roots: [join(demo, 'upstreams')], token: TOKEN, faults})
  })
  afterAll(() => emulator.close())

  it('prints the people of what it collected and exits 2', async () => {
    const args = [
      'people',
      'example-nimbus/nimbus-mesh',
      '--github-api-url',
      emulator.url,
      '--cache-dir',
      await freshCacheDir(),
      ...WINDOW,
      ...EVIDENCE,
    ]
    const r = await runCli([...args, '--on-rate-limit', 'stop', '--json'], {env: {GITHUB_TOKEN: TOKEN}})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('rate limit')
    expect(r.stderr).toContain('the collection of github.com/example-nimbus/nimbus-mesh is incomplete')
    expect(r.stdout + r.stderr).not.toContain(TOKEN)
    const report: Report = JSON.parse(r.stdout)
    expect(report.status).toBe('partial')
    expect(report.reason).toContain('rate limit')
    // Every commit was collected and is attributed; no governance file was, so nobody holds a role.
    expect(report.summary).toMatchObject({commits_total: 160, human_commits: 148})
    const ilse = person(report, 'ilse-varga')
    expect(ilse.periods).toEqual([
      expect.objectContaining({organization: CRESTLINE, source: 'email-domain', commits: 52}),
    ])
    expect(ilse.roles).toEqual([])
    expect(report.people.flatMap((p) => p.roles)).toEqual([])
  })
})
