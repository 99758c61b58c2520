import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {pointersIn} from '../../index.js'

const real = join(import.meta.dirname, '../../__fixtures__/real')

describe('pointers to where the list lives', () => {
  it('follows a MAINTAINERS file that names nobody to the file it links (real: fluxcd/flux2)', () => {
    const content = readFileSync(join(real, 'fluxcd__flux2', 'MAINTAINERS'), 'utf8')
    expect(pointersIn([{path: 'MAINTAINERS', content}])).toEqual([
      {owner: 'fluxcd', name: 'community', path: 'CORE-MAINTAINERS', from: 'MAINTAINERS:8'},
    ])
  })

  it('reads a README line about maintainers that names a repository ("see github.com/org/community")', () => {
    const content = [
      '# Widget',
      'Build with make. Issues: https://github.com/example/widget/issues/1',
      '',
      '## Maintainers',
      'The maintainers are listed in the community repository, see github.com/example/community.',
    ].join('\n')
    expect(pointersIn([{path: 'Readme.md', content}])).toEqual([
      {owner: 'example', name: 'community', from: 'Readme.md:5'},
    ])
  })

  it('never points from a file that names its people, nor from files read through a pointer', () => {
    const names = 'Ada L (@ada-l)\nSee also https://github.com/example/community/blob/main/MAINTAINERS\n'
    expect(pointersIn([{path: 'MAINTAINERS', content: names}])).toEqual([])
    const pointed = {
      path: 'external/example__community/MAINTAINERS',
      content: 'See https://github.com/example/elsewhere\n',
      origin: {place: 'pointer' as const, repo: 'github.com/example/community'},
    }
    expect(pointersIn([pointed])).toEqual([])
  })

  it('takes at most two links of a file, and no path that could climb out of the repository', () => {
    const content = [
      'https://github.com/a/one https://github.com/b/two https://github.com/c/three',
      'https://github.com/d/four/blob/main/../../etc/passwd',
    ].join('\n')
    expect(pointersIn([{path: 'MAINTAINERS', content}]).map((p) => `${p.owner}/${p.name}`)).toEqual(['a/one', 'b/two'])
    expect(pointersIn([{path: 'MAINTAINERS', content: content.split('\n')[1]}])).toEqual([
      {owner: 'd', name: 'four', from: 'MAINTAINERS:1'},
    ])
  })
})
