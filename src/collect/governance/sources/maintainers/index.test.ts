import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {people} from '../../__fixtures__/people.js'
import {formatProblem} from '../../../../core/problem.js'
import {governanceOf, MAX_PROBLEMS_PER_FILE, parseGovernanceFiles, pointersIn} from '../../index.js'

describe('plain MAINTAINERS', () => {
  it('reads containerd-style CSV rows under COMMITTERS / REVIEWERS headings', () => {
    const content = [
      '# example project maintainers',
      '#',
      '# See GOVERNANCE.md for committer versus reviewer roles',
      '#',
      '# COMMITTERS',
      '# GitHub ID, Name, Email address, GPG fingerprint',
      '"ada-l","Ada L","ada@example.com","C020 EA87"',
      '"grace-h","Grace H","grace@example.org",""',
      '#',
      '# REVIEWERS',
      '# GitHub ID, Name, Email address, GPG fingerprint',
      '"lin-t","Lin T","lin@example.net",""',
      '"not valid!","Bad Row","x@example.net",""',
      '# EMERITUS',
      '"old-one","Old One","old@example.com",""',
    ].join('\n')
    const {roles, problems} = parseGovernanceFiles([{path: 'external/example__project/MAINTAINERS', content}])
    expect(roles.map((r) => [r.login, r.role, r.section, r.source])).toEqual([
      ['ada-l', 'committer', 'COMMITTERS', 'external/example__project/MAINTAINERS:7'],
      ['grace-h', 'committer', 'COMMITTERS', 'external/example__project/MAINTAINERS:8'],
      ['lin-t', 'reviewer', 'REVIEWERS', 'external/example__project/MAINTAINERS:12'],
      ['old-one', 'emeritus', 'EMERITUS', 'external/example__project/MAINTAINERS:15'],
    ])
    expect(problems).toEqual([
      {file: 'external/example__project/MAINTAINERS', line: 13, message: "'not valid!' is not a GitHub login"},
    ])
  })

  it('reads @handles and profile links on other lines; before any heading people are maintainers', () => {
    const content = [
      'Ada L <ada@example.com> (@ada-l)',
      'Grace H https://github.com/grace-h',
      'Mail only <x@example.com>',
    ].join('\n')
    const {roles} = parseGovernanceFiles([{path: 'MAINTAINERS', content}])
    expect(roles.map((r) => [r.login, r.role])).toEqual([
      ['ada-l', 'maintainer'],
      ['grace-h', 'maintainer'],
    ])
  })
})

describe('MAINTAINERS.md', () => {
  it('reads tables by their GitHub column and declared company column, by section', () => {
    const content = [
      '# Widgets Maintainers',
      '',
      '## Current',
      '',
      '| Maintainer | GitHub ID | Affiliation | Email |',
      '|------------|-----------|-------------|-------|',
      '| Ada L      | @ada-l    | Example Corp | <ada@example.com> |',
      '| Grace H    | [grace-h](https://github.com/grace-h) | Sample Labs | |',
      '| Lin T      | lin-t     | - | |',
      '',
      '## Emeritus',
      '',
      '| Maintainer | GitHub ID | Affiliation |',
      '| --- | --- | --- |',
      '| Old One | [old-one](https://github.com/old-one) | Gone Inc |',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Current', 'Example Corp', 7],
      ['grace-h', 'maintainer', 'Current', 'Sample Labs', 8],
      ['lin-t', 'maintainer', 'Current', null, 9],
      ['old-one', 'emeritus', 'Emeritus', 'Gone Inc', 15],
    ])
  })

  it('reads bullet lists under labels; other roles ("release coordinators") are not maintainers', () => {
    const content = [
      '# Maintainers',
      '',
      'General maintainers:',
      '* Ada L (ada@example.com / @ada-l)',
      '',
      'Maintainers for specific parts of the codebase:',
      '* `storage`',
      '  * `remote`: Grace H (<grace@example.org> / @grace-h), Lin T (<lin@example.net> / @lin-t)',
      '* `web`: Mo K (<mo@example.com> @mo-k),',
      'Continued On Next Line (<cont@example.com> / @cont-line)',
      '',
      'Release coordinators:',
      '* Ada L (<ada@example.com> / @ada-l)',
      '* Rel Person (<rel@example.com> / @rel-person)',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([
      ['ada-l', 'maintainer', 'General maintainers', null, 4],
      ['grace-h', 'maintainer', 'Maintainers for specific parts of the codebase', null, 8],
      ['lin-t', 'maintainer', 'Maintainers for specific parts of the codebase', null, 8],
      ['mo-k', 'maintainer', 'Maintainers for specific parts of the codebase', null, 9],
      ['cont-line', 'maintainer', 'Maintainers for specific parts of the codebase', null, 10],
    ])
  })

  it('directors, under the file\'s "Maintainers" title, hold no role (linkerd/linkerd2 MAINTAINERS.md)', () => {
    const content = [
      '# Maintainers',
      '',
      'The Example maintainers are:',
      '',
      '* Ada L <ada@example.com> @ada-l',
      '',
      '## Directors',
      '',
      'The Example directors are:',
      '',
      '* Grace H <grace@example.org> @grace-h',
      '',
      '## Emeriti',
      '',
      '* Lin T @lin-t',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([
      ['ada-l', 'maintainer', 'The Example maintainers are', null, 5],
      ['lin-t', 'emeritus', 'Emeriti', null, 15],
    ])
  })

  it('a table whose first column is titled by a narrower role gives its rows that role; a title never widens a section', () => {
    const content = [
      '| Maintainer | GitHub ID | Affiliation |',
      '|---|---|---|',
      '| Ada L | [@ada-l](https://github.com/ada-l) | Acme |',
      '',
      '| Reviewer | GitHub ID | Affiliation |',
      '|---|---|---|',
      '| Grace H | [@grace-h](https://github.com/grace-h) | Example Corp |',
      '',
      '## Reviewers',
      '',
      '| Maintainer | GitHub ID |',
      '|---|---|',
      '| Lin T | @lin-t |',
      '',
      '## Emeritus',
      '',
      '| Reviewer | GitHub ID |',
      '|---|---|',
      '| Old One | @old-one |',
      '',
      '## Areas',
      '',
      '| Area | Member | GitHub ID |',
      '|---|---|---|',
      '| CLI | Mo K | @mo-k |',
      '| Name | GitHub ID | Security contact |',
      '|---|---|---|',
      '| Sam P | @sam-p | yes |',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([
      ['ada-l', 'maintainer', null, 'Acme', 3],
      ['grace-h', 'reviewer', null, 'Example Corp', 7],
      ['lin-t', 'reviewer', 'Reviewers', null, 13],
      ['old-one', 'emeritus', 'Emeritus', null, 19],
      ['mo-k', 'maintainer', 'Areas', null, 25],
      ['sam-p', 'maintainer', 'Areas', null, 28],
    ])
  })

  it('real kyverno/kyverno OWNERS.md: the "Reviewer" table below the "Maintainer" one holds a reviewer', () => {
    const content = readFileSync(
      join(import.meta.dirname, '../../__fixtures__/real/kyverno__kyverno/OWNERS.md'),
      'utf8',
    )
    const rows = people('OWNERS.md', content)
    expect(rows[0]).toEqual(['JimBugwadia', 'maintainer', null, 'Nirmata', 3])
    expect(rows.filter((r) => r[1] === 'maintainer')).toHaveLength(9)
    expect(rows.slice(-1)).toEqual([['aerosouund', 'reviewer', null, 'Nirmata', 16]])
  })

  it('a first column gives its rows a role only when titled by the role alone, beside a login column (review findings)', () => {
    const table = (header: string, row: string) =>
      people('MAINTAINERS.md', ['# Maintainers', '', header, header.replace(/[^|]+/g, ' --- '), row].join('\n')).map(
        (r) => [r[0], r[1]],
      )
    expect(table('| Emeritus? | Name | GitHub |', '| no | Ada | @ada-l |')).toEqual([['ada-l', 'maintainer']])
    expect(table('| Security | Name | GitHub |', '| yes | Ada | @ada-l |')).toEqual([['ada-l', 'maintainer']])
    expect(table('| Approvers | Reviewers |', '| @ada-l | @grace-h |')).toEqual([
      ['ada-l', 'maintainer'],
      ['grace-h', 'maintainer'],
    ])
    expect(table('| Reviewer | GitHub |', '| Ada | @ada-l |')).toEqual([['ada-l', 'reviewer']])
    // A row that names someone stays a row of its table above a delimiter-like line (a group divider).
    const divided = ['| Name | GitHub |', '| --- | --- |', '| Ada | @ada-l |', '| --- | --- |', '| Grace | @grace-h |']
    expect(people('MAINTAINERS.md', divided.join('\n')).map((r) => r[0])).toEqual(['ada-l', 'grace-h'])
  })

  it('a person one a line under a long introduction is one of a list, with a company or a role after a comma or a dash', () => {
    const content = [
      '# Maintainers',
      '',
      'This project is maintained by the following people, in alphabetical order',
      '[Ada Lovelace](https://github.com/ada-l), Acme Corp',
      '[Grace Hopper](https://github.com/grace-h) - lead',
      '',
      '```',
      'the words of a long example that is code and never a sentence of this file at all',
      '```',
      '[Alan Turing](https://github.com/alan-t), Bletchley Labs',
    ].join('\n')
    expect(people('MAINTAINERS.md', content).map((r) => [r[0], r[3]])).toEqual([
      ['ada-l', 'Acme Corp'],
      ['grace-h', null],
      ['alan-t', 'Bletchley Labs'],
    ])
  })

  it('real envoyproxy/envoy OWNERS.md: "Friends of Envoy", "not maintainers", hold no role; security team and emeriti apart', () => {
    const content = readFileSync(
      join(import.meta.dirname, '../../__fixtures__/real/envoyproxy__envoy/OWNERS.md'),
      'utf8',
    )
    const rows = people('OWNERS.md', content)
    expect(rows.map((r) => r[0])).not.toContain('lambdai')
    expect(rows[0]).toEqual(['mattklein123', 'maintainer', 'Senior maintainers', null, 11])
    expect(rows.filter((r) => r[1] === 'maintainer')).toHaveLength(24)
    expect(rows.filter((r) => r[1] === 'security-contact')).toHaveLength(10)
    expect(rows.slice(-1)).toEqual([['derekargueta', 'emeritus', 'Emeritus code owners', null, 136]])
  })

  it('skips code blocks and comments; setext headings count', () => {
    const content = [
      'Reviewers',
      '---------',
      '',
      '```',
      '@in-code',
      '```',
      '<!-- @in-comment',
      '-->',
      '- @real-reviewer',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([['real-reviewer', 'reviewer', 'Reviewers', null, 9]])
  })
})

describe('MAINTAINERS.md with reference links (CommonMark link reference definitions)', () => {
  it('real cilium/cilium: `[Name] (Company)` items whose links are defined at the end; the definitions name nobody', () => {
    const content = readFileSync(
      join(import.meta.dirname, '../../__fixtures__/real/cilium__cilium/MAINTAINERS.md'),
      'utf8',
    )
    const rows = people('MAINTAINERS.md', content)
    expect(rows.slice(0, 3)).toEqual([
      ['aditighag', 'committer', 'Cilium Committers', 'Isovalent', 11],
      ['kaworu', 'committer', 'Cilium Committers', 'Isovalent', 12],
      ['aanm', 'committer', 'Cilium Committers', 'Isovalent', 13],
    ])
    expect(rows.find((row) => row[0] === 'fristonio')).toEqual([
      'fristonio',
      'committer',
      'Cilium Committers',
      null,
      22,
    ])
    expect(rows.find((row) => row[0] === 'dlapcevic')).toEqual([
      'dlapcevic',
      'committer',
      'Cilium Committers',
      'Google',
      23,
    ])
    expect(rows.find((row) => row[0] === 'qmonnet')).toEqual([
      'qmonnet',
      'committer',
      'Cilium Committers',
      'Hedgehog',
      49,
    ])
    // The emeritus section is named by its heading, not by the sentence that introduces its list.
    expect(rows.slice(-3)).toEqual([
      ['Weil0ng', 'emeritus', 'Cilium & Hubble Emeritus Committers', 'Google', 68],
      ['anfernee', 'emeritus', 'Cilium & Hubble Emeritus Committers', 'Google', 69],
      ['lzang', 'emeritus', 'Cilium & Hubble Emeritus Committers', 'Google', 70],
    ])
    expect(rows.filter((row) => row[1] === 'committer')).toHaveLength(48)
    expect(rows.filter((row) => row[1] === 'emeritus')).toHaveLength(7)
    expect(rows.filter((row) => row[3] === 'Isovalent')).toHaveLength(39)
  })

  it('full, collapsed and shortcut references, in lists and tables; an undefined label or an image is left as written', () => {
    const content = [
      '# Maintainers',
      '',
      '* [Ada Lovelace][ada] (Analytical Engines Ltd)',
      '* [Grace Hopper][] (Acme Compilers)',
      '* [Edsger Dijkstra], Shortest Paths BV',
      '* [Nobody Defined] (Ghost Corp)',
      '* ![Badge](https://github.com/badge-bot)',
      '',
      '| Name | Company |',
      '|------|---------|',
      '| [alan-t] | Turing Machines |',
      '',
      '  [ada]: https://github.com/ada-l "Ada"',
      '[grace hopper]: <https://github.com/grace-h>',
      '[Edsger   Dijkstra]: https://github.com/edsger-d',
      '[alan-t]: https://github.com/alan-t',
      '[unused]: https://github.com/not-listed',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Maintainers', 'Analytical Engines Ltd', 3],
      ['grace-h', 'maintainer', 'Maintainers', 'Acme Compilers', 4],
      ['edsger-d', 'maintainer', 'Maintainers', 'Shortest Paths BV', 5],
      ['badge-bot', 'maintainer', 'Maintainers', null, 7],
      ['alan-t', 'maintainer', 'Maintainers', 'Turing Machines', 11],
    ])
  })

  it('a parenthesis after a person is a company only after a name of two words or more, and only if it reads as one', () => {
    const content = [
      '# Maintainers',
      '',
      '* @ada-l (Ada Lovelace)',
      '* [@grace-h](https://github.com/grace-h) (Grace Hopper)',
      '* [Edsger](https://github.com/edsger-d) (Shortest Paths BV)',
      '* [Alan Turing](https://github.com/alan-t) (he/him)',
      '* [Barbara Liskov](https://github.com/b-liskov) (on leave)',
      '* [Donald Knuth](https://github.com/d-knuth) (since 2021)',
      '* [Frances Allen](https://github.com/f-allen) (Emeritus)',
      '* [John Backus](https://github.com/j-backus) (lead)',
      '* [Niklaus Wirth](https://github.com/n-wirth) (Wirth)',
      '* [Ken Thompson](https://github.com/k-thompson) (Bell Labs), also on the release team',
      '* [Dennis Ritchie](https://github.com/d-ritchie) (**Bell Labs**)',
      // An autolink is no name's link: what stands before it is prose (review finding).
      'Questions go to <https://github.com/q-desk> (Help Desk)',
    ].join('\n')
    expect(people('MAINTAINERS.md', content).map((row) => [row[0], row[3]])).toEqual([
      ['ada-l', null],
      ['grace-h', null],
      ['edsger-d', null],
      ['alan-t', null],
      ['b-liskov', null],
      ['d-knuth', null],
      ['f-allen', null],
      ['j-backus', null],
      ['n-wirth', null],
      ['k-thompson', null],
      ['d-ritchie', 'Bell Labs'],
      ['q-desk', null],
    ])
  })
})

describe('real files: fluxcd/community CORE-MAINTAINERS (__fixtures__/real/SOURCES.md)', () => {
  it('reads "Name, Company <email> (github: @login)" lines with the company they declare', () => {
    const path = join(import.meta.dirname, '../../__fixtures__/real/fluxcd__community/CORE-MAINTAINERS')
    const {roles, problems} = parseGovernanceFiles([{path: 'CORE-MAINTAINERS', content: readFileSync(path, 'utf8')}])
    expect(problems).toEqual([])
    expect(roles.map((r) => [r.login, r.role, r.declaredAffiliation ?? null, r.line])).toEqual([
      ['relu', 'maintainer', 'NexHealth', 15],
      ['hiddeco', 'maintainer', 'Independent', 16],
      ['stealthybox', 'maintainer', 'ControlPlane', 17],
      ['matheuscscp', 'maintainer', 'ControlPlane', 18],
      ['makkes', 'maintainer', 'Associmates', 19],
      ['pjbgf', 'maintainer', 'SUSE', 20],
      ['aryan9600', 'maintainer', 'Independent', 21],
      ['souleb', 'maintainer', 'Independent', 22],
      ['stefanprodan', 'maintainer', 'ControlPlane', 23],
    ])
  })
})

describe('file names', () => {
  it('are found in any usual case (maintainers.md, Maintainers), never a look-alike', () => {
    const content = '- @ada-l\n'
    for (const path of ['maintainers.md', 'Maintainers.md', 'MAINTAINERS.MD', 'maintainers', 'docs/x/MAINTAINERS'])
      expect(parseGovernanceFiles([{path, content}]).roles.length, path).toBe(path.includes('/') ? 0 : 1)
    expect(parseGovernanceFiles([{path: 'MAINTAINERS-old.md', content}]).roles).toEqual([])
  })
})

describe('real files: spf13/cobra MAINTAINERS (__fixtures__/real/SOURCES.md)', () => {
  it('reads a YAML-like list of bare logins under `maintainers:` and `inactive:`', () => {
    const path = join(import.meta.dirname, '../../__fixtures__/real/spf13__cobra/MAINTAINERS')
    const {roles, problems} = parseGovernanceFiles([{path: 'MAINTAINERS', content: readFileSync(path, 'utf8')}])
    expect(problems).toEqual([])
    expect(roles.map((r) => [r.login, r.role, r.section ?? null, r.line])).toEqual([
      ['spf13', 'maintainer', 'maintainers', 2],
      ['johnSchnake', 'maintainer', 'maintainers', 3],
      ['jpmcb', 'maintainer', 'maintainers', 4],
      ['marckhouzam', 'maintainer', 'maintainers', 5],
      ['anthonyfok', 'emeritus', 'inactive', 7],
      ['bep', 'emeritus', 'inactive', 8],
      ['bogem', 'emeritus', 'inactive', 9],
      ['broady', 'emeritus', 'inactive', 10],
      ['eparis', 'emeritus', 'inactive', 11],
      ['jharshman', 'emeritus', 'inactive', 12],
      ['wfernandes', 'emeritus', 'inactive', 13],
    ])
  })

  it('reads a one-word item as a login only under a YAML-like key, never under a prose label', () => {
    const content = ['Retired maintainers:', '', '- Sunny', '', 'maintainers:', '- ada-l'].join('\n')
    expect(people('MAINTAINERS', content)).toEqual([['ada-l', 'maintainer', 'maintainers', null, 6]])
  })
})

describe('MAINTAINERS.md that is a handbook (mochajs/mocha MAINTAINERS.md)', () => {
  it('names nobody in a quotation: an example of what to write (jsdom/jsdom MAINTAINERS.md release notes guide)', () => {
    const content = [
      '# Maintainer guidelines',
      '',
      '## Release notes style guide',
      '',
      'Formatting:',
      '',
      '- Follow the bullet point with a GitHub @-mention for outside contributors, e.g. "Fixed foo. (@person)"',
      '- Credit them “like @someone did”, then thank @ada-l.',
      '',
      'Ask "@nobody" or @grace-h.',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Formatting', null, 8],
      ['grace-h', 'maintainer', 'Formatting', null, 10],
    ])
    // In a list, a quoted handle is one of the list; inch marks are no quotation (review findings).
    expect(people('MAINTAINERS.md', '# Maintainers\n- "@ada-l"\n- 12" Alan @alan-t and 7" Grace @grace-h\n')).toEqual([
      ['ada-l', 'maintainer', 'Maintainers', null, 2],
      ['alan-t', 'maintainer', 'Maintainers', null, 3],
      ['grace-h', 'maintainer', 'Maintainers', null, 3],
    ])
  })

  it('names nobody through code spans or an organisation linked inside a sentence', () => {
    const content = [
      "# Mocha Maintainer's Handbook",
      '',
      '#### About "Owners"',
      '',
      'Some maintainers will have full admin rights to the [example GitHub org](https://github.com/example) and/or will have access to publish to npm.',
      '',
      '1. The documented interface which _is not explicitly tagged with `@private`_',
      '',
      '## About The Foundation',
      '',
      'The Foundation retains copyright of all projects underneath the [example org](https://github.com/example).',
      '',
      '## Maintainers',
      '',
      '[Grace Hopper](https://github.com/grace-h)',
      'Ask @ada-l about releases of the command line and the reporters.',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([
      ['grace-h', 'maintainer', 'Maintainers', null, 15],
      ['ada-l', 'maintainer', 'Maintainers', null, 16],
    ])
  })
})

describe('MAINTAINERS.md: a sentence across lines', () => {
  it('an organisation linked in a sentence begun on the line above names nobody; people written one a line do', () => {
    const content = [
      '# Example Maintainers',
      '',
      'This page lists the maintainers of this repository. Each repository in the',
      '[Example organization](https://github.com/example/) will list their',
      'maintainers in their own file.',
      '',
      '[Ada Lovelace](https://github.com/ada-l) <ada@example.com>',
      '[Grace Hopper](https://github.com/grace-h) <grace@example.org>',
      'Maintained since 2019:',
      '[Lin T](https://github.com/lin-t)',
      '',
      'The people who look after this project, in the order they joined, are',
      '[Mo K](https://github.com/mo-k) <mo@example.com>',
      '[Sam P](https://github.com/sam-p)',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Example Maintainers', null, 7],
      ['grace-h', 'maintainer', 'Example Maintainers', null, 8],
      ['lin-t', 'maintainer', 'Maintained since 2019', null, 10],
      ['mo-k', 'maintainer', 'Maintained since 2019', null, 13],
      ['sam-p', 'maintainer', 'Maintained since 2019', null, 14],
    ])
  })

  it('a line starting with an autolink is a paragraph, not an HTML block whose every link would name someone', () => {
    const content = [
      '# Maintainers',
      '',
      '- Ada L',
      '  <https://github.com/ada-l>',
      '',
      '<https://github.com/example> hosts the repositories of the whole project, and their issues.',
      '<https://github.com/grace-h>',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Maintainers', null, 4],
      ['grace-h', 'maintainer', 'Maintainers', null, 7],
    ])
  })

  it('real crossplane/crossplane OWNERS.md: the organisation linked mid-sentence is nobody; maintainers and emeriti are read', () => {
    const content = readFileSync(
      join(import.meta.dirname, '../../__fixtures__/real/crossplane__crossplane/OWNERS.md'),
      'utf8',
    )
    const rows = people('OWNERS.md', content)
    expect(rows.map((r) => r[0])).not.toContain('crossplane')
    expect(rows.slice(0, 2)).toEqual([
      ['negz', 'maintainer', 'Maintainers', null, 14],
      ['bobh66', 'maintainer', 'Maintainers', null, 15],
    ])
    expect(rows.filter((r) => r[1] === 'maintainer')).toHaveLength(6)
    expect(rows.filter((r) => r[1] === 'emeritus')).toHaveLength(5)
  })
})

describe('real files: docker/buildx MAINTAINERS, the Docker/Moby TOML format (__fixtures__/real/SOURCES.md)', () => {
  it('reads `people` of the [Org.<group>] tables as the [people.<key>] GitHub logins; curators hold no role', () => {
    const path = join(import.meta.dirname, '../../__fixtures__/real/docker__buildx/MAINTAINERS')
    const {roles, problems} = parseGovernanceFiles([{path: 'MAINTAINERS', content: readFileSync(path, 'utf8')}])
    expect(problems).toEqual([])
    expect(roles.map((r) => [r.login, r.role, r.section ?? null, r.declaredAffiliation ?? null, r.line])).toEqual([
      ['AkihiroSuda', 'maintainer', 'Maintainers', null, 153],
      ['crazy-max', 'maintainer', 'Maintainers', null, 154],
      ['jedevc', 'maintainer', 'Maintainers', null, 155],
      ['jsternberg', 'maintainer', 'Maintainers', null, 156],
      ['tiborvass', 'maintainer', 'Maintainers', null, 157],
      ['tonistiigi', 'maintainer', 'Maintainers', null, 158],
    ])
  })

  it('reads the last key without a comma, one-line arrays, alumni; skips prose in triple quotes', () => {
    const content = [
      '[Rules]',
      '\t[Rules.x]',
      '\ttext = """',
      '"not-a-person",',
      '"""',
      '[Org]',
      '\t[Org."Core maintainers"]',
      '\t\tpeople = [',
      '\t\t\t"ada-l",',
      '\t\t\t"grace"',
      '\t\t]',
      '\t[Org.Alumni]',
      '\t\tpeople = ["old-one", "bad key"] # gone',
      '[people]',
      '\t[people.grace]',
      '\tName = "Grace H"',
      '\tEmail = "grace@example.com"',
      '\tGitHub = "grace-h"',
    ].join('\n')
    const {roles, problems} = parseGovernanceFiles([{path: 'MAINTAINERS', content}])
    expect(roles.map((r) => [r.login, r.role, r.section ?? null, r.declaredAffiliation ?? null, r.line])).toEqual([
      ['ada-l', 'maintainer', 'Core maintainers', null, 9],
      ['grace-h', 'maintainer', 'Core maintainers', null, 10],
      ['old-one', 'emeritus', 'Alumni', null, 13],
    ])
    expect(problems).toEqual([{file: 'MAINTAINERS', line: 13, message: "'bad key' is not a GitHub login"}])
  })
})

describe('MAINTAINERS.rst (reStructuredText)', () => {
  const real = (dir: string) =>
    readFileSync(join(import.meta.dirname, '../../__fixtures__/real', dir, 'MAINTAINERS.rst'), 'utf8')

  it('real cilium/cilium: `Name`_ references resolved through the targets at the end, which name nobody themselves; "(Company)" after the name', () => {
    const rows = people('MAINTAINERS.rst', real('cilium__cilium'))
    expect(rows.slice(0, 8)).toEqual([
      ['aanm', 'maintainer', 'Cilium Maintainers', 'Isovalent', 4],
      ['joestringer', 'maintainer', 'Cilium Maintainers', 'Isovalent', 5],
      ['glibsm', 'maintainer', 'Hubble Maintainers', 'Isovalent', 10],
      ['gandro', 'maintainer', 'Hubble Maintainers', 'Isovalent', 11],
      ['christarazi', 'maintainer', 'Cilium & Hubble Core Team', 'Isovalent', 16],
      ['borkmann', 'maintainer', 'Cilium & Hubble Core Team', 'Isovalent', 17],
      ['fristonio', 'maintainer', 'Cilium & Hubble Core Team', null, 18],
      ['eloycoto', 'maintainer', 'Cilium & Hubble Core Team', 'Red Hat', 19],
    ])
    expect(rows.slice(-1)).toEqual([['lzang', 'maintainer', 'Cilium & Hubble Core Team', 'Google', 39]])
    expect(rows).toHaveLength(28)
  })

  it('real hyperledger-labs/blockchain-explorer: a grid table read by its GitHub column (not Gerrit); an empty cell names nobody', () => {
    expect(people('MAINTAINERS.rst', real('hyperledger-labs__blockchain-explorer'))).toEqual([
      ['adamk1230', 'maintainer', 'Maintainers', null, 11],
      ['nekia', 'maintainer', 'Maintainers', null, 13],
      ['jeevasang', 'maintainer', 'Maintainers', null, 17],
      ['edwardsm26', 'maintainer', 'Maintainers', null, 19],
      ['nickfrunza', 'maintainer', 'Maintainers', null, 21],
      ['xspeedcruiser', 'maintainer', 'Maintainers', null, 23],
      ['umadiraju', 'maintainer', 'Maintainers', null, 25],
      ['vchinoy-da', 'maintainer', 'Maintainers', null, 27],
    ])
  })

  it('real hathach/tinyusb: inline `Name <profile>`__ links; a role after the person is no company', () => {
    expect(people('MAINTAINERS.rst', real('hathach__tinyusb'))).toEqual([
      ['hathach', 'maintainer', 'Maintainers', null, 5],
      ['HiFiPhile', 'maintainer', 'Maintainers', null, 6],
    ])
  })

  it('list-tables by their header and caption, grid tables with multi-line rows and a company column; comments name nobody', () => {
    const content = [
      '..',
      '   Maintained by @not-a-person (a comment)',
      '',
      '   =====  Heading 0',
      '',
      'Committers',
      '==========',
      '',
      '.. list-table:: Example Emeritus Maintainers',
      '   :header-rows: 1',
      '',
      '   * - Name',
      '     - GitHub',
      '   * - Ada L',
      '     - ada-l',
      '   * - Lin T',
      '     -',
      '',
      '.. list-table:: Example Committers',
      '   :header-rows: 1',
      '',
      '   * - Name',
      '     - GitHub',
      '     - Affiliation',
      '   * - Grace H',
      '     - `grace-h <https://github.com/grace-h>`_',
      '     - Example',
      '       Corp',
      '',
      '+----------+---------+-------------+',
      '| Name     | GitHub  | Affiliation |',
      '+==========+=========+=============+',
      '| Kim P    | kim-p   | Sample      |',
      '|          |         | Labs        |',
      '+----------+---------+-------------+',
      '| Bo Q     | `Bo`_   |             |',
      '+----------+---------+-------------+',
      '',
      '.. _Bo: https://github.com/bo-q',
      '.. |sub| replace:: https://github.com/not-a-person-either',
    ].join('\n')
    expect(people('MAINTAINERS.rst', content)).toEqual([
      ['ada-l', 'emeritus', 'Example Emeritus Maintainers', null, 14],
      ['grace-h', 'committer', 'Example Committers', 'Example Corp', 25],
      ['kim-p', 'committer', 'Committers', 'Sample Labs', 33],
      ['bo-q', 'committer', 'Committers', null, 36],
    ])
  })

  it('a handbook names nobody (zephyrproject-rtos/west style: release steps, links to repositories)', () => {
    const content = [
      'Notes for maintainers.',
      '',
      'Tagging the release',
      '-------------------',
      '',
      '- create a release on GitHub from the new tag by going to',
      '  https://github.com/example/tool/releases',
      '',
      'Check ``git log`` and send email to announce@ and users@.',
      '',
      '.. _CONTRIBUTING.rst: https://github.com/example/tool/blob/main/CONTRIBUTING.rst',
    ].join('\n')
    expect(people('MAINTAINERS.rst', content)).toEqual([])
  })
})

describe('prose in a MAINTAINERS.md or .rst', () => {
  it('a sentence listing many people by name and @handle names them all (the names beside handles are no story)', () => {
    const names = ['Ada Lee', 'Bo Park', 'Cy Diaz', 'Di Moss', 'Ed Chan', 'Flo Hart', 'Gus Ray', 'Hal Ortiz']
    const listed = names.map((name) => `${name} (@${name.toLowerCase().replace(' ', '-')})`)
    const content = `# Maintainers\n\nThe maintainers are ${listed.slice(0, -1).join(', ')} and ${listed.at(-1)}.\n`
    expect(people('MAINTAINERS.md', content).map(([login]) => login)).toEqual(
      names.map((name) => name.toLowerCase().replace(' ', '-')),
    )
  })

  it('a long sentence crediting people by @handle names no maintainer; a short one, or a line of handles, does', () => {
    const story =
      'The schema was originally conceived by Ada L (@ada-l) and Grace H (@grace-h) as part of an initiative, with the reference implemented in Java by Lin T (@lin-t).'
    const content = [
      'Example Maintainers',
      '===================',
      '',
      story,
      '',
      'Maintained by @kim-p and @bo-q.',
      '',
      '@one-a @two-b @three-c @four-d @five-e @six-f @seven-g @eight-h @nine-i @ten-j @eleven-k @twelve-l',
      '',
      'The current maintainers are:',
      '',
      '- Lin T (@lin-t)',
    ].join('\n')
    expect(people('MAINTAINERS.rst', content).map(([login, role, , , line]) => `${login} ${role} ${line}`)).toEqual([
      'kim-p maintainer 6',
      'bo-q maintainer 6',
      'one-a maintainer 8',
      'two-b maintainer 8',
      'three-c maintainer 8',
      'four-d maintainer 8',
      'five-e maintainer 8',
      'six-f maintainer 8',
      'seven-g maintainer 8',
      'eight-h maintainer 8',
      'nine-i maintainer 8',
      'ten-j maintainer 8',
      'eleven-k maintainer 8',
      'twelve-l maintainer 8',
      'lin-t maintainer 12',
    ])
    expect(people('MAINTAINERS.md', `# Maintainers\n\n${story}\n`)).toEqual([])
  })
})

describe('real files: hyperium/hyper docs/MAINTAINERS.md (__fixtures__/real/SOURCES.md)', () => {
  const content = readFileSync(
    join(import.meta.dirname, '../../__fixtures__/real/hyperium__hyper/docs/MAINTAINERS.md'),
    'utf8',
  )
  it('is asked for and read in docs/, its advisors holding no role', async () => {
    const {repositoryPaths} = await import('../../index.js')
    expect(repositoryPaths()).toContain('docs/MAINTAINERS.md')
    const rows = people('docs/MAINTAINERS.md', content)
    expect(rows.filter((r) => r[1] !== 'emeritus').map((r) => [r[0], r[1], r[2], r[4]])).toEqual([
      ['programatik29', 'triager', 'Triagers', 7],
      ['oddgrd', 'triager', 'Triagers', 8],
      ['seanmonstar', 'committer', 'Collaborators', 12],
      ['sfackler', 'committer', 'Collaborators', 13],
      ['dswij', 'committer', 'Collaborators', 14],
      ['tottoto', 'committer', 'Collaborators', 15],
      ['cratelyn', 'committer', 'Collaborators', 16],
      ['seanmonstar', 'maintainer', 'Maintainers', 37],
    ])
    // "## Advisors" (olix0r, acfoltzer: "Advisors ... offer advice", docs/GOVERNANCE.md) are only emeriti here.
    expect(rows.filter((r) => r[1] === 'emeritus').map((r) => r[0])).toEqual([
      'reem',
      'carllerche',
      'olix0r',
      'hawkw',
      'LucioFranco',
      'acfoltzer',
      'davidpdrsn',
      'nox',
      'Noah-Kennedy',
    ])
    expect(rows.filter((r) => r[3] !== null)).toEqual([])
    // Elsewhere under docs/ only CODEOWNERS is read; a MAINTAINERS.md deeper down is some other project's.
    for (const path of ['docs/MAINTAINERS', 'docs/dev/MAINTAINERS.md', 'site/MAINTAINERS.md'])
      expect(parseGovernanceFiles([{path, content: '- @ada-l'}]).roles, path).toEqual([])
  })
})

describe('a company after a person, written with an abbreviated legal form', () => {
  it('keeps the period of "Inc.", "Ltd.", "Co." and drops a sentence\'s (grpc/grpc-go MAINTAINERS.md "Datadog, Inc.")', () => {
    const content = [
      '## Maintainers',
      '- [ada-l](https://github.com/ada-l), Acme, Inc.',
      '- [grace-h](https://github.com/grace-h), Acme Ltd.',
      '- [lin-t](https://github.com/lin-t), Acme LLC.',
      '- [Mo K](https://github.com/mo-k), Example Co.,',
      '- [Bo Q](https://github.com/bo-q), Sample Labs.',
    ].join('\n')
    expect(people('MAINTAINERS.md', content).map((r) => [r[0], r[3]])).toEqual([
      ['ada-l', 'Acme, Inc.'],
      ['grace-h', 'Acme Ltd.'],
      ['lin-t', 'Acme LLC'],
      ['mo-k', 'Example Co.'],
      ['bo-q', 'Sample Labs'],
    ])
  })
})

describe('teams named by their work in a MAINTAINERS file', () => {
  it('are maintainers of what they look after; a team named with no role ("Triage team") or security stays what it says', () => {
    const content = [
      '# Maintainers',
      '',
      '## Core team',
      '- @ada-l',
      '',
      '## Release team',
      '- @grace-h',
      '',
      '## Docs team',
      '- @lin-t',
      '',
      '## Triage team',
      '- @mo-k',
      '',
      '## Security team',
      '- @sam-q',
      '',
      '## Emeritus team',
      '- @old-one',
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Core team', null, 4],
      ['grace-h', 'maintainer', 'Release team', null, 7],
      ['lin-t', 'maintainer', 'Docs team', null, 10],
      ['sam-q', 'security-contact', 'Security team', null, 16],
      ['old-one', 'emeritus', 'Emeritus team', null, 19],
    ])
    const text = ['# RELEASE TEAM', 'Grace Hopper (@grace-h)', '', 'Triage team:', 'Mo K (@mo-k)'].join('\n')
    expect(people('MAINTAINERS', text)).toEqual([['grace-h', 'maintainer', 'RELEASE TEAM', null, 2]])
  })

  it('are only teams of engineering work on the code; any other team holds no role', () => {
    const content = [
      '# Maintainers',
      '',
      '## Build and CI/Infra team',
      '- @bea-b',
      '',
      '## Testing team',
      '- @tess-t',
      '',
      '## Packaging Team',
      '- @pat-p',
      '',
      ...[
        'Community',
        'Marketing',
        'Moderation',
        'Design',
        'Translation',
        'Program management',
        'Community release',
      ].flatMap((work, i) => [`## ${work} team`, `- @person-${i}`, '']),
    ].join('\n')
    expect(people('MAINTAINERS.md', content)).toEqual([
      ['bea-b', 'maintainer', 'Build and CI/Infra team', null, 4],
      ['tess-t', 'maintainer', 'Testing team', null, 7],
      ['pat-p', 'maintainer', 'Packaging Team', null, 10],
    ])
  })

  it('hold no role in a README, where a team named by its work is that team, not the maintainers', () => {
    expect(people('README.md', '## Release team\n- @grace-h\n')).toEqual([])
  })
})

describe('people named by e-mail address only (`Name <address>`)', () => {
  it('reads underlined headings and address-only people (real: benoitc/gunicorn MAINTAINERS)', () => {
    const content = readFileSync(
      join(import.meta.dirname, '../../__fixtures__/real/benoitc__gunicorn/MAINTAINERS'),
      'utf8',
    )
    const {roles, addressed, problems} = parseGovernanceFiles([{path: 'MAINTAINERS', content}])
    expect(roles).toEqual([])
    expect(problems).toEqual([])
    expect(addressed?.map((p) => [p.name, p.email, p.role, p.section, p.source])).toEqual([
      ['Benoit Chesneau', 'benoitc@gunicorn.org', 'maintainer', 'Core maintainers', 'MAINTAINERS:4'],
      ['Konstantin Kapustin', 'sirkonst@gmail.com', 'maintainer', 'Core maintainers', 'MAINTAINERS:5'],
      ['Randall Leeds', 'randall.leeds@gmail.com', 'maintainer', 'Core maintainers', 'MAINTAINERS:6'],
      ['Berker Peksağ', 'berker.peksag@gmail.com', 'maintainer', 'Core maintainers', 'MAINTAINERS:7'],
      ['Jason Madden', 'jason@nextthought.com', 'maintainer', 'Core maintainers', 'MAINTAINERS:8'],
      ['Brett Randall', 'javabrett@gmail.com', 'maintainer', 'Core maintainers', 'MAINTAINERS:9'],
      ['Paul J. Davis', 'paul.joseph.davis@gmail.com', 'emeritus', 'Alumni', 'MAINTAINERS:19'],
      ['Kenneth Reitz', 'me@kennethreitz.com', 'emeritus', 'Alumni', 'MAINTAINERS:20'],
      ['Nikolay Kim', 'fafhrd91@gmail.com', 'emeritus', 'Alumni', 'MAINTAINERS:21'],
      ['Andrew Svetlov', 'andrew.svetlov@gmail.com', 'emeritus', 'Alumni', 'MAINTAINERS:22'],
      ['Stéphane Wirtel', 'stephane@wirtel.be', 'emeritus', 'Alumni', 'MAINTAINERS:23'],
    ])
  })

  const content = [
    'Maintainers',
    '===========',
    '',
    'Ada Lovelace <ada@example.com>',
    '- Lin Tang <LIN@example.net>',
    'Grace Hopper <grace@example.org>',
    'Nobody Yet <nobody@example.org>',
    '',
    'Former maintainers',
    '------------------',
    'Old One <old@example.com>',
  ].join('\n')
  const commit = (sha: string, email: string, login: string | null) => ({
    sha,
    author: {name: 'whatever the commit says', email, date: '2024-06-01T00:00:00Z'},
    committer: {name: 'GitHub', email: 'noreply@github.com', date: '2024-06-01T00:00:00Z'},
    login,
  })
  const project = {
    repo: 'github.com/example/widget',
    source: 'github' as const,
    status: 'ok' as const,
    window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
    commits: [
      commit('a1', 'ada@example.com', 'ada-l'),
      commit('a2', 'Ada@Example.com', 'ada-l'),
      commit('b1', 'lin@example.net', 'lin-t'),
      // An address GitHub gives two accounts (a recording, a changed account): whose it is stays open.
      commit('c1', 'grace@example.org', 'grace-h'),
      commit('c2', 'grace@example.org', 'someone-else'),
      // A commit without a login (local git, an address no account verified) links nothing.
      commit('d1', 'nobody@example.org', null),
      commit('e1', 'old@example.com', 'old-one'),
    ],
    governance: [{path: 'MAINTAINERS', content}],
    profiles: {},
  }

  it('makes them role holders through the commits GitHub links to an account; the others are unidentified, and told', () => {
    const governance = governanceOf(project)
    expect(governance.roles.map((r) => [r.login, r.role, r.source, r.unidentified ?? false])).toEqual([
      ['ada-l', 'maintainer', 'MAINTAINERS:4', false],
      ['lin-t', 'maintainer', 'MAINTAINERS:5', false],
      ['Grace Hopper <…@example.org>', 'maintainer', 'MAINTAINERS:6', true],
      ['Nobody Yet <…@example.org>', 'maintainer', 'MAINTAINERS:7', true],
      ['old-one', 'emeritus', 'MAINTAINERS:11', false],
    ])
    // Four maintainers, two of them with no account: unknown, never fewer maintainers.
    expect(governance.maintainers.holders.map((h) => h.login)).toEqual([
      'ada-l',
      'lin-t',
      'Grace Hopper <…@example.org>',
      'Nobody Yet <…@example.org>',
    ])
    expect(governance.problems.map(formatProblem)).toEqual([
      'MAINTAINERS:6: Grace Hopper is named by e-mail address only, and commits authored with that address belong to 2 GitHub accounts: counted as a maintainer whose organisation is unknown',
      'MAINTAINERS:7: Nobody Yet is named by e-mail address only, and no commit of the window authored with that address belongs to a GitHub account: counted as a maintainer whose organisation is unknown',
    ])
    // Warnings, not unread files: the run stays complete.
    expect(governance.problems.some((p) => p.unread)).toBe(false)
  })

  it('without commits all are unidentified (emeriti untold); from a local clone the warning says no account is known', () => {
    const governance = governanceOf({...project, commits: []})
    expect(governance.roles.every((r) => r.unidentified)).toBe(true)
    expect(governance.maintainers.holders).toHaveLength(4)
    expect(governance.problems).toHaveLength(4)
    const local = governanceOf({...project, source: 'git' as const})
    expect(local.problems.map(formatProblem)).toContain(
      'MAINTAINERS:7: Nobody Yet is named by e-mail address only, and the commits were read from a local clone, which names no GitHub accounts: counted as a maintainer whose organisation is unknown',
    )
    const pointing = `${content}\nThe list also lives at https://github.com/example/community\n`
    expect(pointersIn([{path: 'MAINTAINERS', content: pointing}])).toEqual([])
  })
})

describe('many people named by address only', () => {
  it("share the file's budget of problems with its parse problems: 100 told in all, the rest counted", () => {
    const content = [
      ...Array.from({length: 60}, (_, i) => `"not valid ${i}!","Bad Row","x@example.net",""`),
      ...Array.from({length: 60}, (_, i) => `Person ${i} <person${i}@example.com>`),
    ].join('\n')
    const governance = governanceOf({
      repo: 'github.com/example/widget',
      source: 'github' as const,
      status: 'ok' as const,
      window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
      commits: [],
      governance: [{path: 'MAINTAINERS', content}],
      profiles: {},
    })
    expect(governance.problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1)
    expect(governance.problems.at(-1)?.message).toBe('and 20 more problems in this file, not listed')
  })

  it('are told at most MAX_PROBLEMS_PER_FILE times a file, the rest counted in one more', () => {
    const content = Array.from({length: 250}, (_, i) => `Person ${i} <person${i}@example.com>`).join('\n')
    const governance = governanceOf({
      repo: 'github.com/example/widget',
      source: 'github' as const,
      status: 'ok' as const,
      window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
      commits: [],
      governance: [{path: 'MAINTAINERS', content}],
      profiles: {},
    })
    expect(governance.problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1)
    expect(governance.problems.at(-1)?.message).toBe(
      `and ${250 - MAX_PROBLEMS_PER_FILE} more problems in this file, not listed`,
    )
  })
})

describe('MAINTAINERS.md people named by e-mail address only', () => {
  it('reads `- Name <address>` and `[Name](mailto:address)` items under their headings; a handle on the line wins', () => {
    const content = [
      '# Maintainers',
      '',
      '- Jane Doe <jane@example.com>',
      '- John Roe <john@example.org> (@jroe)',
      '* [Ada Lovelace](mailto:ada@example.net)',
      '- Not a person <not an address>',
      '',
      '## Emeritus',
      '',
      '- Old One <mailto:old@example.com>',
    ].join('\n')
    const {roles, addressed} = parseGovernanceFiles([{path: 'MAINTAINERS.md', content}])
    expect(roles.map((r) => [r.login, r.role, r.line])).toEqual([['jroe', 'maintainer', 4]])
    expect(addressed?.map((p) => [p.name, p.email, p.role, p.section, p.line])).toEqual([
      ['Jane Doe', 'jane@example.com', 'maintainer', 'Maintainers', 3],
      ['Ada Lovelace', 'ada@example.net', 'maintainer', 'Maintainers', 5],
      ['Old One', 'old@example.com', 'emeritus', 'Emeritus', 10],
    ])
  })

  it('a README line of a name and an address names nobody: README prose may credit anyone', () => {
    const content = '## Maintainers\n\n- Jane Doe <jane@example.com>\n'
    const parsed = parseGovernanceFiles([{path: 'README.md', content}])
    expect(parsed.addressed ?? []).toEqual([])
  })
})

describe('addresses in plain MAINTAINERS, the review of 2026-12-08', () => {
  it('a tagged line (`M:`, `R:`, `Signed-off-by:`) is no person by address: its tag would be taken for a name', () => {
    const content = [
      'Widget',
      '------',
      'M:\tAda Lovelace <ada@example.com>',
      'R:\tLin Tang <lin@example.net>',
      'Signed-off-by: Cy <cy@example.org>',
    ].join('\n')
    expect(parseGovernanceFiles([{path: 'MAINTAINERS', content}]).addressed ?? []).toEqual([])
  })

  it('a list item above a YAML `---` is a person, not a heading', () => {
    const content = ['maintainers:', '- ada-l', '---', 'reviewers:', '- lin-t'].join('\n')
    expect(parseGovernanceFiles([{path: 'MAINTAINERS', content}]).roles.map((r) => [r.login, r.role])).toEqual([
      ['ada-l', 'maintainer'],
      ['lin-t', 'reviewer'],
    ])
  })

  it("an organisation's list of addresses makes no project's role holders, nor its warnings", () => {
    const governance = governanceOf({
      repo: 'github.com/example/widget',
      source: 'github' as const,
      status: 'ok' as const,
      window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
      commits: [],
      governance: [
        {
          path: 'external/example__community/MAINTAINERS',
          content: 'Ada Lovelace <ada@example.com>\n',
          origin: {place: 'organisation' as const, repo: 'github.com/example/community'},
        },
      ],
      profiles: {},
    })
    expect(governance.roles).toEqual([])
    expect(governance.problems).toEqual([])
  })
})
