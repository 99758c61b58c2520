/**
 * `deps.edn` (https://clojure.org/reference/deps_edn) and babashka's `bb.edn` (the same `:deps`): one map, its
 * `:deps` (prod), the deps of its `:aliases` (scope by the alias's name, ./libs.ts; an override only of a lib the file
 * declares), and its `:mvn/repos` (notes).
 */
import type {Scope} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {gitPackageComponent} from '../../lockfile-support/git-package.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {DiscoverOutput} from '../../types.js'
import {type Form, readForms} from './edn-reader.js'
import {
  addMaven,
  describeComputed,
  entryError,
  get,
  type Output,
  parseLib,
  repositoryNote,
  scopeOfName,
  shown,
  unsupported,
  withoutCredentials,
} from './libs.js'

export function discoverDepsEdn(file: string, text: string): DiscoverOutput {
  const out: Output = {components: [], skipped: [], errors: []}
  const {forms, errors} = readForms(text)
  for (const error of errors)
    out.errors.push(
      lockfileError(file, error.tooDeep ? 'too-deep' : 'invalid-lockfile', error.message, error.line, error.column),
    )
  if (forms.length === 0) return out
  const [root] = forms
  if (root.kind !== 'map') {
    const computed = describeComputed(root)
    if (computed !== undefined) unsupported(out, file, root, `the file is ${computed}: not read`)
    else entryError(out, file, root, `a ${fileName(file)} is one map {...}, not ${shown(root)}`)
    return out
  }
  if (forms.length > 1) entryError(out, file, forms[1], `a ${fileName(file)} is one map: what follows it is not read`)
  const repos = get(root, 'mvn/repos')
  if (repos?.kind === 'map') {
    const seen = new Set<string>()
    for (const [name, repo] of repos.entries) {
      const url = get(repo, 'url')
      if (url !== undefined) repositoryNote(out, file, name.kind === 'string' ? name.value : shown(name), url, seen)
    }
  }
  readDeps(out, file, get(root, 'deps'), 'prod', ':deps')
  const aliases = get(root, 'aliases')
  const declared = declaredLibs(root, aliases)
  if (aliases?.kind === 'map')
    for (const [key, alias] of aliases.entries) {
      if (key.kind !== 'keyword' || alias.kind !== 'map') continue
      const scope = scopeOfName(key.value)
      const where = (field: string) => `:${field} of alias :${elide(key.value, 100)}`
      readDeps(out, file, get(alias, 'extra-deps'), scope, where('extra-deps'))
      // `:override-deps` replace the coordinate of a lib already in the graph and add none: "overrides the coordinate
      // version chosen by the version resolution" (https://clojure.org/reference/deps_edn#aliases_overridedeps), "a
      // map of lib to coord to use if lib is found" (https://clojure.org/reference/dep_expansion). Only the override
      // of a lib this file declares is listed, at the alias's scope; one of any other lib (a dependency's
      // dependency, or none at all) is not read, and a skip says so.
      readDeps(out, file, get(alias, 'override-deps'), scope, where('override-deps'), declared)
      // A tool's own classpath, in place of the project's (`-T`, `:replace-deps`, and `:deps` in an alias).
      for (const field of ['replace-deps', 'deps'])
        readDeps(out, file, get(alias, field), scope === 'prod' ? 'prod' : 'dev', where(field))
    }
  return out
}

function fileName(file: string): string {
  return file.endsWith('bb.edn') ? 'bb.edn' : 'deps.edn'
}

/**
 * The libs the file declares as dependencies (`:deps`, and an alias's `:extra-deps`, `:replace-deps` and `:deps`), as
 * tools.deps names them: a bare `foo` is `foo/foo`, a classifier part of the name.
 */
function declaredLibs(root: Form, aliases: Form | undefined): Set<string> {
  const maps = [get(root, 'deps')]
  if (aliases?.kind === 'map')
    for (const [, alias] of aliases.entries)
      for (const field of ['extra-deps', 'replace-deps', 'deps']) maps.push(get(alias, field))
  const libs = new Set<string>()
  for (const deps of maps)
    if (deps?.kind === 'map') for (const [lib] of deps.entries) if (lib.kind === 'symbol') libs.add(libKey(lib.value))
  return libs
}

/** A lib's name as tools.deps compares them: `foo` is `foo/foo`. */
function libKey(written: string): string {
  const lib = parseLib(written)
  if (lib === undefined) return written
  return `${lib.group}/${lib.artifact}${lib.classifier === undefined ? '' : `$${lib.classifier}`}`
}

/** A map of lib → coordinate; with `only`, the entries of those libs alone (the others are not read). */
function readDeps(
  out: Output,
  file: string,
  deps: Form | undefined,
  scope: Scope,
  where: string,
  only?: ReadonlySet<string>,
): undefined {
  if (deps === undefined || (deps.kind === 'scalar' && deps.value === 'nil')) return
  if (deps.kind !== 'map') {
    const computed = describeComputed(deps)
    if (computed !== undefined) unsupported(out, file, deps, `${where} is ${computed}: not read`)
    else entryError(out, file, deps, `${where} must be a map of lib → coordinate, not ${shown(deps)}`)
    return
  }
  for (const [lib, coord] of deps.entries) {
    if (only !== undefined && lib.kind === 'symbol' && !only.has(libKey(lib.value))) {
      const message = `${elide(lib.value, 100)}: ${where} names a lib this file does not declare (tools.deps uses it only if a dependency brings that lib): not listed`
      unsupported(out, file, lib, message)
      continue
    }
    readDep(out, file, lib, coord, scope)
  }
}

function readDep(out: Output, file: string, libForm: Form, coord: Form, scope: Scope): undefined {
  const computedLib = describeComputed(libForm)
  if (computedLib !== undefined) return unsupported(out, file, libForm, `a lib name is ${computedLib}: not read`)
  if (libForm.kind !== 'symbol')
    return entryError(out, file, libForm, `a lib name is a symbol (group/artifact), not ${shown(libForm)}`)
  const written = libForm.value
  const computed = describeComputed(coord)
  if (computed !== undefined)
    return unsupported(out, file, libForm, `${elide(written, 100)}: the coordinate is ${computed}: not read`)
  if (coord.kind !== 'map')
    return entryError(out, file, libForm, `${elide(written, 100)}: a coordinate is a map, not ${shown(coord)}`)
  const mvn = get(coord, 'mvn/version')
  const local = get(coord, 'local/root')
  const gitUrl = get(coord, 'git/url')
  const sha = get(coord, 'git/sha') ?? get(coord, 'sha')
  // `:sha` and `:tag` are the keys before `:git/sha` and `:git/tag`, still accepted (deps_edn#deps_git).
  const tag = get(coord, 'git/tag') ?? get(coord, 'tag')
  if (mvn !== undefined || local !== undefined) {
    const lib = parseLib(written)
    if (lib === undefined)
      return entryError(out, file, libForm, `"${elide(written, 100)}" is not a Maven lib name (group/artifact)`)
    if (mvn !== undefined) {
      if (mvn.kind !== 'string')
        return entryError(out, file, mvn, `${elide(written, 100)}: :mvn/version is a string, not ${shown(mvn)}`)
      return addMaven(out, file, lib, libForm, mvn.value, scope)
    }
    if (local?.kind !== 'string')
      return entryError(out, file, libForm, `${elide(written, 100)}: :local/root is a path string`)
    out.components.push(
      manifestComponent(file, {
        ecosystem: 'maven',
        name: `${lib.group}:${lib.artifact}`,
        ref: written,
        line: libForm.line,
        column: libForm.column,
        scope,
        direct: true,
        local: true,
      }),
    )
    return
  }
  if (gitUrl !== undefined || sha !== undefined || tag !== undefined) {
    if (gitUrl !== undefined && gitUrl.kind !== 'string')
      return entryError(out, file, gitUrl, `${elide(written, 100)}: :git/url is a string, not ${shown(gitUrl)}`)
    const url = gitUrl?.value ?? inferredGitUrl(written)
    if (url === undefined)
      return entryError(
        out,
        file,
        libForm,
        `${elide(written, 100)}: a git coordinate without :git/url, and the lib name implies none (io.github.USER/REPO and the like)`,
      )
    if (sha?.kind !== 'string')
      return entryError(
        out,
        file,
        sha ?? libForm,
        `${elide(written, 100)}: a git coordinate needs its :git/sha string (the Clojure CLI refuses one without)`,
      )
    const label = tag?.kind === 'string' ? tag.value : sha.value
    out.components.push(
      gitPackageComponent(file, {
        url: withoutCredentials(url),
        rev: sha.value,
        ref: `${written}@${label}`,
        line: libForm.line,
        column: libForm.column,
        scope,
        direct: true,
      }),
    )
    return
  }
  entryError(
    out,
    file,
    libForm,
    `${elide(written, 100)}: the coordinate names none of :mvn/version, :git/url or :git/sha, :local/root`,
  )
}

/**
 * The git URL a lib name implies when a git coordinate has no `:git/url`, as tools.deps infers it
 * (https://clojure.org/reference/deps_edn#deps_git: `io.github.USER/REPO`; the full table in tools.deps'
 * clojure/tools/deps/extensions/git.clj `git-services`).
 */
const GIT_SERVICES: ReadonlyArray<[RegExp, (user: string, repo: string) => string]> = [
  [/^(?:com|io)\.github\.([^.]+)$/, (user, repo) => `https://github.com/${user}/${repo}.git`],
  [/^(?:com|io)\.gitlab\.([^.]+)$/, (user, repo) => `https://gitlab.com/${user}/${repo}.git`],
  [/^(?:org|page)\.codeberg\.([^.]+)$/, (user, repo) => `https://codeberg.org/${user}/${repo}.git`],
  [/^(?:org|io)\.bitbucket\.([^.]+)$/, (user, repo) => `https://bitbucket.org/${user}/${repo}.git`],
  [/^(?:com|io)\.beanstalkapp\.([^.]+)$/, (user, repo) => `https://${user}.git.beanstalkapp.com/${repo}.git`],
  [/^ht\.sr\.([^.]+)$/, (user, repo) => `https://git.sr.ht/~${user}/${repo}`],
]

function inferredGitUrl(lib: string): string | undefined {
  const slash = lib.indexOf('/')
  if (slash === -1) return undefined
  const group = lib.slice(0, slash)
  const repo = lib.slice(slash + 1)
  if (!/^[A-Za-z0-9_.-]{1,200}$/.test(repo)) return undefined
  for (const [service, url] of GIT_SERVICES) {
    const match = service.exec(group)
    if (match !== null) return url(match[1], repo)
  }
  return undefined
}
