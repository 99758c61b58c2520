/**
 * Where the installed package keeps what it ships beside its code (`rules/`: packs, entities, bots, resolve maps).
 * Found from this module's own file by walking up to the folder that holds package.json and rules/: the built CLI
 * is bundled (scripts/bundle.mjs: entry points in dist/commands/, shared code in dist/chunks/) and the tests run
 * src/ as it is, so no fixed number of `..` fits both.
 */
import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

export function packageRootFrom(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules'))) return dir
    if (dirname(dir) === dir) throw new Error(`no package root (package.json beside rules/) above ${start}`)
  }
}

/** The package's root folder (no trailing separator). */
export const PACKAGE_ROOT = packageRootFrom(dirname(fileURLToPath(import.meta.url)))

/** A path inside the package, e.g. `shippedPath('rules', 'bots', 'default.yaml')`. */
export function shippedPath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts)
}
