/**
 * Governance files come from upstreams, which may be hostile. A line longer than MAX_GOVERNANCE_LINE is emptied before
 * any parser sees it, and the expression a recheck ReDoS scan of src/ found cubic (and V8 too) is linear. A regression shows as this test's timeout, not as a timed assertion.
 */
import {describe, expect, it} from 'vitest'
import {parseGovernanceFiles, pointersIn} from './index.js'
import {relativeLinks} from './links.js'
import {MAX_GOVERNANCE_LINE} from './limits.js'
import {maintainersFileMeaning} from './names.js'
import {parseMaintainersText} from './parsers/text.js'

const spaces = (n: number) => '\t'.repeat(n)

describe('governance lines that made the parsers backtrack', () => {
  it('reads people around them, at their lines', () => {
    const maintainersMd = [
      '# Maintainers',
      '',
      '| Name | GitHub | Company |',
      '| --- | --- | --- |',
      '| Ada L | @ada-l | Example Corp |',
      // Longer than any line a parser reads: emptied, whatever it says.
      `| Eve | @eve-x | ${'x'.repeat(MAX_GOVERNANCE_LINE)} |`,
    ].join('\n')
    const maintainersText = [
      `A,${spaces(700)}B${spaces(700)}(github: @x`,
      'Grace Hopper, Example Corp <grace@example.com> (github: @grace-h)',
    ].join('\n')
    const {roles} = parseGovernanceFiles([
      {path: 'MAINTAINERS.md', content: maintainersMd},
      {path: 'MAINTAINERS', content: maintainersText},
    ])
    // (`@x` names a handle on a line of the MAINTAINERS text file, whose every line counts.)
    expect(roles.map((r) => [r.kind, r.login, r.declaredAffiliation ?? null, r.line])).toEqual([
      ['maintainers', 'x', null, 1],
      ['maintainers', 'grace-h', 'Example Corp', 2],
      ['maintainers', 'ada-l', 'Example Corp', 5],
    ])
  })

  it('the MAINTAINERS text parser reads a long line at once, even one the line cap would not have emptied', () => {
    // `Name, Company <email> (github: @login`: a lazy company between runs of spaces was cubic (700 tabs a side:
    // 0.3 s; 20,000: hours). Called directly here, as if MAX_GOVERNANCE_LINE were larger.
    const line = `A,${spaces(20_000)}B${spaces(20_000)}(github: @x`
    const {roles} = parseMaintainersText(
      {path: 'MAINTAINERS', content: `${line}\nGrace, Example Corp <g@example.com> (github: @grace-h)`},
      'maintainers',
    )
    expect(roles.map((r) => [r.login, r.declaredAffiliation ?? null])).toEqual([
      ['x', null],
      ['grace-h', 'Example Corp'],
    ])
  })
})

describe('people named by address only in a MAINTAINERS text file', () => {
  it('are cut at the last `<`, read once: long runs of spaces, dots and brackets name nobody, and the next line is read', () => {
    // Called directly on 200,000 characters, as if the line cap were larger: a lazy name before optional spaces, or a
    // domain whose labels may hold dots, was quadratic.
    const hostile = [
      `a${' '.repeat(200_000)}b`,
      `a${' '.repeat(200_000)}<x@example.org`,
      `a <x@${'.x'.repeat(100_000)} >`,
      `${'<'.repeat(200_000)}x@example.org>`,
      `Ada <ada@${'x.'.repeat(100_000)}>`,
    ]
    const {roles, addressed} = parseMaintainersText(
      {path: 'MAINTAINERS', content: [...hostile, 'Grace Hopper <grace@example.com>'].join('\n')},
      'maintainers',
    )
    expect(roles).toEqual([])
    expect(addressed?.map((p) => [p.name, p.email, p.line])).toEqual([['Grace Hopper', 'grace@example.com', 6]])
  })
})

describe('prose after a person on a Markdown line', () => {
  it('is found word by word: a long run without a space after the link is read once (an expression took 5 s a MB)', async () => {
    // Within the caps (1 MiB, lines of 2,000) the expression took 5-10 s; called directly on 200,000 characters, as
    // if the caps were larger, 108 s: past the test's timeout.
    const {proseAfter} = await import('./parsers/markdown.js')
    const link = '[Ada L](https://github.com/ada-l) '
    expect(proseAfter(`${link}${'a'.repeat(200_000)}`)).toBe(true)
    expect(proseAfter(`${link}${'@'.repeat(200_000)}`)).toBe(false)
    expect(proseAfter(`${link}<${'<'.repeat(200_000)}`)).toBe(false)
    const content = Array.from({length: 520}, () => `${link}${'a'.repeat(1_900)}`).join('\n')
    expect(parseGovernanceFiles([{path: 'MAINTAINERS.md', content}]).roles.map((r) => r.login)).toEqual(['ada-l'])
  })
})

describe('code spans in Markdown governance files', () => {
  it('are removed in one pass over the backtick runs (a line of backticks, and runs of every length)', async () => {
    const {withoutCode} = await import('./parsers/markdown.js')
    expect(withoutCode('a `@x` b ``c ` d`` e ` f')).toBe('a   b   e ` f')
    expect(withoutCode('`'.repeat(200_000))).toBe('`'.repeat(200_000))
    const ladder = Array.from({length: 600}, (_, i) => `${'`'.repeat(i + 1)}x`).join('')
    expect(withoutCode(ladder)).toBe(ladder)
    const {roles} = parseGovernanceFiles([
      // (A line starting with three backticks would open a fenced block.)
      {path: 'MAINTAINERS.md', content: `x ${'`'.repeat(MAX_GOVERNANCE_LINE - 2)}\n- \`@not-a-person\` @ada-l`},
    ])
    expect(roles.map((r) => [r.login, r.line])).toEqual([['ada-l', 2]])
  })
})

describe('reStructuredText governance files', () => {
  it('resolve references and read tables in one pass (long name runs, a long multi-line grid row, a long list-table)', async () => {
    const {resolveReferences} = await import('./parsers/rst.js')
    const targets = new Map([['bo', 'https://github.com/bo-q']])
    const run = 'a.'.repeat(100_000)
    expect(resolveReferences(run, targets)).toBe(run)
    expect(resolveReferences(`${'`x'.repeat(50_000)} \`Bo\`_`, targets)).toBe(
      `${'`x'.repeat(50_000)} Bo <https://github.com/bo-q>`,
    )
    const grid = ['+----+--------+', '| N  | GitHub |', '+====+========+', '| Bo | bo-q   |']
    // (Under the 1 MiB cap on a governance file.)
    for (let i = 0; i < 50_000; i++) grid.push('|    |        |')
    grid.push('+----+--------+')
    const list = [
      '.. list-table::',
      '   :header-rows: 1',
      '',
      '   * - GitHub',
      '     - Notes',
      '   * - ada-l',
      '     - a',
    ]
    for (let i = 0; i < 50_000; i++) list.push('       more')
    const {roles} = parseGovernanceFiles([
      {path: 'MAINTAINERS.rst', content: grid.join('\n')},
      {path: 'external/example__x/MAINTAINERS.rst', content: list.join('\n')},
    ])
    expect(roles.map((r) => [r.login, r.line])).toEqual([
      ['bo-q', 4],
      ['ada-l', 6],
    ])
  })
})

describe('README lines holding a profile link alone, and tables without leading pipes', () => {
  it('are told in one pass (long runs of brackets, image links, pipes and cells)', () => {
    const long = MAX_GOVERNANCE_LINE - 40
    const content = [
      '## Team',
      `[${'!['.repeat(long / 2)}](https://github.com/x)`,
      `[![${'a'.repeat(long)}](https://github.com/eve-x)`,
      `${'a|'.repeat(long / 2)}`,
      `${'-|'.repeat(long / 2)}-`,
      `${'[![a](https://github.com/eve-x.png)]|'.repeat(40)}`,
      '',
      '<https://github.com/ada-l>',
    ].join('\n')
    const {roles} = parseGovernanceFiles([{path: 'README.md', content}])
    expect(roles.map((r) => [r.login, r.line])).toEqual([['ada-l', 8]])
  })
})

describe('rolls of maintainers "since" a year', () => {
  it('are read in one pass (long runs of "(current", "current" without a colon, "since 20")', () => {
    const long = MAX_GOVERNANCE_LINE - 40
    const content = [
      '## Maintainers since 2008',
      `- @eve-x ${'(current'.repeat(long / 8)}`,
      `- current ${'a'.repeat(long)} @eve-y`,
      `- ${'since 20'.repeat(long / 8)} @eve-z`,
      '- Current Lead: @ada-l',
    ].join('\n')
    const {roles} = parseGovernanceFiles([{path: 'README.md', content}])
    expect(roles.map((r) => [r.login, r.role, r.line])).toEqual([
      ['eve-x', 'maintainer', 2],
      ['eve-y', 'maintainer', 3],
      ['eve-z', 'maintainer', 4],
      ['ada-l', 'maintainer', 5],
    ])
  })
})

describe("README links to a file of the repository, and a linked file's members", () => {
  it('are told in one pass (long runs of "](", of "](<", of "current " before "members")', () => {
    const long = MAX_GOVERNANCE_LINE - 40
    const content = [
      `This repository is maintained by ${'](a'.repeat(long / 7)} ${'](<'.repeat(long / 7)} [g](./TEAM.md)`,
    ].join('\n')
    expect(pointersIn([{path: 'README.md', content}], {host: 'github.com', owner: 'o', name: 'r'})).toEqual([
      {owner: 'o', name: 'r', path: 'TEAM.md', from: 'README.md:1'},
    ])
    const team = [`## ${'current '.repeat(long / 8)}members`, '- @eve-x', '## Members', '- @ada-l'].join('\n')
    const origin = {place: 'pointer' as const, repo: 'github.com/o/r', via: 'README.md:1'}
    const file = {path: 'external/o__r/TEAM.md', content: team, origin}
    const {roles} = parseGovernanceFiles([file], {host: 'github.com', owner: 'o', name: 'r'})
    expect(roles.map((r) => [r.login, r.role, r.line])).toEqual([['ada-l', 'maintainer', 4]])
  })
})

describe('a sentence introducing a list, and where a pointed file came from', () => {
  it('are told in one pass (eight lines at the line cap of "thanks sponsors " before a list, a 1 MiB `via`)', () => {
    const sentence = Array.from({length: 8}, () => `${'thanks sponsors '.repeat((MAX_GOVERNANCE_LINE - 40) / 16)}`)
    const content = ['## Maintainers', '- @ada-l', '', ...sentence, 'and the people below:', '- @bob-t'].join('\n')
    const {roles} = parseGovernanceFiles([{path: 'README.md', content}])
    expect(roles.map((r) => [r.login, r.role])).toEqual([['ada-l', 'maintainer']])
    const origin = {place: 'pointer' as const, repo: 'github.com/o/r', via: `README.md:${'1'.repeat(1 << 20)}x`}
    const file = {path: 'external/o__r/TEAM.md', content: '## Members\n- @eve-x', origin}
    expect(parseGovernanceFiles([file], {host: 'github.com', owner: 'o', name: 'r'}).roles).toEqual([])
  })
})

describe("a MAINTAINERS file's team heading", () => {
  it('is told in one pass (1 MiB of "release -" before "team")', () => {
    expect(maintainersFileMeaning(`${'release -'.repeat((1 << 20) / 9)} team`)).toBe('maintainer')
    expect(maintainersFileMeaning(`${'release -'.repeat((1 << 20) / 9)} x team`)).toBe('none')
  })
})

describe('a README sentence saying the repository is maintained by a group', () => {
  it('is told in one pass (1 MiB of lines of " *`" and ". " runs before "is maintained by")', () => {
    const line = (run: string) =>
      `${run.repeat((MAX_GOVERNANCE_LINE - 60) / run.length)} is maintained by [t](./TEAM.md)`
    const lines = Array.from({length: Math.ceil((1 << 20) / MAX_GOVERNANCE_LINE)}, (_, i) => line(i % 2 ? ' *`' : '. '))
    const content = [...lines, 'This repository is maintained by the [team](./TEAM.md).'].join('\n')
    expect(pointersIn([{path: 'README.md', content}], {host: 'github.com', owner: 'o', name: 'r'})).toEqual([
      {owner: 'o', name: 'r', path: 'TEAM.md', from: `README.md:${lines.length + 1}`},
    ])
  })
})

describe("a Markdown link's target and title", () => {
  it('are told in one pass (1 MiB of `](a "`, of `](a  `, of `](<a> \'`)', () => {
    for (const run of ['](a "', '](a          ', "](<a> '"])
      expect(relativeLinks(`${run.repeat((1 << 20) / run.length)}[t](./TEAM.md "x")`)).toEqual(['TEAM.md'])
  })
})
