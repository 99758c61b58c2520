import {readFile} from 'node:fs/promises'
import {Args, Flags} from '@oclif/core'
import {CacheBundle, DiskCache, defaultCacheDir} from '../../core/cache/disk-cache.js'
import {BaseCommand} from '../../core/command.js'
import {usageError} from '../../core/errors.js'
import {parseJsonText} from '../../core/json-text.js'

export default class CacheImport extends BaseCommand {
  static override summary = 'Load a bundle written by `cache export` into the cache'
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
      throw usageError('cache-import', `${args.file}: cannot read (${error.code ?? 'error'})`)
    })
    const parsed = parseJsonText(text)
    if (!parsed.ok) throw usageError('cache-import', `${args.file}:${parsed.line}: ${parsed.message}`)
    const json = parsed.value
    const bundle = CacheBundle.safeParse(json)
    if (!bundle.success) {
      const issue = bundle.error.issues[0]
      throw usageError(
        'cache-import',
        `${args.file}: not a stewards cache bundle (${issue?.path.join('.')}: ${issue?.message})`,
      )
    }
    const count = await new DiskCache(flags['cache-dir'] ?? defaultCacheDir()).importBundle(bundle.data)
    this.logToStderr(`imported ${count} cache entries`)
  }
}
