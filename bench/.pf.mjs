// cold process: time each file through discoverPaths (ours) or the bare parser
import {readFileSync} from 'node:fs'
const mode = process.argv[2]
const list = readFileSync('/tmp/p14/files-pnpm.txt', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => l.split('\t'))
const out = []
if (mode === 'ours') {
  const m = await import('/work/main/dist/chunks/chunk-ZZZFGLAZ.js')
  for (const [syn, p] of list) {
    const t = performance.now()
    await m.discoverPaths([p], {})
    out.push([performance.now() - t, syn, p])
  }
} else {
  const {loadAll} = await import('js-yaml')
  const {parse} = await import('smol-toml')
  const parsers = {json: JSON.parse, yaml: loadAll, toml: parse, lines: (t) => t.split('\n')}
  for (const [syn, p] of list) {
    const t = performance.now()
    parsers[syn](readFileSync(p, 'utf8'))
    out.push([performance.now() - t, syn, p])
  }
}
console.log(JSON.stringify(out))
