import {Flags} from '@oclif/core'

/** `--cache-url`, the same on every command that reads or writes the cache. */
export const cacheUrlFlag = Flags.string({
  description:
    'shared cache in Redis or Valkey, redis://[USER:PASSWORD@]HOST[:PORT][/DB] or rediss:// for TLS, instead of --cache-dir (password also from STEWARDS_CACHE_PASSWORD; never printed). An unreachable server is one warning and the run goes on uncached',
  env: 'STEWARDS_CACHE_URL',
  helpValue: 'URL',
})
