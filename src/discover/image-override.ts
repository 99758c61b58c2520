/**
 * kustomize's image overrides (`images:` of a kustomization: name, newName, newTag, digest), shared by the
 * kustomization format and the GitOps objects that hand kustomize the same overrides (./gitops-image-overrides.ts):
 * sigs.k8s.io/kustomize api/types/image.go, api/image/image.go (Split) and api/filters/imagetag/updater.go, and the
 * text form `kustomize edit set image` reads (kustomize/commands/edit/set/setimage.go), which Argo CD passes its
 * `kustomize.images` to. Hand-written: kustomize is Go, and these are a few string rules.
 */

export interface ImageOverride {
  name: string
  newName?: string | null
  newTag?: string | null
  digest?: string | null
}

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

/**
 * Whether an override applies to an image, as kustomize's images transformer matches it
 * (sigs.k8s.io/kustomize api/filters/imagetag/updater.go): by name as written.
 */
export function overrideMatches(ref: string, override: ImageOverride): boolean {
  return splitImage(ref).name === override.name
}

/** The image an override pins on its own, when it sets a tag or digest (else the tag comes from the resources). */
export function overrideResult(override: ImageOverride): string | undefined {
  if (!override.newTag && !override.digest) return undefined
  return composeRef(override.newName || override.name, override.newTag ?? undefined, override.digest ?? undefined)
}

export function composeRef(name: string, tag: string | undefined, digest: string | undefined): string {
  return name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '')
}

/** `kustomize edit set image`'s `<image>:<tag>` (the last `:` followed by a tag's characters, or `*`). */
const TAGGED = /^(.*):([a-zA-Z0-9._-]*|\*)$/
/** `*` keeps what the resources write (the name or the tag): not known from the override. */
const PRESERVE = '*'

/**
 * One argument of `kustomize edit set image` as kustomize's `parse` reads it: `name=newName[:tag|@digest]`,
 * `name:tag` or `name@digest` (a `=` splits only when it splits the text in two). Undefined for what kustomize
 * refuses (a name alone, with no `=`): its error is "invalid format of image".
 */
export function parseSetImage(arg: string): ImageOverride | undefined {
  const parts = arg.split('=')
  const overwrite = (text: string, renames: boolean): SplitImage | undefined => {
    const at = text.split('@')
    if (at.length > 1) return {name: at[0], digest: at[1]}
    const tagged = TAGGED.exec(text)
    if (tagged) return {name: tagged[1], tag: tagged[2]}
    return renames && text.length > 0 ? {name: text} : undefined
  }
  if (parts.length === 2) {
    const to = overwrite(parts[1], true)
    if (to === undefined) return undefined
    return {
      name: parts[0],
      ...(to.name === PRESERVE ? {} : {newName: to.name}),
      ...(to.tag === undefined || to.tag === PRESERVE ? {} : {newTag: to.tag}),
      ...(to.digest === undefined ? {} : {digest: to.digest}),
    }
  }
  const to = overwrite(arg, false)
  if (to === undefined) return undefined
  return {
    name: to.name,
    ...(to.tag === undefined || to.tag === PRESERVE ? {} : {newTag: to.tag}),
    ...(to.digest === undefined ? {} : {digest: to.digest}),
  }
}
