import {describe, expect, it} from 'vitest'
import {input} from '../../__fixtures__/project.js'
import {measureProject} from '../../index.js'

const facts = {fullName: 'example/widget', archived: true, fork: false, defaultBranch: 'main', license: 'MIT'}

describe('repository metrics', () => {
  it('finds governance files where GitHub reads them, also in a project-level repository', () => {
    const m = measureProject(
      input({
        project: {
          facts,
          governance: [
            {path: '.github/SECURITY.md', content: ''},
            {path: 'external/example__project/GOVERNANCE.md', content: ''},
            {path: 'docs/CODEOWNERS', content: ''},
            {path: 'OWNERS', content: ''},
          ],
        },
      }),
    )
    expect(m).toMatchObject({
      archived: true,
      fork: false,
      has_security_policy: true,
      has_governance_file: true,
      has_codeowners: true,
      has_maintainers_file: true,
      license: 'MIT',
    })
  })

  it('a file elsewhere does not count; facts not reported stay unknown', () => {
    const m = measureProject(input({project: {governance: [{path: 'vendor/lib/SECURITY.md', content: ''}]}}))
    expect(m).toMatchObject({
      archived: null,
      fork: null,
      license: null,
      has_security_policy: false,
      has_codeowners: false,
    })
  })

  it("takes the organisation's .github SECURITY.md as GitHub does, for a repository that has none", () => {
    const org = {place: 'organisation' as const, repo: 'github.com/example/.github', scope: 'organisation' as const}
    const community = {
      place: 'organisation' as const,
      repo: 'github.com/example/community',
      scope: 'organisation' as const,
    }
    const searched = [
      {place: 'repository' as const, repo: 'github.com/example/widget'},
      {place: 'organisation' as const, repo: 'github.com/example/.github'},
    ]
    const fromOrg = measureProject(
      input({
        project: {
          facts,
          searched,
          governance: [
            {path: 'external/example__.github/SECURITY.md', content: '# Security', origin: org},
            {path: 'external/example__community/CODEOWNERS', content: '* @a', origin: community},
            {path: 'external/example__community/SECURITY.md', content: '# not a default', origin: community},
          ],
        },
      }),
    )
    expect(fromOrg).toMatchObject({
      has_security_policy: true,
      security_policy_source: 'organisation .github',
      has_codeowners: false,
      governance_places_searched: ['repository: github.com/example/widget', 'organisation: github.com/example/.github'],
    })
    const own = measureProject(
      input({
        project: {
          facts,
          governance: [
            {path: 'SECURITY.md', content: ''},
            {path: 'external/example__.github/SECURITY.md', content: '', origin: org},
          ],
        },
      }),
    )
    expect(own.security_policy_source).toBe('repository')
    const none = measureProject(
      input({
        project: {
          facts,
          governance: [{path: 'external/example__community/SECURITY.md', content: '', origin: community}],
        },
      }),
    )
    expect(none).toMatchObject({has_security_policy: false, security_policy_source: null})
  })
})
