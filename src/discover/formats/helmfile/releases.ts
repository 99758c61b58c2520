/**
 * The releases of a helmfile: the chart each installs, and the charts of its ad-hoc `dependencies:`, as `chart`
 * components. A release's `chart:` and `version:` may come from the release templates it inherits (`inherit:`,
 * `defaultInherit:`), merged as helmfile merges them (pkg/state/state_exec_tmpl.go releaseWithInheritedTemplate:
 * mergo with WithSliceDeepCopy, which overrides): each template in order over the one before, the release's own
 * non-empty values last. YAML merge keys (`<<: *template`) are applied by the YAML reader. The images of a release's
 * values (inline, and the values files it names, over a local chart's values.yaml) are listed as a values file's are.
 */
import {posix} from 'node:path'
import {elide} from '../../../core/elide.js'
import type {Component, Location} from '../../../core/model.js'
import {chartComponent, errorAt, locationOf, type Output, shapeError} from '../../output.js'
import {chartVersionFields} from '../../chart-version.js'
import {valuesImages} from '../../helm-value-images.js'
import {addChartValues, addInlineValues, addValuesFile, placeIn, valuesStack} from '../../values-layers.js'
import type {DiscoverContext} from '../../types.js'
import {
  isAbsent,
  at,
  describe,
  isMap,
  isScalar,
  isSeq,
  type YamlMap,
  type YamlNode,
  type YamlScalar,
} from '../../yaml-tree.js'
import {type ChartRef, chartRef, listChartRef, localChartName, ociRef} from '../../chart-ref.js'

/** A repository of `repositories:`; `url` as listed (no userinfo), undefined when it has none or is a template. */
export interface Repository {
  url?: string
  oci: boolean
  /** Its name or URL holds a Go template expression. */
  template: boolean
}

/** What one helmfile says that its releases use: read from all its parts first (helmfile merges them). */
export interface Helmfile {
  file: string
  /** The helmfiles whose `helmfiles:` led to this one (none for one the walk found). */
  chain: readonly string[]
  /** The helmfile's folder, relative to the scan root (`.` at the root). */
  dir: string
  out: Output
  context: DiscoverContext
  repositories: Map<string, Repository>
  templates: Map<string, YamlNode>
  defaultInherit: string[]
  /** Release templates resolved (memo), and the local chart folders looked for. */
  resolved: Map<string, Fields>
  folders: Map<string, boolean>
}

/** The chart and version a release (or template) ends up with, and the templates it names that are not here. */
export interface Fields {
  chart?: YamlScalar
  version?: YamlScalar
  missing: string[]
}

/** Templates inheriting templates, at most this deep (helmfile has no limit; a chain this long is no real file). */
const MAX_TEMPLATE_DEPTH = 32
const NOTHING: Fields = {missing: []}

export function readReleases(h: Helmfile, node: YamlNode | undefined): void {
  if (isAbsent(node)) return
  if (!isSeq(node)) {
    h.out.errors.push(shapeError(h.file, node, 'releases', 'list'))
    return
  }
  node.items.forEach((release, i) => {
    if (!isMap(release)) {
      h.out.errors.push(errorAt(h.file, release, 'invalid-entry', `releases[${i}] must be a mapping`))
      return
    }
    readRelease(h, release, i)
  })
}

function readRelease(h: Helmfile, release: YamlMap, index: number): void {
  const name = scalarText(at(release, 'name'))
  const label = `release ${name ? elide(name, 200) : `releases[${index}]`}`
  const inherit = inheritNames(h, release, label)
  const names = [...h.defaultInherit.filter((n) => !inherit.includes(n)), ...inherit]
  const fields = overlay(
    names.map((n) => templateFields(h, n, 0, new Set())),
    ownFields(h, release, label),
  )
  if (fields.missing.length > 0) {
    const which = fields.missing.map((n) => elide(n, 200)).join(', ')
    const listed = fields.chart ? 'its chart is listed as the rest of the file gives it' : 'its chart is not listed'
    h.out.skipped.push({
      file: h.file,
      line: release.line,
      reason: 'missing-resource',
      message: `${label} inherits the release template ${which}, which is not in this file (a base or a parent helmfile may hold it): ${listed}`,
    })
  }
  if (fields.chart) chart(h, label, fields.chart, fields.version)
  else if (fields.missing.length === 0)
    h.out.errors.push(errorAt(h.file, release, 'invalid-entry', `${label} has no chart (helmfile refuses it)`))
  adhocDependencies(h, at(release, 'dependencies'), label)
  releaseValues(h, at(release, 'values'), fields.chart, label)
}

/**
 * The release's own `values:`, in order as helmfile hands them to helm (each over the ones before): mappings written
 * inline, and strings naming values files, from the helmfile's folder (helmfile's basePath), read through the scan
 * (../../values-layers.ts), all over the chart's own `values.yaml` when the chart is a folder of the tree. Read for
 * images as a values file is (`origin: helm-values`), each placed at the node of the latest file that sets it. The
 * appVersion of the chart is not applied here: an image block without tag or digest is reported. `set:` and the
 * values of release templates are not applied.
 */
function releaseValues(h: Helmfile, node: YamlNode | undefined, chart: YamlScalar | undefined, label: string): void {
  if (!isSeq(node) || node.items.length === 0) return
  const stack = valuesStack(h.file, h.context, h.out)
  const local = chart && localChartDir(h, chart.text.trim())
  if (local !== undefined) addChartValues(stack, local)
  for (const item of node.items) {
    if (isMap(item)) addInlineValues(stack, item)
    else if (isScalar(item) && item.kind === 'string' && item.text.trim() !== '')
      addValuesFile(stack, item.text.trim(), h.dir, item, label)
  }
  if (stack.merged === undefined) return
  const written = chart ? `chart ${elide(chart.text.trim(), 200)}` : 'the chart'
  valuesImages(stack.merged, {
    file: h.file,
    out: h.out,
    appVersion: undefined,
    noAppVersion:
      local === undefined
        ? `the appVersion of ${written}, which it would take, is not in the tree`
        : `the appVersion of ${written}, which it would take, is not applied to the values of a release`,
    place: placeIn(stack),
  })
}

/**
 * The folder (from the scan root) of a release's chart when it is one of the tree, as chart() tells a local chart: a
 * local reference, or `repo/chart` naming a chart folder beside the helmfile of a repository that is not OCI.
 */
function localChartDir(h: Helmfile, written: string): string | undefined {
  if (written === '' || written.includes('{{')) return undefined
  const ref = chartRef(written)
  const path =
    ref.kind === 'local'
      ? ref.path
      : ref.kind === 'repo' && !h.repositories.get(ref.repo)?.oci && isChartFolder(h, written)
        ? written
        : undefined
  if (path === undefined || posix.isAbsolute(path)) return undefined
  const dir = posix.normalize(posix.join(h.dir, path))
  return dir.startsWith('../') ? undefined : dir
}

/** `dependencies:` of a release: charts helmfile adds to the release's chart (chartify), each `{chart, version}`. */
function adhocDependencies(h: Helmfile, node: YamlNode | undefined, label: string): void {
  if (isAbsent(node)) return
  if (!isSeq(node)) {
    h.out.errors.push(errorAt(h.file, node, 'invalid-entry', `${label}: dependencies must be a list`))
    return
  }
  node.items.forEach((dependency, i) => {
    const what = `${label} dependencies[${i}]`
    const fields = isMap(dependency) ? ownFields(h, dependency, what) : undefined
    if (fields?.chart) chart(h, what, fields.chart, fields.version)
    else if (fields !== undefined)
      h.out.errors.push(errorAt(h.file, dependency, 'invalid-entry', `${what} has no chart`))
    else h.out.errors.push(errorAt(h.file, dependency, 'invalid-entry', `${what} must be a mapping`))
  })
}

/** `chart:` and `version:` of a release, template or dependency: scalars as written; empty ones are not set. */
function ownFields(h: Helmfile, holder: YamlMap, label: string): Fields {
  const fields: Fields = {missing: []}
  for (const key of ['chart', 'version'] as const) {
    const node = holder.entries.get(key)
    if (node === undefined || (isScalar(node) && (node.kind === 'null' || node.text.trim() === ''))) continue
    if (isScalar(node)) fields[key] = node
    else
      h.out.errors.push(
        errorAt(h.file, node, 'invalid-entry', `${label}: ${key} must be a string, not ${describe(node)}`),
      )
  }
  return fields
}

/** The template names of `inherit: [{template: name}, …]`. */
function inheritNames(h: Helmfile, holder: YamlMap, label: string): string[] {
  const node = holder.entries.get('inherit')
  if (isAbsent(node)) return []
  if (!isSeq(node)) {
    h.out.errors.push(errorAt(h.file, node, 'invalid-entry', `${label}: inherit must be a list`))
    return []
  }
  const names: string[] = []
  node.items.forEach((item, i) => {
    const template = scalarText(at(item, 'template'))
    if (template === undefined) {
      const message = `${label}: inherit[${i}] must be a mapping with a template name`
      h.out.errors.push(errorAt(h.file, item, 'invalid-entry', message))
    } else if (template.trim() !== '') names.push(template.trim())
  })
  return names
}

/** A release template's chart and version, its own over those of the templates it inherits. */
function templateFields(h: Helmfile, name: string, depth: number, active: Set<string>): Fields {
  const known = h.resolved.get(name)
  if (known !== undefined) return known
  const node = h.templates.get(name)
  if (node === undefined) return {missing: [name]}
  const label = `release template ${elide(name, 200)}`
  if (active.has(name) || depth >= MAX_TEMPLATE_DEPTH) {
    const why = active.has(name) ? 'inherits itself' : `inherits templates more than ${MAX_TEMPLATE_DEPTH} deep`
    h.out.errors.push(errorAt(h.file, node, 'invalid-entry', `${label} ${why} (helmfile refuses it)`))
    h.resolved.set(name, NOTHING)
    return NOTHING
  }
  if (!isMap(node)) {
    h.out.errors.push(errorAt(h.file, node, 'invalid-entry', `${label} must be a mapping`))
    h.resolved.set(name, NOTHING)
    return NOTHING
  }
  active.add(name)
  const inherited = inheritNames(h, node, label).map((n) => templateFields(h, n, depth + 1, active))
  active.delete(name)
  const fields = overlay(inherited, ownFields(h, node, label))
  h.resolved.set(name, fields)
  return fields
}

/** Each set field of a later entry over the earlier ones, `own` last; the missing templates of all. */
function overlay(inherited: readonly Fields[], own: Fields): Fields {
  const merged: Fields = {missing: []}
  for (const fields of [...inherited, own]) {
    if (fields.chart) merged.chart = fields.chart
    if (fields.version) merged.version = fields.version
    for (const name of fields.missing) if (!merged.missing.includes(name)) merged.missing.push(name)
  }
  return merged
}

/** One chart: listed, skipped or an error, as what it names allows. */
function chart(h: Helmfile, label: string, chartNode: YamlScalar, versionNode: YamlScalar | undefined): void {
  const written = chartNode.text.trim()
  let version = versionNode?.text.trim()
  if (written.includes('{{')) {
    h.out.skipped.push({
      file: h.file,
      line: chartNode.line,
      reason: 'unsupported',
      message: `${label}: chart "${elide(written, 200)}" holds a Go template expression, which helmfile fills in when it runs; not listed`,
    })
    return
  }
  // A templated version (`{{ .Values.kpsVersion }}`, `{{ env "X" }}`) of a chart written as it is: the chart is known,
  // its version is what helmfile renders; listed without a version, as a range is, and the version reported.
  if (versionNode !== undefined && version?.includes('{{')) {
    h.out.skipped.push({
      file: h.file,
      line: versionNode.line,
      reason: 'unresolved-version',
      message: `${label}: version "${elide(version, 200)}" holds a Go template expression, which helmfile fills in when it runs; chart listed without a version`,
    })
    version = undefined
  }
  const location = locationOf(h.file, chartNode)
  const ref = chartRef(written)
  if (ref.kind === 'repo') repoChart(h, label, ref, written, version, location)
  else listRef(h, label, ref, written, version, location)
}

/** `repo/chart`: a chart folder of the tree if there is one, else a chart of the repository named `repo`. */
function repoChart(
  h: Helmfile,
  label: string,
  ref: Extract<ChartRef, {kind: 'repo'}>,
  written: string,
  version: string | undefined,
  location: Location,
): void {
  const repository = h.repositories.get(ref.repo)
  if (repository?.template) {
    const message = `${label}: the URL of chart repository ${elide(ref.repo, 200)} holds a Go template expression; chart ${elide(ref.name, 200)} not listed`
    h.out.skipped.push({file: h.file, line: location.line, reason: 'unsupported', message})
    return
  }
  if (repository?.oci && repository.url !== undefined) {
    listRef(h, label, ociRef(`${repository.url}/${ref.name}`), written, version, location)
    return
  }
  // A folder of that path beside the helmfile is what helmfile and helm install (both look for it first).
  if (!repository?.oci && isChartFolder(h, written)) {
    listRef(h, label, {kind: 'local', path: written}, written, version, location)
    return
  }
  if (ref.name.includes('/')) {
    const message = `${label}: chart "${elide(written, 200)}" has a path after its repository, which only an OCI repository (oci: true) takes`
    if (repository !== undefined) h.out.errors.push({...location, code: 'invalid-entry', message})
    else
      h.out.skipped.push({
        file: h.file,
        line: location.line,
        reason: 'missing-resource',
        message: `${message}, and repository ${elide(ref.repo, 200)} is not declared in this file: not listed`,
      })
    return
  }
  if (repository === undefined)
    h.out.skipped.push({
      file: h.file,
      line: location.line,
      reason: 'missing-resource',
      message: `${label}: chart repository ${elide(ref.repo, 200)} is not declared in this file's repositories: (a base, a parent helmfile or \`helm repo add\` may declare it): chart ${elide(ref.name, 200)} listed without its repository`,
    })
  const versioned = chartVersionFields(version, `${label}: chart ${elide(ref.name, 200)}`, location, h.out.skipped)
  const chart = {name: ref.name, ...versioned, ...(repository?.url ? {repository: repository.url} : {})}
  h.out.components.push(direct(chartComponent(chart, location, 'manifest')))
}

function listRef(
  h: Helmfile,
  label: string,
  ref: ChartRef,
  written: string,
  version: string | undefined,
  location: Location,
): void {
  // A package URL needs a name: a reference that leaves none (`chart: ''`) lists nothing.
  const name = ref.kind === 'local' ? localChartName(ref.path, h.dir) : 'name' in ref ? ref.name : undefined
  if (name === '') {
    h.out.errors.push(
      errorAt(h.file, location, 'invalid-entry', `${label}: chart "${elide(written, 200)}" names no chart`),
    )
    return
  }
  if (ref.kind === 'local') {
    const chart = {name: localChartName(ref.path, h.dir), version, repository: `file://${ref.path}`}
    h.out.components.push(direct(chartComponent(chart, location, 'manifest')))
    return
  }
  if (ref.kind === 'repo') {
    repoChart(h, label, ref, written, version, location)
    return
  }
  // A digest written after the version (`1.2.3@sha256:…`), or in the reference (`oci://…/chart@sha256:…`), pins an
  // OCI chart: kept beside the version.
  const [field, digest] = ref.kind === 'oci' ? (version?.split('@') ?? []) : [version]
  listChartRef(ref, field, {
    location,
    out: h.out,
    versionLabel: `${label}: chart ${elide(name ?? '', 200)}`,
    subject: `${label}: chart "${elide(written, 200)}"`,
    git: true,
    ...(digest ? {digest} : {}),
  })
}

function direct(component: Component): Component {
  component.direct = true
  return component
}

/** A chart folder (with its Chart.yaml) at `path` from the helmfile's folder, inside the scanned tree. */
function isChartFolder(h: Helmfile, path: string): boolean {
  const known = h.folders.get(path)
  if (known !== undefined) return known
  const chartFile = posix.join(h.dir, path, 'Chart.yaml')
  const found =
    !chartFile.startsWith('../') &&
    (h.context.exists ? h.context.exists(chartFile) : h.context.readText(chartFile) !== null)
  h.folders.set(path, found)
  return found
}

/** A scalar's text (numbers and booleans as written); undefined for null, missing or collections. */
export function scalarText(node: YamlNode | undefined): string | undefined {
  return isScalar(node) && node.kind !== 'null' ? node.text : undefined
}
