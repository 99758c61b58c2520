// The bare-parse baseline of the inventory bench: read each listed file once and parse it with the fastest
// common parser of its syntax (JSON.parse, js-yaml, smol-toml, a line split), extracting nothing. Plain
// JavaScript, no tsx: its start-up is node's. Usage: node bench/bare-parse.mjs LIST (lines of `syntax<TAB>path`).
import {readFileSync} from 'node:fs'
import {loadAll} from 'js-yaml'
import {parse as parseToml} from 'smol-toml'

const parsers = {
  json: (text) => JSON.parse(text),
  yaml: (text) => loadAll(text),
  toml: (text) => parseToml(text),
  lines: (text) => text.split('\n'),
}

let items = 0
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (line === '') continue
  const [syntax, path] = line.split('\t')
  const parsed = parsers[syntax](readFileSync(path, 'utf8'))
  items += Array.isArray(parsed) ? parsed.length : 1
}
process.stdout.write(`${items}\n`)
