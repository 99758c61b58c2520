/**
 * R `renv.lock` (renv 0.x and 1.x; https://rstudio.github.io/renv/reference/lockfiles.html, renv's
 * inst/schema/draft-07.renv.lock.schema.json): JSON, `R.Repositories` (`[{Name, URL}]`, the repositories packages
 * were installed from) and `Packages` (name → record: `Package`, `Version`, `Source` and, by source, `Repository` or
 * the `Remote*` fields remotes/pak/renv write). By `Source` (renv R/snapshot.R `renv_snapshot_description_source`,
 * R/remotes.R):
 * - `Repository` (and `CRAN`, which renv's packrat/rsconnect conversion and early renv wrote): the repository its
 *   `Repository` names in `R.Repositories`, or the URL it holds itself (renv writes `RemoteRepos` there for a
 *   repository the project does not list). With no `Repository`, renv installs from its repositories in order: CRAN
 *   when all of them are CRAN (or none is listed, renv's default), the one when only one is listed, else not known.
 *   CRAN, its cloud and RStudio mirrors, and Posit Package Manager's CRAN repositories (dated snapshots of CRAN,
 *   `packagemanager.posit.co/cran/2024-01-15`) are CRAN (core/public-registries.ts): `pkg:cran/<name>@<version>`.
 *   Any other repository (an r-universe, a company's Package Manager or drat) is its own: purl `repository_url`,
 *   never looked up on CRAN. A repository name the lockfile does not list is that record's `RemoteRepos` URL (pak's and
 *   remotes' record of where it installed from) when it has one, else a preference only: renv installs from the
 *   listed repositories, by the rule for no `Repository`. `Source` is read without case, as renv reads it.
 * - `GitHub`, `GitLab`, `Bitbucket` (`RemoteHost`, `RemoteUsername`, `RemoteRepo`, `RemoteSha`) and `git`
 *   (`RemoteUrl`, `RemoteSha` when renv knew it): as mix.lock's git dependencies, a `generic` package named by the
 *   repository (`github.com/o/x`), version the commit, purl `vcs_url` (lockfile-support/git-package.ts).
 * - `Bioconductor`: ecosystem `generic` (stewards has no Bioconductor ecosystem), purl
 *   `pkg:bioconductor/<name>@<version>` (purl-spec's registered type); not looked up.
 * - `Local`, `Cellar`, `URL`, `unknown` and any other source: not a registry's package; said once per file
 *   (`unsupported`, with their names), not listed.
 * `direct`: renv.lock does not say. When a `DESCRIPTION` is beside it (a package project, or renv's "explicit"
 * snapshots), its Imports, Depends and LinkingTo are direct (prod), Suggests direct (dev), the rest transitive;
 * without one, `direct` is left out. Locations: the record's key.
 */
import {purlString} from '../../../core/purl-string.js'
import type {Component, Scope, ScanError, Skipped} from '../../../core/model.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {hasTopLevelKey} from '../../json-tree.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {gitPackageComponent} from '../../lockfile-support/git-package.js'
import {isJsonObject, type JsonObject, type JsonValue, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {type DeclaredDependencies, R_PACKAGE_NAME, readDescription} from './description.js'

export const discoverer: Discoverer = {
  id: 'renv-lock',
  description: 'R renv.lock (renv 0.x and 1.x: CRAN and other repositories, Bioconductor, git remotes)',
  matches(file) {
    // Not the lockfiles of packages installed into renv's project library.
    return /(^|\/)renv\.lock$/.test(file) && !/(^|\/)renv\/(library|staging|sandbox)\//.test(file)
  },
  identify: (head) => hasTopLevelKey(head, 'Packages') && head.includes('"Package"'),
  discover: ({file, text}, context) => discoverRenvLock(file, text, context),
}

/** R package versions: digits with `.` or `-` (`1.2-5`, `0.14.0-69`); development versions add more parts. */
const VERSION = /^[0-9][0-9A-Za-z.+_-]{0,63}$/
const SHA = /^[0-9a-f]{7,64}$/i
/** A forge user or group (GitLab groups nest: `group/subgroup`) and a repository name. */
const OWNER = /^[A-Za-z0-9_.-]{1,100}(?:\/[A-Za-z0-9_.-]{1,100}){0,8}$/
const REPO = /^[A-Za-z0-9_.-]{1,100}$/
const HOST = /^[A-Za-z0-9.-]{1,253}(?::[0-9]{1,5})?$/

/** `Source` values as renv writes them, by their lower case (renv reads them so: `Git` from remotes::install_git). */
const SOURCES: Readonly<Record<string, string>> = {
  repository: 'Repository',
  cran: 'CRAN',
  bioconductor: 'Bioconductor',
  github: 'GitHub',
  gitlab: 'GitLab',
  bitbucket: 'Bitbucket',
  git: 'git',
}

/** A `Repository` that is Bioconductor's (`BioC`, `BioCsoft`, as renv names Bioconductor's repositories). */
function isBioconductorName(repository: JsonValue | undefined): boolean {
  return typeof repository === 'string' && /^bioc/i.test(repository.trim())
}

/** The forge a `Source` names, and its host when `RemoteHost` does not say. */
const FORGES: Readonly<Record<string, string>> = {
  GitHub: 'github.com',
  GitLab: 'gitlab.com',
  Bitbucket: 'bitbucket.org',
}
/** API hosts remotes writes as RemoteHost, and the forge's own host. */
const API_HOSTS: Readonly<Record<string, string>> = {
  'api.github.com': 'github.com',
  'api.bitbucket.org': 'bitbucket.org',
}

/** What discover returns, every list present. */
export interface Output extends DiscoverOutput {
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
}

interface Repositories {
  byName: Map<string, string>
  urls: string[]
}

export function discoverRenvLock(file: string, text: string, context?: DiscoverContext): Output {
  const read = readLockfileJson(file, text)
  if (!read.ok) return {components: [], skipped: [], errors: read.errors}
  const {document, root} = read
  const out: Output = {components: [], skipped: [], errors: read.errors}
  const at = (key: string) => document.topLevelKeys.get(key) ?? {line: 1, column: 1}
  const repositories = readRepositories(file, root.R, document.positionOf, out)
  const packages = root.Packages
  if (packages === undefined) {
    const {line, column} = at('R')
    out.errors.push(lockfileError(file, 'invalid-lockfile', "no 'Packages' object: not an renv.lock", line, column))
    return out
  }
  if (!isJsonObject(packages)) {
    const {line, column} = at('Packages')
    out.errors.push(lockfileError(file, 'invalid-lockfile', "'Packages' must be an object", line, column))
    return out
  }
  const declared = declaredDependencies(file, context)
  const notFromRegistry: string[] = []
  let firstLine: number | undefined
  for (const [key, raw] of Object.entries(packages)) {
    const position = isJsonObject(raw) ? document.positionOf(raw) : at('Packages')
    const where = `Packages["${key.slice(0, 100)}"]`
    if (!isJsonObject(raw)) {
      out.errors.push(
        lockfileError(file, 'invalid-entry', `${where}: must be an object`, position.line, position.column),
      )
      continue
    }
    const name = raw.Package ?? key
    // renv compares sources without case (R/records.R), and a record without one that names a repository is one.
    const source =
      typeof raw.Source === 'string'
        ? (SOURCES[raw.Source.toLowerCase()] ?? raw.Source)
        : raw.Source === undefined
          ? raw.Repository === undefined
            ? 'unknown'
            : 'Repository'
          : raw.Source
    if (typeof name !== 'string' || !R_PACKAGE_NAME.test(name) || typeof source !== 'string') {
      const message = `${where}: expected "Package" (an R package name) and "Source" (a string)`
      out.errors.push(lockfileError(file, 'invalid-entry', message, position.line, position.column))
      continue
    }
    const direct = declared === undefined ? undefined : declared.prod.has(name) || declared.dev.has(name)
    const scope: Scope | undefined = declared?.prod.has(name) ? 'prod' : declared?.dev.has(name) ? 'dev' : undefined
    const entry = {name, record: raw, where, line: position.line, column: position.column, direct, scope}
    if ((source === 'Repository' || source === 'CRAN') && !isBioconductorName(raw.Repository))
      repositoryEntry(file, out, entry, source, repositories)
    else if (source === 'Bioconductor' || source === 'Repository') bioconductorEntry(file, out, entry)
    else if (Object.hasOwn(FORGES, source) || source === 'git') gitEntry(file, out, entry, source)
    else {
      notFromRegistry.push(`${name} (${source.slice(0, 40)})`)
      firstLine ??= position.line
    }
  }
  if (notFromRegistry.length > 0)
    out.skipped.push({
      file,
      line: firstLine,
      reason: 'unsupported',
      message: `${notFromRegistry.length} package(s) not installed from a repository or a git remote, not listed: ${notFromRegistry.slice(0, 20).join(', ')}${notFromRegistry.length > 20 ? ', ...' : ''}`,
    })
  return out
}

interface Entry {
  name: string
  record: JsonObject
  where: string
  line: number
  column: number
  direct: boolean | undefined
  scope: Scope | undefined
}

/** `R.Repositories`: `[{Name, URL}]` (renv also reads an object of name → URL, as `lockfile_modify` may leave it). */
function readRepositories(
  file: string,
  r: JsonValue | undefined,
  positionOf: (value: JsonObject | JsonValue[]) => {line: number; column: number},
  out: Output,
): Repositories {
  const repositories: Repositories = {byName: new Map(), urls: []}
  if (!isJsonObject(r) || r.Repositories === undefined) return repositories
  const list = r.Repositories
  const add = (name: unknown, url: unknown, at: {line: number; column: number}) => {
    if (typeof name !== 'string' || typeof url !== 'string' || url.trim() === '') {
      const message = 'R.Repositories: each repository needs a "Name" and a "URL" (strings)'
      out.errors.push(lockfileError(file, 'invalid-entry', message, at.line, at.column))
      return
    }
    // `@CRAN@`: R's placeholder for the CRAN mirror the user picks (R's `repos` option): CRAN.
    const trimmed = url.trim() === '@CRAN@' ? 'https://cloud.r-project.org' : url.trim()
    if (!repositories.byName.has(name)) repositories.byName.set(name, trimmed)
    repositories.urls.push(trimmed)
  }
  if (Array.isArray(list)) {
    for (const item of list) {
      if (isJsonObject(item)) add(item.Name, item.URL, positionOf(item))
      else add(undefined, undefined, positionOf(r))
    }
  } else if (isJsonObject(list)) {
    for (const [name, url] of Object.entries(list)) add(name, url, positionOf(list))
  } else {
    const {line, column} = positionOf(r)
    out.errors.push(lockfileError(file, 'invalid-lockfile', "'R.Repositories' must be an array", line, column))
  }
  return repositories
}

function versionOf(file: string, out: Output, entry: Entry): string | undefined {
  const version = entry.record.Version
  if (typeof version === 'string' && VERSION.test(version)) return version
  const message = `${entry.where}: "Version" must be an R package version`
  out.errors.push(lockfileError(file, 'invalid-entry', message, entry.line, entry.column))
  return undefined
}

function repositoryEntry(file: string, out: Output, entry: Entry, source: string, repositories: Repositories): void {
  const version = versionOf(file, out, entry)
  if (version === undefined) return
  const named = entry.record.Repository ?? (source === 'CRAN' ? 'CRAN' : undefined)
  let url: string | undefined
  if (typeof named === 'string' && named.trim() !== '') {
    // renv writes the repository's URL itself when the project does not list it (RemoteRepos).
    url = /^[a-z][a-z0-9+.-]*:\/\//i.test(named) ? named.trim() : repositories.byName.get(named)
    // pak and remotes record where they installed from (`RemoteRepos`), when the lockfile does not list the name.
    const remoteRepos = entry.record.RemoteRepos
    if (url === undefined && typeof remoteRepos === 'string' && /^https?:\/\/[^\s,]+$/i.test(remoteRepos.trim()))
      url = remoteRepos.trim()
  }
  // No repository, or a name R.Repositories does not list (`RSPM`, `CRAN` beside a Package Manager): a preference
  // only; renv installs from the repositories the lockfile lists (R/available-packages.R), as for no name at all.
  if (url === undefined) url = installedFrom(repositories)
  if (url === undefined) {
    const why =
      typeof named === 'string' && named.trim() !== ''
        ? `comes from the R repository "${named.slice(0, 100)}", which R.Repositories does not list, and it lists several beside CRAN`
        : 'names no repository, and R.Repositories lists several beside CRAN'
    out.skipped.push({
      file,
      line: entry.line,
      reason: 'unsupported',
      message: `${entry.where}: ${entry.name}@${version} ${why}: not listed as a CRAN package`,
    })
    return
  }
  out.components.push(
    packageComponent(file, {
      ecosystem: 'cran',
      name: entry.name,
      version,
      ref: entry.name,
      line: entry.line,
      column: entry.column,
      scope: entry.scope,
      direct: entry.direct,
      qualifiers: isPublicRegistry('cran', url) ? undefined : {repository_url: url},
    }),
  )
}

/** Where renv installs a package from without a repository of its own: CRAN when all listed are CRAN, else the one listed. */
function installedFrom(repositories: Repositories): string | undefined {
  if (repositories.urls.every((candidate) => isPublicRegistry('cran', candidate)))
    return repositories.urls[0] ?? 'https://cloud.r-project.org'
  return repositories.urls.length === 1 ? repositories.urls[0] : undefined
}

function bioconductorEntry(file: string, out: Output, entry: Entry): void {
  const version = versionOf(file, out, entry)
  if (version === undefined) return
  const component = {kind: 'package', ecosystem: 'generic', name: entry.name, version} as Component
  component.purl = purlString('bioconductor', undefined, entry.name, version, undefined, undefined)
  component.ref = entry.name
  if (entry.scope !== undefined) component.scope = entry.scope
  if (entry.direct !== undefined) component.direct = entry.direct
  component.origin = 'lockfile'
  component.locations = [{file, line: entry.line, column: entry.column}]
  out.components.push(component)
}

function gitEntry(file: string, out: Output, entry: Entry, source: string): void {
  const {record} = entry
  const sha = typeof record.RemoteSha === 'string' && SHA.test(record.RemoteSha) ? record.RemoteSha : undefined
  const url = source === 'git' ? gitUrl(record.RemoteUrl) : forgeUrl(source, record)
  if (url === undefined) {
    const fields = source === 'git' ? '"RemoteUrl"' : '"RemoteUsername" and "RemoteRepo" (and a "RemoteHost")'
    const message = `${entry.where}: a ${source} remote needs ${fields}`
    out.errors.push(lockfileError(file, 'invalid-entry', message, entry.line, entry.column))
    return
  }
  out.components.push(
    gitPackageComponent(file, {
      url,
      rev: sha,
      ref: entry.name,
      line: entry.line,
      column: entry.column,
      scope: entry.scope,
      direct: entry.direct,
    }),
  )
}

function gitUrl(value: JsonValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined
  const url = value.trim()
  return url === '' || url.length > 2048 || /\s/.test(url) ? undefined : url
}

/** `https://<host>/<user>/<repo>` of a GitHub, GitLab or Bitbucket remote (an Enterprise host from `RemoteHost`). */
function forgeUrl(source: string, record: JsonObject): string | undefined {
  const {RemoteHost: given, RemoteUsername: owner, RemoteRepo: repo} = record
  if (typeof owner !== 'string' || !OWNER.test(owner) || typeof repo !== 'string' || !REPO.test(repo)) return undefined
  let host = FORGES[source]
  if (typeof given === 'string' && given.trim() !== '') {
    // `api.github.com`, `https://github.example.com/api/v3`, `api.bitbucket.org/2.0`, `gitlab.com`.
    const bare = given.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    const slash = bare.indexOf('/')
    const named = (slash >= 0 ? bare.slice(0, slash) : bare).toLowerCase()
    if (!HOST.test(named)) return undefined
    host = API_HOSTS[named] ?? named
  }
  return `https://${host}/${owner}/${repo.replace(/\.git$/, '')}`
}

/** Imports/Depends/LinkingTo and Suggests of the `DESCRIPTION` beside the lockfile; undefined without one. */
function declaredDependencies(file: string, context: DiscoverContext | undefined): DeclaredDependencies | undefined {
  // A profile's lockfile (`renv/profiles/<name>/renv.lock`) is the project's, whose DESCRIPTION is at its root.
  const profile = /(^|\/)renv\/profiles\/[^/]+\/renv\.lock$/.exec(file)
  const slash = file.lastIndexOf('/')
  const dir = profile ? file.slice(0, profile.index + profile[1].length) : slash >= 0 ? file.slice(0, slash + 1) : ''
  const text = context?.readText(`${dir}DESCRIPTION`)
  if (!text || text.length > 1_000_000) return undefined
  return readDescription(text)
}
