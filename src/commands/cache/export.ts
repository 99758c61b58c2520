import {stat} from 'node:fs/promises'
import {Args} from '@oclif/core'
import {DiskCache, defaultCacheDir} from '../../core/cache/disk-cache.js'
import {collectFlags} from '../../collect/index.js'
import {BaseCommand} from '../../core/command.js'
import {chosenFormat, formatFlags} from '../../core/output-format.js'
import {usageError} from '../../core/errors.js'
import {safeOutput} from '../../core/neutralise.js'
import {checkWriteTarget, writeFileAtomic} from '../../core/write-file.js'

export default class CacheExport extends BaseCommand {
  static override summary = 'Write the whole cache to one file, to carry collected data to an air-gapped machine'
  static override description =
    'Every entry goes with its SHA-256 checksum, which `cache import` and `--snapshot` verify; entries of the cache that do not verify (damaged, or written by an older stewards) are left out and counted. Bundles name hosts, not API URLs: a bundle replays through any --github-api-url standing for the same host, or none.'
  static override examples = [
    '<%= config.bin %> cache export stewards-cache.json',
    '<%= config.bin %> cache export - > bundle.json',
    '<%= config.bin %> cache export stewards-cache.json --format json',
  ]
  static override args = {
    file: Args.string({
      description: 'Bundle file to write (atomically, never through a symbolic link; - for stdout)',
      required: true,
    }),
  }
  static override flags = {
    'cache-dir': collectFlags['cache-dir'],
    ...formatFlags('what was exported (the bundle goes to FILE)'),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(CacheExport)
    const dir = flags['cache-dir'] ?? defaultCacheDir()
    const format = chosenFormat(flags)
    if (format === 'json' && args.file === '-')
      throw usageError('bad-flags', '`cache export -` writes the bundle to stdout: --format json cannot', 'give a FILE')
    if (args.file !== '-') checkWriteTarget(args.file, {what: 'cache export'})
    // An empty bundle carried to an air-gapped machine is found out only there: refuse it here.
    const hint = `give the directory the collection used with --cache-dir${flags['cache-dir'] ? '' : ` (default ${dir})`}`
    const info = await stat(dir).catch(() => null)
    if (!info?.isDirectory())
      throw usageError('cache-export', `cache directory ${dir} does not exist: nothing to export`, hint)
    const cache = new DiskCache(dir)
    const bundle = await cache.exportBundle()
    if (bundle.entries.length === 0)
      throw usageError('cache-export', `cache directory ${dir} holds no cache entries: nothing to export`, hint)
    // Cached answers are upstream data: neutralised as JSON escapes (data exact), credentials removed.
    const text = safeOutput(`${JSON.stringify(bundle)}\n`)
    if (args.file === '-') process.stdout.write(text)
    else await writeFileAtomic(args.file, text, {what: 'cache export'})
    if (format === 'json') this.logJson({file: args.file, entries: bundle.entries.length, leftOut: cache.leftOut})
    else this.logToStderr(`exported ${bundle.entries.length} cache entries`)
    if (cache.leftOut > 0)
      this.logToStderr(`warning: left out ${cache.leftOut} damaged or outdated cache entries (they do not verify)`)
  }
}
