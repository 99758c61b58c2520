/**
 * Docker Compose files: `services.*.image`, interpolated as Compose does
 * (https://docs.docker.com/reference/compose-file/interpolation/) with the variables of the `.env` file beside
 * the Compose file (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file);
 * the shell environment is not read, so output does not depend on who runs the scan. A variable with no value and
 * no default is reported (`unset-variable`), not guessed. A service with `build:` and `image:` pulls the image
 * and builds only when the pull fails (https://docs.docker.com/reference/compose-file/build/#using-build-and-image),
 * so it is listed; with `pull_policy: build` the image is only ever built locally, and is not.
 * `build.additional_contexts` values `docker-image://IMAGE` are images the build takes as named contexts.
 * Compose's merge tags (https://docs.docker.com/reference/compose-file/merge/) are read as compose-go's
 * ResetProcessor reads them in any file: a node tagged `!reset` is removed (`image: !reset null`: no image), one
 * tagged `!override` is its value. Another tag is reported, and its node read as untagged, as go-yaml reads it.
 * `.env` is read as Compose reads it (./dotenv.ts). An image a service takes from elsewhere (`<<: *base`, `b: *a`)
 * is located at the service as well as where it is written, so each use is counted: the YAML reader places a service
 * that is an alias at the alias (locateAliasedMaps). A `!!binary` value is what go-yaml makes of it in an untyped
 * map: the decoded bytes as a string (go.yaml.in/yaml/v4 Constructor.scalar, `base64.StdEncoding.DecodeString`).
 * Decoded as Go decodes it (../../go-binary.ts); a `!!binary` key is decoded by the YAML reader, for every format.
 */
import {posix} from 'node:path'
import {imageComponent, parseImageRef} from '../../../core/image-ref.js'
import type {Component} from '../../../core/model.js'
import {isComposeFile} from '../../file-names.js'
import {goBinaryText} from '../../go-binary.js'
import {emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {substitute} from '../../variables.js'
import {readYaml} from '../../yaml.js'
import {isMap, isScalar, isSeq, type Position, stringValue, type YamlMap, type YamlNode} from '../../yaml-tree.js'
import {type EnvFile, parseEnv} from './dotenv.js'

/** Compose's merge tags, read as local tags by the YAML reader (a constant set: the reader caches by it). */
export const COMPOSE_TAGS: ReadonlySet<string> = new Set(['!reset', '!override'])

export const discoverer: Discoverer = {
  id: 'compose',
  description: 'Docker Compose files: services.*.image, with $VAR / VAR:-default interpolation from .env',
  matches: isComposeFile,
  identify: (head) => /^services:[ \t]*$/m.test(head) && !/^(apiVersion|kind|jobs):/m.test(head),
  discover,
}

/** The node at `key` of a mapping, unless it is absent or tagged `!reset` (Compose removes it). */
function entry(node: YamlNode | null | undefined, key: string): YamlNode | undefined {
  const value = isMap(node) ? node.entries.get(key) : undefined
  return value?.tag === '!reset' ? undefined : value
}

function discover(input: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  const yaml = readYaml(input.text, input.file, {
    localTags: COMPOSE_TAGS,
    keepUnknownTags: true,
    locateAliasedMaps: true,
    keepBinary: true,
  })
  for (const error of yaml.errors)
    out.errors.push(
      error.code === 'yaml-unsupported-tag'
        ? {...error, message: `${error.message}; read as untagged, as Compose reads it`}
        : error,
    )
  const envPath = posix.join(posix.dirname(input.file), '.env')
  let env: EnvFile | undefined
  const readEnvOnce = (): EnvFile => {
    if (env === undefined) {
      const text = context.readText(envPath)
      env = text === null ? {vars: new Map()} : parseEnv(text)
      if (env.error)
        out.errors.push({
          file: envPath,
          line: env.error.line,
          code: 'invalid-compose',
          message: `${env.error.message}; Compose refuses this .env, and the variables from this line on are not read`,
        })
    }
    return env
  }
  for (const doc of yaml.documents) {
    const services = entry(doc.root, 'services')
    if (services === undefined) {
      const v1 = isMap(doc.root) && !doc.root.entries.has('services') ? versionOneServices(doc.root) : []
      if (v1.length > 0)
        out.skipped.push({
          file: input.file,
          line: doc.line,
          reason: 'unsupported',
          message: `no services: key; ${v1.join(', ')} at the top level with image: or build: is Compose file format v1, which Compose v2 does not read; not read`,
        })
      continue
    }
    if (isScalar(services) && services.kind === 'null') continue
    if (!isMap(services)) {
      out.errors.push(errorAt(input.file, services, 'invalid-compose', 'services must be a mapping'))
      continue
    }
    const owns = ownership(doc.root as YamlMap, services)
    const reading = {input, out, readEnvOnce}
    for (const [name, service] of services.entries) {
      if (service.tag === '!reset') continue
      const image = entry(service, 'image')
      if (image !== undefined && composeString(entry(service, 'pull_policy')) !== 'build') {
        const component = readImage(`services.${name}.image`, image, composeString(image), reading)
        // Taken from elsewhere (`<<: *base`, a service that is an alias): located at the service too, so each use is
        // counted. (`image: *tag` is placed at its alias by the YAML reader: the service's own text.)
        if (component && !owns(service, image)) component.locations.push(locationOf(input.file, service))
      }
      // `build.additional_contexts: {name: docker-image://IMAGE}`: an image the build takes as a named context
      // (https://docs.docker.com/reference/compose-file/build/#additional_contexts); a folder or URL is none.
      const contexts = entry(entry(service, 'build'), 'additional_contexts')
      const values = isMap(contexts)
        ? [...contexts.entries]
        : isSeq(contexts)
          ? contexts.items.map((item) => ['', item] as const)
          : []
      for (const [key, value] of values) {
        const text = composeString(value)
        if (typeof text !== 'string') continue
        // The list form writes `name=docker-image://…`.
        const target = key === '' ? text.slice(text.indexOf('=') + 1) : text
        if (target.startsWith(DOCKER_IMAGE))
          readImage(`services.${name}.build.additional_contexts`, value, target.slice(DOCKER_IMAGE.length), reading)
      }
    }
  }
  return out
}

/** The scheme Compose and BuildKit give a build context that is an image. */
const DOCKER_IMAGE = 'docker-image://'

interface Reading {
  input: DiscoverInput
  out: Output
  readEnvOnce: () => EnvFile
}

/**
 * One image a Compose file names (`field`, for messages; `node`, where it is written; `written`, the reference as the
 * node writes it): interpolated from the .env beside it, parsed and listed; the component, or undefined when none is.
 */
function readImage(
  field: string,
  node: YamlNode,
  written: string | {problem: string} | undefined,
  {input, out, readEnvOnce}: Reading,
): Component | undefined {
  const location = locationOf(input.file, node)
  if (typeof written !== 'string') {
    const message = written?.problem ?? ' must be a string'
    out.errors.push(errorAt(input.file, node, 'invalid-compose', `${field}${message}`))
    return undefined
  }
  const fromEnv: string[] = []
  const unreadable: string[] = []
  const lookup = (variable: string): string | undefined => {
    const found = readEnvOnce().vars.get(variable)
    if (found === undefined) return undefined
    if (!found.ok) {
      unreadable.push(`${variable} (.env line ${found.line}: ${found.message})`)
      return ''
    }
    for (const unset of found.unset) fromEnv.push(`${unset} (used by ${variable} in .env)`)
    return found.value
  }
  const result = substitute(written, {escape: '$$', lookup})
  if (!result.ok || unreadable.length > 0) {
    const message = result.ok ? `.env variable ${[...new Set(unreadable)].join(', ')} not read` : result.message
    out.errors.push({...location, code: 'invalid-variable', message: `${field}: ${message}`})
    return undefined
  }
  const unset = [...new Set([...result.unset, ...fromEnv])]
  if (unset.length > 0) {
    out.skipped.push({
      file: input.file,
      line: location.line,
      reason: 'unset-variable',
      message: `${field} "${written}": ${unset.join(', ')} not set here (no default, not in .env); set it and scan the output of \`docker compose config\``,
    })
    return undefined
  }
  const parsed = parseImageRef(result.value)
  if (!parsed.ok) {
    out.errors.push({
      ...location,
      code: 'invalid-image-ref',
      message: `invalid image reference "${result.value}": ${parsed.message}`,
    })
    return undefined
  }
  const component: Component = imageComponent(parsed.image, written, location, 'manifest')
  out.components.push(component)
  return component
}

/**
 * A non-empty string as Compose reads it: a `!!binary` scalar is its decoded bytes, when they are UTF-8 text (Go
 * would take any bytes; an image name is text). A problem is told as the end of a sentence naming the field.
 */
function composeString(node: YamlNode | undefined): string | {problem: string} | undefined {
  if (!isScalar(node) || node.tag !== '!!binary') return stringValue(node)
  const decoded = goBinaryText(node.text)
  if ('problem' in decoded)
    return {problem: `: !!binary value ${decoded.problem}${decoded.goRefuses ? ' (Compose refuses it)' : ''}`}
  return decoded.text || undefined
}

/**
 * Whether a service's mapping holds the node itself, or takes it from elsewhere (a merge key or an alias): the
 * node's position is in the service's own text, between where the service starts and where the next service or
 * top-level value does. The tree keeps no trace of merges; positions tell them apart without it.
 */
function ownership(root: YamlMap, services: YamlMap): (service: YamlNode, node: YamlNode) => boolean {
  const starts: Position[] = []
  for (const value of root.entries.values()) starts.push(value)
  for (const value of services.entries.values()) starts.push(value)
  starts.sort(comparePositions)
  return (service, node) => {
    if (comparePositions(node, service) < 0) return false
    // The first start after the service's: binary search.
    let low = 0
    let high = starts.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (comparePositions(starts[middle], service) <= 0) low = middle + 1
      else high = middle
    }
    return low === starts.length || comparePositions(node, starts[low]) < 0
  }
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.column - b.column
}

/** Top-level keys that name services the Compose file format v1 way (no `services:`): a mapping with image/build. */
function versionOneServices(root: YamlMap): string[] {
  const names: string[] = []
  for (const [key, value] of root.entries) {
    if (isMap(value) && (value.entries.has('image') || value.entries.has('build')) && !key.startsWith('x-')) {
      if (names.length === 3) {
        names.push('...')
        break
      }
      names.push(key)
    }
  }
  return names
}
