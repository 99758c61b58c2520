import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {people} from '../../__fixtures__/people.js'
import {governanceOf} from '../../index.js'

describe('real files: psf/requests AUTHORS.rst (__fixtures__/real/SOURCES.md)', () => {
  const content = readFileSync(join(import.meta.dirname, '../../__fixtures__/real/psf__requests/AUTHORS.rst'), 'utf8')

  it('reads reStructuredText sections naming a role; contributors hold none; an address is no company', () => {
    expect(people('AUTHORS.rst', content)).toEqual([
      ['sigmavirus24', 'maintainer', 'Requests Maintainers', null, 6],
      ['nateprewitt', 'maintainer', 'Requests Maintainers', null, 7],
      ['kennethreitz', 'emeritus', 'Previous Maintainers', null, 12],
      ['lukasa', 'emeritus', 'Previous Maintainers', null, 13],
      ['sethmlarson', 'emeritus', 'Previous Maintainers', null, 14],
    ])
  })

  it('gives the maintainers when no MAINTAINERS file does (with README role lists)', () => {
    const governance = governanceOf({
      repo: 'github.com/psf/requests',
      source: 'github',
      status: 'ok',
      window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
      commits: [],
      governance: [{path: 'AUTHORS.rst', content}],
      profiles: {},
    })
    expect([governance.maintainers.rule, governance.maintainers.holders.map((h) => h.login)]).toEqual([
      'README or AUTHORS role list: maintainers',
      ['sigmavirus24', 'nateprewitt'],
    ])
  })
})

describe('AUTHORS and AUTHORS.md', () => {
  it('without roles name no role holder (a plain list, a list under "Authors")', () => {
    const plain = [
      '# This is the official list of Example authors.',
      'Ada L <ada@example.com> @ada-l',
      '* @grace-h',
    ].join('\n')
    expect(people('AUTHORS', plain)).toEqual([])
    expect(people('AUTHORS.md', '# Authors\n\n- [Ada L](https://github.com/ada-l)\n')).toEqual([])
  })

  it('are read: names in a list under a role label or heading are role holders, in AUTHORS and AUTHORS.md', () => {
    expect(people('AUTHORS', 'Maintainers:\n\n- @ada-l\n').map(([login, role]) => `${login} ${role}`)).toEqual([
      'ada-l maintainer',
    ])
    expect(
      people('AUTHORS.md', '## Maintainers\n\n- [Ada L](https://github.com/ada-l)\n').map(
        ([login, role]) => `${login} ${role}`,
      ),
    ).toEqual(['ada-l maintainer'])
  })
})
