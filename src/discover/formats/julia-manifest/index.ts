/**
 * Julia's `Manifest.toml` (also `JuliaManifest.toml` and the versioned `Manifest-v1.11.toml` of Julia 1.10.8+), as
 * Pkg writes it (https://pkgdocs.julialang.org/v1/toml-files/, Pkg.jl src/manifest.jl): `manifest_format = "2.x"`
 * keeps the packages in `[[deps.<Name>]]` arrays, a file without `manifest_format` is the old format 1 with
 * top-level `[[<Name>]]` arrays (Base.is_v1_format_manifest). An array holds more than one table when two packages of
 * the same name (other uuids) are in the environment.
 *
 * An entry: `uuid` (required), `version`, `git-tree-sha1` (the registry release's tree), `repo-url`/`repo-rev` (added
 * from a repository: not the registry's release), `path` (developed from a folder), `registries` (format 2.1: the
 * `[registries.<id>]` it was found in, with their `uuid` and `url`). The Julia standard library (`Base64`, `Dates`,
 * the stdlib JLLs) has neither `git-tree-sha1`, nor `path`, nor `repo-url`: it ships with Julia, is not a registry
 * package, and is counted once, not listed.
 *
 * purl: `pkg:julia/<Name>@<version>?uuid=<uuid>` (purl-spec types/julia-definition.json: the uuid qualifier is
 * required, the name is case-sensitive), plus `vcs_url` for a repository, `repository_url` for a registry other than
 * General. direct: the `[deps]` of the `JuliaProject.toml` or `Project.toml` beside (matched by uuid), `[extras]` in
 * the `test` target as dev, `[weakdeps]` as optional; without a project file, unknown.
 */
import {posix} from 'node:path'
import {elide} from '../../../core/elide.js'
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError, lockfileFailure} from '../../lockfile-support/problems.js'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import {
  forEachTomlLine,
  isTomlTable,
  keyLine,
  readToml,
  type TomlTable,
  type TomlTableLines,
  tomlKeyLines,
  tomlKeyPath,
} from '../../lockfile-support/toml.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'

/** Pkg's first line of every manifest it writes (Pkg.jl src/manifest.jl `write_manifest`). */
const HEADER = '# This file is machine-generated - editing it directly is not advised'
/**
 * Julia 1.0's Pkg wrote format 1 without that header: the file starts at its first `[[Name]]` entry, whose keys
 * follow (`deps`, `git-tree-sha1`, `uuid`, `version`, in that order); e.g. the Manifest.toml of
 * github.com/0/VibronicToolkit.jl at 70b3ec4b, written in 2018. Cargo's and Poetry's `[[package]]` are not entries.
 */
const HEADERLESS =
  /^(?:[ \t]*\r?\n)*\[\[(?!package\]\])[\p{L}_][\p{L}\p{N}_!]*\]\][ \t]*\r?\n(?:[ \t]*[a-z][a-z0-9-]*[ \t]*=.*\r?\n){0,8}[ \t]*uuid[ \t]*=[ \t]*"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"/u

export const discoverer: Discoverer = {
  id: 'julia-manifest',
  description: 'Julia Manifest.toml (formats 1 and 2)',
  matches: (file) => /(^|\/)(?:Julia)?Manifest(?:-v\d+\.\d+)?\.toml$/.test(file),
  identify: (head) =>
    (head.startsWith(HEADER) && /^[ \t]*(?:manifest_format[ \t]*=|\[\[)/m.test(head)) || HEADERLESS.test(head),
  discover: ({file, text}, context) => discoverJuliaManifest(file, text, context),
}

/** The General registry's uuid (its Registry.toml). */
export const GENERAL_UUID = '23338594-aafe-5451-b93e-139f81909106'
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
/** A package name as Pkg takes one: an identifier (letters, digits, `_`, `!`, not starting with a digit). */
const NAME = /^[\p{L}_][\p{L}\p{N}_!]{0,127}$/u
/** A repository address someone publishes (`https://…`, `git@host:…`), not a folder of this machine. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/\s]|[\w.-]+@[\w.-]+:)/i

interface Entry {
  name: string
  table: TomlTable
  line: number
  /** The entry's position in its `[[...]]` array, for messages. */
  index: number
}

export function discoverJuliaManifest(file: string, text: string, context?: DiscoverContext): DiscoverOutput {
  const read = readToml(file, text)
  if ('error' in read) return {components: [], errors: [read.error]}
  const root = read.table
  const errors: ScanError[] = [...read.forbidden]
  const format = manifestFormat(root)
  if (format === 'invalid')
    return lockfileFailure(
      file,
      'invalid-lockfile',
      "'manifest_format' must be a string",
      keyLine(text, 'manifest_format'),
    )
  if (format !== 1 && format !== 2)
    return lockfileFailure(
      file,
      'unsupported-version',
      `unknown Manifest.toml format ${JSON.stringify(elide(String(root.manifest_format), 40))} (supported: 1.x and 2.x)`,
      keyLine(text, 'manifest_format'),
    )
  const packages = format === 2 ? root.deps : root
  if (packages === undefined) return {components: [], errors}
  if (!isTomlTable(packages))
    return lockfileFailure(
      file,
      'invalid-lockfile',
      "'deps' must be a table of [[deps.<Name>]] arrays",
      keyLine(text, 'deps'),
    )
  const headers = arrayHeaderLines(text)
  const entries: Entry[] = []
  // Where tables are: read on the first entry that is not an array of tables.
  let tables: Map<string, TomlTableLines> | undefined
  for (const [name, value] of Object.entries(packages)) {
    const path = format === 2 ? `deps\u0000${name}` : name
    const lines = headers.get(path) ?? []
    if (!Array.isArray(value) || !value.every(isTomlTable)) {
      if (tables === undefined && lines.length === 0) tables = tomlKeyLines(text)
      errors.push(
        lockfileError(
          file,
          'invalid-lockfile',
          `${format === 2 ? 'deps.' : ''}${elide(name, 100)} must be an array of tables ([[…]])`,
          lines[0] ?? tableLine(tables, format === 2 ? ['deps', name] : [name]),
        ),
      )
      continue
    }
    for (const [index, table] of value.entries()) entries.push({name, table, line: lines[index] ?? 1, index})
  }
  entries.sort((a, b) => a.line - b.line || a.index - b.index)
  const registries = otherRegistries(root.registries)
  const project = readProject(file, context, errors)
  const components: Component[] = []
  const stdlib: Entry[] = []
  const paths: Entry[] = []
  const label = (entry: Entry) =>
    `[[${format === 2 ? 'deps.' : ''}${elide(entry.name, 100)}]]${entry.index > 0 ? ` #${entry.index + 1}` : ''}`
  for (const entry of entries) {
    const {table} = entry
    const problem = entryProblem(entry)
    if (problem) {
      errors.push(lockfileError(file, 'invalid-entry', `${label(entry)}: ${problem}`, entry.line, 1))
      continue
    }
    const uuid = (table.uuid as string).toLowerCase()
    const version = table.version as string | undefined
    const path = table.path as string | undefined
    const repoUrl = table['repo-url'] as string | undefined
    if (path === undefined && repoUrl === undefined && table['git-tree-sha1'] === undefined) {
      stdlib.push(entry)
      continue
    }
    const local = path !== undefined || (repoUrl !== undefined && !REMOTE.test(repoUrl))
    if (path !== undefined) paths.push(entry)
    const qualifiers: Record<string, string> = {uuid}
    if (repoUrl !== undefined && !local)
      qualifiers.vcs_url = gitVcsUrl(repoUrl, table['repo-rev'] as string | undefined)
    else if (!local) {
      const registry = registryOf(table.registries, registries)
      if (registry !== undefined) qualifiers.repository_url = registry
    }
    const declared = project?.get(uuid)
    components.push(
      packageComponent(file, {
        ecosystem: 'julia',
        name: entry.name,
        version,
        ref: version === undefined ? entry.name : `${entry.name}@${version}`,
        line: entry.line,
        column: 1,
        scope: declared,
        direct: project === undefined ? undefined : declared !== undefined,
        local,
        qualifiers,
      }),
    )
  }
  const skipped: Skipped[] = []
  if (stdlib.length > 0)
    skipped.push({
      file,
      line: stdlib[0].line,
      reason: 'unsupported',
      message: `${stdlib.length} Julia standard library package${stdlib.length === 1 ? '' : 's'} (no git-tree-sha1: ${stdlib.length === 1 ? 'it ships' : 'they ship'} with Julia, not from a registry): not listed`,
    })
  if (paths.length > 0)
    skipped.push({
      file,
      line: paths[0].line,
      reason: 'unsupported',
      message: `${paths.length} package${paths.length === 1 ? '' : 's'} developed from a folder (path): listed as local, not registry packages`,
    })
  return {components, skipped, errors}
}

/** The line of a `[a.b]` table header, else of the key that writes it (`deps.A = …`, `A = …`); 1 when none. */
function tableLine(tables: Map<string, TomlTableLines> | undefined, path: readonly string[]): number {
  return tables?.get(path.join('.'))?.line ?? tables?.get(path.slice(0, -1).join('.'))?.keys.get(path.at(-1) ?? '') ?? 1
}

/** 1 (no `manifest_format`), the major version of a `"x.y"` string, or 'invalid'. */
function manifestFormat(root: TomlTable): number | 'invalid' {
  const value = root.manifest_format
  // Base.is_v1_format_manifest: a v1 manifest may hold a package named manifest_format (an array, or a table with uuid).
  if (value === undefined || Array.isArray(value)) return 1
  if (typeof value !== 'string') return 'invalid'
  const major = /^(\d{1,9})(?:\.\d{1,9}){0,2}$/.exec(value.trim())?.[1]
  return major === undefined ? Number.NaN : Number(major)
}

function entryProblem({name, table}: Entry): string | undefined {
  if (!NAME.test(name)) return 'not a Julia package name'
  if (typeof table.uuid !== 'string' || !UUID.test(table.uuid)) return 'needs a uuid'
  for (const key of ['version', 'path', 'repo-url', 'repo-rev', 'git-tree-sha1'])
    if (table[key] !== undefined && typeof table[key] !== 'string') return `${key} must be a string`
  return undefined
}

/**
 * Where each `[[…]]` array-of-tables header is, by its key path joined with NUL (`deps\0Example`), in order: one
 * pass over the lines (smol-toml keeps no positions), passing over multi-line strings.
 */
function arrayHeaderLines(text: string): Map<string, number[]> {
  const lines = new Map<string, number[]>()
  forEachTomlLine(text, (line, index) => {
    const header = /^\s*\[\[([^[\]]*)\]\]\s*(?:#.*)?$/.exec(line)
    const path = header ? tomlKeyPath(header[1]) : undefined
    if (path === undefined) return
    const key = path.join('\u0000')
    const known = lines.get(key)
    if (known) known.push(index + 1)
    else lines.set(key, [index + 1])
  })
  return lines
}

/**
 * The `[registries.<id>]` of a format 2.1 manifest that are not General, by id: their `url`, or `urn:uuid:<uuid>`
 * when they name none (a registry nobody can be asked about by its URL is still not General).
 */
function otherRegistries(value: unknown): Map<string, string> {
  const other = new Map<string, string>()
  if (!isTomlTable(value)) return other
  for (const [id, registry] of Object.entries(value)) {
    if (!isTomlTable(registry)) continue
    const uuid = typeof registry.uuid === 'string' ? registry.uuid.toLowerCase() : undefined
    const url = typeof registry.url === 'string' ? registry.url : undefined
    if (uuid === GENERAL_UUID || (url !== undefined && isPublicRegistry('julia', url))) continue
    other.set(id, url ?? (uuid !== undefined ? `urn:uuid:${uuid}` : `urn:julia-registry:${id}`))
  }
  return other
}

/** The registry an entry came from when that is not General: none when General is among its `registries`. */
function registryOf(value: unknown, other: Map<string, string>): string | undefined {
  const ids =
    typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []
  if (ids.length === 0 || ids.some((id) => !other.has(id))) return undefined
  return other.get(ids[0])
}

/**
 * The project beside the manifest (Base's order: `JuliaProject.toml`, then `Project.toml`): uuid → scope of each
 * dependency it declares. undefined when there is none (direct then unknown).
 */
function readProject(
  file: string,
  context: DiscoverContext | undefined,
  errors: ScanError[],
): Map<string, Scope> | undefined {
  const dir = posix.dirname(file)
  for (const name of ['JuliaProject.toml', 'Project.toml']) {
    const projectFile = dir === '.' ? name : `${dir}/${name}`
    const text = context?.readText(projectFile)
    if (text === null || text === undefined) continue
    const read = readToml(projectFile, text)
    if ('error' in read) {
      errors.push(read.error)
      return undefined
    }
    const declared = new Map<string, Scope>()
    const uuids = (section: unknown, names?: ReadonlySet<string>) =>
      isTomlTable(section)
        ? Object.entries(section).flatMap(([dep, uuid]) =>
            typeof uuid === 'string' && (names === undefined || names.has(dep)) ? [uuid.toLowerCase()] : [],
          )
        : []
    const targets = read.table.targets
    const test = isTomlTable(targets) && Array.isArray(targets.test) ? targets.test : []
    const testNames = new Set(test.filter((n): n is string => typeof n === 'string'))
    for (const uuid of uuids(read.table.weakdeps)) declared.set(uuid, 'optional')
    for (const uuid of uuids(read.table.extras, testNames)) declared.set(uuid, 'dev')
    for (const uuid of uuids(read.table.deps)) declared.set(uuid, 'prod')
    return declared
  }
  return undefined
}
