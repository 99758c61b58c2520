import {posix} from 'node:path'
import type {Document, LineCounter, YAMLMap} from 'yaml'
import type {Component, ScanError, Scope} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import type {Position} from '../../../core/line-index.js'
import {loadPlainYaml} from '../../lockfile-support/plain-yaml.js'
import {yamlLibrary} from '../../../core/lazy-require.js'
import {probeYamlDepth} from '../../../core/yaml-depth.js'
import {parseDocumentLinear} from '../../../core/yaml-unique-keys.js'
import {DEFAULT_YAML_LIMITS, libraryRefusal} from '../../yaml.js'
import {isLocalRange, registryQualifiers, sourceQualifiers} from '../../lockfile-support/npm-name.js'
import {NO_REGISTRIES, type NpmRegistries, npmrcRegistries} from '../../lockfile-support/npm-registries.js'
import {isForbiddenKey, lockfileError, stackOverflowError} from '../../lockfile-support/problems.js'
import {firstIssue} from '../../../core/zod-issues.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {type DocumentPart, splitDocuments} from '../../yaml-split.js'
import {parsePackageKey, stripPeers} from './keys.js'
import type {EnvImporter, Importer} from './schema.js'
import {check, checkValue} from '../../checked.js'

const EnvImporterCheck = check('pnpm-lock/EnvImporter')
const ImporterCheck = check('pnpm-lock/Importer')
const PackageEntryCheck = check('pnpm-lock/PackageEntry')
const SnapshotEntryCheck = check('pnpm-lock/SnapshotEntry')

const SUPPORTED_MAJORS = new Set([5, 6, 9])

export const discoverer: Discoverer = {
  id: 'pnpm-lock',
  description: 'pnpm-lock.yaml (lockfileVersion 5.x, 6.x, 9.x)',
  matches(file) {
    // pnpm keeps a copy in node_modules/.pnpm/lock.yaml under another name; a pnpm-lock.yaml inside node_modules is a package's own.
    return /(^|\/)pnpm-lock\.yaml$/.test(file) && !/(^|\/)node_modules\//.test(file)
  },
  identify: (head) => /^lockfileVersion: /m.test(head) && !head.trimStart().startsWith('{'),
  discover: ({file, text}, context) => {
    try {
      return discoverPnpmLock(file, text, npmrcRegistries(context, file))
    } catch (error) {
      return {components: [], errors: [stackOverflowError(file, error)]}
    }
  },
}

/** Position of each key of a YAML mapping, from the yaml library's source ranges. */
function keyPositions(node: unknown, lineCounter: LineCounter): Map<string, Position> {
  const {isMap, isScalar} = yamlLibrary()
  const positions = new Map<string, Position>()
  if (!isMap(node)) return positions
  for (const pair of (node as YAMLMap).items) {
    if (!isScalar(pair.key) || !pair.key.range) continue
    const {line, col} = lineCounter.linePos(pair.key.range[0])
    positions.set(String(pair.key.value), {line, column: col})
  }
  return positions
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

interface Lockfile {
  data: Record<string, unknown>
  /** Positions of the keys of the mapping at a path (empty when there is none). */
  keysAt(path: readonly string[]): Map<string, Position>
  /** Duplicate keys: reported, the last value kept. */
  errors: ScanError[]
}

/**
 * js-yaml first (../../lockfile-support/plain-yaml.ts: pnpm writes plain block YAML, and this is the fast path);
 * the `yaml` library for what it refuses, for anchors (alias expansion is bounded there), and for key positions
 * the fast path does not know.
 */
function readLockfile(file: string, text: string): Lockfile | {errors: ScanError[]} {
  let library: {document: Document.Parsed; lineCounter: LineCounter} | undefined
  const parse = () => {
    if (library === undefined) {
      const lineCounter = new (yamlLibrary().LineCounter)()
      library = {document: parseDocumentLinear(text, {lineCounter}), lineCounter}
    }
    return library
  }
  const fromLibrary = (path: readonly string[]) => {
    // Past the size the library may read, no positions: the keys are placed at the start of the file.
    if (text.length > DEFAULT_YAML_LIMITS.maxLibraryBytes) return new Map<string, Position>()
    const {document, lineCounter} = parse()
    return keyPositions(path.length === 0 ? document.contents : document.getIn(path, true), lineCounter)
  }
  // The keys asked for below: the top level's, a section's (a 5.x lockfile's root importer is the top level), and an
  // importer's and its sections'. A package entry's own keys are never asked for.
  const fast = loadPlainYaml(text, (path) => path.length <= 1 || (path[0] === 'importers' && path.length <= 3))
  if (fast) {
    const data = record(fast.value)
    const keysAt = (path: readonly string[]) => {
      const known = fast.keyPositions(path)
      if (known) return known
      // No mapping there: no keys. A mapping whose keys the fast path did not place: ask the yaml library.
      let value: unknown = data
      for (const key of path) value = record(value)[key]
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? fromLibrary(path) : new Map()
    }
    return {data, keysAt, errors: []}
  }
  if (text.length > DEFAULT_YAML_LIMITS.maxLibraryBytes) {
    // js-yaml's problem, or the anchors that kept it from the fast path: the library would hold ~60 bytes a byte.
    const {code, message, line, column} = libraryRefusal(text, 0, DEFAULT_YAML_LIMITS)
    return {
      errors: [
        lockfileError(file, code === 'yaml-duplicate-key' ? 'duplicate-key' : 'invalid-yaml', message, line, column),
      ],
    }
  }
  // Nesting the library would build in full first (core/yaml-depth.ts).
  const depth = probeYamlDepth(text, 4 * DEFAULT_YAML_LIMITS.maxDepth)
  if (depth.kind === 'refused')
    return {errors: [lockfileError(file, 'invalid-yaml', depth.reason, depth.line, depth.column)]}
  if (depth.kind === 'too-deep') return {errors: [lockfileError(file, 'invalid-yaml', depth.reason)]}
  const {document} = parse()
  const errors: ScanError[] = []
  for (const problem of document.errors) {
    const at = problem.linePos?.[0]
    const duplicate = problem.code === 'DUPLICATE_KEY'
    // The library's first line ends with the place (` at line 2, column 1:`), which the error carries already.
    const message = duplicate
      ? 'duplicate key (the last value is used)'
      : problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    errors.push(lockfileError(file, duplicate ? 'duplicate-key' : 'invalid-yaml', message, at?.line, at?.col))
  }
  // A key written twice leaves the rest readable; any other problem does not.
  if (errors.some((error) => error.code !== 'duplicate-key')) return {errors: errors.slice(0, 1)}
  try {
    // maxAliasCount bounds alias expansion ("billion laughs"): the yaml library throws past it.
    return {data: record(document.toJS({maxAliasCount: 100})), keysAt: fromLibrary, errors}
  } catch (error) {
    if (error instanceof RangeError) throw error
    const message = error instanceof Error ? error.message : String(error)
    return {errors: [lockfileError(file, 'invalid-yaml', message, firstAliasLine(document, parse().lineCounter))]}
  }
}

/** Where an alias bomb starts: the first alias of the document. */
function firstAliasLine(document: Document.Parsed, lineCounter: LineCounter): number {
  const {visit} = yamlLibrary()
  let offset: number | undefined
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0]
      return visit.BREAK
    },
  })
  return offset === undefined ? 1 : lineCounter.linePos(offset).line
}

/**
 * What one YAML document of the file is. pnpm 11 and later write one document, or two (https://pnpm.io/lockfile): "The
 * env lockfile (first, when present): Config dependencies and the pnpm version resolved for the project, under
 * configDependencies and packageManagerDependencies, with the packages and snapshots entries they need. The project
 * lockfile (last, always present)". For "everything the lockfile installs", the page says to read every document:
 * "Config dependencies are real npm packages, installed into node_modules/.pnpm-config, and they appear only in the
 * env document"; pnpm audit reads the env document's packages too (envLockfileToLockfileObject in pnpm's
 * lockfileToAuditIndex.ts, its two sections as importers).
 */
type Role = 'lockfile' | 'env' | 'project'

/** The content parts of a YAML stream (../../yaml-split.ts): the first, the second, the last, how many. */
interface Documents {
  count: number
  first?: DocumentPart
  second?: DocumentPart
  last?: DocumentPart
}

function lockfileDocuments(text: string): Documents {
  const documents: Documents = {count: 0}
  // One part at a time (a file of a million `---` lines is not held as a million parts).
  for (const part of splitDocuments(text)) {
    if (!part.content) continue
    documents.count++
    if (documents.count === 1) documents.first = part
    else if (documents.count === 2) documents.second = part
    documents.last = part
  }
  return documents
}

/**
 * `registries`: what the project's `.npmrc` names, for packages whose entry has no tarball URL. Every YAML document of
 * the file is read: an env lockfile first, when there are two, its packages tooling (`dev`: pnpm itself and the
 * config dependencies, which run pnpm, not the project), and the project lockfile last.
 */
export function discoverPnpmLock(
  file: string,
  text: string,
  registries: NpmRegistries = NO_REGISTRIES,
): DiscoverOutput {
  // pnpm reads an empty or blank pnpm-lock.yaml as no lockfile at all (lockfile/fs read.ts), so it locks nothing.
  if (text.trim() === '') return {components: [], errors: []}
  const documents = lockfileDocuments(text)
  if (documents.count <= 1) return discoverDocument(file, text, registries, 'lockfile')
  const {count, first, second, last} = documents as Required<Documents>
  const out: DiscoverOutput = {components: [], errors: []}
  const read = (part: DocumentPart, role: Role, index: number) => {
    const what = `${role} lockfile (YAML document ${index} of ${count})`
    const document = discoverDocument(file, text.slice(part.start, part.end), registries, role)
    const offset = part.line - 1
    for (const component of document.components) {
      for (const location of component.locations) location.line += offset
      out.components.push(component)
    }
    for (const error of document.errors ?? [])
      out.errors!.push({
        ...error,
        line: error.line === undefined ? part.contentLine || part.line : error.line + offset,
        message: `${what}: ${error.message}`,
      })
  }
  read(first, 'env', 1)
  if (count > 2) {
    const line = second.contentLine || second.line
    const which = count === 3 ? 'YAML document 2 of 3 is' : `YAML documents 2 to ${count - 1} of ${count} are`
    out.errors!.push(
      lockfileError(
        file,
        'invalid-lockfile',
        `${which} not read: pnpm writes at most two, its env lockfile first and the project's last, and refuses a file with more`,
        line,
        1,
      ),
    )
  }
  read(last, 'project', count)
  for (const error of registries.errors) out.errors!.push(error)
  return out
}

/** One lockfile: the whole file, or one YAML document of it (`role`), its positions in its own text. */
function discoverDocument(file: string, text: string, registries: NpmRegistries, role: Role): DiscoverOutput {
  const read = readLockfile(file, text)
  if (!('data' in read)) return {components: [], errors: read.errors}
  const {data, keysAt} = read
  const topKeys = keysAt([])
  const versionAt = topKeys.get('lockfileVersion')
  const major = Number.parseInt(String(data.lockfileVersion ?? ''), 10)
  if (!SUPPORTED_MAJORS.has(major)) {
    const message = `unknown lockfileVersion ${JSON.stringify(data.lockfileVersion ?? 'missing')} (supported: 5.x, 6.x, 9.x)`
    return {
      components: [],
      errors: [lockfileError(file, 'unsupported-version', message, versionAt?.line ?? 1, versionAt?.column)],
    }
  }
  // The `.npmrc`'s own problems: told once by the caller of a file of several documents.
  const errors: ScanError[] = [...read.errors, ...(role === 'lockfile' ? registries.errors : [])]
  const components: Component[] = []
  const roots: SnapshotRoot[] = []
  const direct = readImporters(file, keysAt, data, major, components, errors, role, roots)
  const positions = keysAt(['packages'])
  const packages = record(data.packages)
  const snapshots = major >= 9 ? readSnapshots(data.snapshots, packages) : undefined
  const optionalSnapshots = snapshots?.optional
  const reached = snapshots && role !== 'env' ? scopesFromImporters(snapshots.nodes, roots) : undefined
  /** Entries whose key and fields name no package and version: told in one error. */
  const unnamed: Array<{key: string; line: number; column: number}> = []
  for (const key of Object.keys(packages)) {
    const {line, column} = positions.get(key) ?? {line: 1, column: 1}
    if (isForbiddenKey(key)) {
      errors.push(lockfileError(file, 'forbidden-key', `forbidden key '${key}' ignored`, line, column))
      continue
    }
    const parsed = checkValue(PackageEntryCheck, packages[key])
    if (!parsed.success) {
      errors.push(lockfileError(file, 'invalid-entry', `packages['${key}']: ${firstIssue(parsed.error)}`, line, column))
      continue
    }
    const entry = parsed.data
    const fromKey = parsePackageKey(key, major)
    const name = entry.name ?? fromKey?.name
    // A key of a package not from a registry names its source where a version would be
    // (`left-pad@https://codeload.github.com/…`, `x@git+https://…#sha`): no version, unless the entry gives one.
    const version = entry.version ?? (fromKey && isSourceVersion(fromKey.version) ? '' : fromKey?.version)
    // A directory package (`file:dir` key, `resolution: {directory}`) has a name and, in 6.x, no version.
    const directory = entry.resolution?.directory !== undefined || /^(file|link):/.test(key)
    if (name === undefined || (version === undefined && !directory)) {
      unnamed.push({key, line, column})
      continue
    }
    // A tarball on disk (`x@file:vendor/x-1.0.0.tgz`, `resolution: {tarball: file:…}`) is local, whatever version
    // its entry gives (withastro/astro's pnpm-lock.yaml: fake-data-pkg@file:…/fake-data-pkg-1.0.0.tgz, version: 1.0.0).
    const local =
      directory ||
      isLocalRange(version!) ||
      (fromKey !== undefined && isLocalRange(fromKey.version)) ||
      entry.resolution?.tarball?.startsWith('file:') === true
    // What importers and snapshots name the package by: its key (`node-expat@https://…`), which for a package not
    // from a registry is not its `name@version` (`version: 2.4.1` in the entry).
    const ids = packageIds(key, fromKey, name, version)
    const remote = entry.resolution?.repo ?? entry.resolution?.tarball
    let scope: Scope | undefined
    // The env lockfile's packages are pnpm and its config dependencies: they run pnpm, the project does not ship them.
    if (role === 'env') scope = 'dev'
    // 5.x/6.x: `dev: true` only dev, `dev: false` only prod, absent both (so it ships): https://github.com/pnpm/spec/blob/master/lockfile/6.0.md
    else if (major < 9) scope = entry.dev ? 'dev' : entry.optional ? 'optional' : 'prod'
    else if (ids.some((id) => optionalSnapshots?.get(id))) scope = 'optional'
    // 9.x writes no dev flag: what the importers' dependencies reach says it, as pnpm decides what `--prod` installs.
    else scope = ids.map((id) => reached?.get(id)).find((reach) => reach !== undefined)
    components.push(
      packageComponent(file, {
        ecosystem: 'npm',
        name,
        version: local || version === '' ? undefined : version,
        ref: key,
        line,
        column,
        scope,
        direct: ids.some((id) => direct.has(id)),
        local,
        qualifiers: entry.resolution?.repo
          ? {vcs_url: `${entry.resolution.repo}${entry.resolution.commit ? `@${entry.resolution.commit}` : ''}`}
          : remote !== undefined
            ? sourceQualifiers(remote)
            : local
              ? undefined
              : registryQualifiers(registries.registryOf(name)),
      }),
    )
  }
  if (unnamed.length > 0) errors.push(unnamedEntries(file, unnamed))
  return {components, errors}
}

/** A version written in a key that is a package's source, not a version: a URL, `github:…`, a git URL. */
function isSourceVersion(version: string): boolean {
  return version.includes(':') || version.includes('/')
}

/**
 * The ids an importer's dependency or a snapshot may name a package by: its `name@version`, and its key's
 * (`name@<source>` in 9.x, `/name@<source>` in 6.x; a 6.x key that is a bare source, `github.com/owner/repo/sha`,
 * is the importer's version as written, so `name@<key>`).
 */
function packageIds(
  key: string,
  fromKey: {name: string; version: string} | undefined,
  name: string,
  version: string | undefined,
): string[] {
  const ids = [`${name}@${version}`]
  if (fromKey !== undefined) ids.push(`${fromKey.name}@${fromKey.version}`)
  else ids.push(`${name}@${key}`)
  return ids
}

/**
 * One error for the `packages` entries whose key pnpm's dependency-path parser reads no name and version from (see
 * ./keys.ts), and that do not give them as fields: at the first, naming up to three.
 */
function unnamedEntries(file: string, unnamed: Array<{key: string; line: number; column: number}>): ScanError {
  const [first] = unnamed
  const what =
    'names no package and version (pnpm reads /name/version, /name@version or name@version) and gives no name and version fields: not listed'
  if (unnamed.length === 1)
    return lockfileError(file, 'invalid-entry', `packages['${first.key}'] ${what}`, first.line, first.column)
  const shown = unnamed.slice(0, 3).map(({key, line}) => `'${key}' (line ${line})`)
  const more = unnamed.length > 3 ? ` and ${unnamed.length - 3} more` : ''
  return lockfileError(
    file,
    'invalid-entry',
    `${unnamed.length} packages entries, ${shown.join(', ')}${more}: each ${what}`,
    first.line,
    first.column,
  )
}

/** A direct dependency of an importer, as the snapshot key it names (`name@version(peers)`), and its section's scope. */
interface SnapshotRoot {
  key: string
  scope: Scope
}

/** The snapshot key a dependency `name: version` names: `version` itself for an alias (`string-width@4.2.3`). */
function snapshotKey(name: string, version: string): string {
  const at = version.indexOf('@', 1)
  const paren = version.indexOf('(')
  const alias = at > 0 && (paren === -1 || at < paren) && !/^\d/.test(version) && !version.slice(0, at).includes(':')
  return alias ? version : `${name}@${version}`
}

/**
 * The package (`name@version`, peers left out) an importer's dependency `name: version` installs. An alias
 * (`slash3: {specifier: npm:slash@^3.0.0, version: slash@3.0.0}`) names the real package in its version: 9.x writes
 * `slash@3.0.0`, 6.x `/slash@3.0.0`, 5.x `/slash/3.0.0` (the `packages` key of the real package), so the package
 * listed under its real name is the direct one (vitejs/vite's pnpm-lock.yaml: `slash3`, `slash5`, `vue34`).
 */
function directId(name: string, version: string, major: number): string {
  const target = version.startsWith('/')
    ? parsePackageKey(version, major)
    : snapshotKey(name, version) === version
      ? parsePackageKey(version, 9)
      : undefined
  return target ? `${target.name}@${stripPeers(target.version)}` : `${name}@${stripPeers(version)}`
}

/** A 9.x snapshot: its package (`name@version`, peers left out) and the snapshots it depends on, peers passed over. */
interface SnapshotNode {
  id: string
  next: string[]
}

/**
 * The snapshots of a 9.x lockfile, read once: which packages are optional (pnpm moved `optional` to snapshots, one per
 * peer variant: a package is optional when every variant is), and the dependency graph scopesFromImporters walks. A
 * snapshot lists the peers it was resolved with among its dependencies; a peer is the dependent's to install
 * (`pnpm install --prod` leaves out a peer only devDependencies provide), so it is no edge.
 */
function readSnapshots(
  snapshots: unknown,
  packages: Record<string, unknown>,
): {optional: Map<string, boolean>; nodes: Map<string, SnapshotNode>} {
  const optional = new Map<string, boolean>()
  const nodes = new Map<string, SnapshotNode>()
  for (const [key, value] of Object.entries(record(snapshots))) {
    const base = parsePackageKey(key, 9)
    if (base === undefined) continue
    const id = `${base.name}@${base.version}`
    const parsed = checkValue(SnapshotEntryCheck, value)
    optional.set(id, (optional.get(id) ?? true) && parsed.success && parsed.data.optional === true)
    if (!parsed.success) continue
    const peers = record(record(packages[id]).peerDependencies)
    const next: string[] = []
    for (const deps of [parsed.data.dependencies, parsed.data.optionalDependencies])
      for (const [name, version] of Object.entries(deps ?? {}))
        if (!Object.hasOwn(peers, name)) next.push(snapshotKey(name, version))
    nodes.set(key, {id, next})
  }
  return {optional, nodes}
}

/**
 * 9.x: each package's scope from what reaches it (pnpm dropped 6.x's `dev` flag): `prod` when a project's
 * dependencies or optionalDependencies reach it, else `dev` when only its devDependencies do (what
 * `pnpm install --prod` leaves out). By `name@version` (peer variants together: one variant reached from production
 * makes the package prod). Each snapshot is visited once per scope.
 */
function scopesFromImporters(
  nodes: ReadonlyMap<string, SnapshotNode>,
  roots: readonly SnapshotRoot[],
): Map<string, Scope> {
  const scopes = new Map<string, Scope>()
  for (const scope of ['prod', 'dev'] as const) {
    const seen = new Set<string>()
    const stack = roots.filter((root) => (scope === 'prod') === (root.scope !== 'dev')).map((root) => root.key)
    while (stack.length > 0) {
      const key = stack.pop()!
      const node = nodes.get(key)
      if (seen.has(key) || node === undefined) continue
      seen.add(key)
      if (!scopes.has(node.id)) scopes.set(node.id, scope)
      for (const next of node.next) if (!seen.has(next)) stack.push(next)
    }
  }
  return scopes
}

const SECTION_SCOPES: Array<[keyof Importer, Scope]> = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
]

/** An env lockfile's importer: what pnpm installs to run itself (pnpm's EnvImporterSnapshot). */
const ENV_SECTION_SCOPES: Array<[keyof EnvImporter, Scope]> = [
  ['configDependencies', 'dev'],
  ['packageManagerDependencies', 'dev'],
]

/**
 * A `link:` folder as the path from the lockfile's folder: pnpm writes it relative to the importer that declares it
 * (`link:../bytemd` in `packages/plugin-breaks`, `link:../packages/bytemd` in `examples/vite`), so one workspace
 * package linked from importers at different depths was listed once per spelling (cdxgen's test/data/pnpm_locks,
 * the bytemd monorepo's lockfile: `packages/bytemd` three times). An absolute path, or one leaving the lockfile's
 * folder, stays as written.
 */
function linkFromRoot(importer: string, version: string): string {
  const target = version.slice('link:'.length)
  if (target === '' || target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target)) return version
  const joined = posix.normalize(posix.join(importer === '' ? '.' : importer, target.replaceAll('\\', '/')))
  if (joined === '..' || joined.startsWith('../')) return version
  return `link:${joined}`
}

/**
 * Importers are the workspace's projects. Their dependencies name the direct packages (returned as `name@version`);
 * `link:`/`file:` ones are local packages, reported where the importer declares them.
 */
function readImporters(
  file: string,
  keysAt: Lockfile['keysAt'],
  data: Record<string, unknown>,
  major: number,
  components: Component[],
  errors: ScanError[],
  role: Role,
  roots: SnapshotRoot[] = [],
): Set<string> {
  const direct = new Set<string>()
  const env = role === 'env'
  // 5.x single-project lockfiles put the root importer's fields at the top level.
  const importers = data.importers === undefined ? {'.': data} : record(data.importers)
  const importerPositions = keysAt(['importers'])
  for (const [path, raw] of Object.entries(importers)) {
    const importerPath = data.importers === undefined ? [] : ['importers', path]
    const importerAt = importerPositions.get(path)
    const parsed = env ? checkValue(EnvImporterCheck, raw) : checkValue(ImporterCheck, raw)
    if (!parsed.success) {
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `importers['${path}']: ${firstIssue(parsed.error)}`,
          importerAt?.line ?? 1,
          importerAt?.column,
        ),
      )
      continue
    }
    for (const [section, scope] of env ? ENV_SECTION_SCOPES : SECTION_SCOPES) {
      const dependencies = (parsed.data as Record<string, Importer['dependencies']>)[section] ?? {}
      let positions: Map<string, Position> | undefined
      for (const [name, entry] of Object.entries(dependencies)) {
        // 5.x: the version; 6.x and 9.x: `{specifier, version}`.
        const version = typeof entry === 'string' ? entry : entry.version
        // A 5.x/6.x version starting with `/` is the `packages` key of an alias's real package (`/slash@3.0.0`),
        // not a folder: pnpm writes a folder as `link:` or `file:`.
        if (version.startsWith('/') || !isLocalRange(version)) {
          direct.add(directId(name, version, major))
          roots.push({key: snapshotKey(name, version), scope})
          continue
        }
        // A `file:` dependency (a folder or tarball pnpm copies in) has a `packages` entry keyed `name@file:…`,
        // which it makes direct and scopes; a `link:` one has none.
        if (version.startsWith('file:')) {
          direct.add(`${name}@${version}`)
          roots.push({key: `${name}@${version}`, scope})
        }
        positions ??= keysAt([...importerPath, section])
        const {line, column} = positions.get(name) ?? importerAt ?? {line: 1, column: 1}
        components.push(
          packageComponent(file, {
            ecosystem: 'npm',
            name,
            ref: `${name}@${version.startsWith('link:') ? linkFromRoot(path, version) : version}`,
            line,
            column,
            scope,
            direct: true,
            local: true,
          }),
        )
      }
    }
  }
  return direct
}
