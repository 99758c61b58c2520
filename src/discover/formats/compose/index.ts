/**
 * Docker Compose files: `services.*.image`, interpolated as Compose does
 * (https://docs.docker.com/reference/compose-file/interpolation/) with the variables of the `.env` file beside
 * the Compose file (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file);
 * the shell environment is not read, so output does not depend on who runs the scan. A variable with no value and
 * no default is reported (`unset-variable`), not guessed. A service with `build:` and `image:` pulls the image
 * and builds only when the pull fails (https://docs.docker.com/reference/compose-file/build/#using-build-and-image),
 * so it is listed; with `pull_policy: build` (or `never` and a `build`) the image is only ever built locally, and is
 * not. The images of `type: image` volumes and of `pre_start` hooks are pulled for the service: listed.
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
import {appendAll} from '../../../core/arrays.js'
import {imageComponent, parseImageRef} from '../../../core/image-ref.js'
import type {Component} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {buildArgImages, dockerfileImages} from '../../dockerfile-support/images.js'
import {isComposeHead} from '../../compose-support/head.js'
import {isComposeFile, isManifestCandidate} from '../../file-names.js'
import {goBinaryText} from '../../go-binary.js'
import {emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {substitute} from '../../variables.js'
import {readYaml} from '../../yaml.js'
import {isMap, isScalar, isSeq, type Position, stringValue, type YamlMap, type YamlNode} from '../../yaml-tree.js'
import {type EnvFile, type EnvValue, parseEnv} from './dotenv.js'

/** Compose's merge tags, read as local tags by the YAML reader (a constant set: the reader caches by it). */
export const COMPOSE_TAGS: ReadonlySet<string> = new Set(['!reset', '!override'])

export const discoverer: Discoverer = {
  id: 'compose',
  description:
    'Docker Compose files: services.*.image, type: image volumes and pre_start hook images, with $VAR / VAR:-default interpolation from .env',
  // Compose's own names are read by name alone; any other YAML file when its head is a Compose file's (isComposeHead):
  // `docker compose -f src/main/docker/app.yml` takes any name (JHipster's src/main/docker/*.yml).
  matches: (file) => isComposeFile(file) || isManifestCandidate(file),
  named: isComposeFile,
  sniff: (head) => isComposeHead(head),
  identify: (head) => /^services:[ \t]*$/m.test(head) && !/^(apiVersion|kind|jobs):/m.test(head),
  discover,
}

/** The node at `key` of a mapping, unless it is absent or tagged `!reset` (Compose removes it). */
function entry(node: YamlNode | null | undefined, key: string): YamlNode | undefined {
  const value = isMap(node) ? node.entries.get(key) : undefined
  return value?.tag === '!reset' ? undefined : value
}

function discover(input: DiscoverInput, context: DiscoverContext): Output {
  return discoverCompose(input, context, [input.file], {files: [posix.join(posix.dirname(input.file), '.env')]})
}

/**
 * Where a Compose file's variables come from: its env files (the `.env` of its project directory, or an include's
 * `env_file` list; a later file's value wins) and, for an included file, the variables of the project that includes
 * it, which win over the included file's own (compose-go loader/include.go ApplyInclude:
 * `environment.Clone().Merge(envFromFile)` keeps what the including project set).
 */
interface EnvSource {
  files: string[]
  /** Set by the including project: these win. */
  inherited?: ReadonlyMap<string, EnvValue>
}

/** Files included through `include:` one inside another, at most (Compose refuses a cycle; this bounds a chain). */
const MAX_INCLUDE_DEPTH = 8

function discoverCompose(
  input: DiscoverInput,
  context: DiscoverContext,
  chain: readonly string[],
  source: EnvSource,
): Output {
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
  let env: EnvFile | undefined
  const readEnvOnce = (): EnvFile => {
    if (env === undefined) {
      const vars = new Map<string, EnvValue>()
      for (const envPath of source.files) {
        const text = context.readText(envPath)
        if (text === null) continue
        const read = parseEnv(text)
        for (const [name, value] of read.vars) vars.set(name, value)
        if (read.error)
          out.errors.push({
            file: envPath,
            line: read.error.line,
            code: 'invalid-compose',
            message: `${read.error.message}; Compose refuses this .env, and the variables from this line on are not read`,
          })
      }
      for (const [name, value] of source.inherited ?? []) vars.set(name, value)
      env = {vars}
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
    // The images this file's services build (a `build` with an `image` name): a build that starts FROM one of them
    // (getsentry/self-hosted's cron image, FROM the sentry image another service builds) takes the project's own.
    const ownImages = new Set<string>()
    for (const service of services.entries.values()) {
      const value = entry(service, 'build') === undefined ? undefined : quietValue(entry(service, 'image'), reading)
      const parsed = value === undefined ? undefined : parseImageRef(value)
      const purl = parsed?.ok
        ? imageComponent(parsed.image, '', {file: input.file, line: 1, column: 1}, 'manifest').purl
        : undefined
      if (purl) ownImages.add(purl)
    }
    for (const [name, service] of services.entries) {
      if (service.tag === '!reset') continue
      const image = entry(service, 'image')
      const build = entry(service, 'build')
      // Taken from elsewhere (`<<: *base`, a service that is an alias): located at the service too, so each use is
      // counted. (`image: *tag` is placed at its alias by the YAML reader: the service's own text.)
      const listed = (component: Component | undefined, node: YamlNode) => {
        if (component && !owns(service, node)) component.locations.push(locationOf(input.file, service))
      }
      if (image !== undefined && !builtOnly(composeString(entry(service, 'pull_policy')), build))
        listed(readImage(`services.${name}.image`, image, composeString(image), reading), image)
      else if (image === undefined) readExtendedImage(name, service, reading, context)
      // Images Compose pulls for the service besides its own (docker/compose pkg/compose/pull.go
      // pullRequiredImages): a volume of `type: image` (its `source`,
      // https://docs.docker.com/reference/compose-file/services/#long-syntax-5) and a `pre_start` hook's `image`
      // (an init container, https://docs.docker.com/compose/how-tos/init-containers/). Never built: listed whatever
      // the pull_policy (with `never` they must be there already, which makes them no less used).
      for (const [i, volume] of items(entry(service, 'volumes'))) {
        if (composeString(entry(volume, 'type')) !== 'image') continue
        const source = entry(volume, 'source')
        if (source !== undefined)
          listed(readImage(`services.${name}.volumes[${i}].source`, source, composeString(source), reading), source)
      }
      for (const [i, hook] of items(entry(service, 'pre_start'))) {
        const hookImage = entry(hook, 'image')
        // The service's own image (Compose's GetDependentImages leaves it out): listed with the service, or built.
        const own = image !== undefined && composeString(hookImage) === composeString(image)
        if (hookImage !== undefined && !own)
          listed(
            readImage(`services.${name}.pre_start[${i}].image`, hookImage, composeString(hookImage), reading),
            hookImage,
          )
      }
      // `build.additional_contexts: {name: docker-image://IMAGE}`: an image the build takes as a named context
      // (https://docs.docker.com/reference/compose-file/build/#additional_contexts); a folder or URL is none.
      const contexts = entry(build, 'additional_contexts')
      const names = new Set<string>()
      for (const [key, value] of pairs(contexts)) {
        const text = composeString(value)
        if (typeof text !== 'string') continue
        // The list form writes `name=docker-image://…`.
        const target = key === undefined ? text.slice(text.indexOf('=') + 1) : text
        names.add(key ?? text.slice(0, Math.max(text.indexOf('='), 0)))
        if (target.startsWith(DOCKER_IMAGE))
          readImage(`services.${name}.build.additional_contexts`, value, target.slice(DOCKER_IMAGE.length), reading)
      }
      const inline = entry(build, 'dockerfile_inline')
      if (inline !== undefined)
        readInlineDockerfile(`services.${name}.build`, inline, build as YamlMap, names, reading, ownImages)
      else if (isMap(build)) readBuildDockerfile(`services.${name}.build`, build, names, reading, context, ownImages)
    }
  }
  for (const doc of yaml.documents)
    readIncludes(entry(doc.root, 'include'), input, context, chain, out, () => readEnvOnce().vars)
  return out
}

/**
 * `include:` (Compose 2.20+, https://docs.docker.com/reference/compose-file/include/): other Compose files whose
 * services join this project, each a path (short form) or `{path: PATH or [PATHS]}`, relative to this file. Each is
 * read as a Compose file, its images located in it, with the including project's variables and then its own env
 * files (EnvSource), unless its own name makes it a Compose file stewards reads anyway. A remote one (git or OCI) is reported; a missing one too
 * (Compose refuses to start).
 */
function readIncludes(
  node: YamlNode | undefined,
  input: DiscoverInput,
  context: DiscoverContext,
  chain: readonly string[],
  out: Output,
  variables: () => ReadonlyMap<string, EnvValue>,
): void {
  if (node === undefined) return
  const items = isSeq(node) ? node.items : [node]
  const folder = posix.dirname(input.file)
  for (const item of items) {
    const path = isMap(item) ? entry(item, 'path') : item
    const paths = isSeq(path) ? path.items : [path]
    // The include's env files (compose-go ApplyInclude): its `env_file` list, relative to the including file's folder;
    // else the `.env` of its project directory, `project_directory` or the first path's folder. One for all its
    // paths: the others are overrides of the first.
    const envFiles = entry(item, 'env_file')
    const listed = (isSeq(envFiles) ? envFiles.items : [envFiles])
      .map((f) => stringValue(f))
      .filter((f): f is string => typeof f === 'string' && f !== '' && f !== '/dev/null' && !f.includes('$'))
    const projectDirectory = stringValue(entry(item, 'project_directory'))
    const first = stringValue(paths[0])
    const files =
      envFiles !== undefined
        ? listed.map((f) => posix.normalize(posix.join(folder, f)))
        : projectDirectory !== undefined && !projectDirectory.includes('$')
          ? [posix.normalize(posix.join(folder, projectDirectory, '.env'))]
          : first !== undefined
            ? [posix.normalize(posix.join(folder, posix.dirname(first), '.env'))]
            : []
    // Compose refuses to start when a listed env file is not there.
    for (const f of envFiles === undefined ? [] : files)
      if (context.exists?.(f) === false)
        out.skipped.push({
          file: input.file,
          line: (entry(item, 'env_file') as YamlNode).line,
          reason: 'missing-resource',
          message: `include env_file ${elide(posix.relative(folder, f), 200)}: not in the tree (Compose refuses to start without it): its variables are not read`,
        })
    for (const written of paths) {
      const text = stringValue(written)
      if (written === undefined || text === undefined || text === '') continue
      const at = locationOf(input.file, written)
      const skip = (reason: 'remote-resource' | 'missing-resource' | 'unsupported', message: string) =>
        out.skipped.push({file: input.file, line: at.line, reason, message: `include ${elide(text, 200)}: ${message}`})
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('git@')) {
        skip('remote-resource', 'a remote Compose file (git or OCI), not fetched: its services are not read')
        continue
      }
      if (text.includes('$')) {
        skip('unsupported', 'a path holding a variable Compose fills in when it runs: not read')
        continue
      }
      const file = posix.normalize(posix.join(posix.dirname(input.file), text))
      // Read on its own as a Compose file: not again here.
      if (isComposeFile(file)) continue
      if (chain.includes(file) || chain.length > MAX_INCLUDE_DEPTH) {
        skip('unsupported', 'includes a file already on its include chain, or too deep a chain: not read again')
        continue
      }
      const included = context.readText(file)
      if (included === null) {
        if (context.exists?.(file) === false)
          skip('missing-resource', 'not in the tree (Compose refuses to start without it): its services are not read')
        else
          out.errors.push({
            ...at,
            code: 'include-not-read',
            message: `include ${elide(text, 200)} could not be read: its services are not listed`,
          })
        continue
      }
      const inner = discoverCompose({file, text: included}, context, [...chain, file], {
        files,
        inherited: variables(),
      })
      for (const key of ['components', 'skipped', 'errors'] as const) appendAll(out[key] as unknown[], inner[key])
    }
  }
}

/**
 * `extends: {file: FILE, service: NAME}` (https://docs.docker.com/compose/how-tos/multiple-compose-files/extends/)
 * for a service that writes no `image` of its own: it takes the image of NAME in FILE (compose-go loader/extends.go,
 * FILE relative to this file, interpolated with this project's variables). A FILE whose name makes it a Compose file
 * is read on its own, its image listed there; another (`common-services.yml`) is read here for that one service's
 * image, located in it. A base that itself extends another is reported, not followed; so is a remote FILE, one holding a
 * variable, and one not in the tree (Compose refuses to start without it).
 */
function readExtendedImage(name: string, service: YamlNode, reading: Reading, context: DiscoverContext): void {
  const extendsNode = entry(service, 'extends')
  const fileNode = entry(extendsNode, 'file')
  const fileText = stringValue(fileNode)
  const ref = stringValue(entry(extendsNode, 'service'))
  if (fileNode === undefined || fileText === undefined || ref === undefined) return
  const field = `services.${name}.extends`
  const skip = (reason: 'remote-resource' | 'missing-resource' | 'unsupported', why: string) =>
    reading.out.skipped.push({
      file: reading.input.file,
      line: fileNode.line,
      reason,
      message: `${field} ${elide(fileText, 200)} (service ${elide(ref, 100)}): ${why}`,
    })
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(fileText) || fileText.startsWith('git@')) {
    skip('remote-resource', 'a remote Compose file, not fetched: the image the service takes from it is not listed')
    return
  }
  if (fileText.includes('$')) {
    skip('unsupported', 'a path holding a variable Compose fills in when it runs: the image it gives is not listed')
    return
  }
  const file = posix.normalize(posix.join(posix.dirname(reading.input.file), fileText))
  if (isComposeFile(file) || file === reading.input.file) return
  const text = context.readText(file)
  if (text === null) {
    if (context.exists?.(file) === false)
      skip(
        'missing-resource',
        'not in the tree (Compose refuses to start without it): the image it gives is not listed',
      )
    return
  }
  const yaml = readYaml(text, file, {localTags: COMPOSE_TAGS, keepUnknownTags: true, keepBinary: true})
  const base = yaml.documents.map((doc) => entry(entry(doc.root, 'services'), ref)).find((node) => node !== undefined)
  if (base === undefined) return
  if (entry(base, 'extends') !== undefined) {
    skip('unsupported', 'a service that itself extends another: not followed, the image it gives is not listed')
    return
  }
  const image = entry(base, 'image')
  const policy = composeString(entry(service, 'pull_policy') ?? entry(base, 'pull_policy'))
  if (image === undefined || builtOnly(policy, entry(service, 'build') ?? entry(base, 'build'))) return
  readImage(`${field} (services.${ref}.image)`, image, composeString(image), {...reading, input: {file, text}})
}

/**
 * Whether the service's image is only ever built here, never pulled: `pull_policy: build`, or `never` with a `build`
 * (Compose skips the pull for both, docker/compose pkg/compose/pull.go mustPull, and builds the image when it is not
 * there, pkg/compose/build.go). `never` without a `build` uses an image that must be there already: listed.
 */
function builtOnly(policy: string | {problem: string} | undefined, build: YamlNode | undefined): boolean {
  return policy === 'build' || (policy === 'never' && build !== undefined)
}

/** The items of a list with their index; nothing for another node. */
function items(node: YamlNode | undefined): Array<readonly [number, YamlNode]> {
  return isSeq(node) ? node.items.map((item, i) => [i, item] as const) : []
}

/** A mapping's entries, or a list's items (`NAME=value` strings) with no key. */
function pairs(node: YamlNode | undefined): Array<readonly [string | undefined, YamlNode]> {
  if (isMap(node)) return [...node.entries]
  if (isSeq(node)) return node.items.map((item) => [undefined, item] as const)
  return []
}

/**
 * `build.dockerfile_inline` (https://docs.docker.com/reference/compose-file/build/#dockerfile_inline): the Dockerfile
 * itself, interpolated as any Compose value (`$$` is a `$` the Dockerfile keeps), then read as a Dockerfile file is
 * (../../dockerfile-support/images.ts) with the build's `args` for its ARGs and its `additional_contexts` names as
 * contexts, not images. Located at the Dockerfile's own lines in a literal block (`|`), at the value otherwise.
 */
function readInlineDockerfile(
  field: string,
  node: YamlNode,
  build: YamlMap,
  contexts: Set<string>,
  reading: Reading,
  ownImages: ReadonlySet<string>,
): void {
  const {input, out} = reading
  const written = composeString(node)
  const text = interpolateDockerfile(`${field}.dockerfile_inline`, node, written, reading)
  if (text === undefined) return
  const args = buildArgs(field, build, reading)
  if (args === undefined) return
  const found = dockerfileImages({file: input.file, text}, {args, contexts})
  // A string: interpolateDockerfile gives no text otherwise.
  const place = inlinePlace(input.text, node, written as string, text)
  const moved = <T extends {line?: number; column?: number}>(item: T): T => ({
    ...item,
    ...place(item.line, item.column),
  })
  // A FROM naming an image another service of the file builds: the project's own, not pulled.
  for (const component of found.components)
    if (component.purl === undefined || !ownImages.has(component.purl))
      out.components.push({...component, locations: component.locations.map(moved)})
  for (const skip of found.skipped)
    out.skipped.push({...moved(skip), message: `${field}.dockerfile_inline: ${skip.message}`})
  for (const error of found.errors)
    out.errors.push({...moved(error), message: `${field}.dockerfile_inline: ${error.message}`})
}

/**
 * The build's `args` (a mapping or `NAME=value` list), interpolated, by name; undefined when one cannot be (its skip or
 * error said). `NAME` alone (or `NAME:` with no value) is passed from the environment Compose runs in, which holds the
 * .env beside the file (docker/compose pkg/compose/build.go; compose-go WithDotEnv): from there when set there, else
 * unknown (undefined).
 */
function buildArgs(
  field: string,
  build: YamlNode | undefined,
  reading: Reading,
): Map<string, string | undefined> | undefined {
  const args = new Map<string, string | undefined>()
  for (const [key, value] of pairs(entry(build, 'args'))) {
    const given =
      key === undefined ? composeString(value) : isScalar(value) && value.kind === 'null' ? null : scalarText(value)
    if (key === undefined && typeof given !== 'string') continue
    const [argName, argValue] =
      key === undefined ? splitArg(given as string) : [key, given === null ? undefined : given]
    if (argValue === undefined) {
      args.set(argName, dotEnvValue(argName, reading))
      continue
    }
    const interpolated = interpolate(`${field}.args.${argName}`, value, argValue, reading)
    if (interpolated === undefined) return undefined
    args.set(argName, interpolated)
  }
  return args
}

/**
 * A build from a Dockerfile of the tree (`build.context`, default the file's folder, and `build.dockerfile`, default
 * `Dockerfile`, https://docs.docker.com/reference/compose-file/build/) with `args`: Compose passes them as
 * `--build-arg`s, in place of the ARG defaults the dockerfile format reads the file with
 * (https://docs.docker.com/reference/compose-file/build/#args). The images the build takes that the file alone does
 * not give (`ARG BASE_IMAGE` without a default, `FROM node:${NODE}` with another NODE) are listed, located in the
 * Dockerfile and at the `args`; an image the file alone gives that the build's args leave unknown (passed from the
 * environment, not set in .env) is reported there. A context or Dockerfile holding a variable, a remote context, or
 * a Dockerfile not in the tree is not read here.
 */
function readBuildDockerfile(
  field: string,
  build: YamlMap,
  contexts: Set<string>,
  reading: Reading,
  context: DiscoverContext,
  ownImages: ReadonlySet<string>,
): void {
  const argsNode = entry(build, 'args')
  if (argsNode === undefined || pairs(argsNode).length === 0) return
  const folder = composeString(entry(build, 'context')) ?? '.'
  const name = composeString(entry(build, 'dockerfile')) ?? 'Dockerfile'
  if (typeof folder !== 'string' || typeof name !== 'string') return
  if ([folder, name].some((p) => p.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || p.startsWith('git@'))) return
  if (posix.isAbsolute(folder) || posix.isAbsolute(name)) return
  const file = posix.normalize(posix.join(posix.dirname(reading.input.file), folder, name))
  const text = context.readText(file)
  if (text === null) return
  const args = buildArgs(field, build, reading)
  if (args === undefined) return
  const found = buildArgImages({file, text}, {args, contexts}, ownImages)
  const argsAt = locationOf(reading.input.file, argsNode)
  for (const component of found.components)
    reading.out.components.push({...component, locations: [...component.locations, argsAt]})
  for (const skip of found.skipped)
    reading.out.skipped.push({...skip, message: `${field} with its args (${reading.input.file}): ${skip.message}`})
}

/** A string value interpolated from the .env beside the file, undefined when it is not known; nothing reported. */
function quietValue(node: YamlNode | undefined, reading: Reading): string | undefined {
  const written = composeString(node)
  if (typeof written !== 'string') return undefined
  const env = envLookup(reading)
  const result = substitute(written, {escape: '$$', lookup: env.lookup})
  return result.ok && result.unset.length === 0 && env.fromEnv.length === 0 && env.unreadable.length === 0
    ? result.value
    : undefined
}

/**
 * Where index `index` of `interpolated` is in `own`, when the interpolation only turned `$$` into `$` (the Dockerfile's
 * own `$${ARG}`, `$$BUILDPLATFORM`); undefined when it did more.
 */
function unescapedIndex(own: string, interpolated: string, index: number): number | undefined {
  if (own.replaceAll('$$', '$') !== interpolated) return undefined
  let i = 0
  for (let j = 0; j < index && i < own.length; j++) i += own.startsWith('$$', i) ? 2 : 1
  return i
}

/** A variable's value in the .env beside the file, when it sets one that is read (otherwise undefined). */
function dotEnvValue(name: string, {readEnvOnce}: Reading): string | undefined {
  const found = readEnvOnce().vars.get(name)
  return found?.ok && found.unset.length === 0 ? found.value : undefined
}

/** `NAME=value` as Compose splits a list item of `args`; `NAME` alone has no value here. */
function splitArg(item: string): [string, string | undefined] {
  const equals = item.indexOf('=')
  return equals < 0 ? [item, undefined] : [item.slice(0, equals), item.slice(equals + 1)]
}

/** A scalar build argument as Compose passes it (numbers and booleans as written); a collection is no value. */
function scalarText(node: YamlNode): string | undefined {
  return isScalar(node) ? node.text : undefined
}

/**
 * Where a line and column of the inline Dockerfile are in the Compose file. In a literal block scalar (`|`) each line
 * of the Dockerfile is a line of the file, after the block's indentation: a place the interpolation left as written up to
 * it keeps its column, another is placed at its line's start. Any other scalar (quoted, folded, plain), or a line that is not
 * found where the block puts it, is placed at the value.
 */
function inlinePlace(
  source: string,
  node: YamlNode,
  written: string,
  text: string,
): (line: number | undefined, column: number | undefined) => {line: number; column: number} {
  const atValue = {line: node.line, column: node.column}
  const sourceLines = source.split('\n')
  const literal = sourceLines[node.line - 1]?.charAt(node.column - 1) === '|'
  const writtenLines = written.split('\n')
  const textLines = text.split('\n')
  if (!literal || writtenLines.length !== textLines.length) return () => atValue
  return (line, column) => {
    if (line === undefined) return atValue
    const own = writtenLines[line - 1] ?? ''
    const there = (sourceLines[node.line + line - 1] ?? '').replace(/\r$/, '')
    if (own === '' || !there.endsWith(own)) return atValue
    const indent = there.length - own.length
    // Interpolation changed the line after the column, or not at all: the column is where the text puts it; it
    // changed the line before it only (`FROM --platform=$$BUILDPLATFORM golang`): as far from the line's end.
    const before = (column ?? 1) - 1
    const interpolated = textLines[line - 1] ?? ''
    if (own.slice(0, before) === interpolated.slice(0, before))
      return {line: node.line + line, column: indent + before + 1}
    const unescaped = unescapedIndex(own, interpolated, before)
    const after = interpolated.slice(before)
    const at = unescaped ?? (own.endsWith(after) ? own.length - after.length : 0)
    return {line: node.line + line, column: indent + at + 1}
  }
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
  reading: Reading,
): Component | undefined {
  const value = interpolate(field, node, written, reading)
  if (value === undefined) return undefined
  const location = locationOf(reading.input.file, node)
  const parsed = parseImageRef(value)
  if (!parsed.ok) {
    reading.out.errors.push({
      ...location,
      code: 'invalid-image-ref',
      message: `invalid image reference "${value}": ${parsed.message}`,
    })
    return undefined
  }
  const component: Component = imageComponent(parsed.image, written as string, location, 'manifest')
  reading.out.components.push(component)
  return component
}

/**
 * A string value as Compose interpolates it from the .env beside the file (`$$` is a `$`); undefined, with the
 * error or skip said, when it is not a string, cannot be interpolated or uses a variable not set here.
 */
function interpolate(
  field: string,
  node: YamlNode,
  written: string | {problem: string} | undefined,
  reading: Reading,
): string | undefined {
  const {input, out} = reading
  const location = locationOf(input.file, node)
  if (typeof written !== 'string') {
    const message = written?.problem ?? ' must be a string'
    out.errors.push(errorAt(input.file, node, 'invalid-compose', `${field}${message}`))
    return undefined
  }
  const env = envLookup(reading)
  const result = substitute(written, {escape: '$$', lookup: env.lookup})
  if (!result.ok || env.unreadable.length > 0) {
    const message = result.ok ? `.env variable ${[...new Set(env.unreadable)].join(', ')} not read` : result.message
    out.errors.push({...location, code: 'invalid-variable', message: `${field}: ${message}`})
    return undefined
  }
  const unset = [...new Set([...result.unset, ...env.fromEnv])]
  if (unset.length > 0) {
    out.skipped.push({
      file: input.file,
      line: location.line,
      reason: 'unset-variable',
      message: `${field} "${elide(written, 200)}": ${unset.join(', ')} not set here (no default, not in .env); set it and scan the output of \`docker compose config\``,
    })
    return undefined
  }
  return result.value
}

/** Compose's variables as the .env beside the file sets them; what was used from .env unset or unreadable is kept. */
function envLookup({readEnvOnce}: Reading): {
  lookup: (variable: string) => string | undefined
  fromEnv: string[]
  unreadable: string[]
} {
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
  return {lookup, fromEnv, unreadable}
}

/** The Dockerfile lines images come from: FROM, global ARGs, COPY --from, RUN --mount, the syntax directive. */
const IMAGE_LINE = /^\s*(?:FROM|ARG|COPY\s.*--from|RUN\s.*--mount)\b|^\s*#\s*syntax\s*=/i

/**
 * An inline Dockerfile as Compose interpolates it, line by line. A variable not set here (a shell's `$HOME` in a
 * `RUN`, which Compose fills in from its environment, or with nothing) matters only on the lines images come from
 * (and their continuations): there the Dockerfile is skipped, as an image would be; elsewhere it is left empty, as
 * Compose leaves an unset one, which changes no image.
 */
function interpolateDockerfile(
  field: string,
  node: YamlNode,
  written: string | {problem: string} | undefined,
  reading: Reading,
): string | undefined {
  const {input, out} = reading
  if (typeof written !== 'string') return interpolate(field, node, written, reading)
  const env = envLookup(reading)
  const lines: string[] = []
  const unsetOnImageLines: string[] = []
  let continued = false
  for (const [i, line] of written.split('\n').entries()) {
    const imageLine: boolean = continued || IMAGE_LINE.test(line)
    continued = imageLine && /\\\r?$/.test(line)
    if (!line.includes('$')) {
      lines.push(line)
      continue
    }
    const result = substitute(line, {escape: '$$', lookup: env.lookup})
    if (!result.ok) {
      out.errors.push({
        ...locationOf(input.file, node),
        code: 'invalid-variable',
        message: `${field}: line ${i + 1} of the Dockerfile: ${result.message}`,
      })
      return undefined
    }
    if (imageLine)
      for (const name of result.unset) unsetOnImageLines.push(`${name} (line ${i + 1} of the inline Dockerfile)`)
    lines.push(result.value)
  }
  if (env.unreadable.length > 0) {
    out.errors.push({
      ...locationOf(input.file, node),
      code: 'invalid-variable',
      message: `${field}: .env variable ${[...new Set(env.unreadable)].join(', ')} not read`,
    })
    return undefined
  }
  const unset = [...new Set([...unsetOnImageLines, ...env.fromEnv])]
  if (unset.length > 0) {
    out.skipped.push({
      file: input.file,
      line: node.line,
      reason: 'unset-variable',
      message: `${field}: ${unset.slice(0, 8).join(', ')} not set here (no default, not in .env), on the lines its images come from; set it and scan the output of \`docker compose config\``,
    })
    return undefined
  }
  return lines.join('\n')
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
