import {describe, expect, it} from 'vitest'
import type {Finding, ScanResult} from '../../src/core/model.js'
import {renderMarkdownWithin, reporter} from '../../src/report/formats/markdown/index.js'
import {expectGolden, loadFixture} from './support.js'

function render(result: ScanResult): string {
  return reporter.render(result, {color: false})
}

/** A scan far too large for one comment: `count` findings with evidence, all with long messages. */
function hugeScan(count: number): ScanResult {
  const base = loadFixture()
  const findings: Finding[] = Array.from({length: count}, (_, i) => ({
    ...base.findings[3],
    repo: `github.com/example-org/project-${String(i).padStart(4, '0')}`,
    message: `Finding ${i}: ${'a long explanation of the concentration '.repeat(3)}`,
  }))
  return {...base, findings}
}

describe('Markdown report', () => {
  it('matches its reviewed golden file', () => {
    expectGolden('scan-result.md', render(loadFixture()))
  })

  it('puts the summary, the top findings and the projects before the collapsible details', () => {
    const text = render(loadFixture())
    const order = ['| critical | 1 |', '### Top findings (8 of 8)', '### Projects', '<summary>All findings with evidence (8)</summary>', '<summary>Not read (3)</summary>', '<summary>Rules (8)</summary>']
    const positions = order.map((s) => text.indexOf(s))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(text).toContain('> **The scan is incomplete:** 1 input(s) could not be read; 1 component(s) were not resolved.')
  })

  it('escapes untrusted names: no raw HTML, no broken table cell, no @mention', () => {
    const text = render(loadFixture())
    expect(text).not.toContain('<script>')
    // Only inside a code span, which GitHub shows as text.
    expect(text.split('<img').length).toBe(2)
    expect(text).toContain('`"><img src=x onerror=alert(1)>@evil.example.com`: ')
    expect(text).toContain('\\</td\\>\\<script\\>document.title=')
    // A person is a code span: GitHub neither renders nor mentions inside it.
    expect(text).toContain('`@maintainer-bot-lookalike`: organisation unknown, 2 commits')
    expect(text).toContain('remaining authors \\| see docs')

    const result = loadFixture()
    result.projects[0].metrics.top_company = '@acme-admins | <b>Acme</b>'
    result.findings[0].message = 'Ask @octo-team about it\n# not a heading'
    const hostile = render(result)
    expect(hostile).toContain('| @\u200bacme-admins \\| \\<b\\>Acme\\</b\\> (91%) |')
    expect(hostile).toContain('Ask @\u200bocto-team about it # not a heading')
  })

  it('stays under the 65,536-character comment limit, closing its details and saying it was cut', () => {
    const text = render(hugeScan(3000))
    expect(text.length).toBeLessThanOrEqual(65_536)
    expect(text.length).toBeGreaterThan(60_000)
    expect(text).toContain("**Cut to fit a 65,536-character limit** (GitHub's for a comment)")
    expect(text.match(/<details>/g)?.length).toBe(text.match(/<\/details>/g)?.length)
    expect(text).toContain('### Top findings (10 of 3000)')
  })

  it('fits any smaller limit the same way', () => {
    const text = renderMarkdownWithin(loadFixture(), 3000)
    expect(text.length).toBeLessThanOrEqual(3000)
    expect(text).toContain('**Cut to fit a 3,000-character limit**')
    expect(text.startsWith('## stewards: who stewards your dependencies')).toBe(true)
  })
})
