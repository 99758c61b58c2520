/**
 * pixi's lockfile, `pixi.lock` (https://pixi.sh/latest/workspace/lockfile/): YAML written by rattler_lock, versions 4,
 * 5, 6 and 7 (7 as dask's pixi.lock writes it; its `packages:` entries are written as in 6; 4 as 5, without PyPI
 * indexes: rattler_lock's file_format_version.rs, parse/mod.rs).
 * - The top-level `packages:` list holds one entry per locked artifact: `- pypi: LOCATION` (6, 7) or `- kind: pypi`
 *   with `url:`/`path:` (4, 5), with `name` and `version`: each a `pypi` package, listed once per entry as the file
 *   writes it (a wheel per platform is an entry of its own), at the entry's line and column. No scope and no
 *   direct flag: the lockfile says which environments take a package (`environments:`), not what the project asks
 *   for nor whether it is for development.
 * - Where a PyPI package comes from: its `index:` (7) as `repository_url` (nothing for PyPI's); else from its
 *   location: a file of PyPI's host nothing, another URL (6's `direct+https://…` too) `download_url`;
 *   `git+…#commit` `vcs_url`; a path (`.`, `./pkg`, `file:`) or `editable: true` a local package (no purl).
 * - `- conda: URL` (6, 7), `- conda_source: …` (7: built from source by pixi-build) and `- kind: conda` (4, 5) entries: stewards has no conda ecosystem; one `unsupported` Skipped
 *   per file counts them, at the `packages:` line.
 * - Another `version:` is `unsupported-version` (older pixi wrote another layout), and nothing is read.
 * Read with the project's YAML reader (../../yaml.ts: js-yaml's fast path, positions on every node, scalars as
 * written, so `version: 1.10` stays `1.10`); a file past the size that reader gives positions for (8 MB) with js-yaml
 * alone (../../lockfile-support/plain-yaml.ts, as pnpm-lock reads large lockfiles), entries placed by a scan of the
 * lines that start them (fromPlain). Linear in the file (dask's 3 MB lockfile: about 0.4 s, 0.1 s without positions).
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
import {DEFAULT_YAML_LIMITS, readYaml} from '../../yaml.js'
import {loadPlainYaml} from '../../lockfile-support/plain-yaml.js'
import {NO_CONDA_ECOSYSTEM} from '../../lockfile-support/conda.js'
import {describe, isAbsent, isMap, isSeq, text, toPlain} from '../../yaml-tree.js'

const SUPPORTED_VERSIONS = new Set(['4', '5', '6', '7'])

/** 4 and 5 write `kind: conda`/`kind: pypi` entries; rattler_lock reads both alike (parse/mod.rs: `V4 | V5 => parse_from_document_v5`). */
function kindLayout(version: string): boolean {
  return version === '4' || version === '5'
}

export const discoverer: Discoverer = {
  id: 'pixi-lock',
  description: 'pixi.lock (version 4 to 7): its PyPI packages (conda packages reported, not read)',
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

/** What the reading of the file gives: plain values, and the places of the keys and entries read. */
interface Lock {
  errors: ScanError[]
  version: unknown
  versionAt?: Position
  packages: unknown
  packagesAt?: Position
  /** The place of each entry of `packages`, when it is a list. */
  entryAt: (index: number) => Position
}

interface Position {
  line: number
  column: number
}

/** With the project's YAML reader: positions on every node, scalars as written (`1.10` stays `1.10`). */
function fromTree(file: string, source: string): Lock | {errors: ScanError[]; entryAt?: undefined} {
  const yaml = readYaml(source, file)
  const errors: ScanError[] = [...yaml.errors]
  const root = yaml.documents.find((doc) => doc.root !== null)?.root
  if (root === undefined || root === null) return {errors}
  if (!isMap(root)) {
    errors.push(errorAt(file, root, 'invalid-entry', `a pixi.lock is a mapping, not ${describe(root)}`))
    return {errors}
  }
  const versionNode = root.entries.get('version')
  const packages = root.entries.get('packages')
  return {
    errors,
    version: text(versionNode),
    versionAt: versionNode,
    packages: isAbsent(packages) ? undefined : toPlain(packages),
    packagesAt: packages,
    entryAt: (index) => (isSeq(packages) ? packages.items[index] : undefined) ?? {line: 1, column: 1},
  }
}

/**
 * A lockfile past the size the YAML reader gives positions for (../../yaml.ts maxTreeBytes, 8 MB): read by js-yaml
 * without positions (../../lockfile-support/plain-yaml.ts, pnpm-lock's fast path), each entry placed at the n-th line
 * that starts a top-level list item after `packages:` (rattler_lock writes the list at column 1), when their count is
 * the list's length; else at the `packages:` line. undefined when js-yaml refuses the text or it holds anchors.
 */
function fromPlain(source: string): Lock | undefined {
  const fast = loadPlainYaml(source, (path) => path.length === 0)
  if (fast === undefined) return undefined
  const root = fast.value
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return undefined
  const keys = fast.keyPositions([]) ?? new Map<string, Position>()
  const data = root as Record<string, unknown>
  const packagesAt = keys.get('packages')
  const starts: number[] = []
  if (packagesAt !== undefined && Array.isArray(data.packages)) {
    let line = 1
    let inList = false
    for (let at = 0; at < source.length; ) {
      const next = source.indexOf('\n', at)
      const end = next === -1 ? source.length : next
      if (line > packagesAt.line) {
        const first = source.charCodeAt(at)
        // A top-level key ends the list; `- ` at column 1 starts an entry.
        if (first === 45 /* - */ && (source.charCodeAt(at + 1) === 32 || at + 1 === end)) {
          inList = true
          starts.push(line)
        } else if (inList && first !== 32 && first !== 35 /* # */ && at < end && first !== 13) break
      }
      line++
      at = end + 1
    }
  }
  const placed = Array.isArray(data.packages) && starts.length === data.packages.length
  return {
    errors: [],
    version: data.version === undefined || data.version === null ? undefined : String(data.version),
    versionAt: keys.get('version'),
    packages: data.packages ?? undefined,
    packagesAt,
    entryAt: (index) => (placed ? {line: starts[index], column: 3} : (packagesAt ?? {line: 1, column: 1})),
  }
}

/** A plain value's type, for messages. */
function describePlain(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return typeof value === 'string' ? 'a string' : `a ${typeof value} (${elide(String(value), 100)})`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A scalar's text (a number or a boolean as the core schema reads it); undefined for anything else. */
function scalar(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined
}

/** `treeLimit`: the size past which the file is read without the YAML reader's positions (tests lower it). */
export function discoverPixiLock(
  file: string,
  source: string,
  treeLimit = DEFAULT_YAML_LIMITS.maxTreeBytes,
): DiscoverOutput {
  if (source.trim() === '') return {components: [], errors: []}
  const read = source.length > treeLimit ? (fromPlain(source) ?? fromTree(file, source)) : fromTree(file, source)
  const errors = read.errors
  if (read.entryAt === undefined) return {components: [], errors}
  const version = scalar(read.version)
  if (version === undefined || !SUPPORTED_VERSIONS.has(version)) {
    const message = `unknown pixi.lock version ${JSON.stringify(version ?? 'missing')} (supported: 4, 5, 6, 7)`
    return lockfileFailure(file, 'unsupported-version', message, read.versionAt?.line ?? 1, read.versionAt?.column)
  }
  const {packages} = read
  const components: Component[] = []
  const skipped: Skipped[] = []
  if (packages === undefined || packages === null) return {components, skipped, errors}
  if (!Array.isArray(packages)) {
    errors.push(
      errorAt(file, read.packagesAt, 'invalid-entry', `packages must be a list, not ${describePlain(packages)}`),
    )
    return {components, skipped, errors}
  }
  let conda = 0
  packages.forEach((item: unknown, index) => {
    const where = `packages #${index + 1}`
    const at = read.entryAt(index)
    if (!isRecord(item)) {
      errors.push(errorAt(file, at, 'invalid-entry', `${where}: an entry is a mapping, not ${describePlain(item)}`))
      return
    }
    const kind = entryKind(item, version)
    if (kind === 'conda') conda++
    else if (kind === 'pypi') pypiEntry(file, item, at, version, where, components, errors)
    else
      errors.push(
        errorAt(file, at, 'invalid-entry', `${where}: neither a conda nor a pypi entry (${elide(kind.other, 100)})`),
      )
  })
  if (conda > 0)
    skipped.push({
      file,
      line: keyLine(source, read.packagesAt?.line ?? 1),
      reason: 'unsupported',
      message: `${conda} conda package${conda === 1 ? '' : 's'} not read: ${NO_CONDA_ECOSYSTEM}; only the PyPI packages are read`,
    })
  return {components, skipped, errors}
}

/** `conda`/`pypi`: the entry's first key (6, 7) or its `kind:` (4, 5). */
function entryKind(item: Record<string, unknown>, version: string): 'conda' | 'pypi' | {other: string} {
  if (kindLayout(version)) {
    const kind = scalar(item.kind)
    return kind === 'conda' || kind === 'pypi' ? kind : {other: `kind: ${kind ?? 'missing'}`}
  }
  // 7: `conda_source: name[hash] @ path-or-git` is a conda package pixi builds from source (pixi-build).
  if (Object.hasOwn(item, 'conda') || Object.hasOwn(item, 'conda_source')) return 'conda'
  if (Object.hasOwn(item, 'pypi')) return 'pypi'
  const first = Object.keys(item)[0]
  return {other: first === undefined ? 'an empty mapping' : `its first key is '${first}'`}
}

/** A non-empty string. */
function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function pypiEntry(
  file: string,
  item: Record<string, unknown>,
  at: Position,
  version: string,
  where: string,
  components: Component[],
  errors: ScanError[],
): void {
  const name = nonEmpty(item.name)
  const locked = scalar(item.version)
  const location = kindLayout(version) ? (nonEmpty(item.url) ?? nonEmpty(item.path)) : nonEmpty(item.pypi)
  if (name === undefined || !/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name)) {
    const what = name === undefined ? 'no name' : `'${elide(name, 100)}', not a package name`
    errors.push(errorAt(file, at, 'invalid-entry', `${where}: a pypi entry with ${what}`))
    return
  }
  const editable = scalar(item.editable) === 'true'
  const index = nonEmpty(item.index)
  const from = location === undefined ? {} : whereFrom(location, editable, index)
  const exact = locked !== undefined && locked !== '' && !from.local ? locked : undefined
  components.push(
    packageComponent(file, {
      ecosystem: 'pypi',
      name: normalizePypiName(name),
      version: exact,
      ref: redactSecrets(locked === undefined ? name : `${name} ${locked}`),
      line: at.line,
      column: at.column,
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
