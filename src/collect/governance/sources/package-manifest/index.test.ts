import {describe, expect, it} from 'vitest'
import {formatProblem} from '../../../../core/problem.js'
import {governanceOf, parseGovernanceFiles} from '../../index.js'

const people = (files: Array<{path: string; content: string}>) => {
  const {roles, addressed, problems} = parseGovernanceFiles(files)
  return {
    roles: roles.map((r) => [r.kind, r.login, r.role, r.section, r.source]),
    addressed: (addressed ?? []).map((p) => [p.kind, p.name, p.email, p.section, p.source]),
    problems: problems.map(formatProblem),
  }
}

describe('pyproject.toml maintainers', () => {
  it('reads [project] maintainers tables and [tool.poetry] maintainers strings; authors are not maintainers', () => {
    const content = [
      '[project]',
      'name = "widget"',
      'authors = [{name = "Ada Author", email = "ada@example.com"}]',
      'maintainers = [',
      '  {name = "Lin Tang", email = "lin@example.net"},',
      '  {name = "Name Only"},',
      '  {email = "anon@example.org"},',
      ']',
      '',
      '[tool.poetry]',
      'maintainers = ["Grace Hopper <grace@example.org>", "no address here"]',
    ].join('\n')
    expect(people([{path: 'pyproject.toml', content}])).toEqual({
      roles: [],
      addressed: [
        ['package-manifest', 'Lin Tang', 'lin@example.net', '[project] maintainers', 'pyproject.toml:5'],
        ['package-manifest', 'a maintainer', 'anon@example.org', '[project] maintainers', 'pyproject.toml:7'],
        ['package-manifest', 'Grace Hopper', 'grace@example.org', '[tool.poetry] maintainers', 'pyproject.toml:11'],
      ],
      problems: [],
    })
  })

  it('one that never says "maintainers" is not parsed: not being TOML then leaves nothing unread', () => {
    expect(parseGovernanceFiles([{path: 'pyproject.toml', content: '[project\nname = '}]).problems).toEqual([])
  })

  it('a pyproject.toml that is not TOML, or a package.json that is not JSON, is unread, at its line', () => {
    const {problems} = parseGovernanceFiles([{path: 'pyproject.toml', content: '[project]\nmaintainers = [\n'}])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({file: 'pyproject.toml', line: 3, unread: true})
    expect(problems[0].message).toMatch(/^not valid TOML: /)
    const json = '{\n  "maintainers": [\n    {"email": "a@example.com",}\n  ]\n}\n'
    expect(parseGovernanceFiles([{path: 'package.json', content: json}]).problems).toEqual([
      {
        file: 'package.json',
        line: 3,
        message: 'invalid JSON at line 3, column 31 (a property name (a double-quoted string) expected)',
        unread: true,
      },
    ])
  })
})

describe('package.json maintainers', () => {
  it('reads objects and "Name <address> (url)" strings: a GitHub profile URL is the login, else the address', () => {
    const content = JSON.stringify(
      {
        name: 'widget',
        author: 'Ada Author <ada@example.com>',
        contributors: ['Cy Contributor <cy@example.com>'],
        maintainers: [
          {name: 'Lin Tang', email: 'lin@example.net', url: 'https://github.com/lin-t'},
          'Grace Hopper <grace@example.org> (https://example.org/grace)',
          'Dee Dev (https://github.com/dee-d/)',
          {name: 'Name Only'},
        ],
      },
      null,
      2,
    )
    expect(people([{path: 'package.json', content}])).toEqual({
      roles: [
        ['package-manifest', 'lin-t', 'maintainer', 'maintainers', 'package.json:10'],
        ['package-manifest', 'dee-d', 'maintainer', 'maintainers', 'package.json:14'],
      ],
      addressed: [['package-manifest', 'Grace Hopper', 'grace@example.org', 'maintainers', 'package.json:13']],
      problems: [],
    })
  })

  it('a long run of spaces in a maintainer string is read at once (cut at its brackets, no backtracking expression)', () => {
    const spaces = ' '.repeat(1_900)
    const content = JSON.stringify({maintainers: [`a${spaces}b`, `x${spaces}<y@example.org>`]}, null, 2)
    expect(people([{path: 'package.json', content}]).addressed).toEqual([
      ['package-manifest', 'x', 'y@example.org', 'maintainers', 'package.json:4'],
    ])
  })

  it('a line over the line cap leaves the manifest unread (a minified package.json), as for any file read whole', () => {
    const content = JSON.stringify({
      maintainers: [{name: 'Lin', email: 'lin@example.net'}],
      description: 'x'.repeat(3_000),
    })
    const {addressed, problems} = parseGovernanceFiles([{path: 'package.json', content}])
    expect(addressed ?? []).toEqual([])
    expect(problems).toMatchObject([{file: 'package.json', unread: true}])
  })
})

describe('the package manifest in the selection', () => {
  const project = (files: Array<{path: string; content: string}>) => ({
    repo: 'github.com/example/widget',
    source: 'github' as const,
    status: 'ok' as const,
    window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
    commits: [
      {
        sha: 'a1',
        author: {name: 'Lin', email: 'lin@example.net', date: '2024-06-01T00:00:00Z'},
        committer: {name: 'Lin', email: 'lin@example.net', date: '2024-06-01T00:00:00Z'},
        login: 'lin-t',
      },
    ],
    governance: files,
    profiles: {},
  })
  const pyproject = {
    path: 'pyproject.toml',
    content: '[project]\nmaintainers = [{name = "Lin Tang", email = "lin@example.net"}]\n',
  }

  it('names the maintainers when nothing closer does, through the commits that link the address', () => {
    const governance = governanceOf(project([pyproject]))
    expect(governance.maintainers.rule).toBe('package manifest: maintainers')
    expect(governance.maintainers.holders.map((h) => [h.login, h.source])).toEqual([['lin-t', 'pyproject.toml:2']])
  })

  it('gives way to a MAINTAINERS file', () => {
    const governance = governanceOf(project([pyproject, {path: 'MAINTAINERS', content: '@ada-l\n'}]))
    expect(governance.maintainers.rule).toBe('MAINTAINERS file: maintainers and committers')
    expect(governance.maintainers.holders.map((h) => h.login)).toEqual(['ada-l'])
  })
})

describe('package manifests, the review of 2026-12-08', () => {
  it('one that never says "maintainers" is not read, whatever its size or line length (a minified package.json)', () => {
    const content = JSON.stringify({name: 'widget', description: 'd'.repeat(3_000)})
    expect(parseGovernanceFiles([{path: 'package.json', content}]).problems).toEqual([])
  })

  it('cites the maintainers line, not an author above it with the same address', () => {
    const content = [
      '[project]',
      'authors = [{name = "Lin Tang", email = "lin@example.net"}]',
      'maintainers = [{name = "Lin Tang", email = "lin@example.net"}]',
    ].join('\n')
    expect(people([{path: 'pyproject.toml', content}]).addressed).toEqual([
      ['package-manifest', 'Lin Tang', 'lin@example.net', '[project] maintainers', 'pyproject.toml:3'],
    ])
  })

  it('finds the lines of 20,000 maintainers at once (one pass over the file, not one per person)', () => {
    const entries = Array.from({length: 20_000}, (_, i) => `    {"email": "p${i}@example.com"}`)
    const content = `{\n  "maintainers": [\n${entries.join(',\n')}\n  ]\n}\n`
    const {addressed} = parseGovernanceFiles([{path: 'package.json', content}])
    expect(addressed).toHaveLength(20_000)
    expect(addressed?.at(-1)?.line).toBe(20_002)
  })
})

describe('package manifests whose values are written with escapes', () => {
  it('are read, each at its line while found, and at once (values not found as written stop being looked for)', () => {
    const entries = Array.from({length: 20_000}, (_, i) => `    {"email": "p${i}\\u0040example.com"}`)
    const content = `{\n  "maintainers": [\n${entries.join(',\n')}\n  ]\n}\n`
    const {addressed} = parseGovernanceFiles([{path: 'package.json', content}])
    expect(addressed).toHaveLength(20_000)
    expect(addressed?.[0]).toMatchObject({email: 'p0@example.com', line: 1})
  })
})
