import type {Component} from '../../../core/model.js'
import {type Candidate, exactVersion, firstRepository, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'
import {readCabalLinks} from './cabal-fields.js'

/** Hackage package names (Cabal's PackageName: letter-and-digit words joined by `-`, each with a letter). */
function isPackageName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 128 &&
    name.split('-').every((part) => /^[A-Za-z0-9]{1,128}$/.test(part) && /[A-Za-z]/.test(part))
  )
}

/**
 * Hackage (hackage-server's documented API, https://hackage.haskell.org/api): the package's description,
 * `GET /package/<name>-<version>/<name>.cabal` (its latest revision), or `GET /package/<name>/<name>.cabal` (the
 * latest version's) without an exact version. From it (./cabal-fields.ts): a `source-repository head` stanza's
 * `location` (then a `this` stanza's) on a known forge (medium, its `subdir` the directory; a self-hosted
 * repository is not taken for one, as for the links), then `homepage` and `bug-reports` on a known forge (low). Never asked: a package of another Hackage repository or
 * index (purl `repository_url`, unless `--registry-mirror` names it), one from an archive (`download_url`: Stack's
 * `url:` locations) or from a repository (`vcs_url`: the vcs-url resolver names a forge's).
 */
export const resolver: Resolver = {
  id: 'hackage',
  description: 'Hackage package descriptions: source-repository, homepage, bug-reports',
  provenance: 'Hackage',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'hackage' && !c.local,
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  const {name} = component
  if (!isPackageName(name))
    return {status: 'miss', reason: 'invalid-name', detail: `not a Hackage package name: ${name.slice(0, 100)}`}
  const other = otherRegistryMiss(component, context.options)
  if (other) return other
  const version = exactVersion(component.version)
  const id = version ? `${name}-${version}` : name
  const path = `/package/${id}/${name}.cabal`
  const what = `Hackage ${id}`
  const result = await context.http.get(`${context.endpoint('hackage')}${path}`, {
    namespace: 'hackage',
    key: `GET ${path}`,
  })
  if (!result.ok) return {status: 'miss', reason: result.failure, detail: result.detail}
  const {status, body} = result.response
  if (status === 404 || status === 410)
    return {status: 'miss', reason: 'not-found', detail: `${what}: not found (${status})`}
  if (status !== 200) return {status: 'miss', reason: 'network-error', detail: `${what}: HTTP ${status}`}
  const links = readCabalLinks(body)
  const repositories = [
    ...links.repositories.filter((r) => r.kind === 'head'),
    ...links.repositories.filter((r) => r.kind === 'this'),
  ]
  const candidates: Candidate[] = [
    ...repositories.map((r) => ({
      url: r.location,
      field: `source-repository ${r.kind.slice(0, 20)} location`,
      confidence: 'medium' as const,
      directory: r.subdir,
    })),
    {url: links.homepage, field: 'homepage', confidence: 'low'},
    {url: links.bugReports, field: 'bug-reports', confidence: 'low'},
  ]
  return firstRepository(candidates, what)
}
