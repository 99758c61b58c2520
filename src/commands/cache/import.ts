import {Args} from '@oclif/core'
import {collectFlags} from '../../collect/index.js'
import {corruptNotice, importBundle, readBundleFile} from '../../core/cache/bundle.js'
import {openCacheStore} from '../../core/cache/open.js'
import {BaseCommand} from '../../core/command.js'
import {ExitCode, usageError} from '../../core/errors.js'
import {chosenFormat, formatFlags} from '../../core/output-format.js'

export default class CacheImport extends BaseCommand {
  static override summary = 'Load a bundle written by `cache export` into the cache'
  static override description =
    'Every entry of the bundle is verified against its SHA-256 checksum before it is stored. Exit 3 when the file is not a bundle of this version or an entry names a namespace or key that is not a plain name (nothing is imported); exit 2 when some entries fail their checksum (the others are imported, the damaged ones are not, and what they held is missing from offline runs). With --cache-url the entries go to the shared Redis store.'
  static override examples = [
    '<%= config.bin %> cache import stewards-cache.json && <%= config.bin %> collect karmada-io/karmada --offline',
    '<%= config.bin %> cache import all.bundle --cache-url redis://cache.internal:6379/0',
  ]
  static override args = {file: Args.string({description: 'Bundle file', required: true})}
  static override flags = {
    'cache-dir': collectFlags['cache-dir'],
    'cache-url': collectFlags['cache-url'],
    ...formatFlags('what was imported'),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(CacheImport)
    const {bundle, corrupt} = await readBundleFile(args.file)
    let unusable: string | undefined
    const cache = openCacheStore({
      cacheDir: flags['cache-dir'],
      cacheUrl: flags['cache-url'],
      onUnusable: (message) => {
        unusable ??= message
      },
    })
    const count = await importBundle(cache, bundle).finally(() => cache.close?.())
    if (unusable)
      throw usageError(
        'cache-import',
        `nothing imported: ${unusable}`,
        'give a writable directory with --cache-dir, or a reachable server with --cache-url',
      )
    if (chosenFormat(flags) === 'json') this.logJson({file: args.file, imported: count, damaged: corrupt.length})
    else this.logToStderr(`imported ${count} cache entries`)
    if (corrupt.length === 0) return
    this.logToStderr(`warning: ${corruptNotice(args.file, corrupt)}`)
    this.exit(ExitCode.incomplete)
  }
}
