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

  it('does not ask crates.io for a crate of another registry: a crate of the same name there is another crate', async () => {
    const privateCrate = {
      ...pkg('cargo', 'serde', '1.0.229'),
      purl: 'pkg:cargo/serde@1.0.229?repository_url=https%3A%2F%2Fcargo.example.com%2Findex',
    }
    // crates.io's own index named as the registry (as an SBOM may write it) is crates.io.
    const publicCrate = {
      ...pkg('cargo', 'aho-corasick', '1.1.5'),
      purl: 'pkg:cargo/aho-corasick@1.1.5?repository_url=https%3A%2F%2Fgithub.com%2Frust-lang%2Fcrates.io-index',
    }
    const before = emulators.servers.crates.requests.filter((r) => r.url.includes('/serde')).length
    const run = await resolveOnline(emulators, [privateCrate, publicCrate], [resolver])
    expect(summarise(run)).toEqual({
      'serde@1.0.229': 'unresolved: unsupported',
      'aho-corasick@1.1.5': 'github.com/BurntSushi/aho-corasick medium crates-io',
    })
    expect(run.unresolved[0].detail).toBe(
      'cargo serde comes from another registry (https://cargo.example.com/index): not looked up by its name on crates.io or deps.dev (if it mirrors the public registry, name it with --registry-mirror)',
    )
    expect(emulators.servers.crates.requests.filter((r) => r.url.includes('/serde')).length).toBe(before)
  })

  it('asks crates.io about a crate of a registry the user names as its mirror (a sparse index too)', async () => {
    const mirrored = {
      ...pkg('cargo', 'serde', '1.0.229'),
      purl: 'pkg:cargo/serde@1.0.229?repository_url=sparse%2Bhttps%3A%2F%2Fcrates-mirror.example.com%2Findex%2F',
    }
    const run = await resolveOnline(emulators, [mirrored], [resolver], {
      registryMirrors: ['https://crates-mirror.example.com/index'],
    })
    expect(summarise(run)).toEqual({'serde@1.0.229': 'github.com/serde-rs/serde medium crates-io'})
  })
})
