/**
 * jsonnet-bundler (`jb`, https://github.com/jsonnet-bundler/jsonnet-bundler): the Jsonnet libraries a project vendors
 * (kube-prometheus, the Prometheus and Grafana mixins), as its spec/v1 types describe `jsonnetfile.json` and
 * `jsonnetfile.lock.json`: `dependencies`, each a `source` (`git: {remote, subdir}`, or `local: {directory}`) and a
 * `version`.
 * - `jsonnetfile.lock.json`: every library `jb install` fetched, the dependencies' own ones too, each at the commit
 *   it locked: a git repository at a commit (lockfile-support/git-package.ts, as git submodules and mix.lock's git
 *   dependencies are). `direct` when the `jsonnetfile.json` beside it, or that of one of its `local` directories (the
 *   project's own libraries), names the library.
 * - `jsonnetfile.json` with no lock beside it: the libraries it names, at the branch or tag it writes (`ref`), with no
 *   version (a branch moves; `jb install` locks a commit): said once. A `jsonnetfile.json` that a lock above it takes
 *   as one of its `local` directories is listed by that lock, not again.
 * - `local` dependencies are the tree's own folders: not listed.
 */
import {posix} from 'node:path'
import {trimEnd} from '../../../core/trim-end.js'
import {elide} from '../../../core/elide.js'
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {gitPackageComponent, repositoryName} from '../../lockfile-support/git-package.js'
import {isJsonObject, type JsonObject, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {pathsAbove} from '../../paths-above.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'jsonnet-bundler',
  description:
    'jsonnet-bundler jsonnetfile.lock.json (and jsonnetfile.json without a lock): the Jsonnet libraries vendored',
  matches: (file) => /(^|\/)jsonnetfile(?:\.lock)?\.json$/.test(file),
  identify: (head) => /^\s*\{\s*"version"\s*:\s*[01]\s*,\s*"dependencies"\s*:/.test(head) && /"source"\s*:/.test(head),
  discover: ({file, text}, context) => discoverJsonnetfile(file, text, context),
}

const LOCK = 'jsonnetfile.lock.json'
const MANIFEST = 'jsonnetfile.json'
/** A git commit id (SHA-1, or SHA-256 for a repository in that object format). */
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/

/** One dependency as a jsonnetfile writes it. */
interface Dependency {
  kind: 'git' | 'local'
  /** The git remote, or the local directory. */
  where: string
  subdir: string
  version: string
  line: number
  column: number
}

interface Read {
  dependencies: Dependency[]
  errors: ScanError[]
}

export function discoverJsonnetfile(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  const read = readJsonnetfile(file, text)
  const dir = posix.dirname(file)
  const beside = (name: string) => (dir === '.' ? name : `${dir}/${name}`)
  const isLock = posix.basename(file) === LOCK
  if (!isLock && (context.exists?.(beside(LOCK)) || lockAboveTakes(file, context)))
    return {components: [], errors: read.errors}
  const components: Component[] = []
  const skipped: Skipped[] = []
  const direct = isLock ? directLibraries(beside(MANIFEST), context) : undefined
  let unpinned = 0
  for (const dependency of read.dependencies) {
    if (dependency.kind === 'local') continue
    const name = library(dependency)
    const rev = isLock && COMMIT.test(dependency.version) ? dependency.version : undefined
    if (rev === undefined) unpinned++
    components.push(
      gitPackageComponent(file, {
        url: dependency.where,
        rev,
        ref: dependency.version === '' ? name : `${name}@${dependency.version}`,
        line: dependency.line,
        column: dependency.column,
        direct: isLock ? direct?.has(name) : true,
        origin: isLock ? 'lockfile' : 'manifest',
      }),
    )
  }
  if (unpinned > 0)
    skipped.push({
      file,
      reason: 'unresolved-version',
      message: isLock
        ? `${unpinned} ${unpinned === 1 ? 'library is' : 'libraries are'} locked at no commit: listed without a version`
        : `${unpinned} ${unpinned === 1 ? 'library is' : 'libraries are'} named at a branch or tag, which ${LOCK} (not beside this file) would pin to a commit: listed without a version; run \`jb install\` and scan the lock`,
    })
  return {components, skipped, errors: read.errors}
}

/** A library as jb names it: the repository without scheme and `.git`, then its subdir (`github.com/o/r/sub`). */
function library(dependency: Dependency): string {
  const repository = repositoryName(dependency.where)
  const subdir = trimEnd(dependency.subdir.replace(/^\/+/, ''), '/')
  return subdir === '' ? repository : `${repository}/${subdir}`
}

/** The libraries a lock's jsonnetfile.json names, and those of the jsonnetfile.json of each of its local folders. */
function directLibraries(manifest: string, context: DiscoverContext): Set<string> | undefined {
  const text = context.readText(manifest)
  if (text === null) return undefined
  const names = new Set<string>()
  const dependencies = readJsonnetfile(manifest, text).dependencies
  for (const dependency of dependencies) {
    if (dependency.kind === 'git') names.add(library(dependency))
    else {
      const own = context.readText(posix.join(posix.dirname(manifest), dependency.where, MANIFEST))
      if (own === null) continue
      for (const inner of readJsonnetfile(MANIFEST, own).dependencies)
        if (inner.kind === 'git') names.add(library(inner))
    }
  }
  return names
}

/** Whether a lock in a folder above takes this jsonnetfile.json's folder as one of its local dependencies. */
function lockAboveTakes(file: string, context: DiscoverContext): boolean {
  const dir = posix.dirname(file)
  // Above the file's own folder: pathsAbove of the folder starts at its parent (the folder's own lock, beside, is
  // the caller's).
  for (const lock of pathsAbove(dir, LOCK)) {
    if (lock === (dir === '.' ? LOCK : `${dir}/${LOCK}`)) continue
    const text = context.readText(lock)
    if (text === null) continue
    const root = posix.dirname(lock)
    for (const dependency of readJsonnetfile(lock, text).dependencies)
      if (dependency.kind === 'local' && posix.join(root, dependency.where) === dir) return true
  }
  return false
}

/** A jsonnetfile's dependencies, each checked; what is not one is an error at its place. */
function readJsonnetfile(file: string, text: string): Read {
  // jb reads an empty file as an empty spec (pkg/jsonnetfile/jsonnetfile.go: "Empty bytes will create an empty spec").
  if (text.trim() === '') return {dependencies: [], errors: []}
  const json = readLockfileJson(file, text)
  if (!json.ok) return {dependencies: [], errors: json.errors}
  const errors = [...json.errors]
  const dependencies: Dependency[] = []
  const list = json.root.dependencies
  if (list === undefined || list === null) return {dependencies, errors}
  if (!Array.isArray(list)) {
    const at = json.document.topLevelKeys.get('dependencies') ?? {line: 1, column: 1}
    errors.push(lockfileError(file, 'invalid-lockfile', '`dependencies` must be a list', at.line, at.column))
    return {dependencies, errors}
  }
  for (const [index, item] of list.entries()) {
    const at = isJsonObject(item) ? json.document.positionOf(item) : json.document.topLevelKeys.get('dependencies')
    const fail = (message: string) =>
      errors.push(lockfileError(file, 'invalid-entry', `dependencies[${index}]: ${message}`, at?.line, at?.column))
    if (!isJsonObject(item)) {
      fail('must be an object')
      continue
    }
    const source = item.source
    const version = item.version ?? ''
    if (typeof version !== 'string') {
      fail('`version` must be a string')
      continue
    }
    const git = isJsonObject(source) ? source.git : undefined
    const local = isJsonObject(source) ? source.local : undefined
    if (isJsonObject(git)) {
      const remote = git.remote
      const subdir = git.subdir ?? ''
      if (typeof remote !== 'string' || remote.trim() === '' || typeof subdir !== 'string') {
        fail('`source.git` must have a `remote` (and a `subdir`) string')
        continue
      }
      if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+\/\S/i.test(remote) && !/^[\w.-]+@[\w.-]+:\S/.test(remote)) {
        fail(`\`source.git.remote\` "${elide(remote, 200)}" is not a repository URL`)
        continue
      }
      const place = json.document.positionOf(git as JsonObject)
      dependencies.push({kind: 'git', where: remote.trim(), subdir, version, ...place})
    } else if (isJsonObject(local) && typeof local.directory === 'string') {
      dependencies.push({kind: 'local', where: local.directory, subdir: '', version, line: 0, column: 0})
    } else fail('`source` must be `{git: {remote, subdir}}` or `{local: {directory}}`')
  }
  return {dependencies, errors}
}
