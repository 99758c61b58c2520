import {describe, expect, it} from 'vitest'
import {
  chart,
  resolveOffline,
  resolveOnline,
  summarise,
  tempCacheDir,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolveComponents} from '../../engine.js'
import {registeredResolver} from '../../../../tests/support/registered.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

const requests = () => emulators.servers.artifactHub.requests.map((r) => decodeURIComponent(r.url))

describe('artifact-hub (API answers written from the OpenAPI spec)', () => {
  it('finds the repository by its URL, the package by name and version, and reads its source links', async () => {
    const cacheDir = await tempCacheDir()
    const components = [
      chart('cert-manager', 'v1.16.2', 'https://charts.jetstack.io'),
      chart('lean', '0.2.0', 'https://charts.example.com/lean/'),
      chart('homepage-only', '1.0.0+build.1', 'oci://registry.example.com/charts'),
      chart('docs-only', '1.0.0', 'https://charts.example.com/lean'),
      chart('impostor', '1.0.0', 'https://charts.example.com/lean'),
      chart('absent', '1.0.0', 'https://charts.example.com/lean'),
      chart('unlisted', '1.0.0', 'https://charts.example.com/unlisted'),
      chart('policy', '1.0.0', 'https://charts.example.com/policies'),
    ]
    const start = emulators.servers.artifactHub.requests.length
    const run = await resolveOnline(emulators, components, [resolver], {cacheDir})
    expect(summarise(run)).toEqual({
      'cert-manager@v1.16.2': 'github.com/cert-manager/cert-manager medium artifact-hub',
      'lean@0.2.0': 'gitlab.com/example-group/platform (charts/lean) medium artifact-hub',
      'homepage-only@1.0.0+build.1': 'github.com/example-org/homepage-only-chart medium artifact-hub',
      'docs-only@1.0.0': 'unresolved: no-repository',
      'impostor@1.0.0': 'unresolved: not-found',
      'absent@1.0.0': 'unresolved: not-found',
      'unlisted@1.0.0': 'unresolved: not-found',
      'policy@1.0.0': 'unresolved: not-found',
    })
    const evidence = Object.fromEntries(run.groups.map((g) => [g.repo, g.resolutions![0].evidence]))
    expect(evidence).toEqual({
      // The official repository comes before a user's mirror of the same URL, whose package points at a fork.
      'github.com/cert-manager/cert-manager': 'Artifact Hub cert-manager/cert-manager@1.16.2 links[0] (source)',
      // A link the publisher named, after a documentation link that is not a source.
      'gitlab.com/example-group/platform': 'Artifact Hub example-lean/lean@0.2.0 links[1] (Chart Source)',
      'github.com/example-org/homepage-only-chart':
        'Artifact Hub example-oci/homepage-only@1.0.0+build.1 links[0] (source)',
    })
    const why = Object.fromEntries(run.unresolved.map((u) => [u.component.name, u.detail]))
    expect(why.impostor).toBe('Artifact Hub example-lean/impostor: the answer is about another chart or repository')
    expect(why.unlisted).toBe('Artifact Hub repositories at https://charts.example.com/unlisted: none registered')
    // One search per repository URL (trailing slash dropped), the version without its `v`, never the mirror.
    expect(requests().slice(start).sort()).toEqual([
      '/api/v1/packages/helm/cert-manager/cert-manager/1.16.2',
      '/api/v1/packages/helm/example-lean/absent',
      '/api/v1/packages/helm/example-lean/absent/1.0.0',
      '/api/v1/packages/helm/example-lean/docs-only/1.0.0',
      '/api/v1/packages/helm/example-lean/impostor/1.0.0',
      '/api/v1/packages/helm/example-lean/lean/0.2.0',
      '/api/v1/packages/helm/example-oci/homepage-only/1.0.0+build.1',
      '/api/v1/repositories/search?kind=0&url=https://charts.example.com/lean',
      '/api/v1/repositories/search?kind=0&url=https://charts.example.com/policies',
      '/api/v1/repositories/search?kind=0&url=https://charts.example.com/unlisted',
      '/api/v1/repositories/search?kind=0&url=https://charts.jetstack.io',
      '/api/v1/repositories/search?kind=0&url=oci://registry.example.com/charts',
    ])
    // Cached like other registry answers: offline, the same answers without a request.
    const before = emulators.servers.artifactHub.requests.length
    const offline = await resolveOffline(components, [resolver], {cacheDir})
    expect(summarise(offline)).toEqual(summarise(run))
    expect(emulators.servers.artifactHub.requests.length).toBe(before)
  })

  it('falls back to the latest version, and to home_url only at low confidence', async () => {
    const run = await resolveOnline(
      emulators,
      [
        chart('lean', '~0.2', 'https://charts.example.com/lean'),
        chart('lean', '9.9.9', 'https://charts.example.com/lean', 2),
        chart('home-only', undefined, 'https://charts.example.com/lean', 3),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'lean@~0.2': 'gitlab.com/example-group/platform (charts/lean) medium artifact-hub',
      'lean@9.9.9': 'gitlab.com/example-group/platform (charts/lean) medium artifact-hub',
      // A support link is not a source; the home page on a forge is a guess.
      'home-only': 'github.com/example-org/home-only low artifact-hub',
    })
    expect(run.groups.flatMap((g) => g.resolutions!.map((r) => r.evidence)).sort()).toEqual([
      'Artifact Hub example-lean/home-only (latest 1.0.0) home_url',
      'Artifact Hub example-lean/lean (latest 0.3.0; 9.9.9 not listed) links[1] (Chart Source)',
      'Artifact Hub example-lean/lean (latest 0.3.0; ~0.2 not listed) links[1] (Chart Source)',
    ])
  })

  it('survives faults: 429 with Retry-After, 5xx, bodies that are not JSON; an offline miss is said', async () => {
    const cacheDir = await tempCacheDir()
    const components = [
      chart('app', '2.1.0', 'https://busy.example.com/charts'),
      chart('app', '2.1.0', 'https://down.example.com/charts'),
      chart('app', '2.1.0', 'https://garbage.example.com/charts'),
      chart('garbage', '1.0.0', 'https://charts.example.com/lean'),
      chart('flaky', '1.0.0', 'https://charts.example.com/lean'),
    ]
    const run = await resolveComponents(components, {cacheDir, endpoints: emulators.endpoints, retries: 1}, [resolver])
    const outcome = (repository: string, name = 'app') => {
      const group = run.groups.find((g) => g.components.some((c) => c.repository === repository && c.name === name))
      if (group) return `${group.repo} ${group.resolutions![0].provenance}`
      const miss = run.unresolved.find((u) => u.component.repository === repository && u.component.name === name)!
      return `${miss.reason}: ${miss.detail}`
    }
    // The 429 was answered once; the retry after Retry-After got the repository.
    expect(outcome('https://busy.example.com/charts')).toBe('codeberg.org/example-org/app-chart artifact-hub')
    expect(outcome('https://down.example.com/charts')).toBe(
      'network-error: Artifact Hub repositories at https://down.example.com/charts: HTTP 503',
    )
    expect(outcome('https://garbage.example.com/charts')).toBe(
      'network-error: Artifact Hub repositories at https://garbage.example.com/charts: response is not JSON',
    )
    expect(outcome('https://charts.example.com/lean', 'garbage')).toBe(
      'network-error: Artifact Hub example-lean/garbage: response is not JSON',
    )
    expect(outcome('https://charts.example.com/lean', 'flaky')).toBe(
      'network-error: Artifact Hub example-lean/flaky: HTTP 500',
    )
    expect(run.incomplete).toBe(true)
    const statuses = emulators.servers.artifactHub.requests.filter((r) => r.url.includes('busy.example.com')).length
    expect(statuses).toBe(2)
    // Offline, nothing is asked: what was cached answers, the rest is an offline cache miss.
    const before = emulators.servers.artifactHub.requests.length
    const offline = await resolveOffline(
      [...components.slice(0, 1), chart('lean', '0.3.0', 'https://charts.example.com/lean')],
      [resolver],
      {cacheDir, endpoints: emulators.endpoints},
    )
    expect(summarise(offline)).toEqual({
      'app@2.1.0': 'codeberg.org/example-org/app-chart medium artifact-hub',
      'lean@0.3.0': 'unresolved: offline-cache-miss',
    })
    expect(emulators.servers.artifactHub.requests.length).toBe(before)
  })

  it('never sends credentials, queries or private host names to the third party', async () => {
    const components = [
      chart('secret', '1.0.0', 'https://user:hunter2@charts.example.com/private'),
      chart('signed', '1.0.0', 'https://charts.example.com/signed?token=abc'),
      chart('intranet', '1.0.0', 'https://charts.corp/stable'),
      chart('lab', '1.0.0', 'https://10.0.0.5/charts'),
      chart('single', '1.0.0', 'http://chartmuseum:8080'),
      chart('aliased', '1.0.0', '@stable'),
      chart('files', '1.0.0', 'file://../files'),
      chart('none', '1.0.0', undefined),
    ]
    const before = emulators.servers.artifactHub.requests.length
    const run = await resolveOnline(emulators, components, [resolver])
    // Not handled at all: "no resolver handles", with nothing asked.
    expect(new Set(run.unresolved.map((u) => u.reason))).toEqual(new Set(['unsupported']))
    expect(emulators.servers.artifactHub.requests.length).toBe(before)
  })

  it('comes after the chart repository: asked only for what index.yaml left without a repository', async () => {
    const start = emulators.servers.artifactHub.requests.length
    const run = await resolveOnline(
      emulators,
      [
        chart('cert-manager', 'v1.16.2', 'https://charts.jetstack.io'),
        chart('homepage-only', '1.0.0', 'https://charts.example.com/stable'),
      ],
      [registeredResolver('helm-repository'), resolver],
    )
    expect(summarise(run)).toEqual({
      'cert-manager@v1.16.2': 'github.com/cert-manager/cert-manager medium helm-repository',
      'homepage-only@1.0.0': 'github.com/example-org/homepage-only-chart medium artifact-hub',
    })
    expect(requests().slice(start).sort()).toEqual([
      '/api/v1/packages/helm/example-stable/homepage-only/1.0.0',
      '/api/v1/repositories/search?kind=0&url=https://charts.example.com/stable',
    ])
  })
})
