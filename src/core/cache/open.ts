import {DiskCache, defaultCacheDir} from './disk-cache.js'
import {parseCacheUrl, RedisStore} from './redis-store.js'
import type {CacheStore} from './store.js'

export interface OpenCacheOptions {
  cacheDir?: string
  /** `redis://…` or `rediss://…`: the shared store instead of the directory. */
  cacheUrl?: string
  maxAgeMs?: number
  onUnusable?: (message: string) => void
  env?: NodeJS.ProcessEnv
}

/** The cache a run uses: the shared Redis store when `cacheUrl` is given, else the disk directory (the default). */
export function openCacheStore(options: OpenCacheOptions): CacheStore {
  const env = options.env ?? process.env
  if (options.cacheUrl)
    return new RedisStore(parseCacheUrl(options.cacheUrl), {
      password: env.STEWARDS_CACHE_PASSWORD,
      maxAgeMs: options.maxAgeMs,
      onUnusable: options.onUnusable,
    })
  return new DiskCache(options.cacheDir ?? defaultCacheDir(env), {onUnusable: options.onUnusable})
}
