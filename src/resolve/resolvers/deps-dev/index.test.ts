import {describe, expect, it} from 'vitest'
import {
  pkg,
  resolveOffline,
  resolveOnline,
  summarise,
  tempCacheDir,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolveComponents} from '../../engine.js'
import {resolver} from './index.js'

const components = () => [
  pkg('npm', '@babel/core', '7.24.0'),
  pkg('npm', 'left-pad', '1.3.0'),
  pkg('npm', 'basic-auth-parser', '0.0.2'),
  pkg('npm', 'unknown-to-deps-dev', '1.0.0'),
  pkg('golang', 'github.com/Azure/go-ansiterm', 'v0.0.0-20250102033503-faa5f7b0171c'),
  pkg('golang', 'go.example.com/slsa', 'v1.0.0'),
  pkg('pypi', 'requests', '2.25.0'),
  pkg('pypi', 'certifi', '>=2026.7.22'),
  pkg('cargo', 'serde', '1.0.229'),
]

const expected = {
  '@babel/core@7.24.0': 'github.com/babel/babel medium deps.dev',
  'left-pad@1.3.0': 'github.com/stevemao/left-pad medium deps.dev',
  'basic-auth-parser@0.0.2': 'unresolved: no-repository',
  'unknown-to-deps-dev@1.0.0': 'unresolved: not-found',
  'github.com/Azure/go-ansiterm@v0.0.0-20250102033503-faa5f7b0171c': 'github.com/Azure/go-ansiterm high deps.dev',
  'go.example.com/slsa@v1.0.0': 'github.com/example-org/attested high deps.dev',
  'requests@2.25.0': 'github.com/psf/requests medium deps.dev',
  'certifi@>=2026.7.22': 'unresolved: no-version',
  'serde@1.0.229': 'github.com/serde-rs/serde medium deps.dev',
}

describe('deps-dev (written from the v3 API format)', () => {
  const emulators = useRegistryEmulators()

  it('batches cache misses (paginated), prefers verified provenance, and replays every answer offline', async () => {
    const cacheDir = await tempCacheDir()
    const run = await resolveOnline(emulators, components(), [resolver], {cacheDir})
    expect(summarise(run)).toEqual(expected)
    const batchCalls = emulators.servers.depsDev.requests.filter((r) => r.method === 'POST')
    // 8 exact versions, 3 per page: three pages of one batch; no single GETs needed.
    expect(batchCalls.map((r) => JSON.parse(r.body).pageToken ?? '')).toEqual(['', '3', '6'])
    expect(emulators.servers.depsDev.requests.filter((r) => r.method === 'GET')).toEqual([])
    expect(run.groups.find((g) => g.repo === 'github.com/example-org/attested')!.resolutions![0].evidence).toBe(
      'deps.dev SOURCE_REPO (SLSA_ATTESTATION)',
    )
    const offline = await resolveOffline(components(), [resolver], {cacheDir})
    expect(summarise(offline)).toEqual(expected)
    expect(offline.stats.requests.total).toBe(0)
    expect(offline.incomplete).toBe(false)
  })

  it('offline with an empty cache says why, and the run is incomplete', async () => {
    const run = await resolveComponents(
      [pkg('npm', 'left-pad', '1.3.0')],
      {cacheDir: await tempCacheDir(), offline: true},
      [resolver],
    )
    expect(run.unresolved.map((u) => [u.reason, u.detail])).toEqual([
      ['offline-cache-miss', 'offline and not cached: deps.dev GET /v3/systems/NPM/packages/left-pad/versions/1.3.0'],
    ])
    expect(run.incomplete).toBe(true)
  })
})

describe('deps-dev without the batch endpoint', () => {
  const emulators = useRegistryEmulators({depsDevBatch: false})

  it('falls back to single GetVersion requests', async () => {
    const run = await resolveOnline(emulators, components(), [resolver])
    expect(summarise(run)).toEqual(expected)
    expect(emulators.servers.depsDev.requests.filter((r) => r.method === 'GET').map((r) => r.url)).toContain(
      '/v3/systems/NPM/packages/%40babel%2Fcore/versions/7.24.0',
    )
  })

  it('knows Maven and NuGet: group:artifact names and NuGet ids as deps.dev spells them', async () => {
    const run = await resolveOnline(
      emulators,
      [
        pkg('maven', 'com.google.guava:guava', '33.2.1-jre'),
        pkg('maven', 'org.example:no-source', '1.0.0'),
        pkg('nuget', 'Newtonsoft.Json', '13.0.3'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'com.google.guava:guava@33.2.1-jre': 'github.com/google/guava medium deps.dev',
      'org.example:no-source@1.0.0': 'unresolved: no-repository',
      'Newtonsoft.Json@13.0.3': 'github.com/jamesnk/newtonsoft.json medium deps.dev',
    })
  })

  it('does not ask for a package of another registry (a crate, an npm package, a PyPI project, a NuGet package, a Maven artifact)', async () => {
    const before = emulators.servers.depsDev.requests.length
    const from = (ecosystem: Parameters<typeof pkg>[0], name: string, version: string, registry: string) => ({
      ...pkg(ecosystem, name, version),
      purl: `pkg:${ecosystem}/${name}@${version}?repository_url=${encodeURIComponent(registry)}`,
    })
    const run = await resolveOnline(
      emulators,
      [
        from('cargo', 'private-tool', '1.0.0', 'https://cargo.example.com/index'),
        from('npm', 'left-pad', '1.3.0', 'https://npm.internal.example'),
        from('pypi', 'requests', '2.25.0', 'https://pypi.internal.example/simple'),
        from('nuget', 'Newtonsoft.Json', '13.0.3', 'https://pkgs.contoso.example/nuget/v3/index.json'),
        // nuget.org's own feed is nuget.org.
        from('nuget', 'PolySharp', '1.16.0', 'https://api.nuget.org/v3/index.json'),
        from('maven', 'com.example:internal', '3.1', 'https://nexus.example.com/repository/maven-releases'),
        // Maven Central's own repository is Maven Central.
        from('maven', 'com.google.guava:guava', '33.2.1-jre', 'https://repo1.maven.org/maven2'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'private-tool@1.0.0': 'unresolved: unsupported',
      'left-pad@1.3.0': 'unresolved: unsupported',
      'requests@2.25.0': 'unresolved: unsupported',
      'Newtonsoft.Json@13.0.3': 'unresolved: unsupported',
      'PolySharp@1.16.0': summarise(await resolveOnline(emulators, [pkg('nuget', 'PolySharp', '1.16.0')], [resolver]))[
        'PolySharp@1.16.0'
      ],
      'com.example:internal@3.1': 'unresolved: unsupported',
      'com.google.guava:guava@33.2.1-jre': 'github.com/google/guava medium deps.dev',
    })
    expect(run.unresolved.find((u) => u.component.name === 'Newtonsoft.Json')!.detail).toBe(
      'nuget Newtonsoft.Json comes from another registry (https://pkgs.contoso.example/nuget/v3/index.json): not looked up by its name on deps.dev (if it mirrors the public registry, name it with --registry-mirror)',
    )
    // No request named any of the others (the batch endpoint's bodies included).
    const asked = emulators.servers.depsDev.requests.slice(before).map((r) => `${r.url} ${r.body}`)
    expect(asked.length).toBeGreaterThan(0)
    for (const name of ['private-tool', 'left-pad', 'requests', 'Newtonsoft.Json', 'internal']) {
      expect(asked.filter((request) => request.includes(`"name":"${name}"`) || request.includes(`/${name}/`))).toEqual(
        [],
      )
    }
  })

  it('does not send the path of a private Go module (GOPRIVATE, GONOPROXY patterns) to deps.dev', async () => {
    const before = emulators.servers.depsDev.requests.length
    const run = await resolveOnline(
      emulators,
      [pkg('golang', 'go.example.com/slsa', 'v1.0.0'), pkg('golang', 'git.corp.example/team/lib', 'v1.2.0')],
      [resolver],
      {goPrivate: ['*.corp.example']},
    )
    expect(summarise(run)).toEqual({
      'go.example.com/slsa@v1.0.0': 'github.com/example-org/attested high deps.dev',
      'git.corp.example/team/lib@v1.2.0': 'unresolved: unsupported',
    })
    expect(run.unresolved[0].detail).toBe(
      'go git.corp.example/team/lib is a private module (GOPRIVATE, GONOPROXY): not looked up on deps.dev',
    )
    const asked = emulators.servers.depsDev.requests.slice(before).map((r) => `${r.url} ${r.body}`)
    expect(asked.filter((request) => request.includes('corp.example'))).toEqual([])
  })
})
