import type {CacheEntry, CacheStore} from '../core/cache/store.js'
import type {RequestStats} from '../core/model.js'
import {proxyFetch} from '../core/proxy.js'

/**
 * The one HTTP layer of the resolve stage: every registry request goes through `HttpClient.get`.
 * - Cache: the shared DiskCache, keyed by a logical `GET <path>` per namespace (not the origin), so a cache
 *   warmed against one endpoint replays against another (tests, mirrors). 200/404/410 are stored; a fresh
 *   entry is used as is, a stale one is revalidated with its ETag / Last-Modified.
 * - `offline`: the cache only; a miss is reported as data (`offline-cache-miss`), never as an exception.
 * - Timeouts, bounded retries with backoff (network errors, 429, 5xx; Retry-After honoured up to a cap),
 *   bounded bodies, redirects followed by hand so a header meant for one origin never reaches another.
 * - Never sends credentials: no token is read from the environment; the only Authorization header ever sent
 *   is an anonymous registry token, to the origin that asked for it, and it is never stored.
 * Written by hand because the retry/cache/offline policy is ours and Node's fetch covers the transport.
 */

export type HttpFailure = 'offline-cache-miss' | 'network-error'

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  body: string
  /** Final URL after redirects (the request URL when served from the cache). */
  url: string
  fromCache: boolean
}

export type HttpResult = {ok: true; response: HttpResponse} | {ok: false; failure: HttpFailure; detail: string}

export interface HttpOptions {
  cache: CacheStore | null
  offline: boolean
  timeoutMs: number
  /** Extra attempts after the first for retryable failures. */
  retries: number
  /** First backoff delay; doubles each attempt. */
  retryDelayMs: number
  /** Entries younger than this are used without a request when online. */
  maxAgeMs: number
  maxBodyBytes: number
  userAgent: string
  now?: () => number
}

export interface GetOptions {
  /** Cache namespace (`npm`, `pypi`, `oci`...). */
  namespace: string
  /** Logical cache key; defaults to `GET <path and query>` of the URL. */
  key?: string
  headers?: Record<string, string>
  /** false: never read or write the cache (token endpoints). */
  cache?: boolean
}

const CACHEABLE = new Set([200, 404, 410])
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504])
const MAX_REDIRECTS = 5
const MAX_RETRY_AFTER_MS = 10_000

export class HttpClient {
  readonly stats: RequestStats = {total: 0, byStatus: {}, cached: 0}
  private readonly options: HttpOptions
  /** Requests of this run by cache key: concurrent callers of one URL share one request. */
  private readonly inflight = new Map<string, Promise<HttpResult>>()

  /** Node's fetch, or undici's through HTTPS_PROXY / HTTP_PROXY (core/proxy.ts). */
  private readonly fetch = proxyFetch()

  constructor(options: HttpOptions) {
    this.options = options
  }

  get offline(): boolean {
    return this.options.offline
  }

  get(url: string, options: GetOptions): Promise<HttpResult> {
    const key = options.key ?? `GET ${pathOf(url)}`
    const memoKey = `${options.namespace}\u0000${key}\u0000${options.headers?.authorization ? 'auth' : ''}`
    let pending = this.inflight.get(memoKey)
    if (!pending) {
      pending = this.load(url, key, options)
      this.inflight.set(memoKey, pending)
    }
    return pending
  }

  /** A cached entry without any request (offline-safe); null on a miss. */
  async cached(namespace: string, key: string): Promise<CacheEntry | null> {
    if (!this.options.cache) return null
    const entry = await this.options.cache.get(namespace, key)
    if (entry) this.stats.cached++
    return entry
  }

  /** Stores a response obtained another way (one item of a batch answer) under its own key. */
  async store(namespace: string, key: string, status: number, body: string): Promise<void> {
    if (!this.options.cache) return
    await this.options.cache.put(namespace, {
      key,
      storedAt: this.now(),
      status,
      headers: {'content-type': 'application/json'},
      body,
    })
  }

  /** A POST (batch APIs): never cached here; the caller stores each item with `store`. */
  async post(url: string, body: string, headers: Record<string, string> = {}): Promise<HttpResult> {
    if (this.options.offline) return {ok: false, failure: 'offline-cache-miss', detail: `offline: POST ${url} not sent`}
    return this.send(url, {method: 'POST', body, headers: {'content-type': 'application/json', ...headers}})
  }

  private async load(url: string, key: string, options: GetOptions): Promise<HttpResult> {
    const useCache = options.cache !== false && this.options.cache !== null
    const entry = useCache ? await this.options.cache!.get(options.namespace, key) : null
    if (entry && (this.options.offline || this.now() - entry.storedAt < this.options.maxAgeMs)) {
      this.stats.cached++
      return {ok: true, response: fromEntry(entry, url)}
    }
    if (this.options.offline) {
      return {ok: false, failure: 'offline-cache-miss', detail: `offline and not cached: ${options.namespace} ${key}`}
    }
    const headers: Record<string, string> = {accept: 'application/json', ...options.headers}
    if (entry?.etag) headers['if-none-match'] = entry.etag
    if (entry?.lastModified) headers['if-modified-since'] = entry.lastModified
    const result = await this.send(url, {method: 'GET', headers})
    if (!result.ok) {
      // A stale answer beats none when the network fails.
      if (entry) {
        this.stats.cached++
        return {ok: true, response: fromEntry(entry, url)}
      }
      return result
    }
    const response = result.response
    if (response.status === 304 && entry) {
      const refreshed = {...entry, storedAt: this.now()}
      await this.options.cache!.put(options.namespace, refreshed)
      return {ok: true, response: fromEntry(refreshed, url)}
    }
    if (useCache && CACHEABLE.has(response.status)) {
      await this.options.cache!.put(options.namespace, {
        key,
        storedAt: this.now(),
        status: response.status,
        etag: response.headers.etag,
        lastModified: response.headers['last-modified'],
        headers: pick(response.headers, ['content-type', 'docker-content-digest', 'www-authenticate']),
        body: response.body,
      })
    }
    return result
  }

  /** One logical request: redirects by hand, retries with backoff, a timeout per attempt. */
  private async send(
    url: string,
    init: {method: string; headers: Record<string, string>; body?: string},
  ): Promise<HttpResult> {
    let lastDetail = ''
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0) await sleep(this.backoff(attempt, lastDetail))
      const result = await this.sendOnce(url, init)
      if (result.ok && !RETRYABLE.has(result.response.status)) return result
      if (result.ok) {
        lastDetail = `retry-after:${result.response.headers['retry-after'] ?? ''}`
        if (attempt === this.options.retries) return result
      } else {
        lastDetail = result.detail
        if (attempt === this.options.retries) return result
      }
    }
    return {ok: false, failure: 'network-error', detail: lastDetail}
  }

  private async sendOnce(
    url: string,
    init: {method: string; headers: Record<string, string>; body?: string},
  ): Promise<HttpResult> {
    let current = url
    let headers: Record<string, string> = {'user-agent': this.options.userAgent, ...init.headers}
    let method = init.method
    let body = init.body
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (!/^https?:\/\//i.test(current))
        return {ok: false, failure: 'network-error', detail: `refused non-HTTP URL ${current}`}
      let response: Response
      try {
        response = await this.fetch(current, {
          method,
          headers,
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.options.timeoutMs),
        })
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
        return {
          ok: false,
          failure: 'network-error',
          detail: `${timedOut ? `timeout after ${this.options.timeoutMs} ms` : describe(error)}: ${method} ${current}`,
        }
      }
      this.count(response.status)
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
        await response.body?.cancel()
        const next = new URL(location, current).toString()
        // A header meant for one origin (an anonymous registry token) never follows a redirect elsewhere.
        if (new URL(next).origin !== new URL(current).origin) headers = withoutAuthorization(headers)
        if (response.status === 303) {
          method = 'GET'
          body = undefined
        }
        current = next
        continue
      }
      const text = await readCapped(response, this.options.maxBodyBytes)
      if (text === null)
        return {
          ok: false,
          failure: 'network-error',
          detail: `response larger than ${this.options.maxBodyBytes} bytes: ${current}`,
        }
      return {
        ok: true,
        response: {status: response.status, headers: headersOf(response), body: text, url: current, fromCache: false},
      }
    }
    return {ok: false, failure: 'network-error', detail: `too many redirects from ${url}`}
  }

  private backoff(attempt: number, lastDetail: string): number {
    const retryAfter = /^retry-after:(\d+)$/.exec(lastDetail)
    if (retryAfter) return Math.min(Number(retryAfter[1]) * 1000, MAX_RETRY_AFTER_MS)
    return this.options.retryDelayMs * 2 ** (attempt - 1)
  }

  private count(status: number): void {
    this.stats.total++
    this.stats.byStatus[String(status)] = (this.stats.byStatus[String(status)] ?? 0) + 1
  }

  private now(): number {
    return (this.options.now ?? Date.now)()
  }
}

function fromEntry(entry: CacheEntry, url: string): HttpResponse {
  return {status: entry.status, headers: entry.headers, body: entry.body, url, fromCache: true}
}

function pathOf(url: string): string {
  const parsed = new URL(url)
  return `${parsed.pathname}${parsed.search}`
}

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    out[name.toLowerCase()] = value
  })
  return out
}

function pick(headers: Record<string, string>, names: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of names) if (headers[name] !== undefined) out[name] = headers[name]
  return out
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== 'authorization') out[name] = value
  return out
}

async function readCapped(response: Response, maxBytes: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > maxBytes) {
    await response.body?.cancel()
    return null
  }
  if (!response.body) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = response.body.getReader()
  for (;;) {
    const {done, value} = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & {cause?: {code?: string; message?: string; errors?: Array<{code?: string}>}}).cause
    const code = cause?.code ?? cause?.errors?.find((e) => e.code)?.code
    return code ? `${error.message} (${code})` : cause?.message ? `${error.message} (${cause.message})` : error.message
  }
  return String(error)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
