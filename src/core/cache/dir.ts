/**
 * Where stewards keeps what it caches on this machine, when the user names no other place: `$XDG_CACHE_HOME/stewards`,
 * else `~/.cache/stewards`. A module of its own, with nothing but Node's path and os: bin/run.js reads it before
 * anything else loads (./compile-cache.ts), and the disk cache of the network stages starts from it.
 */
import {homedir} from 'node:os'
import {join} from 'node:path'

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(base, 'stewards')
}
