/**
 * A snapshot file (`--snapshot`) read and checked once: a cache bundle, its entries verified (checksums), or a
 * recorded collection. A scan reads it before resolution, whose whole cache it is, and hands it to the collect stage
 * (CollectOptions.snapshotContent): one read, one parse and one verification for every stage, where each stage
 * used to read the file on its own. A file that cannot be read, is not JSON or is neither form is a usage error
 * (`file-unreadable`, `json-invalid`, `snapshot-invalid`, or the bundle's own; exit 3).
 */
import {type CacheBundle, checkBundle, looksLikeBundle} from '../../../core/cache/bundle.js'
import {MemoryCache} from '../../../core/cache/memory-store.js'
import {usageError} from '../../../core/errors.js'
import {parseUserJson, readUserFile} from '../../../core/user-file.js'
import {RecordedCollection} from './schema.js'

export type Snapshot =
  | {
      file: string
      kind: 'bundle'
      /** The entries whose checksum verified. */
      bundle: CacheBundle
      /** Entries that failed their checksum (`namespace key`), left out of `bundle`: the reader reports them. */
      corrupt: string[]
    }
  | {file: string; kind: 'recording'; recording: RecordedCollection}

const HINT = 'a snapshot is a `stewards cache export` bundle or `stewards collect --format json` output'

export async function readSnapshot(file: string): Promise<Snapshot> {
  const json = parseUserJson(await readUserFile(file, 'the snapshot', {hint: HINT}), file, HINT)
  if (looksLikeBundle(json)) return {file, kind: 'bundle', ...checkBundle(json, file)}
  const parsed = RecordedCollection.safeParse(json)
  if (!parsed.success)
    throw usageError(
      'snapshot-invalid',
      `${file}: neither a cache bundle nor a recorded collection (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
    )
  return {file, kind: 'recording', recording: parsed.data}
}

/**
 * The snapshot as a cache held in memory: a bundle's verified entries; nothing for a recording, which holds
 * collected projects, not answers (the resolve stage then reads no registry answer, as offline without a cache).
 */
export function snapshotStore(snapshot: Snapshot): Promise<MemoryCache> {
  return snapshot.kind === 'bundle'
    ? MemoryCache.of(snapshot.bundle, snapshot.file)
    : Promise.resolve(new MemoryCache(snapshot.file))
}
