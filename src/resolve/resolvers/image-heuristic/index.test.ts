import {describe, expect, it} from 'vitest'
import {
  img,
  resolveOffline,
  resolveOnline,
  summarise,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

const components = () => [
  img('ghcr.io/dexidp/dex', 'v2.45.1'),
  img('ghcr.io/example-org/renamed-tool', '1.0'),
  img('ghcr.io/example-org/ghost', '1.0'),
  img('docker.io/someone/app', '1.0'),
]

describe('image-heuristic', () => {
  it('guesses github.com/OWNER/NAME for ghcr.io only, low confidence, checked against GitHub (renames followed)', async () => {
    const run = await resolveOnline(emulators, components(), [resolver])
    expect(summarise(run)).toEqual({
      'ghcr.io/dexidp/dex@v2.45.1': 'github.com/dexidp/dex low image-heuristic',
      'ghcr.io/example-org/renamed-tool@1.0': 'github.com/example-org/new-tool low image-heuristic',
      'ghcr.io/example-org/ghost@1.0': 'unresolved: unverified',
      'docker.io/someone/app@1.0': 'unresolved: no-label',
    })
    const renamed = run.groups.find((g) => g.repo === 'github.com/example-org/new-tool')!
    expect(renamed.resolutions![0].renamedFrom).toBe('github.com/example-org/renamed-tool')
    expect(emulators.servers.github.requests.every((r) => r.headers.authorization === undefined)).toBe(true)
  })

  it('offline without a cached check keeps the guess, unverified, and marks the run incomplete', async () => {
    const run = await resolveOffline([img('ghcr.io/dexidp/dex', 'v2.45.1')], [resolver])
    expect(run.groups.map((g) => [g.repo, g.confidence, g.resolutions![0].evidence])).toEqual([
      ['github.com/dexidp/dex', 'low', 'ghcr.io/OWNER/NAME guess, unverified (offline-cache-miss)'],
    ])
  })
})
