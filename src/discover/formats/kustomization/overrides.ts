/**
 * kustomize's `images:` transformer, as in sigs.k8s.io/kustomize api/filters/imagetag/updater.go and
 * api/image/image.go (Split): an override applies to every image whose name, as written, equals `name`.
 */
import type {ImageOverride} from './schema.js'

export interface SplitImage {
  name: string
  tag?: string
  digest?: string
}

/** kustomize image.Split: a `:` or `@` before the first `/` belongs to the registry host. */
export function splitImage(ref: string): SplitImage {
  const slash = Math.max(ref.indexOf('/'), 0)
  const rest = ref.slice(slash)
  const at = rest.indexOf('@')
  const colon = rest.indexOf(':')
  if (at < 0 && colon < 0) return {name: ref}
  if (at >= 0 && (colon < 0 || at < colon)) return {name: ref.slice(0, slash + at), digest: ref.slice(slash + at + 1)}
  if (at >= 0)
    return {
      name: ref.slice(0, slash + colon),
      tag: ref.slice(slash + colon + 1, slash + at),
      digest: ref.slice(slash + at + 1),
    }
  return {name: ref.slice(0, slash + colon), tag: ref.slice(slash + colon + 1)}
}

export function overrideMatches(ref: string, override: ImageOverride): boolean {
  return splitImage(ref).name === override.name
}

/** The reference after the override: a new tag or digest replaces both the old tag and digest. */
export function applyOverride(ref: string, override: ImageOverride): string {
  const image = splitImage(ref)
  let {tag, digest} = image
  if (override.newTag && override.digest) {
    tag = override.newTag
    digest = override.digest
  } else if (override.newTag) {
    tag = override.newTag
    digest = undefined
  } else if (override.digest) {
    tag = undefined
    digest = override.digest
  }
  return composeRef(override.newName || image.name, tag, digest)
}

/** The image an override pins on its own, when it sets a tag or digest (else the tag comes from the resources). */
export function overrideResult(override: ImageOverride): string | undefined {
  if (!override.newTag && !override.digest) return undefined
  return composeRef(override.newName || override.name, override.newTag ?? undefined, override.digest ?? undefined)
}

function composeRef(name: string, tag: string | undefined, digest: string | undefined): string {
  return name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '')
}
