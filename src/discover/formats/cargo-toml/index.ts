/**
 * Rust's `Cargo.toml` (https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html): what a crate declares.
 * Libraries often commit no Cargo.lock (cargo-lock reads the lock files of those that do). Read with smol-toml; the
 * line of a dependency is its key's, or its own table's (`[dependencies.name]`), from tomlKeyLines.
 */
import {posix} from 'node:path'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {isForbiddenKey, lockfileError, unresolvedVersion} from '../../lockfile-support/problems.js'
import {isTomlTable, readToml, type TomlTable, tomlAt, tomlKeyLines} from '../../lockfile-support/toml.js'
import {pathsAbove} from '../../paths-above.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'cargo-toml',
  description: 'Rust Cargo.toml: dependencies, dev and build dependencies, per target; workspace-inherited versions',
  matches(file) {
    return /(^|\/)Cargo\.toml$/.test(file) && !/(^|\/)(node_modules|target)\//.test(file)
  },
  discover: ({file, text}, context) => discoverCargoToml(file, text, context),
}

/**
 * The dependency tables of a manifest or of one target, and their scopes. Cargo still reads the old underscore
 * spellings up to edition 2021, with a deprecation warning (cargo-util-schemas `#[serde(rename = "dev_dependencies")]`;
 * refused from edition 2024).
 */
const KINDS: ReadonlyArray<{key: string; scope: Scope}> = [
  {key: 'dependencies', scope: 'prod'},
  {key: 'dev-dependencies', scope: 'dev'},
  {key: 'build-dependencies', scope: 'dev'},
  {key: 'dev_dependencies', scope: 'dev'},
  {key: 'build_dependencies', scope: 'dev'},
]

/** `=MAJOR.MINOR.PATCH[-pre][+build]`: the one requirement that names a single version. */
const EXACT = /^=\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/

/** Crate names as crates.io takes them: letters, digits, `-` and `_`, at most 64. */
const CRATE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

interface Out {
  file: string
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
}

export function discoverCargoToml(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  const read = readToml(file, text)
  if ('error' in read) return {components: [], errors: [read.error]}
  const out: Out = {file, components: [], skipped: [], errors: [...read.forbidden]}
  const lines = tomlKeyLines(text)
  let workspace: TomlTable | null | undefined
  // `workspace = true`: the version the workspace root's [workspace.dependencies] gives; looked up once, when asked.
  const inherited = (): TomlTable | null => {
    if (workspace === undefined) workspace = workspaceDependencies(file, read.table, context)
    return workspace
  }
  let named: Map<string, string> | undefined
  // Registries named by `registry = "…"`: their index URLs, from .cargo/config.toml in the tree; read when asked.
  const registries = (): Map<string, string> => {
    if (named === undefined) named = cargoRegistries(file, context)
    return named
  }
  const tables: Array<{path: string[]; scope?: Scope}> = KINDS.map(({key, scope}) => ({path: [key], scope}))
  const targets = read.table.target
  if (isTomlTable(targets))
    for (const target of Object.keys(targets))
      if (!isForbiddenKey(target)) for (const {key, scope} of KINDS) tables.push({path: ['target', target, key], scope})
  // `[patch.crates-io]`, `[patch."https://github.com/…"]`: the source the whole build takes a crate from instead of
  // its own (https://doc.rust-lang.org/cargo/reference/overriding-dependencies.html). Each is listed as a dependency
  // is (a git crate with its vcs_url, a path crate local), beside the dependency it replaces, as go.mod's replace is.
  const patches = read.table.patch
  if (isTomlTable(patches))
    for (const source of Object.keys(patches)) if (!isForbiddenKey(source)) tables.push({path: ['patch', source]})
  for (const {path, scope} of tables) {
    const holder = tomlAt(read.table, path)
    if (holder === undefined) continue
    const name = path.join('.')
    if (!isTomlTable(holder)) {
      out.errors.push(
        lockfileError(file, 'invalid-entry', `${elide(name, 200)} must be a table`, lines.get(name)?.line),
      )
      continue
    }
    for (const [key, spec] of Object.entries(holder)) {
      if (isForbiddenKey(key)) continue
      const line = lines.get(name)?.keys.get(key) ?? lines.get(`${name}.${key}`)?.line ?? lines.get(name)?.line ?? 1
      dependency(out, key, spec, line, scope, inherited, registries)
    }
  }
  replacements(out, read.table.replace, lines, registries)
  return {components: out.components, skipped: out.skipped, errors: out.errors}
}

/**
 * One dependency: `name = "1.2"` (a requirement, `^1.2`), or a table of `version`, `path` (a local crate), `git` (with
 * `branch`, `tag` or `rev`), `package` (the crate's real name when the key renames it), `optional`, `workspace = true`.
 */
function dependency(
  out: Out,
  key: string,
  spec: unknown,
  line: number,
  /** undefined for a patch: which of the build's dependencies it replaces, and how, is not told here. */
  scope: Scope | undefined,
  inherited: () => TomlTable | null,
  registries: () => Map<string, string>,
): void {
  let table: TomlTable
  if (typeof spec === 'string') table = {version: spec}
  else if (isTomlTable(spec)) table = spec
  else {
    out.errors.push(
      lockfileError(out.file, 'invalid-entry', `${elide(key, 200)}: expected a version or a table`, line, 1),
    )
    return
  }
  if (table.workspace === true) {
    const root = inherited()
    const entry = root?.[key]
    if (entry === undefined || isForbiddenKey(key)) {
      out.skipped.push(
        unresolvedVersion(
          out.file,
          line,
          `${key}: inherited from the workspace, whose [workspace.dependencies] is not in the tree or does not list it`,
        ),
      )
      table = {...table}
    } else table = {...(typeof entry === 'string' ? {version: entry} : isTomlTable(entry) ? entry : {}), ...table}
  }
  const name = typeof table.package === 'string' ? table.package : key
  if (!CRATE.test(name)) {
    out.errors.push(lockfileError(out.file, 'invalid-entry', `${elide(name, 200)}: not a crate name`, line, 1))
    return
  }
  const requirement = typeof table.version === 'string' ? table.version.trim() : undefined
  // `=1.2.3` is the one requirement that names a single version (`1.2.3` means ^1.2.3, and `=1.11` is >=1.11.0, <1.12.0).
  const exact = requirement !== undefined ? EXACT.exec(requirement)?.[1] : undefined
  const git = typeof table.git === 'string' ? table.git : undefined
  // The commit, tag or branch Cargo checks out, in the order it takes them (`rev` names one commit).
  const gitRef = [table.rev, table.tag, table.branch].find((ref): ref is string => typeof ref === 'string')
  // A path or git crate with a version too: Cargo builds the path or git checkout, and only a published copy of this
  // manifest depends on the registry's version ("The git or path dependency will be used locally ... when published
  // to a registry like crates.io, it will use the registry version":
  // https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html#multiple-locations). Cargo.lock agrees: such
  // a path crate has no `source`, a git one its git source.
  const local = typeof table.path === 'string' && git === undefined
  const registry = registryOf(table, registries)
  out.components.push(
    manifestComponent(out.file, {
      ecosystem: 'cargo',
      name,
      version: exact,
      ref: requirement === undefined ? name : `${name} ${requirement}`,
      line,
      column: 1,
      ...(scope === undefined ? {} : {scope: table.optional === true ? 'optional' : scope, direct: true}),
      ...(local ? {local: true} : {}),
      ...(git !== undefined ? {qualifiers: {vcs_url: gitVcsUrl(git, gitRef)}} : {}),
      // Another registry: resolvers ask crates.io only for crates.io's crates (resolve/support.ts otherSource).
      ...(registry !== undefined && git === undefined ? {qualifiers: {repository_url: registry}} : {}),
    }),
  )
}

/**
 * `[replace]` (deprecated, still read by Cargo): `"name:version" = {git, path, …}` replaces that version of a crate,
 * read as a `[patch]` entry is (the key's name, the source its table gives).
 */
function replacements(
  out: Out,
  replace: unknown,
  lines: ReturnType<typeof tomlKeyLines>,
  registries: () => Map<string, string>,
): void {
  if (!isTomlTable(replace)) return
  for (const [key, spec] of Object.entries(replace)) {
    if (isForbiddenKey(key)) continue
    const line = lines.get('replace')?.keys.get(key) ?? lines.get(`replace.${key}`)?.line ?? lines.get('replace')?.line
    dependency(out, key.split(':')[0], spec, line ?? 1, undefined, () => null, registries)
  }
}

/**
 * The registry of a dependency that is not crates.io's: `registry-index` (a URL), or `registry` (a name) through
 * `[registries.<name>] index` of a .cargo/config.toml in the tree, else the name as written. undefined for crates.io.
 */
function registryOf(table: TomlTable, registries: () => Map<string, string>): string | undefined {
  const index = table['registry-index']
  if (typeof index === 'string')
    return isPublicRegistry('cargo', index) ? undefined : index.replace(/^(registry|sparse)\+/, '')
  if (typeof table.registry !== 'string' || table.registry === 'crates-io') return undefined
  return registries().get(table.registry) ?? table.registry
}

/**
 * `[registries.<name>] index` of the .cargo/config.toml (or .cargo/config) nearest above the manifest, as Cargo
 * reads its configuration from the directories above the one it runs in.
 */
function cargoRegistries(file: string, context: DiscoverContext): Map<string, string> {
  const found = new Map<string, string>()
  for (const config of pathsAbove(file, '.cargo/config.toml')) {
    // `.cargo/config`, the name before Cargo 1.39, in the same folder.
    for (const path of [config, config.slice(0, -'.toml'.length)]) {
      const text = context.readText(path)
      if (text === null) continue
      const read = readToml(path, text)
      const registries = 'error' in read ? undefined : read.table.registries
      if (isTomlTable(registries))
        for (const [registry, entry] of Object.entries(registries))
          if (isTomlTable(entry) && typeof entry.index === 'string')
            found.set(registry, entry.index.replace(/^(registry|sparse)\+/, ''))
      return found
    }
  }
  return found
}

/**
 * `[workspace.dependencies]` of the workspace root: this manifest's own, else the first Cargo.toml above it with a
 * `[workspace]` table (as Cargo looks for its root); null when there is none in the tree.
 */
function workspaceDependencies(file: string, own: TomlTable, context: DiscoverContext): TomlTable | null {
  const mine = tomlAt(own, ['workspace', 'dependencies'])
  if (isTomlTable(mine)) return mine
  if (isTomlTable(own.workspace)) return null
  // `package.workspace = "../.."`: the root named, where Cargo looks no further
  // (https://doc.rust-lang.org/cargo/reference/manifest.html#the-workspace-field).
  const named = tomlAt(own, ['package', 'workspace'])
  const candidates =
    typeof named === 'string'
      ? [posix.normalize(posix.join(posix.dirname(file), named, 'Cargo.toml'))]
      : pathsAbove(file, 'Cargo.toml')
  for (const candidate of candidates) {
    // The manifest itself was looked at above.
    if (candidate === file) continue
    const text = context.readText(candidate)
    if (text === null) continue
    const read = readToml(candidate, text)
    if ('error' in read || !isTomlTable(read.table.workspace)) continue
    const dependencies = tomlAt(read.table, ['workspace', 'dependencies'])
    return isTomlTable(dependencies) ? dependencies : null
  }
  return null
}
