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

describe('pointers written as reference links', () => {
  it('follows a README line about maintainers whose link is defined at the end of the file', () => {
    const content = [
      '# Widget',
      '',
      '## Maintainers',
      'The maintainers are listed in [the community repository][community].',
      '',
      '## License',
      'Apache-2.0, see [LICENSE][license].',
      '',
      '[community]: https://github.com/example/community/blob/main/MAINTAINERS.md',
      '[license]: https://github.com/example/widget/blob/main/LICENSE',
    ].join('\n')
    expect(pointersIn([{path: 'README.md', content}])).toEqual([
      {owner: 'example', name: 'community', path: 'MAINTAINERS.md', from: 'README.md:4'},
    ])
  })

  it('follows "This repository is maintained by the [group][label]" to the group file the label defines', () => {
    const content = [
      '# widget',
      'This repository is maintained by the [Core Working Group][wg].',
      '',
      '[wg]: ./WORKING_GROUP.md "the group"',
    ].join('\n')
    expect(pointersIn([{path: 'README.md', content}], {host: 'github.com', owner: 'example', name: 'widget'})).toEqual([
      {owner: 'example', name: 'widget', path: 'WORKING_GROUP.md', from: 'README.md:2'},
    ])
  })

  it('reads the collapsed and shortcut forms ([label][] and [label]), labels in any case', () => {
    for (const used of ['[Community][]', '[community]', '[COMMUNITY]'])
      expect(
        pointersIn([
          {
            path: 'MAINTAINERS',
            content: `Maintainers: see ${used}.\n\n[community]: https://github.com/example/community`,
          },
        ]).map((p) => `${p.owner}/${p.name} ${p.from}`),
      ).toEqual(['example/community MAINTAINERS:1'])
  })
})
