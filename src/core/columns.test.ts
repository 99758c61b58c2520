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

  it('reads rows made as they are iterated (twice: widths, then lines) as it reads an array', () => {
    const array = [
      ['ecosystem', 'total'],
      ...Array.from({length: 100}, (_, i) => [`eco-${'x'.repeat(i % 9)}`, `${i * 37}`]),
    ]
    let made = 0
    const lazy = {
      *[Symbol.iterator]() {
        for (const row of array) {
          made++
          yield [...row]
        }
      },
    }
    expect([...alignedLines(lazy, {right: [1], rule: true})]).toEqual(alignColumns(array, {right: [1], rule: true}))
    expect(made).toBe(2 * array.length)
  })
})
