import type {Component} from '../../../core/model.js'
import {exactVersion, isRecord, jsonAnswer, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'
import {outcomeFromVersion} from './version.js'

/** deps.dev systems by purl type (https://docs.deps.dev/api/v3/#getversion). */
const SYSTEMS: Partial<Record<string, string>> = {
  npm: 'NPM',
  pypi: 'PYPI',
  golang: 'GO',
  cargo: 'CARGO',
  maven: 'MAVEN',
  nuget: 'NUGET',
}
/** deps.dev accepts up to 5000 requests per batch; smaller pages keep each answer modest. */
const BATCH_SIZE = 500
const MAX_PAGES = 50

interface Item {
  component: Component
  system: string
  version: string
  key: string
}

/**
 * deps.dev v3: a version's `relatedProjects` of type SOURCE_REPO with their provenance (SLSA_ATTESTATION and
 * GO_ORIGIN are verified, UNVERIFIED_METADATA is what the package declares). Cache misses are fetched with
 * the batch endpoint (`POST /v3alpha/versionbatch`, paginated); each answer is stored under the key of its
 * own `GET /v3/systems/.../versions/...`, so offline runs and single lookups share it. Where the batch
 * endpoint fails the single GETs are used.
 */
export const resolver: Resolver = {
  id: 'deps-dev',
  description: 'deps.dev v3: SOURCE_REPO related projects with provenance (batched)',
  provenance: 'deps.dev',
  kind: 'aggregator',
  handles: (c) => c.kind === 'package' && SYSTEMS[c.ecosystem] !== undefined,
  resolve,
}

async function resolve(components: readonly Component[], context: ResolverContext): Promise<Outcome[]> {
  const outcomes = new Array<Outcome>(components.length)
  const items: Array<Item & {index: number}> = []
  components.forEach((component, index) => {
    // deps.dev knows the public registries' packages only: one from elsewhere (or a private Go module) is not asked.
    const other = otherRegistryMiss(component, context.options)
    if (other) {
      outcomes[index] = other
      return
    }
    const version = exactVersion(component.version)
    if (!version) {
      outcomes[index] = {
        status: 'miss',
        reason: 'no-version',
        detail: `deps.dev needs an exact version: ${component.name} ${component.version ?? '(none)'}`,
      }
      return
    }
    const system = SYSTEMS[component.ecosystem]!
    items.push({component, system, version, index, key: `GET ${versionPath(system, component.name, version)}`})
  })
  const missing: Array<Item & {index: number}> = []
  const cached = await context.mapLocal(items, (item) => context.http.cached('deps-dev', item.key))
  items.forEach((item, i) => {
    const entry = cached[i]
    if (entry) outcomes[item.index] = fromAnswer(entry.status, entry.body, item)
    else missing.push(item)
  })
  if (missing.length === 0) return outcomes
  if (context.offline) {
    for (const item of missing)
      outcomes[item.index] = {
        status: 'miss',
        reason: 'offline-cache-miss',
        detail: `offline and not cached: deps.dev ${item.key}`,
      }
    return outcomes
  }
  const unanswered: Array<Item & {index: number}> = []
  for (let start = 0; start < missing.length; start += BATCH_SIZE) {
    const chunk = missing.slice(start, start + BATCH_SIZE)
    const answered = await batch(chunk, context)
    for (const item of chunk) {
      const found = answered?.get(item.key)
      if (found === undefined) unanswered.push(item)
      else outcomes[item.index] = fromAnswer(found.status, found.body, item)
    }
  }
  // Single lookups where the batch endpoint did not answer (failure, or an item absent from every page).
  const singles = await context.map(unanswered, async (item) => {
    const result = await context.http.get(`${context.endpoint('deps.dev')}${item.key.slice(4)}`, {
      namespace: 'deps-dev',
      key: item.key,
    })
    if (!result.ok) return {status: 'miss', reason: result.failure, detail: result.detail} satisfies Outcome
    return fromAnswer(result.response.status, result.response.body, item)
  })
  unanswered.forEach((item, i) => {
    outcomes[item.index] = singles[i]
  })
  return outcomes
}

/** One batch (all its pages); stores every answer in the cache. null when the endpoint failed. */
async function batch(
  items: readonly Item[],
  context: ResolverContext,
): Promise<Map<string, {status: number; body: string}> | null> {
  const byRequest = new Map(items.map((item) => [requestId(item.system, item.component.name, item.version), item]))
  const answers = new Map<string, {status: number; body: string}>()
  const requests = items.map((item) => ({
    versionKey: {system: item.system, name: item.component.name, version: item.version},
  }))
  let pageToken = ''
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = JSON.stringify(pageToken ? {requests, pageToken} : {requests})
    const answer = jsonAnswer(
      await context.http.post(`${context.endpoint('deps.dev')}/v3alpha/versionbatch`, body),
      'deps.dev versionbatch',
    )
    if (!answer.ok || !isRecord(answer.json)) return answers.size > 0 ? answers : null
    const responses = Array.isArray(answer.json.responses) ? answer.json.responses : []
    const fresh: Array<{key: string; status: number; body: string}> = []
    for (const response of responses) {
      if (!isRecord(response) || !isRecord(response.request) || !isRecord(response.request.versionKey)) continue
      const key = response.request.versionKey
      const item = byRequest.get(requestId(String(key.system), String(key.name), String(key.version)))
      if (!item) continue
      const found = isRecord(response.version)
        ? {status: 200, body: JSON.stringify(response.version)}
        : {status: 404, body: '{}'}
      answers.set(item.key, found)
      fresh.push({key: item.key, ...found})
    }
    await context.mapLocal(fresh, (f) => context.http.store('deps-dev', f.key, f.status, f.body))
    pageToken = typeof answer.json.nextPageToken === 'string' ? answer.json.nextPageToken : ''
    if (!pageToken) break
  }
  return answers
}

function fromAnswer(status: number, body: string, item: Item): Outcome {
  const what = `deps.dev ${item.system} ${item.component.name}@${item.version}`
  const answer = jsonAnswer({ok: true, response: {status, body, headers: {}, url: '', fromCache: true}}, what)
  return answer.ok
    ? outcomeFromVersion(answer.json, what, item.system === 'GO' ? item.component.name : undefined)
    : answer.outcome
}

export function versionPath(system: string, name: string, version: string): string {
  return `/v3/systems/${system}/packages/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`
}

function requestId(system: string, name: string, version: string): string {
  return `${system.toUpperCase()}\u0000${name}\u0000${version}`
}
