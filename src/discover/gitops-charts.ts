/**
 * Helm charts that GitOps controllers install: how Kubernetes stacks are deployed, and so upstream projects of the
 * stack as much as the images in rendered manifests.
 * - Argo CD `Application` (argoproj.io): `spec.source` and each of `spec.sources` that names a `chart`: that chart at
 *   `targetRevision` from `repoURL` (https://argo-cd.readthedocs.io/en/stable/user-guide/helm/). A `repoURL` without a
 *   scheme is an OCI registry (Argo CD's form for OCI Helm repositories): `oci://` is put before it. A source with no
 *   `chart`, an `oci://` `repoURL` and `path: .` is Argo CD's native OCI source: the chart is the URL's last part
 *   (`ociSource`). An
 *   `ApplicationSet`'s `spec.template` likewise; values its generators fill in (`{{ }}`) are reported, not guessed.
 * - Flux `HelmRelease` (helm.toolkit.fluxcd.io, https://fluxcd.io/flux/components/helm/helmreleases/):
 *   `spec.chart.spec` (`chart`, `version`, `sourceRef`) from a `HelmRepository` (its `spec.url`, `oci://` for OCI
 *   repositories), and `spec.chartRef` to an `OCIRepository` (`spec.url` is the chart's own reference:
 *   `oci://host/path/chart`, at `spec.ref.tag` or `semver`) or to a `HelmChart` (its `spec.chart`, `version` and
 *   `sourceRef`). The source is looked for in the same file, then in the YAML files of the same folder (Flux's own
 *   examples keep a release and its repository side by side); one found nowhere is reported (`missing-resource`) and
 *   the chart listed without its repository. A chart from a `GitRepository` or a `Bucket` is a folder of that
 *   source, not a chart repository's: reported, not listed.
 * Each chart is located at its name (`chart:`), or at the `chartRef`'s `name`. The values an object gives
 * its chart (a HelmRelease's `spec.values`; an Argo CD source's `helm.valuesObject` or `helm.values` string, and
 * `helm.parameters` over them, as Argo CD gives them to Helm: ./argo-helm-values.ts) are read for images as a values file is
 * (./helm-value-images.ts).
 */
import {posix} from 'node:path'
import {trimEnd} from '../core/trim-end.js'
import type {Location, Skipped} from '../core/model.js'
import {appendAll} from '../core/arrays.js'
import {urlWithoutCredentials} from '../core/redact.js'
import {type ChartDependency, chartComponent, type Output} from './output.js'
import {scanRoot} from './scan-root.js'
import type {DiscoverContext} from './types.js'
import {argoHelmValues} from './argo-helm-values.js'
import {chartVersionFields, type WrittenChartVersion} from './chart-version.js'
import {valuesImages} from './helm-value-images.js'
import {readYaml} from './yaml.js'
import {at, isMap, isScalar, isSeq, stringValue, type YamlMap, type YamlNode} from './yaml-tree.js'

/** Kinds read here (a document of one of them needs positions even when it holds no image). */
export const GITOPS_KINDS: ReadonlySet<string> = new Set([
  'Application',
  'ApplicationSet',
  'HelmRelease',
  'HelmRepository',
  'OCIRepository',
  'HelmChart',
  'GitRepository',
  'Bucket',
])

export interface GitopsChart {
  chart: ChartDependency
  at: Location
}

export interface GitopsCharts {
  charts: GitopsChart[]
  skipped: Skipped[]
  /** Where the images of the values the objects give their charts go (./helm-value-images.ts). */
  out: Output
}

/** A chart's version fields: a version, or a range Helm resolves (../chart-version.ts). */
type VersionFields = WrittenChartVersion['fields']

/** A Flux source as a release refers to it: kind, name and namespace (when written). */
interface SourceRef {
  kind: string
  name: string
  namespace?: string
}

interface FluxSource extends SourceRef {
  resource: YamlMap
  /** The file it is written in, for one found elsewhere in the tree. */
  file?: string
}

/** The source a release names, or why it is not taken (the end of "its HelmRepository x …"). */
type FoundSource = {source: FluxSource} | {missing: string}

/** Files of one folder read for Flux sources, at most: a release's source is one of a few files beside it. */
const MAX_FOLDER_FILES = 200
const MAX_FOLDER_BYTES = 4 * 1024 * 1024

const sourcesByFolder = new WeakMap<DiscoverContext, Map<string, FluxSource[]>>()

/**
 * The whole tree, read for Flux sources once per run when a release's is neither in its file nor its folder (GitOps
 * repositories keep them in one place: `flux/repositories/`, `clusters/x/flux-system/`): bounded, as folders and
 * YAML files visited and bytes read.
 */
const MAX_TREE_FOLDERS = 5000
const MAX_TREE_FILES = 20_000
/** Names looked at (each that is not YAML is tried as a folder). */
const MAX_TREE_ENTRIES = 200_000
const MAX_TREE_BYTES = 64 * 1024 * 1024
/** A text that may hold a Flux chart source: read as YAML only then. */
const SOURCE_KIND = /^kind:[ \t]*["']?(?:HelmRepository|OCIRepository|HelmChart)\b/m

const sourcesOfTree = new WeakMap<DiscoverContext, FluxSource[]>()

/** The charts the GitOps objects of a manifest install, as chart components of its output (and what is not read). */
export function addGitopsCharts(
  out: Output,
  resources: readonly YamlMap[],
  file: string,
  text: string,
  context: DiscoverContext,
) {
  if (resources.length === 0) return
  const {charts, skipped} = gitopsCharts(resources, file, text, context, out)
  for (const {chart, at} of charts) out.components.push(chartComponent(chart, at, 'manifest'))
  appendAll(out.skipped, skipped)
}

/** The charts the GitOps objects of one file install (`resources`: the file's Kubernetes objects; `text`: the file's). */
export function gitopsCharts(
  resources: readonly YamlMap[],
  file: string,
  text: string,
  context: DiscoverContext,
  images: Output,
): GitopsCharts {
  const out: GitopsCharts = {charts: [], skipped: [], out: images}
  const own = resources.flatMap((resource) => fluxSource(resource) ?? [])
  for (const resource of resources) {
    const group = (stringValue(at(resource, 'apiVersion')) ?? '').split('/')[0]
    const kind = stringValue(at(resource, 'kind'))
    if (group === 'argoproj.io' && kind === 'Application')
      argoSources(out, file, text, at(resource, 'spec'), 'Application')
    else if (group === 'argoproj.io' && kind === 'ApplicationSet')
      argoSources(
        out,
        file,
        text,
        at(resource, 'spec', 'template', 'spec'),
        'ApplicationSet',
        generatorParameters(at(resource, 'spec', 'generators')),
      )
    else if (group === 'helm.toolkit.fluxcd.io' && kind === 'HelmRelease')
      helmRelease(out, file, resource, (ref) => findSource(ref, own, file, context))
  }
  return out
}

function argoSources(
  out: GitopsCharts,
  file: string,
  text: string,
  spec: YamlNode | undefined,
  kind: string,
  parameters: ReadonlyArray<ReadonlyMap<string, string>> = [],
): void {
  const sources = at(spec, 'sources')
  const list = isSeq(sources) ? sources.items : [at(spec, 'source')]
  for (const source of list) {
    const repoURL = stringValue(at(source, 'repoURL'))
    // Argo CD's native OCI source: the chart is the artifact `repoURL` names (no `chart:`), at `path: .`.
    const oci = ociSource(source, repoURL)
    const chartNode = oci?.node ?? at(source, 'chart')
    const name = oci?.name ?? stringValue(chartNode)
    const version = stringValue(at(source, 'targetRevision'))
    if (chartNode !== undefined && name !== undefined && [name, repoURL ?? '', version ?? ''].some(isGenerated)) {
      // The values its generators write in this file (a list's elements, a cluster generator's `values`): each set
      // that fills in every placeholder gives a chart.
      const rendered = renderedCharts(parameters, name, repoURL, version)
      if (rendered.length > 0) {
        const location = {file, line: chartNode.line, column: chartNode.column}
        for (const one of rendered) {
          const versioned = chartVersionFields(one.version, `${kind} chart ${one.name}`, location, out.skipped)
          addChart(out, {chart: argoChart(one.name, versioned, one.repoURL), at: location})
        }
        continue
      }
      out.skipped.push({
        file,
        line: chartNode.line,
        reason: 'unsupported',
        message: `${kind} chart ${name}: a value is filled in by the ApplicationSet's generators ({{ }}); not read`,
      })
      continue
    }
    // The values of a chart from a repository, or of one in a folder of a git repository (`path:`): either way the
    // images they name are deployed.
    const chart = name ?? stringValue(at(source, 'path'))
    const report = {errors: out.out.errors, skipped: out.skipped}
    // In an ApplicationSet's template, `{{ }}` in values is its generators' (Argo CD fills it in per application).
    const filledInBy = kind === 'ApplicationSet' ? "the ApplicationSet's generators" : undefined
    if (chart !== undefined)
      chartValues(out, file, argoHelmValues(at(source, 'helm'), text, file, report, filledInBy), chart, filledInBy)
    if (chartNode === undefined || name === undefined) continue
    const location = {file, line: chartNode.line, column: chartNode.column}
    const versioned = chartVersionFields(version, `${kind} chart ${name}`, location, out.skipped)
    addChart(out, {
      chart: oci ? {name, ...versioned, repository: oci.repository} : argoChart(name, versioned, repoURL),
      at: location,
    })
  }
}

/**
 * Argo CD's native OCI source (Argo CD 3.1+, https://argo-cd.readthedocs.io/en/release-3.4/user-guide/oci/): no
 * `chart:`, `repoURL: oci://registry-1.docker.io/bitnamicharts/nginx` and `targetRevision: 15.9.0` name the artifact,
 * and "In the case of OCI Helm charts … the path should always be set to `.`". Such a source with `path: .` is taken
 * for the chart `nginx` from `oci://registry-1.docker.io/bitnamicharts` (the last part of the URL is the name, as a
 * Flux OCIRepository's `url` is read), located at `repoURL`'s value. An OCI artifact that is not a chart (a folder of
 * manifests, the same docs' first example) is written the same way: which one it is, only the registry says (its
 * media type), and is not asked here. A subpath other than `.` is a folder of the artifact: not a chart.
 */
function ociSource(
  source: YamlNode | undefined,
  repoURL: string | undefined,
): {node: YamlNode; name: string; repository: string} | undefined {
  if (at(source, 'chart') !== undefined || repoURL === undefined || !/^oci:\/\//i.test(repoURL)) return undefined
  const path = stringValue(at(source, 'path'))?.trim()
  if (path !== '.' && path !== './') return undefined
  const node = at(source, 'repoURL') as YamlNode
  const url = trimEnd(urlWithoutCredentials(repoURL.trim()), '/')
  const slash = url.lastIndexOf('/')
  // `oci://host` alone names no artifact: its name is empty, which addChart reports.
  if (slash < 'oci://'.length) return {node, name: '', repository: url}
  return {node, name: url.slice(slash + 1), repository: url.slice(0, slash)}
}

/**
 * The chart an Argo CD source names. A `repoURL` without a scheme is an OCI registry (`oci://` is put before it), and
 * its credentials are removed (Argo CD keeps them in its repository secrets; one written here is not listed). An OCI
 * chart written with a path (`chart: team/app`) is pulled from `<repoURL>/team/app`: its name is the last part, the
 * rest goes to the repository, as helmfile's reader lists the same reference.
 */
function argoChart(name: string, versioned: VersionFields, repoURL: string | undefined): ChartDependency {
  if (repoURL === undefined) return {name, ...versioned}
  const written = /^[a-z][a-z0-9+.-]*:\/\//i.test(repoURL) ? repoURL : `oci://${repoURL}`
  const repository = urlWithoutCredentials(written)
  const slash = name.lastIndexOf('/')
  if (!repository.startsWith('oci://') || slash === -1) return {name, ...versioned, repository}
  return {
    name: name.slice(slash + 1),
    ...versioned,
    repository: `${trimEnd(repository, '/')}/${name.slice(0, slash)}`,
  }
}

/** Parameter sets at most, for an ApplicationSet's generators (a matrix multiplies them). */
const MAX_PARAMETER_SETS = 256

/**
 * The parameters an ApplicationSet's generators give that are written in the file
 * (https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators/): a List generator's
 * `elements` (each a set, nested keys dotted: `values.x`), a Cluster generator's `values` (`values.x`; the cluster's
 * own `name`, `server`, labels are not known here), a Merge generator's first generator with each other one laid over
 * it (the clusters both select), a Matrix generator's combinations. Other generators (Git, SCM provider, pull
 * requests) give nothing known.
 */
function generatorParameters(generators: YamlNode | undefined, depth = 0): Array<Map<string, string>> {
  if (!isSeq(generators) || depth > 4) return []
  return generators.items.flatMap((generator) => oneGenerator(generator, depth)).slice(0, MAX_PARAMETER_SETS)
}

function oneGenerator(generator: YamlNode, depth: number): Array<Map<string, string>> {
  const list = at(generator, 'list', 'elements')
  if (isSeq(list)) return list.items.map((element) => flatParameters(element, '', new Map()))
  const clusters = at(generator, 'clusters')
  if (clusters !== undefined) {
    const values = at(clusters, 'values')
    return [isMap(values) ? flatParameters(values, 'values.', new Map()) : new Map()]
  }
  if (depth > 4) return []
  const merge = at(generator, 'merge', 'generators')
  if (isSeq(merge)) {
    const [base = [], ...others] = merge.items.map((child) => oneGenerator(child, depth + 1))
    const sets = [...base]
    for (const other of others) for (const set of base) for (const over of other) sets.push(new Map([...set, ...over]))
    return sets.slice(0, MAX_PARAMETER_SETS)
  }
  const matrix = at(generator, 'matrix', 'generators')
  if (isSeq(matrix) && matrix.items.length > 0) {
    let sets: Array<Map<string, string>> = [new Map()]
    for (const child of matrix.items) {
      const next = oneGenerator(child, depth + 1)
      sets = sets.flatMap((set) => next.map((over) => new Map([...set, ...over]))).slice(0, MAX_PARAMETER_SETS)
    }
    return sets
  }
  return []
}

/** A mapping's scalars as parameters, nested keys dotted (`values.addonChart`). */
function flatParameters(node: YamlNode, prefix: string, into: Map<string, string>): Map<string, string> {
  if (!isMap(node) || prefix.length > 200) return into
  for (const [key, value] of node.entries) {
    if (isMap(value)) flatParameters(value, `${prefix}${key}.`, into)
    // A number or a boolean is its text in a template (`version: 2.5` is `2.5`), as Argo CD renders it.
    else if (isScalar(value) && value.kind !== 'null' && value.text !== '') into.set(`${prefix}${key}`, value.text)
  }
  return into
}

/**
 * The charts a templated source names under each parameter set that fills in all of its placeholders (`{{x}}` and
 * Go templates' `{{.x}}`; anything else in the braces, a function or a pipe, is not read), one per distinct chart.
 */
function renderedCharts(
  parameters: ReadonlyArray<ReadonlyMap<string, string>>,
  name: string,
  repoURL: string | undefined,
  version: string | undefined,
): Array<{name: string; repoURL?: string; version?: string}> {
  const charts = new Map<string, {name: string; repoURL?: string; version?: string}>()
  for (const set of parameters) {
    const render = (value: string | undefined) =>
      value === undefined
        ? undefined
        : value.replace(/\{\{\s*\.?([\w.-]+)\s*\}\}/g, (whole, key: string) => set.get(key) ?? whole)
    const chart = {name: render(name) ?? name, repoURL: render(repoURL), version: render(version)}
    if ([chart.name, chart.repoURL ?? '', chart.version ?? ''].some(isGenerated)) continue
    charts.set(JSON.stringify(chart), {
      name: chart.name,
      ...(chart.repoURL === undefined ? {} : {repoURL: chart.repoURL}),
      ...(chart.version === undefined ? {} : {version: chart.version}),
    })
  }
  return [...charts.values()]
}

/** A value an ApplicationSet's generators fill in. */
function isGenerated(value: string): boolean {
  return value.includes('{{')
}

function helmRelease(out: GitopsCharts, file: string, release: YamlMap, find: (ref: SourceRef) => FoundSource): void {
  const namespace = stringValue(at(release, 'metadata', 'namespace'))
  const releaseName = stringValue(at(release, 'metadata', 'name')) ?? '?'
  const what = `HelmRelease ${namespace ? `${namespace}/` : ''}${releaseName}`
  const spec = at(release, 'spec', 'chart', 'spec')
  const chartRef = at(release, 'spec', 'chartRef')
  const chartName = stringValue(at(spec, 'chart')) ?? stringValue(at(chartRef, 'name')) ?? releaseName
  chartValues(out, file, at(release, 'spec', 'values'), chartName)
  if (isMap(spec)) {
    const chartNode = at(spec, 'chart')
    const name = stringValue(chartNode)
    if (chartNode === undefined || name === undefined) return
    fromSourceRef(
      out,
      file,
      what,
      name,
      stringValue(at(spec, 'version')),
      chartNode,
      refOf(at(spec, 'sourceRef'), namespace),
      find,
    )
    return
  }
  if (!isMap(chartRef)) return
  const ref = refOf(chartRef, namespace)
  if (ref === undefined) return
  // Located at the name of the source that names the chart (`chartRef.name`).
  const named = at(chartRef, 'name') ?? chartRef
  const found = find(ref)
  if ('missing' in found) {
    missing(out, file, named, what, ref, undefined, found.missing)
    return
  }
  const {source} = found
  if (ref.kind === 'OCIRepository') {
    const url = stringValue(at(source.resource, 'spec', 'url'))
    if (url === undefined) return
    const slash = url.lastIndexOf('/')
    // Flux takes `digest` over `semver`, and `semver` over `tag` (OCIRepositoryRef): a digest pins the chart alone.
    const ref = at(source.resource, 'spec', 'ref')
    const digest = stringValue(at(ref, 'digest'))
    const location = {file, line: named.line, column: named.column}
    const semver = stringValue(at(ref, 'semver'))
    const tag = stringValue(at(ref, 'tag'))
    // `semver` is a range Flux resolves among the tags; `tag` is one tag, whatever it looks like.
    const versioned = digest
      ? {}
      : semver !== undefined
        ? chartVersionFields(semver, `${what}: chart ${url.slice(slash + 1)}`, location, out.skipped)
        : tag
          ? {version: tag}
          : {}
    addChart(out, {
      chart: {name: url.slice(slash + 1), ...versioned, ...(digest ? {digest} : {}), repository: url.slice(0, slash)},
      at: location,
    })
    return
  }
  if (ref.kind === 'HelmChart') {
    const chartSpec = at(source.resource, 'spec')
    const name = stringValue(at(chartSpec, 'chart'))
    if (name === undefined) return
    const sourceNamespace = source.namespace ?? namespace
    fromSourceRef(
      out,
      file,
      what,
      name,
      stringValue(at(chartSpec, 'version')),
      named,
      refOf(at(chartSpec, 'sourceRef'), sourceNamespace),
      find,
    )
  }
}

/** A chart `name` of the source `ref` names (a HelmRepository; a GitRepository or Bucket is reported). */
function fromSourceRef(
  out: GitopsCharts,
  file: string,
  what: string,
  name: string,
  version: string | undefined,
  node: YamlNode,
  ref: SourceRef | undefined,
  find: (ref: SourceRef) => FoundSource,
): void {
  const location = {file, line: node.line, column: node.column}
  // Flux's default version is `*`, the newest: no version is named.
  const versioned =
    version?.trim() === '*' ? {} : chartVersionFields(version, `${what}: chart ${name}`, location, out.skipped)
  if (ref === undefined) {
    addChart(out, {chart: {name, ...versioned}, at: location})
    return
  }
  if (ref.kind === 'GitRepository' || ref.kind === 'Bucket') {
    out.skipped.push({
      file,
      line: node.line,
      reason: 'unsupported',
      message: `${what}: chart ${name} is a folder of the ${ref.kind} ${ref.name}, not a chart repository's chart; not listed`,
    })
    return
  }
  const found = find(ref)
  const url = 'missing' in found ? undefined : stringValue(at(found.source.resource, 'spec', 'url'))
  if ('missing' in found) missing(out, file, node, what, ref, name, found.missing)
  else if (url === undefined)
    missing(out, file, node, what, ref, name, `${found.source.file ? `(${found.source.file}) ` : ''}has no spec.url`)
  // An OCI HelmRepository's chart written with a path (`chart: team/app` from `oci://ghcr.io/org`) is pulled from
  // `oci://ghcr.io/org/team/app`: its name is the last part, the rest goes to the repository, as for Argo CD.
  const slash = name.lastIndexOf('/')
  if (url !== undefined && /^oci:\/\//i.test(url) && slash > 0) {
    const repository = `${trimEnd(urlWithoutCredentials(url), '/')}/${name.slice(0, slash)}`
    addChart(out, {chart: {name: name.slice(slash + 1), ...versioned, repository}, at: location})
    return
  }
  addChart(out, {chart: {name, ...versioned, ...(url ? {repository: url} : {})}, at: location})
}

function missing(
  out: GitopsCharts,
  file: string,
  node: YamlNode,
  what: string,
  ref: SourceRef,
  chart: string | undefined,
  why: string,
) {
  const where = `${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`
  out.skipped.push({
    file,
    line: node.line,
    reason: 'missing-resource',
    message: `${what}: its ${ref.kind} ${where} ${why}${chart ? `: chart ${chart} listed without its repository` : ': its chart is not listed'}`,
  })
}

/** A chart to list; one whose name is empty (`chart: ''`, an OCI URL ending in `/`) is an error: a package URL needs a name. */
function addChart(out: GitopsCharts, chart: GitopsChart): void {
  if (chart.chart.name.trim() === '')
    out.out.errors.push({
      ...chart.at,
      code: 'invalid-entry',
      message: 'a GitOps object installs a chart it does not name',
    })
  else out.charts.push(chart)
}

/**
 * The images of the values an object gives its chart (a HelmRelease's `spec.values`, an Argo CD source's
 * `helm.valuesObject`), read as a values file is. The chart's own files are not in the tree, so a block without tag
 * or digest (the chart's appVersion) is reported.
 */
function chartValues(
  out: GitopsCharts,
  file: string,
  values: YamlNode | undefined,
  chart: string,
  filledInBy?: string,
): void {
  if (!isMap(values)) return
  valuesImages(values, {
    file,
    out: out.out,
    appVersion: undefined,
    noAppVersion: `the appVersion of chart ${chart}, which it would take, is not in the tree`,
    ...(filledInBy ? {filledInBy} : {}),
  })
}

function refOf(node: YamlNode | undefined, defaultNamespace: string | undefined): SourceRef | undefined {
  const kind = stringValue(at(node, 'kind'))
  const name = stringValue(at(node, 'name'))
  if (kind === undefined || name === undefined) return undefined
  const namespace = stringValue(at(node, 'namespace')) ?? defaultNamespace
  return {kind, name, ...(namespace ? {namespace} : {})}
}

/** A Flux source object (`source.toolkit.fluxcd.io`), by kind, name and namespace. */
function fluxSource(resource: YamlMap): FluxSource | undefined {
  const group = (stringValue(at(resource, 'apiVersion')) ?? '').split('/')[0]
  const kind = stringValue(at(resource, 'kind'))
  const name = stringValue(at(resource, 'metadata', 'name'))
  if (group !== 'source.toolkit.fluxcd.io' || kind === undefined || name === undefined) return undefined
  const namespace = stringValue(at(resource, 'metadata', 'namespace'))
  return {kind, name, ...(namespace ? {namespace} : {}), resource}
}

/** Namespaces agree when both are written (kustomize often sets them later, for every object of a folder). */
function matches(source: FluxSource, ref: SourceRef): boolean {
  return (
    source.kind === ref.kind &&
    source.name === ref.name &&
    (source.namespace === undefined || ref.namespace === undefined || source.namespace === ref.namespace)
  )
}

function findSource(ref: SourceRef, own: readonly FluxSource[], file: string, context: DiscoverContext): FoundSource {
  const near =
    own.find((source) => matches(source, ref)) ??
    folderSources(posix.dirname(file), file, context).find((source) => matches(source, ref))
  if (near !== undefined) return {source: near}
  // Elsewhere in the tree: the sources of that kind, name and namespace nearest the release (two clusters' folders may
  // each define their own `flux-system/podinfo`: `clusters/a/...` takes the one under `clusters/a/`), taken when they
  // name one URL.
  const found = treeSources(file, context).filter((source) => matches(source, ref))
  let nearest: FluxSource[] = []
  let depth = -1
  for (const source of found) {
    const shared = sharedFolders(file, source.file ?? '')
    if (shared > depth) [nearest, depth] = [[source], shared]
    else if (shared === depth) nearest.push(source)
  }
  const urls = new Set(nearest.map((source) => stringValue(at(source.resource, 'spec', 'url'))))
  if (nearest.length === 0) return {missing: 'is not in the scanned tree'}
  if (urls.size === 1) return {source: nearest[0]}
  const files = [...new Set(nearest.map((source) => source.file ?? file))]
  const shown = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ')
  return {
    missing: `is defined ${nearest.length} times in the scanned tree with different URLs, none nearer the release than the others (${shown}): which one applies depends on the cluster`,
  }
}

/** How many folders two paths share from their start. */
function sharedFolders(a: string, b: string): number {
  const left = a.split('/').slice(0, -1)
  const right = b.split('/').slice(0, -1)
  let shared = 0
  while (shared < left.length && shared < right.length && left[shared] === right[shared]) shared++
  return shared
}

/** The Flux chart sources of every YAML file of the tree `file` is in, read once per run (bounded). */
function treeSources(file: string, context: DiscoverContext): FluxSource[] {
  const cached = sourcesOfTree.get(context)
  if (cached !== undefined) return cached
  const found: FluxSource[] = []
  sourcesOfTree.set(context, found)
  const listDir = context.listDir
  const root = scanRoot(file, context)
  if (listDir === undefined || root === undefined) return found
  const folders = [root]
  let visited = 0
  let files = 0
  let bytes = 0
  let entries = 0
  while (folders.length > 0 && visited < MAX_TREE_FOLDERS) {
    const dir = folders.shift()!
    const names = listDir(dir)
    if (names === null) continue
    visited++
    for (const name of names) {
      if (name === '.git' || name === 'node_modules') continue
      if (++entries > MAX_TREE_ENTRIES) return found
      const path = dir === '.' ? name : posix.join(dir, name)
      // Anything else may be a folder: listed in turn (a file lists as nothing).
      if (!/\.ya?ml$/i.test(name)) {
        folders.push(path)
        continue
      }
      if (++files > MAX_TREE_FILES || bytes > MAX_TREE_BYTES) return found
      const text = context.readText(path, {keep: false})
      if (text === null) continue
      bytes += text.length
      if (SOURCE_KIND.test(text)) appendAll(found, textSources(path, text))
    }
  }
  return found
}

/** The Flux sources of the other YAML files of a folder, read once per run and folder. */
function folderSources(dir: string, self: string, context: DiscoverContext): FluxSource[] {
  let cache = sourcesByFolder.get(context)
  if (cache === undefined) {
    cache = new Map()
    sourcesByFolder.set(context, cache)
  }
  const cached = cache.get(dir)
  if (cached !== undefined) return cached
  const found: FluxSource[] = []
  cache.set(dir, found)
  const names = context.listDir?.(dir) ?? []
  let bytes = 0
  for (const name of names.filter((n) => /\.ya?ml$/i.test(n)).slice(0, MAX_FOLDER_FILES)) {
    const path = dir === '.' ? name : posix.join(dir, name)
    if (path === self) continue
    const text = context.readText(path)
    if (text === null || !SOURCE_KIND.test(text)) continue
    bytes += text.length
    if (bytes > MAX_FOLDER_BYTES) break
    appendAll(found, textSources(path, text))
  }
  return found
}

/** The Flux sources a YAML file defines (one that may hold any: SOURCE_KIND), each with its file. */
function textSources(path: string, text: string): FluxSource[] {
  const found: FluxSource[] = []
  for (const doc of readYaml(text, path).documents)
    for (const resource of isMap(doc.root) ? [doc.root] : []) {
      const source = fluxSource(resource)
      if (source) found.push({...source, file: path})
    }
  return found
}
