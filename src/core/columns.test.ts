import {describe, expect, it} from 'vitest'
import {alignColumns, alignedLines} from './columns.js'

describe('alignColumns', () => {
  it('pads each column to its widest cell, two spaces apart; the last, left-aligned, is not padded', () => {
    expect(
      alignColumns([
        ['ID', 'SEVERITY', 'TITLE'],
        ['bus-factor-low', 'high', 'One person does most of the work'],
        ['stale', 'medium', 'No commit in 12 months  '],
      ]),
    ).toEqual([
      'ID              SEVERITY  TITLE',
      'bus-factor-low  high      One person does most of the work',
      'stale           medium    No commit in 12 months',
    ])
  })

  it('aligns counts to the right, under a rule of dashes', () => {
    expect(
      alignColumns(
        [
          ['ecosystem', 'total', 'rate'],
          ['npm', '16019', '0.6%'],
          ['all', '7', '100.0%'],
        ],
        {right: [1, 2], rule: true},
      ),
    ).toEqual([
      'ecosystem  total    rate',
      '---------  -----  ------',
      'npm        16019    0.6%',
      'all            7  100.0%',
    ])
  })

  it('caps a column at maxWidth (a longer cell overflows), and takes more rows than a call can spread', () => {
    const long = 'x'.repeat(100)
    expect(
      alignColumns(
        [
          ['REF', 'KIND'],
          [long, 'image'],
          ['short', 'package'],
        ],
        {maxWidth: 10},
      ),
    ).toEqual(['REF         KIND', `${long}  image`, 'short       package'])
    const many = Array.from({length: 200_000}, (_, i) => [String(i), 'a'])
    expect(alignColumns(many).at(-1)).toBe('199999  a')
  })

  it('makes each row as it goes, twice (widths, then lines), under a header, as alignColumns lays out rows', () => {
    const items = [3, 141, 59]
    const made: number[] = []
    const toRow = (n: number) => {
      made.push(n)
      return [`eco-${'x'.repeat(n % 4)}`, String(n)]
    }
    expect([...alignedLines(items, toRow, {header: ['ecosystem', 'total'], right: [1], rule: true})]).toEqual([
      'ecosystem  total',
      '---------  -----',
      'eco-xxx        3',
      'eco-x        141',
      'eco-xxx       59',
    ])
    expect(made).toEqual([3, 141, 59, 3, 141, 59])
  })
})

describe('a cell holding a line break', () => {
  it('stays on its line, the break shown', () => {
    const lines = alignColumns([
      ['REF', 'LOCATION'],
      ['alpine', 'evil\n::error::x/Dockerfile:1'],
    ])
    expect(lines).toEqual(['REF     LOCATION', 'alpine  evil\\u000A::error::x/Dockerfile:1'])
  })
})
