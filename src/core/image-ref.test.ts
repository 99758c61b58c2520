import {describe, expect, it} from 'vitest'
import {imagePurl, normalisedImage, parseImageRef} from './image-ref.js'

function parsed(ref: string) {
  const result = parseImageRef(ref)
  if (!result.ok) throw new Error(`${ref}: ${result.message}`)
  return result.image
}

describe('parseImageRef: normalisation (distribution/reference ParseNormalizedNamed)', () => {
  it.each([
    ['nginx', 'docker.io', 'library/nginx', undefined, undefined, 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io', 'library/nginx', '1.27', undefined, 'docker.io/library/nginx:1.27'],
    ['grafana/grafana:13.1.3', 'docker.io', 'grafana/grafana', '13.1.3', undefined, 'docker.io/grafana/grafana:13.1.3'],
    ['docker.io/nginx', 'docker.io', 'library/nginx', undefined, undefined, 'docker.io/library/nginx:latest'],
    ['index.docker.io/library/redis:7', 'docker.io', 'library/redis', '7', undefined, 'docker.io/library/redis:7'],
    ['localhost/app', 'localhost', 'app', undefined, undefined, 'localhost/app:latest'],
    ['localhost:5000/team/app:dev', 'localhost:5000', 'team/app', 'dev', undefined, 'localhost:5000/team/app:dev'],
    [
      'registry.example.com:8443/a/b/c:v1.0',
      'registry.example.com:8443',
      'a/b/c',
      'v1.0',
      undefined,
      'registry.example.com:8443/a/b/c:v1.0',
    ],
    ['[::1]:5000/app:1', '[::1]:5000', 'app', '1', undefined, '[::1]:5000/app:1'],
    [
      'quay.io/argoproj/argocd:latest',
      'quay.io',
      'argoproj/argocd',
      'latest',
      undefined,
      'quay.io/argoproj/argocd:latest',
    ],
    [
      'my_org/my__app-x.y:TAG_1',
      'docker.io',
      'my_org/my__app-x.y',
      'TAG_1',
      undefined,
      'docker.io/my_org/my__app-x.y:TAG_1',
    ],
  ])('%s', (ref, domain, path, tag, digest, normalised) => {
    const image = parsed(ref)
    expect(image).toEqual({domain, path, name: `${domain}/${path}`, ...(tag ? {tag} : {}), ...(digest ? {digest} : {})})
    expect(normalisedImage(image)).toBe(normalised)
  })

  it('keeps tag and digest apart, and adds no :latest to a digest-only reference', () => {
    const digest = `sha256:${'ab'.repeat(32)}`
    expect(parsed(`busybox:1.38.0@${digest}`)).toEqual({
      domain: 'docker.io',
      path: 'library/busybox',
      name: 'docker.io/library/busybox',
      tag: '1.38.0',
      digest,
    })
    expect(normalisedImage(parsed(`busybox:1.38.0@${digest}`))).toBe(`docker.io/library/busybox:1.38.0@${digest}`)
    expect(normalisedImage(parsed(`ghcr.io/o/app@${digest}`))).toBe(`ghcr.io/o/app@${digest}`)
  })

  it('accepts sha384 and sha512 digests of the right length', () => {
    expect(parsed(`app@sha512:${'0'.repeat(128)}`).digest).toBe(`sha512:${'0'.repeat(128)}`)
    expect(parsed(`app@sha384:${'f'.repeat(96)}`).digest).toBe(`sha384:${'f'.repeat(96)}`)
  })
})

describe('parseImageRef: invalid references', () => {
  it.each([
    ['empty reference', ''],
    ['repository name must be lowercase', 'NGINX:1.0'],
    ['repository name must be lowercase', 'docker.io/Library/nginx'],
    ['invalid tag ""', 'nginx:'],
    ['invalid tag "-bad"', 'nginx:-bad'],
    ['invalid tag', `nginx:${'t'.repeat(129)}`],
    ['invalid digest "sha256:abc"', 'nginx@sha256:abc'],
    ['unsupported digest algorithm "md5"', `nginx@md5:${'a'.repeat(32)}`],
    ['invalid sha256 digest: expected 64 lower-case hex characters', `nginx@sha256:${'A'.repeat(64)}`],
    ['invalid sha256 digest', `nginx@sha256:${'a'.repeat(63)}`],
    ['ambiguous', 'a'.repeat(64)],
    ['white space', ' nginx'],
    ['invalid tag', 'nginx:1 0'],
    ['invalid repository name', 'example.com//app'],
    ['invalid repository name "app_/x"', 'app_/x'],
    ['invalid registry host', '-bad.example.com/app'],
    ['longer than 255', `registry.example.com/${'a'.repeat(240)}`],
    ['longer than 1024', 'x'.repeat(2000)],
  ])('%#: %s', (message, ref) => {
    const result = parseImageRef(ref)
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.message).toContain(message)
  })
})

describe('imagePurl', () => {
  it('uses pkg:docker with namespace, tag or digest as version, and the registry as repository_url', () => {
    expect(imagePurl(parsed('nginx'))).toBe('pkg:docker/library/nginx@latest')
    expect(imagePurl(parsed('grafana/grafana:13.1.3'))).toBe('pkg:docker/grafana/grafana@13.1.3')
    expect(imagePurl(parsed('quay.io/prometheus/prometheus:v3.13.2'))).toBe(
      'pkg:docker/prometheus/prometheus@v3.13.2?repository_url=quay.io',
    )
    const digest = `sha256:${'0'.repeat(64)}`
    expect(imagePurl(parsed(`registry.k8s.io/etcd:3.6.8-0@${digest}`))).toBe(
      `pkg:docker/etcd@sha256:${'0'.repeat(64)}?repository_url=registry.k8s.io&tag=3.6.8-0`,
    )
  })
})
