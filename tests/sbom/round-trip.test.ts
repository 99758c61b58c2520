/**
 * The SBOM round trip of issue #14: an SBOM produced by a real generator (@cyclonedx/cyclonedx-npm 6.0.1) from a
 * fixture tree gives the same upstream repositories as scanning the tree itself. The tree resolves through the
 * registries (emulated on 127.0.0.1 from recorded npm answers); the SBOM through the repositories it states.
 */
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Component} from '../../src/core/model.js'
import {discoverPaths} from '../../src/discover/index.js'
import {type ResolveRun, resolveComponents} from '../../src/resolve/index.js'
import {tempCacheDir} from '../support/registry-emulators/fixtures.js'
import {type RegistryEmulators, startRegistryEmulators} from '../support/registry-emulators/index.js'

const dir = join(import.meta.dirname, '__fixtures__', 'round-trip')

let emulators: RegistryEmulators
beforeAll(async () => {
  emulators = await startRegistryEmulators()
})
afterAll(() => emulators.close())

async function resolve(components: Component[]): Promise<ResolveRun> {
  return resolveComponents(components, {cacheDir: await tempCacheDir(), endpoints: emulators.endpoints, retries: 0})
}

/** name@version → repository, for every resolved component. */
function repositories(run: ResolveRun): Record<string, string> {
  const out: Record<string, string> = {}
  for (const group of run.groups) for (const c of group.components) out[`${c.name}@${c.version}`] = group.repo
  return out
}

const EXPECTED = {
  'fast-json-stable-stringify@2.1.0': 'github.com/epoberezkin/fast-json-stable-stringify',
  'left-pad@1.3.0': 'github.com/stevemao/left-pad',
  'mimic-fn@2.1.0': 'github.com/sindresorhus/mimic-fn',
  'path-exists@4.0.0': 'github.com/sindresorhus/path-exists',
  'pify@4.0.1': 'github.com/sindresorhus/pify',
  'pretty-bytes@6.1.1': 'github.com/sindresorhus/pretty-bytes',
  'yocto-queue@0.1.0': 'github.com/sindresorhus/yocto-queue',
  'zod@3.22.4': 'github.com/colinhacks/zod',
  'zwitch@2.0.4': 'github.com/wooorm/zwitch',
}

describe('SBOM round trip (cyclonedx-npm output of tests/sbom/__fixtures__/round-trip/tree)', () => {
  for (const bom of ['bom.1.6.json', 'bom.1.5.xml']) {
    it(`${bom} gives the same upstream repositories, scopes and versions as the tree's lockfile`, async () => {
      // The lockfile the generator read (the tree's package.json is read too, as the declared ranges it is).
      const tree = await discoverPaths([join(dir, 'tree', 'package-lock.json')])
      const sbom = await discoverPaths([join(dir, bom)])
      expect(tree.errors).toEqual([])
      expect(sbom.errors).toEqual([])
      const fromTree = await resolve(tree.components)
      const fromSbom = await resolve(sbom.components)
      expect(repositories(fromTree)).toEqual(EXPECTED)
      expect(repositories(fromSbom)).toEqual(repositories(fromTree))
      // Same packages with the same dev/prod split; the SBOM's subject (the app itself) is local, never resolved.
      const scopes = (components: Component[]) =>
        components.filter((c) => !c.local).map((c) => `${c.name}@${c.version} ${c.scope}`)
      expect(scopes(sbom.components)).toEqual(scopes(tree.components))
      expect(fromSbom.unresolved.map((u) => [u.component.name, u.reason])).toEqual([['round-trip-app', 'local']])
      // The SBOM's statements decided, without a registry request; the tree's went through the registries.
      expect(new Set(fromSbom.groups.map((g) => g.provenance))).toEqual(new Set(['sbom-stated']))
      expect(fromSbom.stats.requests.total).toBe(0)
      expect(fromTree.groups.every((g) => g.provenance !== 'sbom-stated')).toBe(true)
      const zod = fromSbom.groups.find((g) => g.repo === 'github.com/colinhacks/zod')
      expect(zod?.resolutions?.[0].evidence).toMatch(
        new RegExp(
          `^SBOM externalReferences\\[vcs\\] git\\+https://github.com/colinhacks/zod.git at .*${bom.replace('.', '\\.')}:\\d+$`,
        ),
      )
    })
  }
})
