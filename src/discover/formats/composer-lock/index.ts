import {posix} from 'node:path'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import {hasTopLevelKey} from '../../json-tree.js'
import type {Component, ScanError, Scope} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {isJsonObject, type JsonDocument, type JsonValue, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {elide} from '../../../core/elide.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {check, checkValue} from '../../checked.js'
import {kindOf} from '../../../core/value-kind.js'

const ComposerPackageCheck = check('composer-lock/ComposerPackage')

const SECTIONS: Array<[string, Scope]> = [
  ['packages', 'prod'],
  ['packages-dev', 'dev'],
]

export const discoverer: Discoverer = {
  id: 'composer-lock',
  description: 'PHP composer.lock (packages and packages-dev)',
  matches(file) {
    return /(^|\/)composer\.lock$/.test(file) && !/(^|\/)vendor\//.test(file)
  },
  identify: (head) => hasTopLevelKey(head, 'content-hash'),
  discover: ({file, text}, context) => discoverComposerLock(file, text, directNames(file, context)),
}

/** Fields we never read are pruned while parsing (paths hold object keys only: `packages/name`). */
function skipUnread(path: readonly string[]): boolean {
  return (
    path.length === 2 &&
    (path[0] === 'packages' || path[0] === 'packages-dev') &&
    !['name', 'version', 'source', 'dist'].includes(path[1])
  )
}

function readSection(
  file: string,
  document: JsonDocument,
  section: string,
  scope: Scope,
  components: Component[],
  errors: ScanError[],
  direct: ReadonlySet<string> | undefined,
): void {
  const root = document.root
  const packages = isJsonObject(root) ? (root[section] ?? []) : []
  if (!Array.isArray(packages)) {
    const at = document.topLevelKeys.get(section) ?? {line: 1, column: 1}
    errors.push(lockfileError(file, 'invalid-lockfile', `'${section}' must be an array`, at.line, at.column))
    return
  }
  packages.forEach((raw, index) => {
    const {line, column} = isJsonObject(raw)
      ? document.positionOf(raw)
      : (document.topLevelKeys.get(section) ?? {line: 1, column: 1})
    const entry = withStringVersion(raw)
    const problem = entryProblem(entry)
    const parsed = problem === undefined ? checkValue(ComposerPackageCheck, entry) : undefined
    if (!parsed?.success) {
      const why = problem ?? 'not a package entry Composer reads'
      errors.push(lockfileError(file, 'invalid-entry', `${section}[${index}]: ${why}`, line, column))
      return
    }
    const {name, version, dist, source} = parsed.data
    // `path` repositories are directories of the project (https://getcomposer.org/doc/05-repositories.md#path).
    const local = dist?.type === 'path' || source?.type === 'path'
    components.push(
      packageComponent(file, {
        ecosystem: 'composer',
        name,
        version,
        ref: `${name} ${version}`,
        line,
        column,
        scope,
        ...(direct === undefined ? {} : {direct: direct.has(name.toLowerCase())}),
        local,
        qualifiers: local ? undefined : (gitSource(source) ?? distSource(dist)),
      }),
    )
  })
}

/**
 * Composer's ArrayLoader (composer/composer src/Composer/Package/Loader/ArrayLoader.php `createObject`) takes any
 * scalar version and casts it: `if (!is_string($config['version'])) { $config['version'] = (string)
 * $config['version']; }` (`"version": 20180828` is the version "20180828"). A number is read so; a boolean, which
 * PHP would cast to "1" or "", is left to `entryProblem`, as is a number JavaScript writes with an exponent (PHP
 * does not write it the same way).
 */
function withStringVersion(raw: JsonValue): JsonValue {
  if (!isJsonObject(raw) || typeof raw.version !== 'number') return raw
  const version = String(raw.version)
  return Number.isFinite(raw.version) && !/e/i.test(version) ? {...raw, version} : raw
}

/**
 * Why Composer could not read a package entry, in its own terms (ArrayLoader: "Unknown package has no name defined",
 * "Package NAME has no version defined"); undefined when it can. The checks of ./schema.ts, with messages.
 */
function entryProblem(raw: JsonValue): string | undefined {
  if (!isJsonObject(raw)) return `${kindOf(raw)}, not a package object`
  if (raw.name === undefined) return 'a package without a name'
  if (typeof raw.name !== 'string') return `the package name is ${kindOf(raw.name)}, not a string`
  const name = elide(raw.name, 100)
  const version = raw.version
  if (version === undefined || version === null) return `package ${name} has no version`
  if (typeof version !== 'string') return `package ${name}: the version is ${kindOf(version)}, not a string or a number`
  for (const key of ['source', 'dist'] as const) {
    const reference = raw[key]
    if (reference === undefined) continue
    if (!isJsonObject(reference)) return `package ${name}: ${key} is ${kindOf(reference)}, not an object`
    if (typeof reference.type !== 'string') return `package ${name}: ${key} has no type (a string)`
    if (reference.url !== undefined && typeof reference.url !== 'string')
      return `package ${name}: ${key}.url is ${kindOf(reference.url)}, not a string`
    if (reference.reference !== undefined && reference.reference !== null && typeof reference.reference !== 'string')
      return `package ${name}: ${key}.reference is ${kindOf(reference.reference)}, not a string`
  }
  return undefined
}

/**
 * `direct`: the packages the root package requires (`require` and `require-dev` of the composer.json beside the lock,
 * names compared lower-cased as Composer does), which `composer show --direct` lists as such
 * (https://getcomposer.org/doc/03-cli.md#show-info). undefined when no readable composer.json is beside: the lock
 * itself does not tell. That file's own problems are the composer-json format's to report.
 */
export function discoverComposerLock(file: string, text: string, direct?: ReadonlySet<string>): DiscoverOutput {
  const read = readLockfileJson(file, text, {skip: skipUnread})
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, errors} = read
  const components: Component[] = []
  for (const [section, scope] of SECTIONS) readSection(file, document, section, scope, components, errors, direct)
  return {components, errors}
}

/** The names the composer.json beside the lock requires, lower-cased; undefined when it is missing or unreadable. */
function directNames(file: string, context: DiscoverContext): ReadonlySet<string> | undefined {
  const text = context.readText(posix.join(posix.dirname(file), 'composer.json'))
  if (text === null) return undefined
  let root: unknown
  try {
    root = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return undefined
  const names = new Set<string>()
  for (const key of ['require', 'require-dev']) {
    const links = (root as Record<string, unknown>)[key]
    if (typeof links === 'object' && links !== null && !Array.isArray(links))
      for (const name of Object.keys(links)) names.add(name.toLowerCase())
  }
  return names
}

/**
 * The repository the lock file says a package's source is (`source: {type: "git", url, reference}`, what
 * `composer install --prefer-source` clones) as purl `vcs_url`, `git+<url>@<reference>`: the vcs-url resolver maps a
 * forge's to its repository with no request, and the same for a fork a project installs from a VCS repository,
 * which Packagist would answer with the original. Sources of other kinds (hg, svn) are not named.
 */
function gitSource(
  source: {type: string; url?: string; reference?: string | null} | undefined,
): Record<string, string> | undefined {
  if (source?.type !== 'git' || !source.url) return undefined
  return {vcs_url: gitVcsUrl(source.url, source.reference)}
}

/** A GitHub archive (`https://api.github.com/repos/o/r/zipball/ref`, codeload's): owner, repository, reference. */
const GITHUB_ARCHIVE =
  /^https:\/\/(?:api\.github\.com\/repos|codeload\.github\.com)\/([A-Za-z0-9-]{1,39})\/([\w.-]{1,100})\/(?:zipball|tarball|zip|tar\.gz|legacy\.zip|legacy\.tar\.gz)\/([^/?#\s]{1,255})$/
/** Forges whose archives of a public package Packagist knows by its name. */
const FORGE_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'api.bitbucket.org'])

/**
 * A package the lock file names no git source for (`composer install --prefer-dist`): its `dist` archive. A GitHub
 * archive names its repository (purl `vcs_url`, as a git source would); an archive of another forge is left to
 * Packagist; an archive anywhere else (a Satis or Private Packagist repository, a company's server,
 * packages.drupal.org) is that package's `download_url`, so Packagist is not asked about a name it may not be
 * serving (resolve/support.ts otherSource).
 */
function distSource(
  dist: {type: string; url?: string; reference?: string | null} | undefined,
): Record<string, string> | undefined {
  if (dist?.url === undefined || !/^(zip|tar|gzip|xz|rar|phar)$/.test(dist.type)) return undefined
  const archive = GITHUB_ARCHIVE.exec(dist.url)
  if (archive) return {vcs_url: gitVcsUrl(`https://github.com/${archive[1]}/${archive[2]}.git`, archive[3])}
  let host: string
  try {
    host = new URL(dist.url).hostname.toLowerCase()
  } catch {
    return undefined
  }
  return FORGE_HOSTS.has(host) ? undefined : {download_url: dist.url}
}
