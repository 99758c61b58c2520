import stringWidth from 'string-width'
import {describe, expect, it} from 'vitest'
import {renderTable} from '../../src/report/formats/table/index.js'
import {loadFixture} from './support.js'

const ESC = '\u001b'

describe('terminal table', () => {
  it('lists projects riskiest first with their headline figures, then findings and what was not read', () => {
    const text = renderTable(loadFixture(), {color: false})
    const lines = text.split('\n')
    expect(lines[0]).toBe('stewards 0.1.0 · window 2024-01-01 to 2025-01-01 · 6 components · 5 projects · portfolio score 62.6/100')
    expect(lines[2]).toMatch(/^REPOSITORY\s+STATUS\s+SCORE\s+TOP COMPANY\s+ELEPHANT\s+BUS\s+CRIT\s+HIGH\s+MED\s+LOW\s+INFO$/)
    expect(lines[3]).toMatch(/^github\.com\/acme-widgets\/widget-operator\s+ok\s+88\s+Acme Widgets Inc\. \(91%\)\s+1\s+2\s+1\s+1\s+0\s+0\s+0$/)
    expect(lines[6]).toMatch(/^github\.com\/ghost-org\/vanished\s+unavailable: 404 Not Found\s+50\s+/)
    expect(text).toContain('FINDINGS (8)\nCRITICAL  watch-list-organisation  github.com/acme-widgets/widget-operator\n')
    expect(text).toContain('          at services/api/package-lock.json:88:5, services/web app/package-lock.json:1234:5\n')
    expect(text).toContain('NOT READ (the scan is incomplete)')
    expect(text).toContain("  error       services/broken/package-lock.json:17:5: Unexpected token '}' in JSON at line 17 column 5 [invalid-json]")
    // Columns line up: every project line is as wide as the header or narrower (no trailing spaces).
    for (const line of lines.slice(3, 8)) expect(line).toBe(line.trimEnd())
  })

  it('colours only when asked', () => {
    expect(renderTable(loadFixture(), {color: false})).not.toContain(ESC)
    const coloured = renderTable(loadFixture(), {color: true})
    expect(coloured).toContain(`${ESC}[1m${ESC}[35mCRITICAL`)
    // Without the colour codes it is the plain table.
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(renderTable(loadFixture(), {color: false}))
  })

  it('never prints control characters or bidi overrides from untrusted names', () => {
    const result = loadFixture()
    result.projects[0].metrics.top_company = `Evil${ESC}]0;pwned\u0007 Corp\u202e`
    result.findings[0].message = `bad ${ESC}[2Jclear`
    const text = renderTable(result, {color: false})
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
    expect(text).toContain('Evil\ufffd]0;pwned\ufffd Corp\ufffd (91%)')
    expect(text).toContain('bad \ufffd[2Jclear')
  })

  it('measures wide characters in terminal cells so columns stay aligned', () => {
    const result = loadFixture()
    result.projects[0].metrics.top_company = '株式会社エグザンプル'
    const lines = renderTable(result, {color: false}).split('\n')
    expect(lines[3]).toContain('株式会社エグザンプル (91%)')
    const header = lines[2]
    const elephantEnd = stringWidth(header.slice(0, header.indexOf('ELEPHANT') + 'ELEPHANT'.length))
    // The first five cells (columns are two or more spaces apart); the fifth, ELEPHANT, is right-aligned.
    const firstFive = /^(\S.*?) {2,}(\S.*?) {2,}(\S.*?) {2,}(\S.*?) {2,}(\S+)/
    for (const line of lines.slice(3, 8)) {
      const prefix = firstFive.exec(line)?.[0] ?? ''
      expect(stringWidth(prefix), line).toBe(elephantEnd)
    }
  })
})
