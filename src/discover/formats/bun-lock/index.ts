import type {Component, ScanError, Scope} from '../../../core/model.js'
import {check, checkValue} from '../../checked.js'
import {BUN_TEXT_LOCKFILE_HINT} from '../../decode.js'
import {hasTopLevelKey} from '../../json-tree.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {isJsonObject, type JsonObject, type JsonValue, readLockfileJson} from '../../lockfile-support/json-reader.js'
import type {Position} from '../../../core/line-index.js'
import {aliasTarget, parseDescriptor, registryQualifiers, sourceQualifiers} from '../../lockfile-support/npm-name.js'
import {lockfileError, lockfileFailure} from '../../lockfile-support/problems.js'
import {firstIssue} from '../../../core/zod-issues.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import type {PackageInfo} from './schema.js'
import {isBroader, narrowerScope} from '../../lockfile-support/scope.js'

const WorkspaceCheck = check('bun-lock/Workspace')
const PackageInfoCheck = check('bun-lock/PackageInfo')

/** An npm package name as a lockfile writes it: `name` or `@scope/name`, without spaces. */
const PACKAGE_NAME = /^(?:@[^\s/@]+\/)?[^\s/@]+$/

const SUPPORTED_VERSIONS = new Set<JsonValue | undefined>([0, 1])

export const discoverer: Discoverer = {
  id: 'bun-lock',
  description: "Bun's bun.lock (lockfileVersion 0, 1); bun.lockb (binary) is reported, not read",
  matches(file) {
    return /(^|\/)bun\.lockb?$/.test(file) && !/(^|\/)node_modules\//.test(file)
  },
  // npm's package-lock.json has `lockfileVersion` too, never `workspaces`.
  identify: (head) => hasTopLevelKey(head, 'lockfileVersion') && hasTopLevelKey(head, 'workspaces'),
  discover: ({file, text}) =>
    file.endsWith('.lockb')
      ? // Binary data is refused before any format sees it (../../decode.ts); this is a bun.lockb holding text.
        lockfileFailure(
          file,
          'invalid-lockfile',
          `bun.lockb is Bun's binary lockfile, not read: ${BUN_TEXT_LOCKFILE_HINT}`,
        )
      : discoverBunLock(file, text),
}

/** Top-level fields read; the rest (overrides, catalogs, patchedDependencies...) is pruned unread. */
const TOP_LEVEL = new Set(['lockfileVersion', 'workspaces', 'packages'])
/** Fields of a package's metadata object read to tell scope and direct dependencies. */
const INFO_FIELDS = new Set(['dependencies', 'optionalDependencies', 'peerDependencies'])

function skipUnread(path: readonly string[]): boolean {
  if (path.length === 1) return !TOP_LEVEL.has(path[0])
  // Array items are not in the path: a `packages` entry's metadata fields are at depth 3.
  return path.length === 3 && path[0] === 'packages' && !INFO_FIELDS.has(path[2])
}

const SECTIONS: Array<[keyof PackageInfo | 'devDependencies', Scope]> = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
  ['devDependencies', 'dev'],
]

/** Lower is wider: a package reached as prod by one path and dev by another ships. */

interface Member {
  name?: string
  version?: string
  declared: Array<[string, Scope]>
}

interface Entry {
  key: string
  position: Position
  /** `name@version`, `name@workspace:path`, `name@github:owner/repo#sha`...: the first item, as written. */
  spec: string
  name: string
  version?: string
  local: boolean
  /** A workspace member: listed, but its dependencies are its workspace's. */
  workspace?: string
  qualifiers?: Record<string, string>
  info?: PackageInfo
}

export function discoverBunLock(file: string, text: string): DiscoverOutput {
  const read = readLockfileJson(file, text, {jsonc: true, skip: skipUnread})
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root} = read
  const errors: ScanError[] = [...read.errors]
  const at = (key: string) => document.topLevelKeys.get(key) ?? {line: 1, column: 1}
  if (!SUPPORTED_VERSIONS.has(root.lockfileVersion)) {
    const shown = root.lockfileVersion === undefined ? 'missing' : JSON.stringify(root.lockfileVersion)
    const {line, column} = at('lockfileVersion')
    return lockfileFailure(
      file,
      'unsupported-version',
      `unknown lockfileVersion ${shown} (supported: 0, 1)`,
      line,
      column,
    )
  }
  for (const section of ['workspaces', 'packages']) {
    const value = root[section]
    if (value !== undefined && !isJsonObject(value)) {
      const {line, column} = at(section)
      return lockfileFailure(file, 'invalid-lockfile', `'${section}' must be an object`, line, column)
    }
  }
  const members = readWorkspaces(file, document.positionOf, (root.workspaces as JsonObject) ?? {}, at, errors)
  const entries = readPackages(file, document.positionOf, (root.packages as JsonObject) ?? {}, at, members, errors)
  const reached = scopes(members, entries)
  return {components: components(file, entries, reached, members.size > 0), errors}
}

function readWorkspaces(
  file: string,
  positionOf: (value: JsonObject | JsonValue[]) => Position,
  workspaces: JsonObject,
  at: (key: string) => Position,
  errors: ScanError[],
): Map<string, Member> {
  const members = new Map<string, Member>()
  for (const [path, raw] of Object.entries(workspaces)) {
    const parsed = checkValue(WorkspaceCheck, raw)
    if (!parsed.success) {
      const {line, column} = isJsonObject(raw) ? positionOf(raw) : at('workspaces')
      errors.push(
        lockfileError(file, 'invalid-entry', `workspaces["${path}"]: ${firstIssue(parsed.error)}`, line, column),
      )
      continue
    }
    const declared: Array<[string, Scope]> = []
    for (const [section, scope] of SECTIONS) {
      for (const name of Object.keys(parsed.data[section] ?? {})) declared.push([name, scope])
    }
    members.set(path, {name: parsed.data.name, version: parsed.data.version, declared})
  }
  return members
}

function readPackages(
  file: string,
  positionOf: (value: JsonObject | JsonValue[]) => Position,
  packages: JsonObject,
  at: (key: string) => Position,
  members: Map<string, Member>,
  errors: ScanError[],
): Map<string, Entry> {
  const entries = new Map<string, Entry>()
  for (const [key, raw] of Object.entries(packages)) {
    const position = Array.isArray(raw) || isJsonObject(raw) ? positionOf(raw) : at('packages')
    const problem = (message: string) =>
      errors.push(
        lockfileError(file, 'invalid-entry', `packages["${key}"]: ${message}`, position.line, position.column),
      )
    if (!Array.isArray(raw) || typeof raw[0] !== 'string') {
      problem("expected an array whose first item is the 'name@version' string")
      continue
    }
    const spec = raw[0]
    const {name, range} = parseDescriptor(spec)
    if (name === '' || range === '') {
      problem(`'${spec}' is not 'name@version'`)
      continue
    }
    if (!PACKAGE_NAME.test(name)) {
      problem(`'${spec}' does not begin with a package name ('name' or '@scope/name')`)
      continue
    }
    if (/[\s\u0000-\u001f\u007f]/.test(range)) {
      problem(`'${spec}': what follows the name holds a space or a control character`)
      continue
    }
    // npm: [spec, registry, info, integrity]; every other kind: [spec, info, ...] (or [spec] for a workspace).
    const rawInfo = raw.find((item, index) => index > 0 && isJsonObject(item))
    let info: PackageInfo | undefined
    if (rawInfo !== undefined) {
      const parsed = checkValue(PackageInfoCheck, rawInfo)
      if (parsed.success) info = parsed.data
      else problem(firstIssue(parsed.error))
    }
    const entry = classify(key, position, spec, name, range, raw, members)
    if (entry === undefined) continue
    entry.info = info
    entries.set(key, entry)
  }
  return entries
}

/** What the resolution (after `name@`) says; undefined for the root package (`name@root:`), which is the project. */
function classify(
  key: string,
  position: Position,
  spec: string,
  name: string,
  range: string,
  raw: JsonValue[],
  members: Map<string, Member>,
): Entry | undefined {
  const base = {key, position, spec, name}
  if (range.startsWith('workspace:')) {
    const workspace = range.slice('workspace:'.length)
    return {...base, version: members.get(workspace)?.version, local: true, workspace}
  }
  if (range.startsWith('root:')) return undefined
  if (range.startsWith('file:') || range.startsWith('link:')) return {...base, local: true}
  // git+ssh://..., github:owner/repo#sha: the repository as `vcs_url`, as the other npm lockfiles give it.
  if (range.startsWith('git+') || range.startsWith('github:'))
    return {...base, local: false, qualifiers: sourceQualifiers(range)}
  if (/^https?:\/\//.test(range)) return {...base, local: false, qualifiers: sourceQualifiers(range)}
  // An npm package: the second item is its registry URL ('' for the default registry).
  if (typeof raw[1] === 'string') {
    const alias = aliasTarget(range)
    const registry = raw[1] === '' ? undefined : raw[1]
    // `name@npm:real@1.0.0` (Bun writes the real name first; others may not): listed as `real@1.0.0`.
    return {
      ...base,
      spec: alias ? `${alias.name}@${alias.range}` : spec,
      name: alias?.name ?? name,
      version: alias?.range ?? range,
      local: false,
      qualifiers: registryQualifiers(registry),
    }
  }
  // A tarball on disk (`name@./pkg.tgz`).
  return {...base, local: true}
}

/** `a/@s/b/c` → its parent's key `a/@s/b`; '' at the top. Scoped names take two segments. */
function parentKey(key: string): string {
  const slash = key.lastIndexOf('/')
  if (slash === -1) return ''
  const parent = key.slice(0, slash)
  const before = parent.lastIndexOf('/')
  // The last segment was the name part of `@scope/name`: the scope goes with it.
  if (parent.charCodeAt(before + 1) === 0x40 /* @ */) return before === -1 ? '' : parent.slice(0, before)
  return parent
}

/** Parents looked through for a dependency: far past real nesting, and a bound on a hostile key's cost. */
const MAX_NESTING = 256

/** Where Bun installs what `from` depends on as `name`: the nearest `from/.../name` key, as node_modules is searched. */
function resolve(entries: Map<string, Entry>, from: string, name: string): string | undefined {
  let parent = from
  for (let depth = 0; depth < MAX_NESTING && parent !== ''; depth++, parent = parentKey(parent)) {
    const key = `${parent}/${name}`
    if (entries.has(key)) return key
  }
  return entries.has(name) ? name : undefined
}

interface Reach {
  scope: Scope
  direct: boolean
}

/**
 * Scope and direct for each package key, from what the workspaces declare through the packages' dependency maps.
 * A key's scope only ever widens (dev → peer → optional → prod), so each is queued at most four times.
 */
function scopes(members: Map<string, Member>, entries: Map<string, Entry>): Map<string, Reach> {
  const reached = new Map<string, Reach>()
  const queue: string[] = []
  const reach = (key: string, scope: Scope, direct: boolean) => {
    const known = reached.get(key)
    if (known === undefined) reached.set(key, {scope, direct})
    else {
      known.direct ||= direct
      if (!isBroader(scope, known.scope)) return
      known.scope = scope
    }
    queue.push(key)
  }
  // A workspace's own dependencies are installed under its name (`member/dep`), else at the top.
  const memberKey = (path: string, member: Member) => (path === '' ? '' : (member.name ?? ''))
  for (const [path, member] of members) {
    for (const [name, scope] of member.declared) {
      const key = resolve(entries, memberKey(path, member), name)
      if (key !== undefined) reach(key, scope, true)
    }
  }
  for (let next = 0; next < queue.length; next++) {
    const key = queue[next]
    const entry = entries.get(key)!
    const scope = reached.get(key)!.scope
    if (entry.workspace !== undefined) {
      // A workspace depended on: its own declarations, at the scope it is reached with.
      const member = members.get(entry.workspace)
      for (const [name, declaredScope] of member?.declared ?? []) {
        if (declaredScope === 'dev') continue
        const target = resolve(entries, memberKey(entry.workspace, member!), name)
        if (target !== undefined) reach(target, narrowerScope(scope, declaredScope), false)
      }
      continue
    }
    for (const [section, edge] of SECTIONS) {
      if (section === 'devDependencies') continue
      for (const name of Object.keys(entry.info?.[section] ?? {})) {
        const target = resolve(entries, key, name)
        if (target !== undefined) reach(target, narrowerScope(scope, edge), false)
      }
    }
  }
  return reached
}

/** One component per distinct first item (`name@version`), located at every key that installs it. */
function components(
  file: string,
  entries: Map<string, Entry>,
  reached: Map<string, Reach>,
  knowsDirect: boolean,
): Component[] {
  const bySpec = new Map<string, Component>()
  for (const entry of entries.values()) {
    const location = {file, line: entry.position.line, column: entry.position.column}
    const reach = entry.workspace === undefined ? reached.get(entry.key) : undefined
    const existing = bySpec.get(entry.spec)
    if (existing !== undefined) {
      existing.locations.push(location)
      if (reach !== undefined) {
        if (existing.direct !== undefined) existing.direct ||= reach.direct
        if (isBroader(reach.scope, existing.scope)) existing.scope = reach.scope
      }
      continue
    }
    bySpec.set(
      entry.spec,
      packageComponent(file, {
        ecosystem: 'npm',
        name: entry.name,
        version: entry.version,
        ref: entry.spec,
        line: entry.position.line,
        column: entry.position.column,
        scope: reach?.scope,
        direct: knowsDirect && entry.workspace === undefined ? (reach?.direct ?? false) : undefined,
        local: entry.local,
        qualifiers: entry.qualifiers,
      }),
    )
  }
  return [...bySpec.values()]
}
