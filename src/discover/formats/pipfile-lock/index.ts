import {gitVcsUrl} from '../../lockfile-support/purl.js'
import {hasTopLevelKey} from '../../json-tree.js'
import type {Component, Scope, Skipped} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {isJsonObject, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {lockfileError, lockfileFailure, unresolvedVersion} from '../../lockfile-support/problems.js'
import {normalizePypiName} from '../../../core/package-names.js'
import {firstIssue} from '../../lockfile-support/zod-issues.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {check, checkValue} from '../../checked.js'
import {indexQualifiers} from '../../lockfile-support/pypi-index.js'

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
  discover: ({file, text}) => discoverPipfileLock(file, text),
}

export function discoverPipfileLock(file: string, text: string): DiscoverOutput {
  const read = readLockfileJson(file, text)
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root, errors} = read
  const meta = checkValue(PipfileMetaCheck, root._meta)
  if (!meta.success) {
    const at = document.topLevelKeys.get('_meta') ?? {line: 1, column: 1}
    return lockfileFailure(file, 'unsupported-version', `_meta: ${firstIssue(meta.error)}`, at.line, at.column)
  }
  const components: Component[] = []
  const skipped: Skipped[] = []
  const indexes = sourceIndexes(root._meta)
  for (const [section, scope] of SECTIONS) {
    const packages = root[section] ?? {}
    if (!isJsonObject(packages)) {
      const at = document.topLevelKeys.get(section) ?? {line: 1, column: 1}
      errors.push(lockfileError(file, 'invalid-lockfile', `'${section}' must be an object`, at.line, at.column))
      continue
    }
    for (const [name, raw] of Object.entries(packages)) {
      const {line, column} = isJsonObject(raw) ? document.positionOf(raw) : {line: 1, column: 1}
      const parsed = checkValue(PipfileEntryCheck, raw)
      if (!parsed.success) {
        errors.push(
          lockfileError(file, 'invalid-entry', `${section}["${name}"]: ${firstIssue(parsed.error)}`, line, column),
        )
        continue
      }
      const entry = parsed.data
      const base = {ecosystem: 'pypi' as const, name: normalizePypiName(name), ref: name, line, column, scope}
      // Pins are written `==1.2.3`; git, path and file entries carry no version.
      const pinned = /^===?\s*([^\s,;*]+)$/.exec(entry.version ?? '')?.[1]
      if (pinned !== undefined)
        components.push(
          packageComponent(file, {
            ...base,
            version: pinned,
            qualifiers: indexQualifiers(entry.index === undefined ? indexes.first : indexes.byName.get(entry.index)),
          }),
        )
      else if (entry.path !== undefined || (entry.file !== undefined && !/^https?:/.test(entry.file)))
        components.push(packageComponent(file, {...base, local: true}))
      else if (entry.git !== undefined)
        components.push(
          packageComponent(file, {
            ...base,
            qualifiers: {vcs_url: gitVcsUrl(entry.git, entry.ref)},
          }),
        )
      else
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

/**
 * `_meta.sources`, the indexes Pipenv installs from by name (`[[source]]` of the Pipfile): a package's `index` names
 * one, and a package without one comes from the first (Pipenv's default). Entries that are not `{name, url}` are
 * passed over: a package naming no known index is taken to be PyPI's.
 */
function sourceIndexes(meta: Parameters<typeof isJsonObject>[0]): {
  byName: Map<string, string>
  first: string | undefined
} {
  const byName = new Map<string, string>()
  let first: string | undefined
  const sources = isJsonObject(meta) && Array.isArray(meta.sources) ? meta.sources : []
  for (const source of sources) {
    if (!isJsonObject(source) || typeof source.url !== 'string') continue
    first ??= source.url
    if (typeof source.name === 'string' && !byName.has(source.name)) byName.set(source.name, source.url)
  }
  return {byName, first}
}
