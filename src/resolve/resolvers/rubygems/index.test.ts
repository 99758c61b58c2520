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

  it("does not ask RubyGems.org for a gem of another source (Gemfile.lock's remote), and asks for one of rubygems.org", async () => {
    const before = emulators.servers.rubygems.requests.filter((r) => r.url.includes('/railties')).length
    const run = await resolveOnline(
      emulators,
      [
        {...pkg('gem', 'railties', '7.1.3'), purl: 'pkg:gem/railties@7.1.3?repository_url=https://gems.example.com/'},
        {...pkg('gem', 'webrick', '1.8.2'), purl: 'pkg:gem/webrick@1.8.2?repository_url=https://rubygems.org/'},
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'railties@7.1.3': 'unresolved: unsupported',
      'webrick@1.8.2': 'github.com/ruby/webrick medium rubygems',
    })
    expect(emulators.servers.rubygems.requests.filter((r) => r.url.includes('/railties')).length).toBe(before)
  })
})
