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

describe('AUTHORS sentences saying who maintains the project', () => {
  it('name the maintainers, and former ones as emeritus; not a list, a file, or a section naming no role', () => {
    const content = [
      'Authors',
      '=======',
      '',
      '``widget`` is currently written and maintained by `Ada L <https://github.com/ada-l>`_.',
      'Originally written and maintained by `Old One <https://github.com/old-one>`_.',
      'This list is maintained by `Bot <https://github.com/list-bot>`_.',
      '',
      'Contributors',
      '============',
      '',
      'Docs maintained by `Grace H <https://github.com/grace-h>`_.',
    ].join('\n')
    expect(people('AUTHORS.rst', content)).toEqual([
      ['ada-l', 'maintainer', 'Authors', null, 4],
      ['old-one', 'emeritus', 'Authors', null, 5],
    ])
    // A README's sentence is not read: it names an organisation or another project's maintainer as often.
    expect(
      people('README.md', 'Developed from [x](https://github.com/y/x), maintained by [@y](https://github.com/y).'),
    ).toEqual([])
  })
})

describe('real files: jpadilla/pyjwt AUTHORS.rst (__fixtures__/real/SOURCES.md)', () => {
  it('reads its current maintainer and its original one from its two sentences', () => {
    const content = readFileSync(
      join(import.meta.dirname, '../../__fixtures__/real/jpadilla__pyjwt/AUTHORS.rst'),
      'utf8',
    )
    expect(people('AUTHORS.rst', content)).toEqual([
      ['jpadilla', 'maintainer', 'Authors', null, 4],
      ['progrium', 'emeritus', 'Authors', null, 5],
    ])
  })
})
