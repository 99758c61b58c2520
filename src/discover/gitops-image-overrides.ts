/**
 * The image overrides GitOps controllers hand kustomize when they build what they deploy, read as the kustomization
 * format reads a kustomization's `images:` (./image-override.ts): an override that pins a tag or a digest names the
 * image that runs, listed on its own (`origin: kustomize`), located at the override. The manifests it applies to are
 * those the controller builds from its source (a folder of a repository, a chart), which this file does not hold:
 * their images, where they are in the scan, are listed as written there.
 * - Flux `Kustomization` (kustomize.toolkit.fluxcd.io): `spec.images`, kustomize's own `{name, newName, newTag,
 *   digest}` (https://fluxcd.io/flux/components/kustomize/kustomizations/#images).
 * - Flux `HelmRelease` (helm.toolkit.fluxcd.io): `spec.postRenderers[].kustomize.images`, the same, applied to what
 *   Helm rendered (https://fluxcd.io/flux/components/helm/helmreleases/#post-renderers).
 * - Argo CD `Application` (argoproj.io): `kustomize.images` of `spec.source` and of each of `spec.sources`, strings
 *   Argo CD passes to `kustomize edit set image` after substituting its build environment (`$ARGOCD_APP_NAME`...;
 *   argo-cd util/kustomize/kustomize.go; https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/). An
 *   `ApplicationSet`'s `spec.template` likewise.
 * An override without a tag or digest (a new name only; `*`, kustomize's "keep what the resource writes") takes its
 * tag from the manifests: reported (`unresolved-version`). A value only Argo CD (`$VAR`) or an ApplicationSet's
 * generators (`{{ }}`) fill in is reported, not guessed.
 */
import {elide} from '../core/elide.js'
import type {SkipReason} from '../core/model.js'
import {type ImageOverride, overrideResult, parseSetImage} from './image-override.js'
import {at, describe, isAbsent, isMap, isScalar, isSeq, type YamlNode, type YamlScalar} from './yaml-tree.js'

export interface OverrideImage {
  /** Where the override is written: an Argo CD string, or the `name:` of a kustomize image entry. */
  node: YamlScalar
  /** The image it pins. */
  ref: string
  field: string
}

export interface OverrideFinding {
  images: OverrideImage[]
  skips: Array<{node: YamlNode; reason: SkipReason; message: string}>
  problems: Array<{node: YamlNode; message: string}>
}

/** The overrides of one object (none unless it is one of the kinds above). */
export function gitopsImageOverrides(apiVersion: string, kind: string, resource: YamlNode): OverrideFinding {
  const found: OverrideFinding = {images: [], skips: [], problems: []}
  const group = apiVersion.split('/')[0]
  if (group === 'kustomize.toolkit.fluxcd.io' && kind === 'Kustomization') {
    kustomizeImages(at(resource, 'spec', 'images'), 'spec.images', `Flux Kustomization`, found)
  } else if (group === 'helm.toolkit.fluxcd.io' && kind === 'HelmRelease') {
    const renderers = at(resource, 'spec', 'postRenderers')
    if (isSeq(renderers))
      for (const renderer of renderers.items)
        kustomizeImages(
          at(renderer, 'kustomize', 'images'),
          'spec.postRenderers.kustomize.images',
          'Flux HelmRelease post-renderer',
          found,
        )
  } else if (group === 'argoproj.io' && (kind === 'Application' || kind === 'ApplicationSet')) {
    const spec = kind === 'Application' ? at(resource, 'spec') : at(resource, 'spec', 'template', 'spec')
    const prefix = kind === 'Application' ? 'spec' : 'spec.template.spec'
    // With `sources`, Argo CD reads them and not `source` (as ./gitops-charts.ts reads the charts).
    const sources = at(spec, 'sources')
    const generated = kind === 'ApplicationSet'
    if (isSeq(sources))
      for (const source of sources.items)
        argoImages(at(source, 'kustomize', 'images'), `${prefix}.sources`, `Argo CD ${kind}`, generated, found)
    else argoImages(at(spec, 'source', 'kustomize', 'images'), `${prefix}.source`, `Argo CD ${kind}`, generated, found)
  }
  return found
}

/**
 * The overrides of an Argo CD source written on its own (`.argocd-source.yaml`: the argocd-source format), whose
 * `kustomize.images` Argo CD merges over the application's. `who`: how messages name the file.
 */
export function argoSourceImageOverrides(source: YamlNode, who: string): OverrideFinding {
  const found: OverrideFinding = {images: [], skips: [], problems: []}
  argoImages(at(source, 'kustomize', 'images'), undefined, who, false, found)
  return found
}

/** kustomize's image entries (`{name, newName, newTag, digest}`), as a kustomization writes them. */
function kustomizeImages(list: YamlNode | undefined, field: string, what: string, found: OverrideFinding): void {
  if (isAbsent(list)) return
  if (!isSeq(list)) {
    found.problems.push({node: list, message: `${field} must be a list of images, found ${describe(list)}`})
    return
  }
  for (const entry of list.items) {
    if (!isMap(entry)) {
      found.problems.push({node: entry, message: `an entry of ${field} must be a mapping, found ${describe(entry)}`})
      continue
    }
    const name = at(entry, 'name')
    if (!isScalar(name) || name.kind === 'null' || name.text === '') {
      found.problems.push({node: name ?? entry, message: `an entry of ${field} has no name`})
      continue
    }
    const override: ImageOverride = {name: name.text}
    for (const key of ['newName', 'newTag', 'digest'] as const) {
      const value = at(entry, key)
      if (isAbsent(value)) continue
      if (!isScalar(value)) {
        found.problems.push({node: value, message: `${key} of ${field} must be a string, found ${describe(value)}`})
        continue
      }
      override[key] = value.text
    }
    pinned(override, name, field, `${what} image override ${elide(name.text, 200)}`, found)
  }
}

/**
 * Argo CD's `kustomize.images` strings (`[name=]image[:tag|@digest]`) of a source at `field` (undefined: the top
 * level); `generated`: in an ApplicationSet's template, whose generators fill in `{{ }}`.
 */
function argoImages(
  list: YamlNode | undefined,
  field: string | undefined,
  who: string,
  generated: boolean,
  found: OverrideFinding,
): void {
  if (isAbsent(list)) return
  const where = field === undefined ? 'kustomize.images' : `${field}.kustomize.images`
  if (!isSeq(list)) {
    found.problems.push({node: list, message: `${where} must be a list of images, found ${describe(list)}`})
    return
  }
  for (const item of list.items) {
    if (!isScalar(item) || item.kind !== 'string' || item.text === '') {
      found.problems.push({node: item, message: `an entry of ${where} must be an image, found ${describe(item)}`})
      continue
    }
    const what = `${who} image override "${elide(item.text, 200)}"`
    if (generated && item.text.includes('{{')) {
      found.skips.push({
        node: item,
        reason: 'unsupported',
        message: `${what}: a value is filled in by the ApplicationSet's generators ({{ }}); not read`,
      })
      continue
    }
    if (item.text.includes('$')) {
      found.skips.push({
        node: item,
        reason: 'unsupported',
        message: `${what}: Argo CD substitutes its build environment ($ARGOCD_APP_NAME...) in it when it builds the application; not guessed`,
      })
      continue
    }
    const override = parseSetImage(item.text)
    if (override === undefined) {
      found.problems.push({
        node: item,
        message: `${where}: "${elide(item.text, 200)}" is not an image override kustomize reads (name=image, image:tag or image@digest)`,
      })
      continue
    }
    pinned(override, item, where, what, found)
  }
}

function pinned(override: ImageOverride, node: YamlScalar, field: string, what: string, found: OverrideFinding): void {
  const ref = overrideResult(override)
  if (ref !== undefined) {
    found.images.push({node, ref, field})
    return
  }
  found.skips.push({
    node,
    reason: 'unresolved-version',
    message: `${what} sets no tag or digest: the tag is the one the manifests it applies to write, which are not in this file`,
  })
}
