/**
 * Parses the YAML the package ships (rules/) at build time, into dist/preparsed-yaml.json: each file's value and
 * the position of every node and mapping key, by the SHA-256 of its text (src/core/yaml-preparsed.ts says why).
 * Run by `npm run build` between tsc and the bundle, from tsc's output (dist/core/*.js). Files with problems are
 * left out (they are parsed, and reported, at run time). Sorted, so the same files give the same bytes.
 */
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {preparseYamlText} from '../dist/core/yaml-file.js'
import {PREPARSED_FILE, PREPARSED_FORMAT, PREPARSED_VERSION, textHash} from '../dist/core/yaml-preparsed.js'

const root = join(import.meta.dirname, '..')
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
