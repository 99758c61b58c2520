/**
 * Kustomize: `images:` overrides (newName, newTag, digest) applied to the images of the resources and
 * components the kustomization lists (files, and directories holding a kustomization, recursively), and
 * `helmCharts:` as chart components. An override that pins a tag or digest is listed even when its
 * resources are not in the scan.
 */
import {appendAll} from '../../../core/arrays.js'
import {posix} from 'node:path'
import type {Location, ScanError, Skipped} from '../../../core/model.js'
import {isKustomizationFile} from '../../file-names.js'
import {readManifestImages} from '../../k8s-images.js'
import {buildTimeImages, buildTimeWords, placeholderOverride} from '../../kustomize-owners.js'
import {addImageRef, chartComponent, emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import {withoutOwnImages} from '../../own-images.js'
import {chartVersionFields} from '../../chart-version.js'
import {elide} from '../../../core/elide.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {valuesImages} from '../../helm-value-images.js'
import {at, isMap, nearest, toPlain, type YamlNode} from '../../yaml-tree.js'
import {applyOverride, overrideMatches, overrideResult} from './overrides.js'
import type {HelmChart, ImageOverride} from './schema.js'
import {check, checkValue} from '../../checked.js'
import {trimEnd} from '../../../core/trim-end.js'
import {issueWords} from '../../../core/zod-issues.js'

const KustomizationCheck = check('kustomization/Kustomization')

export const discoverer: Discoverer = {
  id: 'kustomization',
  description: 'Kustomize kustomization.yaml: images overrides applied to the listed resources, helmCharts',
  matches: isKustomizationFile,
  identify: (head) => /^apiVersion: ["']?kustomize\.config\.k8s\.io\//m.test(head),
  discover,
}

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']
/** kustomize has no limit; overlays deeper than this are a cycle or a mistake. */
const MAX_DEPTH = 16
/**
 * Kustomizations rendered for one root, counting each time one is included. An overlay may include the same base
 * twice (with a name prefix each), so a base is rendered once per inclusion; twenty levels that each include the
 * next three times made 3^16 renders and never ended.
 */
const MAX_RENDERS = 1000
/** Images rendered for one root, in all: a base listing one large manifest many times is still bounded. */
const MAX_IMAGES = 100_000

interface Entry<T> {
  value: T
  location: Location
}

interface Parsed {
  file: string
  overrides: Entry<ImageOverride>[]
  charts: Array<Entry<HelmChart> & {valuesInline?: YamlNode}>
  resources: Entry<string>[]
}

interface RenderedImage {
  ref: string
  locations: Location[]
  changed: boolean
  /** Set by an override that leaves a placeholder a Makefile sets when the project is built: not listed. */
  placeholder?: true
}

function discover(input: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  const parsed = parse(input.text, input.file, out.errors)
  if (!parsed) return out
  const dir = posix.dirname(input.file)
  // Only overrides can name a placeholder: a kustomization without `images:` looks for no Makefile.
  const sets = parsed.overrides.length > 0 ? buildTimeImages(dir, context) : new Map()
  for (const {value, location} of parsed.overrides) {
    const result = overrideResult(value)
    // kubebuilder's `name: controller, newName: controller, newTag: latest`, which `make deploy IMG=...` rewrites.
    const set = placeholderOverride(value, sets)
    if (set)
      out.skipped.push({
        file: input.file,
        line: location.line,
        reason: 'unsupported',
        message: `image override ${value.name} names a placeholder set when the project is built: ${buildTimeWords(set, dir)} (make fills it in)`,
      })
    else if (result) addImageRef(out, result, location, 'kustomize')
  }
  for (const [index, {value, location}] of parsed.charts.entries()) {
    // kustomize gives `version` to helm's --version (../../chart-version.ts): a range is no version.
    const versioned = chartVersionFields(
      value.version ?? undefined,
      `helmCharts ${elide(value.name, 200)}`,
      {file: input.file, line: location.line},
      out.skipped,
    )
    out.components.push(
      chartComponent({name: value.name, ...versioned, repository: value.repo ?? undefined}, location, 'kustomize'),
    )
    // `valuesInline`: values kustomize gives helm over the chart's own (https://kubectl.docs.kubernetes.io/references/kustomize/builtins/#_helmchartinflationgenerator_),
    // their images read as a values file's are. `valuesFile` is a values file of its own, read by the helm-values
    // format when it has a values file's name.
    const {valuesInline} = parsed.charts[index]
    if (isMap(valuesInline))
      valuesImages(valuesInline, {
        file: input.file,
        out,
        appVersion: undefined,
        noAppVersion: `the appVersion of chart ${elide(value.name, 200)}, which it would take, is not in the tree`,
      })
  }
  const used = new Set<ImageOverride>()
  const budget: Budget = {renders: 0, images: 0, exceeded: false, read: new Map()}
  const images = render(parsed, context, {
    skipped: out.skipped,
    errors: out.errors,
    used,
    depth: 0,
    seen: new Set([input.file]),
    budget,
  })
  if (budget.exceeded)
    out.errors.push({
      file: input.file,
      line: 1,
      code: 'too-many-kustomizations',
      message: `its resources include kustomizations more than ${MAX_RENDERS} times, or more than ${MAX_IMAGES} images, through overlays; the rest are not read`,
    })
  for (const image of images)
    if (image.changed && !image.placeholder) addImageRef(out, image.ref, image.locations, 'kustomize')
  for (const {value, location} of parsed.overrides) {
    if (!used.has(value) && !overrideResult(value)) {
      out.skipped.push({
        file: input.file,
        line: location.line,
        reason: 'unresolved-version',
        message: `image override ${value.name} sets no tag or digest and no listed resource uses that image`,
      })
    }
  }
  // Images a Skaffold configuration or a Tiltfile of the project builds, and puts in place of these when it deploys.
  withoutOwnImages(out, input.file, context)
  return out
}

interface RenderState {
  /** Where the top kustomization reports resources it cannot read; null for nested ones. */
  skipped: Skipped[] | null
  /** Where it reports a resource that is there but cannot be read; null for nested ones. */
  errors: ScanError[] | null
  used: Set<ImageOverride>
  depth: number
  seen: Set<string>
  /** Shared by every render under one root (MAX_RENDERS, MAX_IMAGES). */
  budget: Budget
}

interface Budget {
  renders: number
  images: number
  exceeded: boolean
  /** The images of each resource file read under this root: a file listed again is not read again. */
  read: Map<string, Array<{ref: string; line: number; column: number}>>
}

/** The images of every listed resource, with this kustomization's overrides applied in order. */
function render(kustomization: Parsed, context: DiscoverContext, state: RenderState): RenderedImage[] {
  const dir = posix.dirname(kustomization.file)
  const images: RenderedImage[] = []
  // kustomize refuses a resource listed twice in one kustomization ("already registered id"): read it once.
  const listed = new Set<string>()
  for (const {value: entry, location} of kustomization.resources) {
    if (state.budget.exceeded) break
    if (isRemote(entry)) {
      state.skipped?.push({
        file: location.file,
        line: location.line,
        reason: 'remote-resource',
        message: `remote resource ${entry} is not fetched`,
      })
      continue
    }
    const target = trimEnd(posix.normalize(posix.join(dir, entry)), '/', 1)
    if (listed.has(target)) continue
    listed.add(target)
    const text = context.readText(target)
    if (text !== null) {
      let found = state.budget.read.get(target)
      if (!found) {
        // kustomize's overrides change the pod templates of objects, never an object held in a string (an Argo
        // Workflows resource template's manifest).
        found = readManifestImages(text, target).images.filter((image) => !image.embedded)
        state.budget.read.set(target, found)
      }
      state.budget.images += found.length
      if (state.budget.images > MAX_IMAGES) {
        state.budget.exceeded = true
        break
      }
      // Copies: this kustomization's overrides change them.
      for (const image of found)
        images.push({
          ref: image.ref,
          locations: [{file: target, line: image.line, column: image.column}],
          changed: false,
        })
      continue
    }
    const nested = findKustomization(target, context)
    if (nested && !state.seen.has(nested.file) && state.depth < MAX_DEPTH) {
      if (++state.budget.renders > MAX_RENDERS) {
        state.budget.exceeded = true
        continue
      }
      const parsed = parse(nested.text, nested.file, [])
      const seen = new Set([...state.seen, nested.file])
      const {budget} = state
      if (parsed)
        appendAll(
          images,
          render(parsed, context, {skipped: null, errors: null, used: new Set(), depth: state.depth + 1, seen, budget}),
        )
    } else if (!nested && context.exists?.(target)) {
      state.errors?.push({
        file: location.file,
        line: location.line,
        code: 'include-not-read',
        message: `resource ${entry} is there but could not be read (its own error says why); its images are not listed`,
      })
    } else if (!nested) {
      state.skipped?.push({
        file: location.file,
        line: location.line,
        reason: 'missing-resource',
        message: `resource ${entry} was not found under the scan root`,
      })
    }
  }
  const sets = kustomization.overrides.length > 0 ? buildTimeImages(dir, context) : undefined
  for (const {value: override, location} of kustomization.overrides) {
    const placeholder = sets && placeholderOverride(override, sets) !== undefined
    for (const image of images) {
      if (!overrideMatches(image.ref, override)) continue
      image.ref = applyOverride(image.ref, override)
      image.locations.push(location)
      image.changed = true
      if (placeholder) image.placeholder = true
      else delete image.placeholder
      state.used.add(override)
    }
  }
  return images
}

function findKustomization(dir: string, context: DiscoverContext): {file: string; text: string} | null {
  for (const name of KUSTOMIZATION_NAMES) {
    const file = posix.join(dir, name)
    const text = context.readText(file)
    if (text !== null) return {file, text}
  }
  return null
}

/** URLs and go-getter style references (`github.com/org/repo//path?ref=v1`). */
function isRemote(entry: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
    /^(git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/.test(entry) ||
    entry.includes('?ref=')
  )
}

function parse(text: string, file: string, errors: ScanError[]): Parsed | undefined {
  // kustomize reads with go-yaml (kyaml): an unknown tag is its node untagged, as kubectl reads it.
  const yaml = readYaml(text, file, {keepUnknownTags: 'quietly'})
  appendAll(errors, yaml.errors)
  const root = yaml.documents.find((doc) => doc.root !== null)?.root
  if (!root) return undefined
  if (!isMap(root)) {
    errors.push(errorAt(file, root, 'invalid-kustomization', 'a kustomization must be a mapping'))
    return undefined
  }
  const result = checkValue(KustomizationCheck, toPlain(root))
  if (!result.success) {
    for (const issue of result.error.issues) {
      errors.push(errorAt(file, nearest(root, issue.path), 'invalid-kustomization', issueWords(issue)))
    }
    return undefined
  }
  const entries = <T>(key: string, values: T[] | null | undefined, field?: string): Entry<T>[] =>
    (values ?? []).map((value, i) => ({value, location: locationOf(file, position(root, key, i, field))}))
  const k = result.data
  return {
    file,
    overrides: entries('images', k.images, 'name'),
    charts: entries('helmCharts', k.helmCharts, 'name').map((entry, i) => {
      const valuesInline = at(root, 'helmCharts', i, 'valuesInline')
      return valuesInline === undefined ? entry : {...entry, valuesInline}
    }),
    resources: [
      ...entries('resources', k.resources),
      ...entries('components', k.components),
      ...entries('bases', k.bases),
    ],
  }
}

function position(root: YamlNode, key: string, index: number, field?: string): YamlNode {
  const item = at(root, key, index)!
  return (field ? at(item, field) : undefined) ?? item
}
