/**
 * What deps.edn and project.clj share: lib names, Maven components, scopes by alias or profile name, the notes on
 * declared repositories, and how a form that is not literal data is described.
 */
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {withoutUserinfo} from '../../../core/redact.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {exactMavenVersion, isMavenMetaVersion, isVersionRange} from '../../lockfile-support/maven-version.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {Form} from './edn-reader.js'

export interface Output {
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
}

/** Group, artifact and classifier: what Maven takes (no spaces, no `:` or `/`), bounded. */
const ID = /^[A-Za-z0-9_.-]{1,200}$/

export interface Lib {
  /** As written (`org.clojure/clojure`, `commons-io`, `org.lwjgl/lwjgl$natives-linux`). */
  written: string
  group: string
  artifact: string
  classifier?: string
}

/**
 * A lib name (tools.deps and Leiningen alike): `group/artifact`, a bare `name` meaning `name/name`, and (deps.edn)
 * `group/artifact$classifier`. undefined when a part is not a Maven id.
 */
export function parseLib(written: string): Lib | undefined {
  const slash = written.indexOf('/')
  const group = slash === -1 ? undefined : written.slice(0, slash)
  const rest = slash === -1 ? written : written.slice(slash + 1)
  const dollar = rest.indexOf('$')
  const artifact = dollar === -1 ? rest : rest.slice(0, dollar)
  const classifier = dollar === -1 ? undefined : rest.slice(dollar + 1)
  const lib = {written, group: group ?? artifact, artifact, ...(classifier === undefined ? {} : {classifier})}
  if (!ID.test(lib.group) || !ID.test(artifact) || (classifier !== undefined && !ID.test(classifier))) return undefined
  return lib
}

/**
 * A Maven package at its lib name. A version that is not one exact version (a range, `LATEST`, `RELEASE`) is listed
 * without a version, what was written kept in `ref`, and reported (`unresolved-version`).
 */
export function addMaven(
  out: Output,
  file: string,
  lib: Lib,
  at: Form,
  written: string | undefined,
  scope: Scope,
  extra: {extension?: string} = {},
): undefined {
  const exact = written !== undefined && !isMavenMetaVersion(written) ? exactMavenVersion(written) : undefined
  const type = extra.extension !== undefined && extra.extension !== 'jar' ? extra.extension : undefined
  const qualifiers =
    lib.classifier === undefined && type === undefined
      ? undefined
      : {
          ...(lib.classifier === undefined ? {} : {classifier: lib.classifier}),
          ...(type === undefined ? {} : {type}),
        }
  out.components.push(
    manifestComponent(file, {
      ecosystem: 'maven',
      name: `${lib.group}:${lib.artifact}`,
      version: exact,
      ref: written === undefined ? lib.written : `${lib.written}@${written}`,
      line: at.line,
      column: at.column,
      scope,
      direct: true,
      qualifiers,
    }),
  )
  if (written !== undefined && exact === undefined)
    out.skipped.push({
      file,
      line: at.line,
      reason: 'unresolved-version',
      message: `${lib.written}: version "${elide(written, 200)}" is ${isVersionRange(written) ? 'a range' : isMavenMetaVersion(written) ? 'a Maven meta-version' : 'not one exact version'}: listed without a version`,
    })
}

/** Words of an alias or profile name that make it the developers' own: tests, tooling, the REPL, builds. */
const DEV_WORDS = new Set(
  [
    'test tests testing dev development build bench benchmark benchmarks perf profile profiler profiling',
    'lint linter kondo eastwood kibit splint cljfmt fmt format zprint repl nrepl cider rebel rebl reveal portal',
    'flowstorm outdated antq ancient nvd coverage cloverage kaocha runner midje codox doc docs deploy install jar',
    'debug watch check ci',
  ]
    .join(' ')
    .split(' '),
)
/** Words of a name that ship: Leiningen's `:provided` (as Maven's provided scope), builds of what is shipped. */
const PROD_WORDS = new Set(['provided', 'uberjar', 'prod', 'production'])

/**
 * The scope of what an alias or a profile adds, by its name (namespace and name, split at `/ - . _`): dev when a
 * word says tests or tooling (`:test`, `:dev`, `:build`, `:lib-tests`, `:babashka/dev`), prod when one says it ships
 * (`:provided`, `:uberjar`, `:prod`), else optional (added only when someone asks for it by name).
 */
export function scopeOfName(name: string): Scope {
  const words = name.toLowerCase().split(/[/._-]/)
  if (words.some((word) => DEV_WORDS.has(word))) return 'dev'
  if (words.some((word) => PROD_WORDS.has(word))) return 'prod'
  return 'optional'
}

const CLOJARS = /^https?:\/\/(?:repo\.)?clojars\.org(?:\/|$)/

/**
 * An http(s) URL without its user information (a token, `user:password`): never echoed. An SSH URL's user (`git@`)
 * names an account, not a secret, and is kept.
 */
export function withoutCredentials(url: string): string {
  return /^https?:\/\//i.test(url) ? withoutUserinfo(url) : url
}

/**
 * A declared repository other than the defaults (Maven Central, Clojars): which libs it serves is not in the file,
 * so the libs stay listed without a repository; said once per URL, at its line. Only the URL is read (credentials
 * are never).
 */
export function repositoryNote(out: Output, file: string, name: string, url: Form, seen: Set<string>): void {
  if (url.kind !== 'string') return
  const bare = withoutCredentials(url.value)
  if (isPublicRegistry('maven', bare) || CLOJARS.test(bare) || seen.has(bare)) return
  seen.add(bare)
  out.skipped.push({
    file,
    line: url.line,
    reason: 'unsupported',
    message: `Maven repository "${elide(name, 100)}" (${elide(bare, 200)}) is declared beside Maven Central and Clojars and may serve any library: which it serves is not told (libraries are listed without a repository)`,
  })
}

/** What a form that is not literal data is, for a message. */
export function describeComputed(form: Form): string | undefined {
  if (form.kind === 'computed') {
    if (form.what === '#?' || form.what === '#?@') return `a reader conditional (${form.what}), which EDN has not`
    if (form.what === '~' || form.what === '~@') return `an unquoted expression (${form.what}) Leiningen evaluates`
    return `an expression (${form.what}) only Clojure evaluates`
  }
  if (form.kind === 'tagged') return `a tagged literal (#${elide(form.tag, 60)}) its reader's program decides`
  return undefined
}

export function entryError(out: Output, file: string, at: Form, message: string): undefined {
  out.errors.push(lockfileError(file, 'invalid-entry', message, at.line, at.column))
}

export function unsupported(out: Output, file: string, at: Form, message: string): undefined {
  out.skipped.push({file, line: at.line, reason: 'unsupported', message})
}

/** The value of a keyword key in a map form. */
export function get(map: Form, key: string): Form | undefined {
  if (map.kind !== 'map') return undefined
  for (const [k, v] of map.entries) if (k.kind === 'keyword' && k.value === key) return v
  return undefined
}

/** A form quoted in a message: its text when it has one, else its kind. */
export function shown(form: Form): string {
  if (form.kind === 'string') return `"${elide(form.value, 100)}"`
  if (form.kind === 'symbol' || form.kind === 'scalar') return elide(form.value, 100)
  if (form.kind === 'keyword') return `:${elide(form.value, 100)}`
  return `a ${form.kind}`
}
