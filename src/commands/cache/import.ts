import {readFile} from 'node:fs/promises'
import {Args, Flags} from '@oclif/core'
import {checkBundle, corruptNotice} from '../../core/cache/bundle.js'
import {DiskCache, defaultCacheDir} from '../../core/cache/disk-cache.js'
import {BaseCommand} from '../../core/command.js'
import {ExitCode, usageError} from '../../core/errors.js'
import {parseJsonText} from '../../core/json-text.js'

export default class CacheImport extends BaseCommand {
  static override summary = 'Load a bundle written by `cache export` into the cache'
  static override description =
    'Every entry of the bundle is verified against its SHA-256 checksum before it is stored. Exit 3 when the file is not a bundle of this version or an entry names a namespace or key that is not a plain name (nothing is imported); exit 2 when some entries fail their checksum (the others are imported, the damaged ones are not, and what they held is missing from offline runs).'
  static override examples = [
    '<%= config.bin %> cache import stewards-cache.json && <%= config.bin %> collect karmada-io/karmada --offline',
  ]
  static override args = {file: Args.string({description: 'Bundle file', required: true})}
  static override flags = {
    'cache-dir': Flags.string({description: 'Cache directory (default: $XDG_CACHE_HOME/stewards)', helpValue: 'DIR'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(CacheImport)
    const text = await readFile(args.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw usageError(
        'cache-import',
        `${args.file}: cannot read (${error.code ?? 'error'})`,
        'a bundle is the file `stewards cache export FILE` writes',
      )
    })
    const parsed = parseJsonText(text)
    if (!parsed.ok) throw usageError('cache-import', `${args.file}:${parsed.line}: ${parsed.message}`)
    const {bundle, corrupt} = checkBundle(parsed.value, args.file)
    const cache = new DiskCache(flags['cache-dir'] ?? defaultCacheDir())
    const count = await cache.importBundle(bundle)
    if (cache.unusable)
      throw usageError(
        'cache-import',
        `cannot write to the cache directory ${cache.dir} (${cache.unusable}): nothing imported`,
        'give a writable directory with --cache-dir',
      )
    this.logToStderr(`imported ${count} cache entries`)
    if (corrupt.length === 0) return
    this.logToStderr(`warning: ${corruptNotice(args.file, corrupt)}`)
    this.exit(ExitCode.incomplete)
  }
}
