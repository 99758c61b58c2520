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
    expect(html).not.toMatch(/<[^>]*\s(src|href|xlink:href|action)=["'](?!#)/)
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

  it('draws the three charts, and says so when there is no data', () => {
    const html = renderHtml(loadFixture())
    for (const id of ['chart-organizations', 'chart-countries', 'chart-severities']) {
      expect(html).toMatch(new RegExp(`<figure id="${id}">\\n<h3>[^<]+</h3>\\n<svg class="chart"`))
    }
    expect(html).toContain('<title>Acme Widgets Inc.: 375 commits (91%)</title>')
    const empty = {...loadFixture(), projects: []}
    expect(renderHtml(empty)).toContain('<figure id="chart-countries">\n<h3>Countries</h3>\n<p class="muted">No data to draw.</p>')
  })
})
