/**
 * MODULE.bazel (https://bazel.build/rules/lib/globals/module): the `bazel_dep`s of the root module, with what the
 * overrides of the same file say of where each comes from. Read as literals (./starlark.ts), never evaluated.
 */
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {trimEnd} from '../../../core/trim-end.js'
import {elide} from '../../../core/elide.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import type {DiscoverContext} from '../../types.js'
import {type Arg, type Call, type Place, readCalls, type Value} from './starlark.js'

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
  for (const dep of deps) bazelDep(dep, overrides, out)
  return out
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
        message: `${call.name}() inside an expression (a list comprehension, a condition): computed, not read (MODULE.bazel is never evaluated)`,
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
 * components located in it. A label of another repository, or a computed one, is reported, not followed.
 */
function include(file: string, call: Call, reading: Reading, depth: number): void {
  const {context, out, seen} = reading
  const label = call.args[0]?.key === undefined ? call.args[0]?.value : keyword(call, 'label')
  if (label?.kind !== 'string') {
    out.skipped.push(notLiteral(file, call, 'label', label))
    return
  }
  const path = labelPath(reading.root, file, label.value)
  if (path === undefined) {
    out.skipped.push({
      file,
      line: call.line,
      reason: 'unsupported',
      message: `include(${JSON.stringify(elide(label.value, 200))}) is not a label of a file in this repository: not read`,
    })
    return
  }
  const text = depth < MAX_INCLUDES && !seen.has(path) ? context.readText(path) : null
  if (text === null) {
    const why =
      depth >= MAX_INCLUDES
        ? `includes nested deeper than ${MAX_INCLUDES}`
        : seen.has(path)
          ? 'included twice'
          : 'no such file'
    const message = `include(${JSON.stringify(elide(label.value, 200))}): ${path}: ${why}; its bazel_deps are not listed`
    out.errors.push(lockfileError(file, 'include-not-read', message, label.line, label.column))
    return
  }
  seen.add(path)
  collect(path, text, reading, depth + 1)
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

function notLiteral(file: string, call: Place & {name: string}, what: string, value: Value | undefined): Skipped {
  const why =
    value === undefined
      ? `has no ${what}`
      : value.kind === 'expr'
        ? `${what} is computed (${elide(value.text, 200)}), not a literal`
        : `${what} is not a string`
  return {file, line: value?.line ?? call.line, reason: 'unsupported', message: `${call.name} ${why}: not read`}
}

/** What a dependency's override says of where the module comes from. */
interface Source {
  version?: string
  qualifiers?: Record<string, string>
  local?: boolean
}

function bazelDep({call, file}: Located<Call>, overrides: Map<string, Located<Call>>, out: ModuleFile): void {
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
  const version = keyword(call, 'version')
  if (version !== undefined && version.kind !== 'string') {
    out.skipped.push(notLiteral(file, call, 'version', version))
    return
  }
  const dev = keyword(call, 'dev_dependency')
  if (dev !== undefined && dev.kind !== 'bool') {
    out.skipped.push(notLiteral(file, call, 'dev_dependency', dev))
    return
  }
  const declared = version?.value ?? ''
  const override = overrides.get(name.value)
  const source = override === undefined ? {} : overrideSource(override, out)
  if (source === undefined) return
  // A non-registry override ignores the version the bazel_dep asks for: the module is whatever the source holds.
  const nonRegistry =
    source.local || source.qualifiers?.vcs_url !== undefined || source.qualifiers?.download_url !== undefined
  const listed = nonRegistry ? undefined : (source.version ?? (declared === '' ? undefined : declared))
  if (listed === undefined && !nonRegistry)
    out.skipped.push({
      file,
      line: call.line,
      reason: 'unresolved-version',
      message: `bazel_dep ${JSON.stringify(elide(name.value, 200))} names no version, and no override in the file gives one: listed without a version`,
    })
  const scope: Scope = dev?.kind === 'bool' && dev.value ? 'dev' : 'prod'
  out.components.push(
    packageComponent(file, {
      ecosystem: 'bazel',
      name: name.value,
      version: listed,
      ref: declared === '' ? name.value : `${name.value}@${declared}`,
      line: name.line,
      column: name.column,
      scope,
      direct: true,
      local: source.local,
      qualifiers: source.qualifiers,
    }),
  )
}

function argSkip(file: string, call: Call, arg: Arg, what: string): Skipped {
  const text = arg.value.kind === 'expr' ? ` (${elide(arg.value.text, 200)})` : ''
  return {file, line: arg.line, reason: 'unsupported', message: `${call.name} with ${what}${text}: not read`}
}

/** The source an override gives; undefined (and a skip) when a field it needs is computed. */
function overrideSource({call, file}: Located<Call>, out: ModuleFile): Source | undefined {
  const field = (key: string): Value | undefined | null => {
    const value = keyword(call, key)
    if (value === undefined || value.kind === 'none') return undefined
    if (value.kind === 'string') return value
    out.skipped.push(notLiteral(file, call, key, value))
    return null
  }
  const strings = (key: string): string[] | null => {
    const value = keyword(call, key)
    if (value === undefined || value.kind === 'none') return []
    if (value.kind === 'string') return [value.value]
    if (value.kind === 'list' && value.items.every((item) => item.kind === 'string'))
      return value.items.map((item) => (item as {value: string}).value)
    out.skipped.push(notLiteral(file, call, key, value))
    return null
  }
  switch (call.name) {
    case 'single_version_override':
    case 'multiple_version_override': {
      const registry = field('registry')
      const version = call.name === 'single_version_override' ? field('version') : undefined
      if (registry === null || version === null) return undefined
      const source: Source = {}
      if (version !== undefined && version.kind === 'string' && version.value !== '') source.version = version.value
      if (
        registry !== undefined &&
        registry.kind === 'string' &&
        registry.value !== '' &&
        !isPublicRegistry('bazel', registry.value)
      )
        // Without its trailing `/`, as the lockfile's keys name it: one registry, one purl.
        source.qualifiers = {repository_url: trimEnd(registry.value, '/')}
      return source
    }
    case 'git_override': {
      const remote = field('remote')
      const ref = [field('commit'), field('tag'), field('branch')]
      if (remote === null || ref.includes(null)) return undefined
      if (remote === undefined || remote.kind !== 'string') {
        out.skipped.push(notLiteral(file, call, 'remote', undefined))
        return undefined
      }
      const pinned = ref.find(
        (value) => value !== undefined && value !== null && value.kind === 'string' && value.value !== '',
      )
      return {qualifiers: {vcs_url: gitVcsUrl(remote.value, pinned?.kind === 'string' ? pinned.value : undefined)}}
    }
    case 'archive_override': {
      const urls = strings('urls')
      const url = strings('url')
      if (urls === null || url === null) return undefined
      const first = [...urls, ...url][0]
      if (first === undefined) {
        out.skipped.push(notLiteral(file, call, 'urls', undefined))
        return undefined
      }
      return {qualifiers: {download_url: first}}
    }
    default:
      return {local: true}
  }
}
