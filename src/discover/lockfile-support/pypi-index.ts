/**
 * Which index a Python package comes from, as a purl qualifier (uv.lock, poetry.lock, Pipfile.lock, pip's
 * `--index-url`). PyPI (its simple index, its JSON API, the host of its files) needs none; another index is the
 * purl's `repository_url`, and resolvers never ask PyPI or deps.dev about such a package by its name
 * (resolve/support.ts otherSource): a project of the same name on PyPI is another project.
 */
import type {Scope} from '../../core/model.js'
import {isPublicRegistry} from '../../core/public-registries.js'
import type {PackageEntry} from './component.js'
import type {BroadestScope} from './scope.js'
import {trimEnd} from '../../core/trim-end.js'

/** `{repository_url}` for an index other than PyPI; undefined for PyPI or no index. */
export function indexQualifiers(index: string | undefined): Record<string, string> | undefined {
  const base = index === undefined ? undefined : trimEnd(index.trim(), '/')
  if (base === undefined || base === '' || isPublicRegistry('pypi', base)) return undefined
  return {repository_url: base}
}

/** `{download_url}` for a distribution named by URL (`name @ https://...`, uv's and Poetry's `url` sources). */
export function downloadQualifiers(url: string | undefined): Record<string, string> | undefined {
  return url === undefined || url === '' ? undefined : {download_url: url}
}

/** Where a package comes from when its requirement says: purl qualifiers, or a local package (no purl). */
export interface PackageWhere {
  qualifiers?: Record<string, string>
  local?: boolean
}

/**
 * A PEP 508 direct reference (`name @ url`): git and other VCS as `vcs_url`, `file:` as local, a URL as `download_url`;
 * pip's fragment metadata (`#egg=`, `#subdirectory=`) is not part of the URL (splitPipUrl).
 */
export function directReference(written: string): PackageWhere {
  const url = splitPipUrl(written).url
  if (/^(?:git|hg|svn|bzr)\+/.test(url)) return {qualifiers: {vcs_url: url}}
  if (url.startsWith('file:')) return {local: true}
  return {qualifiers: downloadQualifiers(url)}
}

/**
 * A URL's fragment as pip reads it: `#egg=name` and `#subdirectory=path` are pip's metadata, not part of the VCS or
 * download URL (https://pip.pypa.io/en/stable/topics/vcs-support/; pip's `Link.egg_fragment` reads `[#&]egg=`, and
 * its VCS backends drop the fragment before cloning), so they are taken out of the URL a purl carries.
 */
/** A requirement URL without pip's fragment metadata, and that metadata. */
export interface PipUrl {
  /** The URL as pip fetches it: the fragment without `egg=` and `subdirectory=` (other parts, a hash, are kept). */
  url: string
  /** `#egg=`: the project name, when it starts like one. */
  egg?: string
  /** `#subdirectory=`: the project's folder in the repository or archive. */
  subdirectory?: string
}

const EGG_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*/

export function splitPipUrl(written: string): PipUrl {
  const hash = written.indexOf('#')
  if (hash < 0) return {url: written}
  const kept: string[] = []
  let egg: string | undefined
  let subdirectory: string | undefined
  for (const part of written.slice(hash + 1).split('&')) {
    if (part.startsWith('egg=')) egg = EGG_NAME.exec(part.slice(4))?.[0]
    else if (part.startsWith('subdirectory=')) subdirectory = part.slice(13) || undefined
    else if (part !== '') kept.push(part)
  }
  const url = `${written.slice(0, hash)}${kept.length > 0 ? `#${kept.join('&')}` : ''}`
  return {url, ...(egg === undefined ? {} : {egg}), ...(subdirectory === undefined ? {} : {subdirectory})}
}

/** A package a Python lock (pdm.lock, pylock.toml) locks, as its format read it. */
export interface LockedPypiPackage extends PackageWhere {
  /** The name as written (the ref's); `name` is its normalized form. */
  written: string
  name: string
  version?: string
  line: number
  scope?: Scope
  direct?: boolean
  /** What else tells two locked packages of one name, version and qualifiers apart (a local path). */
  place?: string
}

/** One locked Python package into a lock's entries: the same package, version and source once, its broadest scope. */
export function addLockedPypiPackage(entries: BroadestScope<PackageEntry>, locked: LockedPypiPackage): void {
  const {written, name, version, qualifiers} = locked
  entries.add([name, version ?? '', JSON.stringify(qualifiers ?? null), locked.place ?? ''].join('\n'), {
    ecosystem: 'pypi',
    name,
    version,
    ref: version === undefined ? written : `${written} ${version}`,
    line: locked.line,
    column: 1,
    scope: locked.scope,
    direct: locked.direct,
    local: locked.local,
    qualifiers,
  })
}
