import {Args} from '@oclif/core'
import {CacheBundle, DiskCache, defaultCacheDir} from '../../core/cache/disk-cache.js'
import {collectFlags} from '../../collect/index.js'
import {BaseCommand} from '../../core/command.js'
import {usageError} from '../../core/errors.js'
import {parseUserJson, readUserFile} from '../../core/user-file.js'

export default class CacheImport extends BaseCommand {
  static override summary = 'Load a bundle written by `cache export` into the cache'
  static override examples = [
    '<%= config.bin %> cache import stewards-cache.json && <%= config.bin %> collect karmada-io/karmada --offline',
  ]
  static override args = {file: Args.string({description: 'Bundle file', required: true})}
  static override flags = {
    'cache-dir': collectFlags['cache-dir'],
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(CacheImport)
    const json = parseUserJson(await readUserFile(args.file, 'the bundle'), args.file)
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
