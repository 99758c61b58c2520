/**
 * Images a project builds itself, named by the manifests it deploys: Skaffold and Tilt build an image, then deploy the
 * project's Kubernetes manifests with that image put in place of the one they name (`image: skaffold-example`), which
 * is no image of Docker Hub but the project's own. Shared by the formats that read manifests' images (k8s-manifest,
 * k8s-json, kustomization, helm-values), which never import each other nor the skaffold and tiltfile formats.
 *
 * - Skaffold (pkg/skaffold/kubernetes/manifest/images.go, selectLocalManifestImages): an image whose name (repository,
 *   without tag) is an artifact's `build.artifacts[].image` is replaced, at any tag; one pinned by digest is left as
 *   written. `--default-repo` changes the name of the image pushed, not the one matched: the manifest names the
 *   artifact as the configuration writes it.
 * - Tilt (docker_build, custom_build): an image of that name, at any tag or digest.
 * Names are compared normalised (`app` is `docker.io/library/app`), as the rest of discover names images.
 *
 * Scope: a configuration (`skaffold.yaml`, `skaffold.yml`, a `skaffold*.yaml`/`.yml` whose head is a Skaffold
 * `Config`, a `Tiltfile`) of the manifest's folder or one above it applies to the files it deploys when it names them
 * (./built-images.ts): Skaffold's `manifests.rawYaml`, `deploy.kubectl.manifests` (a profile's patch adding to them
 * too) and local Helm `chartPath`s (for that chart's values files), a Tiltfile's literal `k8s_yaml()` paths and `helm()`/`helm_resource()`
 * chart folders; each a path, a folder (the files below it) or a glob, relative to the configuration's folder,
 * matched in bounded time (../core/glob.ts; one it refuses matches nothing). One that names none, or computes one
 * (`{{.ENV}}`, `k8s_yaml(kustomize('…'))`, a variable), or deploys with kustomize (whose overlays take bases from
 * other folders), applies to its folder and the folders below it. The nearest
 * configuration that deploys the file and builds the image is named. The folders read are the manifest's and those
 * above it, up to the scan's root (`listDir` lists nothing outside it), each once per scan.
 */
import {posix} from 'node:path'
import {parseImageRef} from '../core/image-ref.js'
import {elide} from '../core/elide.js'
import {boundedGlob} from '../core/glob.js'
import type {Output} from './output.js'
import {
  type BuiltImage,
  isSkaffoldConfig,
  skaffoldBuiltImages,
  skaffoldDeployedPaths,
  TILT_BUILD_CALLS,
  TILT_DEPLOY_CALLS,
  tiltBuiltImages,
  tiltDeployedPaths,
} from './built-images.js'
import {folderListing} from './folder-listing.js'
import {perScan} from './per-scan.js'
import {callsOf, tokenize} from './starlark.js'
import type {DiscoverContext} from './types.js'
import {mappingDocuments} from './yaml.js'

/** An image a configuration builds: where, and by which tool. */
export interface Builder {
  tool: 'skaffold' | 'tilt'
  /** The configuration file and the line that names the image. */
  file: string
  image: BuiltImage
  /**
   * Whether the configuration deploys a file (a path relative to the scan root): a file its deployed paths or globs
   * match; absent when it writes none (or one computed), and it then deploys its folder and the folders below it.
   */
  deploys?: (file: string) => boolean
}

const SKAFFOLD_NAMES = ['skaffold.yaml', 'skaffold.yml']
const TILTFILE = 'Tiltfile'
/** Other Skaffold configurations of a folder (`skaffold -f skaffold-dev.yaml`): named so, and sniffed. */
const SKAFFOLD_LIKE = /^skaffold[^/]*\.ya?ml$/i
/** At most this many such files of a folder are read. */
const MAX_CONFIGS = 16
/** A configuration larger than this is not read (Skaffold's and Tilt's are a few KB). */
const MAX_CONFIG = 1 << 20
/** A folder with more names than this is not searched for configurations by their content. */
const MAX_FOLDER = 500

/** The images each folder's configurations build, by normalised name (and as written); once per folder and scan. */
const folderBuilds = perScan(() => new Map<string, Builds>())
/** The images built for the manifests of a folder: its own configurations' and its ancestors', the nearest first. */
const scopeBuilds = perScan(() => new Map<string, Builds>())

/** The configurations that build each image, by normalised name and as written, the nearest first. */
type Builds = ReadonlyMap<string, readonly Builder[]>

/**
 * The configuration that builds an image a manifest of `file` names, replacing it when the project is deployed;
 * undefined for any other (and for one Skaffold leaves: pinned by digest).
 */
export function builderOf(ref: string, file: string, context: DiscoverContext): Builder | undefined {
  const builds = buildsFor(posix.dirname(file), context)
  if (builds.size === 0) return undefined
  const parsed = parseImageRef(ref)
  const deploying = (builders: readonly Builder[] | undefined) =>
    builders?.find((builder) => builder.deploys === undefined || builder.deploys(file))
  const builder = deploying(builds.get(ref)) ?? (parsed.ok ? deploying(builds.get(parsed.image.name)) : undefined)
  if (builder?.tool === 'skaffold' && parsed.ok && parsed.image.digest) return undefined
  return builder
}

/**
 * Takes out of `out` the images a Skaffold configuration or a Tiltfile of the project builds (builderOf), and says so
 * once per image name and file, at the first line that names it.
 */
export function withoutOwnImages(out: Output, file: string, context: DiscoverContext): void {
  if (!out.components.some((c) => c.kind === 'image')) return
  if (buildsFor(posix.dirname(file), context).size === 0) return
  const told = new Set<string>()
  out.components = out.components.filter((component) => {
    if (component.kind !== 'image') return true
    // By its normalised name too, unless that is the reference itself (`quay.io/org/app`), looked up already.
    const builder =
      builderOf(component.ref, file, context) ??
      (component.name === component.ref ? undefined : builderOf(component.name, file, context))
    if (builder === undefined || (builder.tool === 'skaffold' && component.digest)) return true
    // Where it is written: this file, or (a kustomization's) the file of its first location.
    const location = component.locations.find((l) => l.file === file) ?? component.locations[0]
    const at = location?.file ?? file
    const key = `${at}\n${component.name}`
    if (!told.has(key)) {
      told.add(key)
      out.skipped.push({
        file: at,
        ...(location?.line ? {line: location.line} : {}),
        reason: 'unsupported',
        message: ownImageWords(component.ref, builder),
      })
    }
    return false
  })
}

/**
 * `image app:1.0 is the project's own: skaffold.yaml:7 builds it (build.artifacts[].image app), and Skaffold replaces
 * it with the image it builds when it deploys: not listed`.
 */
export function ownImageWords(ref: string, builder: Builder): string {
  const {image} = builder
  const tool = builder.tool === 'skaffold' ? 'Skaffold' : 'Tilt'
  return `image ${elide(ref, 200)} is the project's own: ${builder.file}:${image.line} builds it (${elide(image.written, 300)}), and ${tool} replaces it with the image it builds when it deploys: not listed`
}

function buildsFor(dir: string, context: DiscoverContext): Builds {
  const cache = scopeBuilds(context)
  const known = cache.get(dir)
  if (known) return known
  // The folder's own configurations win over its ancestors' (a name built twice is the nearest one's).
  const own = buildsIn(dir, context)
  const parent = posix.dirname(dir)
  const above = parent !== dir && inside(parent, context) ? buildsFor(parent, context) : EMPTY
  let merged: Builds
  if (own.size === 0) merged = above
  else if (above.size === 0) merged = own
  else {
    const both = new Map(above)
    for (const [name, builders] of own) both.set(name, [...builders, ...(above.get(name) ?? [])])
    merged = both
  }
  cache.set(dir, merged)
  return merged
}

const EMPTY: Builds = new Map()

/** Whether a folder is in the scan: listed (with listings), else any folder but the top of a relative path. */
function inside(dir: string, context: DiscoverContext): boolean {
  if (context.listDir) return folderListing(dir, context) !== null
  return dir !== '' && dir !== '/' && !dir.startsWith('..')
}

/** The images the configurations of one folder build, each under its normalised name and as written. */
function buildsIn(dir: string, context: DiscoverContext): Builds {
  const cache = folderBuilds(context)
  const known = cache.get(dir)
  if (known) return known
  const out = new Map<string, Builder[]>()
  const add = (tool: Builder['tool'], file: string, images: readonly BuiltImage[], paths: string[] | undefined) => {
    const deploys = paths === undefined ? undefined : deployedMatcher(dir, paths)
    for (const image of images) {
      const builder: Builder = {tool, file, image, ...(deploys ? {deploys} : {})}
      for (const key of new Set([image.image, image.name])) {
        if (key === undefined) continue
        const list = out.get(key)
        if (list === undefined) out.set(key, [builder])
        else if (!list.some((other) => other.file === file)) list.push(builder)
      }
    }
  }
  const names = context.listDir ? (folderListing(dir, context) ?? []) : undefined
  const has = (name: string) =>
    names !== undefined ? names.includes(name) : (context.exists?.(posix.join(dir, name)) ?? true)
  const skaffoldFiles = SKAFFOLD_NAMES.filter(has)
  if (names !== undefined && names.length <= MAX_FOLDER)
    for (const name of names)
      if (SKAFFOLD_LIKE.test(name) && !skaffoldFiles.includes(name) && skaffoldFiles.length < MAX_CONFIGS)
        skaffoldFiles.push(name)
  for (const name of skaffoldFiles) {
    const file = posix.join(dir, name)
    const text = context.readText(file)
    if (text === null || text.length > MAX_CONFIG || !isSkaffoldConfig(text.slice(0, 64 * 1024))) continue
    // Read leniently: the file's problems are the skaffold format's to tell (the errors here are dropped).
    const roots = mappingDocuments(text, file, [], 'a Skaffold configuration', {keepUnknownTags: 'quietly'})
    add('skaffold', file, skaffoldBuiltImages(roots), skaffoldDeployedPaths(roots))
  }
  if (has(TILTFILE)) {
    const file = posix.join(dir, TILTFILE)
    const text = context.readText(file)
    // A Tiltfile that is not Starlark to its end still builds the images it names before (the format says the rest).
    if (text !== null && text.length <= MAX_CONFIG && /\b(?:docker|custom)_build\b/.test(text)) {
      const {calls} = callsOf(tokenize(text).tokens, TILT_CALLS)
      add('tilt', file, tiltBuiltImages(calls), tiltDeployedPaths(calls))
    }
  }
  const found = out.size === 0 ? EMPTY : out
  cache.set(dir, found)
  return found
}

/** The Tiltfile calls read here: those that build an image, and those that name the files it deploys. */
const TILT_CALLS: ReadonlySet<string> = new Set([...TILT_BUILD_CALLS, ...TILT_DEPLOY_CALLS])

/**
 * Whether a file (relative to the scan root) is one of `paths` (relative to `dir`, the configuration's folder): a
 * path, a file under a folder path (a kustomization's, a chart's), or a glob's match (../core/glob.ts, bounded; a
 * glob it refuses matches nothing, so that the images of a file it would name are listed, not hidden).
 */
function deployedMatcher(dir: string, paths: readonly string[]): (file: string) => boolean {
  const tests: ((path: string) => boolean)[] = []
  for (const path of paths) {
    const clean = posix.normalize(path).replace(/\/+$/, '')
    for (const glob of [clean, `${clean}/**`])
      try {
        tests.push(boundedGlob(glob))
      } catch {
        // Not a glob matched in bounded time: nothing it names is hidden.
      }
  }
  return (file) => {
    const relative = posix.relative(dir === '.' ? '' : dir, file)
    return tests.some((test) => test(relative))
  }
}
