/**
 * A CommonJS library loaded the first time it is used, not at start-up. For parsers most runs never need: the
 * fallback readers behind the fast paths (jsonc-parser, saxes), the `yaml` library, dockerfile-ast. Every command
 * imports the discover stage, so each of them was loaded on every start (`npm run bench` measures it). They are
 * CommonJS, so `require` gives the very module an `import` would. Written here once: node:module has no lazy
 * import, and a dynamic `import()` would make their synchronous callers asynchronous.
 */
import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)

/** `load()` requires `name` on its first call and returns the same module afterwards. */
export function lazyRequire<T>(name: string): () => T {
  let module: T | undefined
  return () => {
    module ??= require(name) as T
    return module
  }
}

/** jsonc-parser: the JSON readers' fallback with positions and errors (discover) and user JSON files (core). */
export const jsonc = lazyRequire<typeof import('jsonc-parser')>('jsonc-parser')

/**
 * The `yaml` library, loaded the first time a document needs it. Most inputs never do: js-yaml reads plain documents
 * and lockfiles (discover's fast paths), and loading the library is a good part of inventory's start-up. Its Node
 * build is CommonJS (its package.json exports `"node": "./dist/index.js"` for `import` and `require` alike), so
 * `require` gives the very module an `import` gives elsewhere.
 */
export const yamlLibrary = lazyRequire<typeof import('yaml')>('yaml')
