import type {Component} from '../../../core/model.js'
import type {ImageRef} from '../../../core/image-ref.js'
import {imageOf, isImageDigest, isImageTag, isRecord, jsonAnswer} from '../../support.js'
import type {Outcome, Resolver} from '../../types.js'
import {RegistryClient} from '../../oci-registry.js'

/** Labels (and annotations) naming the source repository: the OCI one, then the older label-schema one. */
const SOURCE_LABELS = ['org.opencontainers.image.source', 'org.label-schema.vcs-url']
const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
])

/**
 * The `org.opencontainers.image.source` annotation of the manifest or index, else the label of the image
 * config (https://github.com/opencontainers/image-spec/blob/main/annotations.md). Multi-arch indexes: the
 * linux/amd64 manifest, else the first real platform (attestation manifests say `unknown/unknown`).
 * A tag that is gone (or a placeholder) falls back to `latest`: the source label rarely changes between tags.
 */
export const resolver: Resolver = {
  id: 'oci-label',
  description: 'Registry HTTP API v2: org.opencontainers.image.source label (anonymous token flow, multi-arch indexes)',
  provenance: 'oci-label',
  kind: 'image',
  handles: (c) => c.kind === 'image',
  resolve(components, context) {
    const client = new RegistryClient(context)
    return context.map(components, (c) => resolveOne(c, client))
  },
}

async function resolveOne(component: Component, client: RegistryClient): Promise<Outcome> {
  const image = imageOf(component.name)
  if (!image) return {status: 'miss', reason: 'invalid-name', detail: `not an image name: ${component.name}`}
  const references = isImageDigest(component.digest)
    ? [component.digest]
    : isImageTag(component.version) && component.version !== 'latest'
      ? [component.version, 'latest']
      : ['latest']
  let last: Outcome = {status: 'miss', reason: 'not-found', detail: `${component.name}: no manifest`}
  for (const reference of references) {
    last = await fromReference(image, reference, client)
    if (!(last.status === 'miss' && last.reason === 'not-found')) return last
  }
  return last
}

async function fromReference(image: ImageRef, reference: string, client: RegistryClient): Promise<Outcome> {
  const what = `${image.name}@${reference}`
  const manifest = await readJson(client, image, 'manifests', reference, what)
  if (manifest.status === 'miss') return manifest
  let doc = manifest.json
  let annotated = sourceOf(doc.annotations, `annotation on ${what}`)
  if (annotated) return annotated
  if (INDEX_TYPES.has(String(doc.mediaType)) || Array.isArray(doc.manifests)) {
    const digest = pickPlatform(doc.manifests)
    if (!digest) return {status: 'miss', reason: 'no-label', detail: `${what}: index lists no image manifest`}
    const child = await readJson(client, image, 'manifests', digest, `${what} (${digest.slice(0, 19)})`)
    if (child.status === 'miss') return child
    doc = child.json
    annotated = sourceOf(doc.annotations, `annotation on ${what}`)
    if (annotated) return annotated
  }
  const config = isRecord(doc.config) ? doc.config.digest : undefined
  if (typeof config !== 'string' || !isImageDigest(config))
    return {status: 'miss', reason: 'no-label', detail: `${what}: manifest has no config blob`}
  const blob = await readJson(client, image, 'blobs', config, `${what} config`)
  if (blob.status === 'miss') return blob
  const labels = isRecord(blob.json.config) ? blob.json.config.Labels : undefined
  return (
    sourceOf(labels, `label on ${what}`) ?? {
      status: 'miss',
      reason: 'no-label',
      detail: `${what}: no ${SOURCE_LABELS[0]} label or annotation`,
    }
  )
}

async function readJson(
  client: RegistryClient,
  image: ImageRef,
  kind: 'manifests' | 'blobs',
  reference: string,
  what: string,
): Promise<{status: 'ok'; json: Record<string, unknown>} | Extract<Outcome, {status: 'miss'}>> {
  const result = await client.get(image, kind, reference)
  if (result.ok && result.response.status === 401)
    return {status: 'miss', reason: 'not-found', detail: `${what}: registry refused anonymous access (401)`}
  const answer = jsonAnswer(result, what)
  if (!answer.ok) return answer.outcome as Extract<Outcome, {status: 'miss'}>
  return isRecord(answer.json)
    ? {status: 'ok', json: answer.json}
    : {status: 'miss', reason: 'no-label', detail: `${what}: not a JSON object`}
}

function sourceOf(labels: unknown, where: string): Outcome | null {
  if (!isRecord(labels)) return null
  for (const name of SOURCE_LABELS) {
    const value = labels[name]
    if (typeof value === 'string' && value.trim() !== '')
      return {status: 'resolved', repo: value.trim(), confidence: 'medium', evidence: `${name} ${where}`}
  }
  return null
}

function pickPlatform(manifests: unknown): string | null {
  const list = (Array.isArray(manifests) ? manifests : [])
    .filter(isRecord)
    .filter((m) => typeof m.digest === 'string' && isImageDigest(m.digest))
  const platform = (m: Record<string, unknown>) => (isRecord(m.platform) ? m.platform : {})
  const real = list.filter(
    (m) =>
      platform(m).os !== 'unknown' &&
      !(isRecord(m.annotations) && m.annotations['vnd.docker.reference.type'] === 'attestation-manifest'),
  )
  const amd64 = real.find((m) => platform(m).os === 'linux' && platform(m).architecture === 'amd64')
  return ((amd64 ?? real[0])?.digest as string | undefined) ?? null
}
