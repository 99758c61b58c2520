import {gitVcsUrl} from '../../lockfile-support/purl.js'
import {hasTopLevelKey} from '../../json-tree.js'
import type {Component, Scope, Skipped} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {isJsonObject, type JsonObject, type JsonValue, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {keyPositions} from '../../lockfile-support/json-key-positions.js'
import type {Position} from '../../../core/line-index.js'
import {elide} from '../../../core/elide.js'
import {lockfileError, lockfileFailure, unresolvedVersion} from '../../lockfile-support/problems.js'
import {normalizePypiName} from '../../../core/package-names.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {tomlBeside} from '../../lockfile-support/toml.js'
import {pipfileDeclared} from '../../lockfile-support/pyproject-declared.js'
import {check, checkValue} from '../../checked.js'
import {indexQualifiers} from '../../lockfile-support/pypi-index.js'
import {kindOf} from '../../../core/value-kind.js'
import {urlWithoutCredentials} from '../../../core/redact.js'
import {pipenvKnownUrl} from '../../lockfile-support/pip-source.js'

const PipfileEntryCheck = check('pipfile-lock/PipfileEntry')
const PipfileMetaCheck = check('pipfile-lock/PipfileMeta')

const SECTIONS: Array<[string, Scope]> = [
  ['default', 'prod'],
  ['develop', 'dev'],
]

export const discoverer: Discoverer = {
  id: 'pipfile-lock',
  description: 'Python Pipfile.lock (pipfile-spec up to 6)',
  matches(file) {
    return /(^|\/)Pipfile\.lock$/.test(file)
  },
  identify: (head) => hasTopLevelKey(head, '_meta'),
  discover: ({file, text}, context) => discoverPipfileLock(file, text, context),
}

/**
 * The package names the Pipfile beside the lock declares, normalised: the project's direct dependencies, in
 * `[packages]`, `[dev-packages]` and any other package category (https://pipenv.pypa.io/en/latest/pipfile.html:
 * every table but `source`, `requires`, `pipenv` and `scripts`). Undefined when there is none or it cannot be read
 * (the pipfile format reports that): then nothing is said of `direct`.
 */
function pipfileNames(file: string, context: DiscoverContext | undefined): Set<string> | undefined {
  const table = tomlBeside(file, 'Pipfile', context)
  return table === undefined ? undefined : new Set(pipfileDeclared(table).keys())
}

export function discoverPipfileLock(file: string, text: string, context?: DiscoverContext): DiscoverOutput {
  const read = readLockfileJson(file, text)
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root, errors} = read
  const metaProblem = metaProblemOf(root._meta)
  if (metaProblem !== undefined || !checkValue(PipfileMetaCheck, root._meta).success) {
    const at = document.topLevelKeys.get('_meta') ?? {line: 1, column: 1}
    const message = metaProblem ?? '_meta is not one Pipfile.lock writes'
    return lockfileFailure(file, 'unsupported-version', message, at.line, at.column)
  }
  // Where each entry's key is written, for entries that are not objects (the reader places objects only).
  let keys: Map<string, Map<string, Position>> | undefined
  const keyAt = (section: string, name: string): Position => {
    keys ??= keyPositions(text, new Set(SECTIONS.map(([name]) => name)))
    return keys.get(section)?.get(name) ?? document.topLevelKeys.get(section) ?? {line: 1, column: 1}
  }
  const components: Component[] = []
  const skipped: Skipped[] = []
  const indexes = sourceIndexes(root._meta)
  for (const source of indexes.fromEnvironment) {
    const {line} = document.positionOf(source.at)
    skipped.push({
      file,
      line,
      reason: 'unsupported',
      message: `_meta.sources: url '${elide(urlWithoutCredentials(source.url), 200)}' holds an environment variable that Pipenv fills in when it installs: its packages are listed without it`,
    })
  }
  const direct = pipfileNames(file, context)
  for (const [section, scope] of SECTIONS) {
    const packages = root[section] ?? {}
    if (!isJsonObject(packages)) {
      const at = document.topLevelKeys.get(section) ?? {line: 1, column: 1}
      errors.push(lockfileError(file, 'invalid-lockfile', `'${section}' must be an object`, at.line, at.column))
      continue
    }
    for (const [name, raw] of Object.entries(packages)) {
      const {line, column} = isJsonObject(raw) ? document.positionOf(raw) : keyAt(section, name)
      const problem = entryProblem(raw)
      const parsed = problem === undefined ? checkValue(PipfileEntryCheck, raw) : undefined
      if (!parsed?.success) {
        const why = problem ?? 'not a package entry Pipfile.lock writes'
        errors.push(lockfileError(file, 'invalid-entry', `${section}["${elide(name, 100)}"] ${why}`, line, column))
        continue
      }
      const entry = parsed.data
      const normalised = normalizePypiName(name)
      const base = {
        ecosystem: 'pypi' as const,
        name: normalised,
        ref: name,
        line,
        column,
        scope,
        ...(direct ? {direct: direct.has(normalised)} : {}),
      }
      // Pins are written `==1.2.3`; git, path and file entries carry no version.
      const pinned = /^===?\s*([^\s,;*]+)$/.exec(entry.version ?? '')?.[1]
      if (pinned !== undefined)
        components.push(
          packageComponent(file, {
            ...base,
            version: pinned,
            qualifiers: indexQualifiers(
              entry.index === undefined || !indexes.byName.has(entry.index)
                ? indexes.first
                : indexes.byName.get(entry.index),
            ),
          }),
        )
      else if (entry.path !== undefined || (entry.file !== undefined && !/^https?:/.test(entry.file)))
        components.push(packageComponent(file, {...base, local: true}))
      else if (entry.git !== undefined) {
        const url = pipenvKnownUrl(entry.git)
        if (url === undefined)
          skipped.push({
            file,
            line,
            reason: 'unsupported',
            message: `${section}["${elide(name, 100)}"]: git '${elide(urlWithoutCredentials(entry.git), 200)}' holds an environment variable that Pipenv fills in when it installs: not read`,
          })
        else components.push(packageComponent(file, {...base, qualifiers: {vcs_url: gitVcsUrl(url, entry.ref)}}))
      } else
        skipped.push(
          unresolvedVersion(
            file,
            line,
            `${section}["${name}"]: ${entry.version ?? entry.file ?? 'no version'} is not one exact version`,
          ),
        )
    }
  }
  return {components, skipped, errors}
}

/** The string fields of an entry (./schema.ts), and `editable`, a boolean. */
const STRING_FIELDS = ['version', 'git', 'ref', 'path', 'file', 'index'] as const

/** Why an entry is not one Pipfile.lock writes (`"name": {"version": "==1.2.3", "hashes": [...]}`), or undefined. */
function entryProblem(raw: JsonValue): string | undefined {
  if (!isJsonObject(raw)) return `is ${kindOf(raw)}, not an object such as {"version": "==1.2.3"}`
  for (const field of STRING_FIELDS) {
    const value = raw[field]
    if (value !== undefined && typeof value !== 'string') return `has a ${field} that is ${kindOf(value)}, not a string`
  }
  if (raw.editable !== undefined && typeof raw.editable !== 'boolean')
    return `has an editable that is ${kindOf(raw.editable)}, not true or false`
  return undefined
}

/** Why `_meta` is not read: `pipfile-spec` (an integer, 1 to 6) says which Pipfile.lock this is. */
function metaProblemOf(meta: JsonValue | undefined): string | undefined {
  if (meta === undefined) return 'no _meta, where a Pipfile.lock gives its format version (pipfile-spec)'
  if (!isJsonObject(meta)) return `_meta is ${kindOf(meta)}, not an object`
  const spec = meta['pipfile-spec']
  if (spec === undefined) return '_meta has no pipfile-spec (the format version of the Pipfile.lock)'
  if (typeof spec !== 'number') return `_meta.pipfile-spec is ${kindOf(spec)}, not a number`
  if (!Number.isInteger(spec) || spec < 1 || spec > 6)
    return `pipfile-spec ${elide(String(spec), 40)} is not supported (1 to 6 are read)`
  return undefined
}

/**
 * `_meta.sources`, the indexes Pipenv installs from by name (`[[source]]` of the Pipfile): a package's `index` names
 * one, and a package without one comes from the first (Pipenv's default). Entries that are not `{name, url}` are
 * passed over: a package naming no known index is taken to be PyPI's.
 */
function sourceIndexes(meta: Parameters<typeof isJsonObject>[0]): {
  byName: Map<string, string | undefined>
  first: string | undefined
  fromEnvironment: Array<{url: string; at: JsonObject}>
} {
  const byName = new Map<string, string | undefined>()
  const fromEnvironment: Array<{url: string; at: JsonObject}> = []
  let first: string | undefined
  let seen = false
  const sources = isJsonObject(meta) && Array.isArray(meta.sources) ? meta.sources : []
  for (const source of sources) {
    if (!isJsonObject(source) || typeof source.url !== 'string') continue
    const url = pipenvKnownUrl(source.url)
    if (url === undefined) fromEnvironment.push({url: source.url, at: source})
    if (!seen) first = url
    seen = true
    if (typeof source.name === 'string' && !byName.has(source.name)) byName.set(source.name, url)
  }
  return {byName, first, fromEnvironment}
}
