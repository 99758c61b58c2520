/**
 * Which index a Python package comes from, as a purl qualifier (uv.lock, poetry.lock, Pipfile.lock, pip's
 * `--index-url`). PyPI (its simple index, its JSON API, the host of its files) needs none; another index is the
 * purl's `repository_url`, and resolvers never ask PyPI or deps.dev about such a package by its name
 * (resolve/support.ts otherSource): a project of the same name on PyPI is another project.
 */
import {isPublicRegistry} from '../../core/public-registries.js'

/** `{repository_url}` for an index other than PyPI; undefined for PyPI or no index. */
export function indexQualifiers(index: string | undefined): Record<string, string> | undefined {
  const base = index?.trim().replace(/\/+$/, '')
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

/** A PEP 508 direct reference (`name @ url`): git and other VCS as `vcs_url`, `file:` as local, a URL as `download_url`. */
export function directReference(url: string): PackageWhere {
  if (/^(?:git|hg|svn|bzr)\+/.test(url)) return {qualifiers: {vcs_url: url}}
  if (url.startsWith('file:')) return {local: true}
  return {qualifiers: downloadQualifiers(url)}
}
