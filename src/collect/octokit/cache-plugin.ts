import {createHash} from 'node:crypto'
import type {Octokit, OctokitOptions} from '@octokit/core'
import type {CacheEntry} from '../../core/cache/disk-cache.js'
import {CollectFailure} from './errors.js'
import {requireOptions, type StewardsHttpOptions} from './options.js'

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
 * The on-disk cache as an octokit plug-in wrapping `request` (the way plugin-throttling does), registered
 * last so it is the outermost layer: a fresh hit costs no request, no throttling slot and no retry.
 * Stale entries are revalidated with `If-None-Match`; @octokit/request throws on 304, so the 304 is
 * caught here and answered from the entry. GraphQL POSTs are cached by a hash of their body (no ETag).
 */
export function cachePlugin(octokit: Octokit, octokitOptions: OctokitOptions): void {
  const http = requireOptions(octokitOptions)
  octokit.hook.wrap('request', async (request, options) => {
    const {cache} = http
    const parsed = octokit.request.endpoint.parse(options)
    const key = cacheKey(parsed.method, parsed.url, parsed.body)
    if (!cache || !key) {
      if (http.offline) throw new CollectFailure('offline-miss', `offline: ${describe(parsed.url)} cannot be cached`)
      return request(options)
    }
    const entry = await cache.get(CACHE_NAMESPACE, key)
    if (entry && (http.offline || http.now() - entry.storedAt < http.maxAgeMs)) {
      http.stats.cached++
      return replay(entry, parsed.url)
    }
    if (http.offline) throw new CollectFailure('offline-miss', `offline: ${describe(parsed.url)} is not in the cache`)
    // In place: inner layers see the options object bound at the start (before-after-hook).
    if (entry?.etag) options.headers['if-none-match'] = entry.etag
    else if (entry?.lastModified) options.headers['if-modified-since'] = entry.lastModified
    let response: Response
    try {
      response = (await request(options)) as Response
    } catch (error) {
      const status = (error as {status?: number}).status
      if (status === 304 && entry) {
        await cache.put(CACHE_NAMESPACE, {...entry, storedAt: http.now()})
        http.stats.cached++
        return replay(entry, parsed.url)
      }
      const failed = (error as {response?: Response}).response
      if (status !== undefined && NEGATIVE.has(status) && failed) await store(http, key, failed)
      throw error
    }
    if (response.status === 200 || response.status === 204) {
      if (isCacheable(response)) await store(http, key, response)
    }
    return response
  })
}

/** `GET <absolute url>`, or `POST <url> <sha256 of body>` for GraphQL; null for anything else. */
function cacheKey(method: string, url: string, body: unknown): string | null {
  if (method === 'GET') return `GET ${url}`
  if (method === 'POST' && /\/graphql$/.test(new URL(url).pathname)) {
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? null)
    return `POST ${url} ${createHash('sha256').update(text).digest('hex')}`
  }
  return null
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

async function store(http: StewardsHttpOptions, key: string, response: Response): Promise<void> {
  const headers: Record<string, string> = {}
  for (const name of KEPT_HEADERS) {
    const value = response.headers[name]
    if (value !== undefined) headers[name] = value
  }
  const entry: CacheEntry = {
    key,
    storedAt: http.now(),
    status: response.status,
    headers,
    body: response.data === '' || response.data === undefined ? '' : JSON.stringify(response.data),
  }
  if (headers.etag) entry.etag = headers.etag
  if (headers['last-modified']) entry.lastModified = headers['last-modified']
  await http.cache!.put(CACHE_NAMESPACE, entry)
}

function replay(entry: CacheEntry, url: string): Response {
  const response: Response = {
    status: entry.status,
    url,
    headers: {...entry.headers},
    data: entry.body === '' ? '' : JSON.parse(entry.body),
  }
  if (entry.status >= 400) {
    throw Object.assign(new Error(messageOf(response.data) ?? `HTTP ${entry.status}`), {
      name: 'HttpError',
      status: entry.status,
      response,
    })
  }
  return response
}

function messageOf(data: unknown): string | undefined {
  const message = (data as {message?: unknown} | null)?.message
  return typeof message === 'string' ? message : undefined
}

function describe(url: string): string {
  const u = new URL(url)
  return `${u.pathname}${u.search}`
}
