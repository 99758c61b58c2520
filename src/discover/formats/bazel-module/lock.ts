/**
 * MODULE.bazel.lock (https://bazel.build/external/lockfile): the registry modules Bazel's last resolution selected.
 * - Bazel 7.2 and later (`registryFileHashes`): the hash of every registry file the resolution fetched. Its
 *   `<registry>/modules/<name>/<version>/MODULE.bazel` keys name every version discovery read, selected or not; its
 *   `…/source.json` keys are fetched only for the modules of the resolved graph that come from a registry
 *   (BazelModuleResolutionFunction: a RepoSpec, hence a source.json, per module of the resolved dependency graph
 *   whose registry is not null). Those are listed, from the registry that key names.
 * - Bazel 6.2 to 7.1 (`moduleDepGraph`): the resolved graph itself, `name@version` keys; a module of a non-registry
 *   override is keyed `name@_` and is left to MODULE.bazel. Which registry a module came from is not recorded: the
 *   modules are listed as those of the one registry `flags.cmdRegistries` names (the default: the BCR); with
 *   several, they are skipped (`unsupported`), not guessed.
 */
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {trimEnd} from '../../../core/trim-end.js'
import {elide} from '../../../core/elide.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {isJsonObject, type JsonObject, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {lockfileError, lockfileFailure} from '../../lockfile-support/problems.js'
import type {DiscoverContext, DiscoverOutput} from '../../types.js'
import {readModuleFile} from './module-file.js'

/** `<registry>/modules/<name>/<version>/source.json`; module names and versions hold no `/`. */
const SOURCE_JSON = /^(.+)\/modules\/([^/]+)\/([^/]+)\/source\.json$/

/** A key at the start of a line of Bazel's pretty-printed JSON (no escapes in it: those fall back to the object's line). */
const KEY_LINE = /^\s*"([^"\\]*)"\s*:/

export function discoverLock(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  const read = readLockfileJson(file, text, {
    skip: (path) =>
      path.length === 1 &&
      path[0] !== 'lockFileVersion' &&
      path[0] !== 'registryFileHashes' &&
      path[0] !== 'moduleDepGraph' &&
      path[0] !== 'flags',
  })
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root} = read
  const errors: ScanError[] = [...read.errors]
  const skipped: Skipped[] = []
  const at = (key: string) => document.topLevelKeys.get(key) ?? {line: 1, column: 1}
  if (typeof root.lockFileVersion !== 'number') {
    const {line, column} = at('lockFileVersion')
    return lockfileFailure(file, 'invalid-lockfile', "'lockFileVersion' must be a number", line, column)
  }
  const direct = directNames(file, context)
  const components: Component[] = []
  const hashes = root.registryFileHashes
  if (hashes !== undefined) {
    if (!isJsonObject(hashes)) {
      const {line, column} = at('registryFileHashes')
      return lockfileFailure(file, 'invalid-lockfile', "'registryFileHashes' must be an object", line, column)
    }
    const lines = keyLines(text)
    const fallback = at('registryFileHashes')
    for (const key of Object.keys(hashes)) {
      const match = SOURCE_JSON.exec(key)
      if (match === null) continue
      const [, registry, name, version] = match
      const {line, column} = lines.get(key) ?? fallback
      components.push(
        packageComponent(file, {
          ecosystem: 'bazel',
          name,
          version,
          ref: `${name}@${version}`,
          line,
          column,
          direct: direct === undefined ? undefined : direct.has(name),
          qualifiers: isPublicRegistry('bazel', registry) ? undefined : {repository_url: trimEnd(registry, '/')},
        }),
      )
    }
    return {components, skipped, errors}
  }
  const graph = root.moduleDepGraph
  if (!isJsonObject(graph)) {
    const {line, column} = at('lockFileVersion')
    const message = `lockFileVersion ${root.lockFileVersion}: neither 'registryFileHashes' nor 'moduleDepGraph' is there (supported: Bazel 6.2 and later)`
    return lockfileFailure(file, 'unsupported-version', message, line, column)
  }
  const registries = isJsonObject(root.flags) && Array.isArray(root.flags.cmdRegistries) ? root.flags.cmdRegistries : []
  const registry =
    registries.length === 0 ? 'https://bcr.bazel.build/' : registries.length === 1 ? registries[0] : undefined
  for (const [key, entry] of Object.entries(graph)) {
    if (!isJsonObject(entry) || key === '<root>') continue
    const {line, column} = document.positionOf(entry)
    const {name, version} = entry
    if (typeof name !== 'string' || typeof version !== 'string') {
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `moduleDepGraph.${elide(key, 200)}: name and version must be strings`,
          line,
          column,
        ),
      )
      continue
    }
    // `name@_`: a non-registry override or a module built into Bazel (bazel_tools, local_config_platform).
    if (version === '' || key.endsWith('@_') || !hasRepoSpec(entry)) continue
    if (typeof registry !== 'string') {
      skipped.push({
        file,
        line,
        reason: 'unsupported',
        message: `${elide(key, 200)}: the lockfile names several registries (flags.cmdRegistries) and not which one this module came from: not listed`,
      })
      continue
    }
    components.push(
      packageComponent(file, {
        ecosystem: 'bazel',
        name,
        version,
        ref: key,
        line,
        column,
        direct: direct === undefined ? undefined : direct.has(name),
        qualifiers: isPublicRegistry('bazel', registry) ? undefined : {repository_url: trimEnd(registry, '/')},
      }),
    )
  }
  return {components, skipped, errors}
}

function hasRepoSpec(entry: JsonObject): boolean {
  return isJsonObject(entry.repoSpec)
}

/** The modules the MODULE.bazel beside the lock names in its bazel_deps; undefined without one. */
function directNames(file: string, context: DiscoverContext): Set<string> | undefined {
  const moduleFile = file.replace(/\.lock$/, '')
  const text = context.readText(moduleFile)
  if (text === null) return undefined
  return readModuleFile(moduleFile, text, context).depNames
}

/** Where each key written at the start of a line is (its opening quote), first occurrence. */
function keyLines(text: string): Map<string, {line: number; column: number}> {
  const lines = new Map<string, {line: number; column: number}>()
  let line = 1
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const content = text.slice(start, end)
    const match = KEY_LINE.exec(content)
    if (match !== null && !lines.has(match[1])) lines.set(match[1], {line, column: content.indexOf('"') + 1})
    line++
    start = end + 1
  }
  return lines
}
