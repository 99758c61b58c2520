import {describe, expect, it} from 'vitest'
import type {RepoFacts} from '../core/model.js'
import {commits, input, roles} from './__fixtures__/project.js'
import {explainMetrics, measureProject, metricFamilies} from './index.js'

const D = '2024-11-20T00:00:00Z'
const facts: RepoFacts = {
  fullName: 'example/widget',
  archived: false,
  fork: false,
  defaultBranch: 'main',
  license: 'MIT',
  pushedAt: '2024-12-01T00:00:00Z',
}

/** What a collector hands over when a part could not be read: that part empty, and named in `missing`. */
function project(missing: Array<'facts' | 'commits' | 'governance' | 'profiles'>) {
  return input({
    commits: missing.includes('commits')
      ? []
      : commits([
          ['alice', 'Example Corp', D],
          ['bob', 'Acme Cloud', D],
        ]),
    roles: missing.includes('governance')
      ? []
      : roles([
          ['alice', 'maintainer', 'Example Corp'],
          ['bob', 'maintainer', 'Acme Cloud'],
        ]),
    project: {
      facts: missing.includes('facts') ? undefined : facts,
      governance: missing.includes('governance') ? [] : [{path: 'MAINTAINERS', content: ''}],
      missing,
    },
  })
}

const keysOf = (family: string) => metricFamilies.find((f) => f.id === family)?.keys.map((k) => k.key) ?? []

describe('parts that could not be read', () => {
  it('governance missing: the file flags and every maintainer or role figure are unknown, not "absent" or 0', () => {
    const m = measureProject(project(['governance']))
    expect(m).toMatchObject({
      has_security_policy: null,
      has_governance_file: null,
      has_codeowners: null,
      has_maintainers_file: null,
    })
    for (const key of keysOf('maintainers')) expect(m[key], key).toBeNull()
    expect(m).toMatchObject({listed_maintainers: null, listed_role_holders: null, maintainers_per_country: null})
    // What was read is still measured.
    expect(m).toMatchObject({
      human_commits: 2,
      top_company_share: 0.5,
      archived: false,
      license: 'MIT',
      window_days: 366,
    })
    // Read and empty is different: no file is "absent"; maintainers named nowhere are still unknown, never 0.
    const read = measureProject(input({project: {facts}}))
    expect(read).toMatchObject({has_security_policy: false, has_maintainers_file: false, maintainers: null})
    expect(read.governance_places_searched).toEqual(['repository: github.com/example/widget'])
  })

  it('facts missing: archived, fork, licence and the last push are unknown even if stale facts are present', () => {
    const m = measureProject({...project(['facts']), project: {...project([]).project, missing: ['facts']}})
    expect(m).toMatchObject({archived: null, fork: null, license: null, days_since_last_push: null})
    expect(m).toMatchObject({has_maintainers_file: true, maintainers: 2, human_commits: 2})
  })

  it('commits missing: every commit figure is unknown; the window length and governance figures are not', () => {
    const m = measureProject(project(['commits']))
    for (const family of ['volume', 'organizations', 'bus-factor'])
      for (const key of keysOf(family)) expect(m[key], key).toBeNull()
    expect(m).toMatchObject({
      days_since_last_commit: null,
      commits_last_90_days: null,
      active_months: null,
      listed_commits: null,
    })
    expect(m).toMatchObject({window_days: 366, days_since_last_push: 31, maintainers: 2, has_maintainers_file: true})
  })

  it('profiles missing changes no figure by itself: unattributed commits show in the coverage figures', () => {
    expect(measureProject(project(['profiles']))).toEqual(measureProject(project([])))
  })

  it('nobody is named behind an unknown figure', () => {
    const data = input({
      roles: roles([['alice', 'maintainer', 'Example Corp']]),
      commits: commits([['alice', 'Example Corp', D]]),
      project: {missing: ['governance']},
    })
    expect(explainMetrics(['maintainer_top_company_share'], data)).toEqual([])
    expect(explainMetrics(['top_company_share'], data).map((p) => p.person)).toEqual(['alice'])
  })
})
