/**
 * MODULE.bazel (https://bazel.build/rules/lib/globals/module): the `bazel_dep`s of the root module, with what the
 * overrides of the same file say of where each comes from. Read as literals, and the top-level variables, `+`, `%s`,
 * `.format()` and a join of literals evaluated as Starlark does (../../starlark.ts); never run. A `bazel_dep` is
 * listed whenever its name is read: a version, a `dev_dependency` or an override's field that cannot be read is
 * reported and left unknown, never guessed, and never drops the dependency.
 */
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {appendAll} from '../../../core/arrays.js'
import {trimEnd} from '../../../core/trim-end.js'
import {elide} from '../../../core/elide.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import type {DiscoverContext} from '../../types.js'
import {bazelrcRegistries} from './bazelrc.js'
import {type Place, readCalls, type Value, type ValueArg as Arg, type ValueCall as Call} from '../../starlark.js'

const OVERRIDES = new Set([
  'single_version_override',
  'multiple_version_override',
  'git_override',
  'archive_override',
  'local_path_override',
])

/** How deep `include()`s may nest. */
const MAX_INCLUDES = 16

interface Located<T> {
  call: T
  file: string
}

export interface ModuleFile {
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
  /** The names of the modules the file's `bazel_dep`s name (direct dependencies), read or not. */
  depNames: Set<string>
}

/** The `bazel_dep`s of a MODULE.bazel and of the files it `include()`s. */
export function readModuleFile(file: string, text: string, context: DiscoverContext): ModuleFile {
  const out: ModuleFile = {components: [], skipped: [], errors: [], depNames: new Set()}
  const deps: Array<Located<Call>> = []
  const overrides = new Map<string, Located<Call>>()
  const root = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : ''
  collect(file, text, {context, out, deps, overrides, root, seen: new Set([file])}, 0)
  const registry = workspaceRegistry(root, context, out)
  for (const dep of deps) bazelDep(dep, overrides, out, registry)
  return out
}

/**
 * Where the modules no override places come from, by the registries the workspace's `.bazelrc` names (./bazelrc.ts):
 * none named, the BCR (no qualifier); one, that registry (`repository_url` unless the BCR). With several, Bazel takes
 * each module from the first that has it, which the files do not tell: each registry other than the BCR is reported
 * once (`unsupported`, at its line) and the modules are listed without a registry.
 */
function workspaceRegistry(
  root: string,
  context: DiscoverContext,
  out: ModuleFile,
): Record<string, string> | undefined {
  const path = `${root}.bazelrc`
  const read = (file: string) => (context.exists?.(file) === false ? null : context.readText(file))
  const text = read(path)
  if (text === null) return undefined
  const {registries, skipped} = bazelrcRegistries(path, text, root, read)
  appendAll(out.skipped, skipped)
  const urls = new Set(registries.map((registry) => registry.url))
  if (urls.size === 1)
    return isPublicRegistry('bazel', registries[0].url) ? undefined : {repository_url: registries[0].url}
  const said = new Set<string>()
  for (const {url, file, line} of registries) {
    if (isPublicRegistry('bazel', url) || said.has(url)) continue
    said.add(url)
    out.skipped.push({
      file,
      line,
      reason: 'unsupported',
      message: `Bazel registry ${elide(url, 200)} is one of ${urls.size} the workspace's .bazelrc names (--registry): Bazel takes each module from the first that has it, which is not told here (bazel_deps without an override naming their source are listed without a registry)`,
    })
  }
  return undefined
}

/** What reading a root MODULE.bazel and the files it includes gathers. */
interface Reading {
  context: DiscoverContext
  out: ModuleFile
  deps: Array<Located<Call>>
  overrides: Map<string, Located<Call>>
  /** The folder of the root MODULE.bazel (`//` labels start there), with its trailing `/`, or ''. */
  root: string
  seen: Set<string>
}

function collect(file: string, text: string, reading: Reading, depth: number): void {
  const {out, deps, overrides} = reading
  const read = readCalls(text)
  if (read.error) {
    const {message, line, column} = read.error
    out.errors.push(
      lockfileError(file, 'invalid-lockfile', `${message}: the rest of the file is not read`, line, column),
    )
  }
  // `[bazel_dep(name = n, version = "1.0") for n in NAMES]`: a call inside an expression is computed: not read.
  for (const call of read.nested)
    if (call.name === 'bazel_dep' || OVERRIDES.has(call.name) || call.name === 'include')
      out.skipped.push({
        file,
        line: call.line,
        reason: 'unsupported',
        message: `${call.name}() inside an expression (a list comprehension, a condition): computed, not read (MODULE.bazel is never run)`,
      })
  for (const call of read.calls) {
    if (call.name === 'bazel_dep') deps.push({call, file})
    else if (OVERRIDES.has(call.name)) {
      const name = keyword(call, 'module_name')
      if (name?.kind !== 'string') {
        out.skipped.push(notLiteral(file, call, 'module_name', name))
        continue
      }
      const earlier = overrides.get(name.value)
      if (earlier !== undefined) {
        const message = `${call.name}: a second override of module ${JSON.stringify(elide(name.value, 200))} (the first at ${earlier.file}:${earlier.call.line}; Bazel refuses the file): not read`
        out.errors.push(lockfileError(file, 'invalid-entry', message, call.line, call.column))
        continue
      }
      overrides.set(name.value, {call, file})
    } else if (call.name === 'include') include(file, call, reading, depth)
  }
}

/**
 * `include("//path:name.MODULE.bazel")` (Bazel 7.2+, the root module only): the file is read as part of this one, its
 * components located in it. A label of another repository, or a computed one, is reported, not followed. A file that
 * is not in the tree is reported (`missing-resource`), not an error: such a file is often written by a build step
 * before Bazel runs, as `conan install` writes `conan_deps.MODULE.bazel` (Conan's BazelDeps generator: "every
 * invocation of conan install will generate several bazel files", among them "conan_deps.MODULE.bazel",
 * https://docs.conan.io/2/reference/tools/google/bazeldeps.html); one that is there but cannot be read is an error.
 */
function include(file: string, call: Call, reading: Reading, depth: number): void {
  const {context, out, seen} = reading
  const label = call.args[0]?.key === undefined ? call.args[0]?.value : keyword(call, 'label')
  if (label?.kind !== 'string') {
    out.skipped.push(notLiteral(file, call, 'label', label))
    return
  }
  if (label.computed !== undefined) {
    // CompiledModuleFile.checkModuleFileSyntax: "the `include` directive MUST be called with exactly one positional
    // argument that is a string literal".
    out.skipped.push({
      file,
      line: label.line,
      reason: 'unsupported',
      message: `include label is computed (${elide(label.computed, 200)}), not a literal (Bazel takes only a string literal): not read`,
    })
    return
  }
  const path = labelPath(reading.root, file, label.value)
  const written = `include(${JSON.stringify(elide(label.value, 200))})`
  if (path === undefined) {
    out.skipped.push({
      file,
      line: call.line,
      reason: 'unsupported',
      message: `${written} is not a label of a file in this repository: not read`,
    })
    return
  }
  const readable = depth < MAX_INCLUDES && !seen.has(path)
  const text = readable ? context.readText(path) : null
  if (text === null) {
    if (readable && context.exists?.(path) === false) {
      out.skipped.push({
        file,
        line: label.line,
        reason: 'missing-resource',
        message: missingInclude(written, path, reading),
      })
      return
    }
    const why =
      depth >= MAX_INCLUDES
        ? `includes nested deeper than ${MAX_INCLUDES}`
        : seen.has(path)
          ? 'included twice'
          : 'could not be read'
    const message = `${written}: ${path}: ${why}; its bazel_deps are not listed`
    out.errors.push(lockfileError(file, 'include-not-read', message, label.line, label.column))
    return
  }
  seen.add(path)
  collect(path, text, reading, depth + 1)
}

/** Why an included file may be missing from a clean checkout, and where its dependencies are read instead. */
function missingInclude(written: string, path: string, reading: Reading): string {
  const base = `${written}: ${path} is not in the tree`
  if (!/(^|\/)conan_deps\.MODULE\.bazel$/.test(path))
    return `${base}; it may be written by a build step before Bazel runs (Bazel refuses to start without it): its bazel_deps are not listed`
  const conanfile = ['conanfile.py', 'conanfile.txt'].find((name) => reading.context.exists?.(`${reading.root}${name}`))
  const from = conanfile === undefined ? "the project's conanfile" : `${conanfile}, read on its own (conan format)`
  return `${base}: \`conan install\` writes it (Conan's BazelDeps generator) from ${from}: its bazel_deps are not listed`
}

/**
 * The path under the scan root that a main-repository label names: `//pkg:name`, `//:name`, `@//pkg:name` and
 * `@@//pkg:name` from the folder of the root MODULE.bazel; `:name` from the folder of the file that includes it.
 * undefined for another repository's label or a path that leaves the tree.
 */
function labelPath(root: string, file: string, label: string): string | undefined {
  const match = /^(?:(?:@@?)?\/\/([^:]*))?:([^:]+)$/.exec(label)
  if (match === null) return undefined
  const pkg = match[1] ?? ''
  const path = pkg === '' ? match[2] : `${pkg}/${match[2]}`
  if (path.split('/').some((segment) => segment === '..' || segment === '.' || segment === '')) return undefined
  // A `:name` label is in the package of the file that writes it.
  const base = match[1] === undefined ? (file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '') : root
  return `${base}${path}`
}

function keyword(call: Call, key: string): Value | undefined {
  return call.args.find((arg) => arg.key === key)?.value
}

/** Why a value cannot be read: missing, computed beyond what is evaluated, or of the wrong type. */
function unreadWhy(what: string, value: Value | undefined, expected = 'a string'): string {
  if (value === undefined) return `has no ${what}`
  if (value.kind === 'expr') return `${what} is computed (${elide(value.text, 200)}), not a literal`
  return `${what} is not ${expected}`
}

function notLiteral(file: string, call: Place & {name: string}, what: string, value: Value | undefined): Skipped {
  const why = unreadWhy(what, value)
  return {file, line: value?.line ?? call.line, reason: 'unsupported', message: `${call.name} ${why}: not read`}
}

/** What a dependency's override says of where the module comes from. */
interface Source {
  version?: string
  qualifiers?: Record<string, string>
  local?: boolean
  /** A non-registry override (git, archive, local path): Bazel ignores the version the bazel_dep names. */
  nonRegistry?: boolean
  /** Where the module comes from could not be read (reported): the component has no purl. */
  unknown?: boolean
  /** The override pins a version that could not be read (reported): the component has no version. */
  versionUnread?: boolean
  /** The override names the registry the module comes from (the workspace's registries are not looked at). */
  registry?: boolean
}

function bazelDep(
  {call, file}: Located<Call>,
  overrides: Map<string, Located<Call>>,
  out: ModuleFile,
  registry: Record<string, string> | undefined,
): void {
  const unnamed = call.args.find((arg) => arg.key === undefined)
  if (unnamed !== undefined) {
    out.skipped.push(argSkip(file, call, unnamed, 'a positional argument'))
    return
  }
  const name = keyword(call, 'name')
  if (name?.kind === 'string') out.depNames.add(name.value)
  if (name?.kind !== 'string' || name.value === '') {
    out.skipped.push(notLiteral(file, call, 'name', name?.kind === 'string' ? undefined : name))
    return
  }
  const quoted = JSON.stringify(elide(name.value, 200))
  const version = keyword(call, 'version')
  const versionRead = version === undefined || version.kind === 'string'
  const declared = version?.kind === 'string' ? version.value : ''
  const dev = keyword(call, 'dev_dependency')
  const override = overrides.get(name.value)
  const source: Source = override === undefined ? {} : overrideSource(override, name.value, out)
  // A non-registry override ignores the version the bazel_dep asks for: the module is whatever the source holds.
  const listed =
    source.nonRegistry || source.versionUnread
      ? undefined
      : (source.version ?? (declared === '' ? undefined : declared))
  if (listed === undefined && !source.nonRegistry && !source.versionUnread)
    out.skipped.push({
      file,
      line: versionRead ? call.line : version.line,
      reason: 'unresolved-version',
      message: versionRead
        ? `bazel_dep ${quoted} names no version, and no override in the file gives one: listed without a version`
        : `bazel_dep ${quoted} ${unreadWhy('version', version)}: listed without a version`,
    })
  let scope: Scope | undefined = dev?.kind === 'bool' && dev.value ? 'dev' : 'prod'
  if (dev !== undefined && dev.kind !== 'bool') {
    scope = undefined
    out.skipped.push({
      file,
      line: dev.line,
      reason: 'unsupported',
      message: `bazel_dep ${quoted} ${unreadWhy('dev_dependency', dev, 'True or False')}: listed without a scope`,
    })
  }
  const component = packageComponent(file, {
    // MODULE.bazel declares what the module asks for: a manifest (MODULE.bazel.lock, ./lock.ts, is the lock file).
    origin: 'manifest',
    ecosystem: 'bazel',
    name: name.value,
    version: listed,
    ref: declared === '' ? name.value : `${name.value}@${declared}`,
    line: name.line,
    column: name.column,
    scope,
    direct: true,
    local: source.local,
    // A registry module (no override, or one that names no registry) comes from the workspace's registry.
    qualifiers: source.unknown ? undefined : source.nonRegistry || source.registry ? source.qualifiers : registry,
  })
  if (source.unknown) delete component.purl
  out.components.push(component)
}

function argSkip(file: string, call: Call, arg: Arg, what: string): Skipped {
  const text = arg.value.kind === 'expr' ? ` (${elide(arg.value.text, 200)})` : ''
  return {file, line: arg.line, reason: 'unsupported', message: `${call.name} with ${what}${text}: not read`}
}

/**
 * The source an override gives the bazel_dep `dep`. A field it needs that cannot be read is reported, naming the
 * dependency and what it is listed without; the dependency is listed all the same.
 */
function overrideSource({call, file}: Located<Call>, dep: string, out: ModuleFile): Source {
  const unread = (key: string, without: string, reason: 'unsupported' | 'unresolved-version' = 'unsupported') => {
    const value = keyword(call, key)
    const why = unreadWhy(key, value?.kind === 'none' ? undefined : value)
    out.skipped.push({
      file,
      line: value?.line ?? call.line,
      reason,
      message: `${call.name} of ${JSON.stringify(elide(dep, 200))}: ${why}: the bazel_dep is listed without ${without}`,
    })
  }
  /** A field's string; undefined when absent or None, null when it cannot be read. */
  const field = (key: string): string | undefined | null => {
    const value = keyword(call, key)
    if (value === undefined || value.kind === 'none') return undefined
    return value.kind === 'string' ? value.value : null
  }
  const strings = (key: string): string[] | null => {
    const value = keyword(call, key)
    if (value === undefined || value.kind === 'none') return []
    if (value.kind === 'string') return [value.value]
    if (value.kind === 'list' && value.items.every((item) => item.kind === 'string'))
      return value.items.map((item) => (item as {value: string}).value)
    return null
  }
  const nowhere = 'a purl (where the module comes from is not known)'
  switch (call.name) {
    case 'single_version_override':
    case 'multiple_version_override': {
      const source: Source = {}
      const version = call.name === 'single_version_override' ? field('version') : undefined
      if (version === null) {
        unread('version', 'a version', 'unresolved-version')
        source.versionUnread = true
      } else if (version !== undefined && version !== '') source.version = version
      const registry = field('registry')
      if (registry !== undefined && registry !== '') source.registry = true
      if (registry === null) {
        unread('registry', 'a purl (the registry it comes from is not known)')
        source.unknown = true
      } else if (registry !== undefined && registry !== '' && !isPublicRegistry('bazel', registry))
        // Without its trailing `/`, as the lockfile's keys name it: one registry, one purl.
        source.qualifiers = {repository_url: trimEnd(registry, '/')}
      return source
    }
    case 'git_override': {
      const remote = field('remote')
      if (remote === undefined || remote === null || remote === '') {
        unread('remote', nowhere)
        return {nonRegistry: true, unknown: true}
      }
      const refs = ['commit', 'tag', 'branch'].map((key) => [key, field(key)] as const)
      const unreadRef = refs.find(([, value]) => value === null)
      if (unreadRef !== undefined) {
        unread(unreadRef[0], 'the commit it is fetched at (vcs_url names the repository only)')
        return {nonRegistry: true, qualifiers: {vcs_url: gitVcsUrl(remote, undefined)}}
      }
      const pinned = refs.find(([, value]) => typeof value === 'string' && value !== '')?.[1]
      return {nonRegistry: true, qualifiers: {vcs_url: gitVcsUrl(remote, pinned ?? undefined)}}
    }
    case 'archive_override': {
      const urls = strings('urls')
      const url = strings('url')
      if (urls === null || url === null) {
        unread(urls === null ? 'urls' : 'url', nowhere)
        return {nonRegistry: true, unknown: true}
      }
      const first = [...urls, ...url][0]
      if (first === undefined) {
        unread('urls', nowhere)
        return {nonRegistry: true, unknown: true}
      }
      return {nonRegistry: true, qualifiers: {download_url: first}}
    }
    default:
      return {nonRegistry: true, local: true}
  }
}
