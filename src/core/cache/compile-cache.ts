/**
 * Node's module compile cache for stewards' own code (Node 22.1 and later; `module.enableCompileCache`): V8 keeps the
 * compiled code of the bundle on disk, so a start compiles nothing it compiled before (issue #16: the corpus inventory
 * 90–190 ms less wall on Node 22 and 24 under load, the demo scan about 40 ms; the compiler's CPU was mostly beside
 * the main thread). bin/run.js turns it on before it loads any other part of stewards; Node 20 has no such cache.
 *
 * Where: `.node-compile-cache` in stewards' own cache directory (./dir.ts), a directory only the user writes, never
 * Node's default under `os.tmpdir()`, which other users of the machine can write on many systems, and compiled code is
 * code that runs. `NODE_COMPILE_CACHE=dir` puts it elsewhere, `NODE_DISABLE_COMPILE_CACHE=1` turns it off (Node's
 * own variables). Node checks each entry against the source it was compiled from (a new version of stewards misses,
 * then writes its own) and never fails the process over it: a directory that cannot be written leaves the start as
 * it was, without a word. `stewards cache clear` removes it with the rest of the default cache.
 */
import module from 'node:module'
import {isAbsolute, join} from 'node:path'
import {defaultCacheDir} from './dir.js'

/** The compile cache's folder inside the cache directory: not a namespace name, so no cache command takes it for one. */
export const COMPILE_CACHE_FOLDER = '.node-compile-cache'

/**
 * What turning it on gave: the directory in use, or undefined (an older Node, turned off, not writable, or the
 * command is `cache clear`, which removes the cache: Node writes its entries when the process exits, so the command
 * that removed them would write them again).
 */
export function enableCompileCache(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  // Node 20 has no compile cache.
  const enable = (module as {enableCompileCache?: (dir?: string) => {directory?: string}}).enableCompileCache
  if (enable === undefined || isCacheClear(argv)) return undefined
  // Node reads NODE_COMPILE_CACHE when no directory is given: the user's choice wins.
  if (env.NODE_COMPILE_CACHE) return enable().directory
  // Compiled code is code that runs: never from a folder relative to where stewards runs (a home that is no absolute
  // path), which may be the tree it scans.
  const dir = join(defaultCacheDir(env), COMPILE_CACHE_FOLDER)
  return isAbsolute(dir) ? enable(dir).directory : undefined
}

/** `stewards cache clear …` or `stewards cache:clear …` (oclif takes both). */
function isCacheClear(argv: readonly string[]): boolean {
  return argv[0] === 'cache:clear' || (argv[0] === 'cache' && argv[1] === 'clear')
}
