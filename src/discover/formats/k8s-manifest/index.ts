/**
 * Kubernetes manifests: multi-document YAML, `List` kinds, every workload kind, pod templates inside custom
 * resources, operators' image fields and image volumes (see ../../k8s-images.ts), and the Helm charts Argo CD
 * applications and Flux releases install (../../gitops-charts.ts). Helm chart templates are skipped with a hint to
 * render them first.
 */
import {loadAll, YAMLException} from 'js-yaml'
import {appendAll} from '../../../core/arrays.js'
import type {ScanError} from '../../../core/model.js'
import {posix} from 'node:path'
import {isManifestCandidate, isYamlTemplate, templateExtension} from '../../file-names.js'
import {addGitopsCharts} from '../../gitops-charts.js'
import {type ManifestImage, parametersFilledLater, readManifestImages} from '../../k8s-images.js'
import {
  type BuildTimeImage,
  buildTimeImages,
  buildTimeWords,
  includingKustomizations,
  placeholderOverride,
  renderedPlaceholders,
  renderedWords,
} from '../../kustomize-owners.js'
import {overrideMatches, splitImage} from '../../image-override.js'
import {withoutOwnImages} from '../../own-images.js'
import {addImageRef, emptyOutput, HELM_TEMPLATE_HINT, type Output} from '../../output.js'
import {YTT_TEMPLATE, yttAnnotationLine} from '../../ytt.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'k8s-manifest',
  description:
    'Kubernetes manifests (.yaml/.yml): container, init, ephemeral and volume images, pod templates in custom resources, operator image fields',
  matches: (file) => isManifestCandidate(file) || isYamlTemplate(file),
  // Any YAML file no other format names: one a sniffing format recognises by its content (a Concourse pipeline) is
  // that format's alone.
  fallback: true,
  // A top-level apiVersion and kind (kustomize's own files are the kustomization format's).
  identify: (head) =>
    /^apiVersion: \S/m.test(head) &&
    /^kind: \S/m.test(head) &&
    !/^apiVersion: ["']?kustomize\.config\.k8s\.io\//m.test(head),
  discover,
}

function discover(input: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  if (isYamlTemplate(input.file)) return yamlTemplate(out, input.file, input.text)
  if (isChartTemplate(input.file, context))
    return helmTemplate(out, input.file, 'a Helm chart template (under templates/ beside Chart.yaml)')
  // A ytt template's `#@` lines are comments to YAML: `image: #@ data.values.image` would read as a null image.
  const ytt = yttAnnotationLine(input.text)
  if (ytt !== undefined) {
    out.skipped.push({file: input.file, line: ytt, reason: 'unsupported', message: YTT_TEMPLATE})
    return out
  }
  const cheap = mayHoldObject(input.text) ? undefined : withoutObjects(input.text, input.file)
  if (cheap?.valid) return out
  if (cheap?.first) return notManifest(out, input.file, 'not valid YAML', cheap.first)
  const manifest = readManifestImages(input.text, input.file)
  // Template directives outside quotes break YAML, or turn into mappings used as keys: a template, not a manifest.
  const broken = manifest.errors.some((e) => e.code.startsWith('yaml-')) || manifest.complexKeyLines.length > 0
  if (broken && manifest.errors.every((e) => e.code.startsWith('yaml-')) && !mayHoldObject(input.text)) {
    const [first] = manifest.errors
    if (first) return notManifest(out, input.file, 'not valid YAML', first)
    // Valid YAML whose collection keys are template directives; without `{{`, plain YAML with complex keys: read on.
    if (input.text.includes('{{')) {
      const line = manifest.complexKeyLines[0]
      return notManifest(out, input.file, 'template directives ({{ }}) that YAML reads as mappings used as keys', {
        line,
      })
    }
  }
  // A key written twice is a mistake of a file YAML reads (the last value used), not a template's mark: a workflow's
  // `{{ }}` parameters elsewhere make it no Helm template (argo-workflows examples/k8s-patch-json-workflow.yaml).
  const templated =
    manifest.complexKeyLines.length > 0 ||
    manifest.errors.some((e) => e.code.startsWith('yaml-') && e.code !== 'yaml-duplicate-key')
  if (templated && input.text.includes('{{')) {
    // Jinja's statements (`{% for %}`, Ansible's templates) are no Helm template: rendered by whatever writes them.
    if (/\{%-?\s*(?:for|if|set|macro|block|include|raw)\b/.test(input.text))
      return notRendered(out, input.file, 'Jinja template directives ({% %}, {{ }}) that are not YAML')
    return helmTemplate(out, input.file, 'Go template directives ({{ }}) that are not YAML')
  }
  appendAll(out.errors, manifest.errors)
  appendAll(out.errors, manifest.embeddedErrors)
  const kustomized = kustomizeReading(input.file, context)
  for (const image of manifest.images) {
    // kustomize's overrides change the pod templates of objects, never an object held in a string.
    const built = image.origin === 'kustomize' || image.embedded ? undefined : kustomized(image)
    if (built === 'overridden') continue
    if (built) {
      out.skipped.push({file: input.file, line: image.line, reason: 'unsupported', message: built})
      continue
    }
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

/**
 * What kustomize makes of an image of this file, when kustomizations in the tree build it (the ones that list it,
 * directly or through the folders they list: ../../kustomize-owners.ts): `overridden` when an `images:` override on
 * the way renames or pins it in each of them (`kustomize build` never gives the image as written; the kustomization
 * format lists the override's image, located here too), the words of a skip when the name is a placeholder a
 * Makefile sets when the project is built (kubebuilder's `image: controller:latest`, which `make deploy IMG=...`
 * replaces), or in a file a Makefile writes from a kustomization's build (kubebuilder's dist/install.yaml), undefined
 * when the image is the one written.
 */
function kustomizeReading(
  file: string,
  context: DiscoverContext,
): (image: ManifestImage) => 'overridden' | string | undefined {
  let including: ReturnType<typeof includingKustomizations> | undefined
  let rendered: ReturnType<typeof renderedPlaceholders> | undefined
  return (image) => {
    including ??= includingKustomizations(file, context)
    const name = splitImage(image.ref).name
    if (including.length === 0) {
      // A file a Makefile writes from a kustomization's build, with a placeholder set on the way (kubebuilder's
      // `make build-installer` writes dist/install.yaml).
      rendered ??= renderedPlaceholders(file, context)
      const placeholder = rendered.get(name)
      return (
        placeholder &&
        `image ${image.ref} is a placeholder set when the project is built: ${renderedWords(placeholder)} (make fills it in)`
      )
    }
    let overridden = true
    for (const kustomization of including) {
      // The first override on the way (the innermost) is the one that matches the name as written.
      const first = kustomization.overrides.find(({override}) => overrideMatches(image.ref, override))
      if (!first) overridden = false
      // Set by a Makefile where the override is (or, without one, where a kustomization on the way is), and renamed
      // by no override to anything else (kubebuilder's `newName: controller`).
      const set = first
        ? placed(first.dir, placeholderOverride(first.override, buildTimeImages(first.dir, context)))
        : setOnTheWay(kustomization.folders, name, context)
      if (set) {
        const words = buildTimeWords(set.set, set.dir)
        return `image ${image.ref} is a placeholder set when the project is built: ${words}, whose kustomization builds this file (make fills it in)`
      }
    }
    return overridden ? 'overridden' : undefined
  }
}

function placed(dir: string, set: BuildTimeImage | undefined): {dir: string; set: BuildTimeImage} | undefined {
  return set && {dir, set}
}

/** A Makefile's `kustomize edit set image NAME=...` in one of the folders a kustomization builds the file through. */
function setOnTheWay(
  folders: readonly string[],
  name: string,
  context: DiscoverContext,
): {dir: string; set: BuildTimeImage} | undefined {
  for (const dir of folders) {
    const set = buildTimeImages(dir, context).get(name)
    if (set) return {dir, set}
  }
  return undefined
}

/** A file under `templates/` of a directory that holds a Chart.yaml. */
function isChartTemplate(file: string, context: DiscoverContext): boolean {
  const parts = file.split('/')
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] !== 'templates') continue
    const chartDir = parts.slice(0, i).join('/')
    // Whether it is there decides, not whether it can be read (a Chart.yaml that cannot be is its own error).
    const chartFile = posix.join(chartDir || '.', 'Chart.yaml')
    if (context.exists ? context.exists(chartFile) : context.readText(chartFile) !== null) return true
  }
  return false
}

/**
 * Whether any part of the text could be a Kubernetes object: every object kubectl applies has an `apiVersion` and a
 * `kind` (a List too, and each of its items), so a text that never writes both keys holds none, whatever its YAML.
 * Looked for as keys anywhere (block or flow, quoted or not), not only at the top: a text that might hold them is
 * read as a manifest, its problems errors.
 */
function mayHoldObject(text: string): boolean {
  return API_VERSION_KEY.test(text) && KIND_KEY.test(text)
}

/**
 * A text that holds no object (mayHoldObject) is read for nothing but its first YAML problem, and the full reading
 * that reports problems with their positions (the `yaml` library) went through the whole of it: 2 s for OpenRA's
 * 650 KB tab-indented MiniYAML files. js-yaml finds whether it is valid YAML in a fraction of that; if not, the full
 * reading runs on the text up to the line after js-yaml's first problem, which holds the same first problem. Valid
 * YAML holds nothing here (no object): `{valid: true}`. Undefined when this cannot tell (templates, tags js-yaml does
 * not know, a problem the prefix does not show): the caller reads the whole text as before.
 */
function withoutObjects(text: string, file: string): {valid?: true; first?: ScanError} | undefined {
  if (text.includes('{{')) return undefined
  let problemLine: number
  try {
    loadAll(text, () => undefined)
    return {valid: true}
  } catch (error) {
    if (!(error instanceof YAMLException) || error.mark === undefined) return undefined
    problemLine = error.mark.line + 1
  }
  // Up to the end of the line after the problem's.
  let end = -1
  for (let line = 0; line <= problemLine; line++) {
    end = text.indexOf('\n', end + 1)
    if (end === -1) break
  }
  const prefix = end === -1 ? text : text.slice(0, end + 1)
  const [first] = readManifestImages(prefix, file).errors
  return first?.code.startsWith('yaml-') && (first.line ?? 0) <= problemLine + 1 ? {first} : undefined
}

const API_VERSION_KEY = /(?:^|[\s{,])["']?apiVersion["']?[ \t]*:/m
const KIND_KEY = /(?:^|[\s{,])["']?kind["']?[ \t]*:/m

/**
 * A YAML file no other format reads, that is not valid YAML (or holds template directives YAML reads as keys) and
 * writes no `apiVersion` and `kind`: no Kubernetes object, so nothing kubectl could apply (a design document, a
 * tool's transcript, an Ansible template). One skip naming the first problem, not errors: the run stays complete
 * (a large tree holds many such files).
 */
function notManifest(
  out: Output,
  file: string,
  what: string,
  first: {line?: number; column?: number; message?: string},
): Output {
  const at = first.line ? `line ${first.line}${first.column ? `:${first.column}` : ''}` : ''
  const detail = [at, first.message].filter(Boolean).join(': ')
  out.skipped.push({
    file,
    ...(first.line ? {line: first.line} : {}),
    ...(first.column ? {column: first.column} : {}),
    reason: 'unsupported',
    message: `${what}${detail ? ` (${detail})` : ''}, and no Kubernetes object in it (no apiVersion and kind): not read as a manifest`,
  })
  return out
}

/**
 * A YAML file named as a template (`deploy.yaml.j2`): reported when it writes a Kubernetes object's `apiVersion` and
 * `kind`, as a Dockerfile named so is; any other (an Ansible role's configuration template) is no manifest: nothing.
 */
function yamlTemplate(out: Output, file: string, text: string): Output {
  if (!/^\s*apiVersion\s*:/m.test(text) || !/^\s*kind\s*:/m.test(text)) return out
  const base = file.slice(file.lastIndexOf('/') + 1)
  out.skipped.push({
    file,
    reason: 'unsupported',
    message: `${base} is a template (${templateExtension(base)}) of YAML objects with apiVersion and kind: render it and scan the result`,
  })
  return out
}

/** A template that is not Helm's: one skip, without Helm's hint. */
function notRendered(out: Output, file: string, why: string): Output {
  out.skipped.push({file, reason: 'unsupported', message: `${why}: render it and scan the result`})
  return out
}

function helmTemplate(out: Output, file: string, why: string): Output {
  out.skipped.push({file, reason: 'helm-template', message: `${why}. ${HELM_TEMPLATE_HINT}`})
  return out
}
