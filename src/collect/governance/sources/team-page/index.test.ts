import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {people} from '../../__fixtures__/people.js'
import {governanceOf, parseGovernanceFiles} from '../../index.js'

const real = (path: string) => readFileSync(join(import.meta.dirname, '../../__fixtures__/real', path), 'utf8')

describe('real files (__fixtures__/real/SOURCES.md)', () => {
  it('vitejs/vite docs/_data/team.js: core members by their github link, their stated org; advisors hold no role', () => {
    const rows = people('docs/_data/team.js', real('vitejs__vite/team.js'))
    expect(rows.filter((r) => r[1] === 'maintainer')).toEqual([
      ['yyx990803', 'maintainer', 'core', 'Vue.js', 10],
      ['sapphi-red', 'maintainer', 'core', 'VoidZero', 24],
      ['patak-cat', 'maintainer', 'core', null, 37],
      ['antfu', 'maintainer', 'core', 'Vercel', 50],
      ['bluwy', 'maintainer', 'core', null, 62],
      ['ArnaudBarre', 'maintainer', 'core', null, 75],
      ['sheremet-va', 'maintainer', 'core', 'VoidZero', 92],
      ['hi-ogawa', 'maintainer', 'core', 'VoidZero', 106],
      ['btea', 'maintainer', 'core', null, 115],
    ])
    expect(rows.filter((r) => r[1] === 'emeritus').slice(0, 2)).toEqual([
      ['aleclarson', 'emeritus', 'emeriti', null, 163],
      ['poyoho', 'emeritus', 'emeriti', null, 177],
    ])
    expect(rows.filter((r) => r[1] !== 'maintainer' && r[1] !== 'emeritus')).toEqual([])
    expect(rows).toHaveLength(19)
  })

  it('vitest-dev/vitest docs/.vitepress/contributors.ts: the github key; of two org keys the last, as JavaScript reads it', () => {
    const {roles, problems} = parseGovernanceFiles([
      {path: 'docs/.vitepress/contributors.ts', content: real('vitest-dev__vitest/contributors.ts.txt')},
    ])
    expect(roles.map((r) => [r.login, r.role, r.section, r.declaredAffiliation ?? null, r.line])).toEqual([
      ['sheremet-va', 'maintainer', 'plainTeamMembers', 'VoidZero', 46],
      ['antfu', 'maintainer', 'plainTeamMembers', 'Vercel', 58],
      ['AriPerkkio', 'maintainer', 'plainTeamMembers', 'Chromatic', 73],
      ['hi-ogawa', 'maintainer', 'plainTeamMembers', 'VoidZero', 84],
      ['patak-dev', 'maintainer', 'plainTeamMembers', null, 95],
      ['userquin', 'maintainer', 'plainTeamMembers', null, 105],
      ['Dunqing', 'emeritus', 'plainTeamEmeritiMembers', null, 117],
      ['Aslemammad', 'emeritus', 'plainTeamEmeritiMembers', null, 124],
      ['Demivan', 'emeritus', 'plainTeamEmeritiMembers', null, 133],
      ['poyoho', 'emeritus', 'plainTeamEmeritiMembers', null, 141],
      ['zxch3n', 'emeritus', 'plainTeamEmeritiMembers', null, 148],
    ])
    expect(problems).toEqual([])
  })

  it('gives the maintainers of a project with no closer list (rule 2, after README and AUTHORS role lists)', () => {
    const governance = governanceOf({
      repo: 'github.com/vitejs/vite',
      source: 'github',
      status: 'ok',
      window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
      commits: [],
      governance: [
        {path: 'README.md', content: '# Vite\n\nNext generation frontend tooling.\n'},
        {path: 'docs/_data/team.js', content: real('vitejs__vite/team.js')},
      ],
      profiles: {},
    })
    expect(governance.maintainers.rule).toBe('documentation team page: core team members')
    expect(governance.maintainers.holders.map((h) => h.login)).toEqual([
      'yyx990803',
      'sapphi-red',
      'patak-cat',
      'antfu',
      'bluwy',
      'ArnaudBarre',
      'sheremet-va',
      'hi-ogawa',
      'btea',
    ])
  })
})

describe('team data read without running it', () => {
  it('counts only literal values: computed logins are problems, comments and computed links name nobody', () => {
    const content = [
      "import {x} from './x'",
      'const re = /["\'`]/g // a regular expression holding quotes',
      '/* const core = [{github: "in-a-comment"}] */',
      'export const coreTeam: Array<Member> = [',
      '  {',
      "    name: 'Ada L',",
      "    github: '@ada-l',",
      "    org: 'Example Corp',",
      '  },',
      '  // {',
      "  //   github: 'commented-out',",
      '  // },',
      '  {',
      '    name: "Grace H",',
      "    github: login('grace-h'),",
      `    links: [{icon: 'github', link: \`https://github.com/\${'grace-h'}\`}],`,
      '  },',
      '  {',
      "    name: 'Lin T',",
      "    links: [{icon: 'x', link: 'https://github.com/not-github-icon'}, {icon: 'github', link: 'https://github.com/lin-t/'}],",
      `    org: \`Sample \${'Labs'}\`,`,
      '    ...more,',
      '  },',
      "  {name: 'Kim P', github: 'kim-p', github: other},",
      "  {name: 'Bo Q', github: 'bo' + 'q'},",
      ']',
      "export const advisors = [{github: 'adv-one'}]",
      "export const pastMembers = [{github: 'old-one', org: 'Gone \\u0049nc'}]",
      "const sponsors = [{github: 'sponsor-one'}]",
      "const links = [{github: 'no-role-named'}]",
    ].join('\n')
    const {roles, problems} = parseGovernanceFiles([{path: 'docs/_data/team.js', content}])
    expect(roles.map((r) => [r.login, r.role, r.section, r.declaredAffiliation ?? null, r.line])).toEqual([
      ['ada-l', 'maintainer', 'coreTeam', 'Example Corp', 7],
      ['lin-t', 'maintainer', 'coreTeam', null, 20],
      ['old-one', 'emeritus', 'pastMembers', 'Gone Inc', 28],
    ])
    expect(problems).toEqual([
      {
        file: 'docs/_data/team.js',
        line: 13,
        message: "'Grace H' of 'coreTeam' names no GitHub login as a literal value",
      },
      {file: 'docs/_data/team.js', line: 24, message: "'Kim P' of 'coreTeam' names no GitHub login as a literal value"},
      {file: 'docs/_data/team.js', line: 25, message: "'Bo Q' of 'coreTeam' names no GitHub login as a literal value"},
    ])
  })

  it('is read at the paths VitePress projects use, not elsewhere', () => {
    const content = "export const core = [{github: 'ada-l'}]"
    expect(people('docs/_data/team.js', content)).toEqual([['ada-l', 'maintainer', 'core', null, 1]])
    expect(people('docs/.vitepress/contributors.ts', content)).toEqual([['ada-l', 'maintainer', 'core', null, 1]])
    expect(people('src/team.js', content)).toEqual([])
  })

  it('survives hostile nesting, unterminated strings and templates', () => {
    // (Over several lines: a line longer than 2,000 characters is emptied before any parser reads it.)
    const deep = `export const core = [\n${'[[[[[\n'.repeat(20_000)}{github: 'deep'}\n${']]]]]\n'.repeat(20_000)}, {github: 'ada-l'}]`
    expect(people('docs/_data/team.js', deep)).toEqual([['ada-l', 'maintainer', 'core', null, 40_003]])
    expect(people('docs/_data/team.js', "export const core = [{github: 'ada-l")).toEqual([])
    expect(people('docs/_data/team.js', 'export const core = [{github: `ada-l${')).toEqual([])
    expect(people('docs/_data/team.js', `export const core = [\n${'`${\n'.repeat(50_000)}`)).toEqual([])
  })
})

describe('team data kept as YAML (docs/en/data/members.yml)', () => {
  it('real fastapi/fastapi: the members by their login key', () => {
    expect(people('docs/en/data/members.yml', real('fastapi__fastapi/members.yml'))).toEqual([
      ['tiangolo', 'maintainer', 'members', null, 2],
      ['YuriiMotov', 'maintainer', 'members', null, 5],
      ['svlandeg', 'maintainer', 'members', null, 8],
      ['alejsdev', 'maintainer', 'members', null, 11],
      ['patrick91', 'maintainer', 'members', null, 14],
      ['luzzodev', 'maintainer', 'members', null, 17],
      ['Kludex', 'maintainer', 'members', null, 20],
    ])
  })

  it('real pydantic/pydantic docs/plugins/people.yml: its maintainers; experts (counted from activity) hold no role', () => {
    expect(people('docs/plugins/people.yml', real('pydantic__pydantic/people.yml'))).toEqual([
      ['adriangb', 'maintainer', 'maintainers', null, 2],
      ['alexmojaki', 'maintainer', 'maintainers', null, 7],
      ['dmontagu', 'maintainer', 'maintainers', null, 12],
      ['Viicos', 'maintainer', 'maintainers', null, 17],
      ['hramezani', 'maintainer', 'maintainers', null, 22],
      ['Kludex', 'maintainer', 'maintainers', null, 27],
      ['davidhewitt', 'maintainer', 'maintainers', null, 32],
      ['samuelcolvin', 'maintainer', 'maintainers', null, 37],
    ])
  })

  it('groups by their key; aliases are not followed; a member without a login is a problem; bad YAML is unread', () => {
    const content = [
      'members:',
      '- login: ada-l',
      '  url: https://github.com/ada-l',
      '- &grace',
      '  login: grace-h',
      '- *grace',
      '- url: https://github.com/lin-t',
      '- login: not a login',
      'emeriti:',
      '- login: old-one',
      'sponsors:',
      '- login: sponsor-one',
    ].join('\n')
    const {roles, problems} = parseGovernanceFiles([{path: 'docs/en/data/members.yml', content}])
    expect(roles.map((r) => [r.login, r.role, r.section, r.line])).toEqual([
      ['ada-l', 'maintainer', 'members', 2],
      ['grace-h', 'maintainer', 'members', 5],
      ['old-one', 'emeritus', 'emeriti', 10],
    ])
    expect(problems).toEqual([
      {file: 'docs/en/data/members.yml', line: 7, message: "a member of 'members' names no GitHub login"},
      {file: 'docs/en/data/members.yml', line: 8, message: "a member of 'members' names no GitHub login"},
    ])
    const bad = parseGovernanceFiles([{path: 'docs/en/data/members.yml', content: 'members:\n- login: [ada-l\n'}])
    expect([bad.roles, bad.problems.map((p) => [p.line, p.unread])]).toEqual([[], [[3, true]]])
  })
})

describe('hostile and misleading team data', () => {
  it("an array's name means what a heading's words mean; only the team itself (core, team, members) is maintainers", () => {
    const team = (name: string) => `export const ${name} = [{github: 'user-${name.toLowerCase()}'}]\n`
    const {roles} = parseGovernanceFiles([
      {
        path: 'docs/_data/team.js',
        content: [
          'core',
          'members',
          'plainTeamMembers',
          'coreTeam',
          'plainTeamEmeritiMembers',
          'maintainers',
          'securityTeam',
          'triageTeam',
          'releaseTeam',
          'docsTeam',
          'translationTeam',
          'advisors',
          'plain',
        ]
          .map(team)
          .join(''),
      },
    ])
    expect(roles.map((r) => `${r.section} ${r.role}`)).toEqual([
      'core maintainer',
      'members maintainer',
      'plainTeamMembers maintainer',
      'coreTeam maintainer',
      'plainTeamEmeritiMembers emeritus',
      'maintainers maintainer',
      'securityTeam security-contact',
    ])
  })

  it('a 1 MiB page of members without a login is a bounded list of problems, not a crash', () => {
    const content = `export const core = [\n${'{},\n'.repeat(250_000)}]\n`
    const {roles, problems} = parseGovernanceFiles([{path: 'docs/_data/team.js', content}])
    expect(roles).toEqual([])
    expect(problems).toHaveLength(101)
    expect(problems[0].message).toBe("a member of 'core' names no GitHub login as a literal value")
    expect(problems[100]).toEqual({
      file: 'docs/_data/team.js',
      message: 'and 249900 more problems in this file, not listed',
    })
  })
})

describe('a team page with a line too long to read', () => {
  it('is not read at all: emptying the line could end a comment early and name who it commented out', () => {
    const content = `/* ${'x'.repeat(2100)}\nexport const core = [{github: 'ghost'}]\n*/\nexport const core2 = []\n`
    const {roles, problems} = parseGovernanceFiles([{path: 'docs/_data/team.js', content}])
    expect(roles).toEqual([])
    expect(problems).toEqual([
      {
        file: 'docs/_data/team.js',
        message:
          'a line longer than 2000 characters: not read (what spans lines, a comment or a string, would be misread without it)',
        unread: true,
      },
    ])
  })
})
