import {describe, expect, it} from 'vitest'
import {
  pkg,
  resolveOnline,
  summarise,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

describe('rubygems (written from the API format)', () => {
  it('reads source_code_uri with its tree directory, metadata.source_code_uri, then homepage_uri', async () => {
    const run = await resolveOnline(
      emulators,
      [
        pkg('gem', 'railties', '7.1.3'),
        pkg('gem', 'webrick', '1.8.2'),
        pkg('gem', 'example-meta-only', '1.0.0'),
        pkg('gem', 'absent', '1.0.0'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'railties@7.1.3': 'github.com/rails/rails (railties) medium rubygems',
      'webrick@1.8.2': 'github.com/ruby/webrick medium rubygems',
      'example-meta-only@1.0.0': 'gitlab.com/example-group/meta-only medium rubygems',
      'absent@1.0.0': 'unresolved: not-found',
    })
  })
})
