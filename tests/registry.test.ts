import {readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

const src = join(import.meta.dirname, '..', 'src')

/** Every stage with plug-ins: the folder holding one sub-folder per plug-in, and its registry module. */
const stages: Array<{folder: string; registry: string; exportName: string}> = [
  {folder: 'discover/formats', registry: 'discover/registry.ts', exportName: 'discoverers'},
  {folder: 'collect/sources', registry: 'collect/registry.ts', exportName: 'sources'},
  {folder: 'report/formats', registry: 'report/registry.ts', exportName: 'reporterList'},
  {folder: 'resolve/resolvers', registry: 'resolve/registry.ts', exportName: 'resolvers'},
  {folder: 'measure/metrics', registry: 'measure/registry.ts', exportName: 'metricFamilies'},
  {folder: 'attribute/sources', registry: 'attribute/registry.ts', exportName: 'sources'},
  {folder: 'collect/governance/sources', registry: 'collect/governance/registry.ts', exportName: 'governanceSources'},
]

function pluginFolders(folder: string): string[] {
  const dir = join(src, folder)
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
}

describe('plug-in registries', () => {
  for (const stage of stages) {
    it(`${stage.registry} registers every folder of src/${stage.folder}`, async () => {
      const module = await import(join(src, stage.registry))
      const ids = (module[stage.exportName] as Array<{id: string}>).map((p) => p.id).sort()
      for (const folder of pluginFolders(stage.folder)) {
        expect(
          ids,
          `src/${stage.folder}/${folder}/ is not registered: add one line importing it to src/${stage.registry}`,
        ).toContain(folder)
      }
      for (const id of ids) {
        expect(
          pluginFolders(stage.folder),
          `plug-in id '${id}' must match its folder name under src/${stage.folder}/`,
        ).toContain(id)
      }
    })
  }
})
