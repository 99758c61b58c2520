import {describe, expect, it} from 'vitest'
import {parseGitdm} from './parse.js'

describe('parseGitdm', () => {
  it('reads headers, emails written with "!", and the four period forms', () => {
    const text = [
      '# comment',
      'victor: victor!example.com, Victor!users.noreply.github.com',
      '\tLoopNet/CoStar until 2015-10-01',
      '\tCylance from 2015-10-01 until 2018-09-01',
      '\tSuralink from 2024-04-01',
      'plain: p!example.org',
      '\tTexas Instruments Incorporated',
    ].join('\n')
    const {blocks, problems} = parseGitdm(text, 'a.txt')
    expect(problems).toEqual([])
    expect(blocks).toEqual([
      {
        login: 'victor',
        emails: ['victor@example.com', 'victor@users.noreply.github.com'],
        periods: [
          {company: 'LoopNet/CoStar', until: '2015-10-01', line: 3},
          {company: 'Cylance', from: '2015-10-01', until: '2018-09-01', line: 4},
          {company: 'Suralink', from: '2024-04-01', line: 5},
        ],
        file: 'a.txt',
        line: 2,
        index: 0,
      },
      {
        login: 'plain',
        emails: ['p@example.org'],
        periods: [{company: 'Texas Instruments Incorporated', line: 7}],
        file: 'a.txt',
        line: 6,
        index: 1,
      },
    ])
  })

  it('survives the quirks of the real files', () => {
    const text = [
      // emails without the comma, a trailing space, tokens that are not emails, glued emails
      'quirky: a!example.com b!example.com, DirtY at example.com, (none), x!example.com!users.noreply.github.com ',
      '\tA*STAR',
      '\tKAIST from 2100-01-01',
      '\tCompany with from in its name from 2020-01-01',
    ].join('\n')
    const {blocks, problems} = parseGitdm(text, 'q.txt', 10)
    expect(problems).toEqual([])
    expect(blocks[0].emails).toEqual(['a@example.com', 'b@example.com'])
    expect(blocks[0].index).toBe(10)
    expect(blocks[0].periods).toEqual([
      {company: 'A*STAR', line: 2},
      {company: 'KAIST', from: '2100-01-01', line: 3},
      {company: 'Company with from in its name', from: '2020-01-01', line: 4},
    ])
  })

  it('reports unreadable lines with file and line and goes on', () => {
    const text = [
      '\tOrphan Corp',
      'good: g!example.com',
      '\tX from 2024-02-30',
      '\tY from 2024-05-01 until 2024-01-01',
      '  spaced line',
      'empty: e!example.com',
      'next: n!example.com',
      '\tZ',
    ].join('\n')
    const {blocks, problems} = parseGitdm(text, 'bad.txt')
    expect(problems).toEqual([
      {file: 'bad.txt', line: 1, message: 'affiliation line before any "login: emails" header'},
      {file: 'bad.txt', line: 3, message: "'2024-02-30' is not a calendar date"},
      {file: 'bad.txt', line: 4, message: 'period from 2024-05-01 until 2024-01-01 is empty'},
      {file: 'bad.txt', line: 5, message: 'expected "login: email!domain, ..." or a TAB-indented affiliation'},
      {file: 'bad.txt', line: 2, message: "'good' has no affiliation line"},
      {file: 'bad.txt', line: 6, message: "'empty' has no affiliation line"},
    ])
    expect(blocks.map((b) => [b.login, b.periods.map((p) => p.company)])).toEqual([
      ['good', []],
      ['empty', []],
      ['next', ['Z']],
    ])
  })

  it('reports a from or until whose date is not YYYY-MM-DD, instead of reading it into the company name', () => {
    const text = [
      'a: a!example.com',
      '\tMeridian until 2025-4-01',
      '\tHarbor from 202 until 2026-01-01',
      '\tQuill from 2025-null-01',
      '\tMade from Scratch',
      '\tMade from Scratch from 2026-01-01',
    ].join('\n')
    const {blocks, problems} = parseGitdm(text, 'typo.txt')
    expect(problems).toEqual([
      {file: 'typo.txt', line: 2, message: "'2025-4-01' after 'until' is not a date (YYYY-MM-DD)"},
      {file: 'typo.txt', line: 3, message: "'202' after 'from' is not a date (YYYY-MM-DD)"},
      {file: 'typo.txt', line: 4, message: "'2025-null-01' after 'from' is not a date (YYYY-MM-DD)"},
    ])
    expect(blocks[0].periods).toEqual([
      {company: 'Made from Scratch', line: 5},
      {company: 'Made from Scratch', from: '2026-01-01', line: 6},
    ])
  })

  it('reads long lines at once (the expressions they replaced were quadratic in runs of spaces or dots)', () => {
    const spaces = ' '.repeat(200_000)
    const text = [
      `a: a!example.com, ${'x.'.repeat(100_000)}@, b!${'.'.repeat(200_000)}`,
      `\tAcme${spaces}\u0000${spaces}from 2024-01-01`,
      `\tAcme${spaces}until${spaces}2025-01-01${spaces}`,
    ].join('\n')
    const {blocks, problems} = parseGitdm(text, 'long.txt')
    expect(problems).toEqual([])
    // (A domain of dots is an e-mail to the expression this replaced too.)
    expect(blocks[0].emails.map((e) => e.length)).toEqual(['a@example.com'.length, 'b@'.length + 200_000])
    expect(blocks[0].periods.map((p) => [p.company.length, p.from, p.until])).toEqual([
      [4 + spaces.length + 1, '2024-01-01', undefined],
      [4, undefined, '2025-01-01'],
    ])
  })

  it('quotes file text in problems on one line, bounded', () => {
    const {problems} = parseGitdm(`${'x'.repeat(70)}\u001b[31m\u2028: y!example.com\n`, 'long.txt')
    expect(problems).toEqual([{file: 'long.txt', line: 1, message: `'${'x'.repeat(57)}...' has no affiliation line`}])
    expect(parseGitdm('ab\u001b\u2028c: y!example.com\n', 'ctl.txt').problems[0].message).toBe(
      "'ab??c' has no affiliation line",
    )
  })

  it('accepts CRLF line endings', () => {
    const {blocks, problems} = parseGitdm('w: w!example.com\r\n\tWin Corp\r\n', 'crlf.txt')
    expect(problems).toEqual([])
    expect(blocks[0].periods).toEqual([{company: 'Win Corp', line: 2}])
  })
})
