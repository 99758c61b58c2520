import {gitVcsUrl} from '../../lockfile-support/purl.js'
import type {Component, ScanError, Scope} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError, lockfileFailure, unresolvedVersion} from '../../lockfile-support/problems.js'
import {normalizePypiName} from '../../../core/package-names.js'
import {arrayTableLines, keyLine, readToml} from '../../lockfile-support/toml.js'
import {firstIssue} from '../../../core/zod-issues.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import type {UvPackage} from './schema.js'
import {check, checkValue} from '../../checked.js'
import {downloadQualifiers, indexQualifiers} from '../../lockfile-support/pypi-index.js'

const UvLockVersionCheck = check('uv-lock/UvLockVersion')
const UvPackageCheck = check('uv-lock/UvPackage')

/** Sources that are directories of the project itself (workspace members, path dependencies). */
const LOCAL_SOURCES = ['editable', 'virtual', 'path', 'directory']

export const discoverer: Discoverer = {
  id: 'uv-lock',
  description: 'Python uv.lock (version 1)',
  matches(file) {
    return /(^|\/)uv\.lock$/.test(file)
  },
  // uv writes `revision` (since 0.5.x) and `requires-python` beside `version`; Cargo.lock has neither.
  identify: (head) => /^version = \d+\s*$/m.test(head) && /^(requires-python|revision) = /m.test(head),
  discover: ({file, text}) => discoverUvLock(file, text),
}

/**
 * Where a package not from git was fetched: an index other than PyPI (`registry`) as `repository_url`, a
 * distribution named by URL (`url`) as `download_url`; nothing for PyPI.
 */
function sourceQualifiers(source: UvPackage['source']): Record<string, string> | undefined {
  return source?.url !== undefined ? downloadQualifiers(source.url) : indexQualifiers(source?.registry)
}

function isLocal(entry: UvPackage): boolean {
  return LOCAL_SOURCES.some((kind) => entry.source?.[kind] !== undefined)
}

/**
 * uv marks dev and optional on edges, not packages: what workspace members list is direct, with the scope of the
 * list; transitive packages get no scope.
 */
function directScopes(entries: UvPackage[]): Map<string, Scope> {
  const scopes = new Map<string, Scope>()
  const note = (name: string, scope: Scope) => {
    const normalized = normalizePypiName(name)
    const before = scopes.get(normalized)
    if (before === undefined || scope === 'prod' || (scope === 'optional' && before === 'dev'))
      scopes.set(normalized, scope)
  }
  for (const entry of entries.filter(isLocal)) {
    for (const dependency of entry.dependencies ?? []) note(dependency.name, 'prod')
    for (const group of Object.values(entry['optional-dependencies'] ?? {}))
      for (const dependency of group) note(dependency.name, 'optional')
    for (const group of Object.values(entry['dev-dependencies'] ?? {}))
      for (const dependency of group) note(dependency.name, 'dev')
  }
  return scopes
}

export function discoverUvLock(file: string, text: string): DiscoverOutput {
  const read = readToml(file, text)
  if ('error' in read) return {components: [], errors: [read.error]}
  if (!checkValue(UvLockVersionCheck, read.table.version).success) {
    const message = `unknown uv.lock version ${JSON.stringify(read.table.version ?? 'missing')} (supported: 1)`
    return lockfileFailure(file, 'unsupported-version', message, keyLine(text, 'version'))
  }
  const packages = Array.isArray(read.table.package) ? read.table.package : []
  const lines = arrayTableLines(text, 'package')
  // `__proto__` keys, reported beside the components (smol-toml keeps them as harmless own properties).
  const errors: ScanError[] = [...read.forbidden]
  const entries: Array<{entry: UvPackage; line: number}> = []
  packages.forEach((raw, index) => {
    const line = lines[index] ?? 1
    const parsed = checkValue(UvPackageCheck, raw)
    if (parsed.success) entries.push({entry: parsed.data, line})
    else
      errors.push(
        lockfileError(file, 'invalid-entry', `[[package]] #${index + 1}: ${firstIssue(parsed.error)}`, line, 1),
      )
  })
  const scopes = directScopes(entries.map(({entry}) => entry))
  // Without a workspace member in the file, nothing tells direct from transitive.
  const knowsDirect = entries.some(({entry}) => isLocal(entry))
  const components: Component[] = []
  const skipped = []
  for (const {entry, line} of entries) {
    const name = normalizePypiName(entry.name)
    const local = isLocal(entry)
    if (entry.version === undefined && !local) {
      skipped.push(unresolvedVersion(file, line, `${entry.name}: no version locked`))
      continue
    }
    const git = entry.source?.git
    components.push(
      packageComponent(file, {
        ecosystem: 'pypi',
        name,
        version: entry.version,
        ref: entry.version === undefined ? entry.name : `${entry.name} ${entry.version}`,
        line,
        column: 1,
        scope: local ? undefined : scopes.get(name),
        direct: local || !knowsDirect ? undefined : scopes.has(name),
        local,
        qualifiers: git ? {vcs_url: gitVcsUrl(git)} : sourceQualifiers(entry.source),
      }),
    )
  }
  return {components, skipped, errors}
}
