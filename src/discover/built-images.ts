/**
 * The images a project's development tools build themselves, read from their configuration as written: Skaffold's
 * `build.artifacts[].image` (https://skaffold.dev/docs/references/yaml/) and Tilt's `docker_build('ref', …)` and
 * `custom_build('ref', …)` (https://docs.tilt.dev/api.html). Shared by the skaffold and tiltfile formats (which list no
 * image their file builds) and ./own-images.ts (which lists none a manifest of the project names), that never import
 * each other.
 */
import {parseImageRef} from '../core/image-ref.js'
import {argumentOf, type Call, literalString} from './starlark.js'
import {isMap, isScalar, isSeq, type YamlMap, type YamlNode} from './yaml-tree.js'

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
