import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'

describe('inventory: pixi', () => {
  it('--json lists the PyPI packages of real pixi manifests and of a pixi lockfile, and counts their conda ones', async () => {
    // dask's pixi.toml and an extract of its pixi.lock, xarray's pixi.toml (each format's __fixtures__), under the
    // names pixi reads.
    const formats = 'src/discover/formats'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-pixi-'))
    await mkdir(join(dir, 'xarray'))
    for (const [from, to] of [
      ['pixi-toml/__fixtures__/dask/pixi.toml', 'pixi.toml'],
      ['pixi-lock/__fixtures__/dask/pixi.lock', 'pixi.lock'],
      ['pixi-toml/__fixtures__/xarray/pixi.toml', 'xarray/pixi.toml'],
    ])
      await writeFile(join(dir, to), await readFile(join(formats, from), 'utf8'))
    const json = await inventoryJson(dir)
    // Each file read once, by its own format (pixi.lock is no Kubernetes manifest, pixi.toml no other TOML).
    expect(json.files).toBe(3)
    const rows = json.components
      .map(
        (c: {ref: string; scope?: string; purl?: string; locations: Array<{file: string; line: number}>}) =>
          `${c.locations.map((l) => `${l.file.slice(dir.length + 1)}:${l.line}`).join(',')} ${c.ref} ${c.scope ?? '-'} ${c.purl}`,
      )
      .sort()
    const nightly = 'repository_url=https%3A%2F%2Fpypi.anaconda.org%2Fscientific-python-nightly-wheels%2Fsimple'
    expect(rows).toEqual(
      [
        'pixi.lock:53 bokeh 3.10.0.dev6+8.g784d2256.dirty - pkg:pypi/bokeh@3.10.0.dev6+8.g784d2256.dirty?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fbokeh%2Fbokeh%23784d225625feb5b826929e357848de97f73fad6d',
        'pixi.lock:71 donfig 0.8.1.post1 - pkg:pypi/donfig@0.8.1.post1',
        'pixi.lock:84,pixi.lock:89 google-crc32c 1.8.0 - pkg:pypi/google-crc32c@1.8.0',
        `pixi.lock:94 h5py 3.16.0 - pkg:pypi/h5py@3.16.0?${nightly}`,
        'pixi.toml:235 numpy optional pkg:pypi/numpy?' + nightly,
        'pixi.toml:236 pandas >=3.1.0dev0 optional pkg:pypi/pandas?' + nightly,
        'pixi.toml:237 pyarrow optional pkg:pypi/pyarrow?' + nightly,
        'pixi.toml:238 scipy optional pkg:pypi/scipy?' + nightly,
        'pixi.toml:239 xarray optional pkg:pypi/xarray?' + nightly,
        'pixi.toml:240 h5py optional pkg:pypi/h5py?' + nightly,
        'pixi.toml:241 bokeh optional pkg:pypi/bokeh?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fbokeh%2Fbokeh',
        'pixi.toml:242 zarr optional pkg:pypi/zarr?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fzarr-developers%2Fzarr-python',
        'xarray/pixi.toml:99 jax * prod pkg:pypi/jax',
        'xarray/pixi.toml:161 pytest-accept >=0.2.2, <0.3 dev pkg:pypi/pytest-accept',
        'xarray/pixi.toml:244 types-defusedxml * dev pkg:pypi/types-defusedxml',
        'xarray/pixi.toml:245 types-pexpect * dev pkg:pypi/types-pexpect',
        'xarray/pixi.toml:278 xarray-minimum-dependency-policy * optional pkg:pypi/xarray-minimum-dependency-policy',
        'xarray/pixi.toml:320 rst-to-myst[sphinx] * optional pkg:pypi/rst-to-myst',
      ].sort(),
    )
    // The conda packages are counted in one line per file: stewards has no conda ecosystem.
    expect(
      json.skipped
        .map(
          (s: {file: string; line: number; reason: string}) => `${s.file.slice(dir.length + 1)}:${s.line} ${s.reason}`,
        )
        .sort(),
    ).toEqual(
      [
        'pixi.lock:2 unsupported',
        'pixi.toml:31 unsupported',
        'pixi.toml:241 unresolved-version',
        'pixi.toml:242 unresolved-version',
        'xarray/pixi.toml:26 unsupported',
      ].sort(),
    )
  })
})
