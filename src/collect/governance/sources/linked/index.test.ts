import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseGovernanceFiles, pointersIn, selectMaintainers} from '../../index.js'
import {relativeLinks} from '../../links.js'
import {isGroupFile} from '../../paths.js'

const real = (path: string) =>
  readFileSync(join(import.meta.dirname, '../../__fixtures__/real/webpack__webpack', path), 'utf8')
const project = {host: 'github.com', owner: 'webpack', name: 'webpack'}

describe('real files: webpack/webpack README.md and WORKING_GROUP.md (__fixtures__/real/SOURCES.md)', () => {
  const readme = {path: 'README.md', content: real('README.md')}
  const workingGroup = {
    path: 'external/webpack__webpack/WORKING_GROUP.md',
    content: real('WORKING_GROUP.md'),
    origin: {place: 'pointer' as const, repo: 'github.com/webpack/webpack', via: 'README.md:20'},
  }

  it('points from the README line saying who maintains the repository to the file it links, though the README names its TSC', () => {
    expect(pointersIn([readme], project)).toEqual([
      {owner: 'webpack', name: 'webpack', path: 'WORKING_GROUP.md', from: 'README.md:20'},
    ])
  })

  it('reads the working group\'s "Members" as maintainers, "Emeritus Members" as emeritus, and nobody under "Resources"', () => {
    const {roles} = parseGovernanceFiles([workingGroup], project)
    expect(roles.map((r) => [r.login, r.role, r.section, r.line, r.kind, r.place])).toEqual([
      ['alexander-akait', 'maintainer', 'Members', 26, 'linked', 'pointer'],
      ['avivkeller', 'maintainer', 'Members', 28, 'linked', 'pointer'],
      ['bjohansebas', 'maintainer', 'Members', 30, 'linked', 'pointer'],
      ['hai-x', 'maintainer', 'Members', 32, 'linked', 'pointer'],
      ['sokra', 'maintainer', 'Members', 34, 'linked', 'pointer'],
      ['snitin315', 'maintainer', 'Members', 36, 'linked', 'pointer'],
      ['thelarkinn', 'maintainer', 'Members', 38, 'linked', 'pointer'],
      ['xiaoxiaojx', 'maintainer', 'Members', 40, 'linked', 'pointer'],
      ['jhnns', 'emeritus', 'Emeritus Members', 45, 'linked', 'pointer'],
      ['joshwiens', 'emeritus', 'Emeritus Members', 47, 'linked', 'pointer'],
      ['spacek33z', 'emeritus', 'Emeritus Members', 49, 'linked', 'pointer'],
    ])
    // Addresses beside the names are no companies.
    expect(roles.filter((r) => r.declaredAffiliation)).toEqual([])
  })

  it("reads the file only when the repository's own README links it, never where found", () => {
    const people = (file: object) => parseGovernanceFiles([file as never], project).roles.map((r) => [r.login, r.role])
    // In the repository's tree (a vendored copy), through another file's pointer, another repository's, or no project.
    expect(people({path: 'WORKING_GROUP.md', content: workingGroup.content})).toEqual([])
    expect(people({path: 'vendor/example/WORKING_GROUP.md', content: workingGroup.content})).toEqual([])
    expect(people({...workingGroup, origin: {...workingGroup.origin, via: 'MAINTAINERS.md:3'}})).toEqual([])
    expect(
      people({...workingGroup, origin: {...workingGroup.origin, via: 'external/webpack__cli/README.md:3'}}),
    ).toEqual([])
    expect(people({...workingGroup, origin: {...workingGroup.origin, repo: 'github.com/webpack/other'}})).toEqual([])
    expect(parseGovernanceFiles([workingGroup]).roles).toEqual([])
    expect(people(workingGroup).slice(0, 2)).toEqual([
      ['alexander-akait', 'maintainer'],
      ['avivkeller', 'maintainer'],
    ])
  })

  it("takes the working group as the maintainers, before the README's TSC", () => {
    const {roles, teams} = parseGovernanceFiles([readme, workingGroup], project)
    const maintainers = selectMaintainers(roles, teams)
    expect(maintainers.rule).toBe('file the README says maintains the repository: maintainers')
    expect(maintainers.holders.map((h) => h.login)).toEqual([
      'alexander-akait',
      'avivkeller',
      'bjohansebas',
      'hai-x',
      'sokra',
      'snitin315',
      'thelarkinn',
      'xiaoxiaojx',
    ])
    // Without the file (not read), the README's TSC still are.
    const fallback = selectMaintainers(parseGovernanceFiles([readme], project).roles)
    expect(fallback.rule).toBe('README or AUTHORS role list: maintainers')
    expect(fallback.holders.map((h) => h.login)).toEqual([
      'alexander-akait',
      'avivkeller',
      'evenstensberg',
      'ovflowd',
      'thelarkinn',
    ])
  })
})

describe('README links to a file of the repository', () => {
  it('are followed only from a line saying "maintained by", to a Markdown file named for a group, in the repository', () => {
    const content = [
      '## Maintenance',
      'This repository is maintained by the [Core Team](docs/core-team.md#members) and [us](./CONTRIBUTING.md).',
      'Maintained by [another](../other/TEAM.md), [absolute](/TEAM.md), [elsewhere](https://example.com/TEAM.md).',
      'See the [team](./TEAM.md) too.',
    ].join('\n')
    expect(pointersIn([{path: 'README.md', content}], {host: 'github.com', owner: 'example', name: 'widget'})).toEqual([
      {owner: 'example', name: 'widget', path: 'docs/core-team.md', from: 'README.md:2'},
    ])
    // Not the repository's own README (another repository of the project), or no project known: nothing.
    expect(pointersIn([{path: 'README.md', content}])).toEqual([])
    const other = {path: 'external/example__project/README.md', content}
    expect(pointersIn([other], {host: 'github.com', owner: 'example', name: 'widget'})).toEqual([])
  })

  it('are followed only from a sentence whose subject is the repository itself: "This repository", "The project", its name', () => {
    const lines = [
      'This project is maintained by the [Core Team](./TEAM.md).',
      'Thanks! - **The webpack repository** is maintained by the [Working Group](docs/WORKING_GROUP.md).',
      'Widget is maintained by [the widget team](./widget-team.md).',
      '> The website is maintained by the [docs team](./website/TEAM.md).',
      'Docs maintained by the [docs team](./docs/TEAM.md).',
      'This plugin, maintained by the [plugin team](./plugins/TEAM.md), is separate.',
      'Our CI is maintained by the [infra team](./infra/TEAM.md). See [all teams](./teams/TEAM.md).',
      'A fork of x, which is maintained by [them](./them/TEAM.md).',
    ]
    const found = (line: string) =>
      pointersIn([{path: 'README.md', content: line}], {host: 'github.com', owner: 'example', name: 'widget'}).map(
        (p) => p.path,
      )
    expect(lines.map(found)).toEqual([['TEAM.md'], ['docs/WORKING_GROUP.md'], ['widget-team.md'], [], [], [], [], []])
  })

  it('are paths of the repository: a title dropped, no Windows path or home folder', () => {
    const line = [
      '[a](./TEAM.md "The team")',
      "[b](docs/core-team.md  'Core')",
      '[c](.\\WIN-TEAM.md)',
      '[d](~/HOME-TEAM.md)',
      '[e](docs\\teams.md)',
      '[f](<./wg/TEAM.md> "WG")',
    ].join(' ')
    expect(relativeLinks(line)).toEqual(['TEAM.md', 'docs/core-team.md', 'wg/TEAM.md'])
  })

  it('lead to files named for a group', () => {
    const named = ['WORKING_GROUP.md', 'working-groups.md', 'TEAM.md', 'core-team.markdown', 'MAINTAINERS.md']
    expect(named.filter(isGroupFile)).toEqual(named)
    const others = ['CONTRIBUTING.md', 'teamwork.md', 'TEAM.txt', 'steam.md', 'working.md', '.md']
    expect(others.filter(isGroupFile)).toEqual([])
  })
})
