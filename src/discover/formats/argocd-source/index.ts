/**
 * Argo CD's parameter overrides stored in Git (https://argo-cd.readthedocs.io/en/stable/user-guide/parameters/#store-overrides-in-git):
 * `.argocd-source.yaml`, and `.argocd-source-<appname>.yaml` (`<namespace>_<appname>` with applications in any
 * namespace), in an application's source folder. Argo CD merges the file's fields over the application's source
 * when it generates the manifests (argo-cd reposerver: `.argocd-source.yaml` first, then the application's own); it
 * is where Argo CD Image Updater writes back the images it updates (its `git` write-back method).
 * - `kustomize.images`: the images the overrides pin, read as an Application's (../../gitops-image-overrides.ts:
 *   `name=image:tag`, `image:tag`, `image@digest`; listed `origin: kustomize` at the entry; one without tag or digest,
 *   or with Argo CD's `$ARGOCD_APP_*` variables, reported).
 * - `helm`: the values the file gives the chart (`valuesObject`, else `values`, with `parameters` over them, as Argo
 *   CD gives them to Helm: ../../argo-helm-values.ts), read for images as a values file is (`origin: helm-values`;
 *   Image Updater's `image.name` and `image.tag` parameters, for instance). The chart is the application's, not named
 *   here: an image block without tag or digest is reported.
 * Nothing else of the file is read (`namePrefix`, `replicas`...).
 */
import {posix} from 'node:path'
import {argoHelmValues} from '../../argo-helm-values.js'
import {isArgocdSourceFile} from '../../file-names.js'
import {argoSourceImageOverrides} from '../../gitops-image-overrides.js'
import {valuesImages} from '../../helm-value-images.js'
import {addImageRef, emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {mappingDocuments} from '../../yaml.js'

export const discoverer: Discoverer = {
  id: 'argocd-source',
  description:
    "Argo CD .argocd-source.yaml and .argocd-source-<app>.yaml: the images its kustomize overrides pin and its Helm values name (Argo CD Image Updater's write-back)",
  matches: isArgocdSourceFile,
  discover,
}

function discover({file, text}: DiscoverInput): Output {
  const out = emptyOutput()
  const who = posix.basename(file)
  for (const root of mappingDocuments(text, file, out.errors, "Argo CD's source overrides")) {
    const overrides = argoSourceImageOverrides(root, who)
    for (const image of overrides.images) addImageRef(out, image.ref, locationOf(file, image.node), 'kustomize')
    for (const {node, reason, message} of overrides.skips) out.skipped.push({file, line: node.line, reason, message})
    for (const {node, message} of overrides.problems)
      out.errors.push(errorAt(file, node, 'invalid-image-field', message))
    const values = argoHelmValues(root.entries.get('helm'), text, file, out)
    if (values !== undefined)
      valuesImages(values, {
        file,
        out,
        appVersion: undefined,
        noAppVersion: "the appVersion of the application's chart, which it would take, is not in this file",
      })
  }
  return out
}
