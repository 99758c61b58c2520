/**
 * Where the installed package keeps what it ships beside its code (`rules/`: packs, entities, bots, resolve maps).
 * Found from this module's own file by walking up to the folder that holds package.json and rules/: the built CLI
 * is bundled (scripts/bundle.mjs: entry points in dist/commands/, shared code in dist/chunks/) and the tests run
 * src/ as it is, so no fixed number of `..` fits both.
 */
import {existsSync} from 'node:fs'
import {dirname, join, relative, sep} from 'node:path'
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

/**
 * How a path is shown in messages and reports: a file the package ships relative to the package, with `/`
 * (`rules/packs/default/x.yaml`, the same on every machine and system), any other path as given.
 */
export function shownPath(path: string): string {
  const rel = relative(PACKAGE_ROOT, path)
  return rel.startsWith(`rules${sep}`) ? rel.split(sep).join('/') : path
}
