import {ARTIFACT_HUB_OFF} from '../../../core/artifact-hub-url.js'
import {compare} from '../../../core/compare.js'
import type {Component} from '../../../core/model.js'
import type {HttpResult} from '../../http.js'
import {type Candidate, exactVersion, firstRepository, isRecord, jsonAnswer} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'
import {trimEnd} from '../../../core/trim-end.js'

/**
 * Helm chart dependencies → their source repository, through Artifact Hub (https://artifacthub.io), a third-party
 * index of chart repositories: asked only after the chart repository's own index.yaml or OCI annotations
 * (helm-repository) gave no repository, because what it shows is a copy of what the chart published.
 * API (https://artifacthub.io/docs/api/, spec docs/api/openapi.yaml in github.com/artifacthub/hub):
 * 1. `GET /api/v1/repositories/search?kind=0&url=<chart repository URL>` → the Artifact Hub repositories
 *    registered at that URL (kind 0: Helm charts; the URL is compared exactly, trailing slash ignored:
 *    database/migrations/functions/repositories/search_repositories.sql). Official and verified publishers first.
 * 2. `GET /api/v1/packages/helm/<repository name>/<chart>/<version>` (the latest without a version) → `links`:
 *    each Chart.yaml `sources` entry is a link named `source` (internal/tracker/source/helm/helm.go), which a
 *    publisher may rename or add to with the `artifacthub.io/links` annotation; `home_url` is a low fallback.
 *    Artifact Hub stores versions as semver prints them, without a leading `v` (`v1.16.2` → `1.16.2`).
 * The answer must name the chart and the repository URL asked about; anything else is not used.
 * What is sent is the chart repository URL and the chart name: never a URL with credentials, a query or a fragment,
 * nor one on a private host name (an IP address, a one-label name, `.local`, `.internal`, `.corp`...), which
 * would tell a third party about a private network.
 * Cached under namespace `artifact-hub` (keys `GET /api/v1/...`, whatever the base URL), like other registry answers.
 */
export const resolver: Resolver = {
  id: 'artifact-hub',
  description: 'Artifact Hub (third-party index of Helm chart repositories): the chart’s source links',
  provenance: 'artifact-hub',
  kind: 'native',
  handles: (c) => c.kind === 'chart' && c.ecosystem === 'helm' && !c.local && chartRepository(c) !== null,
  // `--artifact-hub-url none`: the user's choice never to tell Artifact Hub about their charts.
  enabled: (options) => options.endpoints?.['artifact-hub'] !== ARTIFACT_HUB_OFF,
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

const CHART_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/
/** Artifact Hub repository names are lower-case words with dashes; a little wider here, never a path. */
const REPOSITORY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/
/** Repositories tried per chart repository URL (several Artifact Hub users may register the same URL). */
const MAX_REPOSITORIES = 3
const MAX_LINKS = 20
/** Top-level names that never resolve on the internet (RFC 6761, RFC 6762, ICANN's .internal) or that companies use inside. */
const PRIVATE_SUFFIXES = [
  'localhost',
  'local',
  'internal',
  'intranet',
  'corp',
  'lan',
  'home',
  'home.arpa',
  'test',
  'invalid',
]

/** The chart repository URL Artifact Hub may be asked about, without a trailing slash; null when it may not. */
function chartRepository(component: Component): string | null {
  const text = component.repository?.trim()
  if (!text) return null
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  if (!['https:', 'http:', 'oci:'].includes(url.protocol)) return null
  if (url.username || url.password || url.search || url.hash) return null
  if (isPrivateHost(url.hostname)) return null
  return `${url.protocol}//${url.host}${trimEnd(url.pathname, '/')}`
}

function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host.startsWith('[') || /^[\d.]+$/.test(host) || !host.includes('.')) return true
  return PRIVATE_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  const repositoryUrl = chartRepository(component)
  if (!repositoryUrl) return miss('unsupported', `chart ${component.name}: repository not asked of Artifact Hub`)
  if (!CHART_NAME.test(component.name)) return miss('invalid-name', `not a chart name: ${component.name.slice(0, 100)}`)
  const path = `/api/v1/repositories/search?kind=0&url=${encodeURIComponent(repositoryUrl)}`
  const what = `Artifact Hub repositories at ${repositoryUrl}`
  const answer = jsonAnswer(await get(context, path), what)
  if (!answer.ok) return answer.outcome
  if (!Array.isArray(answer.json)) return miss('network-error', `${what}: the answer is not a list`)
  const names = answer.json
    .filter(isRecord)
    .filter((r) => (r.kind === 0 || r.kind === undefined) && sameUrl(r.url, repositoryUrl))
    .filter(
      (r): r is Record<string, unknown> & {name: string} => typeof r.name === 'string' && REPOSITORY_NAME.test(r.name),
    )
    .sort((a, b) => rank(b) - rank(a) || compare(a.name, b.name))
    .map((r) => r.name)
  if (names.length === 0) return miss('not-found', `${what}: none registered`)
  const misses: Outcome[] = []
  for (const name of [...new Set(names)].slice(0, MAX_REPOSITORIES)) {
    const outcome = await fromPackage(component, name, repositoryUrl, context)
    if (outcome.status === 'resolved') return outcome
    misses.push(outcome)
  }
  // The most telling miss: a network failure or a package without links says more than "not in this repository".
  return misses.find((m) => m.status === 'miss' && m.reason !== 'not-found') ?? misses[misses.length - 1]
}

async function fromPackage(
  component: Component,
  repositoryName: string,
  repositoryUrl: string,
  context: ResolverContext,
): Promise<Outcome> {
  const base = `/api/v1/packages/helm/${encodeURIComponent(repositoryName)}/${encodeURIComponent(component.name)}`
  const wanted = exactVersion(component.version)?.replace(/^v(?=\d)/, '')
  let result: HttpResult | undefined
  if (wanted) {
    result = await get(context, `${base}/${encodeURIComponent(wanted)}`)
    if (result.ok && (result.response.status === 404 || result.response.status === 410)) result = undefined
  }
  const exact = result !== undefined
  result ??= await get(context, base)
  const where = `Artifact Hub ${repositoryName}/${component.name}`
  const answer = jsonAnswer(result, where)
  if (!answer.ok) return answer.outcome
  const doc = isRecord(answer.json) ? answer.json : {}
  const repository = isRecord(doc.repository) ? doc.repository : {}
  if (doc.name !== component.name || !sameUrl(repository.url, repositoryUrl))
    return miss('not-found', `${where}: the answer is about another chart or repository`)
  const version = typeof doc.version === 'string' ? doc.version.slice(0, 50) : '?'
  const which = exact
    ? `${where}@${version}`
    : `${where} (latest ${version}${component.version ? `; ${component.version.slice(0, 50)} not listed` : ''})`
  const links = (Array.isArray(doc.links) ? doc.links : []).slice(0, MAX_LINKS)
  const named = (test: (name: string) => boolean) =>
    links.flatMap((link, i): Candidate[] =>
      isRecord(link) && typeof link.name === 'string' && test(link.name.trim().toLowerCase())
        ? [{url: link.url, field: `links[${i}] (${link.name.trim().slice(0, 50)})`, confidence: 'medium', vcs: true}]
        : [],
    )
  return firstRepository(
    [
      // Chart.yaml `sources`, as Artifact Hub names them; then links a publisher named as sources.
      ...named((name) => name === 'source'),
      ...named((name) => name !== 'source' && /\bsource\b/.test(name)),
      {url: doc.home_url, field: 'home_url', confidence: 'low'},
    ],
    which,
  )
}

function get(context: ResolverContext, path: string): Promise<HttpResult> {
  return context.http.get(`${context.endpoint('artifact-hub')}${path}`, {namespace: 'artifact-hub', key: `GET ${path}`})
}

/** Official repositories, then verified publishers, then the rest. */
function rank(repository: Record<string, unknown>): number {
  return (repository.official === true ? 2 : 0) + (repository.verified_publisher === true ? 1 : 0)
}

/** The same chart repository: scheme (http and https alike), host without case, path exactly, trailing `/` ignored. */
function sameUrl(value: unknown, wanted: string): boolean {
  if (typeof value !== 'string') return false
  const key = (text: string) => {
    try {
      const url = new URL(text.trim())
      const scheme = url.protocol === 'http:' ? 'https:' : url.protocol
      return `${scheme}//${url.host.toLowerCase()}${trimEnd(url.pathname, '/')}`
    } catch {
      return null
    }
  }
  const a = key(value)
  return a !== null && a === key(wanted)
}

function miss(reason: Extract<Outcome, {status: 'miss'}>['reason'], detail: string): Outcome {
  return {status: 'miss', reason, detail}
}
