import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'

describe('inventory: conda recipes', () => {
  it('--json counts the requirements of real conda-build and rattler-build recipes, none read as a manifest', async () => {
    // dask's continuous_integration/recipe/meta.yaml, numpy-feedstock's recipe/meta.yaml and pandas-feedstock's
    // recipe/recipe.yaml (src/discover/formats/conda-recipe/__fixtures__), under their real names and places; and a
    // Kubernetes manifest named meta.yaml, which stays the k8s-manifest format's.
    const fixtures = 'src/discover/formats/conda-recipe/__fixtures__'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-conda-recipe-'))
    for (const folder of [
      'continuous_integration/recipe',
      'numpy-feedstock/recipe',
      'pandas-feedstock/recipe',
      'deploy',
    ])
      await mkdir(join(dir, folder), {recursive: true})
    for (const [from, to] of [
      ['dask/meta.yaml', 'continuous_integration/recipe/meta.yaml'],
      ['numpy-feedstock/meta.yaml', 'numpy-feedstock/recipe/meta.yaml'],
      ['pandas-feedstock/recipe.yaml', 'pandas-feedstock/recipe/recipe.yaml'],
    ])
      await writeFile(join(dir, to), await readFile(join(fixtures, from), 'utf8'))
    await writeFile(
      join(dir, 'deploy/meta.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/app:1.0\n',
    )
    const json = await inventoryJson(dir)
    // Each file read once, by its own format: the recipes by conda-recipe, the Pod by k8s-manifest.
    expect(json.files).toBe(4)
    expect(
      json.components.map(
        (c: {kind: string; ref: string; locations: Array<{file: string; line: number}>}) =>
          `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line} ${c.kind} ${c.ref}`,
      ),
    ).toEqual(['deploy/meta.yaml:8 image registry.example.com/app:1.0'])
    const why = 'stewards has no conda ecosystem (no resolver for conda channels)'
    expect(
      json.skipped
        .map(
          (s: {file: string; line: number; reason: string; message: string}) =>
            `${s.file.slice(dir.length + 1)}:${s.line} ${s.reason} ${s.message}`,
        )
        .sort(),
    ).toEqual([
      `continuous_integration/recipe/meta.yaml:21 unsupported a conda-build recipe: 14 conda requirements not read (host 5; run 9: python, click, cloudpickle, fsspec, packaging, partd, pyyaml, toolz, importlib_metadata; conditional entries counted whatever the platform): ${why}`,
      `numpy-feedstock/recipe/meta.yaml:20 unsupported a conda-build recipe: 13 conda requirements not read (build 5; host 6; run 1: python; run_constrained 1; conditional entries counted whatever the platform): ${why}`,
      `pandas-feedstock/recipe/recipe.yaml:32 unsupported a rattler-build recipe: 59 conda requirements not read (build 9; host 8; run 4: python, numpy, python-dateutil, python-tzdata; run_constraints 38; conditional entries counted whatever the platform): ${why}`,
    ])
  })
})
