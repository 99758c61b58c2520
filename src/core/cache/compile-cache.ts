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
 * Where the compile cache goes for a start with these arguments and environment: a directory; `node`, Node's own
 * choice (NODE_COMPILE_CACHE, the user's, wins); or undefined, none: the command is `cache clear` (Node writes its
 * entries when the process exits, so the command that removed them would write them again), or the directory would
 * be relative to where stewards runs (a home that is no absolute path), which may be the tree it scans, and compiled
 * code is code that runs. Decided apart from turning it on, so that it is tested on every Node.
 */
export function compileCacheDir(argv: readonly string[], env: NodeJS.ProcessEnv): string | 'node' | undefined {
  if (isCacheClear(argv)) return undefined
  if (env.NODE_COMPILE_CACHE) return 'node'
  const dir = join(defaultCacheDir(env), COMPILE_CACHE_FOLDER)
  return isAbsolute(dir) ? dir : undefined
}

/** Turns the cache on where compileCacheDir says: the directory in use, or undefined (Node 20, off, not writable). */
export function enableCompileCache(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  // Node 20 has no compile cache.
  const enable = (module as {enableCompileCache?: (dir?: string) => {directory?: string}}).enableCompileCache
  const dir = enable && compileCacheDir(argv, env)
  if (!enable || dir === undefined) return undefined
  return (dir === 'node' ? enable() : enable(dir)).directory
}

/** `stewards cache clear …` or `stewards cache:clear …` (oclif takes both). */
function isCacheClear(argv: readonly string[]): boolean {
  return argv[0] === 'cache:clear' || (argv[0] === 'cache' && argv[1] === 'clear')
}
