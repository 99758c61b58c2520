/**
 * composer.json's `repositories` (https://getcomposer.org/doc/05-repositories.md, as an array or as an object of named
 * entries): where the packages it requires come from when that is not Packagist. Composer looks in the declared
 * repositories in order, Packagist last unless disabled (`"packagist.org": false`), and takes a package from the
 * first that has it (https://getcomposer.org/doc/articles/repository-priorities.md). What can be told from the tree:
 * - `path` repositories: folders of the tree, whose composer.json `name`s are the tree's own packages (`local`);
 * - `package` repositories: packages defined inline, with their git source (`vcs_url`) or archive (`download_url`);
 * - `composer` repositories other than Packagist: the packages their `only` list names, or every package when
 *   Packagist is disabled and the repository is the only one (`repository_url`).
 * What cannot (which packages a VCS repository, an artifact folder or an unfiltered registry serves) is a `Skipped`
 * for the file, so that nobody takes those packages for Packagist's unawares.
 */
import {posix} from 'node:path'
import {trimEnd} from '../../../core/trim-end.js'
import type {ScanError, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {urlWithoutCredentials} from '../../../core/redact.js'
import {
  isJsonObject,
  type JsonDocument,
  type JsonObject,
  type JsonValue,
  readLockfileJson,
} from '../../lockfile-support/json-reader.js'
import type {Position} from '../../../core/line-index.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import type {DiscoverContext} from '../../types.js'
import {wildcardMatch} from './constraint.js'

/** Where a required package comes from, when the file tells it. */
export interface Origin {
  local?: true
  qualifiers?: Record<string, string>
}

interface ComposerRepository {
  /** The URL without credentials (purl `repository_url`, messages). */
  url: string
  at: Position
  only?: NameFilter
  exclude?: NameFilter
}

/** An `only` or `exclude` list, lower-cased: names as they are, and names with `*`. */
interface NameFilter {
  names: Set<string>
  patterns: string[]
}

/** One version of a package a `package` repository defines. */
interface InlinePackage {
  version?: string
  /** Its source or archive, with the source's reference. */
  pinned: Record<string, string>
  /** The same without the reference, for a requirement no single definition answers. */
  unpinned: Record<string, string>
}

export interface Repositories {
  /** Where Packagist is disabled (or the default replaced), when it is. */
  disabledAt?: Position
  /** Whether Packagist is among the repositories: not disabled, or declared again by its URL. */
  packagist: boolean
  /** `composer` repositories other than Packagist, in order. */
  composer: ComposerRepository[]
  /** Lower-cased name → the versions `package` repositories define. */
  inline: Map<string, InlinePackage[]>
  /** Lower-cased names of the packages in the tree's `path` repositories. */
  local: Set<string>
  /** Repositories whose packages are named only inside them (VCS, artifact folders): what and where. */
  unnamed: Array<{what: string; at: Position}>
  skipped: Skipped[]
  errors: ScanError[]
}

/** At most this many names with `*` are read per `only`/`exclude` list (each is matched against every package). */
export const MAX_PATTERNS = 64

/** At most this many folders of `path` repositories are read per file (a glob may match thousands). */
export const MAX_PATH_FOLDERS = 200

const VCS_TYPES = new Set([
  'vcs',
  'git',
  'github',
  'gitlab',
  'bitbucket',
  'git-bitbucket',
  'hg',
  'svn',
  'fossil',
  'perforce',
])

/** The names that disable Packagist (`"packagist": false` is Composer 1's, still read). */
const PACKAGIST_NAMES = new Set(['packagist.org', 'packagist'])

interface Reader {
  file: string
  document: JsonDocument
  context: DiscoverContext
  repos: Repositories
  publicDeclared: boolean
  /** Folders of `path` repositories still to be read. */
  folderBudget: number
}

export function readRepositories(
  file: string,
  root: JsonObject,
  document: JsonDocument,
  keys: Map<string, Position> | undefined,
  context: DiscoverContext,
): Repositories {
  const repos: Repositories = {
    packagist: true,
    composer: [],
    inline: new Map(),
    local: new Set(),
    unnamed: [],
    skipped: [],
    errors: [],
  }
  const value = root.repositories
  const at = document.topLevelKeys.get('repositories') ?? {line: 1, column: 1}
  const reader: Reader = {file, document, context, repos, publicDeclared: false, folderBudget: MAX_PATH_FOLDERS}
  if (Array.isArray(value))
    value.forEach((entry, index) => {
      repository(reader, String(index), undefined, entry, isJsonObject(entry) ? document.positionOf(entry) : at)
    })
  else if (isJsonObject(value))
    for (const [name, entry] of Object.entries(value))
      repository(reader, name, name, entry, isJsonObject(entry) ? document.positionOf(entry) : (keys?.get(name) ?? at))
  else if (value !== undefined)
    repos.errors.push(
      lockfileError(file, 'invalid-entry', "'repositories' must be an array or an object", at.line, at.column),
    )
  repos.packagist = repos.disabledAt === undefined || reader.publicDeclared
  return repos
}

/** One entry: `label` names it in messages (its index or key), `name` is its key in the object form. */
function repository(reader: Reader, label: string, name: string | undefined, entry: JsonValue, at: Position): void {
  const {repos, file} = reader
  if (entry === false) {
    // Disabling a repository by name: Packagist is the only one there is to disable.
    if (name !== undefined && PACKAGIST_NAMES.has(name)) repos.disabledAt ??= at
    return
  }
  if (!isJsonObject(entry)) {
    repos.errors.push(
      lockfileError(file, 'invalid-entry', `repositories.${elide(label, 100)}: expected an object`, at.line, at.column),
    )
    return
  }
  const object = entry
  const keys = Object.keys(object)
  // `{"packagist.org": false}` in the array form.
  if (keys.length === 1 && object[keys[0]] === false) {
    if (PACKAGIST_NAMES.has(keys[0])) repos.disabledAt ??= at
    return
  }
  // A repository named `packagist.org` replaces the default one.
  if (name !== undefined && PACKAGIST_NAMES.has(name)) repos.disabledAt ??= at
  const type = object.type
  if (typeof type !== 'string') {
    repos.errors.push(
      lockfileError(file, 'invalid-entry', `repositories.${elide(label, 100)}: no type`, at.line, at.column),
    )
    return
  }
  if (type === 'composer') composerRepository(reader, label, object, at)
  else if (type === 'package') packageRepository(reader, label, object.package, at)
  else if (type === 'path') pathRepository(reader, label, object.url, at)
  else if (VCS_TYPES.has(type) || type === 'artifact') {
    const where = typeof object.url === 'string' ? ` ${elide(urlWithoutCredentials(object.url), 200)}` : ''
    repos.unnamed.push({what: `${type === 'artifact' ? 'artifact folder' : `${type} repository`}${where}`, at})
  } else
    repos.skipped.push({
      file,
      line: at.line,
      reason: 'unsupported',
      message: `repositories.${elide(label, 100)}: a repository of type '${elide(type, 100)}' is not read (Composer 2 has no such type; a plugin may add it)`,
    })
}

function composerRepository(reader: Reader, label: string, object: JsonObject, at: Position): void {
  const {repos, file} = reader
  if (typeof object.url !== 'string') {
    repos.errors.push(
      lockfileError(file, 'invalid-entry', `repositories.${elide(label, 100)}: no url`, at.line, at.column),
    )
    return
  }
  if (isPublicRegistry('composer', object.url)) {
    // Packagist declared again (by Composer's rule, this also disables the default one).
    reader.publicDeclared = true
    return
  }
  const names = (key: 'only' | 'exclude'): NameFilter | undefined => {
    const list = object[key]
    if (list === undefined) return undefined
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
      repos.errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `repositories.${elide(label, 100)}.${key}: expected a list of package names`,
          at.line,
          at.column,
        ),
      )
      return undefined
    }
    const filter: NameFilter = {names: new Set(), patterns: []}
    for (const item of list as string[])
      if (!item.includes('*')) filter.names.add(item.toLowerCase())
      else if (filter.patterns.length < MAX_PATTERNS) filter.patterns.push(item.toLowerCase())
    if (
      filter.patterns.length === MAX_PATTERNS &&
      (list as string[]).filter((item) => item.includes('*')).length > MAX_PATTERNS
    )
      repos.skipped.push({
        file,
        line: at.line,
        reason: 'unsupported',
        message: `repositories.${elide(label, 100)}.${key}: only the first ${MAX_PATTERNS} names with '*' are read`,
      })
    return filter
  }
  repos.composer.push({url: urlWithoutCredentials(object.url), at, only: names('only'), exclude: names('exclude')})
}

/** `package`: one definition or a list of them (several versions of a package). */
function packageRepository(reader: Reader, label: string, value: JsonValue | undefined, at: Position): void {
  const {repos, file, document} = reader
  const list = Array.isArray(value) ? value : [value]
  for (const item of list) {
    const where = isJsonObject(item) ? document.positionOf(item) : at
    if (!isJsonObject(item) || typeof item.name !== 'string') {
      repos.errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `repositories.${elide(label, 100)}.package: expected a package with a name`,
          where.line,
          where.column,
        ),
      )
      continue
    }
    const definition = item as JsonObject & {name: string}
    const found = inlineSource(definition)
    if (found === undefined) {
      repos.errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `repositories.${elide(label, 100)}.package ${elide(definition.name, 200)}: neither a source nor a dist URL`,
          where.line,
          where.column,
        ),
      )
      continue
    }
    const name = definition.name.toLowerCase()
    const version = typeof definition.version === 'string' ? definition.version : undefined
    const versions = repos.inline.get(name)
    if (versions) versions.push({version, ...found})
    else repos.inline.set(name, [{version, ...found}])
  }
}

/**
 * A definition's git source as `vcs_url` (`git+<url>@<reference>`), else its archive as `download_url`, else another
 * VCS's source as `vcs_url` (`svn+<url>`): what Composer fetches it from.
 */
function inlineSource(definition: JsonObject): Omit<InlinePackage, 'version'> | undefined {
  const source = isJsonObject(definition.source) ? definition.source : undefined
  const dist = isJsonObject(definition.dist) ? definition.dist : undefined
  if (source?.type === 'git' && typeof source.url === 'string') {
    const url = urlWithoutCredentials(source.url)
    const reference = typeof source.reference === 'string' ? source.reference : undefined
    return {pinned: {vcs_url: gitVcsUrl(url, reference)}, unpinned: {vcs_url: gitVcsUrl(url)}}
  }
  if (typeof dist?.url === 'string') {
    const archive = {download_url: urlWithoutCredentials(dist.url)}
    return {pinned: archive, unpinned: archive}
  }
  if (typeof source?.type === 'string' && /^[a-z]{1,20}$/.test(source.type) && typeof source.url === 'string') {
    const vcs = {vcs_url: `${source.type}+${urlWithoutCredentials(source.url)}`}
    return {pinned: vcs, unpinned: vcs}
  }
  return undefined
}

/** `path`: a folder of the tree, or a glob of folders; each composer.json's `name` is a package of the tree. */
function pathRepository(reader: Reader, label: string, url: JsonValue | undefined, at: Position): void {
  const {repos, file, context} = reader
  if (typeof url !== 'string') {
    repos.errors.push(
      lockfileError(file, 'invalid-entry', `repositories.${elide(label, 100)}: no url`, at.line, at.column),
    )
    return
  }
  const note = (message: string): void => {
    repos.skipped.push({
      file,
      line: at.line,
      reason: 'unsupported',
      message: `path repository ${elide(urlWithoutCredentials(url), 200)}: ${message}`,
    })
  }
  const found = pathFolders(file, url, context, reader.folderBudget)
  if (typeof found === 'string') {
    note(found)
    return
  }
  reader.folderBudget -= found.folders.length
  if (found.truncated) note(`matches more than ${MAX_PATH_FOLDERS} folders: the packages of the rest are not known`)
  for (const folder of found.folders) {
    const name = packageName(folder === '' ? 'composer.json' : `${folder}/composer.json`, context)
    if (name !== undefined) repos.local.add(name.toLowerCase())
    // A folder named outright: the package it holds must be known, or it would be taken for Packagist's.
    else if (!/[*?]/.test(url))
      note(
        `no composer.json with a name at ${elide(folder || '.', 200)} in the tree: the package it holds is not known`,
      )
  }
}

/**
 * The folders a `path` URL names, relative to the scan root ('' for the root): each segment with `*` or `?` matched
 * against the names `listDir` gives (as PHP's glob: not names that start with `.`). A message when the URL is
 * outside the tree or holds what is not read here.
 */
function pathFolders(
  file: string,
  url: string,
  context: DiscoverContext,
  budget: number,
): {folders: string[]; truncated: boolean} | string {
  if (/^(?:[~/\\]|[A-Za-z]:)/.test(url) || /[$%]/.test(url))
    return 'outside the tree (an absolute path, the home folder or an environment variable): its packages are not known'
  if (/[[\]{}\\]/.test(url)) return 'a glob with classes or braces is not read: its packages are not known'
  const joined = trimEnd(posix.normalize(posix.join(posix.dirname(file), url)), '/')
  if (joined === '..' || joined.startsWith('../')) return 'outside the tree: its packages are not known'
  let folders = ['']
  for (const segment of joined.split('/')) {
    if (segment === '.' || segment === '') continue
    if (!/[*?]/.test(segment)) {
      folders = folders.map((folder) => (folder === '' ? segment : `${folder}/${segment}`))
      continue
    }
    if (context.listDir === undefined) return 'a glob, and folders cannot be listed here: its packages are not known'
    const next: string[] = []
    for (const folder of folders) {
      for (const entry of context.listDir(folder === '' ? '.' : folder) ?? []) {
        if (entry.startsWith('.') || !wildcardMatch(entry, segment, true)) continue
        if (next.length === budget) return {folders: next, truncated: true}
        next.push(folder === '' ? entry : `${folder}/${entry}`)
      }
    }
    folders = next
  }
  return folders.length > budget ? {folders: folders.slice(0, budget), truncated: true} : {folders, truncated: false}
}

/** The `name` of a composer.json of the tree; its other keys are not read (that file is listed on its own). */
function packageName(path: string, context: DiscoverContext): string | undefined {
  const text = context.readText(path)
  if (text === null) return undefined
  const read = readLockfileJson(path, text, {skip: (keys) => keys.length === 1 && keys[0] !== 'name'})
  return read.ok && typeof read.root.name === 'string' ? read.root.name : undefined
}

/** Where the repositories say a required package (lower-cased) comes from; undefined when they do not tell. */
export function originOf(repos: Repositories, name: string, version: string | undefined): Origin | undefined {
  if (repos.local.has(name)) return {local: true}
  const inline = repos.inline.get(name)
  if (inline !== undefined) {
    const bare = (v: string | undefined) => v?.replace(/^v/i, '')
    const chosen = version === undefined ? undefined : inline.find((one) => bare(one.version) === bare(version))
    if (chosen) return {qualifiers: chosen.pinned}
    return {qualifiers: inline.length === 1 ? inline[0].pinned : inline[0].unpinned}
  }
  for (const repo of repos.composer)
    if (repo.only !== undefined && serves(repo, name)) return {qualifiers: {repository_url: repo.url}}
  // Packagist disabled: a package not found above comes from one of the registries left. Composer asks them in the
  // order they are declared and takes the first that has it: the first that may serve it is named (with one
  // registry, that one). Whichever it is, it is not Packagist's, and is never looked up there by name.
  if (!repos.packagist) {
    const first = repos.composer.find((repo) => repo.only === undefined && serves(repo, name))
    if (first !== undefined) return {qualifiers: {repository_url: first.url}}
  }
  return undefined
}

function serves(repo: ComposerRepository, name: string): boolean {
  const listed = (filter: NameFilter | undefined) =>
    filter !== undefined &&
    (filter.names.has(name) || filter.patterns.some((pattern) => wildcardMatch(name, pattern, false)))
  return (repo.only === undefined || listed(repo.only)) && !listed(repo.exclude)
}

/**
 * What the file cannot tell about the packages it lists without a repository (`unattributed` of them): the registries
 * and repositories that may serve them, and, with Packagist disabled, that they are not Packagist's.
 */
export function repositoryNotes(file: string, repos: Repositories, unattributed: number): Skipped[] {
  const notes: Skipped[] = []
  const note = (at: Position, message: string) => notes.push({file, line: at.line, reason: 'unsupported', message})
  const open = repos.composer.filter((repo) => repo.only === undefined)
  if (repos.disabledAt !== undefined && !repos.packagist && open.length > 1)
    note(
      repos.disabledAt,
      `Packagist is disabled: a package not placed otherwise is named with the first of the Composer repositories that may serve it (${open.map((repo) => elide(repo.url, 200)).join(', ')}), where Composer looks first; which one serves it is not told, and none is Packagist's`,
    )
  if (unattributed === 0) return notes
  if (repos.packagist) {
    for (const repo of repos.composer)
      if (repo.only === undefined)
        note(
          repo.at,
          `Composer repository ${elide(repo.url, 200)} is declared beside Packagist and may serve any package: which packages of this file it serves is not told (they are listed without a repository)`,
        )
  } else if (repos.disabledAt !== undefined) {
    note(
      repos.disabledAt,
      `Packagist is disabled: ${unattributed === 1 ? '1 package of this file comes' : `${unattributed} packages of this file come`} from the repositories it declares, which one is not told: listed without a repository, and none is Packagist's`,
    )
  }
  for (const {what, at} of repos.unnamed)
    note(
      at,
      `${what}: the packages it holds are named in it, not in the tree: one of this file's packages may come from it (listed without a repository)`,
    )
  return notes
}
