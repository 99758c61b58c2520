import {describe, expect, it} from 'vitest'
import {
  pkg,
  resolveOnline,
  summarise,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

describe('pub-dev (written from the hosted repository API)', () => {
  it('reads pubspec.repository with monorepo directories, falls back to homepage, says why it misses', async () => {
    const run = await resolveOnline(
      emulators,
      [
        pkg('pub', 'async', '2.11.0'),
        pkg('pub', 'http', '1.2.1'),
        pkg('pub', 'provider', '6.1.2'),
        pkg('pub', 'example_homepage', '1.0.0'),
        pkg('pub', 'missing', '1.0.0'),
        pkg('pub', '../etc', '1.0.0'),
        {
          ...pkg('pub', 'private_pkg', '1.0.0'),
          purl: 'pkg:pub/private_pkg@1.0.0?repository_url=https%3A%2F%2Fpub.example.com',
        },
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'async@2.11.0': 'github.com/dart-lang/async medium pub.dev',
      'http@1.2.1': 'github.com/dart-lang/http (pkgs/http) medium pub.dev',
      'provider@6.1.2': 'github.com/rrousselGit/provider (packages/provider) medium pub.dev',
      'example_homepage@1.0.0': 'unresolved: no-repository',
      'missing@1.0.0': 'unresolved: not-found',
      '../etc@1.0.0': 'unresolved: invalid-name',
      'private_pkg@1.0.0': 'unresolved: unsupported',
    })
    expect(emulators.servers.pub.requests.map((r) => r.url).sort()).toEqual([
      '/api/packages/async/versions/2.11.0',
      '/api/packages/example_homepage/versions/1.0.0',
      '/api/packages/http/versions/1.2.1',
      '/api/packages/missing/versions/1.0.0',
      '/api/packages/provider/versions/6.1.2',
    ])
  })

  it('asks pub.dev about a package of a hosted server named as its mirror, and pub.dev under its old name', async () => {
    const before = emulators.servers.pub.requests.length
    const run = await resolveOnline(
      emulators,
      [
        {
          ...pkg('pub', 'async', '2.11.0'),
          purl: 'pkg:pub/async@2.11.0?repository_url=https%3A%2F%2Fpub.mirror.example',
        },
        {
          ...pkg('pub', 'http', '1.2.1'),
          purl: 'pkg:pub/http@1.2.1?repository_url=https%3A%2F%2Fpub.dartlang.org',
        },
      ],
      [resolver],
      {registryMirrors: ['https://pub.mirror.example']},
    )
    expect(summarise(run)).toEqual({
      'async@2.11.0': 'github.com/dart-lang/async medium pub.dev',
      'http@1.2.1': 'github.com/dart-lang/http (pkgs/http) medium pub.dev',
    })
    expect(emulators.servers.pub.requests.length).toBe(before + 2)
  })
})
