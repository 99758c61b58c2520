import {createHash} from 'node:crypto'
import type {ServerResponse} from 'node:http'
import {type Handler, sendJson} from './server.js'

/**
 * An OCI registry emulator (distribution spec) for several registries at once, each under `/<registry>`:
 * manifests and blobs need an anonymous bearer token from `/token` (challenge in WWW-Authenticate, as Docker
 * Hub, ghcr.io, quay.io and registry.k8s.io do); blobs are served through a redirect to another origin (a
 * CDN), like the real registries. Content is written here, digests are real sha256 of the bytes served.
 */

interface Stored {
  mediaType: string
  body: string
}

const INDEX = 'application/vnd.oci.image.index.v1+json'
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json'
const CONFIG = 'application/vnd.oci.image.config.v1+json'

export interface OciImages {
  /** `registry/path` → reference (tag or digest) → stored document. */
  manifests: Map<string, Map<string, Stored>>
  /** digest → config JSON. */
  blobs: Map<string, string>
}

function digestOf(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`
}

export function buildImages(): OciImages {
  const images: OciImages = {manifests: new Map(), blobs: new Map()}
  const put = (repo: string, reference: string, stored: Stored) => {
    if (!images.manifests.has(repo)) images.manifests.set(repo, new Map())
    images.manifests.get(repo)!.set(reference, stored)
    images.manifests.get(repo)!.set(digestOf(stored.body), stored)
    return digestOf(stored.body)
  }
  const config = (labels: Record<string, string> | null, arch = 'amd64') => {
    const body = JSON.stringify({
      architecture: arch,
      os: 'linux',
      config: labels ? {Labels: labels} : {Env: ['PATH=/usr/bin']},
    })
    images.blobs.set(digestOf(body), body)
    return {mediaType: CONFIG, digest: digestOf(body), size: body.length}
  }
  const manifest = (
    cfg: ReturnType<typeof config>,
    annotations?: Record<string, string>,
    mediaType = MANIFEST,
  ): Stored => ({
    mediaType,
    body: JSON.stringify({schemaVersion: 2, mediaType, config: cfg, layers: [], ...(annotations ? {annotations} : {})}),
  })
  const index = (
    repo: string,
    tag: string,
    children: Array<{stored: Stored; platform: {os: string; architecture: string}}>,
  ) => {
    const manifests = children.map((child, i) => ({
      mediaType: child.stored.mediaType,
      digest: put(repo, `${tag}-child-${i}`, child.stored),
      size: child.stored.body.length,
      platform: child.platform,
    }))
    return put(repo, tag, {mediaType: INDEX, body: JSON.stringify({schemaVersion: 2, mediaType: INDEX, manifests})})
  }

  // Multi-arch index: arm64 first (label of a fork, must not be picked), amd64 second, an attestation third.
  index('ghcr.io/dexidp/dex', 'v2.45.1', [
    {
      stored: manifest(
        config({'org.opencontainers.image.source': 'https://github.com/example-org/wrong-arch'}, 'arm64'),
      ),
      platform: {os: 'linux', architecture: 'arm64'},
    },
    {
      stored: manifest(
        config({
          'org.opencontainers.image.source': 'https://github.com/dexidp/dex',
          'org.opencontainers.image.version': 'v2.45.1',
        }),
      ),
      platform: {os: 'linux', architecture: 'amd64'},
    },
    {stored: manifest(config(null)), platform: {os: 'unknown', architecture: 'unknown'}},
  ])
  // A Docker v2 manifest whose config has labels but no source: an image without a source label.
  put(
    'docker.io/library/nginx',
    'latest',
    manifest(config({maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>'}), undefined, DOCKER_MANIFEST),
  )
  // The source as a manifest annotation: no config blob needed.
  put(
    'quay.io/argoproj/argocd',
    'latest',
    manifest(config(null), {'org.opencontainers.image.source': 'https://github.com/argoproj/argo-cd'}),
  )
  // Pinned by digest, no label: falls through to the curated map.
  const controller = manifest(config({'build-date': '2026-01-01'}))
  put('registry.k8s.io/ingress-nginx/controller', 'v1.15.1', controller)
  // Older label-schema label, and a placeholder tag that only `latest` answers.
  put(
    'docker.io/example/app',
    'latest',
    manifest(config({'org.label-schema.vcs-url': 'https://github.com/example-org/app.git'})),
  )
  // ghcr.io images without labels: the heuristic guesses, GitHub decides.
  put('ghcr.io/example-org/renamed-tool', '1.0', manifest(config(null)))
  put('ghcr.io/example-org/ghost', '1.0', manifest(config(null)))
  // Helm charts pushed with `helm push`: annotations from Chart.yaml (sources[0], home); bitnami's redis chart
  // states these in its Chart.yaml. A `+` in a chart version is `_` in the tag.
  put(
    'registry-1.docker.io/bitnamicharts/redis',
    '19.6.4',
    manifest(config(null), {
      'org.opencontainers.image.source': 'https://github.com/bitnami/charts/tree/main/bitnami/redis',
      'org.opencontainers.image.url': 'https://bitnami.com',
    }),
  )
  put(
    'registry.example.com/charts/homepage-only',
    '1.0.0_build.1',
    manifest(config(null), {'org.opencontainers.image.url': 'https://www.example.com/product'}),
  )
  return images
}

export function digestOfController(images: OciImages): string {
  const tags = images.manifests.get('registry.k8s.io/ingress-nginx/controller')!
  return [...tags.keys()].find((k) => k.startsWith('sha256:'))!
}

/** `cdnUrl`: the origin blobs redirect to (another emulator). */
export function ociRegistry(images: OciImages, cdnUrl: () => string): Handler {
  return (req, res, base) => {
    const url = new URL(req.url, 'http://x')
    if (url.pathname === '/token') {
      const scope = url.searchParams.get('scope') ?? ''
      const repo = /^repository:(.+):pull$/.exec(scope)?.[1]
      if (!repo || req.headers.authorization) return sendJson(res, 400, {errors: [{code: 'DENIED'}]})
      return sendJson(res, 200, {
        token: `anon:${url.searchParams.get('service')}/${repo}`,
        access_token: `anon:${url.searchParams.get('service')}/${repo}`,
        expires_in: 300,
      })
    }
    const match = /^\/([^/]+)\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname)
    if (!match) return sendJson(res, 404, {errors: [{code: 'NAME_UNKNOWN'}]})
    const [, registry, path, kind, reference] = match
    if (req.headers.authorization !== `Bearer anon:${registry}/${path}`) return challenge(res, base, registry, path)
    const repo = images.manifests.get(`${registry}/${path}`)
    if (kind === 'manifests') {
      const stored = repo?.get(reference)
      if (!stored) return sendJson(res, 404, {errors: [{code: 'MANIFEST_UNKNOWN'}]})
      res
        .writeHead(200, {'content-type': stored.mediaType, 'docker-content-digest': digestOf(stored.body)})
        .end(stored.body)
      return
    }
    if (!repo || !images.blobs.has(reference)) return sendJson(res, 404, {errors: [{code: 'BLOB_UNKNOWN'}]})
    res.writeHead(307, {location: `${cdnUrl()}/blobs/${reference}`}).end()
  }
}

/** The CDN blobs redirect to: serves any known blob, and records whether a token leaked to it. */
export function blobCdn(images: OciImages): Handler {
  return (req, res) => {
    const blob = images.blobs.get(req.url.replace(/^\/blobs\//, ''))
    if (blob) res.writeHead(200, {'content-type': 'application/octet-stream'}).end(blob)
    else res.writeHead(404).end()
  }
}

function challenge(res: ServerResponse, base: string, registry: string, path: string): void {
  sendJson(
    res,
    401,
    {errors: [{code: 'UNAUTHORIZED'}]},
    {'www-authenticate': `Bearer realm="${base}/token",service="${registry}",scope="repository:${path}:pull"`},
  )
}
