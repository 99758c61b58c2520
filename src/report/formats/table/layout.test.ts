import {describe, expect, it} from 'vitest'
import {renderColumns, truncate} from './layout.js'

describe('table layout', () => {
  it('truncates by terminal cells with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…')
    expect(truncate('abc', 4)).toBe('abc')
    expect(truncate('日本語テキスト', 5)).toBe('日本…')
  })

  it('pads, aligns, and trims trailing spaces', () => {
    const lines = renderColumns(
      [{header: 'NAME'}, {header: 'N', align: 'right'}],
      [[{text: 'alpha'}, {text: '1'}], [{text: 'b'}, {text: '100'}]],
      (t) => t,
    )
    expect(lines).toEqual(['NAME     N', 'alpha    1', 'b      100'])
  })
})
