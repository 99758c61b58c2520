/**
 * Parses the YAML the package ships (rules/) at build time, into dist/preparsed-yaml.json: each file's value and
 * the position of every node and mapping key, by the SHA-256 of its text (src/core/yaml-preparsed.ts says why).
 * Run by `npm run build` after the bundle, with the parser of src/core/ as the CLI runs it: esbuild bundles the two
 * modules it needs into a file of dist/ for the time of this script (beside node_modules, whose libraries it
 * imports), removed after. Files with problems are left out (they are parsed, and reported, at run time). Sorted,
 * so the same files give the same bytes.
 */
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {build} from 'esbuild'

const root = join(import.meta.dirname, '..')
const parser = join(root, 'dist', `.preparse-${process.pid}.mjs`)
await build({
  stdin: {
    contents:
      "export {preparseYamlText} from './src/core/yaml-file.ts'\nexport {PREPARSED_FILE, PREPARSED_FORMAT, PREPARSED_VERSION, textHash} from './src/core/yaml-preparsed.ts'\n",
    resolveDir: root,
    loader: 'ts',
  },
  absWorkingDir: root,
  outfile: parser,
  bundle: true,
  format: 'esm',
  platform: 'node',
  packages: 'external',
  logLevel: 'warning',
})
let loaded
try {
  loaded = await import(pathToFileURL(parser).href)
} finally {
  rmSync(parser)
}
const {preparseYamlText, PREPARSED_FILE, PREPARSED_FORMAT, PREPARSED_VERSION, textHash} = loaded

const entries = {}
for (const name of readdirSync(join(root, 'rules'), {recursive: true}).sort()) {
  if (!/\.ya?ml$/i.test(name)) continue
  const text = readFileSync(join(root, 'rules', name), 'utf8')
  const entry = preparseYamlText(text)
  if (entry) entries[textHash(text)] = entry
}
const sorted = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
writeFileSync(
  join(root, ...PREPARSED_FILE),
  `${JSON.stringify({format: PREPARSED_FORMAT, version: PREPARSED_VERSION, entries: sorted})}\n`,
)
