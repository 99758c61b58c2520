import {createHash} from 'node:crypto'
import type {Octokit, OctokitOptions} from '@octokit/core'
import {type CacheEntry, isFresh} from '../../core/cache/store.js'
import {cacheMissMessage} from '../miss-reason.js'
import {CollectFailure} from './errors.js'
import {relativeToApi, requireOptions, type StewardsHttpOptions, type StewardsRequestOptions} from './options.js'
import {trimEnd} from '../../core/trim-end.js'

export const CACHE_NAMESPACE = 'github'

/** Answers worth remembering besides 200: they are facts about the repository, not accidents of the moment. */
const NEGATIVE = new Set([404, 409, 451])
/** Response headers kept in the cache: what the collector reads back (pagination, revalidation, type). */
const KEPT_HEADERS = ['content-type', 'etag', 'last-modified', 'link']

interface Response {
  status: number
  url: string
  headers: Record<string, string | undefined>
  data: unknown
}

/**
 * The cache as an octokit plug-in wrapping `request` (the way plugin-throttling does), registered last so it is
 * the outermost layer: a fresh hit costs no request, no throttling slot and no retry.
 * - Keys name the forge host and the path under the API (`GET github.com/repos/a/b`), not the API URL, so a
 *   cache or bundle recorded through one URL (api.github.com, a proxy, an emulator) replays through another
 *   for the same host; `Link` URLs are stored relative to the API base for the same reason.
 * - With a `shape` (the zod schema of the fields stewards reads), the body is stored parsed through it: an
 *   entry holds only those fields, and the caller gets the same value cold and warm.
 * - An entry of another `schema` version, or one the store found corrupt, is a miss: fetched again online,
 *   missing offline, never revalidated (a 304 only ever confirms a body that verified).
 * - Stale entries are revalidated with `If-None-Match`; @octokit/request throws on 304, caught here.
 * - GraphQL POSTs are cached by a hash of their body (GitHub gives them no ETag).
 */
export function cachePlugin(octokit: Octokit, octokitOptions: OctokitOptions): void {
  const http = requireOptions(octokitOptions)
  octokit.hook.wrap('request', async (request, options) => {
    const {cache} = http
    const parsed = octokit.request.endpoint.parse(options)
    const own = (options.request ?? {}) as StewardsRequestOptions
    const key = cacheKey(http, parsed.method, parsed.url, parsed.body)
    if (!cache || !key || own.cache === false) {
      if (http.offline)
        throw new CollectFailure('offline-miss', `offline: ${describe(http, parsed.url)} cannot be cached`)
      return request(options)
    }
    const hit = await answering(http, key, parsed.url)
    if (hit && (http.offline || isFresh(hit.entry, http.maxAgeMs, http.now()))) {
      http.stats.cached++
      return hit.answer()
    }
    if (http.offline) throw new CollectFailure('offline-miss', cacheMissMessage(describe(http, parsed.url)))
    // In place: inner layers see the options object bound at the start (before-after-hook).
    if (hit?.entry.etag) options.headers['if-none-match'] = hit.entry.etag
    else if (hit?.entry.lastModified) options.headers['if-modified-since'] = hit.entry.lastModified
    let response: Response
    try {
      response = (await request(options)) as Response
    } catch (error) {
      const status = (error as {status?: number}).status
      if (status === 304 && hit) {
        await cache.put(CACHE_NAMESPACE, {...hit.entry, storedAt: http.now()})
        http.stats.cached++
        return hit.answer()
      }
      const failed = (error as {response?: Response}).response
      if (status !== undefined && NEGATIVE.has(status) && failed)
        await store(http, key, failed, {message: messageOf(failed.data)})
      throw error
    }
    if ((response.status === 200 || response.status === 204) && isCacheable(response)) {
      const slim = own.shape && response.status === 200 ? own.shape.safeParse(response.data) : null
      // An answer the caller will refuse is not kept; one that passes is kept (and handed on) as parsed.
      if (slim && !slim.success) return response
      if (slim) response.data = slim.data
      await store(http, key, response, response.data)
    }
    return response
  })
}

/** `GET <host><path under the API>`, or `POST <host>/graphql <sha256 of body>`; null for anything else. */
function cacheKey(http: StewardsHttpOptions, method: string, url: string, body: unknown): string | null {
  const path = relativeToApi(url, http.apiUrl)
  if (!path.startsWith('/')) return null
  if (method === 'GET') return `GET ${http.host}${path}`
  if (method === 'POST' && path === '/graphql') {
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? null)
    return `POST ${http.host}/graphql ${createHash('sha256').update(text).digest('hex')}`
  }
  return null
}

/** The entry for a key when it is in the shape this stewards writes; null otherwise (a miss). */
async function usable(http: StewardsHttpOptions, key: string): Promise<CacheEntry | null> {
  const entry = await http.cache!.get(CACHE_NAMESPACE, key)
  return entry && entry.schema === http.schema ? entry : null
}

/**
 * A usable entry for `key` and the answer it gives, or null (none, or a body that does not parse: deleted by
 * replay). Read before it is used at all, fresh or stale: an entry that cannot answer is not even a validator to
 * ask with, since a 304 could not be answered from it (a stale entry's body is so parsed even when GitHub then
 * answers 200).
 */
async function answering(
  http: StewardsHttpOptions,
  key: string,
  url: string,
): Promise<{entry: CacheEntry; answer: () => Response} | null> {
  const entry = await usable(http, key)
  const answer = entry ? await replay(http, entry, url) : null
  return entry && answer ? {entry, answer} : null
}

/**
 * GraphQL answers are kept when their errors are facts about the data: NOT_FOUND (no such user or
 * repository), or FORBIDDEN below a top-level field (an organisation under SAML enforcement or a
 * classic-token ban answers its node as null inside an otherwise complete answer, the same on every run
 * with this token). Not keeping those made every warm run ask again. Other errors (timeouts, limits,
 * "something went wrong") are accidents: not kept, asked again.
 */
function isCacheable(response: Response): boolean {
  const errors = (response.data as {errors?: Array<{type?: string; path?: unknown[]}>} | null)?.errors
  return (
    !errors ||
    errors.every(
      (e) => e.type === 'NOT_FOUND' || (e.type === 'FORBIDDEN' && Array.isArray(e.path) && e.path.length > 1),
    )
  )
}

async function store(http: StewardsHttpOptions, key: string, response: Response, data: unknown): Promise<void> {
  const headers: Record<string, string> = {}
  for (const name of KEPT_HEADERS) {
    const value = response.headers[name]
    if (value !== undefined) headers[name] = name === 'link' ? relativeLinks(value, http.apiUrl) : value
  }
  const entry: CacheEntry = {
    key,
    storedAt: http.now(),
    status: response.status,
    headers,
    schema: http.schema,
    body: data === '' || data === undefined ? '' : JSON.stringify(data),
  }
  if (headers.etag) entry.etag = headers.etag
  if (headers['last-modified']) entry.lastModified = headers['last-modified']
  await http.cache!.put(CACHE_NAMESPACE, entry)
}

/**
 * The answer an entry gives (a thunk: negative answers throw, as octokit does), or null when its body does not
 * parse: then the entry is deleted and the request goes on as a miss. The delete is awaited: unawaited, it could
 * land after the fresh answer was stored under the same key, or be cut off when the process exits.
 */
async function replay(http: StewardsHttpOptions, entry: CacheEntry, url: string): Promise<(() => Response) | null> {
  let data: unknown
  try {
    data = entry.body === '' ? '' : JSON.parse(entry.body)
  } catch {
    await http.cache!.delete(CACHE_NAMESPACE, entry.key)
    return null
  }
  const headers: Record<string, string> = {...entry.headers}
  if (headers.link) headers.link = absoluteLinks(headers.link, http.apiUrl)
  const response: Response = {status: entry.status, url, headers, data}
  return () => {
    if (entry.status >= 400) {
      throw Object.assign(new Error(messageOf(data) ?? `HTTP ${entry.status}`), {
        name: 'HttpError',
        status: entry.status,
        response,
      })
    }
    return response
  }
}

/** `<https://api.github.com/repos/a/b/commits?page=2>; rel="next"` → `</repos/a/b/commits?page=2>; rel="next"`. */
function relativeLinks(link: string, apiUrl: string): string {
  return link.replace(/<([^>]*)>/g, (whole, url: string) => {
    const path = relativeToApi(url, apiUrl)
    return path.startsWith('/') ? `<${path}>` : whole
  })
}

function absoluteLinks(link: string, apiUrl: string): string {
  const base = trimEnd(apiUrl, '/')
  return link.replace(/<(\/[^>]*)>/g, (_whole, path: string) => `<${base}${path}>`)
}

function messageOf(data: unknown): string | undefined {
  const message = (data as {message?: unknown} | null)?.message
  return typeof message === 'string' ? message : undefined
}

function describe(http: StewardsHttpOptions, url: string): string {
  const path = relativeToApi(url, http.apiUrl)
  return path.startsWith('/') ? `${path} (${http.host})` : url
}

/** What a kept body is read through (a zod schema). */
type BodySchema<T> = {safeParse(data: unknown): {success: boolean; data?: T}}

/**
 * Records stewards derives from answers and keeps on their own (one profile per person, whichever batch
 * fetched it; a branch's listing of commits; the governance files of one repository at one commit), in the same
 * namespace and shape version: `<KIND> <host>/<id>`. `maxAgeMs` is the record's own (profiles: 30 days; files at a
 * commit: for ever, a commit's tree never changes).
 */
export async function readRecord<T>(
  http: StewardsHttpOptions,
  kind: string,
  id: string,
  schema: BodySchema<T>,
  maxAgeMs: number = http.maxAgeMs,
): Promise<{value: T | null; fresh: boolean} | null> {
  if (!http.cache) return null
  const entry = await usable(http, `${kind} ${http.host}/${id}`)
  if (!entry) return null
  const fresh = isFresh(entry, maxAgeMs, http.now())
  if (entry.status !== 200) return {value: null, fresh}
  const parsed = parsedBody(entry, schema)
  if (parsed) return {value: parsed.value, fresh}
  // A record that verified but does not hold what this stewards writes (a hand-made bundle): a miss.
  await http.cache.delete(CACHE_NAMESPACE, entry.key)
  return null
}

/**
 * The body of a kept 200 answer to `GET <path>` (any age), parsed through `schema`, without asking; null when there
 * is none. What the collector uses to decide what to ask first when refreshing (session.ts).
 */
export async function keptAnswer<T>(
  http: StewardsHttpOptions,
  path: string,
  schema: BodySchema<T>,
): Promise<{value: T; fresh: boolean} | null> {
  if (!http.cache) return null
  const entry = await usable(http, `GET ${http.host}${path}`)
  if (!entry) return null
  if (entry.status !== 200) return null
  const parsed = parsedBody(entry, schema)
  return parsed ? {value: parsed.value, fresh: isFresh(entry, http.maxAgeMs, http.now())} : null
}

/** A kept body read through `schema`; undefined when it is not JSON or not what the schema says. */
function parsedBody<T>(entry: CacheEntry, schema: BodySchema<T>): {value: T} | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(entry.body))
    if (parsed.success) return {value: parsed.data as T}
  } catch {}
  return undefined
}

/** Stores a record; `null` records that the thing does not exist (status 404). */
export async function writeRecord(http: StewardsHttpOptions, kind: string, id: string, value: unknown): Promise<void> {
  if (!http.cache || http.offline) return
  await http.cache.put(CACHE_NAMESPACE, {
    key: `${kind} ${http.host}/${id}`,
    storedAt: http.now(),
    status: value === null ? 404 : 200,
    headers: {},
    schema: http.schema,
    body: value === null ? '' : JSON.stringify(value),
  })
}

/** Hosts whose GitHub answers a set of cache entries holds (keys `GET <host>/...`, `PROFILE <host>/...`), sorted. */
export function cachedHosts(entries: Iterable<{namespace: string; key: string}>): string[] {
  const hosts = new Set<string>()
  for (const {namespace, key} of entries) {
    const match = /^[A-Z]+ ([^/ ]+)\//.exec(key)
    if (namespace === CACHE_NAMESPACE && match) hosts.add(match[1].toLowerCase())
  }
  return [...hosts].sort()
}
