import {describe, expect, it} from 'vitest'
import {
  pkg,
  resolveOnline,
  summarise,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {USER_AGENT} from '../../engine.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

describe('crates-io (written from the API format)', () => {
  it('reads crate.repository, keeps GitLab subgroups, sends a User-Agent', async () => {
    const run = await resolveOnline(
      emulators,
      [
        pkg('cargo', 'serde', '1.0.229'),
        pkg('cargo', 'aho-corasick', '1.1.5'),
        pkg('cargo', 'example-gitlab', '0.1.0'),
        pkg('cargo', 'example-bare', '0.1.0'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'serde@1.0.229': 'github.com/serde-rs/serde medium crates-io',
      'aho-corasick@1.1.5': 'github.com/BurntSushi/aho-corasick medium crates-io',
      'example-gitlab@0.1.0': 'gitlab.com/example-group/tools/example-crate medium crates-io',
      'example-bare@0.1.0': 'unresolved: no-repository',
    })
    const agents = emulators.servers.crates.requests.map((r) => r.headers['user-agent'])
    expect(agents.length).toBeGreaterThan(0)
    expect(new Set(agents)).toEqual(new Set([USER_AGENT]))
  })
})
