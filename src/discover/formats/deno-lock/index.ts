import {posix} from 'node:path'
import {purlString} from '../../../core/purl-string.js'
import {elide} from '../../../core/elide.js'
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {isJsonObject, type JsonObject, type JsonValue, readLockfileJson} from '../../lockfile-support/json-reader.js'
import type {Position} from '../../../core/line-index.js'
import {parseDescriptor, registryQualifiers, sourceQualifiers} from '../../lockfile-support/npm-name.js'
import {NO_REGISTRIES, type NpmRegistries, npmrcRegistries} from '../../lockfile-support/npm-registries.js'
import {keyPositions} from '../../lockfile-support/json-key-positions.js'
import {lockfileError, lockfileFailure} from '../../lockfile-support/problems.js'
import {pathsAbove} from '../../paths-above.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'deno-lock',
  description:
    'Deno deno.lock (versions 2 to 5), the lock file a deno.json names elsewhere, and a deno.json import map where no lock pins it',
  matches(file) {
    // A package installed in node_modules may ship its own deno.json: its imports are not this project's.
    return /(^|\/)deno\.(?:lock|jsonc?)$/.test(file) && !/(^|\/)node_modules\//.test(file)
  },
  // Deno writes `version` first, then the sections in this order (deno_lockfile's printer).
  identify: (head) =>
    /^\{\s*"version":\s*"[2-5]",\s*"(specifiers|packages|jsr|npm|redirects|remote|workspace)":/.test(head),
  discover: ({file, text}, context) =>
    DENO_CONFIG.test(file)
      ? denoConfig(file, text, context)
      : discoverDenoLock(file, text, npmrcRegistries(context, file)),
}

const DENO_CONFIG = /(^|\/)deno\.jsonc?$/

/** The keys of a deno.json this format reads: its lock, and its import map when no lock pins what it asks for. */
const CONFIG_KEYS: ReadonlySet<string> = new Set(['lock', 'imports', 'scopes', 'importMap'])

/**
 * A `deno.json` (or `deno.jsonc`): its lock, and, where no lock pins them, the dependencies its import map declares.
 * - `lock` naming a file other than the `deno.lock` beside it (`"lock": "locks/app.lock"`, or `{"path": …, "frozen":
 *   true}`: https://docs.deno.com/runtime/fundamentals/configuration/): that file is the project's lock, which the walk
 *   does not know by its name, read here at its own path. A path whose name is `deno.lock` is read by the walk.
 * - `imports` and `scopes` (https://docs.deno.com/runtime/fundamentals/modules/): read (declaredImports) only when no
 *   lock is there to pin them: `"lock": false`, or no lock file in the tree (not the named one, nor a `deno.lock`
 *   beside the file or in a folder above it, a workspace root's, which locks its members' imports too).
 * The rest of the configuration is not read.
 */
function denoConfig(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  const read = readLockfileJson(file, text, {
    jsonc: true,
    skip: (path) => path.length > 0 && !CONFIG_KEYS.has(path[0]),
    duplicateMatters: (path) => path[0] === 'lock',
  })
  if (!read.ok) return {components: [], errors: read.errors}
  const lock = read.root.lock
  const path =
    typeof lock === 'string' ? lock : isJsonObject(lock) && typeof lock.path === 'string' ? lock.path : undefined
  const at = read.document.topLevelKeys.get('lock') ?? {line: 1, column: 1}
  const exists = (target: string) => context.exists?.(target) ?? context.readText(target) !== null
  const declared = () => declaredImports(file, text, read.root, read.document, context)
  if (lock === false) return withErrors(declared(), read.errors)
  if (path === undefined || path.trim() === '' || posix.basename(path.trim()) === 'deno.lock') {
    const target = path?.trim() ? posix.normalize(posix.join(posix.dirname(file), path.trim())) : undefined
    const locked = (target !== undefined && exists(target)) || [...pathsAbove(file, 'deno.lock')].some(exists)
    return withErrors(locked ? {components: []} : declared(), read.errors)
  }
  const target = posix.normalize(posix.join(posix.dirname(file), path.trim()))
  const lockText = context.readText(target)
  if (lockText !== null) {
    const out = discoverDenoLock(target, lockText, npmrcRegistries(context, file))
    return withErrors(out, read.errors)
  }
  // Not there yet (Deno writes it on its first run), or outside the scanned folder (never read from there).
  const out = declared()
  return withErrors(
    {
      ...out,
      skipped: [
        {
          file,
          line: at.line,
          reason: 'unsupported',
          message: `the lock file ${JSON.stringify(elide(path.trim(), 200))} that deno.json names is not in the tree: not read`,
        },
        ...(out.skipped ?? []),
      ],
    },
    read.errors,
  )
}

function withErrors(out: DiscoverOutput, errors: readonly ScanError[]): DiscoverOutput {
  return {...out, errors: [...errors, ...(out.errors ?? [])]}
}

/** `jsr:` and `npm:` specifiers of an import map: `[/]name[@range][/subpath]` (a JSR name is always scoped). */
const JSR_SPECIFIER = /^\/?(@[^/@\s]+\/[^/@\s]+)(?:@([^/\s]*))?(?:\/.*)?$/
const NPM_SPECIFIER = /^\/?((?:@[^/@\s]+\/)?[^/@\s]+)(?:@([^/\s]*))?(?:\/.*)?$/
/**
 * One version, as Deno's semver reads a version (`1.2.3`, `=1.2.3`, `v1.2.3`, a prerelease and build); any other
 * range (`^1`, `1`, `~1.2`, `*`, none) is several versions or a moving one: listed without a version, as the
 * npm-package-json format lists a package.json range. Bounded repetitions: linear.
 */
const EXACT_VERSION =
  /^=?\s*v?(\d{1,16}\.\d{1,16}\.\d{1,16}(?:-[0-9A-Za-z-]{1,64}(?:\.[0-9A-Za-z-]{1,64}){0,32})?(?:\+[0-9A-Za-z-]{1,64}(?:\.[0-9A-Za-z-]{1,64}){0,32})?)$/

/**
 * What a deno.json's import map declares (`imports`, and each of `scopes`; https://docs.deno.com/runtime/fundamentals/modules/):
 * - `jsr:@scope/name@range[/path]`: a JSR package (`generic`, `jsr.io/@scope/name`, as in the lock), `npm:name@range`
 *   an npm package (its registry the `.npmrc` beside names, as for the lock); `direct`, origin `manifest`, at the
 *   entry's key (a scope's entries at the scope's key). An exact version is the version; a range is listed without
 *   one, the value kept in `ref` (as package.json ranges are).
 * - `https:`/`http:` URLs: modules, not packages: counted in one `remote-resource` report, as the lock's are.
 * - Paths (`./`, `../`, `/`, `file:`), `node:` built-ins and `data:` URLs: nothing to list.
 * - `importMap` (an import map kept in another file): not read, reported.
 */
function declaredImports(
  file: string,
  text: string,
  root: JsonObject,
  document: {positionOf(value: JsonObject): Position; topLevelKeys: Map<string, Position>},
  context: DiscoverContext,
): DiscoverOutput {
  const components: Component[] = []
  const skipped: Skipped[] = []
  const errors: ScanError[] = []
  const start = {line: 1, column: 1}
  const registries = npmrcRegistries(context, file)
  errors.push(...registries.errors)
  const remote: string[] = []
  let remoteAt: Position | undefined
  const keys = keyPositions(text, new Set(['imports']))
  const maps: Array<{
    map: JsonValue | undefined
    at: Position
    keyAt?: (key: string) => Position | undefined
    path: string
  }> = [
    {
      map: root.imports,
      at: document.topLevelKeys.get('imports') ?? start,
      keyAt: (key) => keys.get('imports')?.get(key),
      path: 'imports',
    },
  ]
  if (root.scopes !== undefined) {
    const scopesAt = document.topLevelKeys.get('scopes') ?? start
    if (!isJsonObject(root.scopes))
      errors.push(lockfileError(file, 'invalid-entry', '`scopes` is not an object', ...place(scopesAt)))
    else
      for (const [scope, map] of Object.entries(root.scopes))
        maps.push({
          map,
          at: isJsonObject(map) ? document.positionOf(map) : scopesAt,
          path: `scopes[${JSON.stringify(elide(scope, 100))}]`,
        })
  }
  for (const {map, at, keyAt, path} of maps) {
    if (map === undefined) continue
    if (!isJsonObject(map)) {
      errors.push(lockfileError(file, 'invalid-entry', `\`${path}\` is not an object`, ...place(at)))
      continue
    }
    for (const [key, value] of Object.entries(map)) {
      const where = keyAt?.(key) ?? at
      if (typeof value !== 'string') {
        errors.push(
          lockfileError(
            file,
            'invalid-entry',
            `${path} ${JSON.stringify(elide(key, 100))}: not a string`,
            ...place(where),
          ),
        )
        continue
      }
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase()
      if (scheme === 'jsr' || scheme === 'npm') {
        const match = (scheme === 'jsr' ? JSR_SPECIFIER : NPM_SPECIFIER).exec(value.slice(4))
        if (!match) {
          errors.push(
            lockfileError(
              file,
              'invalid-entry',
              `${path} ${JSON.stringify(elide(key, 100))}: ${JSON.stringify(elide(value, 200))} is not ${scheme}:name[@range][/path]`,
              ...place(where),
            ),
          )
          continue
        }
        const [, name, range = ''] = match
        const version = range.length > 512 ? undefined : EXACT_VERSION.exec(range.trim())?.[1]
        components.push(
          scheme === 'npm'
            ? packageComponent(file, {
                ecosystem: 'npm',
                name,
                version,
                ref: value,
                line: where.line,
                column: where.column,
                direct: true,
                origin: 'manifest',
                qualifiers: registryQualifiers(registries.registryOf(name)),
              })
            : declaredJsr(file, name, version, value, where),
        )
      } else if (scheme === 'https' || scheme === 'http') {
        remote.push(value)
        remoteAt ??= where
      }
      // Paths, `file:`, `node:` and `data:`: the project's own files or the runtime's, nothing to list.
    }
  }
  if (remote.length > 0) {
    skipped.push({
      file,
      line: (remoteAt ?? start).line,
      reason: 'remote-resource',
      message: `${remote.length} import map entr${remote.length === 1 ? 'y' : 'ies'} of remote modules (URL imports from ${hostsOf(remote)}) not listed: they are files, not packages`,
    })
  }
  if (typeof root.importMap === 'string' && root.importMap.trim() !== '') {
    const at = document.topLevelKeys.get('importMap') ?? start
    skipped.push({
      file,
      line: at.line,
      reason: 'unsupported',
      message: `importMap ${JSON.stringify(elide(root.importMap, 200))}: the dependencies of an import map kept in another file are not read`,
    })
  }
  return {components, skipped, errors}
}

/** A JSR package an import map declares: as jsrComponent, its version only when exact. */
function declaredJsr(
  file: string,
  id: string,
  version: string | undefined,
  written: string,
  where: Position,
): Component {
  if (version !== undefined) {
    const component = jsrComponent(file, {name: id, version}, where, true)
    return {...component, ref: written, origin: 'manifest'}
  }
  const name = `jsr.io/${id}`
  const slash = name.lastIndexOf('/')
  let purl: string | undefined
  try {
    purl = purlString('generic', name.slice(0, slash), name.slice(slash + 1), undefined, undefined, undefined)
  } catch {
    purl = undefined
  }
  const component = {kind: 'package', ecosystem: 'generic', name} as Component
  if (purl !== undefined) component.purl = purl
  component.ref = written
  component.direct = true
  component.origin = 'manifest'
  component.locations = [{file, line: where.line, column: where.column}]
  return component
}

/** A package id as Deno writes it: `name@version`, an npm id with its peers after `_` (`a@1.0.0_b@2.0.0`). */
interface PackageId {
  name: string
  version: string
}

/**
 * `@scope/name@1.2.3_peer@4.5.6` → name and version: the name ends at the first `@` after its first character, the
 * version at the first `_` (peers; a semver version has no `_`). Undefined when either is empty.
 */
function parseId(id: string): PackageId | undefined {
  const {name, range} = parseDescriptor(id)
  const underscore = range.indexOf('_')
  const version = underscore === -1 ? range : range.slice(0, underscore)
  return name === '' || version === '' ? undefined : {name, version}
}

/** The sections of a lockfile of any version, as version 5 has them (deno_lockfile's transforms, without a registry). */
interface Sections {
  /** Requested package (`npm:chalk@5`, `jsr:@std/path@^1`) → the package id it resolved to (`npm:chalk@5.0.1`). */
  specifiers: Map<string, string>
  npm: JsonObject
  npmAt: Position
  jsr: JsonObject
  jsrAt: Position
  workspace?: JsonValue
  remote?: JsonValue
  remoteAt: Position
}

function objectOr(value: JsonValue | undefined): JsonObject {
  return isJsonObject(value) ? value : {}
}

/** A specifier's value: `npm:chalk@5.0.1` (version 3), `chalk@5.0.1` (2), `5.0.1` (4, 5; the name is the key's). */
function resolvedId(key: string, value: string): string | undefined {
  const kind = key.slice(0, 4)
  const requested = parseDescriptor(key.slice(4)).name
  if (value.startsWith('npm:') || value.startsWith('jsr:')) return value
  if (value.startsWith(`${requested}@`)) return `${kind}${value}`
  return `${kind}${requested}@${value}`
}

/**
 * `registries`: what the `.npmrc` beside the lock names (Deno reads the project's `.npmrc` for its npm registries,
 * https://docs.deno.com/runtime/fundamentals/node/#private-registries), for npm packages whose entry has no tarball.
 */
export function discoverDenoLock(
  file: string,
  text: string,
  registries: NpmRegistries = NO_REGISTRIES,
): DiscoverOutput {
  const read = readLockfileJson(file, text)
  if (!read.ok) return {components: [], errors: read.errors}
  const {root, document} = read
  const at = (key: string) => document.topLevelKeys.get(key) ?? {line: 1, column: 1}
  const version = root.version
  const errors: ScanError[] = [...read.errors, ...registries.errors]
  const skipped: Skipped[] = []
  let sections: Sections
  if (version === undefined) {
    // Version 1: the whole file is `remote`.
    const start = {line: 1, column: 1}
    sections = {specifiers: new Map(), npm: {}, npmAt: start, jsr: {}, jsrAt: start, remote: root, remoteAt: start}
  } else if (version === '2' || version === '3' || version === '4' || version === '5') {
    const v2npm = version === '2' ? objectOr(root.npm) : undefined
    const v3packages = version === '3' ? objectOr(root.packages) : undefined
    const holder = v2npm ?? v3packages ?? root
    const rawSpecifiers = version === '2' ? v2npm?.specifiers : holder.specifiers
    const specifiers = new Map<string, string>()
    if (rawSpecifiers !== undefined && !isJsonObject(rawSpecifiers))
      errors.push(lockfileError(file, 'invalid-lockfile', '`specifiers` is not an object', ...place(at('specifiers'))))
    for (const [key, value] of Object.entries(objectOr(rawSpecifiers))) {
      // Version 2 names npm packages without the `npm:` scheme.
      const full = version === '2' ? `npm:${key}` : key
      if (typeof value !== 'string' || !/^(npm|jsr):./.test(full)) {
        const where = isJsonObject(rawSpecifiers) ? document.positionOf(rawSpecifiers) : at('specifiers')
        errors.push(lockfileError(file, 'invalid-entry', `specifier ${JSON.stringify(key)}`, ...place(where)))
        continue
      }
      const resolved = resolvedId(full, version === '2' ? `npm:${value}` : value)
      if (resolved !== undefined) specifiers.set(full, resolved)
    }
    const npm = version === '2' ? v2npm?.packages : holder.npm
    const jsr = holder.jsr
    for (const [name, value] of [
      ['npm', npm],
      ['jsr', jsr],
    ] as const)
      if (value !== undefined && !isJsonObject(value))
        errors.push(lockfileError(file, 'invalid-lockfile', `\`${name}\` is not an object`, ...place(at(name))))
    sections = {
      specifiers,
      npm: objectOr(npm),
      npmAt: at(version === '2' ? 'npm' : version === '3' ? 'packages' : 'npm'),
      jsr: objectOr(jsr),
      jsrAt: at(version === '3' ? 'packages' : 'jsr'),
      workspace: root.workspace,
      remote: root.remote,
      remoteAt: at('remote'),
    }
  } else {
    const message = `unknown deno.lock version ${JSON.stringify(version)} (supported: 2, 3, 4, 5)`
    return lockfileFailure(file, 'unsupported-version', message, ...place(at('version')))
  }

  const direct = directIds(sections)
  const components: Component[] = []
  const seen = new Set<string>()
  for (const kind of ['npm', 'jsr'] as const) {
    const section = kind === 'npm' ? sections.npm : sections.jsr
    for (const [key, entry] of Object.entries(section)) {
      const where = isJsonObject(entry) ? document.positionOf(entry) : kind === 'npm' ? sections.npmAt : sections.jsrAt
      const id = parseId(key)
      if (id === undefined || !isJsonObject(entry)) {
        errors.push(lockfileError(file, 'invalid-entry', `${kind} package ${JSON.stringify(key)}`, ...place(where)))
        continue
      }
      // One npm package locked with several sets of peers is one package.
      const identity = `${kind}:${id.name}@${id.version}`
      if (seen.has(identity)) continue
      seen.add(identity)
      const isDirect = direct === undefined ? undefined : direct.has(identity)
      components.push(
        kind === 'npm'
          ? npmComponent(file, id, key, entry, where, isDirect, registries)
          : jsrComponent(file, id, where, isDirect),
      )
    }
  }
  const remote = remoteReport(file, sections)
  if (remote !== undefined) skipped.push(remote)
  return {components, skipped, errors}
}

function place(position: Position): [number, number] {
  return [position.line, position.column]
}

function npmComponent(
  file: string,
  id: PackageId,
  key: string,
  entry: JsonObject,
  where: Position,
  direct: boolean | undefined,
  registries: NpmRegistries,
): Component {
  // Version 5 writes `tarball` when the package is not fetched from the registry's usual place.
  const tarball = typeof entry.tarball === 'string' ? entry.tarball : undefined
  return packageComponent(file, {
    ecosystem: 'npm',
    name: id.name,
    version: id.version,
    ref: key,
    line: where.line,
    column: where.column,
    direct,
    qualifiers: tarball !== undefined ? sourceQualifiers(tarball) : registryQualifiers(registries.registryOf(id.name)),
  })
}

/**
 * A JSR package (https://jsr.io): no purl type is registered for JSR, so a `generic` package named by its host
 * (`jsr.io/@std/path`), with the package version on jsr.io as its `download_url`.
 */
function jsrComponent(file: string, id: PackageId, where: Position, direct: boolean | undefined): Component {
  const name = `jsr.io/${id.name}`
  const slash = name.lastIndexOf('/')
  let purl: string | undefined
  try {
    const downloadUrl = `https://jsr.io/${id.name}/${id.version}`
    purl = purlString(
      'generic',
      name.slice(0, slash),
      name.slice(slash + 1),
      id.version,
      {download_url: downloadUrl},
      undefined,
    )
  } catch {
    purl = undefined
  }
  const component = {kind: 'package', ecosystem: 'generic', name, version: id.version} as Component
  if (purl !== undefined) component.purl = purl
  component.ref = `jsr:${id.name}@${id.version}`
  if (direct !== undefined) component.direct = direct
  component.origin = 'lockfile'
  component.locations = [{file, line: where.line, column: where.column}]
  return component
}

/** The string items of an array (a workspace's dependency list). */
function strings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/** The specifier Deno writes for the Node types it loads on its own (cli/tsc: `npm:@types/node@*`). */
const AUTO_TYPES_NODE = 'npm:@types/node@*'

/**
 * The package ids the project asks for itself: what its configuration lists (`workspace`: deno.json's imports,
 * package.json dependencies, of the root and each member), and what a specifier requests that no JSR package
 * depends on (an `npm:`/`jsr:` import in the project's own code). Undefined when the file has no specifiers.
 */
function directIds(sections: Sections): Set<string> | undefined {
  if (sections.specifiers.size === 0) return undefined
  const requested = new Set<string>()
  const workspace = objectOr(sections.workspace)
  const configs = [workspace, ...Object.values(objectOr(workspace.members)).map(objectOr)]
  for (const config of configs) {
    for (const item of strings(config.dependencies)) requested.add(item)
    for (const item of strings(objectOr(config.packageJson).dependencies)) requested.add(item)
  }
  // What JSR packages depend on: a full request, or (version 4 on) only `jsr:name` when it was requested once.
  const fromPackages = new Set<string>()
  for (const entry of Object.values(sections.jsr))
    if (isJsonObject(entry)) for (const item of strings(entry.dependencies)) fromPackages.add(item)
  for (const key of sections.specifiers.keys()) {
    // `npm:@types/node@*` is what Deno adds itself when it type-checks code that uses Node's modules (its lock
    // holds it with no import asking for it): not the project's own request, unless its configuration lists it.
    if (key === AUTO_TYPES_NODE) continue
    const bare = `${key.slice(0, 4)}${parseDescriptor(key.slice(4)).name}`
    if (!fromPackages.has(key) && !fromPackages.has(bare)) requested.add(key)
  }
  const ids = new Set<string>()
  for (const key of requested) {
    const resolved = sections.specifiers.get(key)
    const kind = resolved?.slice(0, 4)
    const id = resolved === undefined ? undefined : parseId(resolved.slice(4))
    if (id !== undefined && (kind === 'npm:' || kind === 'jsr:')) ids.add(`${kind}${id.name}@${id.version}`)
  }
  return ids
}

/** URL modules (`remote`: URL → hash): one report, with how many and from which hosts; they are not packages. */
function remoteReport(file: string, sections: Sections): Skipped | undefined {
  if (!isJsonObject(sections.remote)) return undefined
  const urls = Object.keys(sections.remote)
  if (urls.length === 0) return undefined
  return {
    file,
    line: sections.remoteAt.line,
    reason: 'remote-resource',
    message: `${urls.length} remote module${urls.length === 1 ? '' : 's'} (URL imports from ${hostsOf(urls)}) not listed: they are files, not packages`,
  }
}

/** The hosts of remote modules' URLs, sorted, at most ten named (`data:` and `file:` URLs by their scheme). */
function hostsOf(urls: readonly string[]): string {
  const hosts = new Set<string>()
  for (const url of urls) {
    try {
      const parsed = new URL(url)
      hosts.add(parsed.host === '' ? `${parsed.protocol} URLs` : parsed.host)
    } catch {
      hosts.add('(not a URL)')
    }
  }
  const list = [...hosts].sort()
  return (list.length > 10 ? [...list.slice(0, 10), `${list.length - 10} more`] : list).join(', ')
}
