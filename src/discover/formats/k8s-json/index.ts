/**
 * Kubernetes objects written as JSON, as `kubectl get -o json` writes them: one object, or a `List` with `items`.
 * Any tool may name a file `*.json`, so the content decides: a file is read only when its top-level object has
 * an `apiVersion` key in its first SNIFF_BYTES (64 KiB; kubectl writes it first); every other JSON file is passed
 * over without a word. Images are found as in YAML manifests (../../k8s-images.ts), with line and column, and so are
 * the Helm charts Argo CD applications and Flux releases install (../../gitops-charts.ts: `kubectl get applications -A
 * -o json` lists what a cluster's Argo CD deploys).
 */
import {appendAll} from '../../../core/arrays.js'
import {isJsonManifestCandidate} from '../../file-names.js'
import {addGitopsCharts} from '../../gitops-charts.js'
import {hasTopLevelKey} from '../../json-tree.js'
import {parametersFilledLater, readJsonManifestImages} from '../../k8s-images.js'
import {addImageRef, emptyOutput, HELM_TEMPLATE_HINT, type Output} from '../../output.js'
import {withoutOwnImages} from '../../own-images.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'k8s-json',
  description: 'Kubernetes objects as JSON, with a top-level apiVersion (kubectl get -o json; List items)',
  matches: isJsonManifestCandidate,
  sniff: (head) => hasTopLevelKey(head, 'apiVersion'),
  discover,
}

function discover(input: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  const manifest = readJsonManifestImages(input.text, input.file)
  if (manifest.errors.some((e) => e.code === 'json-syntax') && input.text.includes('{{')) {
    out.skipped.push({
      file: input.file,
      reason: 'helm-template',
      message: `Go template directives ({{ }}) that are not JSON. ${HELM_TEMPLATE_HINT}`,
    })
    return out
  }
  appendAll(out.errors, manifest.errors)
  appendAll(out.errors, manifest.embeddedErrors)
  for (const image of manifest.images) {
    // Argo Workflows' and Rollouts' parameters, filled in when the workflow or analysis runs: no Helm template.
    const filledLater = parametersFilledLater(image, input.file)
    if (filledLater) {
      out.skipped.push(filledLater)
      continue
    }
    addImageRef(out, image.ref, {file: input.file, line: image.line, column: image.column}, image.origin, image.pulled)
  }
  appendAll(out.skipped, manifest.skipped)
  addGitopsCharts(out, manifest.gitops, input.file, input.text, context)
  // Images a Skaffold configuration or a Tiltfile of the project builds, and puts in place of these when it deploys.
  withoutOwnImages(out, input.file, context)
  return out
}
