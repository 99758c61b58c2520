import {createHash} from 'node:crypto'
import {gunzipSync, gzipSync} from 'node:zlib'
import type {Redis} from 'ioredis'
import {compare} from '../compare.js'
import {DAY_MS} from '../dates.js'
import {usageError} from '../errors.js'
import {decode, encode} from './disk-cache.js'
import {badName, type CacheEntry, type CacheStore, NAMESPACE_PATTERN, type NamespacedEntry} from './store.js'

/**
 * The collected-data cache in Redis or Valkey (`--cache-url redis://HOST:PORT/DB`, `rediss://` for TLS), shared
 * by every CI job and worker, the way Renovate shares its package cache (docs.renovatebot.com, `redisUrl`).
 *
 * - Same keys, checksums and healing as the disk cache: a value is the disk file's bytes (`encode`), gzipped;
 *   the Redis key is `stewards:2:<namespace>:<sha-256 of key>`. A value that does not verify is deleted and
 *   read as a miss.
 * - Atomic: one `SET … PX` per entry, so concurrent writers never leave half an entry (the last one wins).
 * - Bounded: a compressed value over `maxValueBytes` (default 16 MiB) is not stored; reads refuse larger ones.
 * - TTL from max-age: entries live `ttlFactor` × max-age (default 30 × 24 h), long past freshness, so a stale
 *   entry is still there to be revalidated by its ETag (a 304) or refreshed incrementally.
 * - A server that cannot be reached, refuses the password or goes away mid-run turns the store off with one
 *   notice (`onUnusable`): reads become misses, writes are dropped, and the run goes on uncached. Figures never
 *   come from a half-answered read.
 * - The password (in the URL or `STEWARDS_CACHE_PASSWORD`) never appears in `location`, notices or errors.
 */
const PREFIX = 'stewards:2:'
const DEFAULT_MAX_VALUE_BYTES = 16 * 1024 * 1024
const DEFAULT_TTL_FACTOR = 30

export interface RedisStoreOptions {
  /** Used when the URL carries none (`STEWARDS_CACHE_PASSWORD`). */
  password?: string
  /** Freshness the run uses; entries expire `ttlFactor` times later (default 24 h). */
  maxAgeMs?: number
  ttlFactor?: number
  maxValueBytes?: number
  /** Bound on connecting and on one command (default 5 s): a hung server costs a run 5 s, not a hang. */
  timeoutMs?: number
  onUnusable?: (message: string) => void
}

/** The URL as it can be printed: scheme, host, port and database, never a user or password. */
export function redactCacheUrl(url: URL): string {
  const db = url.pathname.replace(/^\/+/, '')
  return `${url.protocol}//${url.host}${db ? `/${db}` : ''}`
}

/** Parses `--cache-url`; a usage error (exit 3) that never quotes a password when it is not a Redis URL. */
export function parseCacheUrl(text: string): URL {
  const hint =
    'give redis://[USER:PASSWORD@]HOST[:PORT][/DB] or rediss:// for TLS (password also from STEWARDS_CACHE_PASSWORD)'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw usageError('cache-url', '--cache-url is not a URL', hint)
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw usageError('cache-url', `--cache-url scheme ${url.protocol} is not redis: or rediss:`, hint)
  if (!url.hostname) throw usageError('cache-url', '--cache-url names no host', hint)
  const db = url.pathname.replace(/^\/+/, '')
  if (db && !/^\d{1,2}$/.test(db))
    throw usageError('cache-url', `--cache-url database '${redactCacheUrl(url)}' is not a number`, hint)
  return url
}

export class RedisStore implements CacheStore {
  readonly location: string
  /** Why the store is off, once the server failed; null while it works. */
  unusable: string | null = null
  /** Entries found corrupt and deleted during this instance's life. */
  healed = 0
  /** Values `list` left out because they do not verify. */
  leftOut = 0
  /** Entries not stored because their compressed value is over the bound. */
  tooLarge = 0
  /**
   * The client, made once ioredis is loaded: a dynamic import, so the code of ioredis (its deps and some 250 command
   * methods, built when it loads: about 25 ms) is loaded by a run that opens a shared store, not by every `scan`.
   */
  private readonly connection: Promise<Redis>
  private readonly ttlMs: number
  private readonly maxValueBytes: number
  private readonly onUnusable?: (message: string) => void
  private readonly secrets: string[]

  constructor(url: URL, options: RedisStoreOptions = {}) {
    this.location = redactCacheUrl(url)
    this.ttlMs = Math.max(1, Math.round((options.maxAgeMs ?? DAY_MS) * (options.ttlFactor ?? DEFAULT_TTL_FACTOR)))
    this.maxValueBytes = options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES
    this.onUnusable = options.onUnusable
    const password = url.password ? decodeURIComponent(url.password) : options.password || undefined
    const username = url.username ? decodeURIComponent(url.username) : undefined
    this.secrets = [password, url.password].filter((s): s is string => Boolean(s))
    const timeout = options.timeoutMs ?? 5_000
    const settings = {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : 6379,
      username,
      password,
      db: Number(url.pathname.replace(/^\/+/, '') || 0),
      ...(url.protocol === 'rediss:' ? {tls: {servername: url.hostname}} : {}),
      connectTimeout: timeout,
      commandTimeout: timeout,
      // No reconnection and no retries: a server gone mid-run is a store turned off, never a late or mixed answer.
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
      lazyConnect: false,
      enableReadyCheck: true,
      connectionName: 'stewards',
    }
    this.connection = import('ioredis').then((module) => {
      // Node's import of the CommonJS package names `Redis`; the bundle's (esbuild) gives module.exports as `default`.
      const Client = module.Redis ?? module.default
      const client = new Client(settings)
      client.on('error', (error: Error) => this.disable(error))
      client.on('end', () => this.disable(new Error('connection closed')))
      return client
    })
  }

  async get(namespace: string, key: string): Promise<CacheEntry | null> {
    const redisKey = keyFor(namespace, key)
    if (this.unusable) return null
    let value: Buffer | null
    let client: Redis
    try {
      client = await this.connection
      value = await client.getBuffer(redisKey)
    } catch (error) {
      this.disable(error)
      return null
    }
    if (!value) return null
    const entry = value.length <= this.maxValueBytes ? unpack(namespace, value) : null
    if (entry && entry.key === key) return entry
    this.healed++
    await client.del(redisKey).catch((error) => this.disable(error))
    return null
  }

  async put(namespace: string, entry: CacheEntry): Promise<void> {
    const redisKey = keyFor(namespace, entry.key)
    if (this.unusable) return
    const value = gzipSync(encode(namespace, entry))
    if (value.length > this.maxValueBytes) {
      this.tooLarge++
      return
    }
    try {
      await (await this.connection).set(redisKey, value, 'PX', this.ttlMs)
    } catch (error) {
      this.disable(error)
    }
  }

  async delete(namespace: string, key: string): Promise<void> {
    if (this.unusable) return
    await this.connection.then((client) => client.del(keyFor(namespace, key))).catch((error) => this.disable(error))
  }

  /** Every verified entry, sorted; a server failing mid-list ends the list (the store is then off). */
  async *list(): AsyncIterable<NamespacedEntry> {
    const entries: NamespacedEntry[] = []
    for (const keys of await this.keys()) {
      let values: Array<Buffer | null>
      try {
        values = await (await this.connection).mgetBuffer(...keys)
      } catch (error) {
        this.disable(error)
        break
      }
      for (const [index, value] of values.entries()) {
        const namespace = keys[index].slice(PREFIX.length).split(':')[0]
        const entry = value && NAMESPACE_PATTERN.test(namespace) ? unpack(namespace, value) : null
        if (entry && keyFor(namespace, entry.key) === keys[index]) entries.push({namespace, ...entry})
        else if (value) this.leftOut++
      }
    }
    entries.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.key, b.key))
    yield* entries
  }

  /** Deletes every stewards entry of the database; returns how many keys went. */
  async clear(): Promise<number> {
    let removed = 0
    for (const keys of await this.keys()) removed += await (await this.connection).del(...keys)
    return removed
  }

  async close(): Promise<void> {
    const wasUsable = !this.unusable
    this.unusable ??= 'closed'
    const client = await this.connection.catch(() => undefined)
    if (!client) return
    if (wasUsable && client.status === 'ready') await client.quit().catch(() => {})
    client.disconnect()
  }

  /** The stewards keys, in batches of at most 500 (SCAN: the server is never blocked by a KEYS). */
  private async keys(): Promise<string[][]> {
    const batches: string[][] = []
    if (this.unusable) return batches
    try {
      let cursor = '0'
      do {
        const [next, keys] = await (await this.connection).scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 500)
        cursor = next
        if (keys.length) batches.push(keys)
      } while (cursor !== '0')
    } catch (error) {
      this.disable(error)
    }
    return batches
  }

  private disable(error: unknown): void {
    if (this.unusable) return
    let reason = error instanceof Error ? error.message : String(error)
    for (const secret of this.secrets) reason = reason.split(secret).join('***')
    this.unusable = reason
    this.onUnusable?.(
      `cache server ${this.location} cannot be used (${reason}): going on without a cache, nothing fetched is kept`,
    )
  }
}

function keyFor(namespace: string, key: string): string {
  const bad = badName(namespace, key)
  if (bad) throw new Error(`invalid cache entry: ${bad}`)
  return `${PREFIX}${namespace}:${createHash('sha256').update(key).digest('hex')}`
}

function unpack(namespace: string, value: Buffer): CacheEntry | null {
  try {
    return decode(namespace, gunzipSync(value, {maxOutputLength: 256 * 1024 * 1024}).toString('utf8'))
  } catch {
    return null
  }
}
