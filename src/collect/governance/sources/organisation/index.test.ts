import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {GovernanceFile} from '../../../../core/model.js'
import {governanceOf} from '../../index.js'
import {source} from './index.js'

const real = join(import.meta.dirname, '../../__fixtures__/real')
const keda = {host: 'github.com', owner: 'kedacore', name: 'keda'}

function orgFile(repo: string, path: string, content: string, project = keda): GovernanceFile | undefined {
  const [owner, name] = repo.split('/')
  const file: GovernanceFile = {
    path: `external/${owner}__${name}/${path}`,
    content,
    origin: {place: 'organisation', repo: `github.com/${repo}`},
  }
  const kept = source.extract?.(file, project)
  return kept && {...file, content: kept.content, origin: {...file.origin!, scope: kept.scope}}
}

function collected(repo: string, governance: GovernanceFile[]) {
  return {
    repo: `github.com/${repo}`,
    source: 'github' as const,
    status: 'ok' as const,
    window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
    commits: [],
    governance,
    profiles: {},
  }
}

describe('organisation files', () => {
  it('reads the community, governance and .github repositories of the organisation', () => {
    const locations = source.locations?.(keda) ?? []
    expect(locations.map((l) => `${l.owner}/${l.name} ${l.shared}`)).toEqual([
      'kedacore/community organisation',
      'kedacore/community project',
      'kedacore/governance organisation',
      'kedacore/governance project',
      'kedacore/.github organisation',
    ])
    expect(locations[1].paths).toContain('keda/MAINTAINERS.md')
    expect(locations[4].paths).toEqual(
      expect.arrayContaining(['SECURITY.md', '.github/SECURITY.md', 'docs/SECURITY.md']),
    )
    // Scanning the community repository itself: it is not its own organisation file.
    expect(source.locations?.({...keda, name: 'community'}).map((l) => l.name)).not.toContain('community')
  })

  it("keeps the project's section and the organisation's, not the other repositories' (real: kedacore/governance MEMBERS.md)", () => {
    const content = readFileSync(join(real, 'kedacore__governance', 'MEMBERS.md'), 'utf8')
    const file = orgFile('kedacore/governance', 'MEMBERS.md', content)!
    expect(file.origin?.scope).toBe('project')
    expect(file.content.split('\n')).toHaveLength(content.split('\n').length)
    expect(file.content).not.toContain('Fedosin')
    const governance = governanceOf(collected('kedacore/keda', [file]))
    expect(governance.maintainers.rule).toBe("organisation files: the project's maintainers and the organisation's")
    expect(governance.maintainers.holders.map((h) => [h.login, h.scope, h.declaredAffiliation, h.place])).toEqual([
      ['wozniakjan', 'organisation', 'Kedify', 'organisation'],
      ['jeffhollan', 'organisation', 'Snowflake', 'organisation'],
      ['jorturfer', 'organisation', 'Schwarz Digits', 'organisation'],
      ['zroubalik', 'organisation', 'Kedify', 'organisation'],
      ['rickbrouwer', 'project', 'Dienst Uitvoering Onderwijs', 'organisation'],
    ])
    const reviewers = governance.roles.filter((r) => r.role === 'reviewer').map((r) => r.login)
    expect(reviewers).toEqual(['dttung2905', 'spiritzhou'])
    expect(governance.roles.filter((r) => r.role === 'emeritus')).toHaveLength(6)
  })

  it('an organisation-wide list counts only when nothing closer names anyone', () => {
    const content = readFileSync(join(real, 'kedacore__governance', 'MEMBERS.md'), 'utf8')
    const docs = {...keda, name: 'keda-docs'}
    const file = orgFile('kedacore/governance', 'MEMBERS.md', content, docs)!
    const wide = governanceOf(collected('kedacore/keda-docs', [file]))
    expect(wide.maintainers.rule).toBe('organisation-wide list: maintainers')
    expect(wide.maintainers.holders.map((h) => h.login)).toEqual(['wozniakjan', 'jeffhollan', 'jorturfer', 'zroubalik'])
    const own = governanceOf(collected('kedacore/keda-docs', [file, {path: 'MAINTAINERS', content: '@docs-lead\n'}]))
    expect(own.maintainers.holders.map((h) => h.login)).toEqual(['docs-lead'])
    // Not the maintainers: an organisation-wide list adds nobody to the role holders.
    expect(own.roles.map((r) => r.login)).not.toContain('wozniakjan')
  })

  it('takes the rows of a table with a project column that name the repository', () => {
    const content = [
      '# Example maintainers',
      '',
      '| Project | Maintainer | GitHub | Company |',
      '|---|---|---|---|',
      '| widget | Ada L | @ada-example | Example Corp |',
      '| [gadget](https://github.com/example/gadget) | Lin T | @lin-example | Sample Labs |',
      '| widget, gadget | Mo K | @mo-example | Independent |',
    ].join('\n')
    const widget = {host: 'github.com', owner: 'example', name: 'widget'}
    const file = orgFile('example/community', 'MAINTAINERS.md', content, widget)!
    expect(file.content.split('\n')[5]).toBe('')
    const governance = governanceOf(collected('example/widget', [file]))
    expect(governance.maintainers.holders.map((h) => [h.login, h.declaredAffiliation, h.source])).toEqual([
      ['ada-example', 'Example Corp', 'external/example__community/MAINTAINERS.md:5'],
      ['mo-example', 'Independent', 'external/example__community/MAINTAINERS.md:7'],
    ])
  })

  it("keeps the .github repository's health files whole, and reads no people from them", () => {
    const content = readFileSync(join(real, 'fluxcd__.github', 'SECURITY.md'), 'utf8')
    const flux = {host: 'github.com', owner: 'fluxcd', name: 'flux2'}
    const file = orgFile('fluxcd/.github', 'SECURITY.md', content, flux)!
    expect(file).toMatchObject({content, origin: {scope: 'organisation'}})
    expect(governanceOf(collected('fluxcd/flux2', [file])).roles).toEqual([])
  })

  it('reads a per-project file of the community repository whole (`<repo>/MAINTAINERS.md`)', () => {
    const widget = {host: 'github.com', owner: 'example', name: 'widget'}
    const content =
      '# Widget maintainers\n\n| Name | GitHub | Company |\n|---|---|---|\n| Ada | @ada-example | Example Corp |\n'
    const file = orgFile('example/community', 'widget/MAINTAINERS.md', content, widget)!
    expect(file).toMatchObject({content, origin: {scope: 'project'}})
    const governance = governanceOf(collected('example/widget', [file]))
    expect(governance.maintainers.rule).toBe("organisation files: the project's maintainers and the organisation's")
    expect(governance.maintainers.holders.map((h) => [h.login, h.scope, h.declaredAffiliation])).toEqual([
      ['ada-example', 'project', 'Example Corp'],
    ])
  })
})
