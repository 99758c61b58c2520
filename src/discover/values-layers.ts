/**
 * The values a Helm release is deployed with when its tool names values files of the tree (helmfile's `values:`
 * strings, Skaffold's `valuesFiles`, Tilt's `values=` and `--values` flags): the chart's own `values.yaml` when the
 * chart is a folder of the tree, then each named file and each mapping the tool writes inline, in the tool's order
 * (`--set` values go over all, ./set-values.ts), merged as Helm merges values files (later wins, maps
 * merged key by key: ./set-values.ts mergeValues). Read for images as a values file is (./helm-value-images.ts), each
 * image placed at the node of the latest layer among those that compose it (a `tag:` an override sets, over the
 * chart's `repository:`), in the file that holds it.
 * An image a single file gives whole, where that file is one the helm-values format reads on its own (its name is a
 * values file's: `values.yaml`, `values-prod.yaml`), is left to that format, which reports it with the chart's
 * appVersion: this adds what the layering changes, and what files of other names (`prod.yaml`) give. A base image an
 * override replaces is not reported here: helm would not deploy it (the chart's values.yaml still lists it, read alone,
 * as the chart's default).
 * The merge is linear in the values read: a mapping is copied once, the first time a later file changes it; the
 * same values twice in a row are merged once; one declaring file's releases layer at most MAX_LAYERED_NODES nodes.
 * A `null` is kept between the user's layers (a later file may set the key again, over the chart's defaults) and
 * removes the chart's key when the user's values are coalesced over the chart's (Helm's CoalesceValues).
 * Limits: an image left to
 * helm-values as one file's is told as that file gives it, without a `global.imageRegistry` an earlier layer sets;
 * a values file --exclude leaves out is still read when a release names it (as a kustomization's resources are).
 */
import {posix} from 'node:path'
import type {Location} from '../core/model.js'
import {elide} from '../core/elide.js'
import {isRemoteSource} from './chart-ref.js'
import {isHelmValuesFile} from './file-names.js'
import {locationOf, type Output, shapeError} from './output.js'
import {perScan} from './per-scan.js'
import {mergeValues} from './set-values.js'
import type {DiscoverContext} from './types.js'
import {readYaml} from './yaml.js'
import {isMap, isScalar, isSeq, type Position, type YamlMap, type YamlNode} from './yaml-tree.js'

/** Values files of one release past this many are not read (no release names so many; each is a merge). */
export const MAX_VALUES_FILES = 100
/** Deeper values are not merged nor placed (the YAML reader keeps trees shallower). */
const MAX_DEPTH = 256

/** A values file as read for the scan: its root mapping (undefined: empty, or not a mapping), read once. */
interface ReadFile {
  root: YamlMap | undefined
}

const readFiles = perScan(() => new Map<string, ReadFile | null>())

/**
 * Values one declaring file may layer, over all its releases: each layer counts its nodes, each time a release
 * merges it. A helmfile of 200 releases each naming a 5,000-image file 100 times took 1 min 44 s and 1.4 GB; past
 * this, the file's remaining releases are not layered, and that is said once.
 */
export const MAX_LAYERED_NODES = 1_000_000
const layeredNodes = perScan(() => new Map<string, number>())
/** The nodes under each root read as a layer (counted by its walk, once). */
const sizeOf = new WeakMap<YamlMap, number>()

export interface ValuesStack {
  /** The file that names the values files: where what is not in one of them is placed, and where skips are told. */
  file: string
  context: DiscoverContext
  out: Output
  /** Each layer's file, in order. */
  files: string[]
  /** The layer of each layer's root (the last, for a file named twice). */
  layerOf: Map<YamlMap, number>
  /**
   * The values the release is deployed with: the user's layers (values files, inline values), merged as Helm merges
   * them (a `null` kept as a value a later layer may replace), coalesced over the chart's values.yaml, where a `null`
   * removes the chart's key (Helm's chartutil.CoalesceValues). Computed when read.
   */
  readonly merged: YamlMap | undefined
  /** The chart's values.yaml (addChartValues), and the user's layers merged. */
  chart?: YamlMap
  user?: YamlMap
  /** The mappings the merge made (changed in place by later layers): each copied once. */
  own: WeakSet<YamlMap>
  count: number
  /** The last layer's root. */
  last?: YamlMap
  /** The declaring file's values passed MAX_LAYERED_NODES: this release is not layered. */
  over?: boolean
}

export function valuesStack(file: string, context: DiscoverContext, out: Output): ValuesStack {
  const stack: ValuesStack = {
    file,
    context,
    out,
    files: [],
    layerOf: new Map(),
    own: new WeakSet(),
    count: 0,
    get merged() {
      if (stack.over) return undefined
      if (stack.chart === undefined) return stack.user
      // The user's values over the chart's, as Helm coalesces them (chartutil.CoalesceValues): a user's `null`
      // removes the chart's key, the chart's keys the user does not set stay.
      return stack.user === undefined ? stack.chart : mergeValues(stack.chart, stack.user)
    },
  }
  return stack
}

/** The `values.yaml` of a chart folder of the tree (`dir`, from the scan root), when it has one: the first layer. */
export function addChartValues(stack: ValuesStack, dir: string): void {
  const file = posix.join(dir, 'values.yaml')
  if (file.startsWith('../')) return
  const read = readValuesFile(stack, file)
  if (read?.root) addLayer(stack, read.root, file, true)
}

/** Values written in the declaring file (a helmfile release's inline mapping): a layer of that file. */
export function addInlineValues(stack: ValuesStack, values: YamlMap): void {
  addLayer(stack, values, stack.file)
}

/**
 * A values file as the declaring file names it (`path`, from `dir`, the folder the tool resolves it from), at `at`;
 * `label` says who names it (`release web`). One that cannot be read here is said: a remote or templated path, one
 * outside the tree, missing or unreadable.
 */
export function addValuesFile(stack: ValuesStack, path: string, dir: string, at: Position, label: string): void {
  const skip = (reason: 'missing-resource' | 'remote-resource' | 'unsupported', why: string): void => {
    stack.out.skipped.push({
      file: stack.file,
      line: at.line,
      reason,
      message: `${label}: values file "${elide(path, 200)}" ${why}: the images it sets are not read`,
    })
  }
  stack.count++
  if (stack.count > MAX_VALUES_FILES) {
    if (stack.count === MAX_VALUES_FILES + 1)
      skip('unsupported', `and those after it are past the ${MAX_VALUES_FILES} read of one release`)
    return
  }
  const file = posix.normalize(posix.join(dir, path))
  const refused = unread(path, file)
  const read = refused === undefined ? readValuesFile(stack, file) : null
  const why = refused ?? (read === null ? MISSING : undefined)
  if (why !== undefined) skip(why[0], why[1])
  else if (read?.root) addLayer(stack, read.root, file)
}

type Refusal = readonly ['missing-resource' | 'remote-resource' | 'unsupported', string]
const MISSING: Refusal = ['missing-resource', 'is not a readable file of the scanned tree']

/** Why a values file named `path` (`file` from the scan root) is not read here; undefined when it may be. */
function unread(path: string, file: string): Refusal | undefined {
  if (isRemoteSource(path) || /^[a-z][a-z0-9+.-]*::/i.test(path))
    return ['remote-resource', 'is fetched by the tool when it runs, not by this scan']
  if (path.includes('{{') || path.endsWith('.gotmpl'))
    return ['unsupported', 'is a Go template (filled in or rendered when the tool runs)']
  if (posix.isAbsolute(path)) return ['unsupported', 'is an absolute path, outside the scanned tree']
  if (file.startsWith('../')) return ['missing-resource', 'is outside the scanned tree']
  return undefined
}

/** A file's values, parsed once per scan; its problems told once, unless the helm-values format reads it itself. */
function readValuesFile(stack: ValuesStack, file: string): ReadFile | null {
  const files = readFiles(stack.context)
  const known = files.get(file)
  if (known !== undefined) return known
  const text = stack.context.readText(file)
  let read: ReadFile | null = null
  if (text !== null) {
    // Helm reads values with sigs.k8s.io/yaml: one document, an unknown tag (`!vault path`) is its text.
    const yaml = readYaml(text, file, {keepUnknownTags: 'quietly'})
    const root = yaml.documents[0]?.root ?? null
    const told = !isHelmValuesFile(file)
    if (told) for (const error of yaml.errors) stack.out.errors.push(error)
    if (root !== null && !isMap(root) && !(isScalar(root) && root.kind === 'null') && told)
      stack.out.errors.push(shapeError(file, root, 'a values file', 'mapping'))
    read = {root: isMap(root) ? root : undefined}
  }
  files.set(file, read)
  return read
}

/**
 * The root each node of a layer was read under: where an image it sets is told. Each root is walked once, however
 * many releases name its file (a chart's values.yaml under a hundred releases is not walked a hundred times).
 */
const rootOf = new WeakMap<YamlNode, YamlMap>()
const walked = new WeakSet<YamlMap>()

function addLayer(stack: ValuesStack, root: YamlMap, file: string, chart = false): void {
  if (stack.over) return
  // The same values again right after themselves change nothing (a file named twice in a row, an alias repeated).
  if (stack.last === root) {
    stack.layerOf.set(root, stack.files.length)
    stack.files.push(file)
    return
  }
  if (!walked.has(root)) {
    walked.add(root)
    // An explicit stack: values may be deep. A node an alias shares with another root keeps the first.
    let size = 0
    const pending: Array<[YamlNode, number]> = [[root, 0]]
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const [node, depth] = next
      size++
      if (!rootOf.has(node)) rootOf.set(node, root)
      if (depth >= MAX_DEPTH) continue
      if (isMap(node)) for (const value of node.entries.values()) pending.push([value, depth + 1])
      else if (isSeq(node)) for (const item of node.items) pending.push([item, depth + 1])
    }
    sizeOf.set(root, size)
  }
  const counts = layeredNodes(stack.context)
  const layered = (counts.get(stack.file) ?? 0) + (sizeOf.get(root) ?? 0)
  counts.set(stack.file, layered)
  if (layered > MAX_LAYERED_NODES) {
    stack.over = true
    if (layered - (sizeOf.get(root) ?? 0) <= MAX_LAYERED_NODES)
      stack.out.skipped.push({
        file: stack.file,
        reason: 'unsupported',
        message: `the values its releases layer pass ${MAX_LAYERED_NODES.toLocaleString('en-US')} nodes: the values files of this release and those after it are not read for images`,
      })
    return
  }
  stack.layerOf.set(root, stack.files.length)
  stack.files.push(file)
  stack.last = root
  if (chart) stack.chart = root
  else stack.user = stack.user === undefined ? root : mergeOwned(stack.user, root, stack.own, 0)
}

/**
 * `over` merged into `base` as Helm merges the user's values files (maps key by key, anything else replaced, a `null`
 * kept as a value: it removes a key only from the chart's defaults, coalesce), changing in place the mappings made
 * here and copying a file's mapping once, the first time it is changed: linear in the values merged, however many
 * files.
 */
function mergeOwned(base: YamlMap, over: YamlMap, own: WeakSet<YamlMap>, depth: number): YamlMap {
  const target = own.has(base) ? base : {...base, entries: new Map(base.entries)}
  own.add(target)
  for (const [key, value] of over.entries) {
    const before = target.entries.get(key)
    if (isMap(before) && isMap(value) && depth < MAX_DEPTH)
      target.entries.set(key, mergeOwned(before, value, own, depth + 1))
    else target.entries.set(key, value)
  }
  return target
}

/**
 * Where an image the merged values compose is told: at the node of the latest layer among `nodes` (the first of them
 * on a tie: where one file alone places it), in that layer's file; a node of no layer (a `--set` value) is the
 * declaring file's, and latest. Null when one layer gives them all and its file is read on its own by helm-values,
 * which reports that image.
 */
export function placeIn(stack: ValuesStack): (nodes: ReadonlyArray<YamlNode | undefined>) => Location | null {
  return (nodes) => {
    let best: YamlNode | undefined
    let bestLayer = -1
    let layers = 0
    let first: number | undefined
    for (const node of nodes) {
      if (node === undefined) continue
      const root = rootOf.get(node)
      const layer = (root && stack.layerOf.get(root)) ?? Number.POSITIVE_INFINITY
      if (first === undefined) first = layer
      if (layer !== first) layers++
      if (layer > bestLayer) {
        best = node
        bestLayer = layer
      }
    }
    if (best === undefined) return null
    if (bestLayer === Number.POSITIVE_INFINITY) return locationOf(stack.file, best)
    const file = stack.files[bestLayer]
    if (layers === 0 && file !== stack.file && isHelmValuesFile(file)) return null
    return locationOf(file, best)
  }
}
