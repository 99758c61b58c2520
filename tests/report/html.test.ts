import {createHash} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {renderHtml} from '../../src/report/formats/html/index.js'
import {expectGolden, loadFixture} from './support.js'

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64')
}

describe('HTML report (as text)', () => {
  it('matches its reviewed golden file', () => {
    expectGolden('scan-result.html.txt', renderHtml(loadFixture()))
  })

  it('escapes every untrusted name: the only script and style are its own', () => {
    const html = renderHtml(loadFixture())
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(html.match(/<style/g)).toHaveLength(1)
    expect(html).not.toMatch(/<img|onerror=alert\(1\)>|<\/td><script>/)
    expect(html).toContain('&lt;/td&gt;&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;')
    expect(html).toContain('<code>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@evil.example.com</code>')
  })

  it('loads nothing: no external reference, and a CSP that allows only its inline blocks by hash', () => {
    const html = renderHtml(loadFixture())
    // Attributes live inside tags; escaped text holds no raw `<`, so a tag-scoped match cannot hit text.
    expect(html).not.toMatch(/<[^>]*\s(src|xlink:href|action)=/)
    // The only references outside the page are links a reader may follow (forge pages), never loaded by it.
    const hrefs = [...html.matchAll(/<([a-z]+)[^>]*\shref="([^"]*)"/g)].map(([, tag, href]) => [tag, href])
    expect(hrefs.length).toBeGreaterThan(10)
    for (const [tag, href] of hrefs) expect(`${tag} ${href}`).toMatch(/^a (#[\w-]+|https:\/\/github\.com\/[\w./-]+)$/)
    expect(html).not.toMatch(/@import|url\(/)
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1].replace(/&#39;/g, "'")
    expect(csp).toBe(
      `default-src 'none'; style-src 'sha256-${sha256(style)}'; script-src 'sha256-${sha256(script)}'; img-src 'none'; base-uri 'none'; form-action 'none'`,
    )
    // No inline style attributes (the CSP would block them) and no inline event handlers.
    expect(html).not.toMatch(/<[^>]*\s(style|on[a-z]+)=/)
  })

  it('puts a badge on new and worsened findings and counts them in a card, only with a baseline', () => {
    const html = renderHtml(loadFixture())
    expect(html).toContain(
      '<div class="muted">New or worse since the baseline</div><div class="value">3 new, 1 worse</div>',
    )
    expect(html).toContain(
      '<summary><span class="badge sev-high">high</span> <span class="badge base-new">new</span> <code>bus-factor-one</code> <code>github.com/indie-collective/parsekit</code> ',
    )
    expect(html).toContain(
      '<summary><span class="badge sev-high">high</span> <span class="badge base-updated">worse</span> <code>bus-factor-one</code> <code>github.com/tinyproj/left-padder</code> ',
    )
    expect(html.match(/class="badge base-new"/g)).toHaveLength(3)
    expect(html.match(/class="badge base-updated"/g)).toHaveLength(1)
    const result = loadFixture()
    for (const f of result.findings) delete f.baselineState
    const plain = renderHtml(result)
    expect(plain).not.toMatch(/base-new"|base-updated"|New or worse/)
  })

  it('shows Independent as the top organisation when it leads, with the top company beside it', () => {
    const html = renderHtml(loadFixture())
    expect(html).toContain(
      '<td data-sort="Independent">Independent<br><span class="muted">top company Meridian Cloudworks (fictional) (1.7%)</span></td><td class="num" data-sort="0.9828">98.3%</td>',
    )
    expect(html).toContain(
      '<td data-sort="Acme Widgets Inc."><mark class="listed">Acme Widgets Inc.</mark></td><td class="num" data-sort="0.9102">91.0%</td>',
    )
  })

  it('draws the three charts, and says so when there is no data', () => {
    const html = renderHtml(loadFixture())
    for (const id of ['chart-organizations', 'chart-countries', 'chart-severities']) {
      expect(html).toMatch(new RegExp(`<figure id="${id}">\\n<h3>[^<]+</h3>\\n<svg class="chart"`))
    }
    expect(html).toContain('<title>Acme Widgets Inc.: 375 commits (91.0%)</title>')
    const empty = {...loadFixture(), projects: []}
    expect(renderHtml(empty)).toContain(
      '<figure id="chart-countries">\n<h3>Countries</h3>\n<p class="muted">No data to draw.</p>',
    )
  })

  it('opens with an executive summary: verdict, data window, riskiest, listed organisations marked, countries as stated', () => {
    const html = renderHtml(loadFixture())
    const summary = /<main>\n(<section id="summary" class="summary">[\s\S]*?<\/section>)/.exec(html)?.[1] ?? ''
    expect(summary).toContain(
      '<p class="verdict"><strong>7 projects need review (worst finding: 1 critical, 4 high, 1 medium, 1 low); incomplete: 1 partly collected; 1 component without an upstream repository</strong></p>',
    )
    expect(summary).toContain('Data collected for the window 2024-01-01 to 2025-01-01: commits in the window')
    expect(summary).toContain(
      '<li>Riskiest: <a href="https://github.com/acme-widgets/widget-operator"><code>github.com/acme-widgets/widget-operator</code></a> 88 (worst finding critical);',
    )
    expect(summary).toContain(
      '<mark class="listed">Acme Widgets Inc.</mark> in <a href="https://github.com/acme-widgets/widget-operator">',
    )
    // Countries: the organisation data's headquarters of attributed commits, summed over projects, most first.
    expect(summary).toContain(
      '<code>US</code> 433, <code>DE</code> 42, <code>JP</code> 41, <code>SE</code> 10, <code>NL</code> 1 human commits',
    )
  })

  it('links logins and commits to their forge, and nothing that is not one', () => {
    const html = renderHtml(loadFixture())
    expect(html).toContain('<a href="https://github.com/alice-acme"><code>alice-acme</code></a>')
    expect(html).toContain(
      '<a href="https://github.com/acme-widgets/widget-operator/commit/3f2a9c1e"><code>3f2a9c1e</code></a>',
    )
    // An identity that is no login stays text.
    expect(html).not.toMatch(/href="[^"]*evil/)
  })

  it('shows a project without data as not collected, with no risk score, named in the summary', () => {
    const result = loadFixture()
    const project = result.projects.find((p) => p.repo === 'github.com/tinyproj/left-padder')!
    Object.assign(project, {score: null, status: 'partial', missing: ['commits', 'facts', 'governance', 'profiles']})
    const html = renderHtml(result)
    expect(html).toContain(
      '<li>not collected (no risk score): <a href="https://github.com/tinyproj/left-padder"><code>github.com/tinyproj/left-padder</code></a></li>',
    )
    expect(html).toMatch(
      /<code>github\.com\/tinyproj\/left-padder<\/code><\/a><\/td><td>not collected[^<]*<\/td><td class="num" data-sort="">-<\/td>/,
    )
    expect(html).toContain('<code>github.com/tinyproj/left-padder</code> not collected')
  })
})
