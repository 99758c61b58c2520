import stringWidth from 'string-width'
import {describe, expect, it} from 'vitest'
import type {ScanResult} from '../../src/core/model.js'
import {renderTable} from '../../src/report/formats/table/index.js'
import {loadFixture} from './support.js'

const ESC = '\u001b'

function table(result: ScanResult, width?: number, color = false): string {
  return renderTable(result, {color, width})
}

/** The lines of the projects table: from its header to the first blank line. */
function projectLines(text: string): string[] {
  const lines = text.split('\n')
  const start = lines.findIndex((l) => /^GITHUB REPO/.test(l))
  const end = lines.indexOf('', start)
  return lines.slice(start, end)
}

/** A wrapped cell or message put back together: its pieces joined with spaces. */
function joined(pieces: string[]): string {
  return pieces
    .map((p) => p.trim())
    .filter(Boolean)
    .join(' ')
}

/** The text of a right-aligned cell: what stands before column `end` (counted in terminal cells) on a line. */
function cellEndingAt(line: string, end: number): string {
  let width = 0
  let i = 0
  while (i < line.length && width < end) width += stringWidth(line[i++])
  return line.slice(0, i).split(' ').at(-1) ?? ''
}

/** Where a column's header ends, in terminal cells: right-aligned figures end there too. */
function headerEnd(header: string, name: string): number {
  return stringWidth(header.slice(0, header.indexOf(name) + name.length))
}

function withoutBaseline(): ScanResult {
  const result = loadFixture()
  for (const f of [...result.findings, ...result.projects.flatMap((p) => p.findings)]) delete f.baselineState
  return result
}

describe('terminal table', () => {
  it('lists projects riskiest first with their headline figures, then findings and what was not read', () => {
    const text = table(loadFixture(), 200)
    const lines = text.split('\n')
    // The verdict first: projects by their worst finding, what is missing, what has no upstream.
    expect(lines[0]).toBe(
      '7 projects need review (worst finding: 1 critical, 4 high, 1 medium, 1 low); incomplete: 1 partly collected; 1 component without an upstream repository',
    )
    expect(lines[1]).toBe(
      'stewards 0.1.0 · window 2024-01-01 to 2025-01-01 · 8 components · 7 projects · risk score (0 = no risk found, 100 = worst): worst 88, mean 65 · since the baseline: 3 new, 1 worsened',
    )
    expect(lines[3]).toMatch(
      /^GITHUB REPOSITORY\s+STATUS\s+RISK\s+TOP ORGANISATION\s+SHARE\s+KNOWN ELEPHANT BUS\s+CRIT HIGH MED LOW INFO$/,
    )
    expect(lines[4]).toMatch(
      /^acme-widgets\/widget-operator\s+ok\s+88\s+Acme Widgets Inc\.\s+91\.0%\s+96\.1%\s+1\s+2\s+1\s+1\s+0\s+0\s+0$/,
    )
    // SHARE is of attributed commits; KNOWN is 1 - unknown_share of the fixture (0.0388, null, 0.8889, 0.0333, 0, null, 0.6189).
    const [shareEnd, knownEnd] = [headerEnd(lines[3], 'SHARE'), headerEnd(lines[3], 'KNOWN')]
    expect(lines.slice(4, 11).map((l) => [cellEndingAt(l, shareEnd), cellEndingAt(l, knownEnd)])).toEqual([
      ['91.0%', '96.1%'],
      ['-', '-'],
      ['100.0%', '11.1%'],
      ['98.3%', '96.7%'],
      ['100.0%', '100.0%'],
      ['-', '-'],
      ['11.5%', '38.1%'],
    ])
    expect(lines.slice(4, 11).map((l) => l.split(/\s{2,}/)[0])).toEqual([
      'acme-widgets/widget-operator',
      'oldcorp/legacy-queue',
      'solace-data/vaguedb-operator',
      'indie-collective/parsekit',
      'tinyproj/left-padder',
      'ghost-org/vanished',
      'community-logkit/logkit',
    ])
    expect(text).toContain(
      'FINDINGS (10)\nCRITICAL  watch-list-organisation  github.com/acme-widgets/widget-operator\n',
    )
    expect(text).toContain(
      '          at services/api/package-lock.json:88:5, services/web app/package-lock.json:1234:5\n',
    )
    expect(text).toContain('NOT READ (the scan is incomplete)')
    expect(text).toContain(
      "  error       services/broken/package-lock.json:17:5: Unexpected token '}' in JSON at line 17 column 5 [invalid-json]",
    )
    for (const line of lines) expect(line).toBe(line.trimEnd())
  })

  it('fits every line in the width it is given, the same bytes each time for a width', () => {
    for (const width of [40, 60, 79, 80, 100, 132, 200]) {
      const text = table(loadFixture(), width)
      for (const line of text.split('\n'))
        expect(stringWidth(line), `width ${width}: ${line}`).toBeLessThanOrEqual(width)
      expect(table(loadFixture(), width)).toBe(text)
    }
    // No width: 100 columns. Narrower than 40 is laid out at 40; nonsense is the default.
    expect(table(loadFixture())).toBe(table(loadFixture(), 100))
    expect(table(loadFixture(), 12)).toBe(table(loadFixture(), 40))
    expect(table(loadFixture(), Number.NaN)).toBe(table(loadFixture(), 100))
    expect(table(loadFixture(), 0)).toBe(table(loadFixture(), 100))
  })

  it('at 80 columns wraps organisation names but keeps every share whole, in its own column', () => {
    const lines = projectLines(table(loadFixture(), 80))
    expect(lines[0]).toMatch(/^GITHUB REPO\s+STATUS\s+RISK\s+TOP ORG\s+SHARE\s+KNOWN ELEPH BUS\s+C H M L I$/)
    const solace = lines.findIndex((l) => l.startsWith('solace-data/'))
    expect(lines[solace]).toMatch(/^solace-data\/\s+ok\s+72\s+Solace Data\s+100\.0%\s+11\.1%\s+1\s+5\s+0 1 0 0 0$/)
    const shareEnd = stringWidth(lines[0].slice(0, lines[0].indexOf('SHARE') + 'SHARE'.length))
    expect(stringWidth(lines[solace].slice(0, lines[solace].indexOf('100.0%') + 6))).toBe(shareEnd)
    // The name goes on in the same column on the next lines, whole.
    const column = lines[solace].indexOf('Solace')
    const name = [lines[solace], lines[solace + 1], lines[solace + 2]].map((l) => l.slice(column, column + 11).trim())
    expect(joined(name)).toBe('Solace Data Systems (fictional)')
    expect(lines.join('\n')).not.toContain('…')
  })

  it('at 80 columns keeps every KNOWN figure whole, on the first line of its project, right-aligned under its header', () => {
    const all = projectLines(table(loadFixture(), 80))
    const legend = all.findIndex((l) => l.startsWith('RISK risk score'))
    // The short headers come with a legend that says what RISK is, and what SHARE and KNOWN are shares of.
    expect(joined(all.slice(legend))).toBe(
      'RISK risk score (0 none found, 100 worst) · SHARE of attributed commits · KNOWN share of human commits attributed · ELEPH elephant factor · C H M L I findings by severity',
    )
    const lines = all.slice(0, legend)
    const knownEnd = headerEnd(lines[0], 'KNOWN')
    const first = lines.slice(1).filter((l) => /^\S+\s+(ok|partial|unavailable|empty)\s/.test(l))
    expect(first).toHaveLength(7)
    for (const line of first) {
      // The figure ends at the header's end, one space after SHARE's, and nothing follows it in the column.
      expect(line.slice(knownEnd - 7, knownEnd + 1), line).toMatch(/^ +(\d{1,3}\.\d%|-) $/)
    }
    expect(first.map((l) => cellEndingAt(l, knownEnd))).toEqual([
      '96.1%',
      '-',
      '11.1%',
      '96.7%',
      '100.0%',
      '-',
      '38.1%',
    ])
    // Continuation lines (wrapped names and repositories) leave the column empty: the figure is never split.
    for (const line of lines.slice(1).filter((l) => !first.includes(l)))
      expect(line.slice(knownEnd - 5, knownEnd).trim(), line).toBe('')
  })

  it('never cuts a long organisation name or its share, at any width', () => {
    const result = loadFixture()
    const long = 'Very Long Organisation Name Holdings International (fictional) Limited'
    Object.assign(result.projects[0].metrics, {top_company: long, top_org: long})
    for (const width of [80, 100, 132]) {
      const lines = projectLines(table(result, width))
      const row = lines.findIndex((l) => /^acme-\S*\s+ok\s/.test(l))
      expect(lines[row], `${width}`).toMatch(/\s91\.0%\s/)
      const column = lines[row].indexOf('Very')
      const next = lines.findIndex((l, i) => i > row && /^\S+\s+(ok|partial|unavailable|empty)\s/.test(l))
      const pieces = lines.slice(row, next).map((l) => l.slice(column).split(/ {2,}/)[0])
      expect(joined(pieces), `${width}`).toBe(long)
    }
  })

  it('below the narrowest table, shows each project as a block of wrapped figures', () => {
    const text = table(loadFixture(), 60)
    expect(text).not.toMatch(/\nGITHUB REPO/)
    const lines = text.split('\n')
    const start = lines.indexOf('github.com/solace-data/vaguedb-operator')
    expect(start).toBeGreaterThan(0)
    const block = lines.slice(
      start + 1,
      lines.findIndex((l, i) => i > start && /^\S/.test(l)),
    )
    for (const line of block) expect(line).toMatch(/^ {2}\S/)
    // Lines break between the figures, never inside one.
    expect(block.map((l) => l.trim()).join(' · ')).toBe(
      'ok · risk 72 · Solace Data Systems (fictional) 100.0% · known 11.1% · elephant 1 · bus 5 · 1 high',
    )
    expect(text).toContain(
      '\ngithub.com/indie-collective/parsekit\n  partial · risk 70 · Independent 98.3% · known 96.7%\n  elephant 1 · bus 1 · 1 high\n',
    )
    expect(text).toContain('\ngithub.com/oldcorp/legacy-queue\n  ok · risk 80 · top organisation unknown · known -\n')
  })

  it('shows only the status word in the table and the reason below it', () => {
    const text = table(loadFixture(), 80)
    const rows = projectLines(text)
    expect(rows.find((l) => l.startsWith('ghost-org/'))).toMatch(/^ghost-org\/\s+unavailable\s+50\s/)
    expect(rows.find((l) => l.startsWith('indie-'))).toMatch(/^indie-\s+partial\s+70\s/)
    expect(rows.join('\n')).not.toMatch(/404|offline/)
    expect(text).toContain('\ngithub.com/ghost-org/vanished is unavailable: 404 Not Found\n')
    const lines = text.split('\n')
    const start = lines.findIndex((l) => l.startsWith('github.com/indie-collective/parsekit is partial: '))
    const end = lines.findIndex((l, i) => i > start && !l.startsWith('  '))
    const reason = lines.slice(start, end)
    expect(reason.length).toBeGreaterThan(1)
    expect(joined(reason)).toBe(
      'github.com/indie-collective/parsekit is partial: offline: /repos/example-cache/indie-collective/parsekit has no cached governance files (cache miss), so its maintainers are unknown',
    )
  })

  it('wraps long finding messages at the width, indented under the rule', () => {
    const lines = table(loadFixture(), 80).split('\n')
    const title = lines.indexOf('HIGH      NEW  single-vendor  github.com/solace-data/vaguedb-operator')
    expect(title).toBeGreaterThan(0)
    const body = lines.slice(title + 1, lines.indexOf('          at deploy/database.yaml:44:18', title))
    expect(body.length).toBeGreaterThan(2)
    for (const line of body) {
      expect(line).toMatch(/^ {10}\S/)
      expect(stringWidth(line)).toBeLessThanOrEqual(80)
    }
    expect(joined(body)).toBe(
      loadFixture().findings.find((f) => f.repo === 'github.com/solace-data/vaguedb-operator')!.message,
    )
  })

  it('marks new and worsened findings and counts them in the header, only with a baseline', () => {
    const text = table(loadFixture(), 100)
    expect(text.split('\n').slice(2, 5)).toEqual([
      'stewards 0.1.0 · window 2024-01-01 to 2025-01-01 · 8 components · 7 projects',
      'risk score (0 = no risk found, 100 = worst): worst 88, mean 65',
      'since the baseline: 3 new, 1 worsened',
    ])
    expect(text).toContain('\nHIGH      NEW  bus-factor-one  github.com/indie-collective/parsekit\n')
    expect(text).toContain('\nHIGH      WORSE  bus-factor-one  github.com/tinyproj/left-padder\n')
    expect(text).toContain('\nMEDIUM    NEW  upstream-unavailable  github.com/ghost-org/vanished\n')
    expect(text).toContain('\nHIGH      single-vendor  github.com/acme-widgets/widget-operator\n')
    expect(text.match(/ {2}NEW {2}/g)).toHaveLength(3)
    expect(text.match(/ {2}WORSE {2}/g)).toHaveLength(1)

    const plain = table(withoutBaseline(), 100)
    expect(plain).not.toMatch(/\bNEW\b|\bWORSE\b|baseline/)
    expect(plain.split('\n')[3]).toBe('risk score (0 = no risk found, 100 = worst): worst 88, mean 65')
  })

  it('shows Independent as the top organisation when it leads, not a company with 2%', () => {
    const rows = projectLines(table(loadFixture(), 200))
    expect(rows.find((l) => l.startsWith('indie-collective/parsekit'))).toMatch(/\s{2}Independent\s+98\.3%\s/)
    expect(rows.join('\n')).not.toContain('Meridian')
    expect(rows.find((l) => l.startsWith('tinyproj/left-padder'))).toMatch(/\s{2}Independent\s+100\.0%\s/)
    // A company that leads is shown as before.
    expect(rows.find((l) => l.startsWith('acme-widgets/'))).toMatch(/\s{2}Acme Widgets Inc\.\s+91\.0%\s/)
  })

  it('keeps the full repository when a project is not on GitHub', () => {
    const result = loadFixture()
    result.projects[0].repo = 'gitlab.com/acme-widgets/widget-operator'
    const text = table(result, 200)
    expect(text).toMatch(/\nREPOSITORY\s+STATUS/)
    expect(text).toMatch(/\ngitlab\.com\/acme-widgets\/widget-operator\s+ok\s+88/)
    expect(text).toMatch(/\ngithub\.com\/oldcorp\/legacy-queue\s+ok\s+80/)
  })

  it('colours only when asked', () => {
    expect(table(loadFixture())).not.toContain(ESC)
    for (const width of [80, 200]) {
      const coloured = table(loadFixture(), width, true)
      expect(coloured).toContain(`${ESC}[1m${ESC}[35mCRITICAL`)
      expect(coloured).toContain(`${ESC}[1m${ESC}[33mNEW`)
      // Without the colour codes it is the plain table.
      expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(table(loadFixture(), width))
    }
  })

  it('never prints control characters or bidi overrides from untrusted names', () => {
    const result = loadFixture()
    result.projects[0].metrics.top_company = `Evil${ESC}]0;pwned\u0007 Corp\u202e`
    result.projects[0].metrics.top_org = result.projects[0].metrics.top_company
    result.findings[0].message = `bad ${ESC}[2Jclear`
    const text = table(result, 200)
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
    // Shown as visible escapes (src/core/neutralise.ts), so a reader sees what the name holds.
    expect(text).toMatch(/Evil\\u001B\]0;pwned\\u0007 Corp\\u202E\s+91\.0%/)
    expect(text).toContain('bad \\u001B[2Jclear')
  })

  it('measures wide characters in terminal cells so columns stay aligned', () => {
    const result = loadFixture()
    Object.assign(result.projects[0].metrics, {top_company: '株式会社エグザンプル', top_org: '株式会社エグザンプル'})
    for (const width of [80, 200]) {
      const lines = projectLines(table(result, width))
      expect(lines.join('\n')).toContain('株式会社')
      const header = lines[0]
      const [shareEnd, knownEnd] = [headerEnd(header, 'SHARE'), headerEnd(header, 'KNOWN')]
      const withShare = lines.slice(1).filter((l) => /[\d.]+%/.test(l))
      expect(withShare.length, `${width}`).toBe(5)
      for (const line of withShare) {
        // SHARE then KNOWN, each ending under its header.
        const [share, known] = [...line.matchAll(/[\d.]+%/g)]
        expect(stringWidth(line.slice(0, share.index + share[0].length)), line).toBe(shareEnd)
        expect(stringWidth(line.slice(0, known.index + known[0].length)), line).toBe(knownEnd)
      }
    }
  })
})
