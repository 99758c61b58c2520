import {describe, expect, it} from 'vitest'
import {htmlText, mdCode, mdText} from './escape.js'

describe('Markdown escaping', () => {
  it('escapes inline markup and a leading block marker', () => {
    expect(mdText('*bold* _em_ [link](x) <b> | ~x~ `c` !')).toBe('\\*bold\\* \\_em\\_ \\[link\\](x) \\<b\\> \\| \\~x\\~ \\`c\\` \\!')
    expect(mdText('# title')).toBe('\\# title')
    expect(mdText('1. item')).toBe('\\1. item')
    expect(mdText('- item')).toBe('\\- item')
    expect(mdText('a - b')).toBe('a - b')
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
