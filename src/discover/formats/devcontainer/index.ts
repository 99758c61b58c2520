/**
 * Dev Container configuration (https://containers.dev/implementors/json_reference/): `.devcontainer/devcontainer.json`,
 * `.devcontainer.json` and `.devcontainer/<folder>/devcontainer.json`, JSON with comments and trailing commas.
 * Lists the container `image` and the `features` (OCI artifacts), both `dev`: they make the development container,
 * not what ships. Features are read as the reference implementation reads their keys (devcontainers/cli,
 * src/spec-configuration/containerFeaturesConfiguration.ts `processFeatureIdentifier`, containerCollectionsOCI.ts
 * `getRef`); see ./readme.md. The Dockerfile and Compose files it names are read by their own formats, by name: one
 * those would not read is reported. `${localEnv:VAR}` and the other variables are the opening machine's: reported,
 * not guessed.
 */
import {posix} from 'node:path'
import {imageComponent, parseImageRef} from '../../../core/image-ref.js'
import type {Component, Location} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {buildArgImages} from '../../dockerfile-support/images.js'
import {readAsCompose} from '../../compose-support/head.js'
import {isDockerfile} from '../../file-names.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {isJsonObject, type JsonValue, readLockfileJson} from '../../lockfile-support/json-reader.js'
import type {Position} from '../../../core/line-index.js'
import {isForbiddenKey} from '../../lockfile-support/problems.js'
import {addImageRef, emptyOutput, type Output} from '../../output.js'
import type {DiscoverContext, Discoverer} from '../../types.js'
import {valuePlaces} from './places.js'

/** The names the spec and VS Code look for: `.devcontainer/devcontainer.json`, one folder below it, `.devcontainer.json`. */
const NAME = /(?:^|\/)(?:\.devcontainer\/(?:[^/]+\/)?devcontainer\.json|\.devcontainer\.json)$/

export const discoverer: Discoverer = {
  id: 'devcontainer',
  description: 'Dev Container devcontainer.json: image and Features (OCI, shorthand ids, tarball URLs)',
  matches: (file) => NAME.test(file) && !/(^|\/)node_modules\//.test(file),
  discover: ({file, text}, context) => discoverDevcontainer(file, text, context),
}

/** Top-level keys read; the rest (customizations, mounts, lifecycle commands...) is pruned unread. */
const READ = new Set(['image', 'features', 'build', 'dockerFile', 'dockerComposeFile'])

function skipUnread(path: readonly string[]): boolean {
  if (path.length === 1) return !READ.has(path[0])
  // build.dockerfile, and build.args (names and values) for the Dockerfile's build arguments.
  if (path[0] === 'build')
    return !(path[1] === 'dockerfile' ? path.length === 2 : path[1] === 'args' && path.length <= 3)
  // A Feature's options are not read.
  return path[0] === 'features' && path.length > 2
}

function duplicateMatters(path: readonly string[]): boolean {
  if (path.length === 1) return READ.has(path[0])
  return (path.length === 2 && path[0] === 'features') || (path[0] === 'build' && path[1] === 'dockerfile')
}

/** The CLI's own Features, where shorthand ids are mapped (getBackwardCompatibleFeatureId). */
const FEATURES = 'ghcr.io/devcontainers/features'
/** Shorthand ids of microsoft/vscode-dev-containers the CLI maps to `ghcr.io/devcontainers/features/<id>:1`. */
const MIGRATED = new Set([
  'aws-cli',
  'azure-cli',
  'desktop-lite',
  'docker-in-docker',
  'docker-from-docker',
  'dotnet',
  'git',
  'git-lfs',
  'github-cli',
  'java',
  'kubectl-helm-minikube',
  'node',
  'powershell',
  'python',
  'ruby',
  'rust',
  'sshd',
  'terraform',
])
const RENAMED = new Map([
  ['golang', 'go'],
  ['common', 'common-utils'],
])
/** Shorthand ids that became options of another Feature (updateDeprecatedFeaturesIntoOptions). */
const INTO_OPTIONS = new Map([
  ['gradle', 'java'],
  ['maven', 'java'],
  ['jupyterlab', 'python'],
])
/** The CLI's `allowedFeatureIdRegex`: a tarball's `devcontainer-feature-<id>.tgz`. */
const FEATURE_ID = /^[a-zA-Z0-9_-]+$/

const VARIABLE_HINT = "its value is the opening machine's or the template's: not guessed"

export function discoverDevcontainer(file: string, text: string, context?: DiscoverContext): Output {
  const out = emptyOutput()
  const read = readLockfileJson(file, text, {jsonc: true, skip: skipUnread, duplicateMatters})
  if (!read.ok) {
    for (const error of read.errors)
      out.errors.push(
        error.code === 'invalid-lockfile'
          ? {...error, code: 'invalid-entry', message: 'devcontainer.json must be a JSON object'}
          : error,
      )
    return out
  }
  const {document, root} = read
  out.errors.push(...read.errors)
  const places = valuePlaces(text)
  const keyAt = (key: string): Position => document.topLevelKeys.get(key) ?? {line: 1, column: 1}
  const at = (position: Position): Location => ({file, line: position.line, column: position.column})
  const wrongType = (what: string, position: Position, expected: string) =>
    out.errors.push({...at(position), code: 'invalid-entry', message: `${what} must be ${expected}`})

  if (root.image !== undefined) {
    const position = places.top.get('image') ?? keyAt('image')
    if (typeof root.image !== 'string') wrongType('image', position, 'a string')
    else if (root.image.includes('${')) skipVariable(out, at(position), 'image', root.image)
    else addDev(out, () => addImageRef(out, root.image as string, at(position), 'manifest'))
  }
  readFeatures(out, file, root.features, keyAt('features'), places.features, at, wrongType)
  readNamedFiles(out, file, root, places, keyAt, at, wrongType, context)
  if (context) readBuildArgs(out, file, root, places, keyAt, context)
  return out
}

/**
 * `build.args` (https://containers.dev/implementors/json_reference/, "passed when building a Dockerfile"): the Dev
 * Containers CLI passes them as `--build-arg`s, in place of the ARG defaults the dockerfile format reads the file
 * with. The Dockerfile (`build.dockerfile`, relative to this file) is read again with them
 * (../../dockerfile-support/images.ts buildArgImages): the images they make known or change are listed (`dev`), in
 * the Dockerfile and at `args`; an image they leave unknown (a value holding `${localEnv:…}`, the opening machine's)
 * is reported there. A Dockerfile not in the tree, or named with a variable, is not read here.
 */
function readBuildArgs(
  out: Output,
  file: string,
  root: Record<string, JsonValue>,
  places: ReturnType<typeof valuePlaces>,
  keyAt: (key: string) => Position,
  context: DiscoverContext,
): void {
  const build = root.build
  if (!isJsonObject(build) || typeof build.dockerfile !== 'string' || !isJsonObject(build.args)) return
  if (build.dockerfile.includes('${') || posix.isAbsolute(build.dockerfile)) return
  const args = new Map<string, string | undefined>()
  for (const [name, value] of Object.entries(build.args))
    if (typeof value === 'string') args.set(name, value.includes('${') ? undefined : value)
  if (args.size === 0) return
  const dockerfile = posix.normalize(posix.join(posix.dirname(file), build.dockerfile))
  const text = context.readText(dockerfile)
  if (text === null) return
  const found = buildArgImages({file: dockerfile, text}, {args})
  const position = places.buildArgs ?? keyAt('build')
  const argsAt: Location = {file, line: position.line, column: position.column}
  for (const component of found.components)
    out.components.push({...component, scope: 'dev', locations: [...component.locations, argsAt]})
  for (const skip of found.skipped) out.skipped.push({...skip, message: `build.args of ${file}: ${skip.message}`})
}

/** Runs `add` and marks what it listed `dev`. */
function addDev(out: Output, add: () => void): void {
  const before = out.components.length
  add()
  for (const component of out.components.slice(before)) component.scope = 'dev'
}

function skipVariable(out: Output, location: Location, what: string, value: string): void {
  out.skipped.push({
    file: location.file,
    line: location.line,
    reason: 'unset-variable',
    message: `${what} "${elide(value, 200)}" holds a \${...} variable; ${VARIABLE_HINT}`,
  })
}

function readFeatures(
  out: Output,
  file: string,
  features: JsonValue | undefined,
  featuresAt: Position,
  places: Map<string, Position>,
  at: (position: Position) => Location,
  wrongType: (what: string, position: Position, expected: string) => void,
): void {
  if (features === undefined) return
  if (!isJsonObject(features)) {
    wrongType('features', featuresAt, 'an object (Feature reference → options)')
    return
  }
  const ids = Object.keys(features).filter((id) => !isForbiddenKey(id))
  for (const id of ids) {
    const location = at(places.get(id) ?? featuresAt)
    const shown = elide(id, 200)
    const fail = (code: 'invalid-entry' | 'invalid-image-ref', why: string) =>
      out.errors.push({...location, code, message: `Feature "${shown}": ${why}`})
    const skip = (why: string) =>
      out.skipped.push({file, line: location.line, reason: 'unsupported', message: `Feature "${shown}": ${why}`})
    const value = features[id]
    if (value !== null && typeof value !== 'object' && typeof value !== 'string' && typeof value !== 'boolean') {
      fail('invalid-entry', 'options must be an object (or a version string, or true)')
      continue
    }
    if (id.includes('${')) {
      skipVariable(out, location, 'Feature', id)
      continue
    }
    // The CLI's order: shorthand ids first, then tarballs, local paths, and OCI references.
    if (!id.includes('/') && !id.includes('\\')) {
      const into = INTO_OPTIONS.get(id)
      if (into !== undefined) {
        // Becomes options of `into`: listed as it, unless that Feature is listed already (then it only sets options).
        const qualified = `${FEATURES}/${into}`
        if (!ids.some((other) => other === into || other === qualified || other.startsWith(`${qualified}:`)))
          addFeature(out, id, `${qualified}:1`, location)
        continue
      }
      const mapped = MIGRATED.has(id) ? id : RENAMED.get(id)
      if (mapped !== undefined) addFeature(out, id, `${FEATURES}/${mapped}:1`, location)
      else
        fail(
          'invalid-entry',
          'a legacy Feature id the Dev Containers CLI no longer reads (a local Feature is written "./name")',
        )
      continue
    }
    if (id.startsWith('https://')) {
      addTarball(out, file, id, location, fail)
      continue
    }
    // A local Feature: a folder beside the configuration, part of the scanned tree, not listed.
    if (id.startsWith('./') || id.startsWith('../')) continue
    if (id.startsWith('/')) {
      fail('invalid-entry', 'an absolute path to a local Feature, which the Dev Containers CLI refuses')
      continue
    }
    // An OCI reference: the CLI reads it lowercased, and the first segment is the registry.
    const reference = id.toLowerCase()
    const segments = reference.split('/')
    const registry = segments[0]
    if (!registry.includes('.') && !registry.includes(':') && registry !== 'localhost') {
      if (segments.length === 3)
        skip(
          'an OWNER/REPO/FEATURE id is a deprecated Feature fetched from the GitHub releases of OWNER/REPO; not listed',
        )
      else fail('invalid-entry', 'not a Feature reference (REGISTRY/NAMESPACE/FEATURE[:TAG|@DIGEST])')
      continue
    }
    // The CLI redirects the renamed devcontainers-contrib namespace.
    if (segments[1] === 'devcontainers-contrib') segments[1] = 'devcontainers-extra'
    // An empty tag (`…/node:`) is no tag: the CLI pulls `latest` (containerCollectionsOCI.ts getRef: `digest || tag ||
    // 'latest'`, its tag check passing over an empty one).
    const last = segments.length - 1
    if (last > 0 && segments[last].endsWith(':') && !segments[last].includes('@'))
      segments[last] = segments[last].slice(0, -1)
    addFeature(out, id, segments.join('/'), location)
  }
}

/** A Feature pulled from an OCI registry: an image component (the resolvers read OCI registries), scope dev. */
function addFeature(out: Output, written: string, pulled: string, location: Location): void {
  const parsed = parseImageRef(pulled)
  if (!parsed.ok) {
    out.errors.push({
      ...location,
      code: 'invalid-image-ref',
      message: `Feature "${elide(written, 200)}": invalid OCI reference "${elide(pulled, 200)}": ${parsed.message}`,
    })
    return
  }
  const component: Component = imageComponent(parsed.image, written, location, 'manifest')
  component.scope = 'dev'
  out.components.push(component)
}

/** A Feature named by the URL of its tarball, `https://.../devcontainer-feature-<id>.tgz`: a `download_url`. */
function addTarball(
  out: Output,
  file: string,
  url: string,
  location: Location,
  fail: (code: 'invalid-entry', why: string) => void,
): void {
  let pathname: string
  try {
    pathname = new URL(url).pathname
  } catch {
    fail('invalid-entry', 'not a valid URL')
    return
  }
  const tarball = pathname.slice(pathname.lastIndexOf('/') + 1)
  const match = /^devcontainer-feature-(.*)\.tgz$/.exec(tarball)
  if (match === null || !FEATURE_ID.test(match[1])) {
    fail('invalid-entry', "a tarball URL must end in devcontainer-feature-<id>.tgz (the Dev Containers CLI's rule)")
    return
  }
  const component = manifestComponent(file, {
    ecosystem: 'generic',
    name: match[1],
    ref: url,
    line: location.line,
    column: location.column,
    scope: 'dev',
    qualifiers: {download_url: url},
  })
  component.origin = 'manifest'
  out.components.push(component)
}

/**
 * `dockerComposeFile` and `build.dockerfile` (or the older top-level `dockerFile`): relative to the configuration's
 * folder, read by the compose and dockerfile formats when they are named as those formats read them. One that is
 * not is reported: its images are not listed.
 */
function readNamedFiles(
  out: Output,
  file: string,
  root: Record<string, JsonValue>,
  places: ReturnType<typeof valuePlaces>,
  keyAt: (key: string) => Position,
  at: (position: Position) => Location,
  wrongType: (what: string, position: Position, expected: string) => void,
  context?: DiscoverContext,
): void {
  const folder = posix.dirname(file)
  const check = (what: string, value: string, position: Position, readBy: 'compose' | 'dockerfile') => {
    const location = at(position)
    if (value.includes('${')) {
      skipVariable(out, location, what, value)
      return
    }
    const path = posix.join(folder, value)
    // A Compose file of another name is read by the compose format when its content is one (readAsCompose).
    const named = readBy === 'compose' ? readAsCompose(path, context) : isDockerfile(path)
    if (named) return
    const names =
      readBy === 'compose'
        ? "compose.yaml, docker-compose*.yml and the like, or by content: a YAML file whose top-level keys and service keys are Compose's"
        : 'Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile'
    out.skipped.push({
      file,
      line: location.line,
      reason: 'unsupported',
      message: `${what} "${elide(value, 200)}": the ${readBy} format reads such files by name (${names}), not this one: its images are not listed`,
    })
  }
  const compose = root.dockerComposeFile
  if (typeof compose === 'string')
    check('dockerComposeFile', compose, places.top.get('dockerComposeFile') ?? keyAt('dockerComposeFile'), 'compose')
  else if (Array.isArray(compose))
    compose.forEach((item, index) => {
      const position = places.composeItems[index] ?? keyAt('dockerComposeFile')
      if (typeof item === 'string') check('dockerComposeFile', item, position, 'compose')
      else wrongType(`dockerComposeFile[${index}]`, position, 'a string')
    })
  else if (compose !== undefined)
    wrongType('dockerComposeFile', keyAt('dockerComposeFile'), 'a string or an array of strings')

  const legacy = root.dockerFile
  if (typeof legacy === 'string')
    check('dockerFile', legacy, places.top.get('dockerFile') ?? keyAt('dockerFile'), 'dockerfile')
  else if (legacy !== undefined) wrongType('dockerFile', keyAt('dockerFile'), 'a string')
  const build = root.build
  if (build === undefined) return
  if (!isJsonObject(build)) {
    wrongType('build', keyAt('build'), 'an object')
    return
  }
  const dockerfile = build.dockerfile
  const position = places.buildDockerfile ?? keyAt('build')
  if (typeof dockerfile === 'string') check('build.dockerfile', dockerfile, position, 'dockerfile')
  else if (dockerfile !== undefined) wrongType('build.dockerfile', position, 'a string')
}
