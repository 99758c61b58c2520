/**
 * kustomize's `images:` transformer, as in sigs.k8s.io/kustomize api/filters/imagetag/updater.go: an override applies
 * to every image whose name, as written, equals `name` (the splitting and the pinned result are shared with the
 * GitOps objects that hand kustomize overrides: ../../image-override.ts).
 */
import {composeRef, type ImageOverride, splitImage} from '../../image-override.js'

export {overrideMatches, overrideResult} from '../../image-override.js'

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
