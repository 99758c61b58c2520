import {stat, writeFile} from 'node:fs/promises'
import {Args} from '@oclif/core'
import {DiskCache, defaultCacheDir} from '../../core/cache/disk-cache.js'
import {collectFlags} from '../../collect/index.js'
import {BaseCommand} from '../../core/command.js'
import {usageError} from '../../core/errors.js'

export default class CacheExport extends BaseCommand {
  static override summary = 'Write the whole cache to one file, to carry collected data to an air-gapped machine'
  static override examples = [
    '<%= config.bin %> cache export stewards-cache.json',
    '<%= config.bin %> cache export - > bundle.json',
  ]
  static override args = {file: Args.string({description: 'Bundle file to write (- for stdout)', required: true})}
  static override flags = {
    'cache-dir': collectFlags['cache-dir'],
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(CacheExport)
    const dir = flags['cache-dir'] ?? defaultCacheDir()
    // An empty bundle carried to an air-gapped machine is found out only there: refuse it here.
    const hint = `give the directory the collection used with --cache-dir${flags['cache-dir'] ? '' : ` (default ${dir})`}`
    const info = await stat(dir).catch(() => null)
    if (!info?.isDirectory())
      throw usageError('cache-export', `cache directory ${dir} does not exist: nothing to export`, hint)
    const bundle = await new DiskCache(dir).exportBundle()
    if (bundle.entries.length === 0)
      throw usageError('cache-export', `cache directory ${dir} holds no cache entries: nothing to export`, hint)
    const text = `${JSON.stringify(bundle)}\n`
    if (args.file === '-') process.stdout.write(text)
    else
      await writeFile(args.file, text).catch((error: NodeJS.ErrnoException) => {
        throw usageError('cache-export', `cannot write ${args.file}: ${error.code ?? error.message}`)
      })
    this.logToStderr(`exported ${bundle.entries.length} cache entries`)
  }
}
