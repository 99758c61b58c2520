/**
 * An inventory of valid files never loads zod (issue #16: zod is some 300 KB of code to compile at every start): the
 * lockfiles' entries, charts and kustomizations are checked by the predicates of their schemas' plans
 * (src/discover/checked.ts). On the demo and on ../shared/corpus, with zod unloaded first, the
 * inventory is the one zod gives when it checks every value itself, and zod is still not loaded at the end.
 */
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {discoverPaths} from '../../src/discover/index.js'
import {forgetSchemas, loadSchemas, schemasLoaded, usePlans} from '../../src/discover/checked.js'
import {repoRoot, sharedDir} from '../support/cli.js'

const corpus = join(sharedDir, 'corpus')
if (!existsSync(corpus)) console.warn(`SKIPPED: ${corpus} is absent; the corpus inventory without zod does not run`)

describe('an inventory of valid files', () => {
  afterEach(async () => {
    usePlans(true)
    await loadSchemas()
  })

  it.each([
    ['the demo', join(repoRoot, 'fixtures', 'demo')],
    ...(existsSync(corpus) ? [['../shared/corpus', corpus]] : []),
  ])('%s: needs no zod, and is what it is with zod', async (_name, dir) => {
    // The reference: every value checked by zod itself, as before plans.
    await loadSchemas()
    usePlans(false)
    const withZod = await discoverPaths([dir])
    usePlans(true)
    forgetSchemas()
    const withoutZod = await discoverPaths([dir])
    expect(schemasLoaded()).toBe(false)
    expect(withoutZod).toEqual(withZod)
    expect(withoutZod.components.filter((c) => c.origin === 'lockfile').length).toBeGreaterThan(0)
  })
})
