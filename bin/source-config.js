// An oclif Config for running stewards from src/ through tsx (bin/dev.js, tests). `npm run build` writes
// oclif.manifest.json, whose entries point into dist/: oclif would load the built commands instead of the
// sources. Here the root plugin ignores the manifest, so commands are found (and their help built) from src/.
import {fileURLToPath} from 'node:url'
import {Config, Plugin} from '@oclif/core'

export const root = fileURLToPath(new URL('..', import.meta.url))

/** `options.logger`: oclif's debug logger (bin/dev.js gives the one that keeps the token out of DEBUG output). */
export async function sourceConfig(options = {}) {
  // oclif maps dist/ to src/ (tsconfig's outDir and rootDir) only in development.
  process.env.NODE_ENV = 'development'
  const plugin = new Plugin({root, isRoot: true, ignoreManifest: true, ...options})
  await plugin.load()
  const config = new Config({root, plugins: new Map([[plugin.name, plugin]]), ...options})
  await config.load()
  // Plugins given up front stop oclif from loading the others: load the core plugins (help) as well.
  await config.loadPluginsAndCommands({force: true})
  return config
}
