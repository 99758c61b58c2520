/**
 * `npm run build` after the type check (tsc, which emits nothing): bundles src/ into dist/ with esbuild, straight from
 * the TypeScript (`isolatedModules` and `verbatimModuleSyntax` make each file's JavaScript independent of types, so
 * esbuild's transform emits what tsc would; tsc's emit of 300-odd files cost 8 s of every build), so a command loads
 * a handful of files instead of several hundred modules (issue #16: about 80 ms off every start; zod alone is 95
 * modules). Entry points go where oclif and bin/run.js look for them (dist/commands/**, dist/hooks/**,
 * dist/core/cache/compile-cache.js, dist/core/tiering.js, dist/core/debug-log.js, dist/core/cli-main.js); code they
 * share goes to dist/chunks/, and a dynamic import (`--resolve`'s stage) stays a chunk of its own, loaded only when
 * used.
 *
 * @oclif/core is bundled too (some 160 CommonJS modules with its dependencies: about 40 ms of every start), so
 * bin/run.js starts it from dist/core/cli-main.js, the copy the commands use. Its own package.json is inlined where
 * it reads it with `require`; its engines check (a path beside its code, which a bundle does not have) is off
 * (bin/run.js).
 *
 * `debug` is bundled too, in the chunk oclif, ioredis and dist/core/debug-log.js share: bin/run.js redacts tokens in
 * the DEBUG output by patching that one instance (tests/trust/debug-token.test.ts), and none of the libraries
 * core/lazy-require.ts loads from node_modules uses `debug` (tests/trust/bundle-plugins.test.ts checks both). Loaded
 * from node_modules it started Node's CommonJS loader for four small modules: about 9 ms of every start.
 * (`stewards help` is a command of stewards, src/commands/help.ts: no plug-in brings a second copy of oclif.)
 *
 * Kept outside the bundle, loaded from node_modules:
 * - What @oclif/core loads only to run TypeScript sources in development (typescript, ts-node): not in a package.
 *   wsl-utils, which oclif imports at every start to name the platform, is bundled (stewards does not declare it).
 * - The libraries core/lazy-require.ts loads on first use (createRequire at run time, which esbuild does not follow).
 * CommonJS libraries inside the bundle call `require` for Node's own modules: the banner gives every output file one.
 * Source maps point into src/.
 */
import {readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {build} from 'esbuild'
import {englishOnlyZod, lazyPackageUrlCollator, lazyStringWidthSegmenter, oclifCommandOrder} from './bundle-plugins.mjs'

const root = join(import.meta.dirname, '..')
const src = join(root, 'src')
const dist = join(root, 'dist')
const ENTRY_DIRS = ['commands', 'hooks']
const ENTRY_FILES = ['core/cache/compile-cache.ts', 'core/tiering.ts', 'core/debug-log.ts', 'core/cli-main.ts']
const EXTERNAL = ['typescript', 'ts-node']

function filesUnder(dir) {
  return readdirSync(dir, {recursive: true})
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
}

const entryPoints = [
  ...ENTRY_DIRS.flatMap((dir) =>
    filesUnder(join(src, dir)).filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts')),
  ),
  ...ENTRY_FILES.map((file) => join(src, file)),
]

await build({
  entryPoints,
  absWorkingDir: root,
  outdir: dist,
  outbase: src,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // The oldest Node the code runs on (the development machines'); package.json engines name the supported ones.
  target: 'node20.11',
  external: EXTERNAL,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  sourcesContent: false,
  // Whitespace and syntax only: names stay as written, so stack traces read as the source (about 10 ms a start).
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'inline',
  banner: {
    js: "import {createRequire as __stewardsCreateRequire} from 'node:module';\nconst require = __stewardsCreateRequire(import.meta.url);",
  },
  // Work some libraries do at every start and stewards never needs: ./bundle-plugins.mjs.
  plugins: [englishOnlyZod, lazyPackageUrlCollator, lazyStringWidthSegmenter, oclifCommandOrder],
  logLevel: 'warning',
})
