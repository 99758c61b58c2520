import {plainReason} from '../fs-reason.js'
import {createHash, randomBytes} from 'node:crypto'
import {existsSync, readFileSync, realpathSync} from 'node:fs'
import {lstat, mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {homedir} from 'node:os'
import {dirname, join, parse, resolve} from 'node:path'
import {z} from 'zod'
import {compare} from '../compare.js'
import {usageError} from '../errors.js'
import {type CacheBundle, exportBundle, importBundle} from './bundle.js'
import {COMPILE_CACHE_FOLDER} from './compile-cache.js'
import {defaultCacheDir} from './dir.js'
import {
  badName,
  type CacheEntry,
  type CacheStore,
  EntryFields,
  entryChecksum,
  NAMESPACE_PATTERN,
  type NamespacedEntry,
  publicHeaders,
} from './store.js'

export type {CacheEntry, CacheStore} from './store.js'
export {defaultCacheDir} from './dir.js'

/**
 * The on-disk cache shared by every network stage (GitHub, deps.dev, registries).
 *
 * One file per entry, `<namespace>/<2 hex>/<sha-256 of key>.json`: a header line (JSON: key, status, headers,
 * validators, schema, checksum), a newline, then the body exactly as stored (no escaping: a GitHub answer is
 * parsed once with JSON.parse). Written to a temp file then renamed, so two runs sharing the directory never
 * see half an entry. A file that does not verify (an older format, a cut write, a flipped byte) is deleted
 * and read as a miss. A directory that cannot be written (read-only, not a directory, full disk) turns the
 * cache off with one notice and no temp file left behind: the run goes on uncached.
 */
const FORMAT = 'stewards-cache-entry'
const VERSION = 2

const Header = EntryFields.omit({body: true}).extend({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  sha256: z.string(),
})

/** What `put` writes inside a namespace: `<2 hex>/<sha-256>.json`, plus temp files of a write in flight. */
const SHARD_PATTERN = /^[0-9a-f]{2}$/
const ENTRY_FILE_PATTERN = /^[0-9a-f]{64}\.json(?:\.\d+\.[0-9a-f]{12}\.tmp)?$/

/** Errors that say the directory cannot hold a cache, as opposed to a bug: the cache is turned off (said in words). */
const UNUSABLE = new Set([
  'EROFS',
  'EACCES',
  'EPERM',
  'ENOTDIR',
  'EEXIST',
  'EISDIR',
  'ENOSPC',
  'EDQUOT',
  'EFBIG',
  'ENAMETOOLONG',
  'ELOOP',
])

export interface ClearResult {
  /** Namespace folders deleted, sorted, with how many entry files each held. */
  removed: Array<{namespace: string; entries: number}>
  /** Folders named like a namespace but holding something `put` never writes: left alone. */
  kept: string[]
}

export interface DiskCacheOptions {
  /** Told once, when the directory turns out unusable: the message is one line for the user. */
  onUnusable?: (message: string) => void
}

export class DiskCache implements CacheStore {
  readonly dir: string
  /** Why writes are off (`read-only file system`), once a write failed for a reason a retry will not cure. */
  unusable: string | null = null
  /** Entries found corrupt and deleted during this instance's life. */
  healed = 0
  /** Entry files `list` left out because they do not verify (an export does not carry them). */
  leftOut = 0
  private readonly onUnusable?: (message: string) => void
  /** Shard directories this instance made or found: one mkdir each, not one per entry. */
  private readonly made = new Set<string>()

  constructor(dir: string = defaultCacheDir(), options: DiskCacheOptions = {}) {
    this.dir = dir
    this.onUnusable = options.onUnusable
  }

  get location(): string {
    return this.dir
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
    const entry = decode(namespace, text)
    if (!entry || entry.key !== key) {
      this.healed++
      await rm(file, {force: true}).catch(() => {})
      return null
    }
    return entry
  }

  async put(namespace: string, entry: CacheEntry): Promise<void> {
    const file = this.fileFor(namespace, entry.key)
    if (this.unusable) return
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
    try {
      const dir = join(file, '..')
      if (!this.made.has(dir)) {
        await makeDir(dir)
        this.made.add(dir)
      }
      await writeFile(tmp, encode(namespace, entry))
      await rename(tmp, file)
    } catch (error) {
      await rm(tmp, {force: true}).catch(() => {})
      const code = (error as NodeJS.ErrnoException).code ?? ''
      // The shard went away since this instance made it (`cache clear` meanwhile): make it again, once.
      if (code === 'ENOENT' && this.made.delete(join(file, '..'))) return this.put(namespace, entry)
      if (!UNUSABLE.has(code)) throw error
      this.disable(plainReason(error))
    }
  }

  async delete(namespace: string, key: string): Promise<void> {
    await rm(this.fileFor(namespace, key), {force: true}).catch(() => {})
  }

  async *list(): AsyncIterable<NamespacedEntry> {
    const entries: NamespacedEntry[] = []
    for (const namespace of await listDir(this.dir)) {
      if (!NAMESPACE_PATTERN.test(namespace)) continue
      for (const shard of await listDir(join(this.dir, namespace))) {
        for (const name of await listDir(join(this.dir, namespace, shard))) {
          if (!name.endsWith('.json')) continue
          const text = await readFile(join(this.dir, namespace, shard, name), 'utf8').catch(() => '')
          const entry = decode(namespace, text)
          if (entry) entries.push({namespace, ...entry})
          else this.leftOut++
        }
      }
    }
    entries.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.key, b.key))
    yield* entries
  }

  /** Every valid entry as a bundle (sorted: the same cache, the same bytes). */
  exportBundle(): Promise<CacheBundle> {
    return exportBundle(this)
  }

  /** Writes every entry of a verified bundle; returns how many. */
  importBundle(bundle: CacheBundle): Promise<number> {
    return importBundle(this, bundle)
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
    // Node's compiled code of stewards itself (./compile-cache.ts), when it lives here: a directory, never a link.
    const compiled = join(this.dir, COMPILE_CACHE_FOLDER)
    const files = await countFiles(compiled)
    if (files !== null) {
      await rm(compiled, {recursive: true, force: true})
      result.removed.push({namespace: COMPILE_CACHE_FOLDER, entries: files})
    }
    return result
  }

  private disable(reason: string): void {
    if (this.unusable) return
    this.unusable = reason
    this.onUnusable?.(
      `cache directory ${this.dir} cannot be written (${reason}): going on without a cache, nothing fetched is kept`,
    )
  }

  private fileFor(namespace: string, key: string): string {
    const bad = badName(namespace, key)
    if (bad) throw new Error(`invalid cache entry: ${bad}`)
    const hash = createHash('sha256').update(key).digest('hex')
    return join(this.dir, namespace, hash.slice(0, 2), `${hash}.json`)
  }
}

/** An entry as one text: a header line (with its checksum) then the body. The Redis store keeps the same bytes. */
export function encode(namespace: string, entry: CacheEntry): string {
  const headers = publicHeaders(entry.headers)
  const clean: CacheEntry = {...entry, headers}
  const header: z.infer<typeof Header> = {
    format: FORMAT,
    version: VERSION,
    key: entry.key,
    storedAt: entry.storedAt,
    status: entry.status,
    ...(entry.etag !== undefined ? {etag: entry.etag} : {}),
    ...(entry.lastModified !== undefined ? {lastModified: entry.lastModified} : {}),
    headers,
    ...(entry.schema !== undefined ? {schema: entry.schema} : {}),
    sha256: entryChecksum(namespace, clean),
  }
  return `${JSON.stringify(header)}\n${entry.body}`
}

/** The entry a file holds when it verifies, else null (older format, cut or altered). */
export function decode(namespace: string, text: string): CacheEntry | null {
  const newline = text.indexOf('\n')
  if (newline < 0) return null
  let header: z.infer<typeof Header>
  try {
    const parsed = Header.safeParse(JSON.parse(text.slice(0, newline)))
    if (!parsed.success) return null
    header = parsed.data
  } catch {
    return null
  }
  const {format: _format, version: _version, sha256, ...fields} = header
  const entry: CacheEntry = {...fields, body: text.slice(newline + 1)}
  return entryChecksum(namespace, entry) === sha256 ? entry : null
}

/**
 * `mkdir -p`, naming the real reason: Node's recursive mkdir reports ENOENT on a read-only file system, so the
 * first missing level is created on its own to learn why it cannot be.
 */
async function makeDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, {recursive: true})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    const levels: string[] = []
    for (let d = dir; d !== parse(d).root && !existsSync(d); d = dirname(d)) levels.unshift(d)
    for (const level of levels) await mkdir(level)
    throw error
  }
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

/** Files anywhere under a directory (not a symlink to one), or null when there is no such directory. */
async function countFiles(dir: string): Promise<number | null> {
  const stats = await lstat(dir).catch(() => undefined)
  if (!stats?.isDirectory()) return null
  const dirents = await readdir(dir, {withFileTypes: true, recursive: true})
  return dirents.filter((d) => d.isFile()).length
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
