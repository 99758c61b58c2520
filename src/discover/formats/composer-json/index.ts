/**
 * PHP Composer's `composer.json` (https://getcomposer.org/doc/04-schema.md): what a package or an application
 * declares, `require` and `require-dev`. Libraries usually commit no composer.lock (composer-lock reads the lock files
 * of those that do; both are listed when both are there). Read with the shared JSON reader; the line and column of a
 * requirement are its key's (../../lockfile-support/json-key-positions.ts). `repositories` say where a package comes from when it is not
 * Packagist (./repositories.ts).
 */
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {isJsonObject, type JsonObject, type JsonValue, readLockfileJson} from '../../lockfile-support/json-reader.js'
import type {Position} from '../../../core/line-index.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {exactVersion, isComposerName, isPlatformPackage} from './constraint.js'
import {keyPositions} from '../../lockfile-support/json-key-positions.js'
import {originOf, type Repositories, readRepositories, repositoryNotes} from './repositories.js'

export const discoverer: Discoverer = {
  id: 'composer-json',
  description: 'PHP composer.json: require and require-dev; path, package and private Composer repositories',
  matches(file) {
    return /(^|\/)composer\.json$/.test(file) && !/(^|\/)(vendor|node_modules)\//.test(file)
  },
  discover: ({file, text}, context) => discoverComposerJson(file, text, context),
}

/** The link sections that are dependencies, and their scopes (`suggest`, `provide`, `replace`, `conflict` are not). */
const KINDS: ReadonlyArray<{key: string; scope: Scope}> = [
  {key: 'require', scope: 'prod'},
  {key: 'require-dev', scope: 'dev'},
]

/** The top-level objects whose keys are placed (a repository written `"name": false` is a key with no object). */
const PLACED = new Set(['require', 'require-dev', 'repositories'])

interface Out {
  file: string
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
  /** The file's own name, lower-cased: a package does not require itself. */
  self: string | undefined
  repos: Repositories
  /** Packages listed without a repository the file names. */
  unattributed: number
}

export function discoverComposerJson(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  const read = readLockfileJson(file, text, {duplicateMatters})
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root} = read
  const keys = [...PLACED].some((key) => isJsonObject(root[key])) ? keyPositions(text, PLACED) : new Map()
  const repos = readRepositories(file, root, document, keys.get('repositories'), context)
  const out: Out = {
    file,
    components: [],
    skipped: repos.skipped,
    errors: [...read.errors, ...repos.errors],
    self: typeof root.name === 'string' ? root.name.toLowerCase() : undefined,
    repos,
    unattributed: 0,
  }
  for (const {key, scope} of KINDS) {
    const at = document.topLevelKeys.get(key) ?? {line: 1, column: 1}
    requirements(out, key, root[key], at, keys.get(key), scope)
  }
  out.skipped.push(...repositoryNotes(file, repos, out.unattributed))
  return {components: out.components, skipped: out.skipped, errors: out.errors}
}

/**
 * Composer reads composer.json with json_decode, the last of a key written twice winning, as here (and `composer
 * validate` only warns). A key written twice is an error only where it changes what is listed: a requirement of a
 * package (not of the platform: symfony/phpunit-bridge writes `php` three times on purpose), a repository, or one of
 * those sections itself.
 */
function duplicateMatters(path: readonly string[]): boolean {
  const [section, name] = path
  if (section !== 'require' && section !== 'require-dev' && section !== 'repositories') return false
  return path.length === 1 || section === 'repositories' || (path.length === 2 && !isPlatformPackage(name))
}

function requirements(
  out: Out,
  key: string,
  holder: JsonValue | undefined,
  at: Position,
  positions: Map<string, Position> | undefined,
  scope: Scope,
): void {
  // PHP writes an empty object as `[]`, and Composer takes either.
  if (holder === undefined || (Array.isArray(holder) && holder.length === 0)) return
  if (!isJsonObject(holder)) {
    out.errors.push(lockfileError(out.file, 'invalid-entry', `'${key}' must be an object`, at.line, at.column))
    return
  }
  for (const [written, constraint] of Object.entries(holder as JsonObject))
    requirement(out, key, written, constraint, positions?.get(written) ?? at, scope)
}

/** One `"vendor/package": "constraint"`. */
function requirement(out: Out, key: string, written: string, constraint: JsonValue, at: Position, scope: Scope): void {
  // PHP, its extensions and libraries, Composer's APIs: the machine's, not a repository's.
  if (isPlatformPackage(written)) return
  const name = written.toLowerCase()
  if (name === out.self) return
  const fail = (message: string): void => {
    out.errors.push(
      lockfileError(out.file, 'invalid-entry', `${key}.${elide(written, 200)}: ${message}`, at.line, at.column),
    )
  }
  if (!isComposerName(name)) {
    fail('not a Composer package name (vendor/package)')
    return
  }
  if (typeof constraint !== 'string' || constraint.trim() === '') {
    fail('the version constraint must be a non-empty string')
    return
  }
  const version = exactVersion(constraint)
  const origin = originOf(out.repos, name, version)
  if (origin === undefined) out.unattributed++
  out.components.push(
    manifestComponent(out.file, {
      ecosystem: 'composer',
      name,
      version,
      ref: `${written} ${constraint}`,
      line: at.line,
      column: at.column,
      scope,
      direct: true,
      ...(origin?.local ? {local: true} : {}),
      ...(origin?.qualifiers ? {qualifiers: origin.qualifiers} : {}),
    }),
  )
}
