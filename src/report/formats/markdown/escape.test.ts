import {HtmlRenderer, Parser} from 'commonmark'
import {describe, expect, it} from 'vitest'
import {htmlText, mdCode, mdText} from './escape.js'

/**
 * Renders Markdown with the CommonMark reference implementation and returns the HTML of the first block:
 * escaped text must come back as one paragraph of plain text, exactly the input.
 */
function render(markdown: string): string {
  return new HtmlRenderer().render(new Parser().parse(markdown)).trim()
}

function paragraph(text: string): string {
  const html = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  return `<p>${html}</p>`
}

/** Text that is markup in CommonMark (or GFM tables and strikethrough) in some position. */
const HOSTILE = [
  '*bold* _em_ **strong** __strong__',
  '[link](https://example.com) ![image](x.png) [ref]',
  '<b>html</b> <https://example.com> <!-- comment -->',
  '`code` ``more``',
  'a \\ backslash \\* and \\8',
  '&amp; &#35; &copy; and a plain & ampersand',
  '# heading',
  '###### six',
  '> quote',
  '- bullet',
  '+ bullet',
  '* bullet',
  '1. ordered',
  '12) ordered',
  '---',
  '===',
  '***',
  '```fence',
  '~~~fence',
  '~~strike~~',
  'cell | pipe',
]

/** Text that is not markup: it must come back without a single backslash added. */
const PLAIN = [
  '84.1% of the 145 attributed commits (limit 50.0%) come from Crestline Networks (fictional)',
  '100.0% of the 10 attributed commits',
  '1.5 times more',
  '2024-01-01 to 2025-01-01',
  '#hashtag and a # in the middle',
  '-x and a - b',
  '+1 more',
  'a > b, c = d, e! f? g: h; i, (j) {k} "l" \'m\' /n/ %o',
  '=not a heading',
  'Acme Widgets Inc. is on the list.',
]

describe('Markdown escaping', () => {
  it('escapes what CommonMark reads as markup, so it renders as the text itself', () => {
    for (const text of HOSTILE) expect(render(mdText(text)), `${text} -> ${mdText(text)}`).toBe(paragraph(text))
  })

  it('adds no backslash where none is needed: never before a digit or a letter', () => {
    for (const text of PLAIN) {
      expect(mdText(text), text).toBe(text)
      expect(render(mdText(text))).toBe(paragraph(text))
    }
    // The ordered-list marker itself is escaped at its `.` or `)`, not before its digits.
    expect(mdText('1. item')).toBe('1\\. item')
    expect(mdText('12) item')).toBe('12\\) item')
    expect(mdText('# title')).toBe('\\# title')
    expect(mdText('- item')).toBe('\\- item')
    expect(mdText('*bold* [x] <b> | ~x~ `c`')).toBe('\\*bold\\* \\[x\\] \\<b> \\| \\~x\\~ \\`c\\`')
  })

  it('keeps a table cell a single cell and a single line', () => {
    expect(mdText('a | b')).toBe('a \\| b')
    expect(mdText('line\nbreak')).toBe('line break')
  })

  it('breaks @mentions with a zero-width space, leaving e-mail addresses alone', () => {
    expect(mdText('ask @octo-org/team')).toBe('ask @\u200bocto-org/team')
    expect(mdText('dev@example.com')).toBe('dev@\u200bexample.com')
    expect(mdText('a @ b')).toBe('a @ b')
  })

  it('makes code spans that survive backticks and table pipes', () => {
    expect(mdCode('repo')).toBe('`repo`')
    expect(mdCode('a`b')).toBe('``a`b``')
    expect(mdCode('`x`')).toBe('`` `x` ``')
    expect(mdCode('a|b', true)).toBe('`a\\|b`')
    expect(mdCode('a|b')).toBe('`a|b`')
    expect(mdCode('')).toBe('')
  })

  it('escapes HTML inside <summary>', () => {
    expect(htmlText('<img src=x> @x')).toBe('&lt;img src=x&gt; @\u200bx')
  })
})
