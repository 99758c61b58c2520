import stringWidth from 'string-width'
import {describe, expect, it} from 'vitest'
import {hanging, wrapText} from './wrap.js'

describe('wrapText', () => {
  it('breaks at the last space in reach, keeping every word', () => {
    expect(wrapText('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps'])
    expect(wrapText('exactly ten and more', 10)).toEqual(['exactly', 'ten and', 'more'])
    expect(wrapText('short', 10)).toEqual(['short'])
    expect(wrapText('', 10)).toEqual([''])
  })

  it('breaks a repository after a slash, then after a hyphen, then inside a word', () => {
    expect(wrapText('github.com/acme-widgets/widget-operator', 16)).toEqual([
      'github.com/',
      'acme-widgets/',
      'widget-operator',
    ])
    expect(wrapText('community-logkit/logkit', 12)).toEqual(['community-', 'logkit/', 'logkit'])
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij'])
  })

  it('measures terminal cells: wide characters count twice', () => {
    const lines = wrapText('株式会社エグザンプル 日本', 8)
    expect(lines).toEqual(['株式会社', 'エグザン', 'プル', '日本'])
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(8)
    for (const line of wrapText('株式会社エグザンプル', 7)) expect(stringWidth(line)).toBeLessThanOrEqual(7)
  })
})

describe('hanging', () => {
  it('indents the lines after the first and keeps every line within the width', () => {
    const lines = hanging('HIGH      ', 'one two three four five six seven', 10, 24)
    expect(lines).toEqual(['HIGH      one two three', '          four five six', '          seven'])
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(24)
  })
})
