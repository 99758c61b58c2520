/**
 * Splits a normalised image name (`docker.io/library/nginx`, `ghcr.io/dexidp/dex`) into registry and
 * repository path, validating both before any URL is built. Path grammar from distribution/reference
 * (https://github.com/distribution/reference/blob/main/regexp.go).
 */
const REGISTRY = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
const DIGEST = /^sha256:[a-f0-9]{64}$/

export interface ImageName {
  registry: string
  path: string
}

export function splitImageName(name: string): ImageName | null {
  const slash = name.indexOf('/')
  if (slash <= 0) return null
  const registry = name.slice(0, slash)
  const path = name.slice(slash + 1)
  if (!REGISTRY.test(registry) || !(registry.includes('.') || registry.includes(':') || registry === 'localhost')) return null
  if (path.length > 255 || !path.split('/').every((c) => COMPONENT.test(c))) return null
  return {registry, path}
}

export function isTag(tag: string | undefined): tag is string {
  return tag !== undefined && TAG.test(tag)
}

export function isDigest(digest: string | undefined): digest is string {
  return digest !== undefined && DIGEST.test(digest)
}
