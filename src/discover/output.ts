/** Helpers the formats share to fill their output: one image reference becomes a component, a skip or an error. */
import {elide} from '../core/elide.js'
import {boundedValue, purlString} from '../core/purl-string.js'
import type {ErrorCode} from '../core/errors.js'
import type {Component, Location, Origin, ScanError} from '../core/model.js'
import {trimEnd} from '../core/trim-end.js'
import {imageComponent, parseImageRef} from '../core/image-ref.js'
import type {DiscoverOutput} from './types.js'
import {describe, type Position, type YamlNode} from './yaml-tree.js'

export type Output = Required<DiscoverOutput>

export function emptyOutput(): Output {
  return {components: [], skipped: [], errors: []}
}

export const HELM_TEMPLATE_HINT = 'Helm templates are not rendered: run `helm template` and scan its output'

/**
 * Adds one image reference as written at `at` (the first location is where problems are reported).
 * `pulled` is the reference that is actually pulled when it differs from the written one (a Helm global registry).
 */
export function addImageRef(out: Output, ref: string, at: Location | Location[], origin: Origin, pulled = ref): void {
  const locations = Array.isArray(at) ? at : [at]
  const location = locations[0]
  if (ref.includes('{{')) {
    out.skipped.push({
      file: location.file,
      line: location.line,
      reason: 'helm-template',
      message: `image "${ref}" is a template. ${HELM_TEMPLATE_HINT}`,
    })
    return
  }
  if (holdsPlaceholder(ref)) {
    out.skipped.push({
      file: location.file,
      line: location.line,
      reason: 'unsupported',
      message: `image "${ref}" holds a placeholder (\`$VAR\`, \`$(…)\`) that a shell, envsubst or a Tekton parameter fills in: not guessed; substitute it and scan the result`,
    })
    return
  }
  if (/^ko:\/\//i.test(pulled)) {
    // ko's convention (https://ko.build/features/k8s): `ko resolve` builds the Go program at that import path and puts
    // the image it pushed in its place. Not an image yet: its base image is ko's configuration's.
    out.skipped.push({
      file: location.file,
      line: location.line,
      reason: 'unsupported',
      message: `image "${elide(ref, 200)}" is built by ko from the Go package ${elide(pulled.slice(5), 200)} when the manifest is applied (ko resolve / ko apply): scan the manifests ko resolve writes for the images it pushes`,
    })
    return
  }
  const parsed = parseImageRef(pulled)
  if (parsed.ok) out.components.push({...imageComponent(parsed.image, ref, location, origin), locations})
  else
    out.errors.push({
      ...location,
      code: 'invalid-image-ref',
      message: `invalid image reference "${pulled}": ${parsed.message}`,
    })
}

export function locationOf(file: string, position: Position): Location {
  return {file, line: position.line, column: position.column}
}

export function errorAt(file: string, position: Position | undefined, code: ErrorCode, message: string): ScanError {
  return {file, ...(position ? {line: position.line, column: position.column} : {}), code, message}
}

/** A field of the wrong shape, at its node: `${path} must be a list, not a string` (`invalid-entry`). */
export function shapeError(file: string, node: YamlNode, path: string, shape: 'list' | 'mapping'): ScanError {
  return errorAt(file, node, 'invalid-entry', `${path} must be a ${shape}, not ${describe(node)}`)
}

export interface ChartDependency {
  name: string
  version?: string
  /** An OCI chart pinned by its manifest's digest (`sha256:…`): with a version, the digest pins that version. */
  digest?: string
  repository?: string
  /**
   * A version constraint that is not one version (`0.12.*`, `^1.2`, `>=1.0 <2.0`): the component has no version, and
   * `ref` keeps the constraint (`name 0.12.*`), as npm and Maven ranges are kept.
   */
  range?: string
  /** A chart of the same source tree (a Chart.yaml dependency served from `charts/NAME/`): local, no purl. */
  local?: boolean
}

/**
 * A Helm chart dependency. purl type `helm` with the repository as `repository_url`; `file://` charts (and those
 * `chart.local` says are) are local (part of the same source tree, not fetched), with no purl: a registry identity
 * would name another chart, as a go.mod `replace => ./dir` module has none.
 */
export function chartComponent(chart: ChartDependency, location: Location, origin: Origin): Component {
  const repository = chart.repository === undefined ? undefined : chartRepository(chart.repository)
  // A digest is the purl's `checksum` qualifier (purl spec: `algorithm:hex`, as an OCI digest is written).
  const qualifiers =
    repository || chart.digest
      ? {
          ...(chart.digest ? {checksum: chart.digest} : {}),
          ...(repository ? {repository_url: repository} : {}),
        }
      : undefined
  const pin = chart.version ?? chart.digest
  const local = chart.local === true || repository?.startsWith('file://') === true
  return {
    kind: 'chart',
    ecosystem: 'helm',
    name: chart.name,
    ...(chart.version ? {version: chart.version} : {}),
    ...(chart.digest ? {digest: chart.digest} : {}),
    ...(local ? {} : {purl: purlString('helm', undefined, chart.name, chart.version, qualifiers, undefined)}),
    ref: pin ? `${chart.name}@${pin}` : chart.range ? `${chart.name} ${chart.range}` : chart.name,
    ...(local ? {local: true} : {}),
    origin,
    ...(repository ? {repository: boundedValue(repository)} : {}),
    locations: [location],
  }
}

/**
 * A chart repository as Helm reaches it: an `http(s)://` or `oci://` URL whose path ends in slashes is the same
 * repository without them (Helm joins `index.yaml`, or the chart's name, to the path with one slash, and keeps a
 * query), so `https://charts.example.com/stable/` and `…/stable` are one repository, not two. Anything else as written.
 */
function chartRepository(repository: string): string {
  if (!/^(?:https?|oci):\/\/[^/]/i.test(repository)) return repository
  const end = repository.search(/[?#]/)
  const path = end === -1 ? repository : repository.slice(0, end)
  return path.endsWith('/') ? `${trimEnd(path, '/')}${end === -1 ? '' : repository.slice(end)}` : repository
}

/**
 * `${…}` or `$(…)` in an image reference, found by two searches: `/\$\{[^}]*\}|\$\([^)]*\)/` is tried from every
 * `${` of a long run without a `}` (quadratic: a 300 KB image string took 20 s).
 */
function holdsPlaceholder(ref: string): boolean {
  const brace = ref.indexOf('${')
  if (brace !== -1 && ref.indexOf('}', brace + 2) !== -1) return true
  const paren = ref.indexOf('$(')
  return paren !== -1 && ref.indexOf(')', paren + 2) !== -1
}
