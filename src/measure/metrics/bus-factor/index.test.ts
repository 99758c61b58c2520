import {describe, expect, it} from 'vitest'
import {commits, input} from '../../__fixtures__/project.js'
import {explainMetrics, measureProject} from '../../index.js'

const D = '2024-03-01T00:00:00Z'
const table = commits([
  ...Array.from({length: 5}, () => ['alice', 'Example Corp', D] as [string, string, string]),
  ...Array.from({length: 4}, () => ['erin', null, D] as [string, null, string]),
  ...Array.from({length: 3}, () => ['carol', 'Acme Cloud', D] as [string, string, string]),
  ['bob', 'Example Corp', D],
  ['renovate[bot]', null, D, true],
  ['renovate[bot]', null, D, true],
  ['renovate[bot]', null, D, true],
  ['renovate[bot]', null, D, true],
  ['renovate[bot]', null, D, true],
  ['renovate[bot]', null, D, true],
])

describe('bus-factor metrics', () => {
  it('counts the fewest people reaching half of human commits, unattributed ones included, bots left out', () => {
    const m = measureProject(input({commits: table}))
    // 13 human commits: alice 5 + erin 4 = 9 >= 6.5.
    expect(m.bus_factor).toBe(2)
    expect(m.top_contributor_share).toBe(0.3846)
  })

  it('is 1 when one person has half the commits, null without commits', () => {
    expect(
      measureProject(
        input({
          commits: commits([
            ['a', null, D],
            ['b', null, D],
          ]),
        }),
      ).bus_factor,
    ).toBe(1)
    expect(measureProject(input({commits: []})).bus_factor).toBeNull()
  })

  it('names the people making up the bus factor', () => {
    const i = input({commits: table})
    expect(explainMetrics(['bus_factor'], i).map((p) => [p.person, p.commits])).toEqual([
      ['alice', 5],
      ['erin', 4],
    ])
  })
})
