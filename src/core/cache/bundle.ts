import {parseUserJson, readUserFile} from '../user-file.js'
import {z} from 'zod'
import {compare} from '../compare.js'
import {usageError} from '../errors.js'
import {badName, type CacheStore, EntryFields, entryChecksum, printable} from './store.js'
import {firstIssue} from '../zod-issues.js'

/**
 * Cache bundles: the whole cache in one JSON file (`stewards cache export`), carried to an air-gapped
 * machine and loaded with `stewards cache import` or replayed with `--snapshot`. A bundle is untrusted input:
 * every entry carries the SHA-256 of what it says (`entryChecksum`) and is verified before use; a namespace or
 * key that is not a plain name refuses the whole bundle (it was not written by stewards).
 */
export const BUNDLE_FORMAT = 'stewards-cache-bundle'
export const BUNDLE_VERSION = 2

const BundleEntry = EntryFields.extend({namespace: z.string(), sha256: z.string()})

export const CacheBundle = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  entries: z.array(BundleEntry),
})
export type CacheBundle = z.infer<typeof CacheBundle>

export interface CheckedBundle {
  /** Entries whose checksum verified: safe to store or replay. */
  bundle: CacheBundle
  /** Entries that failed their checksum (`namespace key`), left out of `bundle`. */
  corrupt: string[]
}

/** True when the JSON says it is a bundle (whatever its version): snapshots are bundles or recordings. */
export function looksLikeBundle(json: unknown): boolean {
  return (json as {format?: unknown} | null)?.format === BUNDLE_FORMAT
}

/**
 * Checks a parsed bundle read from `file`. Usage errors (exit 3, one line): not a bundle, an older version
 * (no checksums), an entry whose namespace or key is not a plain name. Entries failing their checksum are
 * set aside in `corrupt` for the caller to report; the others are returned.
 */
export function checkBundle(json: unknown, file: string): CheckedBundle {
  const hint = 'a bundle is the file `stewards cache export FILE` writes; export it again from the cache'
  const version = (json as {version?: unknown} | null)?.version
  if (looksLikeBundle(json) && version !== BUNDLE_VERSION)
    throw usageError(
      'bundle-version',
      `${file}: cache bundle version ${printable(String(version))}, this stewards reads version ${BUNDLE_VERSION} (entries with checksums)`,
      hint,
    )
  const parsed = CacheBundle.safeParse(json)
  if (!parsed.success) {
    throw usageError('bundle-invalid', `${file}: not a stewards cache bundle (${firstIssue(parsed.error)})`, hint)
  }
  const entries: CacheBundle['entries'] = []
  const corrupt: string[] = []
  for (const [index, item] of parsed.data.entries.entries()) {
    const bad = badName(item.namespace, item.key)
    if (bad) throw usageError('bundle-invalid', `${file}: entry ${index + 1}: ${bad}`, hint)
    const {namespace, sha256, ...entry} = item
    if (entryChecksum(namespace, entry) === sha256) entries.push(item)
    else corrupt.push(`${namespace} ${printable(item.key)}`)
  }
  return {bundle: {...parsed.data, entries}, corrupt}
}

/** The sentence a reader prints about entries that failed their checksum. */
export function corruptNotice(file: string, corrupt: string[]): string {
  const count = corrupt.length
  return `${file}: ${count} ${count === 1 ? 'entry fails its' : 'entries fail their'} checksum and ${count === 1 ? 'was' : 'were'} left out (first: ${corrupt[0]}): the bundle was altered or damaged on the way`
}

/** Every verified entry of a store, sorted by namespace then key (the same cache, the same bytes). */
export async function exportBundle(store: CacheStore): Promise<CacheBundle> {
  const entries: CacheBundle['entries'] = []
  for await (const {namespace, ...entry} of store.list()) {
    entries.push({namespace, ...entry, sha256: entryChecksum(namespace, entry)})
  }
  return {format: BUNDLE_FORMAT, version: BUNDLE_VERSION, entries}
}

/** Writes every entry of a checked bundle into a store; returns how many. */
export async function importBundle(store: CacheStore, bundle: CacheBundle): Promise<number> {
  for (const {namespace, sha256: _sha256, ...entry} of bundle.entries) await store.put(namespace, entry)
  return bundle.entries.length
}

/**
 * Several checked bundles as one (`stewards cache merge`): for a namespace and key held by more than one, the
 * entry stored last wins (ties: the later bundle on the command line). Sorted like an export.
 */
export function mergeBundles(bundles: CacheBundle[]): CacheBundle {
  const byKey = new Map<string, CacheBundle['entries'][number]>()
  for (const bundle of bundles)
    for (const entry of bundle.entries) {
      const id = `${entry.namespace}\n${entry.key}`
      const held = byKey.get(id)
      if (!held || entry.storedAt >= held.storedAt) byKey.set(id, entry)
    }
  const entries = [...byKey.values()].sort((a, b) => compare(a.namespace, b.namespace) || compare(a.key, b.key))
  return {format: BUNDLE_FORMAT, version: BUNDLE_VERSION, entries}
}

/** Reads and checks a bundle file; a file that cannot be read or parsed is a usage error naming it (and the line). */
export async function readBundleFile(file: string): Promise<CheckedBundle> {
  const hint = 'a bundle is the file `stewards cache export FILE` writes'
  return checkBundle(parseUserJson(await readUserFile(file, 'the bundle', {hint}), file, hint), file)
}
