import {parse} from 'yaml'
import {parseImageRef} from '../../../core/image-ref.js'
import type {Component} from '../../../core/model.js'
import {RegistryClient} from '../../oci-registry.js'
import {type Candidate, exactVersion, firstRepository, isRecord} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'
import {trimEnd} from '../../../core/trim-end.js'

/**
 * Helm chart dependencies → their source repository, from what the chart's own repository publishes:
 * - an HTTP chart repository's `index.yaml` (https://helm.sh/docs/topics/chart_repository/#the-index-file):
 *   `entries.<name>[]` are the chart versions, newest first, each with the chart's `sources` (medium confidence)
 *   and `home` (low). The exact version when the index holds it, else the newest entry (the evidence says so).
 *   One request per repository and run, cached under namespace `helm` with the host in the key.
 * - an OCI chart (`oci://host/path` + name): the manifest's annotations, which `helm push` writes from Chart.yaml
 *   (`org.opencontainers.image.source` = sources[0], `org.opencontainers.image.url` = home; helm
 *   pkg/registry/chart.go generateChartOCIAnnotations). Tags are versions with `+` written `_`.
 * Repository aliases (`@name`, `alias:name`) live in the user's helm configuration, not the chart: unsupported.
 * URLs with credentials are not requested (and never printed); `http://` repositories are asked over HTTPS.
 */
export const resolver: Resolver = {
  id: 'helm-repository',
  description: 'Helm chart repositories: index.yaml sources/home, OCI chart annotations',
  provenance: 'helm-repository',
  kind: 'native',
  handles: (c) => c.kind === 'chart' && c.ecosystem === 'helm' && !c.local,
  resolve(components, context) {
    const indexes = new Map<string, Promise<ChartIndex | Outcome>>()
    const registry = new RegistryClient(context)
    return context.map(components, (component) => resolveOne(component, context, indexes, registry))
  },
}

type ChartIndex = {kind: 'index'; entries: Record<string, unknown>; where: string}

/** Index files past this many bytes are refused before parsing (the largest public ones are a few tens of MB). */
const MAX_INDEX_BYTES = 32 * 1024 * 1024
const CHART_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/

async function resolveOne(
  component: Component,
  context: ResolverContext,
  indexes: Map<string, Promise<ChartIndex | Outcome>>,
  registry: RegistryClient,
): Promise<Outcome> {
  const repository = component.repository?.trim()
  if (!repository) return miss('no-repository', `chart ${component.name} names no repository`)
  if (!CHART_NAME.test(component.name)) return miss('invalid-name', `not a chart name: ${component.name.slice(0, 100)}`)
  if (/^(@|alias:)/.test(repository))
    return miss(
      'unsupported',
      `chart ${component.name}: repository ${repository.slice(0, 100)} is an alias from the local helm configuration; write its URL in Chart.yaml or map the chart with --map`,
    )
  const url = parseUrl(repository)
  if (!url) return miss('invalid-name', `chart ${component.name}: repository is not a URL`)
  if (url.username || url.password)
    return miss(
      'unsupported',
      `chart ${component.name}: repository URL on ${url.host} holds credentials; not requested`,
    )
  if (url.protocol === 'oci:') return fromOci(component, url, registry)
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return miss('unsupported', `chart ${component.name}: repository scheme ${url.protocol} is not supported`)
  const base = `${url.host}${trimEnd(url.pathname, '/')}`
  let index = indexes.get(base)
  if (!index) {
    index = fetchIndex(url, base, context)
    indexes.set(base, index)
  }
  const loaded = await index
  if (!('kind' in loaded)) return loaded
  return fromIndex(component, loaded)
}

async function fetchIndex(url: URL, base: string, context: ResolverContext): Promise<ChartIndex | Outcome> {
  const path = `${trimEnd(url.pathname, '/')}/index.yaml`
  const where = `Helm repository ${base}`
  const result = await context.http.get(`${context.endpoint(`helm:${url.host}`)}${path}`, {
    namespace: 'helm',
    key: `GET ${url.host}${path}`,
    headers: {accept: 'application/yaml, text/yaml, */*'},
  })
  if (!result.ok) return miss(result.failure, result.detail)
  const {status, body} = result.response
  if (status === 404 || status === 410) return miss('not-found', `${where}: no index.yaml (${status})`)
  if (status !== 200) return miss('network-error', `${where}: index.yaml HTTP ${status}`)
  if (body.length > MAX_INDEX_BYTES) return miss('network-error', `${where}: index.yaml larger than 32 MiB`)
  let parsed: unknown
  try {
    // failsafe: every scalar a string (`version: 1.10` is not 1.1); bounded aliases.
    parsed = parse(body, {schema: 'failsafe', maxAliasCount: 100, uniqueKeys: false})
  } catch (error) {
    return miss('network-error', `${where}: index.yaml is not YAML (${(error as Error).message.split('\n')[0]})`)
  }
  if (!isRecord(parsed) || !isRecord(parsed.entries))
    return miss('network-error', `${where}: index.yaml has no entries`)
  return {kind: 'index', entries: parsed.entries, where}
}

function fromIndex(component: Component, index: ChartIndex): Outcome {
  const versions = Object.hasOwn(index.entries, component.name) ? index.entries[component.name] : undefined
  if (!Array.isArray(versions) || versions.length === 0)
    return miss('not-found', `${index.where}: no chart ${component.name} in index.yaml`)
  const exact = versions.find((v) => isRecord(v) && v.version === component.version)
  const entry = exact ?? versions[0]
  if (!isRecord(entry)) return miss('no-repository', `${index.where}: chart ${component.name} entry is not a mapping`)
  const which = exact
    ? `${component.name}@${component.version}`
    : `${component.name} (newest entry ${String(entry.version).slice(0, 50)}; ${component.version ?? 'no version'} not listed)`
  const sources = Array.isArray(entry.sources) ? entry.sources : []
  const candidates: Candidate[] = [
    ...sources
      .slice(0, 20)
      .map((source, i) => ({url: source, field: `sources[${i}]`, confidence: 'medium' as const, vcs: true})),
    {url: entry.home, field: 'home', confidence: 'low'},
  ]
  return firstRepository(candidates, `${index.where} ${which}`)
}

async function fromOci(component: Component, url: URL, registry: RegistryClient): Promise<Outcome> {
  const version = exactVersion(component.version)
  if (!version)
    return miss(
      'no-version',
      `OCI chart ${component.name} needs an exact version, not ${component.version ?? '(none)'}`,
    )
  const path = `${url.host}${trimEnd(url.pathname, '/')}/${component.name}`
  const parsed = parseImageRef(path)
  if (!parsed.ok) return miss('invalid-name', `OCI chart ${path.slice(0, 200)}: ${parsed.message}`)
  const tag = version.replaceAll('+', '_')
  const what = `OCI chart ${parsed.image.name}:${tag}`
  const result = await registry.get(parsed.image, 'manifests', tag)
  if (!result.ok) return miss(result.failure, result.detail)
  const {status, body} = result.response
  if (status === 404) return miss('not-found', `${what}: not found`)
  if (status !== 200) return miss('network-error', `${what}: HTTP ${status}`)
  let manifest: unknown
  try {
    manifest = JSON.parse(body)
  } catch {
    return miss('network-error', `${what}: manifest is not JSON`)
  }
  const annotations = isRecord(manifest) && isRecord(manifest.annotations) ? manifest.annotations : {}
  return firstRepository(
    [
      {
        url: annotations['org.opencontainers.image.source'],
        field: 'annotation org.opencontainers.image.source',
        confidence: 'medium',
        vcs: true,
      },
      {
        url: annotations['org.opencontainers.image.url'],
        field: 'annotation org.opencontainers.image.url',
        confidence: 'low',
      },
    ],
    what,
  )
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

function miss(reason: Extract<Outcome, {status: 'miss'}>['reason'], detail: string): Outcome {
  return {status: 'miss', reason, detail}
}
