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
})
