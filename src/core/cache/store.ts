import {createHash} from 'node:crypto'
import {z} from 'zod'

/**
 * The cache as every network stage sees it: a small key-value interface over answers, so a second backend (a
 * shared Redis store, #18) can stand beside the disk one without touching its callers.
 *
 * - `get` returns only entries that verify: an entry whose checksum, key or format does not match is deleted
 *   and reported as a miss (never replayed, never revalidated by a 304).
 * - `put` never throws because the store is unusable (read-only, not a directory, full disk): the store turns
 *   itself off, says so once through `onUnusable`, and the run goes on uncached.
 * - Freshness is the caller's: `isFresh(entry, maxAgeMs, now)`; revalidation uses `etag` / `lastModified`.
 */
export interface CacheStore {
  /** Where the entries live, for messages (`/home/me/.cache/stewards`, `redis://host/0`). */
  readonly location: string
  get(namespace: string, key: string): Promise<CacheEntry | null>
  put(namespace: string, entry: CacheEntry): Promise<void>
  delete(namespace: string, key: string): Promise<void>
  /** Every verified entry, sorted by namespace then key. */
  list(): AsyncIterable<NamespacedEntry>
  /** Releases what the store holds open (a Redis connection); the disk store has nothing to release. */
  close?(): Promise<void>
}

export interface CacheEntry {
  key: string
  /** Milliseconds since the epoch when the answer was stored or last revalidated. */
  storedAt: number
  status: number
  etag?: string
  lastModified?: string
  /** Response headers the reader needs (lower-case names); credential headers are never kept. */
  headers: Record<string, string>
  /**
   * The shape `body` is written in, chosen by the writer (`github/2`: only the fields stewards reads). An
   * entry written in another shape is a miss for a reader expecting this one, never an error.
   */
  schema?: string
  /** The answer's body as text (JSON for APIs). */
  body: string
}

export type NamespacedEntry = CacheEntry & {namespace: string}

/** The fields of an entry as files and bundles hold them (each adds its own around them). */
export const EntryFields = z.object({
  key: z.string(),
  storedAt: z.number(),
  status: z.number().int(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  headers: z.record(z.string(), z.string()),
  schema: z.string().optional(),
  body: z.string(),
})

/** Names of namespaces: no separator and no leading dot, so a namespace cannot climb out of a directory. */
export const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9.-]{0,63}$/
/**
 * Keys are plain text: printable, no control characters, bounded. They are hashed into file names, so they
 * cannot reach the file system, but a bundle is untrusted input and a key is printed in messages.
 */
export const KEY_PATTERN = /^[\x20-\x7e\u00a0-\uffff]{1,4096}$/u

/** Headers never stored: they can carry credentials or session state. */
const PRIVATE_HEADERS = new Set(['authorization', 'set-cookie', 'cookie', 'proxy-authorization'])

export function isFresh(entry: CacheEntry, maxAgeMs: number, now: number): boolean {
  return now - entry.storedAt < maxAgeMs
}

/** Lower-case header names without credentials, sorted (the same entry, the same bytes). */
export function publicHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of Object.keys(headers).sort()) {
    if (!PRIVATE_HEADERS.has(name.toLowerCase())) out[name.toLowerCase()] = headers[name]
  }
  return out
}

/**
 * SHA-256 over everything an entry says except when it was stored: namespace, key, status, validators,
 * headers, schema and body. Disk files and bundle entries carry it; readers recompute it before trusting one.
 */
export function entryChecksum(namespace: string, entry: CacheEntry): string {
  const meta = JSON.stringify([
    namespace,
    entry.key,
    entry.status,
    entry.etag ?? null,
    entry.lastModified ?? null,
    publicHeaders(entry.headers),
    entry.schema ?? null,
  ])
  return createHash('sha256').update(meta).update('\n').update(entry.body).digest('hex')
}

/** Why a namespace or key cannot be stored, or null when it can. */
export function badName(namespace: string, key: string): string | null {
  if (!NAMESPACE_PATTERN.test(namespace)) return `namespace '${printable(namespace)}' is not a plain name`
  if (!KEY_PATTERN.test(key)) return `key '${printable(key)}' is not plain text`
  return null
}

/** A name as it can be printed on one line: control characters escaped, cut at 200 characters. */
export function printable(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1)
  return escaped.length > 200 ? `${escaped.slice(0, 199)}…` : escaped
}
