import {rm} from 'node:fs/promises'
import {join} from 'node:path'
import {Flags} from '@oclif/core'
import {defaultCacheDir} from '../../collect/cache/disk-cache.js'
import {BaseCommand} from '../../core/command.js'

/** Namespaces stewards writes (github; deps.dev, npm and OCI for resolution): nothing else is removed. */
const NAMESPACES = ['github', 'deps.dev', 'npm', 'oci']

export default class CacheClear extends BaseCommand {
  static override summary = 'Delete the cached API answers'
  static override flags = {'cache-dir': Flags.string({description: 'Cache directory (default: $XDG_CACHE_HOME/stewards)', helpValue: 'DIR'})}

  async run(): Promise<void> {
    const {flags} = await this.parse(CacheClear)
    const dir = flags['cache-dir'] ?? defaultCacheDir()
    for (const namespace of NAMESPACES) await rm(join(dir, namespace), {recursive: true, force: true})
    this.logToStderr(`cleared ${dir}`)
  }
}
