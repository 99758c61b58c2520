import stringWidth from 'string-width'
import {describe, expect, it} from 'vitest'
import {type Cell, type Column, renderColumns} from './layout.js'

const plain = (t: string) => t

describe('table layout', () => {
  it('pads, aligns, and trims trailing spaces at the natural width', () => {
    const {lines, short, overflow} = renderColumns(
      [{header: 'NAME'}, {header: 'N', align: 'right'}],
      [
        [{text: 'alpha'}, {text: '1'}],
        [{text: 'b'}, {text: '100'}],
      ],
      plain,
    )
    expect(lines).toEqual(['NAME     N', 'alpha    1', 'b      100'])
    expect([short, overflow]).toEqual([false, false])
  })

  const columns: Column[] = [
    {header: 'ORGANISATION', short: 'ORG', min: 6},
    {header: 'SHARE', align: 'right'},
    {header: 'COUNT', short: 'N', align: 'right'},
  ]
  const rows: Cell[][] = [[{text: 'Solace Data Systems (fictional)'}, {text: '100%'}, {text: '7'}]]

  it('prefers the short headers when the full ones fit only by wrapping cells the short ones keep whole', () => {
    // The name is 31 cells: at 41 the full headers leave it 27 (it would wrap), the short ones 31.
    expect(renderColumns(columns, rows, plain, 45).short).toBe(false)
    const tight = renderColumns(columns, rows, plain, 41)
    expect(tight.short).toBe(true)
    expect(tight.lines).toEqual([`${'ORG'.padEnd(31)}  SHARE  N`, 'Solace Data Systems (fictional)   100%  7'])
  })

  it('uses the short headers, then wraps the wrapping columns; the others are never cut', () => {
    const {lines, short, overflow} = renderColumns(columns, rows, plain, 24)
    expect(short).toBe(true)
    expect(overflow).toBe(false)
    expect(lines).toEqual(['ORG             SHARE  N', 'Solace Data      100%  7', 'Systems', '(fictional)'])
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(24)
  })

  it('fits exactly the width it is given, narrowing the widest wrapping column first', () => {
    const two: Column[] = [
      {header: 'A', min: 4},
      {header: 'B', min: 4},
      {header: 'N', align: 'right'},
    ]
    const cells: Cell[][] = [[{text: 'alpha beta gamma delta'}, {text: 'one two'}, {text: '5'}]]
    for (const width of [16, 20, 30]) {
      const {lines, overflow} = renderColumns(two, cells, plain, width)
      expect(overflow).toBe(false)
      for (const line of lines) expect(stringWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width)
      // Nothing is lost: every word of every cell is on some line.
      const words = lines.slice(1).join(' ').split(/\s+/)
      for (const word of ['alpha', 'beta', 'gamma', 'delta', 'one', 'two', '5'])
        expect(words, `${width}`).toContain(word)
    }
    const {lines} = renderColumns(two, cells, plain, 20)
    expect(lines).toEqual(['A            B     N', 'alpha beta   one   5', 'gamma delta  two'])
  })

  it('says when even the narrowest layout does not fit', () => {
    expect(renderColumns(columns, rows, plain, 10).overflow).toBe(true)
    expect(
      renderColumns(
        [{header: 'A', min: 4}, {header: 'B', min: 4}, {header: 'N'}],
        [[{text: 'a b c'}, {text: 'd e f'}, {text: '1'}]],
        plain,
        12,
      ).overflow,
    ).toBe(true)
  })

  it('paints each line of a wrapped cell after padding', () => {
    const {lines} = renderColumns([{header: 'X', min: 3}], [[{text: 'aaa bbb', paint: (p) => `<${p}>`}]], plain, 3)
    expect(lines).toEqual(['X', '<aaa>', '<bbb>'])
  })
})
