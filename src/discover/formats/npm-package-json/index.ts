/**
 * npm's `package.json` (https://docs.npmjs.com/cli/v10/configuring-npm/package-json): what a package or application
 * declares. Many npm libraries commit no lockfile (npm-package-lock, yarn-lock, pnpm-lock and bun-lock read the
 * lockfiles of those that do). Read with the shared JSON reader (strict JSON, null-prototype objects, `__proto__`
 * dropped and reported); a dependency is located at its key (../../lockfile-support/json-key-positions.ts). Ranges are told apart by
 * ./specs.ts, the workspace's member names and catalogs found by ./workspace.ts, registries by ./registries.ts.
 */
import {posix} from 'node:path'
import {elide} from '../../../core/elide.js'
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {isJsonObject, type JsonValue, readLockfileJson} from '../../lockfile-support/json-reader.js'
import type {Position} from '../../../core/line-index.js'
import {parseDescriptor, registryQualifiers} from '../../lockfile-support/npm-name.js'
import type {RegistrySetting} from '../../lockfile-support/npm-registries.js'
import {lockfileError, unresolvedVersion} from '../../lockfile-support/problems.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {keyPositions} from '../../lockfile-support/json-key-positions.js'
import {CLIB_SECTIONS, clibDependencies, isClibManifest} from './clib.js'
import {projectRegistries} from './registries.js'
import {exactVersion, isPackageName, readSpec, type Spec} from './specs.js'
import {type Catalogs, findWorkspace, type ManifestFacts, manifestFacts, type Workspace} from './workspace.js'

export const discoverer: Discoverer = {
  id: 'npm-package-json',
  description:
    'npm package.json: dependencies, dev, optional and peer dependencies, packageManager; workspaces, catalogs',
  matches(file) {
    return /(^|\/)package\.json$/.test(file) && !/(^|\/)(node_modules|bower_components)\//.test(file)
  },
  discover: ({file, text}, context) => discoverPackageJson(file, text, context),
}

/** The dependency objects and their scopes, in the order they are listed. */
const SECTIONS: ReadonlyArray<{key: string; scope: Scope}> = [
  {key: 'dependencies', scope: 'prod'},
  {key: 'devDependencies', scope: 'dev'},
  {key: 'optionalDependencies', scope: 'optional'},
  {key: 'peerDependencies', scope: 'peer'},
]
const SECTION_KEYS: ReadonlySet<string> = new Set(SECTIONS.map(({key}) => key))
const CLIB_SECTION_KEYS: ReadonlySet<string> = new Set(CLIB_SECTIONS.map(({key}) => key))
/** Top-level fields read; the others (scripts, engines, overrides, resolutions...) are pruned unread. */
const READ = new Set([
  ...SECTION_KEYS,
  'peerDependenciesMeta',
  'packageManager',
  'name',
  'workspaces',
  'catalog',
  'catalogs',
  // clib's (./clib.ts)
  'repo',
  'src',
  'development',
])

const START: Position = {line: 1, column: 1}

/** One file being read: what it gives so far, and its workspace and registries, looked up when first needed. */
class Reading {
  readonly components: Component[] = []
  readonly skipped: Skipped[] = []
  private workspace: Workspace | null | undefined
  private registries: ((name: string) => RegistrySetting | undefined) | undefined

  constructor(
    readonly file: string,
    private readonly facts: ManifestFacts,
    private readonly context: DiscoverContext,
    readonly errors: ScanError[],
  ) {}

  error(message: string, at: Position): void {
    this.errors.push(lockfileError(this.file, 'invalid-entry', message, at.line, at.column))
  }

  private found(): Workspace | null {
    if (this.workspace === undefined) {
      this.workspace = findWorkspace(this.file, this.facts, this.context) ?? null
      if (this.workspace) {
        this.skipped.push(...this.workspace.skipped)
        this.errors.push(...this.workspace.errors)
      }
    }
    return this.workspace
  }

  /**
   * A package of this tree: the file's own, or, when the file is the workspace root or one of its members, the
   * root's or a member's. A package.json under the root that no pattern names is installed on its own.
   */
  isOwn(name: string): boolean {
    if (name === this.facts.name) return true
    const workspace = this.found()
    if (workspace === null || !workspace.names.has(name)) return false
    return !workspace.membersKnown || workspace.members.has(posix.dirname(this.file))
  }

  catalogs(): Catalogs {
    return this.found()?.catalogs ?? this.facts.catalogs
  }

  /** The setting naming `name`'s registry; undefined for the npm registry. */
  registryOf(name: string): RegistrySetting | undefined {
    if (this.registries === undefined) {
      const registries = projectRegistries(this.file, this.found()?.dir, this.context)
      this.errors.push(...registries.errors)
      this.registries = registries.settingOf
    }
    return this.registries(name)
  }

  skip(at: Position, message: string, reason: 'unsupported' | 'unresolved-version' = 'unsupported'): void {
    this.skipped.push({file: this.file, line: at.line, reason, message})
  }

  add(name: string, ref: string, at: Position, scope: Scope, source: Source): void {
    this.components.push(
      manifestComponent(this.file, {
        ecosystem: 'npm',
        name,
        version: source.version,
        ref,
        line: at.line,
        column: at.column,
        scope,
        direct: true,
        ...(source.local ? {local: true} : {}),
        ...(source.qualifiers ? {qualifiers: source.qualifiers} : {}),
      }),
    )
  }
}

interface Source {
  version?: string
  local?: boolean
  qualifiers?: Record<string, string>
}

export function discoverPackageJson(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  const read = readLockfileJson(file, text, {skip: (path) => path.length === 1 && !READ.has(path[0])})
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root} = read
  if (isClibManifest(root)) {
    const positions = keyPositions(text, CLIB_SECTION_KEYS)
    const clib = clibDependencies(
      file,
      root,
      (key) => document.topLevelKeys.get(key) ?? START,
      (section, key) => positions.get(section)?.get(key),
    )
    return {components: clib.components, errors: [...read.errors, ...clib.errors]}
  }
  const reading = new Reading(file, manifestFacts(root), context, [...read.errors])
  const positions = keyPositions(text, SECTION_KEYS)
  const optional = root.optionalDependencies
  for (const {key, scope} of SECTIONS) {
    const section = root[key]
    // npm (normalize-package-data) drops a null section.
    if (section === undefined || section === null) continue
    const at = document.topLevelKeys.get(key) ?? START
    if (Array.isArray(section)) {
      // normalize-package-data's deprecated array form (`["name@range"]`), which npm warns about: an empty one is
      // no dependency; the entries of another are not read.
      if (section.length > 0)
        reading.skip(
          at,
          `${key} is an array (npm's deprecated form of ${section.length} 'name@range' entries): not read`,
        )
      continue
    }
    if (!isJsonObject(section)) {
      reading.error(`${key} must be an object of package names and ranges`, at)
      continue
    }
    const keys = positions.get(key)
    for (const [name, value] of Object.entries(section)) {
      // npm puts optional dependencies in `dependencies` too: the optionalDependencies entry is the one listed.
      if (key === 'dependencies' && isJsonObject(optional) && Object.hasOwn(optional, name)) continue
      const entryScope =
        key === 'peerDependencies' && isOptionalPeer(root.peerDependenciesMeta, name) ? 'optional' : scope
      dependency(reading, key, name, value, keys?.get(name) ?? at, entryScope)
    }
  }
  packageManager(reading, root.packageManager, document.topLevelKeys.get('packageManager') ?? START)
  return {components: reading.components, skipped: reading.skipped, errors: reading.errors}
}

/**
 * yarn berry's ident (structUtils.tryParseIdent: `^(?:@([^/]+?)\/)?([^@/]+)$`), without spaces or control
 * characters, which no folder alias of a real project holds, and 214 characters at most, as npm names.
 */
function isYarnIdent(key: string): boolean {
  return key.length <= 214 && /^(?:@[^/@\s\p{Cc}]+\/)?[^/@\s\p{Cc}]+$/u.test(key)
}

/** `peerDependenciesMeta.<name>.optional: true`: npm does not install it, nor warn when it is missing. */
function isOptionalPeer(meta: JsonValue | undefined, name: string): boolean {
  if (!isJsonObject(meta) || !Object.hasOwn(meta, name)) return false
  const entry = meta[name]
  return isJsonObject(entry) && entry.optional === true
}

/** One entry of a dependency object: `"name": "<range, alias, path, URL or catalog>"`. */
function dependency(
  reading: Reading,
  section: string,
  key: string,
  value: JsonValue,
  at: Position,
  scope: Scope,
): void {
  if (typeof value !== 'string') {
    reading.error(`${section}.${elide(key, 200)}: expected a string (a range, a path or a URL)`, at)
    return
  }
  let spec = readSpec(key, value)
  if (!isPackageName(key)) {
    // A folder of the tree (`link:`, `portal:`, `file:`, a path): its key is only its alias in node_modules, never
    // asked of a registry, and yarn 2+ takes any ident (structUtils.parseIdent) for it.
    if (spec.kind === 'local' && isYarnIdent(key)) reading.add(key, `${key} ${value}`, at, scope, {local: true})
    else reading.error(`${section}: '${elide(key, 200)}' is not an npm package name`, at)
    return
  }
  let ref = value === '' ? key : `${key} ${value}`
  if (spec.kind === 'catalog') {
    const range = reading.catalogs().get(spec.catalog)?.get(key)
    if (range === undefined) {
      const catalog = spec.catalog === 'default' ? 'the default catalog' : `the catalog '${elide(spec.catalog, 100)}'`
      reading.skipped.push(
        unresolvedVersion(
          reading.file,
          at.line,
          `${key}: ${elide(value, 100)} names ${catalog}, which the workspace (pnpm-workspace.yaml, .yarnrc.yml, the root package.json) does not have or which does not list it`,
        ),
      )
      spec = {kind: 'registry', name: key, version: undefined}
    } else {
      // The range the catalog gives, as a workspace-inherited version is given (cargo-toml).
      spec = readSpec(key, range, true)
      ref = range === '' ? key : `${key} ${range}`
    }
  }
  listSpec(reading, section, key, value, spec, ref, at, scope)
}

function listSpec(
  reading: Reading,
  section: string,
  key: string,
  value: string,
  spec: Spec,
  ref: string,
  at: Position,
  scope: Scope,
): void {
  switch (spec.kind) {
    case 'bad-name':
      reading.error(`${section}.${key}: '${elide(spec.name, 200)}', the alias's target, is not an npm package name`, at)
      return
    case 'unsupported':
      reading.skipped.push({
        file: reading.file,
        line: at.line,
        reason: 'unsupported',
        message: `${key}: ${elide(value, 100)} is ${spec.why}: not listed`,
      })
      return
    case 'local':
      reading.add(spec.name, ref, at, scope, {local: true})
      return
    case 'remote':
      if (spec.qualifiers !== undefined) {
        reading.add(spec.name, ref, at, scope, {qualifiers: spec.qualifiers})
        return
      }
      // A tarball of the public registry: a registry package.
      registryPackage(reading, spec.name, undefined, ref, at, scope)
      return
    case 'registry':
      // An `npm:` alias asks the registry for its target by name, even a workspace member's (babel benchmarks its
      // published baseline, `"@babel-baseline/cli": "npm:@babel/cli@7.27.1"`): npm, yarn and pnpm fetch it; only a
      // plain range links the member.
      registryPackage(reading, spec.name, spec.version, ref, at, scope, /^npm:/i.test(value))
      return
    case 'catalog':
      return
  }
}

/**
 * A package of a registry, unless the workspace has a package of that name: npm, pnpm, yarn and Bun link the
 * member whatever the range, and its name asked of the public registry would leak a private name and may find
 * another project's package (dependency confusion).
 */
function registryPackage(
  reading: Reading,
  name: string,
  version: string | undefined,
  ref: string,
  at: Position,
  scope: Scope,
  alias = false,
): void {
  if (!alias && reading.isOwn(name)) {
    reading.add(name, ref, at, scope, {local: true})
    return
  }
  // A registry set from the environment (`registry=${NPM_URL}`) is carried as written: the package is listed (the
  // inventory stays whole), and no resolver asks the npm registry for it, whose package of that name may be another
  // project's (as pnpm's and yarn's lockfile readers carry it).
  const registry = reading.registryOf(name)
  reading.add(name, ref, at, scope, {version, qualifiers: registryQualifiers(registry?.url)})
}

/**
 * `packageManager` (Corepack, https://nodejs.org/api/corepack.html): `pnpm@9.1.0+sha512.…`, the package manager
 * Corepack fetches. One exact version (the `+hash` is not part of it) or a URL. Yarn 2 and later is published on
 * the npm registry as `@yarnpkg/cli-dist` (Corepack's config.json), `yarn` holding 1.x only. Corepack reads no
 * `.npmrc` and the tree's own packages are not what it fetches: neither is asked.
 */
const COREPACK: ReadonlySet<string> = new Set(['npm', 'pnpm', 'yarn'])

function packageManager(reading: Reading, value: JsonValue | undefined, at: Position): void {
  if (value === undefined) return
  const {name, range} = parseDescriptor(typeof value === 'string' ? value.trim() : '')
  const url = /^https?:\/\//i.test(range)
  const version = url ? undefined : exactVersion(range.split('+')[0])
  if (typeof value !== 'string' || !isPackageName(name)) {
    const shown = typeof value === 'string' ? `'${elide(value, 200)}'` : 'not a string'
    reading.error(`packageManager: ${shown}: expected name@version (one exact version) or name@URL`, at)
    return
  }
  if (COREPACK.has(name) && !url && version === undefined) {
    // `yarn`, `pnpm@^9`, `yarn@3.2`: npm ignores the field, and Corepack refuses it only when it runs ("Invalid
    // package manager specification in package.json"; https://nodejs.org/api/packages.html#packagemanager: "the
    // package manager to use and its exact version"). Which version would run is unknown: not listed, not an error.
    const why = range === '' ? 'no version' : `${elide(range, 100)}, not one exact version`
    reading.skip(
      at,
      `packageManager: '${elide(value, 200)}': ${name} with ${why} (Corepack refuses it when it runs; npm ignores the field): not listed`,
      'unresolved-version',
    )
    return
  }
  if (!COREPACK.has(name)) {
    reading.skip(at, `packageManager: '${elide(value, 200)}': Corepack fetches npm, pnpm and yarn only: not listed`)
    return
  }
  const major = version === undefined ? 0 : Number.parseInt(version, 10)
  const real = name === 'yarn' && major >= 2 ? '@yarnpkg/cli-dist' : name
  reading.add(real, value, at, 'dev', url ? {qualifiers: {download_url: range}} : {version})
}
