import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {repoRoot, runCli} from '../support/cli.js'
import {companiesFile, expectedProjects, gitdmFile, hasShared, projectDir} from './shared-projects.js'

const fixtures = join(repoRoot, 'src', 'attribute', '__fixtures__')
/** oclif wraps long error lines to the terminal width; read them as one line. */
const flat = (text: string) => text.replace(/\s*\n\s*(›\s*)?/g, ' ')

describe.skipIf(!hasShared)('stewards people on a shared project', () => {
  it('shows each person, their organisation per period with evidence, and the same totals as EXPECTED.json', async () => {
    const want = expectedProjects()['karmada-io/karmada']
    const dir = projectDir('karmada-io/karmada')
    const args = [
      'people',
      'karmada-io/karmada',
      '--commits',
      join(dir, 'commits.json'),
      '--governance',
      join(dir, 'governance'),
    ]
    const evidence = ['--affiliations', gitdmFile, '--companies', companiesFile, '--sources', 'gitdm', '--no-shipped']
    const r = await runCli([...args, ...evidence, '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(report.asOf).toBe('2024-12-31')
    for (const key of [
      'commits_total',
      'bot_commits',
      'human_commits',
      'attributed_commits',
      'unknown_commits',
      'distinct_authors',
    ]) {
      expect(report.summary[key], key).toBe(want[key])
    }
    expect(report.summary.commits_per_org).toEqual(want.commits_per_org)
    const mango = report.people.find((p: {person: string}) => p.person === 'rainbowmango')
    expect(mango.roles).toEqual([
      {role: 'maintainer', source: 'MAINTAINERS.md:12', declaredAffiliation: 'Huawei'},
      {role: 'reviewer', source: 'OWNERS:6'},
      {role: 'approver', source: 'OWNERS:13'},
    ])
    expect(mango.periods).toHaveLength(1)
    expect(mango.periods[0]).toMatchObject({organization: 'Huawei Technologies Co. Ltd', source: 'gitdm', commits: 58})
    expect(mango.periods[0].citation).toMatch(/gitdm-subset\.txt:\d+$/)
    const unknownMaintainer = report.people.find((p: {person: string}) => p.person === 'zoroyouxi')
    expect(unknownMaintainer.roleAttribution).toMatchObject({organization: null, known: false})
  })
})

describe('stewards people: bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stewards-people-'))
  const commits = join(dir, 'commits.json')
  writeFileSync(
    commits,
    JSON.stringify([
      {
        sha: 'a1',
        author: {name: 'Alice', email: 'alice@example.com', date: '2024-02-10T10:00:00Z'},
        committer: {name: 'Alice', email: 'alice@example.com', date: '2024-02-10T10:00:00Z'},
        login: null,
      },
      {sha: 'x', author: {name: 'Broken'}},
    ]),
  )
  const brokenGitdm = join(dir, 'gitdm.txt')
  writeFileSync(brokenGitdm, 'alice: alice!example.com\n\tExample Corp\n\tOther from 2024-99-01\n')

  it('goes on past unreadable lines and records, warning with file and line; prints periods with evidence', async () => {
    const gitdm = join(fixtures, 'gitdm.txt')
    const args = [
      'people',
      'example/widgets',
      '--commits',
      commits,
      '--affiliations',
      brokenGitdm,
      gitdm,
      '--overrides',
      join(fixtures, 'affiliations.yaml'),
    ]
    const r = await runCli([...args, '--no-shipped'])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(`warning: ${brokenGitdm}:3: '2024-99-01' is not a calendar date`)
    expect(r.stderr).toContain(`warning: ${commits}: commit [1] author.email:`)
    expect(r.stdout).toBe(
      [
        'example/widgets: 1 human commit by 1 author; 1 attributed (100.0%), 0 unknown, 0 Independent; 0 bot commits',
        'Role holders attributed on 2024-02-10.',
        '',
        'alice (Alice): 1 commit',
        `  2024-02-10  1  Example Corp  ← gitdm: ${brokenGitdm}:2`,
        '',
      ].join('\n'),
    )
  })

  it('reads --since/--until with --commits as the collecting path does: days or timestamps, the same dates refused', async () => {
    const fromFile = ['people', 'example/widgets', '--commits', commits, '--no-shipped', '--json']
    const collecting = [
      'people',
      'example-nimbus/nimbus-mesh',
      '--snapshot',
      join(repoRoot, 'fixtures', 'demo', 'snapshot.json'),
      '--no-shipped',
      '--json',
    ]
    const windows = [
      // Alice's one readable commit is at 2024-02-10T10:00:00Z; timestamps count to the second, offsets honoured.
      [fromFile, '2024-02-10T11:00:00+02:00', '2024-02-10T10:00:01Z', 1],
      [fromFile, '2024-02-10T10:00:01Z', '2024-02-11', 0],
      [fromFile, '2024-02-10', '2024-02-10T10:00:00Z', 0],
      [collecting, '2025-01-01T00:00:00Z', '2026-01-01', 160],
    ] as const
    const bad = ['2025-02-31T00:00:00Z', '10 days ago'].flatMap((date) =>
      [fromFile, collecting].map((args) => [args, date] as const),
    )
    const [accepted, refused] = await Promise.all([
      Promise.all(windows.map(([args, since, until]) => runCli([...args, '--since', since, '--until', until]))),
      Promise.all(bad.map(([args, since]) => runCli([...args, '--since', since]))),
    ])
    expect(accepted.map((r) => [r.code, r.code === 0 ? JSON.parse(r.stdout).summary.commits_total : r.stderr])).toEqual(
      windows.map((w) => [0, w[3]]),
    )
    expect(refused.map((r) => [r.code, flat(r.stderr)])).toEqual(
      bad.map(([, since]) => [3, expect.stringContaining(`--since '${since}' is not a date`)]),
    )
  })

  it('rejects a bad repository name, a missing file and an unknown source (exit 3, no stack trace)', async () => {
    const badRepo = await runCli(['people', '../etc', '--commits', commits])
    expect([badRepo.code, flat(badRepo.stderr)]).toEqual([3, expect.stringContaining("'../etc'")])
    const missing = await runCli(['people', 'example/widgets', '--commits', join(dir, 'nope.json'), '--no-shipped'])
    expect([missing.code, flat(missing.stderr)]).toEqual([
      3,
      expect.stringContaining(`${join(dir, 'nope.json')}: cannot read the commits file (no such file or directory)`),
    ])
    const source = await runCli([
      'people',
      'example/widgets',
      '--commits',
      commits,
      '--sources',
      'gitdm,horoscope',
      '--no-shipped',
    ])
    expect([source.code, flat(source.stderr)]).toEqual([
      3,
      expect.stringContaining("unknown evidence source 'horoscope'"),
    ])
    expect(source.stderr).not.toContain('    at ')
  })
})

describe('stewards people: maintainers named by e-mail address only', () => {
  it('counts a `Name <address>` maintainer under the account its commits belong to; the others unidentified, unknown, told', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-people-addressed-'))
    const governance = join(dir, 'governance')
    mkdirSync(governance)
    // gunicorn's layout (benoitc/gunicorn MAINTAINERS): underlined headings, people as `Name <address>` only.
    writeFileSync(
      join(governance, 'MAINTAINERS'),
      'Maintainers\n===========\n\nAda Lovelace <ada@example.com>\nNobody Yet <nobody@example.org>\n\nAlumni\n======\nOld One <old@example.com>\n',
    )
    const commit = (sha: string, name: string, email: string, date: string, login: string | null) => ({
      sha,
      author: {name, email, date},
      committer: {name, email, date},
      login,
    })
    const commits = join(dir, 'commits.json')
    writeFileSync(
      commits,
      JSON.stringify([
        commit('a1', 'Ada L', 'ada@example.com', '2024-02-10T10:00:00Z', 'ada-l'),
        commit('b1', 'Nobody', 'nobody@example.org', '2024-03-10T10:00:00Z', null),
      ]),
    )
    const r = await runCli(['people', 'example/widget', '--commits', commits, '--governance', governance, '--json'])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    const roles = Object.fromEntries(
      report.people.map((p: {person: string; roles: Array<{role: string; source: string}>}) => [
        p.person,
        p.roles.map((role) => `${role.role} ${role.source}`),
      ]),
    )
    expect(roles).toEqual({
      'ada-l': ['maintainer MAINTAINERS:4'],
      'nobody@example.org': [],
      // No account known: the name the file gives and the address's domain, never a GitHub login; organisation unknown.
      'nobody yet <…@example.org>': ['maintainer MAINTAINERS:5'],
      'old one <…@example.com>': ['emeritus MAINTAINERS:9'],
    })
    const unidentified = report.people.find((p: {person: string}) => p.person === 'nobody yet <…@example.org>')
    expect(unidentified.roleAttribution).toMatchObject({organization: null, resolution: 'unknown', known: false})
    expect(flat(r.stderr)).toContain(
      'warning: MAINTAINERS:5: Nobody Yet is named by e-mail address only, and no commit of the window authored with that address belongs to a GitHub account: counted as a maintainer whose organisation is unknown',
    )
    // An emeritus counts for nothing: not told.
    expect(flat(r.stderr)).not.toContain('Old One')
  })

  it("reads a Python project's maintainers from its pyproject.toml when nothing closer names them", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-people-pyproject-'))
    const governance = join(dir, 'governance')
    mkdirSync(governance)
    writeFileSync(
      join(governance, 'pyproject.toml'),
      '[project]\nname = "widget"\nauthors = [{name = "Old Author", email = "old@example.com"}]\nmaintainers = [{name = "Ada Lovelace", email = "ada@example.com"}]\n',
    )
    const commits = join(dir, 'commits.json')
    const date = '2024-02-10T10:00:00Z'
    const author = {name: 'Ada L', email: 'ada@example.com', date}
    writeFileSync(commits, JSON.stringify([{sha: 'a1', author, committer: author, login: 'ada-l'}]))
    const r = await runCli(['people', 'example/widget', '--commits', commits, '--governance', governance, '--json'])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(
      report.people.map((p: {person: string; roles: Array<{role: string; source: string}>}) => [p.person, p.roles]),
    ).toEqual([['ada-l', [{role: 'maintainer', source: 'pyproject.toml:4'}]]])
  })
})
