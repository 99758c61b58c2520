import {describe, expect, it} from 'vitest'
import {
  img,
  resolveOffline,
  resolveOnline,
  summarise,
  tempCacheDir,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {buildImages, digestOfController} from '../../../../tests/support/registry-emulators/index.js'
import {resolver} from './index.js'
import {parseChallenge} from '../../oci-registry.js'

const emulators = useRegistryEmulators()

describe('oci-label (OCI registry emulator with token flow)', () => {
  it('finds the source label through indexes, annotations, label-schema and latest fallback; says when there is none', async () => {
    const controllerDigest = digestOfController(buildImages())
    const cacheDir = await tempCacheDir()
    const components = [
      img('ghcr.io/dexidp/dex', 'v2.45.1'),
      img('quay.io/argoproj/argocd', 'latest'),
      img('docker.io/example/app', 'CONTAINER_IMAGES_TAG'),
      img('docker.io/library/nginx', 'latest'),
      img('registry.k8s.io/ingress-nginx/controller', 'v1.15.1', controllerDigest),
      img('quay.io/nobody/absent', '1.0'),
      img('not-a-registry/x', '1'),
    ]
    const run = await resolveOnline(emulators, components, [resolver], {cacheDir})
    expect(summarise(run)).toEqual({
      'ghcr.io/dexidp/dex@v2.45.1': 'github.com/dexidp/dex medium oci-label',
      'quay.io/argoproj/argocd@latest': 'github.com/argoproj/argo-cd medium oci-label',
      'docker.io/example/app@CONTAINER_IMAGES_TAG': 'github.com/example-org/app medium oci-label',
      'docker.io/library/nginx@latest': 'unresolved: no-label',
      'registry.k8s.io/ingress-nginx/controller@v1.15.1': 'unresolved: no-label',
      'quay.io/nobody/absent@1.0': 'unresolved: not-found',
      'not-a-registry/x@1': 'unresolved: invalid-name',
    })
    const evidence = Object.fromEntries(run.groups.map((g) => [g.repo, g.resolutions![0].evidence]))
    expect(evidence).toEqual({
      'github.com/argoproj/argo-cd': 'org.opencontainers.image.source annotation on quay.io/argoproj/argocd@latest',
      'github.com/dexidp/dex': 'org.opencontainers.image.source label on ghcr.io/dexidp/dex@v2.45.1',
      'github.com/example-org/app': 'org.label-schema.vcs-url label on docker.io/example/app@latest',
    })
    const oci = emulators.servers.oci.requests
    // The digest, not the tag, was asked for the pinned image; tokens were fetched anonymously.
    expect(
      oci.some((r) => r.url === `/registry.k8s.io/v2/ingress-nginx/controller/manifests/${controllerDigest}`),
    ).toBe(true)
    expect(oci.some((r) => r.url.includes('/manifests/v1.15.1'))).toBe(false)
    expect(oci.filter((r) => r.url.startsWith('/token')).every((r) => r.headers.authorization === undefined)).toBe(true)
    expect(oci.some((r) => r.url === '/token?service=ghcr.io&scope=repository%3Adexidp%2Fdex%3Apull')).toBe(true)
    // Blobs came from the CDN after a redirect, without the registry token.
    expect(emulators.servers.cdn.requests.length).toBeGreaterThan(0)
    expect(emulators.servers.cdn.requests.every((r) => r.headers.authorization === undefined)).toBe(true)

    // A warm cache answers offline, without tokens or requests.
    const before = oci.length
    const offline = await resolveOffline(components, [resolver], {cacheDir})
    expect(summarise(offline)).toEqual(summarise(run))
    expect(oci.length).toBe(before)
  })

  it('parses bearer challenges', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
    ).toEqual({
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:library/nginx:pull',
    })
    expect(parseChallenge('Basic realm="x"')).toBeNull()
  })
})
