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
import {isBroader} from '../../lockfile-support/scope.js'

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
 * list (`dependencies` prod, `optional-dependencies` optional, `dev-dependencies` dev). A transitive package takes the
 * broadest scope of the paths that reach it from a member (../../lockfile-support/scope.ts: what only a dev tool
 * needs is dev, as pdm-lock and pylock-toml weigh it): through a package's `dependencies`, and through the
 * `optional-dependencies` group an edge asks for (`{ name = "httpx", extra = ["http2"] }`). Packages are taken by
 * name (a name locked at several versions, one per fork, shares one scope).
 */
function scopesByName(entries: UvPackage[]): {direct: Set<string>; scopes: Map<string, Scope>} {
  const byName = new Map<string, UvPackage[]>()
  for (const entry of entries) {
    const name = normalizePypiName(entry.name)
    const list = byName.get(name)
    if (list) list.push(entry)
    else byName.set(name, [entry])
  }
  const scopes = new Map<string, Scope>()
  const direct = new Set<string>()
  const queue: string[] = []
  const reach = (dependency: {name: string}, scope: Scope) => {
    const name = normalizePypiName(dependency.name)
    if (!isBroader(scope, scopes.get(name))) return
    scopes.set(name, scope)
    queue.push(name)
  }
  // An edge reaches the package, and the optional-dependencies groups it asks for (`extra`).
  const follow = (dependency: {name: string}, scope: Scope) => {
    reach(dependency, scope)
    const extras = (dependency as {extra?: unknown}).extra
    if (!Array.isArray(extras)) return
    for (const target of byName.get(normalizePypiName(dependency.name)) ?? [])
      for (const extra of extras)
        if (typeof extra === 'string') for (const d of target['optional-dependencies']?.[extra] ?? []) reach(d, scope)
  }
  for (const entry of entries.filter(isLocal)) {
    const edges: Array<[{name: string}, Scope]> = [
      ...(entry.dependencies ?? []).map((d): [{name: string}, Scope] => [d, 'prod']),
      ...Object.values(entry['optional-dependencies'] ?? {}).flatMap((group) =>
        group.map((d): [{name: string}, Scope] => [d, 'optional']),
      ),
      ...Object.values(entry['dev-dependencies'] ?? {}).flatMap((group) =>
        group.map((d): [{name: string}, Scope] => [d, 'dev']),
      ),
    ]
    for (const [dependency, scope] of edges) {
      direct.add(normalizePypiName(dependency.name))
      follow(dependency, scope)
    }
  }
  // Each name is queued again only when its scope widens (three times at most): linear in the edges.
  for (let at = 0; at < queue.length; at++) {
    const next = queue[at]
    const scope = scopes.get(next) as Scope
    for (const entry of byName.get(next) ?? [])
      if (!isLocal(entry)) for (const dependency of entry.dependencies ?? []) follow(dependency, scope)
  }
  return {direct, scopes}
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
  const {direct, scopes} = scopesByName(entries.map(({entry}) => entry))
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
        direct: local || !knowsDirect ? undefined : direct.has(name),
        local,
        qualifiers: git ? {vcs_url: gitVcsUrl(git)} : sourceQualifiers(entry.source),
      }),
    )
  }
  return {components, skipped, errors}
}
