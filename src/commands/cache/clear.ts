import {join} from 'node:path'
import {DiskCache, defaultCacheDir} from '../../core/cache/disk-cache.js'
import {collectFlags} from '../../collect/index.js'
import {BaseCommand} from '../../core/command.js'
import {chosenFormat, formatFlags} from '../../core/output-format.js'

export default class CacheClear extends BaseCommand {
  static override summary = 'Delete the cached API answers (every namespace: GitHub and the package registries)'
  static override description =
    "Removes each namespace folder of the cache directory that holds only cache entries, and Node's compiled code of stewards (.node-compile-cache, Node 22 and later), and prints the folders removed. Folders holding other files are kept; the filesystem root and the home directory are refused."
  static override examples = [
    '<%= config.bin %> cache clear',
    '<%= config.bin %> cache clear --cache-dir ./stewards-cache --format json',
  ]
  static override flags = {
    'cache-dir': collectFlags['cache-dir'],
    ...formatFlags('the folders removed and kept'),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(CacheClear)
    const dir = flags['cache-dir'] ?? defaultCacheDir()
    const {removed, kept} = await new DiskCache(dir).clear()
    if (chosenFormat(flags) === 'json') {
      this.logJson({
        directory: dir,
        removed: removed.map(({namespace, entries}) => ({namespace, path: join(dir, namespace), entries})),
        kept: kept.map((namespace) => ({namespace, path: join(dir, namespace)})),
      })
      return
    }
    for (const {namespace, entries} of removed)
      this.log(`removed ${join(dir, namespace)} (${entries} ${entries === 1 ? 'entry' : 'entries'})`)
    for (const namespace of kept)
      this.logToStderr(`kept ${join(dir, namespace)}: it holds files stewards does not write`)
    if (removed.length === 0 && kept.length === 0) this.logToStderr(`nothing to clear in ${dir}`)
  }
}
