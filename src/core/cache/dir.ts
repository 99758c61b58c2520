/**
 * Where stewards keeps what it caches on this machine, when the user names no other place: `$XDG_CACHE_HOME/stewards`,
 * else `~/.cache/stewards`. A module of its own, with nothing but Node's path and os: bin/run.js reads it before
 * anything else loads (./compile-cache.ts), and the disk cache of the network stages starts from it.
 *
 * A relative XDG_CACHE_HOME is ignored, as the XDG Base Directory Specification says ("If an implementation
 * encounters a relative path in any of these variables it should consider the path invalid and ignore it"): it would
 * put the cache where stewards happens to run, often the tree it scans (`XDG_CACHE_HOME=~/.cache` left unexpanded in
 * a Dockerfile), and a cache a scanned tree can plant is a cache it can poison.
 */
import {homedir} from 'node:os'
import {isAbsolute, join} from 'node:path'

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache')
  return join(base, 'stewards')
}
