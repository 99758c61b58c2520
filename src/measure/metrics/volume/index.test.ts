import {describe, expect, it} from 'vitest'
import {collected, commits} from '../../__fixtures__/project.js'
import {measureProject} from '../../index.js'

const D = '2024-03-01T00:00:00Z'

describe('volume metrics', () => {
  it('counts bots apart from people', () => {
    const m = measureProject({
      project: collected(),
      attributed: {
        repo: 'github.com/example/widget',
        commits: commits([
          ['alice', null, D],
          ['alice', null, D],
          ['bob', null, D],
          ['dependabot[bot]', null, D, true],
        ]),
        roles: [],
        bots: {'dependabot[bot]': 1},
      },
    })
    expect(m).toMatchObject({commits_total: 4, human_commits: 3, bot_commits: 1, bot_identities: 1, contributors: 2})
  })

  it('an unavailable project has only unknown figures, never zeros', () => {
    const m = measureProject({project: collected({status: 'unavailable', reason: '404'}), attributed: null})
    expect(Object.values(m).every((v) => v === null)).toBe(true)
    expect(m).toHaveProperty('commits_total', null)
    expect(m).toHaveProperty('elephant_factor', null)
  })
})
