/**
 * The images a project's development tools build themselves, read from their configuration as written: Skaffold's
 * `build.artifacts[].image` (https://skaffold.dev/docs/references/yaml/) and Tilt's `docker_build('ref', …)` and
 * `custom_build('ref', …)` (https://docs.tilt.dev/api.html). Shared by the skaffold and tiltfile formats (which list no
 * image their file builds) and ./own-images.ts (which lists none a manifest of the project names), that never import
 * each other. And the files each configuration deploys (skaffoldDeployedPaths, tiltDeployedPaths): where its images
 * are the project's own.
 */
import {parseImageRef} from '../core/image-ref.js'
import {argumentOf, type Call, literalString, literalStringOrList} from './starlark.js'
import {at, isMap, isScalar, isSeq, type YamlMap, type YamlNode} from './yaml-tree.js'

export interface BuiltImage {
  /** The image as the configuration writes it (trimmed). */
  image: string
  /** Its normalised name (`docker.io/library/app`), without tag or digest; undefined when it does not parse. */
  name?: string
  line: number
  column: number
  /** What names it, for messages: `build.artifacts[].image app`, `docker_build('app')`. */
  written: string
}

/** A top-level `apiVersion: skaffold/vN…` and `kind: Config` (each a line of its own): a Skaffold configuration. */
export function isSkaffoldConfig(head: string): boolean {
  return /^apiVersion:[ \t]*["']?skaffold\/v\d/m.test(head) && /^kind:[ \t]*["']?Config\b/m.test(head)
}

/**
 * `build.artifacts[].image` of every configuration (a document of the file) and of each of its `profiles[]`, and the
 * artifacts a profile's JSON patch adds or replaces (`op: add`, `path: /build/artifacts/1`, `value: {image: x}`, or
 * `path: /build/artifacts/0/image`, `value: x`): Skaffold builds each, and a multi-config project's configurations
 * share them.
 */
export function skaffoldBuiltImages(roots: readonly YamlMap[]): BuiltImage[] {
  const out: BuiltImage[] = []
  const add = (node: YamlNode | undefined, written: (image: string) => string) => {
    if (!isScalar(node) || node.kind === 'null') return
    const image = node.text.trim()
    if (image !== '') out.push(builtImage(image, node, written(image), sanitised(image)))
  }
  for (const root of roots) {
    const profiles = root.entries.get('profiles')
    for (const holder of [root, ...(isSeq(profiles) ? profiles.items.filter(isMap) : [])]) {
      const build = holder.entries.get('build')
      const artifacts = isMap(build) ? build.entries.get('artifacts') : undefined
      if (isSeq(artifacts))
        for (const artifact of artifacts.items)
          if (isMap(artifact)) add(artifact.entries.get('image'), (image) => `build.artifacts[].image ${image}`)
      const patches = holder.entries.get('patches')
      if (!isSeq(patches)) continue
      for (const patch of patches.items) {
        if (!isMap(patch)) continue
        const op = patch.entries.get('op')
        const path = patch.entries.get('path')
        if (!isScalar(op) || !['add', 'replace'].includes(op.text.trim()) || !isScalar(path)) continue
        const at = path.text.trim()
        if (at.length > 100) continue
        const value = patch.entries.get('value')
        const words = (image: string) => `a profile's patch of ${at} to ${image}`
        if (ARTIFACT_PATH.test(at) && isMap(value)) add(value.entries.get('image'), words)
        else if (ARTIFACT_IMAGE_PATH.test(at)) add(value, words)
      }
    }
  }
  return out
}

/** A JSON patch's path to an artifact, and to its image. */
const ARTIFACT_PATH = /^\/build\/artifacts\/(?:\d+|-)$/
const ARTIFACT_IMAGE_PATH = /^\/build\/artifacts\/\d+\/image$/

/**
 * The files a Skaffold configuration deploys, as paths or globs relative to its folder: `manifests.rawYaml` and
 * `deploy.kubectl.manifests` (v1, v2), and the `chartPath` of a local Helm release (for that chart's values files),
 * of every configuration and profile, and those a profile's JSON patch adds (`op: add` to `/manifests/rawYaml/1`,
 * Skaffold's profile-patches example). Undefined when the file writes none, deploys with kustomize (an overlay takes
 * its bases from other folders: `resources: [../../base]`), or writes one Skaffold fills in when it runs
 * (`{{.ENV}}`): its images are then its folder's and the folders' below it. A URL (`rawYaml: [https://…]`) names no
 * file of the tree.
 */
export function skaffoldDeployedPaths(roots: readonly YamlMap[]): string[] | undefined {
  const out: string[] = []
  let unknown = false
  const add = (node: YamlNode | undefined) => {
    if (!isScalar(node) || node.kind === 'null') return
    const path = node.text.trim()
    if (path.includes('{{')) unknown = true
    // A path longer than any of a tree's, or past MAX_PATHS, matches nothing (its images are listed, not hidden).
    else if (path !== '' && path.length <= 1000 && !path.includes('://') && out.length < MAX_PATHS) out.push(path)
  }
  const addAll = (node: YamlNode | undefined) => {
    if (isSeq(node)) for (const item of node.items) add(item)
    else add(node)
  }
  for (const root of roots) {
    const profiles = root.entries.get('profiles')
    for (const holder of [root, ...(isSeq(profiles) ? profiles.items.filter(isMap) : [])]) {
      for (const section of [at(holder, 'manifests'), at(holder, 'deploy')]) {
        if (!isMap(section)) continue
        addAll(section.entries.get('rawYaml'))
        addAll(at(section, 'kubectl', 'manifests'))
        if (section.entries.has('kustomize')) unknown = true
        const releases = at(section, 'helm', 'releases')
        if (!isSeq(releases)) continue
        for (const release of releases.items) {
          if (!isMap(release)) continue
          const remote = release.entries.get('remote')
          if (isScalar(remote) && remote.text.trim().toLowerCase() === 'true') continue
          add(release.entries.get('chartPath'))
        }
      }
      const patches = holder.entries.get('patches')
      if (!isSeq(patches)) continue
      for (const patch of patches.items) {
        if (!isMap(patch)) continue
        const path = patch.entries.get('path')
        const where = isScalar(path) ? path.text.trim() : ''
        if (where.length > 100) continue
        if (/^\/(?:manifests|deploy)\/kustomize(?:\/|$)/.test(where)) unknown = true
        else if (/^\/(?:manifests\/rawYaml|deploy\/kubectl\/manifests)(?:\/(?:\d+|-))?$/.test(where))
          addAll(patch.entries.get('value'))
      }
    }
  }
  return unknown || out.length === 0 ? undefined : out
}

/** The paths read of one configuration file (Skaffold's and Tilt's name a few). */
const MAX_PATHS = 256

/** The Tiltfile calls that name the files it deploys: `k8s_yaml(yaml)`, `helm(pathToChartDir)`, `helm_resource(name, chart)`. */
export const TILT_DEPLOY_CALLS: ReadonlySet<string> = new Set(['k8s_yaml', 'helm', 'helm_resource'])

/**
 * The files a Tiltfile deploys, relative to its folder: the literal paths of its `k8s_yaml('a.yaml')` and
 * `k8s_yaml(['a.yaml', 'b.yaml'])` calls, and the chart folders of `helm('chart')` and `helm_resource('x', './chart')`
 * (for that chart's values files). Undefined when it has no `k8s_yaml` call, or one whose argument is computed (a
 * variable, `kustomize(…)`, `helm(…)`, a concatenation): its images are then its folder's and the folders' below it.
 */
export function tiltDeployedPaths(calls: readonly Call[]): string[] | undefined {
  const out: string[] = []
  let k8sYaml = false
  for (const call of calls) {
    if (call.name === 'k8s_yaml') {
      k8sYaml = true
      const arg = argumentOf(call, 0, 'yaml')
      const many = literalStringOrList(arg)
      if (many === undefined) return undefined
      for (const token of many) if (token.value.length <= 1000 && out.length < MAX_PATHS) out.push(token.value.trim())
    } else if (call.name === 'helm' || call.name === 'helm_resource') {
      const chart = literalString(
        call.name === 'helm' ? argumentOf(call, 0, 'pathToChartDir') : argumentOf(call, 1, 'chart'),
      )
      // A local chart only (`helm_resource('x', 'repo/chart')` may name a repository's: its files are not matched).
      if (chart && chart.value.trim() !== '' && !chart.value.includes('://') && chart.value.length <= 1000)
        if (out.length < MAX_PATHS) out.push(chart.value.trim())
    }
  }
  return k8sYaml ? out.filter((path) => path !== '') : undefined
}

/** The Starlark functions of a Tiltfile that build an image: their first argument (`ref`) names it. */
export const TILT_BUILD_CALLS: ReadonlySet<string> = new Set(['docker_build', 'custom_build'])

/** The images the `docker_build` and `custom_build` calls of a Tiltfile build, when written as literal strings. */
export function tiltBuiltImages(calls: readonly Call[]): BuiltImage[] {
  const out: BuiltImage[] = []
  for (const call of calls) {
    if (!TILT_BUILD_CALLS.has(call.name)) continue
    const ref = literalString(argumentOf(call, 0, 'ref'))
    const image = ref?.value.trim()
    if (ref && image) out.push(builtImage(image, ref, `${call.name}('${image}')`, image))
  }
  return out
}

/** Whether an image reference is one of `built` at any tag or digest: as written, or by its normalised name. */
export function isBuiltImage(ref: string, built: ReadonlySet<string>): boolean {
  if (built.has(ref)) return true
  const parsed = parseImageRef(ref)
  return parsed.ok && built.has(parsed.image.name)
}

/** The images as written and their normalised names, for isBuiltImage. */
export function builtNames(images: readonly BuiltImage[]): Set<string> {
  const out = new Set<string>()
  for (const {image, name} of images) {
    out.add(image)
    if (name) out.add(name)
  }
  return out
}

function builtImage(image: string, at: {line: number; column: number}, written: string, read: string): BuiltImage {
  const parsed = parseImageRef(read)
  return {image, ...(parsed.ok ? {name: parsed.image.name} : {}), line: at.line, column: at.column, written}
}

/**
 * Skaffold lowercases an artifact's name (not its tag) before it matches manifests' images with it
 * (pkg/skaffold/docker/reference.go, SanitizeImageName), and drops ko's `ko://` prefix.
 */
function sanitised(image: string): string {
  const bare = image.replace(/^ko:\/\//, '')
  const at = bare.indexOf('@')
  const base = at < 0 ? bare : bare.slice(0, at)
  const colon = base.lastIndexOf(':')
  const end = colon > base.lastIndexOf('/') ? colon : base.length
  return bare.slice(0, end).toLowerCase() + bare.slice(end)
}
