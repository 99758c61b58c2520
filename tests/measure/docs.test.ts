import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {KEYS_MODULE, metricKeysModule, withMetricKeys} from '../../src/measure/docs.js'
import {metricFamilies, metricKeys} from '../../src/measure/index.js'
import {repoRoot} from '../support/cli.js'

/** The documented key tables equal the registry. STEWARDS_UPDATE_DOCS=1 rewrites them. */
describe('metric key documentation', () => {
  for (const file of ['src/measure/README.md', 'rules/README.md']) {
    it(`${file} lists every metric key with its definition`, () => {
      const path = join(repoRoot, file)
      const wanted = withMetricKeys(readFileSync(path, 'utf8'))
      if (process.env.STEWARDS_UPDATE_DOCS === '1') writeFileSync(path, wanted)
      expect(
        readFileSync(path, 'utf8'),
        `${file} is out of date: run STEWARDS_UPDATE_DOCS=1 npx vitest run tests/measure/docs.test.ts`,
      ).toBe(wanted)
    })
  }

  it(`${KEYS_MODULE} lists every metric key, for the stages that must not import measure`, () => {
    const path = join(repoRoot, KEYS_MODULE)
    const wanted = metricKeysModule()
    if (process.env.STEWARDS_UPDATE_DOCS === '1') writeFileSync(path, wanted)
    expect(
      readFileSync(path, 'utf8'),
      `${KEYS_MODULE} is out of date: run STEWARDS_UPDATE_DOCS=1 npx vitest run tests/measure/docs.test.ts`,
    ).toBe(wanted)
  })

  it('keys are unique, snake_case, and every family has a test beside it', () => {
    const keys = metricKeys().map((k) => k.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const key of keys) expect(key).toMatch(/^[a-z][a-z0-9_]*$/)
    for (const family of metricFamilies) {
      expect(
        () => readFileSync(join(repoRoot, 'src/measure/metrics', family.id, 'index.test.ts')),
        family.id,
      ).not.toThrow()
    }
  })
})
