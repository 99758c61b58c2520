import {describe, expect, it} from 'vitest'
import {
  pkg,
  resolveOnline,
  summarise,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {expandMinified, resolver} from './index.js'

const emulators = useRegistryEmulators()

describe('packagist (written from the p2 format)', () => {
  it("takes the locked version's source.url from minified metadata (a renamed repository keeps the old name)", async () => {
    const run = await resolveOnline(
      emulators,
      [
        pkg('composer', 'monolog/monolog', '3.4.0'),
        pkg('composer', 'symfony/string', 'v5.4.47'),
        pkg('composer', 'example/renamed', '1.0.0'),
        pkg('composer', 'example/renamed', '2.0.0'),
        pkg('composer', 'Bad Name', '1'),
        // A hostile name that Composer's own pattern, copied into JavaScript, would backtrack on for hours.
        pkg('composer', `acme/${'a'.repeat(60)}!`, '1'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'monolog/monolog@3.4.0': 'github.com/Seldaek/monolog medium packagist',
      'symfony/string@v5.4.47': 'github.com/symfony/string medium packagist',
      'example/renamed@1.0.0': 'github.com/example-org/old-name medium packagist',
      'example/renamed@2.0.0': 'github.com/example-org/new-name medium packagist',
      'Bad Name@1': 'unresolved: invalid-name',
      [`acme/${'a'.repeat(60)}!@1`]: 'unresolved: invalid-name',
    })
  })

  it('expands minified version lists, honouring __unset', () => {
    expect(
      expandMinified([
        {version: '2', homepage: 'h', source: {url: 'a'}},
        {version: '1', homepage: '__unset'},
        {version: '0', source: {url: 'b'}},
      ]),
    ).toEqual([
      {version: '2', homepage: 'h', source: {url: 'a'}},
      {version: '1', source: {url: 'a'}},
      {version: '0', source: {url: 'b'}},
    ])
  })
})
