import {purlString} from '../../core/purl-string.js'
import type {Component, Origin, Scope} from '../../core/model.js'
import {gitVcsUrl, scpToSshUrl} from './purl.js'

/**
 * A dependency a lockfile pins to a commit of a git repository and names by nothing but that repository (mix.lock's
 * and rebar.lock's git dependencies, and git submodules, whose commit .gitmodules does not hold: `rev` absent): a
 * `generic` package (purl-spec's type for what no registry serves) named by
 * the repository's URL without scheme, credentials and `.git` (`github.com/o/x`), version the commit, purl
 * `pkg:generic/github.com/o/x@sha?vcs_url=git+URL@sha` (scp-like `git@host:path` as `ssh://git@host/path`), as
 * pre-commit's hook repositories: the vcs-url resolver names that repository with no request. `ref` is the name the
 * lockfile gives it.
 */
export function gitPackageComponent(
  file: string,
  entry: {
    url: string
    rev?: string
    ref: string
    line: number
    column: number
    scope?: Scope
    direct?: boolean
    /** `lockfile` unless said (pre-commit's hook repositories are a manifest's). */
    origin?: Origin
  },
): Component {
  const url = scpToSshUrl(entry.url)
  const name = repositoryName(url)
  const slash = name.lastIndexOf('/')
  const component = {kind: 'package', ecosystem: 'generic', name} as Component
  if (entry.rev !== undefined) component.version = entry.rev
  try {
    component.purl = purlString(
      'generic',
      slash > 0 ? name.slice(0, slash) : undefined,
      name.slice(slash + 1),
      entry.rev,
      {vcs_url: gitVcsUrl(url, entry.rev)},
      undefined,
    )
  } catch {
    // No purl for what purl-spec refuses; the component is still listed.
  }
  component.ref = entry.ref
  if (entry.scope !== undefined) component.scope = entry.scope
  if (entry.direct !== undefined) component.direct = entry.direct
  component.origin = entry.origin ?? 'lockfile'
  component.locations = [{file, line: entry.line, column: entry.column}]
  return component
}

/**
 * The name of a repository (or a file) by its URL: host and path, without scheme, user information (credentials),
 * query, fragment, a trailing `/` or `.git`, and the port it is reached on (`https://u:p@git.example.org:8443/team/tool.git?x`
 * is `git.example.org/team/tool`); an scp-like `host:path` as `host/path`. The one rule of the formats that name a
 * package by where it is fetched from (pre-commit, mix.lock, rebar.lock, flake.lock, git submodules).
 */
export function repositoryName(url: string): string {
  const name = scpToSshUrl(url)
    .replace(/^[a-z][a-z0-9+.-]*:(?:\/\/)?/i, '')
    .replace(/[?#].*$/, '')
    .replace(/^[^@/]*@/, '')
  let end = name.length
  while (end > 0 && name[end - 1] === '/') end--
  const trimmed = name
    .slice(0, end)
    .replace(/\.git$/, '')
    .replace(/^([^/:]+):\d+(?=\/|$)/, '$1')
  return trimmed.replace(/^([^/:]+):/, '$1/') || url
}
