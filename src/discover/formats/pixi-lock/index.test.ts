import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer, discoverPixiLock} from './index.js'

function discover(text: string, file = 'pixi.lock') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.version ?? '-'}${c.local ? ' local' : ''} ${c.purl ?? '-'}`,
  )
const skips = (out: Required<DiscoverOutput>) => (out.skipped ?? []).map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

const CONDA_SKIP = 'stewards has no conda ecosystem (no resolver for conda channels); only the PyPI packages are read'

describe('pixi-lock', () => {
  it('matches pixi.lock only', () => {
    expect(discoverer.matches('pixi.lock')).toBe(true)
    expect(discoverer.matches('sub/pixi.lock')).toBe(true)
    expect(discoverer.matches('pixi.toml')).toBe(false)
    expect(discoverer.matches('my-pixi.lock')).toBe(false)
  })

  it('identifies a pixi.lock by its head (standard input)', () => {
    expect(discoverer.identify?.('version: 6\nenvironments:\n  default:\n')).toBe(true)
    // What pixi writes first: `version:`, then (7) `platforms:`, then `environments:`.
    expect(discoverer.identify?.('version: 7\nplatforms:\n- name: linux-64\nenvironments:\n  build:\n')).toBe(true)
    expect(discoverer.identify?.('lockfileVersion: 9.0\n')).toBe(false)
  })

  it("lists a real lockfile's PyPI entries once per entry and counts its conda ones (dask, version 7)", () => {
    const text = readFileSync(new URL('./__fixtures__/dask/pixi.lock', import.meta.url), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '53:3 bokeh 3.10.0.dev6+8.g784d2256.dirty 3.10.0.dev6+8.g784d2256.dirty pkg:pypi/bokeh@3.10.0.dev6+8.g784d2256.dirty?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fbokeh%2Fbokeh%23784d225625feb5b826929e357848de97f73fad6d',
      '71:3 donfig 0.8.1.post1 0.8.1.post1 pkg:pypi/donfig@0.8.1.post1',
      '84:3 google-crc32c 1.8.0 1.8.0 pkg:pypi/google-crc32c@1.8.0',
      '89:3 google-crc32c 1.8.0 1.8.0 pkg:pypi/google-crc32c@1.8.0',
      '94:3 h5py 3.16.0 3.16.0 pkg:pypi/h5py@3.16.0?repository_url=https%3A%2F%2Fpypi.anaconda.org%2Fscientific-python-nightly-wheels%2Fsimple',
    ])
    expect(
      out.components.every((c) => c.origin === 'lockfile' && c.scope === undefined && c.direct === undefined),
    ).toBe(true)
    expect(skips(out)).toEqual([`2 unsupported 2 conda packages not read: ${CONDA_SKIP}`])
  })

  it("reads a real version 6 lockfile's direct URL, git and path entries (pixi's pypi-source-deps example)", () => {
    const out = discover(readFileSync(new URL('./__fixtures__/pypi-source-deps/pixi.lock', import.meta.url), 'utf8'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '6:3 click 8.1.7 8.1.7 pkg:pypi/click@8.1.7?download_url=https%3A%2F%2Fgithub.com%2Fpallets%2Fclick%2Freleases%2Fdownload%2F8.1.7%2Fclick-8.1.7-py3-none-any.whl',
      '13:3 colorama 0.4.6 0.4.6 pkg:pypi/colorama@0.4.6',
      '18:3 flask 3.2.0.dev0 3.2.0.dev0 pkg:pypi/flask@3.2.0.dev0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpallets%2Fflask%232579ce9f18e67ec3213c6eceb5240310ccd46af8',
      '31:3 httpx 0.28.1 0.28.1 pkg:pypi/httpx@0.28.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fencode%2Fhttpx.git%3Frev%3Dc7c13f18a5af4c64c649881b2fe8dbd72a519c32%23c7c13f18a5af4c64c649881b2fe8dbd72a519c32',
      '48:3 minimal-project 0.1 - local -',
    ])
    expect(skips(out)).toEqual([`2 unsupported 1 conda package not read: ${CONDA_SKIP}`])
  })

  it("reads a real version 5 lockfile: a mirror's file as download_url (pixi's pypi-custom-registry example)", () => {
    const out = discover(
      readFileSync(new URL('./__fixtures__/pypi-custom-registry/pixi.lock', import.meta.url), 'utf8'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '15:3 blinker 1.8.2 1.8.2 pkg:pypi/blinker@1.8.2',
      '21:3 blinker 1.8.2 1.8.2 pkg:pypi/blinker@1.8.2?download_url=https%3A%2F%2Fpypi.tuna.tsinghua.edu.cn%2Fpackages%2Fbb%2F2a%2F10164ed1f31196a2f7f3799368a821765c62851ead0e630ab52b8e14b4d0%2Fblinker-1.8.2-py3-none-any.whl',
    ])
    expect(skips(out)).toEqual([`2 unsupported 1 conda package not read: ${CONDA_SKIP}`])
  })

  it("reads a real version 4 lockfile as 5 (rattler_lock reads both alike): pixi's tests/data/satisfiability/pypi-extras", () => {
    const out = discover(readFileSync(new URL('./__fixtures__/pypi-extras-v4/pixi.lock', import.meta.url), 'utf8'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '20:3 decorator 5.1.1 5.1.1 pkg:pypi/decorator@5.1.1',
      '26:3 has-extras 0.1.0 - local -',
    ])
    expect(skips(out)).toEqual([`2 unsupported 1 conda package not read: ${CONDA_SKIP}`])
  })

  it('reads version 6 entries: a file off PyPI as download_url, a path and an editable package local', () => {
    const out = discover(`version: 6
environments:
  default:
    channels:
    - url: https://conda.anaconda.org/conda-forge/
    packages:
      linux-64:
      - conda: https://conda.anaconda.org/conda-forge/linux-64/python-3.12.0-h0.conda
      - pypi: https://files.pythonhosted.org/packages/aa/bb/example_lib-1.2.0-py3-none-any.whl
packages:
- conda: https://conda.anaconda.org/conda-forge/linux-64/python-3.12.0-h0.conda
  sha256: 00
- pypi: https://files.pythonhosted.org/packages/aa/bb/example_lib-1.2.0-py3-none-any.whl
  name: Example_Lib
  version: '1.10'
- pypi: https://downloads.example.com/wheels/example_tool-2.0.0-py3-none-any.whl
  name: example-tool
  version: 2.0.0
- pypi: ./packages/example-local
  name: example-local
  version: 0.1.0
- pypi: .
  name: example-app
  version: 0.2.0
  editable: true
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '13:3 Example_Lib 1.10 1.10 pkg:pypi/example-lib@1.10',
      '16:3 example-tool 2.0.0 2.0.0 pkg:pypi/example-tool@2.0.0?download_url=https%3A%2F%2Fdownloads.example.com%2Fwheels%2Fexample_tool-2.0.0-py3-none-any.whl',
      '19:3 example-local 0.1.0 - local -',
      '22:3 example-app 0.2.0 - local -',
    ])
    expect(skips(out)).toEqual([`10 unsupported 1 conda package not read: ${CONDA_SKIP}`])
  })

  it('reads version 5 entries (kind:, url:, path:)', () => {
    const out = discover(`version: 5
environments: {}
packages:
- kind: conda
  name: python
  version: 3.12.0
  url: https://conda.anaconda.org/conda-forge/linux-64/python-3.12.0-h0.conda
- kind: pypi
  name: example-lib
  version: 1.2.0
  url: https://files.pythonhosted.org/packages/aa/bb/example_lib-1.2.0-py3-none-any.whl
- kind: pypi
  name: example-app
  version: 0.1.0
  path: .
  editable: true
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '8:3 example-lib 1.2.0 1.2.0 pkg:pypi/example-lib@1.2.0',
      '12:3 example-app 0.1.0 - local -',
    ])
    expect(skips(out)).toEqual([`3 unsupported 1 conda package not read: ${CONDA_SKIP}`])
  })

  it('gives the same, places included, when a lockfile past the YAML tree limit is read without positions', () => {
    for (const name of ['dask', 'pypi-source-deps', 'pypi-custom-registry']) {
      const text = readFileSync(new URL(`./__fixtures__/${name}/pixi.lock`, import.meta.url), 'utf8')
      expect(discoverPixiLock('pixi.lock', text, 0)).toEqual(discoverPixiLock('pixi.lock', text))
    }
    // Entries the line scan cannot place (a flow list) are placed at the packages: line.
    const flow = discoverPixiLock(
      'pixi.lock',
      "version: 6\npackages: [{pypi: 'https://files.pythonhosted.org/x.whl', name: x, version: '1'}]\n",
      0,
    ) as Required<DiscoverOutput>
    expect(rows(flow)).toEqual(['2:1 x 1 1 pkg:pypi/x@1'])
    expect(errors(discoverPixiLock('pixi.lock', 'version: 6\npackages: {}\n', 0) as Required<DiscoverOutput>)).toEqual([
      '2:1 invalid-entry packages must be a list, not a mapping',
    ])
  })

  it('refuses an unknown version', () => {
    // Versions 1 to 3 wrote another layout (`metadata:`, `package:`, as conda-lock), not read.
    const out = discover('version: 3\nmetadata: {}\npackage: []\n')
    expect(out.components).toEqual([])
    expect(errors(out)).toEqual(['1:10 unsupported-version unknown pixi.lock version "3" (supported: 4, 5, 6, 7)'])
    expect(errors(discover('packages: []\n'))).toEqual([
      '1:undefined unsupported-version unknown pixi.lock version "missing" (supported: 4, 5, 6, 7)',
    ])
  })

  it('reports bad entries at their place and reads the rest', () => {
    const out = discover(`version: 6
packages:
- just a string
- pypi: https://files.pythonhosted.org/packages/x/example-1.0.whl
  name: 'not a name!'
  version: 1.0.0
- other: thing
- pypi: https://files.pythonhosted.org/packages/x/example-1.0.whl
  name: example
  version: 1.0.0
`)
    expect(rows(out)).toEqual(['8:3 example 1.0.0 1.0.0 pkg:pypi/example@1.0.0'])
    expect(errors(out)).toEqual([
      '3:3 invalid-entry packages #1: an entry is a mapping, not a string',
      "4:3 invalid-entry packages #2: a pypi entry with 'not a name!', not a package name",
      "7:3 invalid-entry packages #3: neither a conda nor a pypi entry (its first key is 'other')",
    ])
    expect(errors(discover('version: 6\npackages: {}\n'))).toEqual([
      '2:11 invalid-entry packages must be a list, not a mapping',
    ])
    expect(errors(discover('- a\n'))).toEqual(['1:1 invalid-entry a pixi.lock is a mapping, not a list'])
    expect(discover('').components).toEqual([])
  })

  it('never echoes credentials of a URL', () => {
    const out = discover(`version: 6
packages:
- pypi: https://user:s3cret@downloads.example.com/example-1.0-py3-none-any.whl
  name: example
  version: '1.0'
`)
    expect(JSON.stringify(out)).not.toContain('s3cret')
  })
})
