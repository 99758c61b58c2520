import {compare} from '../compare.js'
import {BUNDLE_FORMAT, BUNDLE_VERSION, type CacheBundle} from './bundle.js'
import {type CacheEntry, type CacheStore, entryChecksum, type NamespacedEntry} from './store.js'

/**
 * A store that passes everything to another one and remembers every entry a run read or wrote, so a shard
 * worker (`stewards collect --shard I/N --bundle FILE`) can hand back exactly what its share needed, whatever
 * else its cache holds.
 */
export class RecordingStore implements CacheStore {
  private readonly seen = new Map<string, NamespacedEntry>()

  constructor(private readonly inner: CacheStore) {}

  get location(): string {
    return this.inner.location
  }

  async get(namespace: string, key: string): Promise<CacheEntry | null> {
    const entry = await this.inner.get(namespace, key)
    if (entry) this.seen.set(`${namespace}\n${key}`, {namespace, ...entry})
    return entry
  }

  async put(namespace: string, entry: CacheEntry): Promise<void> {
    this.seen.set(`${namespace}\n${entry.key}`, {namespace, ...entry})
    await this.inner.put(namespace, entry)
  }

  async delete(namespace: string, key: string): Promise<void> {
    this.seen.delete(`${namespace}\n${key}`)
    await this.inner.delete(namespace, key)
  }

  list(): AsyncIterable<NamespacedEntry> {
    return this.inner.list()
  }

  async close(): Promise<void> {
    await this.inner.close?.()
  }

  /** What the run read or wrote, as a bundle sorted by namespace then key. */
  bundle(): CacheBundle {
    const entries = [...this.seen.values()]
      .sort((a, b) => compare(a.namespace, b.namespace) || compare(a.key, b.key))
      .map(({namespace, ...entry}) => ({namespace, ...entry, sha256: entryChecksum(namespace, entry)}))
    return {format: BUNDLE_FORMAT, version: BUNDLE_VERSION, entries}
  }
}
