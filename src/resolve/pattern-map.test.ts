import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {MapFile} from './resolvers/override/schema.js'
import {loadPatternMap} from './pattern-map.js'

async function mapOf(...matches: string[]): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'pattern-map-')), 'map.yaml')
  await writeFile(
    file,
    `mappings:\n${matches.map((m) => `  - {match: '${m}', repo: github.com/example/x}`).join('\n')}\n`,
  )
  return file
}

describe('loadPatternMap', () => {
  it('matches a glob of many stars in bounded time (a map and the names can both come from a scanned tree)', async () => {
    // picomatch's expression took 318 ms with 30 a's, and grows without bound with more.
    const [entry] = await loadPatternMap(await mapOf('pkg:npm/*a*a*a*a*a*a*a*a*a*a*a*b'), MapFile)
    expect(entry.test(`pkg:npm/${'a'.repeat(200)}`)).toBe(false)
    expect(entry.test('pkg:npm/aaaaaaaaaaab')).toBe(true)
    // As picomatch without `basename`: a glob without `/` is not matched against the last part of a name.
    const [bare] = await loadPatternMap(await mapOf('*a*a*a*'), MapFile)
    expect(bare.test('pkg:npm/aaa')).toBe(false)
    expect(bare.test('aaa')).toBe(true)
  })

  it('refuses a glob it cannot match in bounded time, naming file and line', async () => {
    const file = await mapOf('pkg:npm/x', 'pkg:npm/+(a)*+(b)*+(c)')
    await expect(loadPatternMap(file, MapFile)).rejects.toThrow(
      `${file}:3: match 'pkg:npm/+(a)*+(b)*+(c)' is not a glob stewards reads: it has 5 runs of * or extglob groups`,
    )
  })
})
