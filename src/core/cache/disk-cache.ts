import {createHash, randomBytes} from 'node:crypto'
import {readFileSync, realpathSync} from 'node:fs'
import {mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {homedir} from 'node:os'
import {join, parse, resolve} from 'node:path'
import {z} from 'zod'
import {usageError} from '../errors.js'
import {compare} from '../compare.js'

/**
 * On-disk HTTP cache shared by every network stage (GitHub, deps.dev, registries).
 * One JSON file per entry, written to a temp file then renamed, so two runs sharing the directory never
 * see half an entry; an entry that fails to parse is deleted and treated as a miss (self-healing).
 */
export const CacheEntry = z.object({
  key: z.string(),
  /** Milliseconds since the epoch when the response was stored or last revalidated. */
  storedAt: z.number(),
  status: z.number(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
})
export type CacheEntry = z.infer<typeof CacheEntry>

export const CacheBundle = z.object({
  format: z.literal('stewards-cache-bundle'),
  version: z.literal(1),
  entries: z.array(CacheEntry.extend({namespace: z.string()})),
})
export type CacheBundle = z.infer<typeof CacheBundle>

/** Names `put` accepts: no separator and no leading dot, so a namespace cannot climb out of the cache directory. */
export const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9.-]*$/
/** What `put` writes inside a namespace: `<2 hex>/<sha-256>.json`, plus temp files of a write in flight. */
const SHARD_PATTERN = /^[0-9a-f]{2}$/
const ENTRY_FILE_PATTERN = /^[0-9a-f]{64}\.json(?:\.\d+\.[0-9a-f]{12}\.tmp)?$/

export interface ClearResult {
  /** Namespace folders deleted, sorted, with how many entry files each held. */
  removed: Array<{namespace: string; entries: number}>
  /** Folders named like a namespace but holding something `put` never writes: left alone. */
  kept: string[]
}

/** Headers never written to disk: they can carry credentials or session state. */
const PRIVATE_HEADERS = new Set(['authorization', 'set-cookie', 'cookie', 'proxy-authorization'])

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(base, 'stewards')
}

export class DiskCache {
  readonly dir: string

  constructor(dir: string = defaultCacheDir()) {
    this.dir = dir
  }

  async get(namespace: string, key: string): Promise<CacheEntry | null> {
    const file = this.fileFor(namespace, key)
    let text: string
    try {
      // Synchronous on purpose: entries are small, and the thread-pool round trips of fs/promises dominated
      // warm offline runs (10,000 lookups: bench/resolve.ts).
      text = readFileSync(file, 'utf8')
    } catch {
      return null
    }
    const parsed = safeParse(text)
    if (!parsed || parsed.key !== key) {
      await rm(file, {force: true})
      return null
    }
    return parsed
  }

  async put(namespace: string, entry: CacheEntry): Promise<void> {
    const file = this.fileFor(namespace, entry.key)
    const clean: CacheEntry = {...entry, headers: publicHeaders(entry.headers)}
    await mkdir(join(file, '..'), {recursive: true})
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
    await writeFile(tmp, JSON.stringify(clean))
    await rename(tmp, file)
  }

  /** Every valid entry, sorted by namespace then key (deterministic bundles). */
  async exportBundle(): Promise<CacheBundle> {
    const entries: CacheBundle['entries'] = []
    for (const namespace of await listDir(this.dir)) {
      for (const shard of await listDir(join(this.dir, namespace))) {
        for (const name of await listDir(join(this.dir, namespace, shard))) {
          if (!name.endsWith('.json')) continue
          const text = await readFile(join(this.dir, namespace, shard, name), 'utf8').catch(() => '')
          const entry = safeParse(text)
          if (entry) entries.push({namespace, ...entry})
        }
      }
    }
    entries.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.key, b.key))
    return {format: 'stewards-cache-bundle', version: 1, entries}
  }

  /** Writes every entry of a bundle; returns how many. */
  async importBundle(bundle: CacheBundle): Promise<number> {
    for (const {namespace, ...entry} of bundle.entries) await this.put(namespace, entry)
    return bundle.entries.length
  }

  /** Namespace folders present (directories named like a namespace; symlinks are not followed), sorted. */
  async namespaces(): Promise<string[]> {
    const dirents = await readdir(this.dir, {withFileTypes: true}).catch(() => [])
    return dirents
      .filter((d) => d.isDirectory() && NAMESPACE_PATTERN.test(d.name))
      .map((d) => d.name)
      .sort(compare)
  }

  /**
   * Deletes every namespace folder whose whole content is cache entries, whichever stage wrote it.
   * A folder holding anything else is kept: a mistyped --cache-dir must never cost the user files.
   * The filesystem root and the home directory are refused outright.
   */
  async clear(): Promise<ClearResult> {
    const unsafe = unsafeCacheDir(this.dir)
    if (unsafe)
      throw usageError('cache-clear', `refusing to clear ${this.dir}: it is the ${unsafe}, not a cache directory`)
    const result: ClearResult = {removed: [], kept: []}
    for (const namespace of await this.namespaces()) {
      const entries = await countEntries(join(this.dir, namespace))
      if (entries === null) {
        result.kept.push(namespace)
        continue
      }
      await rm(join(this.dir, namespace), {recursive: true, force: true})
      result.removed.push({namespace, entries})
    }
    return result
  }

  private fileFor(namespace: string, key: string): string {
    if (!NAMESPACE_PATTERN.test(namespace)) throw new Error(`invalid cache namespace '${namespace}'`)
    const hash = createHash('sha256').update(key).digest('hex')
    return join(this.dir, namespace, hash.slice(0, 2), `${hash}.json`)
  }
}

function safeParse(text: string): CacheEntry | null {
  try {
    const result = CacheEntry.safeParse(JSON.parse(text))
    return result.success ? result.data : null
  } catch {
    return null
  }
}

function publicHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!PRIVATE_HEADERS.has(name.toLowerCase())) out[name.toLowerCase()] = value
  }
  return out
}

/** Entry files in a namespace folder, or null when it holds anything `put` does not write. */
async function countEntries(dir: string): Promise<number | null> {
  let count = 0
  for (const shard of await readdir(dir, {withFileTypes: true})) {
    if (!shard.isDirectory() || !SHARD_PATTERN.test(shard.name)) return null
    for (const file of await readdir(join(dir, shard.name), {withFileTypes: true})) {
      if (!file.isFile() || !ENTRY_FILE_PATTERN.test(file.name)) return null
      if (file.name.endsWith('.json')) count++
    }
  }
  return count
}

/** Why `dir` must never be cleared wholesale (after resolving `..` and symlinks), or null when it may be. */
export function unsafeCacheDir(dir: string, home: string = homedir()): 'filesystem root' | 'home directory' | null {
  const target = canonical(dir)
  if (target === parse(target).root) return 'filesystem root'
  return target === canonical(home) ? 'home directory' : null
}

function canonical(dir: string): string {
  try {
    return realpathSync(dir)
  } catch {
    return resolve(dir)
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort()
  } catch {
    return []
  }
}
