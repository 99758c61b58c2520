/**
 * Where a Buildkite plugin comes from, as the agent reads its name
 * (https://buildkite.com/docs/pipelines/integrations/plugins/using, "Plugin sources"). Written by hand after the
 * agent's own code, which no library carries: buildkite/go-pipeline plugin.go `FullSource` (what a short name
 * stands for) and buildkite/agent agent/plugin/plugin.go `CreatePlugin` and `Repository` (the URL it clones):
 * - a path (`/…`, `.…`, `\…`) or a `file://` URL is a plugin on the agent's machine or in the repository itself;
 * - a URL with a scheme (`https://`, `ssh://`, `git://`) is used as written: on github.com and bitbucket.org the
 *   repository is its first two path segments (the rest a folder in it), on gitlab.com the whole path, elsewhere the
 *   path up to the first segment ending in `.git`;
 * - `name` is github.com/buildkite-plugins/name-buildkite-plugin, `org/name` github.com/org/name-buildkite-plugin
 *   (the suffix is added as written, even to a name that has it), three segments or more (`github.com/o/r`) a
 *   location cloned over https, read as a URL is;
 * - what follows `#` is the version (a tag, branch or commit); none, or an empty one, is the default branch;
 * - `git@host:path` is refused by the agent (Go's url.Parse: "first path segment in URL cannot contain colon").
 * User information in a URL (`https://TOKEN@host/…`) is a credential: never kept, never in a message.
 */

export type PluginSource =
  | {kind: 'local'}
  | {kind: 'invalid'; why: string}
  /** `url` is the repository as the agent clones it, without user information; `version` '' for none. */
  | {kind: 'repository'; url: string; version: string; written: string}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i

export function pluginSource(source: string): PluginSource {
  const hash = source.indexOf('#')
  const location = hash < 0 ? source : source.slice(0, hash)
  const version = hash < 0 ? '' : source.slice(hash + 1)
  if (version.includes('#')) return {kind: 'invalid', why: 'has more than one #'}
  if (/^[/.\\]/.test(location)) return {kind: 'local'}
  const scheme = SCHEME.exec(location)?.[1]
  // A Windows path (`C:\plugins\x`, `C:/plugins/x`) parses as a one-letter scheme: a path on the agent's machine.
  if (scheme !== undefined && (scheme.toLowerCase() === 'file' || /^[a-z]:[\\/]/i.test(location)))
    return {kind: 'local'}
  if (scheme !== undefined) return schemeSource(location, scheme, version)
  const parts = location.split('/')
  if (parts[0].includes(':')) return {kind: 'invalid', why: 'is neither a URL nor a name (write ssh://user@host/path)'}
  if (location === '' || parts.some((part) => part === ''))
    return {kind: 'invalid', why: 'names no plugin (an empty part in its name)'}
  const named =
    parts.length === 1
      ? `github.com/buildkite-plugins/${parts[0]}-buildkite-plugin`
      : parts.length === 2
        ? `github.com/${parts[0]}/${parts[1]}-buildkite-plugin`
        : location
  return repositoryAt('https', named, version, source)
}

/** `scheme://[user@]host/path`: the user information is left out of what is kept (a token or a login). */
function schemeSource(location: string, scheme: string, version: string): PluginSource {
  const rest = location.slice(scheme.length + 1)
  if (!rest.startsWith('//')) return {kind: 'invalid', why: `names no location after ${scheme}:`}
  const authorityEnd = rest.indexOf('/', 2)
  const authority = authorityEnd < 0 ? rest.slice(2) : rest.slice(2, authorityEnd)
  const path = authorityEnd < 0 ? '' : rest.slice(authorityEnd)
  const at = authority.lastIndexOf('@')
  const host = at < 0 ? authority : authority.slice(at + 1)
  // An ssh login is a user name (`git`), kept as git needs it; any other scheme's user information is a credential.
  const user =
    at > 0 && scheme.toLowerCase() === 'ssh' && !authority.slice(0, at).includes(':') ? authority.slice(0, at) : ''
  const written = `${scheme}://${user ? `${user}@` : ''}${host}${path}${version ? `#${version}` : ''}`
  return repositoryAt(scheme, `${host}${path}`, version, written, user)
}

/** agent/plugin/plugin.go constructRepositoryHost: which part of the location is the repository. */
function repositoryAt(scheme: string, location: string, version: string, written: string, user = ''): PluginSource {
  const parts = location.split('/')
  if (location === '' || parts.length < 2 || parts[0] === '')
    return {kind: 'invalid', why: 'names no repository (a host and a path are needed)'}
  let repository: string[]
  const host = parts[0].toLowerCase()
  if (host === 'github.com' || host === 'bitbucket.org' || host === 'gitlab.com') {
    if (parts.length < 3) return {kind: 'invalid', why: `names no repository on ${host} (owner and name are needed)`}
    repository = host === 'gitlab.com' ? parts : parts.slice(0, 3)
  } else {
    const git = parts.findIndex((part) => part.endsWith('.git'))
    repository = git < 0 ? parts : parts.slice(0, git + 1)
  }
  return {kind: 'repository', url: `${scheme}://${user ? `${user}@` : ''}${repository.join('/')}`, version, written}
}
