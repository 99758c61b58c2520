/**
 * Issue 13 end to end from the CLI (`scan`, `people`, `collect`) against the GitHub emulator: maintainers found in
 * the places projects keep them, unknown maintainers reported as unknown with where stewards looked (never 0), the
 * organisation's SECURITY.md default honoured, dated governance evidence shown as such.
 */
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ALIAS_BOMB} from '../../src/collect/governance/__fixtures__/people.js'
import type {ScanResult} from '../../src/core/model.js'
import {runCliAsync} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {PLACES_REPOS, writePlacesFixtures} from '../support/governance-places.js'

const TOKEN = 'ghp_placesCliSecret0123456789abcdefABCD'

describe('stewards scan, people and collect find maintainers where projects keep them (emulator)', () => {
  const work = mkdtempSync(join(tmpdir(), 'stewards-places-cli-'))
  const stack = join(work, 'stack')
  const window = ['--since', '2024-01-01', '--until', '2025-01-01']
  let emulator: GithubEmulator
  let flags: string[]

  beforeAll(async () => {
    emulator = await startGithubEmulator({roots: [writePlacesFixtures()], token: TOKEN})
    mkdirSync(stack, {recursive: true})
    const images = PLACES_REPOS.map(
      (repo, i) => `    - {name: c${i}, image: ghcr.io/${repo.split('/').slice(1).join('/')}:1.0}`,
    )
    writeFileSync(
      join(stack, 'app.yaml'),
      ['apiVersion: v1', 'kind: Pod', 'metadata: {name: app}', 'spec:', '  containers:', ...images, ''].join('\n'),
    )
    const mappings = PLACES_REPOS.map(
      (repo) => `  - {match: "ghcr.io/${repo.split('/').slice(1).join('/')}", repo: ${repo}}`,
    )
    writeFileSync(join(work, 'map.yaml'), `mappings:\n${mappings.join('\n')}\n`)
    flags = ['--github-api-url', emulator.url, '--cache-dir', join(work, 'cache'), ...window]
  })
  afterAll(() => emulator?.close())

  it('scan: unknown maintainers are null with a low finding saying where stewards looked; no rule reads them as 0', async () => {
    const r = await runCliAsync(['scan', stack, '--map', join(work, 'map.yaml'), ...flags, '--format', 'json'], {
      env: {GITHUB_TOKEN: TOKEN},
    })
    expect(r.code, r.stderr).toBe(0)
    const result = JSON.parse(r.stdout) as ScanResult
    expect(result.summary.incomplete).toBe(false)
    const widget = result.projects.find((p) => p.repo === 'github.com/example-lone/widget')!
    expect(widget.metrics).toMatchObject({
      maintainers: null,
      maintainer_elephant_factor: null,
      maintainer_top_company_share: null,
      listed_maintainers: null,
      has_security_policy: false,
      security_policy_source: null,
    })
    const ids = widget.findings.map((f) => f.ruleId)
    expect(ids).toContain('maintainers-unknown')
    expect(ids).not.toContain('maintainers-single-org')
    expect(ids).not.toContain('maintainer-affiliation-unknown')
    const unknown = widget.findings.find((f) => f.ruleId === 'maintainers-unknown')!
    expect(unknown.severity).toBe('low')
    expect(unknown.message).toBe(
      'No governance file names the maintainers (unknown, not zero); looked in: repository: github.com/example-lone/widget; organisation: github.com/example-lone/community; organisation: github.com/example-lone/governance; organisation: github.com/example-lone/.github; foundation: github.com/cncf/foundation/project-maintainers.csv.',
    )
    expect(widget.findings.find((f) => f.ruleId === 'no-security-policy')?.message).toMatch(
      /^No SECURITY policy was found in the repository, the project's governance repository or the organisation's \.github repository; looked in: repository: github\.com\/example-lone\/widget;/,
    )

    const flux = result.projects.find((p) => p.repo === 'github.com/fluxcd/flux2')!
    expect(flux.metrics).toMatchObject({
      has_security_policy: true,
      security_policy_source: 'organisation .github',
      maintainers: 9,
      maintainer_place: 'pointer',
      maintainer_rule: 'MAINTAINERS file: maintainers and committers',
    })
    expect(flux.findings.map((f) => f.ruleId)).not.toContain('no-security-policy')
    const declared = flux.roles.find((r) => r.login === 'stefanprodan' && r.place === 'pointer')!
    expect(declared).toMatchObject({declaredAffiliation: 'ControlPlane', declaredAsOf: '2024-02-01', place: 'pointer'})
    // The file changed on 2024-02-01: from then on its declaration is governance evidence, as of that day.
    expect(declared.attribution).toMatchObject({
      organization: 'ControlPlane',
      claim: {source: 'governance', asOf: '2024-02-01', method: 'login, file the project points to'},
    })

    const controller = result.projects.find((p) => p.repo === 'github.com/fluxcd/source-controller')!
    expect(controller.metrics).toMatchObject({maintainers: 14, maintainer_place: 'foundation'})
    const motor = result.projects.find((p) => p.repo === 'github.com/example-teams/motor')!
    expect(motor.metrics).toMatchObject({maintainers: null, maintainer_teams_unresolved: ['example-teams/hidden']})
    expect(motor.findings.find((f) => f.ruleId === 'maintainers-unknown')?.message).toMatch(
      /^The maintainers are the team\(s\) @example-teams\/hidden, whose members GitHub did not show with this token;/,
    )
    expect(r.stdout).not.toContain(TOKEN)
  })

  it('people: says where it looked when nobody is named; collect --json records places, origins and revisions', async () => {
    const people = await runCliAsync(['people', 'example-lone/widget', ...flags, '--json'], {
      env: {GITHUB_TOKEN: TOKEN},
    })
    expect(people.code, people.stderr).toBe(0)
    expect(people.stderr).toContain(
      'stewards: no maintainers found for github.com/example-lone/widget (unknown, not zero); looked in: repository github.com/example-lone/widget, organisation github.com/example-lone/community',
    )
    const collect = await runCliAsync(['collect', 'fluxcd/flux2', ...flags, '--json'], {env: {GITHUB_TOKEN: TOKEN}})
    expect(collect.code, collect.stderr).toBe(0)
    const [flux] = JSON.parse(collect.stdout).projects
    expect(flux.searched.map((s: {place: string}) => s.place)).toEqual([
      'repository',
      'pointer',
      'organisation',
      'organisation',
      'organisation',
      'foundation',
    ])
    const csv = flux.governance.find((f: {path: string}) => f.path.endsWith('project-maintainers.csv'))
    expect(csv.origin).toEqual({place: 'foundation', repo: 'github.com/cncf/foundation', scope: 'project'})
    expect(csv.revision.date).toBe('2024-02-01T12:00:00Z')
    expect(csv.content).toContain('stefanprodan')
    expect(csv.content).not.toContain('kevin-wangzefeng')
  })
})

describe('governance files that cannot be read make the run incomplete, naming file and line', () => {
  const work = mkdtempSync(join(tmpdir(), 'stewards-places-bomb-'))

  it('scan: an OWNERS alias bomb is a scan error with its line, exit 2, and the maintainers stay unknown', async () => {
    const window = {since: '2024-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'}
    const recording = {
      window,
      projects: [
        {
          repo: 'github.com/example-bomb/widget',
          source: 'github',
          status: 'ok',
          window,
          commits: [],
          governance: [{path: 'OWNERS', content: ALIAS_BOMB}],
          searched: [{place: 'repository', repo: 'github.com/example-bomb/widget'}],
          profiles: {},
        },
      ],
    }
    writeFileSync(join(work, 'recording.json'), JSON.stringify(recording))
    mkdirSync(join(work, 'stack'), {recursive: true})
    writeFileSync(
      join(work, 'stack', 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: w, image: ghcr.io/example-bomb/widget:1}\n',
    )
    writeFileSync(
      join(work, 'map.yaml'),
      'mappings:\n  - {match: "ghcr.io/example-bomb/*", repo: github.com/example-bomb/widget}\n',
    )
    const r = await runCliAsync([
      'scan',
      join(work, 'stack'),
      '--map',
      join(work, 'map.yaml'),
      '--snapshot',
      join(work, 'recording.json'),
      '--since',
      '2024-01-01',
      '--until',
      '2025-01-01',
      '--format',
      'json',
    ])
    expect(r.code, r.stderr).toBe(2)
    const result = JSON.parse(r.stdout) as ScanResult
    expect(result.summary.incomplete).toBe(true)
    expect(result.errors).toContainEqual({
      file: 'github.com/example-bomb/widget:OWNERS',
      line: 4,
      code: 'governance-unread',
      message:
        'github.com/example-bomb/widget: OWNERS:4: YAML aliases expand beyond the limit of 100 (a "billion laughs" bomb?): not read',
    })
    expect(result.projects[0].metrics.maintainers).toBeNull()
  })

  it('people: the same file read from a directory is a warning with its line and exit 2', async () => {
    mkdirSync(join(work, 'governance'), {recursive: true})
    writeFileSync(join(work, 'governance', 'OWNERS'), ALIAS_BOMB)
    const commits = join(work, 'commits.json')
    const signature = {name: 'Ada', email: 'ada@example.com', date: '2024-03-01T00:00:00Z'}
    writeFileSync(
      commits,
      JSON.stringify([{sha: 'a'.repeat(40), author: signature, committer: signature, login: null}]),
    )
    const r = await runCliAsync([
      'people',
      'example-bomb/widget',
      '--commits',
      commits,
      '--governance',
      join(work, 'governance'),
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'warning: OWNERS:4: YAML aliases expand beyond the limit of 100 (a "billion laughs" bomb?): not read',
    )
  })
})
