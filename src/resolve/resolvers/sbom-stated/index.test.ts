import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {
  pkg,
  resolveOnline,
  summarise,
  tempCacheDir,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolveComponents} from '../../engine.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

function stated(component: Component, url: string, field = 'externalReferences[vcs]'): Component {
  return {...component, origin: 'sbom', statedRepository: {url, field}}
}

describe('sbom-stated', () => {
  it('takes the repository the SBOM states, with the field and file:line as evidence, and asks nobody', async () => {
    const run = await resolveOnline(
      emulators,
      [
        stated(pkg('npm', 'left-pad', '1.3.0', 'bom.json', 170), 'git+ssh://git@github.com/stevemao/left-pad.git'),
        stated(pkg('maven', 'org.example:widget', '1.0', 'bom.xml', 12), 'https://gitlab.com/example-group/widget.git'),
        stated(
          pkg('generic', 'libexample', '2.1', 'sbom.spdx', 40),
          'git+https://git.example.org/libexample.git',
          'downloadLocation',
        ),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'left-pad@1.3.0': 'github.com/stevemao/left-pad medium sbom-stated',
      'org.example:widget@1.0': 'gitlab.com/example-group/widget medium sbom-stated',
      'libexample@2.1': 'git.example.org/libexample medium sbom-stated',
    })
    expect(run.groups.map((g) => g.resolutions?.[0].evidence)).toEqual([
      'SBOM downloadLocation git+https://git.example.org/libexample.git at sbom.spdx:40',
      'SBOM externalReferences[vcs] git+ssh://git@github.com/stevemao/left-pad.git at bom.json:170',
      'SBOM externalReferences[vcs] https://gitlab.com/example-group/widget.git at bom.xml:12',
    ])
    expect(run.stats.requests.total).toBe(0)
  })

  it('ranks after the user map and before the registries; a component without a statement goes on to them', async () => {
    const map = join(await mkdtemp(join(tmpdir(), 'map-')), 'map.yaml')
    await writeFile(map, 'mappings:\n  - match: "pkg:npm/zod"\n    repo: github.com/example-org/zod-fork\n')
    const run = await resolveComponents(
      [
        // The registry says github.com/stevemao/left-pad; the SBOM's own statement wins over it.
        stated(pkg('npm', 'left-pad', '1.3.0'), 'https://github.com/example-org/left-pad-vendored'),
        // The user's map wins over the SBOM.
        stated(pkg('npm', 'zod', '3.22.4'), 'https://github.com/colinhacks/zod'),
        pkg('npm', 'mimic-fn', '2.1.0'),
        // Not a repository URL: left to the registries.
        stated(pkg('npm', 'pify', '4.0.1'), 'not a url'),
      ],
      {cacheDir: await tempCacheDir(), endpoints: emulators.endpoints, retries: 0, mapFile: map, prefer: 'native'},
    )
    expect(summarise(run)).toEqual({
      'left-pad@1.3.0': 'github.com/example-org/left-pad-vendored medium sbom-stated',
      'zod@3.22.4': 'github.com/example-org/zod-fork high override',
      'mimic-fn@2.1.0': 'github.com/sindresorhus/mimic-fn medium npm-registry',
      'pify@4.0.1': 'github.com/sindresorhus/pify medium npm-registry',
    })
  })
})
