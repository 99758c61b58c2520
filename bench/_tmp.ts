import {readFileSync} from 'node:fs'
import {discoverers} from '../src/discover/registry.js'
import {discoverPaths} from '../src/discover/index.js'
const corpus = '/work/shared/corpus'
const files = (await import('node:child_process'))
  .execSync(`find ${corpus} -type f`)
  .toString()
  .trim()
  .split('\n')
  .sort()
const rows: [number, string][] = []
for (let pass = 0; pass < 2; pass++)
  for (const path of files) {
    const fs = discoverers.filter((d) => d.matches(path) && !d.sniff)
    if (!fs.length) continue
    const text = readFileSync(path, 'utf8')
    const t = process.cpuUsage()
    for (const f of fs) await f.discover({file: path, text}, {readText: () => null})
    const u = process.cpuUsage(t)
    if (pass === 1) rows.push([(u.user + u.system) / 1000, path.slice(corpus.length + 1)])
  }
rows.sort((a, b) => b[0] - a[0])
let tot = 0
for (const [ms] of rows) tot += ms
console.log('total', tot.toFixed(0))
for (const [ms, f] of rows.slice(0, 25)) console.log(ms.toFixed(0).padStart(6), f)
const t = process.cpuUsage()
const inv = await discoverPaths([corpus])
const u = process.cpuUsage(t)
console.log('discoverPaths', ((u.user + u.system) / 1000).toFixed(0), inv.components.length)
const t2 = process.cpuUsage()
const s = JSON.stringify(inv, null, 2)
const u2 = process.cpuUsage(t2)
console.log('stringify', ((u2.user + u2.system) / 1000).toFixed(0), s.length)
