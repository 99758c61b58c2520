/**
 * The root of the scan a file is in, as a format sees it through its DiscoverContext: the highest folder above the
 * file that the context lists (outside the root it lists nothing). Found once per scan: a DiscoverContext is one
 * root. Undefined when the context lists no folders (standard input).
 */
import {posix} from 'node:path'
import {perScan} from './per-scan.js'
import type {DiscoverContext} from './types.js'

const roots = perScan(() => ({root: undefined as string | undefined, found: false}))

export function scanRoot(file: string, context: DiscoverContext): string | undefined {
  const listDir = context.listDir
  if (listDir === undefined) return undefined
  const cached = roots(context)
  if (cached.found) return cached.root
  let root = posix.dirname(file)
  for (let up = posix.dirname(root); up !== root && listDir(up) !== null; up = posix.dirname(up)) root = up
  cached.root = root
  cached.found = true
  return root
}
