/**
 * Leiningen's `project.clj` (https://codeberg.org/leiningen/leiningen/src/branch/main/sample.project.clj): the
 * `(defproject name "version" :key value ...)` form, read as literal data (Leiningen evaluates the file; nothing
 * here is evaluated). Read: `:dependencies` (prod), `:plugins` (dev: code Leiningen runs to build), the same two in
 * each of `:profiles` (scope by the profile's name, ./libs.ts), `:repositories` and `:plugin-repositories` (notes).
 * A version Leiningen would compute (`~version`, `~(str …)`, a symbol, `#=`) or take from `:managed-dependencies` is
 * not taken: the lib is listed without a version and reported.
 */
import type {Scope} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {DiscoverOutput} from '../../types.js'
import {type Form, readForms} from './edn-reader.js'
import {
  addMaven,
  describeComputed,
  entryError,
  type Lib,
  type Output,
  parseLib,
  repositoryNote,
  scopeOfName,
  shown,
  unsupported,
} from './libs.js'

export function discoverProjectClj(file: string, text: string): DiscoverOutput {
  const out: Output = {components: [], skipped: [], errors: []}
  // A Leiningen template's project.clj (`(defproject {{raw-name}} …`), which `lein new` fills in: no project.
  const template = /\{\{[^{}\n]*\}\}/.exec(text)
  if (template !== null) {
    out.skipped.push({
      file,
      line: text.slice(0, template.index).split('\n').length,
      reason: 'unsupported',
      message: `a template (${elide(template[0], 100)}), filled in by \`lein new\`, not a project: not read`,
    })
    return out
  }
  const {forms, errors} = readForms(text)
  for (const error of errors)
    out.errors.push(
      lockfileError(file, error.tooDeep ? 'too-deep' : 'invalid-lockfile', error.message, error.line, error.column),
    )
  const project = forms.find(
    (form) => form.kind === 'list' && form.items[0]?.kind === 'symbol' && form.items[0].value === 'defproject',
  )
  if (project?.kind !== 'list') {
    if (forms.length > 0 && errors.length === 0)
      entryError(out, file, forms[0], 'no (defproject name "version" ...) form: nothing read')
    return out
  }
  const options = keyValues(out, file, project.items.slice(3))
  const managed = managedLibs(options.get('managed-dependencies'))
  readList(out, file, options.get('dependencies'), 'prod', managed, ':dependencies', false)
  readList(out, file, options.get('plugins'), 'dev', managed, ':plugins', true)
  const seen = new Set<string>()
  for (const field of ['repositories', 'plugin-repositories']) repositories(out, file, options.get(field), seen)
  const profiles = options.get('profiles')
  if (profiles === undefined) return out
  const computed = describeComputed(profiles)
  if (computed !== undefined) {
    unsupported(out, file, profiles, `:profiles is ${computed}: not read`)
    return out
  }
  if (profiles.kind !== 'map') return out
  for (const [name, profile] of profiles.entries) {
    if (name.kind !== 'keyword') continue
    const where = `profile :${elide(name.value, 100)}`
    const computedProfile = describeComputed(profile)
    if (computedProfile !== undefined) {
      unsupported(out, file, profile, `${where} is ${computedProfile}: not read`)
      continue
    }
    // A composite profile (a vector of profile names) adds nothing of its own.
    if (profile.kind !== 'map') continue
    const fields = keyValues(out, file, profile.entries.flat())
    const own = new Set([...managed, ...managedLibs(fields.get('managed-dependencies'))])
    readList(out, file, fields.get('dependencies'), scopeOfName(name.value), own, `:dependencies of ${where}`, false)
    readList(out, file, fields.get('plugins'), 'dev', own, `:plugins of ${where}`, true)
    for (const field of ['repositories', 'plugin-repositories']) repositories(out, file, fields.get(field), seen)
  }
  return out
}

/** Keyword → value of `:key value` pairs (the last of a key wins, as Leiningen's `(apply hash-map …)`). */
function keyValues(out: Output, file: string, items: Form[]): Map<string, Form> {
  const map = new Map<string, Form>()
  for (let index = 0; index < items.length; index += 2) {
    const key = items[index]
    const value = items[index + 1]
    if (value === undefined) {
      entryError(out, file, key, `${shown(key)} has no value`)
      break
    }
    if (key.kind === 'keyword') map.set(key.value, value)
  }
  return map
}

/** `group:artifact` of the libs `:managed-dependencies` names. */
function managedLibs(list: Form | undefined): Set<string> {
  const libs = new Set<string>()
  if (list?.kind !== 'vector' && list?.kind !== 'list') return libs
  for (const item of list.items) {
    const name = item.kind === 'vector' ? item.items[0] : undefined
    const lib = name?.kind === 'symbol' || name?.kind === 'string' ? parseLib(name.value) : undefined
    if (lib !== undefined) libs.add(`${lib.group}:${lib.artifact}`)
  }
  return libs
}

/** A vector of `[lib "version" & options]`. */
function readList(
  out: Output,
  file: string,
  list: Form | undefined,
  scope: Scope,
  managed: Set<string>,
  where: string,
  plugin: boolean,
): undefined {
  if (list === undefined || (list.kind === 'scalar' && list.value === 'nil')) return
  const computed = describeComputed(list)
  if (computed !== undefined) return unsupported(out, file, list, `${where} is ${computed}: not read`)
  if (list.kind !== 'vector' && list.kind !== 'list')
    return entryError(out, file, list, `${where} must be a vector of [lib "version"], not ${shown(list)}`)
  for (const item of list.items) readDependency(out, file, item, scope, managed, plugin)
}

function readDependency(
  out: Output,
  file: string,
  item: Form,
  scope: Scope,
  managed: Set<string>,
  plugin: boolean,
): undefined {
  const computed = describeComputed(item)
  if (computed !== undefined) return unsupported(out, file, item, `a dependency is ${computed}: not read`)
  if (item.kind !== 'vector')
    return entryError(out, file, item, `a dependency is a vector [lib "version" ...], not ${shown(item)}`)
  const [name, ...rest] = item.items
  if (name === undefined) return entryError(out, file, item, 'an empty dependency vector')
  const computedName = describeComputed(name)
  if (computedName !== undefined)
    return unsupported(out, file, name, `a dependency's lib name is ${computedName}: not read`)
  // A string names a lib that is no valid symbol (`"net.3scale/3scale-api"`, sample.project.clj).
  const lib = name.kind === 'symbol' || name.kind === 'string' ? parseLib(name.value) : undefined
  if (lib === undefined || lib.classifier !== undefined)
    return entryError(out, file, name, `${shown(name)} is not a lib name (group/artifact)`)
  // The version, unless options start at once (`[lib :exclusions [...]]`, a managed version).
  const version = rest[0] !== undefined && rest[0].kind !== 'keyword' ? rest.shift() : undefined
  const options = optionsOf(rest)
  const extension = options.get('extension')
  const classifier = options.get('classifier')
  const withClassifier: Lib =
    classifier?.kind === 'string' && /^[A-Za-z0-9_.-]{1,200}$/.test(classifier.value)
      ? {...lib, classifier: classifier.value}
      : lib
  const extra =
    extension?.kind === 'string' && /^[A-Za-z0-9_.-]{1,200}$/.test(extension.value) ? {extension: extension.value} : {}
  const own = plugin ? 'dev' : dependencyScope(scope, options)
  if (version?.kind === 'string') return addMaven(out, file, withClassifier, name, version.value, own, extra)
  addMaven(out, file, withClassifier, name, undefined, own, extra)
  const key = `${lib.group}:${lib.artifact}`
  const why =
    version === undefined || (version.kind === 'scalar' && version.value === 'nil')
      ? managed.has(key)
        ? 'its version comes from :managed-dependencies, which is not applied'
        : 'no version is written'
      : version.kind === 'symbol'
        ? `its version is the symbol ${elide(version.value, 100)}, which Leiningen evaluates`
        : `its version is ${describeComputed(version) ?? shown(version)}`
  out.skipped.push({
    file,
    line: name.line,
    reason: 'unresolved-version',
    message: `${elide(lib.written, 100)}: ${why}: listed without a version`,
  })
}

function optionsOf(items: Form[]): Map<string, Form> {
  const map = new Map<string, Form>()
  for (let index = 0; index + 1 < items.length; index += 2) {
    const key = items[index]
    if (key.kind === 'keyword') map.set(key.value, items[index + 1])
  }
  return map
}

/** A dependency's own `:scope` (Maven's) and `:optional` narrow its list's scope. */
function dependencyScope(scope: Scope, options: Map<string, Form>): Scope {
  const own = options.get('scope')
  if (own?.kind === 'string' && own.value === 'test') return 'dev'
  const optional = options.get('optional')
  if (scope === 'prod' && optional?.kind === 'scalar' && optional.value === 'true') return 'optional'
  return scope
}

/** `[["id" "url"] ["id" {:url "url" ...}]]` or `{"id" "url"}`: only the URL is read (never credentials). */
function repositories(out: Output, file: string, list: Form | undefined, seen: Set<string>): void {
  if (list === undefined) return
  const pairs: Array<[Form, Form]> =
    list.kind === 'map'
      ? list.entries
      : list.kind === 'vector' || list.kind === 'list'
        ? list.items.flatMap(
            (item): Array<[Form, Form]> =>
              item.kind === 'vector' && item.items.length >= 2 ? [[item.items[0], item.items[1]]] : [],
          )
        : []
  for (const [id, value] of pairs) {
    const url = value.kind === 'map' ? mapUrl(value) : value
    if (url !== undefined) repositoryNote(out, file, id.kind === 'string' ? id.value : shown(id), url, seen)
  }
}

function mapUrl(map: Form): Form | undefined {
  if (map.kind !== 'map') return undefined
  for (const [key, value] of map.entries) if (key.kind === 'keyword' && key.value === 'url') return value
  return undefined
}
