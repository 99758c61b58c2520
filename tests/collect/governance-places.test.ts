/**
 * Issue 13 through the real collector and octokit against the GitHub emulator: maintainers where projects keep them
 * (a pointer, the organisation's repositories, the CNCF list, CODEOWNERS teams), the organisation's SECURITY.md,
 * unknown maintainers with where stewards looked, revision dates, and the request budget (shared places read once).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {CollectRun} from '../../src/collect/index.js'
import {governanceOf} from '../../src/collect/index.js'
import type {CollectedProject} from '../../src/core/model.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {PLACES_REPOS, PLACES_WINDOW, writePlacesFixtures} from '../support/governance-places.js'
import {collectFrom, freshCacheDir} from './helpers.js'

describe('maintainers and policies where projects keep them (GitHub emulator)', () => {
  let emulator: GithubEmulator
  let cacheDir: string
  let cold: CollectRun
  const project = (repo: string): CollectedProject => cold.projects.find((p) => p.repo === `github.com/${repo}`)!

  beforeAll(async () => {
    emulator = await startGithubEmulator({roots: [writePlacesFixtures()], token: 'ghp_placesToken0123456789abcdefABCD'})
    cacheDir = await freshCacheDir()
    cold = await collectFrom(emulator.url, PLACES_REPOS, {
      cacheDir,
      token: 'ghp_placesToken0123456789abcdefABCD',
      ...PLACES_WINDOW,
    })
  })
  afterAll(() => emulator?.close())

  it('follows the MAINTAINERS pointer of fluxcd/flux2 to fluxcd/community CORE-MAINTAINERS, with its revision date', () => {
    expect(cold.incomplete).toBe(false)
    const flux = project('fluxcd/flux2')
    const pointed = flux.governance.find((f) => f.path === 'external/fluxcd__community/CORE-MAINTAINERS')
    expect(pointed).toMatchObject({
      origin: {place: 'pointer', repo: 'github.com/fluxcd/community', via: 'MAINTAINERS:8'},
      revision: {date: '2024-02-01T12:00:00Z'},
    })
    const governance = governanceOf(flux)
    expect(governance.maintainers.rule).toBe('MAINTAINERS file: maintainers and committers')
    expect(
      governance.maintainers.holders.map((h) => [h.login, h.declaredAffiliation, h.declaredAsOf, h.place]),
    ).toContainEqual(['stefanprodan', 'ControlPlane', '2024-02-01', 'pointer'])
    expect(governance.maintainers.holders).toHaveLength(9)
  })

  it("finds the organisation's SECURITY.md default and says where it looked", () => {
    const flux = project('fluxcd/flux2')
    expect(flux.governance.find((f) => f.path === 'external/fluxcd__.github/SECURITY.md')?.origin).toEqual({
      place: 'organisation',
      repo: 'github.com/fluxcd/.github',
      scope: 'organisation',
    })
    expect(flux.searched).toEqual([
      {place: 'repository', repo: 'github.com/fluxcd/flux2'},
      {place: 'pointer', repo: 'github.com/fluxcd/community'},
      {place: 'organisation', repo: 'github.com/fluxcd/community'},
      {place: 'organisation', repo: 'github.com/fluxcd/governance'},
      {place: 'organisation', repo: 'github.com/fluxcd/.github'},
      {place: 'foundation', repo: 'github.com/cncf/foundation/project-maintainers.csv'},
    ])
  })

  it("takes a repository's maintainers from the foundation's list, or its section of the organisation's files", () => {
    const controller = governanceOf(project('fluxcd/source-controller'))
    expect(controller.maintainers.rule).toBe('foundation list: the project maintainers it names')
    expect(controller.maintainers.holders).toHaveLength(14)
    expect(controller.maintainers.holders[0]).toMatchObject({
      login: 'stefanprodan',
      declaredAffiliation: 'ControlPlane',
    })
    const keda = governanceOf(project('kedacore/keda'))
    expect(keda.maintainers.rule).toBe("organisation files: the project's maintainers and the organisation's")
    expect(keda.maintainers.holders.map((h) => h.login)).toEqual([
      'wozniakjan',
      'jeffhollan',
      'jorturfer',
      'zroubalik',
      'rickbrouwer',
    ])
  })

  it('reports maintainers unknown, not zero, with every place searched', () => {
    const widget = project('example-lone/widget')
    const governance = governanceOf(widget)
    expect(governance.maintainers).toMatchObject({rule: 'no governance file names maintainers', holders: []})
    expect(widget.searched?.map((s) => `${s.place}: ${s.repo}`)).toEqual([
      'repository: github.com/example-lone/widget',
      'organisation: github.com/example-lone/community',
      'organisation: github.com/example-lone/governance',
      'organisation: github.com/example-lone/.github',
      'foundation: github.com/cncf/foundation/project-maintainers.csv',
    ])
  })

  it('resolves a CODEOWNERS team with the token; a team GitHub does not show stays an unresolved role holder', () => {
    const engine = project('example-teams/engine')
    expect(engine.teams).toEqual({'example-teams/core': {members: ['ada-teams', 'lin-teams']}})
    expect(governanceOf(engine).maintainers.holders.map((h) => [h.login, h.via])).toEqual([
      ['ada-teams', '@example-teams/core'],
      ['lin-teams', '@example-teams/core'],
    ])
    const motor = project('example-teams/motor')
    expect(motor.teams).toEqual({
      'example-teams/hidden': {members: null, reason: 'not visible with this token (GitHub answered 404)'},
    })
    expect(governanceOf(motor).maintainers).toMatchObject({holders: [], teams: ['example-teams/hidden']})
  })

  it('follows a README line saying who maintains the repository to the file of it it links, once', () => {
    const gadget = project('example-wg/gadget')
    expect(gadget.governance.find((f) => f.path === 'external/example-wg__gadget/TEAM.md')?.origin).toEqual({
      place: 'pointer',
      repo: 'github.com/example-wg/gadget',
      via: 'README.md:9',
    })
    const governance = governanceOf(gadget)
    expect(governance.maintainers.rule).toBe('file the README says maintains the repository: maintainers')
    expect(governance.maintainers.holders.map((h) => [h.login, h.place])).toEqual([
      ['kim-wg', 'pointer'],
      ['lee-wg', 'pointer'],
    ])
    expect(governance.roles.map((r) => [r.login, r.role, r.kind])).toEqual([
      ['sam-wg', 'maintainer', 'readme'],
      ['kim-wg', 'maintainer', 'linked'],
      ['lee-wg', 'maintainer', 'linked'],
      ['ola-wg', 'emeritus', 'linked'],
    ])
  })

  it("does not follow an absolute link to the repository's own file not named for a group (CONTRIBUTING.md)", () => {
    const gizmo = project('example-wg/gizmo')
    expect(gizmo.governance.filter((f) => f.origin?.place === 'pointer')).toEqual([])
    expect(gizmo.searched?.filter((s) => s.place === 'pointer')).toEqual([])
    expect(governanceOf(gizmo).maintainers.holders).toEqual([])
  })

  it('reads each organisation and the foundation once in the run: within the request budget cold, none warm', async () => {
    const commits = cold.projects.reduce((n, p) => n + p.commits.length, 0)
    expect(cold.requests.total).toBeLessThanOrEqual(4 * PLACES_REPOS.length + commits / 100)
    const graphql = emulator.requests.filter((r) => r.method === 'POST')
    // One governance query per project (the shared places ride in the first of each organisation) + profiles + the
    // file example-wg/gadget's README links (TEAM.md, never asked of every repository); none for the CONTRIBUTING.md
    // example-wg/gizmo's README links.
    expect(graphql).toHaveLength(PLACES_REPOS.length + 2)
    const teams = emulator.requests.filter((r) => r.url.includes('/teams/'))
    expect(teams.map((r) => [r.url.replace(/\?.*/, ''), r.status])).toEqual([
      ['/orgs/example-teams/teams/core/members', 200],
      ['/orgs/example-teams/teams/hidden/members', 404],
    ])
    const warm = await collectFrom(emulator.url, PLACES_REPOS, {
      cacheDir,
      token: 'ghp_placesToken0123456789abcdefABCD',
      ...PLACES_WINDOW,
    })
    expect(warm.requests.total).toBe(0)
    expect(warm.projects).toEqual(cold.projects)
  })

  it('anonymous: reads the same places through REST, teams stay unresolved without asking', async () => {
    const anonymous = await startGithubEmulator({roots: [writePlacesFixtures()]})
    try {
      const run = await collectFrom(anonymous.url, PLACES_REPOS, {token: undefined, ...PLACES_WINDOW})
      expect(run.incomplete).toBe(false)
      const flux = run.projects.find((p) => p.repo === 'github.com/fluxcd/flux2')!
      expect(governanceOf(flux).maintainers.holders).toHaveLength(9)
      expect(flux.governance.map((f) => f.path)).toContain('external/fluxcd__.github/SECURITY.md')
      const motor = run.projects.find((p) => p.repo === 'github.com/example-teams/motor')!
      expect(motor.teams?.['example-teams/hidden']).toEqual({
        members: null,
        reason: 'team members are only visible with a token',
      })
      expect(anonymous.requests.some((r) => r.url.includes('/teams/'))).toBe(false)
    } finally {
      await anonymous.close()
    }
  })
})
