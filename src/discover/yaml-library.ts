/**
 * The `yaml` library, loaded the first time a document needs it. Most inputs never do: js-yaml reads plain
 * documents and lockfiles (./yaml-fast.ts, ./lockfile-support/plain-yaml.ts), and loading the library is a good
 * part of inventory's start-up. Its Node build is CommonJS (its package.json exports `"node": "./dist/index.js"`
 * for `import` and `require` alike), so `require` gives the very module an `import` gives elsewhere.
 */
import {lazyRequire} from '../core/lazy-require.js'

export const yamlLibrary = lazyRequire<typeof import('yaml')>('yaml')
