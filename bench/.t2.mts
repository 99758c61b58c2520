import {readFileSync} from 'node:fs'
import {load, loadAll, CORE_SCHEMA} from 'js-yaml'
import {loadPlainYaml} from '../src/discover/lockfile-support/plain-yaml.ts'
import {discoverPnpmLock} from '../src/discover/formats/pnpm-lock/index.ts'
const f = process.argv[2]
const text = readFileSync(f, 'utf8')
const order = process.env.ORDER ?? 'abcd'
for (let i = 0; i < 8; i++) {
  const r: string[] = []
  for (const c of order) {
    const t = performance.now()
    if (c === 'a') loadAll(text)
    if (c === 'b') load(text, {schema: CORE_SCHEMA})
    if (c === 'c') loadPlainYaml(text, (p) => p.length < 2)
    if (c === 'd') discoverPnpmLock(f, text)
    r.push(c + ' ' + (performance.now() - t).toFixed(1))
  }
  console.log(r.join('  '))
}
