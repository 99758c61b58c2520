import {mkdtempSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildDemo, DEMO_DIR} from '../../scripts/demo/build.js'

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    return statSync(full).isDirectory() ? files(full) : [full]
  })
}

describe('the committed demo data', () => {
  it('is exactly what scripts/demo/build.ts generates (collected through the real collector and emulator)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'stewards-demo-build-'))
    await buildDemo(out)
    const generated = files(out)
      .map((f) => relative(out, f))
      .sort()
    expect(generated).toContain('snapshot.json')
    for (const file of generated) {
      expect(readFileSync(join(out, file), 'utf8'), `fixtures/demo/${file} is stale: run npm run demo:build`).toBe(
        readFileSync(join(DEMO_DIR, file), 'utf8'),
      )
    }
    const committed = files(join(DEMO_DIR, 'upstreams'))
      .map((f) => relative(DEMO_DIR, f))
      .sort()
    expect(committed).toEqual(generated.filter((f) => f.startsWith('upstreams/')))
  })

  it('names only fictional people and organisations (example domains)', () => {
    for (const file of files(join(DEMO_DIR, 'upstreams')).filter((f) => f.endsWith('commits.json'))) {
      for (const commit of JSON.parse(readFileSync(file, 'utf8'))) {
        expect(commit.author.email).toMatch(/(\.example\.(com|org|net|dev)|users\.noreply\.github\.com)$/)
      }
    }
  })
})
