import {HtmlRenderer, Parser} from 'commonmark'
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
    const order = [
      '| critical | 1 |',
      '### Top findings (10 of 10)',
      '### Projects',
      '<summary>All findings with evidence (10)</summary>',
      '<summary>Not read (3)</summary>',
      '<summary>Rules (8)</summary>',
    ]
    const positions = order.map((s) => text.indexOf(s))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(text).toContain(
      '> **The scan is incomplete:** 1 input(s) could not be read; 1 component(s) were not resolved.',
    )
  })

  it('escapes untrusted names: no raw HTML, no broken table cell, no @mention', () => {
    const text = render(loadFixture())
    // Rendered by the CommonMark reference parser: the names are text, not elements.
    const html = new HtmlRenderer().render(new Parser().parse(text))
    expect(html).not.toMatch(/<(script|img|td|b)[\s>]/)
    expect(html).toContain('&lt;/td&gt;&lt;script&gt;document.title=')
    // Only inside a code span, which GitHub shows as text.
    expect(text.split('<img').length).toBe(2)
    expect(text).toContain('`"><img src=x onerror=alert(1)>@evil.example.com`: ')
    expect(text).toContain('\\</td>\\<script>document.title=')
    // A person is a code span: GitHub neither renders nor mentions inside it.
    expect(text).toContain('`@maintainer-bot-lookalike`: organisation unknown, 2 commits')
    expect(text).toContain('remaining authors \\| see docs')

    const result = loadFixture()
    result.projects[0].metrics.top_company = '@acme-admins | <b>Acme</b>'
    result.findings[0].message = 'Ask @octo-team about it\n# not a heading'
    const hostile = render(result)
    expect(hostile).toContain('| @\u200bacme-admins \\| \\<b>Acme\\</b> (91.0%) |')
    expect(hostile).toContain('Ask @\u200bocto-team about it # not a heading')
  })

  it('shows numbers as written: no backslash before a digit, in the source or once rendered', () => {
    const text = render(loadFixture())
    expect(text).not.toMatch(/\\\d/)
    expect(text).toContain('| 95.0% of the 60 human commits to indie-collective/parsekit are by one person')
    expect(text).toContain('`github.com/solace-data/vaguedb-operator`: 100.0% of the 10 attributed commits')
    // The CommonMark reference parser shows a backslash it does not take as an escape.
    expect(new HtmlRenderer().render(new Parser().parse(text))).not.toMatch(/\\\d/)
    // A message that would open an ordered list keeps its digits and loses nothing.
    const result = loadFixture()
    result.findings[0].message = '1. Fix this first'
    expect(render(result)).toContain('| 1\\. Fix this first |')
  })

  it('marks new and worsened findings and says how many there are, only with a baseline', () => {
    const text = render(loadFixture())
    expect(text).toContain('\n**Since the baseline: 3 new, 1 worsened** (marked **NEW** and **WORSE** below).\n')
    expect(text).toContain('| **high** **NEW** | `bus-factor-one` | `github.com/indie-collective/parsekit` |')
    expect(text).toContain('| **high** **WORSE** | `bus-factor-one` | `github.com/tinyproj/left-padder` |')
    expect(text).toContain('| **high** | `single-vendor` | `github.com/acme-widgets/widget-operator` |')
    expect(text).toContain('- **medium** **NEW** `upstream-unavailable` in `github.com/ghost-org/vanished`: ')
    // Three new and one worse finding, each in the top findings and in the details.
    expect(text.match(/\*\*NEW\*\* [|`]/g)).toHaveLength(6)
    expect(text.match(/\*\*WORSE\*\* [|`]/g)).toHaveLength(2)

    const result = loadFixture()
    for (const f of [...result.findings, ...result.projects.flatMap((p) => p.findings)]) delete f.baselineState
    const plain = render(result)
    expect(plain).not.toMatch(/NEW|WORSE|baseline/)
    for (const f of result.findings) f.baselineState = 'unchanged'
    expect(render(result)).toContain('\n**Since the baseline: 0 new, 0 worsened**.\n')
  })

  it('shows Independent as the top organisation when it leads, with the top company beside it', () => {
    const text = render(loadFixture())
    expect(text).toContain('| `github.com/indie-collective/parsekit` | partial: ')
    expect(text).toContain(
      ' | 70 | Independent (98.3%); top company Meridian Cloudworks (fictional) (1.7%) | 96.7% | 1 | 1 | 1 high |',
    )
    expect(text).toContain(
      '| `github.com/tinyproj/left-padder` | ok | 70 | Independent (100.0%) | 100.0% | 0 | 1 | 1 high |',
    )
    expect(text).toContain(
      '| `github.com/acme-widgets/widget-operator` | ok | 88 | Acme Widgets Inc. (91.0%) | 96.1% | 1 | 2 | 1 critical, 1 high |',
    )
  })

  it('shows beside the top organisation how much of the project is attributed at all, and says what each share is of', () => {
    const text = render(loadFixture())
    expect(text).toContain(
      '\n| Repository | Status | Risk score | Top organisation | Known | Elephant | Bus | Findings |\n|---|---|---:|---|---:|---:|---:|---|\n',
    )
    // 100% of the attributed commits, but only 10 of 90 human commits are attributed (unknown_share 0.8889).
    expect(text).toContain(
      '| `github.com/solace-data/vaguedb-operator` | ok | 72 | Solace Data Systems (fictional) (100.0%) | 11.1% | 1 | 5 | 1 high |',
    )
    expect(text).toContain(
      '| `github.com/community-logkit/logkit` | ok | 25 | Independent (11.5%); top company Globex Cloud (10.9%) | 38.1% | 3 | 6 | 1 low, 1 info |',
    )
    // No unknown_share (nothing collected): no figure, not 100%.
    expect(text).toContain(
      '| `github.com/ghost-org/vanished` | unavailable: 404 Not Found | 50 | - | - | - | - | 1 medium |',
    )
    expect(text).toContain(
      "| 1 low, 1 info |\n\n_Risk score: 0 = no risk found, 100 = worst (`-`: not collected). The top organisation's share is of the commits attributed to an organisation; Known is the share of human commits attributed at all._\n",
    )
    // Once rendered, Known is a column of the table, and the note a paragraph after it.
    const html = new HtmlRenderer().render(new Parser().parse(text))
    expect(html).toContain(
      "<em>Risk score: 0 = no risk found, 100 = worst (<code>-</code>: not collected). The top organisation's share is of the commits attributed to an organisation;",
    )
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
