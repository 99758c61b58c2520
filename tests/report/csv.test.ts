import {parse} from 'csv-parse/sync'
import {describe, expect, it} from 'vitest'
import {
  FINDINGS_HEADER,
  PROJECTS_HEADER,
  renderFindingsCsv,
  renderProjectsCsv,
} from '../../src/report/formats/csv/index.js'
import {loadFixture} from './support.js'

function rows(text: string): string[][] {
  return parse(text, {relax_column_count: false}) as string[][]
}

describe('CSV report', () => {
  it('has one row per finding per declaring location (a finding without one still gets a row)', () => {
    const text = renderFindingsCsv(loadFixture())
    const table = rows(text)
    expect(table[0]).toEqual([...FINDINGS_HEADER])
    expect(table).toHaveLength(1 + 13)
    expect(table[1]).toEqual([
      'critical',
      'watch-list-organisation',
      'Stewarded by a listed organisation',
      'github.com/acme-widgets/widget-operator',
      // The component declared at the row's location: what to upgrade or replace.
      'pkg:docker/acme-widgets/widget-operator@v1.4.2?repository_url=ghcr.io',
      'Every maintainer of acme-widgets/widget-operator works for Acme Widgets Inc., which is on the Example Watch-list (fictional).',
      'deploy/operator.yaml',
      '21',
      '18',
      'unchanged',
      '',
      '',
      '',
      '',
    ])
    expect(table.at(-1)?.slice(0, 2)).toEqual(['info', 'maintainer-roles-undeclared'])
    // A finding without a location names no component.
    expect(table.at(-1)?.slice(4)).toEqual(['', table.at(-1)?.[5], '', '', '', 'unchanged', '', '', '', ''])
  })

  it('gives each row the baseline state of its finding as is, and leaves it empty without a baseline', () => {
    const table = rows(renderFindingsCsv(loadFixture()))
    const state = (repo: string) => table.filter((r) => r[3] === repo).map((r) => r[9])
    expect(state('github.com/indie-collective/parsekit')).toEqual(['new'])
    expect(state('github.com/tinyproj/left-padder')).toEqual(['updated', 'updated'])
    expect(state('github.com/ghost-org/vanished')).toEqual(['new'])
    const result = loadFixture()
    for (const f of result.findings) delete f.baselineState
    for (const r of rows(renderFindingsCsv(result)).slice(1)) expect(r[9]).toBe('')
  })

  it('follows RFC 4180: CRLF line ends, quotes doubled, fields with commas or line breaks quoted', () => {
    const result = loadFixture()
    result.findings[0].message = 'says "hello", then\nbreaks the line'
    const text = renderFindingsCsv(result)
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.split('\r\n')[1]).toContain(',"says ""hello"", then\nbreaks the line",')
    expect(rows(text)[1][5]).toBe('says "hello", then\nbreaks the line')
  })

  it('defuses cells a spreadsheet would run as formulas, but not numbers', () => {
    const result = loadFixture()
    result.findings[0].message = '=HYPERLINK("https://evil.example.com","click")'
    result.findings[1].message = '+1 more'
    result.findings[2].message = '-2'
    result.findings[3].message = '@SUM(A1)'
    result.findings[4].message = '\tindented'
    result.findings[1].locations = [{file: 'deploy/queue.yaml', line: -1, column: 3}]
    const table = rows(renderFindingsCsv(result))
    const messages = table.slice(1).map((r) => r[5])
    expect(messages).toContain('\'=HYPERLINK("https://evil.example.com","click")')
    expect(messages).toContain("'+1 more")
    expect(messages).toContain("'-2")
    expect(messages).toContain("'@SUM(A1)")
    expect(messages).toContain("'\tindented")
    expect(table.find((r) => r[1] === 'archived-upstream')?.slice(7, 9)).toEqual(['-1', '3'])
  })

  it('has a projects sheet, riskiest first', () => {
    const table = rows(renderProjectsCsv(loadFixture()))
    expect(table[0]).toEqual([...PROJECTS_HEADER])
    expect(table.slice(1).map((r) => r[0])).toEqual([
      'github.com/acme-widgets/widget-operator',
      'github.com/oldcorp/legacy-queue',
      'github.com/solace-data/vaguedb-operator',
      'github.com/indie-collective/parsekit',
      'github.com/tinyproj/left-padder',
      'github.com/ghost-org/vanished',
      'github.com/community-logkit/logkit',
    ])
    expect(table[1]).toEqual([
      'github.com/acme-widgets/widget-operator',
      'ok',
      '',
      '88',
      'Acme Widgets Inc.',
      '0.9102',
      'Acme Widgets Inc.',
      '0.9102',
      '1',
      '2',
      '0.0388',
      '412',
      '1',
      '1',
      '1',
      '0',
      '0',
      '0',
    ])
    // Both the top company and the top organisation (Independent included), so a 2% company is not read as control.
    expect(table[4].slice(0, 8)).toEqual([
      'github.com/indie-collective/parsekit',
      'partial',
      table[4][2],
      '70',
      'Meridian Cloudworks (fictional)',
      '0.0172',
      'Independent',
      '0.9828',
    ])
    expect(table[6].slice(1, 3)).toEqual(['unavailable', '404 Not Found'])
  })
})
