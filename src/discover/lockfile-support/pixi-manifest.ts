/**
 * pixi's manifest tables (https://pixi.sh/latest/reference/pixi_manifest/), shared by the pixi-toml format (a
 * `pixi.toml`) and the pyproject format (the same tables under `[tool.pixi]`, https://pixi.sh/latest/python/pyproject_toml/).
 * - `pypi-dependencies` of the top level, of `target.<platform>`, of `feature.<name>` and `feature.<name>.target.<platform>`,
 *   and those written directly on an environment (`environments.<env>.pypi-dependencies`, its targets' too):
 *   `name = "specifier"` or a table (`version`, `extras`, `index`; or `git` with `rev`/`tag`/`branch`, `url`, `path`,
 *   `editable`). Each a `pypi` package, `direct: true`, at its key. The default feature's are `prod`; a feature's are
 *   `dev` when its name says it is for development (DEVELOPMENT_GROUPS), else `optional` (an environment that
 *   includes the feature installs them), or `prod` when `[environments]` makes the default environment include it.
 *   An environment's own are a feature private to it: `prod` on `default`, else scoped by the environment's name.
 * - pypi-options (`workspace.pypi-options` for every environment, `pypi-options` the default feature's,
 *   `feature.<name>.pypi-options` a feature's, `environments.<env>.pypi-options` an environment's own), laid over in
 *   that order: `index-url` replaces PyPI, `extra-index-urls` add to it; an index list without PyPI gives
 *   `repository_url` (./pip-source.ts); a package's own `index` wins. The packages the default environment installs
 *   (the default feature's, those of the features it includes, its own) take the default environment's options, those
 *   of every feature it includes; another environment's own take that environment's.
 * - conda's `dependencies`, `host-dependencies`, `build-dependencies` (at the top, per target, per feature; an
 *   environment's `dependencies` and its targets') and pixi-build's `package.*-dependencies`: stewards has no conda
 *   ecosystem; one `unsupported` Skipped counts them.
 * Values from smol-toml (the caller's); lines from the shared scan of tables and keys (tomlKeyLines), columns from
 * the key's place on its line (smol-toml keeps no positions).
 */
import type {Component, ScanError, Scope, Skipped} from '../../core/model.js'
import {elide} from '../../core/elide.js'
import {normalizePypiName} from '../../core/package-names.js'
import {urlWithoutCredentials} from '../../core/redact.js'
import {manifestComponent} from './component.js'
import {exactPin, isSpecifierList} from './pep508.js'
import {applyIndexOption, indexesQualifiers, pipIndexes} from './pip-source.js'
import {gitVcsUrl} from './purl.js'
import {downloadQualifiers, indexQualifiers, type PackageWhere} from './pypi-index.js'
import {isForbiddenKey, lockfileError, unresolvedVersion} from './problems.js'
import {
  isTomlTable as isTable,
  tomlAt,
  type TomlTable,
  tomlBasicString,
  type TomlTableLines,
  tomlKeyLines,
} from './toml.js'
import type {DiscoverOutput} from '../types.js'
import {NO_CONDA_ECOSYSTEM} from './conda.js'
import {DEVELOPMENT_GROUPS} from './scope.js'

/**
 * A feature is for development when its name, or one of its `-`/`_` parts, is a development group's name
 * (./scope.ts DEVELOPMENT_GROUPS: `test`, `numpydoc-lint`, `docs_build`). Any other feature (`py311`, `extras`,
 * `backends`) is `optional`: pixi installs it only in the environments that name it.
 */
export function featureScope(name: string): Scope {
  const lower = name.toLowerCase()
  if (DEVELOPMENT_GROUPS.has(lower)) return 'dev'
  return lower.split(/[-_]/).some((part) => DEVELOPMENT_GROUPS.has(part)) ? 'dev' : 'optional'
}

/**
 * An environment of `[environments]` (https://pixi.sh/latest/reference/pixi_manifest/#the-environments-table): a list
 * of features (`test = ["test"]`) or a table (`{features = […], solve-group = …, no-default-feature = true}`), which
 * may also hold content of its own ("Defining dependencies directly on an environment": `dependencies`,
 * `pypi-dependencies`, `target`, `pypi-options`, …), pixi's implicit feature private to that environment
 * (pixi_manifest/src/toml/environment.rs `TomlEnvironmentInline`). `inline` is the table when it is one.
 */
interface Environment {
  features: string[]
  noDefaultFeature: boolean
  inline?: TomlTable
}

function environmentOf(value: unknown): Environment {
  const list = Array.isArray(value) ? value : isTable(value) ? value.features : undefined
  return {
    features: Array.isArray(list) ? list.filter((name): name is string => typeof name === 'string') : [],
    noDefaultFeature: isTable(value) && value['no-default-feature'] === true,
    ...(isTable(value) ? {inline: value} : {}),
  }
}

/** The conda tables of a feature (or of the top level, a target). */
const CONDA_TABLES = ['dependencies', 'host-dependencies', 'build-dependencies']

interface Out {
  file: string
  /** Where the pixi tables are: `[]` in pixi.toml, `['tool', 'pixi']` in a pyproject.toml. */
  prefix: string[]
  self?: string
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
  tables: Map<string, TomlTableLines>
  lines: string[]
  /** Per line, the column of each key written on it (keyColumn). */
  keyColumns: Map<number, Map<string, number>>
  /** The pypi-options tables already reported as not tables. */
  reported: Set<string>
}

/** A table of pypi-dependencies to read: its dotted path, its scope, and the index list that applies. */
interface PypiTable {
  path: string[]
  holder: unknown
  scope: Scope
  indexes: Record<string, string> | undefined
}

/**
 * The pixi tables of a manifest: `root` the whole pixi.toml, or a pyproject.toml's `[tool.pixi]` (`prefix`
 * `['tool', 'pixi']`, which lines and messages are looked up and written under). `self`: the project's own
 * normalised name (a pyproject.toml's `[project] name`), whose entry (`{ path = ".", editable = true }`, the project
 * installed into its own environments) is no dependency and is not listed.
 */
export function readPixiTables(
  file: string,
  text: string,
  root: TomlTable,
  {prefix = [], self}: {prefix?: string[]; self?: string} = {},
): Required<DiscoverOutput> {
  const out: Out = {
    file,
    prefix,
    self,
    components: [],
    skipped: [],
    errors: [],
    tables: tomlKeyLines(text),
    lines: text.split(/\r?\n/),
    keyColumns: new Map(),
    reported: new Set(),
  }
  const features = isTable(root.feature) ? root.feature : undefined
  const environments = isTable(root.environments) ? root.environments : undefined
  // The workspace's options (`[workspace.pypi-options]`, `[project.pypi-options]` before pixi named it workspace) apply
  // to every environment; the top level's `[pypi-options]` are the default feature's.
  const workspace = ['workspace', 'project']
    .map((name) => ({path: [name, 'pypi-options'], options: tomlAt(root, [name, 'pypi-options'])}))
    .filter(({options}) => options !== undefined)
  const rootLayer = {path: ['pypi-options'], options: root['pypi-options']}
  const rootIndexes = pypiOptions(out, [...workspace, rootLayer])
  const featureLayer = (name: string) => {
    const feature = features !== undefined && Object.hasOwn(features, name) ? features[name] : undefined
    return {path: ['feature', name, 'pypi-options'], options: isTable(feature) ? feature['pypi-options'] : undefined}
  }
  /**
   * The options of an environment (pixi_manifest/src/features_ext.rs `pypi_options`): the workspace's, then those of
   * every feature it includes (the default feature's unless `no-default-feature = true`, its own inline content's).
   */
  const environmentIndexes = (name: string, env: Environment) =>
    pypiOptions(out, [
      ...workspace,
      ...(env.noDefaultFeature ? [] : [rootLayer]),
      ...env.features.map(featureLayer),
      ...(env.inline === undefined
        ? []
        : [{path: ['environments', name, 'pypi-options'], options: env.inline['pypi-options']}]),
    ])
  // `pixi install` and `pixi run` use the default environment: the default feature alone, unless `[environments]`
  // redefines it (`default = ["py311"]`, `default = {features = ["py311"], solve-group = "default"}`).
  const defaultEnv = environmentOf(
    environments !== undefined && Object.hasOwn(environments, 'default') ? environments.default : undefined,
  )
  const defaultIndexes = environmentIndexes('default', defaultEnv)
  const inDefault = new Set(defaultEnv.features)
  const pypiTables: PypiTable[] = []
  let conda = 0
  let condaLine: number | undefined
  /** A holder of dependency tables (the top level, a target, a feature): its pypi table and its conda count. */
  const visit = (
    holder: TomlTable,
    path: string[],
    scope: Scope,
    indexes: Record<string, string> | undefined,
    condaTables = CONDA_TABLES,
  ) => {
    if (holder['pypi-dependencies'] !== undefined)
      pypiTables.push({path: [...path, 'pypi-dependencies'], holder: holder['pypi-dependencies'], scope, indexes})
    for (const name of condaTables) {
      const table = holder[name]
      if (!isTable(table)) continue
      const count = Object.keys(table).filter((key) => !isForbiddenKey(key)).length
      if (count > 0 && condaLine === undefined) condaLine = tableLine(out, [...path, name])
      conda += count
    }
    const targets = holder.target
    if (isTable(targets))
      for (const [platform, target] of Object.entries(targets))
        if (!isForbiddenKey(platform) && isTable(target)) visit(target, [...path, 'target', platform], scope, indexes)
  }
  // The default feature's packages are installed in every environment that includes it, with that environment's
  // options; they are taken as the default environment installs them (when it includes the default feature).
  visit(root, [], 'prod', defaultEnv.noDefaultFeature ? rootIndexes : defaultIndexes)
  if (features !== undefined)
    for (const [name, feature] of Object.entries(features)) {
      if (isForbiddenKey(name) || !isTable(feature)) continue
      const path = ['feature', name]
      const scope = featureScope(name)
      if (inDefault.has(name)) {
        visit(feature, path, scope === 'optional' ? 'prod' : scope, defaultIndexes)
        continue
      }
      const indexes =
        feature['pypi-options'] === undefined
          ? rootIndexes
          : pypiOptions(out, [
              ...workspace,
              rootLayer,
              {path: [...path, 'pypi-options'], options: feature['pypi-options']},
            ])
      visit(feature, path, scope, indexes)
    }
  // Content written directly on an environment: a feature private to it, `prod` in the default environment, else
  // scoped by the environment's name as a feature is. pixi takes no `host-dependencies`/`build-dependencies` there.
  if (environments !== undefined)
    for (const [name, value] of Object.entries(environments)) {
      if (isForbiddenKey(name) || !isTable(value)) continue
      const env = name === 'default' ? defaultEnv : environmentOf(value)
      const indexes = name === 'default' ? defaultIndexes : environmentIndexes(name, env)
      visit(value, ['environments', name], name === 'default' ? 'prod' : featureScope(name), indexes, ['dependencies'])
    }
  // pixi-build's package: its conda dependencies (`[package.run-dependencies]`, …).
  const pkg = root.package
  if (isTable(pkg))
    for (const name of ['build-dependencies', 'host-dependencies', 'run-dependencies']) {
      const table = pkg[name]
      if (!isTable(table)) continue
      const count = Object.keys(table).filter((key) => !isForbiddenKey(key)).length
      if (count > 0 && condaLine === undefined) condaLine = tableLine(out, ['package', name])
      conda += count
    }
  for (const table of pypiTables) readPypiTable(out, table)
  if (conda > 0)
    out.skipped.push({
      file,
      line: condaLine ?? 1,
      reason: 'unsupported',
      message: `${conda} conda dependenc${conda === 1 ? 'y' : 'ies'} not read: ${NO_CONDA_ECOSYSTEM}; only the pypi-dependencies are read`,
    })
  return {components: out.components, skipped: out.skipped, errors: out.errors}
}

/**
 * The purl qualifiers the index list of the pypi-options that apply gives
 * (https://pixi.sh/latest/reference/pixi_manifest/#the-pypi-options-table): the workspace's, then those of the
 * features, in that order. `index-url` replaces PyPI (the last one written wins, "a feature value overrides the
 * workspace value"; pixi rejects two features of one environment that set different ones); `extra-index-urls` are
 * merged. A table that is not one is reported once, whatever the number of environments that include it.
 */
function pypiOptions(out: Out, layers: Array<{path: string[]; options: unknown}>): Record<string, string> | undefined {
  let indexUrl: string | undefined
  const extras: string[] = []
  let any = false
  for (const {path, options} of layers) {
    if (options === undefined) continue
    if (!isTable(options)) {
      const where = [...out.prefix, ...path].join('.')
      if (!out.reported.has(where)) {
        out.reported.add(where)
        out.errors.push(lockfileError(out.file, 'invalid-entry', `${where} must be a table`, tableLine(out, path), 1))
      }
      continue
    }
    any = true
    if (typeof options['index-url'] === 'string') indexUrl = options['index-url']
    if (Array.isArray(options['extra-index-urls']))
      for (const url of options['extra-index-urls']) if (typeof url === 'string') extras.push(url)
  }
  if (!any) return undefined
  const indexes = pipIndexes()
  if (indexUrl !== undefined) applyIndexOption(indexes, {kind: 'index', url: indexUrl})
  for (const url of extras) applyIndexOption(indexes, {kind: 'extra-index', url})
  return indexesQualifiers(indexes)
}

function readPypiTable(out: Out, {path, holder, scope, indexes}: PypiTable): void {
  const where = [...out.prefix, ...path].join('.')
  if (!isTable(holder)) {
    out.errors.push(lockfileError(out.file, 'invalid-entry', `${where} must be a table`, tableLine(out, path), 1))
    return
  }
  for (const [name, value] of Object.entries(holder)) {
    if (isForbiddenKey(name) || (out.self !== undefined && normalizePypiName(name) === out.self)) continue
    const line = keyLine(out, path, name)
    const at = {line, column: keyColumn(out, line, name)}
    pypiDependency(out, name, value, at, scope, indexes, where)
  }
}

interface Place {
  line: number
  column: number
}

function pypiDependency(
  out: Out,
  name: string,
  value: unknown,
  at: Place,
  scope: Scope,
  indexes: Record<string, string> | undefined,
  where: string,
): void {
  const shown = `${where}.${elide(name, 200)}`
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name)) {
    out.errors.push(lockfileError(out.file, 'invalid-entry', `${shown}: not a package name`, at.line, at.column))
    return
  }
  let spec: string | undefined
  let from: PackageWhere = {qualifiers: indexes}
  let source: string | undefined
  if (typeof value === 'string') spec = value
  else if (isTable(value)) {
    if (value.version !== undefined && typeof value.version !== 'string') {
      out.errors.push(
        lockfileError(out.file, 'invalid-entry', `${shown}: version must be a string`, at.line, at.column),
      )
      return
    }
    spec = value.version
    const direct = directSource(value)
    if (direct !== undefined) {
      from = direct.where
      source = direct.text
    } else if (typeof value.index === 'string') from = {qualifiers: indexQualifiers(urlWithoutCredentials(value.index))}
  } else {
    out.errors.push(
      lockfileError(
        out.file,
        'invalid-entry',
        `${shown}: expected a version specifier or a table, not ${Array.isArray(value) ? 'an array' : typeof value}`,
        at.line,
        at.column,
      ),
    )
    return
  }
  const written = spec?.trim()
  if (written !== undefined && written !== '' && written !== '*' && !isSpecifierList(written)) {
    out.errors.push(
      lockfileError(
        out.file,
        'invalid-entry',
        `${shown}: '${elide(written, 200)}' is not a PEP 440 version specifier`,
        at.line,
        at.column,
      ),
    )
    return
  }
  if (source !== undefined)
    out.skipped.push(unresolvedVersion(out.file, at.line, `${name}: installed from ${source}, not a registry version`))
  const extras = isTable(value) && Array.isArray(value.extras) ? value.extras.filter((e) => typeof e === 'string') : []
  const ref = `${name}${extras.length > 0 ? `[${extras.join(',')}]` : ''}${written ? ` ${written}` : ''}`
  const version = written && source === undefined ? exactPin(written) : undefined
  out.components.push(
    manifestComponent(out.file, {
      ecosystem: 'pypi',
      name: normalizePypiName(name),
      version: from.local ? undefined : version,
      ref,
      line: at.line,
      column: at.column,
      scope,
      direct: true,
      ...(from.local ? {local: true} : {}),
      ...(!from.local && from.qualifiers ? {qualifiers: from.qualifiers} : {}),
    }),
  )
}

/** `git` (with `rev`, `tag` or `branch`) as `vcs_url`, `url` as `download_url`, `path` as local; undefined for none. */
function directSource(table: Record<string, unknown>): {where: PackageWhere; text: string} | undefined {
  if (typeof table.git === 'string') {
    const ref = [table.rev, table.tag, table.branch].find((value) => typeof value === 'string') as string | undefined
    const git = urlWithoutCredentials(table.git)
    return {where: {qualifiers: {vcs_url: gitVcsUrl(git, ref)}}, text: `git ${elide(git, 200)}`}
  }
  if (typeof table.url === 'string') {
    const url = urlWithoutCredentials(table.url)
    return {where: {qualifiers: downloadQualifiers(url)}, text: `url ${elide(url, 200)}`}
  }
  if (typeof table.path === 'string') return {where: {local: true}, text: `path ${elide(table.path, 200)}`}
  return undefined
}

/** The line of a table's header (or of the nearest parent's key that writes it inline); 1 when none. */
function tableLine(out: Out, relative: string[]): number {
  const path = [...out.prefix, ...relative]
  for (let cut = path.length; cut > 0; cut--) {
    const own = out.tables.get(path.slice(0, cut).join('.'))
    if (own !== undefined) {
      if (cut === path.length) return own.line
      return own.keys.get(path[cut]) ?? own.line
    }
  }
  return 1
}

/** The line of `key` in the table at `path`: in its own section, else where a parent writes it inline. */
function keyLine(out: Out, path: string[], key: string): number {
  const own = out.tables.get([...out.prefix, ...path].join('.'))
  return own?.keys.get(key) ?? tableLine(out, path)
}

/**
 * The column of key `name` on line `line` (`name = …`, `"name" = …`, or inside an inline table); else the line's first
 * non-blank. Each line is scanned once, its keys kept (a line of many keys is a line of a hostile file too).
 */
function keyColumn(out: Out, line: number, name: string): number {
  let keys = out.keyColumns.get(line)
  if (keys === undefined) {
    const written = out.lines[line - 1] ?? ''
    keys = new Map([['', (/\S/.exec(written)?.index ?? 0) + 1]])
    for (const match of written.matchAll(/(^|[\s{,])("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=/g)) {
      const key = match[2].startsWith('"') ? tomlBasicString(match[2].slice(1, -1)) : match[2].replace(/^'|'$/g, '')
      if (!keys.has(key)) keys.set(key, match.index + match[1].length + 1)
    }
    out.keyColumns.set(line, keys)
  }
  return keys.get(name) ?? keys.get('')!
}
