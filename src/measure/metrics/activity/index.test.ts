import {describe, expect, it} from 'vitest'
import {commits, input} from '../../__fixtures__/project.js'
import {explainMetrics, measureProject} from '../../index.js'

describe('activity metrics', () => {
  const data = commits([
    ['alice', null, '2024-02-10T23:00:00-05:00'],
    ['bob', null, '2024-10-01T00:00:00Z'],
    ['bob', null, '2024-10-03T00:00:00Z'],
    ['renovate[bot]', null, '2024-12-30T12:00:00Z', true],
  ])

  it('measures recency against the window end, not the clock', () => {
    const m = measureProject(input({commits: data, project: {facts: factsPushed('2024-12-31T08:00:00Z')}}))
    expect(m).toMatchObject({
      days_since_last_commit: 1,
      days_since_last_human_commit: 90,
      // 2024-10-03 is inside the 90 days before 2025-01-01; 2024-10-01 is 92 days before.
      commits_last_90_days: 1,
      // 2024-02-10T23:00-05:00 is 2024-02-11 in UTC.
      active_months: 2,
      window_days: 366,
      days_since_last_push: 0,
    })
  })

  it('no commits in the window: recency unknown, zero recent commits', () => {
    const m = measureProject(input({commits: []}))
    expect(m).toMatchObject({
      days_since_last_commit: null,
      commits_last_90_days: 0,
      active_months: 0,
      days_since_last_push: null,
    })
  })

  it('explains with the latest commit', () => {
    const i = input({commits: data})
    expect(explainMetrics(['days_since_last_commit'], i)).toEqual([
      {person: 'renovate[bot]', organization: null, commits: 1, shas: ['c003']},
    ])
  })
})

function factsPushed(pushedAt: string) {
  return {
    fullName: 'example/widget',
    archived: false,
    fork: false,
    defaultBranch: 'main',
    pushedAt,
    license: 'Apache-2.0',
  }
}
