/**
 * Python's `pyproject.toml` (https://packaging.python.org/en/latest/specifications/pyproject-toml/): what a project
 * declares, for the many Python repositories that lock nothing (poetry-lock, uv-lock and pipfile-lock read the lock
 * files of those that do). Read with smol-toml; lines from a scan of the tables and keys (tomlKeyLines), and for the
 * strings of an array, the first place after the previous item that writes the string (positions.ts: smol-toml keeps
 * no positions). `[project] dynamic` requirements, given by the build backend, are reported as not read (dynamic.ts).
 */
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {urlWithoutCredentials} from '../../../core/redact.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {missingComma, NAMED_REQUIREMENT, parseRequirement, withoutMarkersOf} from '../../lockfile-support/pep508.js'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import {isForbiddenKey, lockfileError, unresolvedVersion} from '../../lockfile-support/problems.js'
import {
  isTomlTable as isTable,
  readToml,
  type TomlTable,
  tomlAt,
  type TomlTableLines,
  tomlKeyLines,
} from '../../lockfile-support/toml.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {normalizePypiName} from '../../../core/package-names.js'
import {
  directReference,
  downloadQualifiers,
  indexQualifiers,
  type PackageWhere,
  splitPipUrl,
} from '../../lockfile-support/pypi-index.js'
import {readPixiTables} from '../../lockfile-support/pixi-manifest.js'
import {dynamicSkips} from './dynamic.js'
import {KeyColumns, type Place, stringPlace, stringPlaces} from './positions.js'

export const discoverer: Discoverer = {
  id: 'pyproject',
  description:
    'Python pyproject.toml: dependencies, optional dependencies, dependency groups, build requirements; Poetry, PDM, uv and Hatch dependencies (hatch.toml too)',
  matches(file) {
    return /(^|\/)(?:pyproject|hatch)\.toml$/.test(file) && !/(^|\/)node_modules\//.test(file)
  },
  discover: ({file, text}) => discoverPyproject(file, text),
}

/**
 * Arrays of PEP 508 strings: the table that holds them, the key (undefined: every key of the table), the scope.
 * `ownIndex`: the build backend is installed by the build frontend from its own index, not Poetry's sources.
 */
interface RequirementArrays {
  table: string
  /** The table's path, where a name in it may hold a dot (a Hatch environment `"py3.12"`); default: `table` split at dots. */
  path?: string[]
  /** The keys that hold arrays; undefined: every key of the table. */
  keys?: string[]
  scope: Scope
  ownIndex?: boolean
}

const REQUIREMENT_ARRAYS: ReadonlyArray<RequirementArrays> = [
  {table: 'build-system', keys: ['requires'], scope: 'dev', ownIndex: true},
  {table: 'project', keys: ['dependencies'], scope: 'prod'},
  {table: 'project.optional-dependencies', scope: 'optional'},
  {table: 'dependency-groups', scope: 'dev'},
  {table: 'tool.pdm.dev-dependencies', scope: 'dev'},
  {table: 'tool.uv', keys: ['dev-dependencies'], scope: 'dev'},
  // Hatch's environment plug-ins (https://hatch.pypa.io/latest/plugins/environment/reference/#installation).
  {table: 'tool.hatch.env', keys: ['requires'], scope: 'dev'},
]

/**
 * Hatch's environments (https://hatch.pypa.io/latest/config/environment/overview/#dependencies): what each installs
 * beside the project, for tests, linting, docs: `dependencies` and `extra-dependencies`, dev tools.
 */
function hatchEnvironments(root: TomlTable, prefix: readonly string[]): RequirementArrays[] {
  const envs = tomlAt(root, [...prefix, 'envs'])
  if (!isTable(envs)) return []
  return Object.keys(envs)
    .filter((env) => !isForbiddenKey(env))
    .map((env) => ({
      table: [...prefix, 'envs', env].join('.'),
      path: [...prefix, 'envs', env],
      keys: ['dependencies', 'extra-dependencies'],
      scope: 'dev' as const,
    }))
}

/** Hatch's own `hatch.toml` (https://hatch.pypa.io/latest/intro/#configuration): its tables without `tool.hatch.`. */
function isHatchFile(file: string): boolean {
  return /(^|\/)hatch\.toml$/.test(file)
}

/** Hatch's context formatting (`{root:uri}`, `{env:NAME}`, https://hatch.pypa.io/latest/config/context/). */
const HATCH_CONTEXT = /\{(?:root|home|env|args|matrix|verbosity)(?::[^{}]*)?\}/

/**
 * A project Hatchling builds (`[build-system] build-backend = "hatchling.build"`): Hatchling fills its context
 * formatting into `[project] dependencies` and `optional-dependencies` too (https://hatch.pypa.io/latest/config/dependency/#local,
 * `pkg @ {root:uri}/pkg`; https://github.com/pypa/hatch/issues/1331), as uv does when it builds such a project.
 */
function isHatchlingBuilt(root: TomlTable): boolean {
  const backend = tomlAt(root, ['build-system', 'build-backend'])
  return typeof backend === 'string' && /^hatchling(\.|$)/.test(backend.trim())
}

/** Poetry's tables of `name = constraint` (https://python-poetry.org/docs/dependency-specification/). */
const POETRY_TABLES: ReadonlyArray<{table: string; scope: Scope}> = [
  {table: 'tool.poetry.dependencies', scope: 'prod'},
  {table: 'tool.poetry.dev-dependencies', scope: 'dev'},
]

interface Out {
  file: string
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
  indexes: Indexes
  /**
   * Poetry 2 (https://python-poetry.org/docs/dependency-specification/): with `[project] dependencies` written,
   * `[tool.poetry.dependencies]` only enriches them (a source, git, a URL, a path) for locking. Its entries by
   * normalised name; the names found in `[project] dependencies` are taken there and not listed again.
   */
  poetryEnrich: Map<string, unknown>
  enriched: Set<string>
  /** `[project] name`, normalised: a requirement of it (`xarray[io]` in xarray) is the project itself, with extras. */
  self?: string
}

/**
 * Where the file says packages come from, when not PyPI: the purl `repository_url` of a package, so that resolvers
 * never ask PyPI or deps.dev about a package of a private index by its name (resolve/support.ts otherSource).
 * - uv (https://docs.astral.sh/uv/concepts/indexes/): `[[tool.uv.index]]` with `default = true` replaces PyPI for
 *   every requirement; `[tool.uv.sources]` pins a package to a named index (`index = "name"`), to git, a URL or a path.
 * - Poetry (https://python-poetry.org/docs/repositories/): a dependency's `source = "name"` names a
 *   `[[tool.poetry.source]]`; a primary source (`priority = "primary"`, no priority, or Poetry 1's `default = true`)
 *   replaces PyPI for the others, the first one named being taken. Supplemental and explicit sources replace nothing.
 * - PDM (https://pdm-project.org/latest/usage/config/#configure-the-package-indexes): a `[[tool.pdm.source]]` named
 *   `pypi` replaces PyPI for every requirement.
 * Indexes uv or Poetry may take beside PyPI (uv's other indexes, `extra-index-url`, supplemental sources) leave
 * where a package comes from open: nothing is said.
 */
interface Indexes {
  /** uv's default index (or PDM's source named `pypi`): every PEP 508 requirement's, unless a source names another. */
  uvDefault?: string
  /** Poetry's first primary source: every Poetry dependency's (and `[project]`'s, which Poetry 2 reads). */
  poetryPrimary?: string
  /** `[tool.uv.sources]` by normalised package name. */
  uvSources: Map<string, unknown>
  /** `[[tool.uv.index]]` and `[[tool.poetry.source]]` URLs by name. */
  uvIndex: Map<string, string>
  poetrySource: Map<string, string>
}

/** The named index tables of `list` (`[[tool.uv.index]]`, `[[tool.poetry.source]]`): name → URL, in order. */
function namedIndexes(list: unknown): Array<{name: string; url: string; entry: Record<string, unknown>}> {
  if (!Array.isArray(list)) return []
  return list
    .filter(isTable)
    .filter((entry) => typeof entry.name === 'string' && typeof entry.url === 'string')
    .map((entry) => ({name: entry.name as string, url: normalisedWithoutUserinfo(entry.url as string), entry}))
}

/**
 * A URL (`scheme://…`) without its user and password, never carried into a purl, normalised as `new URL` writes it
 * (core's withoutUserinfo keeps the rest as written); anything else as written.
 */
function normalisedWithoutUserinfo(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? urlWithoutCredentials(url) : url
}

function readIndexes(table: Record<string, unknown>): Indexes {
  const uv = namedIndexes(tomlAt(table, ['tool', 'uv', 'index']))
  const poetry = namedIndexes(tomlAt(table, ['tool', 'poetry', 'source']))
  const sources = tomlAt(table, ['tool', 'uv', 'sources'])
  const uvSources = new Map<string, unknown>()
  if (isTable(sources))
    for (const [name, source] of Object.entries(sources))
      if (!isForbiddenKey(name)) uvSources.set(normalizePypiName(name), source)
  const uvIndexUrl = tomlAt(table, ['tool', 'uv', 'index-url'])
  const pdmPypi = namedIndexes(tomlAt(table, ['tool', 'pdm', 'source'])).find(({name}) => name === 'pypi')
  const primary = poetry.find(({entry}) =>
    entry.priority === undefined
      ? entry.secondary !== true && entry.default !== false
      : entry.priority === 'primary' || entry.priority === 'default',
  )
  return {
    uvDefault:
      uv.find(({entry}) => entry.default === true)?.url ??
      (typeof uvIndexUrl === 'string' ? normalisedWithoutUserinfo(uvIndexUrl) : undefined) ??
      pdmPypi?.url,
    poetryPrimary: primary?.url,
    uvSources,
    uvIndex: new Map(uv.map(({name, url}) => [name, url])),
    poetrySource: new Map(poetry.map(({name, url}) => [name, url])),
  }
}

/**
 * What `[tool.uv.sources]` says of a package: an index, git, a URL, a path or a workspace member; undefined: nothing.
 * A list of sources, each for its `marker` (https://docs.astral.sh/uv/concepts/projects/dependencies/#multiple-sources:
 * uv's PyTorch guide routes `torch` to a CPU index on one platform and a CUDA or ROCm one on another): when every
 * alternative names a source, the first one's (the package is not PyPI's on any platform); when one leaves a platform to
 * the default index, nothing.
 */
function uvSource(indexes: Indexes, name: string): PackageWhere | undefined {
  const source = indexes.uvSources.get(normalizePypiName(name))
  if (Array.isArray(source)) {
    const alternatives = source.map((alternative) => oneUvSource(indexes, alternative))
    return alternatives.length > 0 && alternatives.every((where) => where !== undefined) ? alternatives[0] : undefined
  }
  return oneUvSource(indexes, source)
}

function oneUvSource(indexes: Indexes, source: unknown): PackageWhere | undefined {
  if (!isTable(source)) return undefined
  if (typeof source.index === 'string') {
    const url = indexes.uvIndex.get(source.index)
    return url === undefined ? undefined : {qualifiers: indexQualifiers(url)}
  }
  return source.workspace === true ? {local: true} : directSource(source)
}

/**
 * A dependency table's own source, as uv's `[tool.uv.sources]` and Poetry write it alike: `git` (with its `rev`,
 * `tag` or `branch`) as `vcs_url`, `url` as `download_url`, `path` as a local package; undefined for none of them.
 */
function directSource(table: Record<string, unknown>): PackageWhere | undefined {
  if (typeof table.git === 'string') {
    const ref = [table.rev, table.tag, table.branch].find((value) => typeof value === 'string')
    return {qualifiers: {vcs_url: gitVcsUrl(normalisedWithoutUserinfo(table.git), ref)}}
  }
  if (typeof table.url === 'string') return {qualifiers: downloadQualifiers(normalisedWithoutUserinfo(table.url))}
  if (typeof table.path === 'string') return {local: true}
  return undefined
}

/** `[project] name`, when written as a string (`[tool.poetry] name` for Poetry 1). */
function projectName(table: Record<string, unknown>): string | undefined {
  const project = table.project
  if (isTable(project) && typeof project.name === 'string') return project.name
  const poetry = tomlAt(table, ['tool', 'poetry'])
  return isTable(poetry) && typeof poetry.name === 'string' ? poetry.name : undefined
}

export function discoverPyproject(file: string, text: string): DiscoverOutput {
  const read = readToml(file, text)
  if ('error' in read) return {components: [], errors: [read.error]}
  const out: Out = {
    file,
    components: [],
    skipped: [],
    errors: [...read.forbidden],
    indexes: readIndexes(read.table),
    poetryEnrich: poetryEnrichments(read.table),
    enriched: new Set(),
    ...(typeof projectName(read.table) === 'string'
      ? {self: normalizePypiName(projectName(read.table) as string)}
      : {}),
  }
  const tables = tomlKeyLines(text)
  out.skipped.push(...dynamicSkips(file, read.table, keyLineOf(tables, 'project', 'dynamic')))
  const strings = stringPlaces(text)
  const hatchFile = isHatchFile(file)
  const hatchling = isHatchlingBuilt(read.table)
  const arrays: RequirementArrays[] = hatchFile
    ? [{table: 'env', keys: ['requires'], scope: 'dev'}, ...hatchEnvironments(read.table, [])]
    : [...REQUIREMENT_ARRAYS, ...hatchEnvironments(read.table, ['tool', 'hatch'])]
  for (const {table, path, keys: only, scope, ownIndex} of arrays) {
    const holder = tomlAt(read.table, path ?? table.split('.'))
    if (!isTable(holder)) continue
    const hatch =
      hatchFile ||
      table.startsWith('tool.hatch.') ||
      (hatchling && (table === 'project' || table === 'project.optional-dependencies'))
    for (const name of only ?? Object.keys(holder)) {
      if (isForbiddenKey(name) || holder[name] === undefined) continue
      const keyLine = keyLineOf(tables, table, name)
      const where = `${table}.${elide(name, 200)}`
      if (!Array.isArray(holder[name])) {
        out.errors.push(lockfileError(file, 'invalid-entry', `${where} must be an array of requirements`, keyLine, 1))
        continue
      }
      const enrich = table === 'project' && name === 'dependencies'
      let cursor: Place = {line: keyLine, column: 0}
      for (const item of holder[name] as unknown[]) {
        // A dependency group may include another (`{include-group = "test"}`): that group is read on its own.
        if (isTable(item) && table === 'dependency-groups') continue
        if (typeof item !== 'string') {
          out.errors.push(
            lockfileError(file, 'invalid-entry', `${where}: expected a requirement string`, cursor.line, 1),
          )
          continue
        }
        cursor = stringPlace(strings, item, cursor) ?? {line: cursor.line, column: cursor.column}
        if (hatch && HATCH_CONTEXT.test(item)) {
          // `pkg @ {root:uri}/packages/pkg`: a path Hatch fills in when it installs, the project's own (or an
          // environment variable's) package, not a registry release.
          out.skipped.push(
            unresolvedVersion(
              file,
              cursor.line,
              `${where}: '${elide(item, 200)}' uses Hatch's context formatting (filled in by Hatch); not read`,
            ),
          )
          continue
        }
        requirement(
          out,
          item,
          {line: cursor.line, column: Math.max(cursor.column, 1)},
          {scope, where, ownIndex, enrich, editable: table === 'tool.pdm.dev-dependencies'},
        )
      }
    }
  }
  readPoetryTables(out, read.table, tables, new KeyColumns(text))
  // pixi's tables under `[tool.pixi]` (https://pixi.sh/latest/python/pyproject_toml/), as the pixi-toml format reads
  // them in a pixi.toml: its pypi-dependencies listed, its conda dependencies counted.
  const pixi = tomlAt(read.table, ['tool', 'pixi'])
  if (isTable(pixi)) {
    const found = readPixiTables(file, text, pixi, {prefix: ['tool', 'pixi'], self: out.self})
    out.components.push(...found.components)
    out.skipped.push(...found.skipped)
    out.errors.push(...found.errors)
  }
  return {components: out.components, skipped: out.skipped, errors: out.errors}
}

/** `[tool.poetry.dependencies]` when `[project] dependencies` is written too (Poetry 2's enrichment), by name. */
function poetryEnrichments(root: TomlTable): Map<string, unknown> {
  const poetry = tomlAt(root, ['tool', 'poetry', 'dependencies'])
  const enrich = new Map<string, unknown>()
  if (!Array.isArray(tomlAt(root, ['project', 'dependencies'])) || !isTable(poetry)) return enrich
  for (const [name, value] of Object.entries(poetry))
    if (name !== 'python' && !isForbiddenKey(name)) enrich.set(normalizePypiName(name), value)
  return enrich
}

function readPoetryTables(out: Out, root: TomlTable, tables: Map<string, TomlTableLines>, columns: KeyColumns) {
  const groups = tomlAt(root, ['tool', 'poetry', 'group'])
  const poetryTables = [
    ...POETRY_TABLES.map(({table, scope}) => ({table, scope, holder: tomlAt(root, table.split('.'))})),
    // A group's name may hold a dot (`[tool.poetry.group."a.b".dependencies]`): its table is taken by name, not path.
    ...(isTable(groups) ? Object.entries(groups).filter(([group]) => !isForbiddenKey(group)) : []).map(
      ([group, value]) => ({
        table: `tool.poetry.group.${group}.dependencies`,
        scope: 'dev' as const,
        holder: isTable(value) ? value.dependencies : undefined,
      }),
    ),
  ]
  for (const {table, scope, holder} of poetryTables) {
    if (!isTable(holder)) continue
    for (const [name, constraint] of Object.entries(holder)) {
      // `python` is the interpreter the project supports, not a package.
      if (name === 'python' || isForbiddenKey(name)) continue
      // Poetry 2: an entry that enriches one of `[project] dependencies` was taken there.
      if (table === 'tool.poetry.dependencies' && out.enriched.has(normalizePypiName(name))) continue
      const line = keyLineOf(tables, table, name)
      poetryDependency(out, name, constraint, {line, column: columns.column(line, name)}, scope, table)
    }
  }
}

interface ArrayEntry {
  scope: Scope
  /** Where the array is, for messages (`project.dependencies`). */
  where: string
  /** The build backend's requirements: installed from the build frontend's own index, not Poetry's sources. */
  ownIndex?: boolean
  /** `[project] dependencies`, which `[tool.poetry.dependencies]` may enrich (Poetry 2). */
  enrich: boolean
  /** PDM's `[tool.pdm.dev-dependencies]`, which also takes pip's editable lines (`-e path`, `-e url#egg=name`). */
  editable?: boolean
}

/**
 * An editable line of PDM's dev-dependencies (https://pdm-project.org/latest/usage/dependency/#editable-dependencies):
 * `-e name @ url`, `-e url#egg=name` (`file:` and `${PROJECT_ROOT}` paths local, VCS URLs as `vcs_url`), or `-e path`
 * (the tree's own code, with no name: not listed). False when `text` is not one.
 */
function editableRequirement(out: Out, text: string, at: Place, entry: ArrayEntry): boolean {
  const editable = /^\s*-e\s+(\S.*)$/.exec(text)
  if (editable === null) return false
  const target = editable[1].trim()
  const named = parseRequirement(target)
  if (named?.kind === 'url') {
    out.components.push(component(out.file, named.name, undefined, text, at, entry.scope, directReference(named.url)))
    return true
  }
  const egg = splitPipUrl(target).egg
  if (egg === undefined) return true
  const where = /^[a-z][a-z0-9+.-]*:/i.test(target) ? directReference(target) : {local: true}
  out.components.push(component(out.file, egg, undefined, text, at, entry.scope, where))
  return true
}

/** One PEP 508 string: a named requirement (its `==` pin the version), or `name @ url` (no registry version). */
function requirement(out: Out, text: string, at: Place, entry: ArrayEntry): void {
  if (entry.editable && editableRequirement(out, text, at, entry)) return
  const parsed = parseRequirement(text)
  if (!parsed) {
    const refused = missingComma(NAMED_REQUIREMENT.exec(withoutMarkersOf(text))?.[3] ?? '')
    const why = refused ? ': two version clauses need a comma between them (pip refuses it)' : ''
    out.errors.push(
      lockfileError(
        out.file,
        'invalid-entry',
        `${entry.where}: '${elide(text, 200)}' is not a PEP 508 requirement${why}`,
        at.line,
        at.column,
      ),
    )
    return
  }
  if (parsed.kind === 'url')
    out.skipped.push(
      unresolvedVersion(
        out.file,
        at.line,
        `${parsed.name}: installed from ${elide(parsed.url, 200)}, not a registry version`,
      ),
    )
  // A recursive extra (`xarray[accel,io]` in xarray's own optional dependencies): pip, uv and PDM install the project's
  // other extras, not a release of it from the index. Not a dependency.
  if (out.self !== undefined && parsed.kind === 'named' && normalizePypiName(parsed.name) === out.self) return
  const enrichment = entry.enrich ? poetryEnrichment(out, parsed.name, at.line, parsed.kind === 'url') : undefined
  // A `name @ url` says where it comes from; else Poetry's enrichment, uv's sources or default index, else Poetry's
  // primary source.
  const {indexes} = out
  const from =
    parsed.kind === 'url'
      ? directReference(parsed.url)
      : (enrichment?.from ??
        uvSource(indexes, parsed.name) ?? {
          qualifiers: indexQualifiers(indexes.uvDefault ?? (entry.ownIndex ? undefined : indexes.poetryPrimary)),
        })
  const version = parsed.kind === 'named' ? (parsed.pinned ?? enrichment?.version) : undefined
  out.components.push(component(out.file, parsed.name, version, text, at, entry.scope, from))
}

/**
 * What Poetry 2's `[tool.poetry.dependencies]` entry adds to a `[project]` dependency of the same name: where it
 * comes from (`source`, git, a URL, a path; the last three reported as `unresolved-version` at the project's line)
 * and an exact version it pins (the project's own `==` pin first). The entry is then not listed on its own.
 */
function poetryEnrichment(
  out: Out,
  name: string,
  line: number,
  direct: boolean,
): {from?: PackageWhere; version?: string} | undefined {
  const key = normalizePypiName(name)
  if (!out.poetryEnrich.has(key)) return undefined
  out.enriched.add(key)
  // `name @ url` says where it comes from itself.
  if (direct) return undefined
  const constraint = out.poetryEnrich.get(key)
  if (typeof constraint === 'string') return {version: poetryExact(constraint)}
  if (!isTable(constraint)) return {}
  const source = directSourceText(constraint)
  if (source)
    out.skipped.push(unresolvedVersion(out.file, line, `${name}: installed from ${source}, not a registry version`))
  return {
    from: poetryWhere(out.indexes, constraint),
    version: typeof constraint.version === 'string' ? poetryExact(constraint.version) : undefined,
  }
}

/** `git …`, `url …` or `path …` of a Poetry dependency table, for messages; undefined for none. */
function directSourceText(constraint: Record<string, unknown>): string | undefined {
  let source: string | undefined
  for (const kind of ['git', 'url', 'path'])
    if (typeof constraint[kind] === 'string') source = `${kind} ${elide(constraint[kind] as string, 200)}`
  return source
}

/** Poetry's exact version: `1.2.3`, `=1.2.3`, `==1.2.3` (poetry-core reads `=` as `==`); undefined for a range. */
function poetryExact(written: string): string | undefined {
  const exact = written.trim().replace(/^={1,3}\s*/, '')
  return /^[0-9][0-9A-Za-z.+!-]{0,127}$/.test(exact) ? exact : undefined
}

/**
 * A Poetry constraint: `"1.2.3"` (exact in Poetry), `"==1.2.3"`, a range (`^1.2`, `~1.2`, `>=1.0,<2.0`, `*`), or a
 * table (`version`, `optional`; `git`, `url` or `path` instead of a version), or an array of such tables (one per
 * environment).
 */
function poetryDependency(out: Out, name: string, constraint: unknown, at: Place, scope: Scope, table: string) {
  const {line} = at
  let written: string | undefined
  let optional = false
  let source: string | undefined
  // Poetry's primary source, unless the dependency names one (`source = "pypi"` is PyPI), or git, a URL or a path.
  let from: PackageWhere = {qualifiers: indexQualifiers(out.indexes.poetryPrimary)}
  if (typeof constraint === 'string') written = constraint
  else if (isTable(constraint)) {
    if (typeof constraint.version === 'string') written = constraint.version
    optional = constraint.optional === true
    source = directSourceText(constraint)
    from = poetryWhere(out.indexes, constraint) ?? from
  } else if (!Array.isArray(constraint)) {
    out.errors.push(
      lockfileError(out.file, 'invalid-entry', `${table}.${elide(name, 200)}: expected a constraint`, line, at.column),
    )
    return
  }
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name)) {
    out.errors.push(
      lockfileError(out.file, 'invalid-entry', `${table}.${elide(name, 200)}: not a package name`, line, at.column),
    )
    return
  }
  if (source)
    out.skipped.push(unresolvedVersion(out.file, line, `${name}: installed from ${source}, not a registry version`))
  const version = written === undefined ? undefined : poetryExact(written)
  const ref = written === undefined ? name : `${name} ${written}`
  out.components.push(component(out.file, name, version, ref, at, optional ? 'optional' : scope, from))
}

/** A Poetry dependency table's own source: git, a URL or a path (directSource), or a named source. */
function poetryWhere(indexes: Indexes, constraint: Record<string, unknown>): PackageWhere | undefined {
  const direct = directSource(constraint)
  if (direct !== undefined || typeof constraint.source !== 'string') return direct
  if (constraint.source.toLowerCase() === 'pypi') return {}
  const url = indexes.poetrySource.get(constraint.source)
  return url === undefined ? undefined : {qualifiers: indexQualifiers(url)}
}

function component(
  file: string,
  name: string,
  version: string | undefined,
  ref: string,
  at: Place,
  scope: Scope,
  where: PackageWhere = {},
) {
  return manifestComponent(file, {
    ecosystem: 'pypi',
    // PEP 503 (https://packaging.python.org/en/latest/specifications/name-normalization/), as the other Python readers
    // write it: `backports.zstd` and `backports-zstd`, `Cython` and `cython` are one package.
    name: normalizePypiName(name),
    version: where.local ? undefined : version,
    ref,
    line: at.line,
    column: at.column,
    scope,
    direct: true,
    ...(where.local ? {local: true} : {}),
    ...(where.qualifiers ? {qualifiers: where.qualifiers} : {}),
  })
}

/**
 * The line of `key` in the table at `path`: written in the table's own section, or in a parent's (`[project]`'s
 * `optional-dependencies.email = […]`), or as a section of its own (`[tool.poetry.dependencies]` keys); else the
 * nearest section's line.
 */
function keyLineOf(tables: Map<string, TomlTableLines>, path: string, key: string): number {
  const own = tables.get(path)
  const line = own?.keys.get(key) ?? tables.get(`${path}.${key}`)?.line
  if (line !== undefined) return line
  const parts = path.split('.')
  for (let cut = parts.length - 1; cut >= 0; cut--) {
    const parent = tables.get(parts.slice(0, cut).join('.'))
    const written = parent?.keys.get(parts[cut])
    if (written !== undefined) return written
  }
  return own?.line ?? 1
}
