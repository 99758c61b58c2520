/**
 * A cache held in memory, for a snapshot replayed offline (`--snapshot`): its bundle, already verified entry by
 * entry when it was read (./bundle.ts `checkBundle`), is the whole cache of the run, and nothing goes to disk. The
 * disk store it replaces was written for each replay and read back (two temporary folders of one file per entry
 * in a scan: about 0.3 s of the demo's 1.5 s, most of it waiting for the file system).
 *
 * Entries are kept as the disk store would give them back: its fields only, never credential headers
 * (`publicHeaders`), names it would refuse refused, and `get` returns a copy, so a caller that changes what it got
 * changes nothing held here.
 */
import {compare} from '../compare.js'
import {type CacheBundle, importBundle} from './bundle.js'
import {badName, type CacheEntry, type CacheStore, type NamespacedEntry, publicHeaders} from './store.js'

export class MemoryCache implements CacheStore {
  private readonly entries = new Map<string, NamespacedEntry>()

  /** `location` names where the entries came from, for messages (the snapshot file). */
  constructor(readonly location: string) {}

  /** A store holding a verified bundle's entries. */
  static async of(bundle: CacheBundle, location: string): Promise<MemoryCache> {
    const store = new MemoryCache(location)
    await importBundle(store, bundle)
    return store
  }

  async get(namespace: string, key: string): Promise<CacheEntry | null> {
    const held = this.entries.get(idOf(namespace, key))
    if (held === undefined) return null
    const {namespace: _namespace, ...entry} = held
    return {...entry, headers: {...entry.headers}}
  }

  async put(namespace: string, entry: CacheEntry): Promise<void> {
    // The fields the disk store writes, and no other (EntryFields).
    const {key, storedAt, status, etag, lastModified, schema, body} = entry
    this.entries.set(idOf(namespace, key), {
      namespace,
      key,
      storedAt,
      status,
      ...(etag !== undefined ? {etag} : {}),
      ...(lastModified !== undefined ? {lastModified} : {}),
      headers: publicHeaders(entry.headers),
      ...(schema !== undefined ? {schema} : {}),
      body,
    })
  }

  async delete(namespace: string, key: string): Promise<void> {
    this.entries.delete(idOf(namespace, key))
  }

  async *list(): AsyncIterable<NamespacedEntry> {
    const all = [...this.entries.values()].sort((a, b) => compare(a.namespace, b.namespace) || compare(a.key, b.key))
    for (const entry of all) yield {...entry, headers: {...entry.headers}}
  }
}

/** As the disk and Redis stores name an entry: a namespace or key they would refuse is refused here too. */
function idOf(namespace: string, key: string): string {
  const bad = badName(namespace, key)
  if (bad) throw new Error(`invalid cache entry: ${bad}`)
  return `${namespace}\n${key}`
}
