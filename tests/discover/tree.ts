import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import type {Inventory} from '../../src/core/model.js'
import {type DiscoverOptions, discoverPaths} from '../../src/discover/index.js'

/** Writes files (path → content) into a fresh temporary directory and returns it. */
export async function makeTree(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'stewards-discover-'))
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), {recursive: true})
    await writeFile(join(dir, path), content)
  }
  return dir
}

/** Scans a temporary tree with the real engine; file paths in the result are relative to the tree. */
export async function scanTree(
  files: Record<string, string | Uint8Array>,
  options: DiscoverOptions = {},
): Promise<Inventory> {
  const dir = await makeTree(files)
  try {
    const inventory = await discoverPaths([dir], options)
    return JSON.parse(JSON.stringify(inventory).replaceAll(`${dir}/`, ''))
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

/** `ref file:line:column` of each component location: compact assertions. */
export function refsAt(inventory: Inventory): string[] {
  return inventory.components.flatMap((c) => c.locations.map((l) => `${c.ref} ${l.file}:${l.line}:${l.column}`)).sort()
}
