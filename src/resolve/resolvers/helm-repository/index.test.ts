import {describe, expect, it} from 'vitest'
import {
  chart,
  resolveOffline,
  resolveOnline,
  summarise,
  tempCacheDir,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

describe('helm-repository (index.yaml and OCI annotations written from the formats)', () => {
  it("resolves kubernetes-dashboard's dependencies through their repositories' index.yaml, one request per repository", async () => {
    const cacheDir = await tempCacheDir()
    const components = [
      chart('ingress-nginx', '4.12.0', 'https://kubernetes.github.io/ingress-nginx'),
      chart('cert-manager', 'v1.16.2', 'https://charts.jetstack.io'),
      chart('metrics-server', '3.12.2', 'https://kubernetes-sigs.github.io/metrics-server/'),
      chart('kong', '2.46.0', 'https://charts.konghq.com'),
      chart('ingress-nginx', '4.12.1', 'https://kubernetes.github.io/ingress-nginx', 2),
    ]
    const run = await resolveOnline(emulators, components, [resolver], {cacheDir})
    expect(summarise(run)).toEqual({
      'ingress-nginx@4.12.0': 'github.com/kubernetes/ingress-nginx medium helm-repository',
      'ingress-nginx@4.12.1': 'github.com/kubernetes/ingress-nginx medium helm-repository',
      'cert-manager@v1.16.2': 'github.com/cert-manager/cert-manager medium helm-repository',
      'metrics-server@3.12.2': 'github.com/kubernetes-sigs/metrics-server medium helm-repository',
      'kong@2.46.0': 'github.com/Kong/charts (charts/kong) medium helm-repository',
    })
    expect(emulators.servers.helm.requests.map((r) => r.url).sort()).toEqual([
      '/charts.jetstack.io/index.yaml',
      '/charts.konghq.com/index.yaml',
      '/kubernetes-sigs.github.io/metrics-server/index.yaml',
      '/kubernetes.github.io/ingress-nginx/index.yaml',
    ])
    const kong = run.groups.find((g) => g.repo === 'github.com/Kong/charts')!
    expect(kong.resolutions![0].evidence).toBe('Helm repository charts.konghq.com kong@2.46.0 sources[0]')
    // Cached like other registry answers: offline, the same answers without a request.
    const before = emulators.servers.helm.requests.length
    const offline = await resolveOffline(components, [resolver], {cacheDir})
    expect(summarise(offline)).toEqual(summarise(run))
    expect(emulators.servers.helm.requests.length).toBe(before)
  })

  it('falls back to the newest entry and to home, and says why it misses', async () => {
    const run = await resolveOnline(
      emulators,
      [
        chart('web', '~1.0', 'https://charts.example.com/stable'),
        chart('homepage-only', '1.0.0', 'https://charts.example.com/stable'),
        chart('absent', '1.0.0', 'https://charts.example.com/stable'),
        chart('any', '1.0.0', 'https://broken.example.com'),
        chart('other', '1.0.0', 'https://nowhere.example.com/charts'),
        chart('aliased', '1.0.0', '@stable'),
        chart('secret', '1.0.0', 'https://user:hunter2@charts.example.com/private'),
        chart('none', '1.0.0', undefined),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'web@~1.0': 'gitlab.com/example-group/web-chart medium helm-repository',
      'homepage-only@1.0.0': 'unresolved: no-repository',
      'absent@1.0.0': 'unresolved: not-found',
      'any@1.0.0': 'unresolved: network-error',
      'other@1.0.0': 'unresolved: not-found',
      'aliased@1.0.0': 'unresolved: unsupported',
      'secret@1.0.0': 'unresolved: unsupported',
      'none@1.0.0': 'unresolved: no-repository',
    })
    const details = run.unresolved.map((u) => u.detail)
    expect(details.join('\n')).not.toContain('hunter2')
    expect(run.groups[0].resolutions![0].evidence).toBe(
      'Helm repository charts.example.com/stable web (newest entry 2.0.0; ~1.0 not listed) sources[0]',
    )
    // The credentials never left the machine either.
    expect(emulators.servers.helm.requests.some((r) => r.url.includes('private'))).toBe(false)
  })

  it('reads OCI charts from their manifest annotations', async () => {
    const run = await resolveOnline(
      emulators,
      [
        chart('redis', '19.6.4', 'oci://registry-1.docker.io/bitnamicharts'),
        chart('homepage-only', '1.0.0+build.1', 'oci://registry.example.com/charts'),
        chart('redis', '>=19', 'oci://registry-1.docker.io/bitnamicharts'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'redis@19.6.4': 'github.com/bitnami/charts (bitnami/redis) medium helm-repository',
      'homepage-only@1.0.0+build.1': 'unresolved: no-repository',
      'redis@>=19': 'unresolved: no-version',
    })
  })
})
