import type {ScanError, Scope, Skipped} from '../../../core/model.js'
import {normalizePypiName} from '../../../core/package-names.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {urlWithoutCredentials} from '../../../core/redact.js'
import {vcsUrlRepository} from '../../../core/repo-url.js'
import {type PackageEntry, packageComponent} from '../../lockfile-support/component.js'
import {lockfileError, lockfileFailure, unresolvedVersion} from '../../lockfile-support/problems.js'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import {addLockedPypiPackage, downloadQualifiers, indexQualifiers} from '../../lockfile-support/pypi-index.js'
import {
  arrayTableLines,
  isTomlTable,
  keyLine,
  readToml,
  type TomlTable,
  tomlBeside,
} from '../../lockfile-support/toml.js'
import {declaredScopes, pipfileDeclared} from '../../lockfile-support/pyproject-declared.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {evaluate, type Marker, namesSelection, parseMarker} from './marker.js'
import {BroadestScope} from '../../lockfile-support/scope.js'

export const discoverer: Discoverer = {
  id: 'pylock-toml',
  description: 'Python pylock.toml (PEP 751, lock-version 1.x), and the pylock.<name>.toml files beside it',
  // The specification's names: `^pylock\.([^.]+\.)?toml$` (https://packaging.python.org/en/latest/specifications/pylock-toml/#file-name).
  matches(file) {
    return /(^|\/)pylock\.(?:[^./]+\.)?toml$/.test(file)
  },
  // `lock-version` is required and only pylock.toml has it; `[[packages]]` (plural) or `created-by` beside it.
  identify: (head) => /^lock-version\s*=\s*["']1[."']/m.test(head) && /^(created-by\s*=|\[\[packages\]\])/m.test(head),
  discover: ({file, text}, context) => discoverPylock(file, text, context),
}

/** The version control systems of direct_url.json (https://packaging.python.org/en/latest/specifications/direct-url-data-structure/#registered-vcs). */
const VCS_TYPES = new Set(['git', 'hg', 'svn', 'bzr'])

/** The sources of a `[[packages]]`: at most one of them (sdist and wheels together are one). */
const SOURCE_KEYS = ['vcs', 'directory', 'archive', 'sdist|wheels'] as const

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined
}

/** What the lock says at its top: which extras and dependency groups it was made for. */
interface Lock {
  /** `extras`, `dependency-groups` or `default-groups` written: a multi-use lock, whose markers tell the selection. */
  multiUse: boolean
  /** `default-groups`, normalised: the groups an install selects when asked for none. */
  defaultGroups: Set<string>
}

/**
 * The scope a package's marker gives (PEP 751 "Installation": `extras` empty and `dependency_groups` the
 * `default-groups` by default): installed by default in some environment, prod; else when some extras are asked
 * for, optional; else when some dependency groups are, dev. A package without a marker naming the selection is
 * installed by every install of a multi-use lock (prod); in a single-use lock (none of the three keys) it is what
 * the locker was asked for, prod or dev alike: not said.
 */
function markerScope(marker: Marker | undefined, lock: Lock): Scope | undefined {
  if (marker === undefined || !namesSelection(marker)) return lock.multiUse ? 'prod' : undefined
  if (evaluate(marker, {extras: new Set(), groups: lock.defaultGroups}) !== false) return 'prod'
  if (evaluate(marker, {extras: 'free', groups: lock.defaultGroups}) !== false) return 'optional'
  if (evaluate(marker, {extras: 'free', groups: 'free'}) !== false) return 'dev'
  return undefined
}

/**
 * What the project's manifest beside the lock lists: each name, with the widest scope of its lists. The manifest is
 * the pyproject.toml, or the Pipfile when pipenv wrote the lock (`created-by = "pipenv"`, with `[pipenv] use_pylock`:
 * it locks the Pipfile; a pyproject.toml beside it may describe another thing, such as pipenv's own package).
 */
function readProject(file: string, context: DiscoverContext, createdBy: unknown): Map<string, Scope> | undefined {
  if (typeof createdBy === 'string' && /^pipenv\b/i.test(createdBy)) {
    const pipfile = tomlBeside(file, 'Pipfile', context)
    if (pipfile !== undefined) return pipfileDeclared(pipfile)
  }
  const table = tomlBeside(file, 'pyproject.toml', context)
  return table === undefined ? undefined : declaredScopes(table)
}

/** Where a package comes from. */
interface Where {
  qualifiers?: Record<string, string>
  local?: boolean
  /** A VCS source: its repository on a known forge, which stands for a version when none is written. */
  onForge?: boolean
}

function fileUrl(table: unknown): string | undefined {
  return isTomlTable(table) && typeof table.url === 'string' && table.url !== '' ? table.url : undefined
}

/**
 * Where a package comes from (the specification's install order: vcs, directory, archive, then the files of an
 * index): a VCS by URL as `vcs_url` at its `commit-id`; a directory, or a file named by `path` or a `file:` URL,
 * local; an archive by URL as `download_url`; else `index` (PyPI: nothing; another: `repository_url`); without
 * `index`, the hosts of the sdist and wheel URLs: all PyPI's, nothing; else the first file elsewhere as
 * `download_url`, so that no resolver looks the name up on PyPI.
 */
function whereOf(entry: TomlTable): Where {
  if (isTomlTable(entry.vcs)) {
    const vcs = entry.vcs as {type: string; url?: string; 'commit-id'?: string}
    if (vcs.url === undefined || vcs.url.startsWith('file:')) return {local: true}
    const repo = urlWithoutCredentials(vcs.url)
    const commit = vcs['commit-id']
    const vcsUrl = vcs.type === 'git' ? gitVcsUrl(repo, commit) : `${vcs.type}+${repo}${commit ? `@${commit}` : ''}`
    return {qualifiers: {vcs_url: vcsUrl}, onForge: vcsUrlRepository(vcsUrl) !== undefined}
  }
  if (entry.directory !== undefined) return {local: true}
  if (entry.archive !== undefined) {
    const url = fileUrl(entry.archive)
    if (url === undefined || url.startsWith('file:')) return {local: true}
    return {qualifiers: downloadQualifiers(urlWithoutCredentials(url))}
  }
  if (typeof entry.index === 'string') return {qualifiers: indexQualifiers(urlWithoutCredentials(entry.index))}
  const files = [entry.sdist, ...(Array.isArray(entry.wheels) ? entry.wheels : [])].filter((file) => file !== undefined)
  if (files.length === 0) return {}
  const urls = files.map(fileUrl).filter((url): url is string => url !== undefined && !url.startsWith('file:'))
  // Files by path alone (a wheelhouse beside the lock): nothing a registry serves.
  if (urls.length === 0) return {local: true}
  const elsewhere = urls.find((url) => !isPublicRegistry('pypi', url))
  return elsewhere === undefined ? {} : {qualifiers: downloadQualifiers(urlWithoutCredentials(elsewhere))}
}

function isStringOrMissing(value: unknown): boolean {
  return value === undefined || typeof value === 'string'
}

/** What is wrong with a file table (`sdist`, a wheel, `archive`): `url`/`path` must be strings, one of them there. */
function fileProblem(value: unknown, what: string): string | undefined {
  if (!isTomlTable(value)) return `\`${what}\` is not a table`
  if (!isStringOrMissing(value.url) || !isStringOrMissing(value.path)) return `\`${what}\` url or path is not a string`
  if (value.url === undefined && value.path === undefined) return `\`${what}\` has neither url nor path`
  return undefined
}

/** What is wrong with a `[[packages]]`, or undefined: the keys read must have the types PEP 751 gives them. */
function entryProblem(raw: unknown): string | undefined {
  if (!isTomlTable(raw)) return 'not a table'
  if (typeof raw.name !== 'string' || raw.name === '') return '`name` is not a string'
  for (const key of ['version', 'marker', 'index'])
    if (!isStringOrMissing(raw[key])) return `\`${key}\` is not a string`
  const sources = SOURCE_KEYS.filter((key) => key.split('|').some((part) => raw[part] !== undefined))
  if (sources.length > 1) return `more than one source (${sources.join(', ').replace('sdist|wheels', 'sdist/wheels')})`
  if (raw.vcs !== undefined) {
    const vcs = raw.vcs
    if (!isTomlTable(vcs)) return '`vcs` is not a table'
    if (typeof vcs.type !== 'string' || !VCS_TYPES.has(vcs.type)) return '`vcs.type` is not git, hg, svn or bzr'
    if (!isStringOrMissing(vcs.url) || !isStringOrMissing(vcs.path)) return '`vcs` url or path is not a string'
    if (vcs.url === undefined && vcs.path === undefined) return '`vcs` has neither url nor path'
    if (typeof vcs['commit-id'] !== 'string' || vcs['commit-id'] === '') return '`vcs.commit-id` is not a string'
  }
  if (raw.directory !== undefined && !(isTomlTable(raw.directory) && typeof raw.directory.path === 'string'))
    return '`directory.path` is not a string'
  if (raw.archive !== undefined) return fileProblem(raw.archive, 'archive')
  if (raw.sdist !== undefined) {
    const problem = fileProblem(raw.sdist, 'sdist')
    if (problem !== undefined) return problem
  }
  if (raw.wheels !== undefined) {
    if (!Array.isArray(raw.wheels)) return '`wheels` is not an array of tables'
    for (const wheel of raw.wheels) {
      const problem = fileProblem(wheel, 'wheels')
      if (problem !== undefined) return problem
    }
  }
  if (raw.dependencies !== undefined && !(Array.isArray(raw.dependencies) && raw.dependencies.every(isTomlTable)))
    return '`dependencies` is not an array of tables'
  return undefined
}

/** The names a directory package (the project being locked) lists in `dependencies`: direct dependencies. */
function directoryDependencies(entries: TomlTable[]): Set<string> | undefined {
  let names: Set<string> | undefined
  for (const entry of entries) {
    if (entry.directory === undefined || !Array.isArray(entry.dependencies)) continue
    names ??= new Set()
    for (const dependency of entry.dependencies as TomlTable[])
      if (typeof dependency.name === 'string') names.add(normalizePypiName(dependency.name))
  }
  return names
}

export function discoverPylock(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  const read = readToml(file, text)
  if ('error' in read) return {components: [], errors: [read.error]}
  const table = read.table
  const lockVersion = table['lock-version']
  // "If a tool doesn't support a major version, it MUST raise an error"; a minor version of 1 is read as 1.0.
  if (typeof lockVersion !== 'string' || !/^1(?:\.\d+){0,2}$/.test(lockVersion)) {
    const message =
      lockVersion === undefined
        ? 'pylock.toml has no lock-version'
        : `pylock.toml lock-version ${JSON.stringify(lockVersion)} is not one this reads (1.x)`
    return lockfileFailure(file, 'unsupported-version', message, keyLine(text, 'lock-version'))
  }
  if (!Array.isArray(table.packages)) {
    const message = table.packages === undefined ? '`packages` is missing' : '`packages` is not an array of tables'
    return lockfileFailure(file, 'invalid-lockfile', message, keyLine(text, 'packages'))
  }
  const errors: ScanError[] = [...read.forbidden]
  const lists: Record<string, string[] | undefined> = {}
  for (const key of ['extras', 'dependency-groups', 'default-groups']) {
    if (table[key] === undefined) continue
    lists[key] = stringList(table[key])
    if (lists[key] === undefined)
      errors.push(lockfileError(file, 'invalid-lockfile', `\`${key}\` is not a list of strings`, keyLine(text, key)))
  }
  const lock: Lock = {
    multiUse: Object.values(lists).some((list) => list !== undefined),
    defaultGroups: new Set((lists['default-groups'] ?? []).map(normalizePypiName)),
  }
  // `[[packages]]` headers; a lock that writes `packages = [...]` inline has one line for all.
  const headers = arrayTableLines(text, 'packages')
  const lineOf = (index: number) => headers[index] ?? keyLine(text, 'packages')
  const valid: Array<{entry: TomlTable & {name: string; version?: string; marker?: string}; line: number}> = []
  for (const [index, raw] of table.packages.entries()) {
    const problem = entryProblem(raw)
    if (problem === undefined) valid.push({entry: raw, line: lineOf(index)})
    else errors.push(lockfileError(file, 'invalid-entry', `[[packages]] #${index + 1}: ${problem}`, lineOf(index), 1))
  }
  // Direct: what the project's own entry lists, else the manifest beside the lock; neither, not said.
  const listed = directoryDependencies(valid.map(({entry}) => entry))
  const project = listed === undefined ? readProject(file, context, table['created-by']) : undefined
  const direct = listed ?? (project === undefined ? undefined : new Set(project.keys()))
  const skipped: Skipped[] = []
  // A package may be written once per environment or selection (PEP 751 "Packages MAY be listed multiple times"):
  // one component per name, version and origin, with the widest scope of its entries.
  const byKey = new BroadestScope<PackageEntry>()
  for (const {entry, line} of valid) {
    const where = whereOf(entry)
    const name = normalizePypiName(entry.name)
    if (entry.version === undefined && !where.local && !where.onForge) {
      const what = isTomlTable(entry.vcs) ? 'a VCS source off the known forges' : 'no version locked'
      skipped.push(unresolvedVersion(file, line, `${entry.name}: ${what}`))
      continue
    }
    let marker: Marker | undefined
    if (entry.marker !== undefined) {
      marker = parseMarker(entry.marker)
      if (marker === undefined)
        errors.push(
          lockfileError(file, 'invalid-entry', `${entry.name}: \`marker\` is not a marker this reads`, line, 1),
        )
    }
    let scope =
      where.local || (entry.marker !== undefined && marker === undefined) ? undefined : markerScope(marker, lock)
    // A single-use lock does not tell; the pyproject.toml does, for the packages it names.
    if (scope === undefined && !where.local && !lock.multiUse && project !== undefined) scope = project.get(name)
    addLockedPypiPackage(byKey, {
      written: entry.name,
      name,
      version: entry.version,
      line,
      scope,
      direct: where.local || direct === undefined ? undefined : direct.has(name),
      local: where.local,
      qualifiers: where.qualifiers,
      place: where.local ? 'local' : '',
    })
  }
  const components = byKey.values().map((entry) => packageComponent(file, entry))
  return {components, skipped, errors}
}
