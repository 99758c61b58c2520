/**
 * pixi's lockfile, `pixi.lock` (https://pixi.sh/latest/workspace/lockfile/): YAML written by rattler_lock, versions 5,
 * 6 and 7 (7 as dask's pixi.lock writes it; its `packages:` entries are written as in 6).
 * - The top-level `packages:` list holds one entry per locked artifact: `- pypi: LOCATION` (6, 7) or `- kind: pypi`
 *   with `url:`/`path:` (5), with `name` and `version`: each a `pypi` package, listed once per entry as the file
 *   writes it (a wheel per platform is an entry of its own), at the entry's line and column. No scope and no
 *   direct flag: the lockfile says which environments take a package (`environments:`), not what the project asks
 *   for nor whether it is for development.
 * - Where a PyPI package comes from: its `index:` (7) as `repository_url` (nothing for PyPI's); else from its
 *   location: a file of PyPI's host nothing, another URL (6's `direct+https://…` too) `download_url`;
 *   `git+…#commit` `vcs_url`; a path (`.`, `./pkg`, `file:`) or `editable: true` a local package (no purl).
 * - `- conda: URL` (6, 7), `- conda_source: …` (7: built from source by pixi-build) and `- kind: conda` (5) entries: stewards has no conda ecosystem; one `unsupported` Skipped
 *   per file counts them, at the `packages:` line.
 * - Another `version:` is `unsupported-version` (older pixi wrote another layout), and nothing is read.
 * Read with the project's YAML reader (../../yaml.ts: js-yaml's fast path, positions on every node, scalars as
 * written, so `version: 1.10` stays `1.10`); linear in the file (dask's 3 MB lockfile).
 */
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {normalizePypiName} from '../../../core/package-names.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {redactSecrets, urlWithoutCredentials} from '../../../core/redact.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {directReference, indexQualifiers, type PackageWhere} from '../../lockfile-support/pypi-index.js'
import {lockfileFailure} from '../../lockfile-support/problems.js'
import {errorAt} from '../../output.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {describe, isAbsent, isMap, isSeq, stringValue, text, type YamlMap} from '../../yaml-tree.js'

const SUPPORTED_VERSIONS = new Set(['5', '6', '7'])

export const discoverer: Discoverer = {
  id: 'pixi-lock',
  description: 'pixi.lock (version 5, 6, 7): its PyPI packages (conda packages reported, not read)',
  matches: (file) => /(^|\/)pixi\.lock$/.test(file),
  identify: (head) => /^version: [0-9]+\s*$/m.test(head) && /^environments:\s*$/m.test(head),
  discover: ({file, text}) => discoverPixiLock(file, text),
}

/** A location pixi writes for a PyPI package: a URL (a file, `git+…`) or a path of the workspace. */
function whereFrom(location: string, editable: boolean, index: string | undefined): PackageWhere {
  if (editable || !/^[a-z][a-z0-9+.-]*:/i.test(location) || location.startsWith('file:')) return {local: true}
  if (/^https?:/i.test(location) && index !== undefined)
    return {qualifiers: indexQualifiers(urlWithoutCredentials(index))}
  // 6 writes a `url` source as `direct+https://…` (examples/pypi-source-deps of pixi): the file's URL after `direct+`.
  const url = urlWithoutCredentials(location.replace(/^direct\+/i, ''))
  if (/^https?:/i.test(url) && isPublicRegistry('pypi', url)) return {}
  return directReference(url)
}

export function discoverPixiLock(file: string, source: string): DiscoverOutput {
  if (source.trim() === '') return {components: [], errors: []}
  const yaml = readYaml(source, file)
  const errors: ScanError[] = [...yaml.errors]
  const root = yaml.documents.find((doc) => doc.root !== null)?.root
  if (root === undefined || root === null) return {components: [], errors}
  if (!isMap(root)) {
    errors.push(errorAt(file, root, 'invalid-entry', `a pixi.lock is a mapping, not ${describe(root)}`))
    return {components: [], errors}
  }
  const versionNode = root.entries.get('version')
  const version = text(versionNode)
  if (version === undefined || !SUPPORTED_VERSIONS.has(version)) {
    const message = `unknown pixi.lock version ${JSON.stringify(version ?? 'missing')} (supported: 5, 6, 7)`
    return lockfileFailure(file, 'unsupported-version', message, versionNode?.line ?? 1, versionNode?.column)
  }
  const packages = root.entries.get('packages')
  const components: Component[] = []
  const skipped: Skipped[] = []
  if (isAbsent(packages)) return {components, skipped, errors}
  if (!isSeq(packages)) {
    errors.push(errorAt(file, packages, 'invalid-entry', `packages must be a list, not ${describe(packages)}`))
    return {components, skipped, errors}
  }
  let conda = 0
  packages.items.forEach((item, index) => {
    const where = `packages #${index + 1}`
    if (!isMap(item)) {
      errors.push(errorAt(file, item, 'invalid-entry', `${where}: an entry is a mapping, not ${describe(item)}`))
      return
    }
    const kind = entryKind(item, version)
    if (kind === 'conda') conda++
    else if (kind === 'pypi') pypiEntry(file, item, version, where, components, errors)
    else
      errors.push(
        errorAt(file, item, 'invalid-entry', `${where}: neither a conda nor a pypi entry (${elide(kind.other, 100)})`),
      )
  })
  if (conda > 0)
    skipped.push({
      file,
      line: keyLine(source, packages.line),
      reason: 'unsupported',
      message: `${conda} conda package${conda === 1 ? '' : 's'} not read: stewards has no conda ecosystem (no resolver for conda channels); only the PyPI packages are read`,
    })
  return {components, skipped, errors}
}

/** `conda`/`pypi`: the entry's first key (6, 7) or its `kind:` (5). */
function entryKind(item: YamlMap, version: string): 'conda' | 'pypi' | {other: string} {
  if (version === '5') {
    const kind = text(item.entries.get('kind'))
    return kind === 'conda' || kind === 'pypi' ? kind : {other: `kind: ${kind ?? 'missing'}`}
  }
  // 7: `conda_source: name[hash] @ path-or-git` is a conda package pixi builds from source (pixi-build).
  if (item.entries.has('conda') || item.entries.has('conda_source')) return 'conda'
  if (item.entries.has('pypi')) return 'pypi'
  const first = item.entries.keys().next().value
  return {other: first === undefined ? 'an empty mapping' : `its first key is '${first}'`}
}

function pypiEntry(
  file: string,
  item: YamlMap,
  version: string,
  where: string,
  components: Component[],
  errors: ScanError[],
): void {
  const name = stringValue(item.entries.get('name'))
  const locked = text(item.entries.get('version'))
  const location =
    version === '5'
      ? (stringValue(item.entries.get('url')) ?? stringValue(item.entries.get('path')))
      : stringValue(item.entries.get('pypi'))
  if (name === undefined || !/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name)) {
    const what = name === undefined ? 'no name' : `'${elide(name, 100)}', not a package name`
    errors.push(errorAt(file, item, 'invalid-entry', `${where}: a pypi entry with ${what}`))
    return
  }
  const editable = text(item.entries.get('editable')) === 'true'
  const index = stringValue(item.entries.get('index'))
  const from = location === undefined ? {} : whereFrom(location, editable, index)
  const exact = locked !== undefined && locked !== '' && !from.local ? locked : undefined
  components.push(
    packageComponent(file, {
      ecosystem: 'pypi',
      name: normalizePypiName(name),
      version: exact,
      ref: redactSecrets(locked === undefined ? name : `${name} ${locked}`),
      line: item.line,
      column: item.column,
      ...(from.local ? {local: true} : {}),
      ...(from.qualifiers ? {qualifiers: from.qualifiers} : {}),
    }),
  )
}

/** The line of the top-level `packages:` key (written at column 1); the list's own line when not found. */
function keyLine(source: string, fallback: number): number {
  const match = /^packages[ \t]*:/m.exec(source)
  if (match === null) return fallback
  let line = 1
  for (let at = source.indexOf('\n'); at !== -1 && at < match.index; at = source.indexOf('\n', at + 1)) line++
  return line
}
