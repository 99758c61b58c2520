/**
 * The names in a folder of the scan, listed once per scan whoever asks (kustomize-owners.ts, own-images.ts: both look
 * at the folders of every manifest and those above it).
 */
import {perScan} from './per-scan.js'
import type {DiscoverContext} from './types.js'

const listings = perScan(() => new Map<string, readonly string[] | null>())

/** The names in a folder (context.listDir, which obeys --include and --exclude), once per scan; null for no folder. */
export function folderListing(dir: string, context: DiscoverContext): readonly string[] | null {
  const cache = listings(context)
  const known = cache.get(dir)
  if (known !== undefined) return known
  const names = context.listDir?.(dir) ?? null
  cache.set(dir, names)
  return names
}
