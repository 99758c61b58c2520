import {describe, expect, it} from 'vitest'
import {cslDate} from './dates.js'

describe('cslDate', () => {
  it('writes the unambiguous shapes as YYYY-MM-DD, partial dates as they are', () => {
    const shapes = [
      '2023-07-19',
      ' 2023-07-19T00:00:00Z',
      '2023-07-19 12:30:00',
      '2023-07-19T00:00:00.000+02:00',
      '2023/7/19',
      '2023.07.19',
      '7/19/2023',
      '07/19/2023',
      '20230719',
    ]
    expect(shapes.map(cslDate)).toEqual(shapes.map(() => '2023-07-19'))
    expect([cslDate('2023-07'), cslDate('2023')]).toEqual(['2023-07', '2023'])
  })

  it('reads nothing else: free text, two-digit years, impossible days, day-first dates', () => {
    for (const text of [
      'not-a-date',
      '',
      'circa 1968',
      '9/4/02',
      '2023-02-30',
      '2023-13',
      '19/07/2023',
      '2023-7-19',
      'July 19, 2023',
      '2023-07-19junk',
    ]) {
      expect([text, cslDate(text)]).toEqual([text, undefined])
    }
  })
})
