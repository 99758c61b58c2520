import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer, featureScope} from './index.js'

function discover(text: string, file = 'pixi.toml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.version ?? '-'} ${c.scope}${c.local ? ' local' : ''} ${c.purl ?? '-'}`,
  )
const skips = (out: Required<DiscoverOutput>) => (out.skipped ?? []).map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}/pixi.toml`, import.meta.url), 'utf8')

const CONDA = 'stewards has no conda ecosystem (no resolver for conda channels); only the pypi-dependencies are read'
const NIGHTLY = 'repository_url=https%3A%2F%2Fpypi.anaconda.org%2Fscientific-python-nightly-wheels%2Fsimple'

describe('pixi-toml', () => {
  it('matches pixi.toml only', () => {
    expect(discoverer.matches('pixi.toml')).toBe(true)
    expect(discoverer.matches('ci/nightly/pixi.toml')).toBe(true)
    expect(discoverer.matches('pyproject.toml')).toBe(false)
    expect(discoverer.matches('.pixi/config.toml')).toBe(false)
    expect(discoverer.matches('node_modules/x/pixi.toml')).toBe(false)
  })

  it("lists a real manifest's pypi-dependencies with their index and git sources, and counts its conda ones (dask)", () => {
    const out = discover(fixture('dask'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      `235:1 numpy - optional pkg:pypi/numpy?${NIGHTLY}`,
      `236:1 pandas >=3.1.0dev0 - optional pkg:pypi/pandas?${NIGHTLY}`,
      `237:1 pyarrow - optional pkg:pypi/pyarrow?${NIGHTLY}`,
      `238:1 scipy - optional pkg:pypi/scipy?${NIGHTLY}`,
      `239:1 xarray - optional pkg:pypi/xarray?${NIGHTLY}`,
      `240:1 h5py - optional pkg:pypi/h5py?${NIGHTLY}`,
      '241:1 bokeh - optional pkg:pypi/bokeh?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fbokeh%2Fbokeh',
      '242:1 zarr - optional pkg:pypi/zarr?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fzarr-developers%2Fzarr-python',
    ])
    expect(out.components.every((c) => c.origin === 'manifest' && c.direct === true)).toBe(true)
    expect(skips(out)).toEqual([
      '241 unresolved-version bokeh: installed from git https://github.com/bokeh/bokeh, not a registry version',
      '242 unresolved-version zarr: installed from git https://github.com/zarr-developers/zarr-python, not a registry version',
      `31 unsupported 152 conda dependencies not read: ${CONDA}`,
    ])
  })

  it('gives a development feature dev, one the default environment includes prod, another optional (xarray)', () => {
    const out = discover(fixture('xarray'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '99:1 jax * - prod pkg:pypi/jax', // feature extras: in the default environment
      '161:1 pytest-accept >=0.2.2, <0.3 - dev pkg:pypi/pytest-accept',
      '244:1 types-defusedxml * - dev pkg:pypi/types-defusedxml',
      '245:1 types-pexpect * - dev pkg:pypi/types-pexpect',
      '278:1 xarray-minimum-dependency-policy * - optional pkg:pypi/xarray-minimum-dependency-policy',
      '320:1 rst-to-myst[sphinx] * - optional pkg:pypi/rst-to-myst',
    ])
    expect(skips(out)).toEqual([`26 unsupported 145 conda dependencies not read: ${CONDA}`])
  })

  it("reads git, path and URL sources written as multi-line inline tables (pixi's pypi-source-deps example)", () => {
    const out = discover(fixture('pypi-source-deps'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '18:1 rich ~=13.7 - prod pkg:pypi/rich',
      '25:1 flask - prod pkg:pypi/flask?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpallets%2Fflask',
      '26:1 httpx - prod pkg:pypi/httpx?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fencode%2Fhttpx.git%40c7c13f18a5af4c64c649881b2fe8dbd72a519c32',
      '34:1 minimal-project - prod local -',
      '37:1 click - prod pkg:pypi/click?download_url=https%3A%2F%2Fgithub.com%2Fpallets%2Fclick%2Freleases%2Fdownload%2F8.1.7%2Fclick-8.1.7-py3-none-any.whl',
      '42:1 pytest - prod pkg:pypi/pytest?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpytest-dev%2Fpytest.git',
    ])
    expect(skips(out).map((s) => s.split(':')[0])).toEqual([
      '25 unresolved-version flask',
      '26 unresolved-version httpx',
      '34 unresolved-version minimal-project',
      '37 unresolved-version click',
      '42 unresolved-version pytest',
      `14 unsupported 1 conda dependency not read`,
    ])
  })

  it("gives a feature's index-url over PyPI's (pixi's pypi-custom-registry example)", () => {
    const out = discover(fixture('pypi-custom-registry'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '20:1 flask ==3.0.3 3.0.3 prod pkg:pypi/flask@3.0.3',
      '30:1 flask ==3.0.3 3.0.3 optional pkg:pypi/flask@3.0.3?repository_url=https%3A%2F%2Fpypi.tuna.tsinghua.edu.cn%2Fsimple',
    ])
  })

  it("gives the top-level packages the index of a feature the default environment includes (pixi's #6060 test)", () => {
    const out = discover(fixture('pypi-feature-level-index-url'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '13:1 my-dep ==1.0.0 1.0.0 prod pkg:pypi/my-dep@1.0.0?repository_url=https%3A%2F%2Fcustom.example.com%2Fsimple',
    ])
    expect(skips(out)).toEqual([`6 unsupported 1 conda dependency not read: ${CONDA}`])
  })

  it('gives what the default environment installs its options, those of every feature it includes', () => {
    const custom = 'repository_url=https%3A%2F%2Fcustom.example.com%2Fsimple'
    const out = discover(`[workspace.pypi-options]
extra-index-urls = ["https://extra.example.com/simple"]

[pypi-dependencies]
example-top = "*"

[feature.base.pypi-dependencies]
example-base = "*"

[feature.custom.pypi-options]
index-url = "https://custom.example.com/simple"

[feature.other.pypi-dependencies]
example-other = "*"

[environments]
default = ["base", "custom"]
plain = ["other"]
`)
    expect(out.errors).toEqual([])
    // The workspace's extra index is laid over the feature's index-url: PyPI is not among them, the first is carried.
    expect(rows(out)).toEqual([
      `5:1 example-top * - prod pkg:pypi/example-top?${custom}`,
      `8:1 example-base * - prod pkg:pypi/example-base?${custom}`,
      '14:1 example-other * - optional pkg:pypi/example-other',
    ])
    // A default environment without the default feature: the top-level packages keep the top level's options.
    const without = discover(`[pypi-dependencies]
example-top = "*"

[feature.custom.pypi-options]
index-url = "https://custom.example.com/simple"

[feature.custom.pypi-dependencies]
example-custom = "*"

[environments]
default = { features = ["custom"], no-default-feature = true }
`)
    expect(rows(without)).toEqual([
      '2:1 example-top * - prod pkg:pypi/example-top',
      `8:1 example-custom * - prod pkg:pypi/example-custom?${custom}`,
    ])
  })

  it("lists what is written directly on an environment and counts its conda tables (pixi's own pixi.toml)", () => {
    const out = discover(fixture('pixi'))
    expect(out.errors).toEqual([])
    // [environments.docs.pypi-dependencies]: a feature private to the docs environment, dev by its name.
    expect(rows(out)).toEqual([
      '332:1 mike - dev pkg:pypi/mike?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fsquidfunk%2Fmike',
    ])
    // 39 in features and the top level, 29 written on environments (default 11, docs 3, release 7 + 1 of its win-64
    // target, backends-release 3, rust-test 2, lefthook 1, trampoline 1).
    expect(skips(out)).toEqual([
      '332 unresolved-version mike: installed from git https://github.com/squidfunk/mike, not a registry version',
      `50 unsupported 68 conda dependencies not read: ${CONDA}`,
    ])
  })

  it("reads an environment's own tables as a feature private to it, with that environment's options", () => {
    const gpu = 'repository_url=https%3A%2F%2Fdownload.example.org%2Fwhl%2Fcu124'
    const out = discover(`[feature.cuda.pypi-options]
index-url = "https://download.example.org/whl/cu124"

[environments.default.pypi-dependencies]
example-default = "==1.0"

[environments.default.dependencies]
python = "3.12.*"

[environments.test.pypi-dependencies]
example-test = "*"

[environments.gpu]
features = ["cuda"]
dependencies = { cuda-version = "12.4.*" }
pypi-dependencies = { example-gpu = "*" }

[environments.gpu.target.linux-64.pypi-dependencies]
example-gpu-linux = "*"

[environments.gpu.target.linux-64.dependencies]
libcublas = "*"

[environments.mirror]
pypi-options = { index-url = "https://mirror.example.com/simple" }
no-default-feature = true

[environments.mirror.pypi-dependencies]
example-mirror = "*"
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '5:1 example-default ==1.0 1.0 prod pkg:pypi/example-default@1.0',
      '11:1 example-test * - dev pkg:pypi/example-test',
      `16:23 example-gpu * - optional pkg:pypi/example-gpu?${gpu}`,
      `19:1 example-gpu-linux * - optional pkg:pypi/example-gpu-linux?${gpu}`,
      '29:1 example-mirror * - optional pkg:pypi/example-mirror?repository_url=https%3A%2F%2Fmirror.example.com%2Fsimple',
    ])
    expect(skips(out)).toEqual([`7 unsupported 3 conda dependencies not read: ${CONDA}`])
  })

  it('reports a pypi-options that is not a table once, however many environments include its feature', () => {
    const out = discover(`[feature.bad]
pypi-options = "https://custom.example.com/simple"

[feature.bad.pypi-dependencies]
example = "*"

[environments]
default = ["bad"]
other = { features = ["bad"], pypi-dependencies = { example-other = "*" } }
tests = { pypi-dependencies = ["example-list"], pypi-options = [] }
odd = ["constructor", "__proto__", "toString"]
`)
    expect(errors(out)).toEqual([
      '2:1 invalid-entry feature.bad.pypi-options must be a table',
      '10:1 invalid-entry environments.tests.pypi-options must be a table',
      '10:1 invalid-entry environments.tests.pypi-dependencies must be a table',
    ])
    expect(rows(out)).toEqual([
      '5:1 example * - prod pkg:pypi/example',
      '9:53 example-other * - optional pkg:pypi/example-other',
    ])
  })

  it('decides dev features by their name or its parts', () => {
    expect(['test', 'Docs', 'numpydoc-lint', 'docs_build', 'pre-commit', 'typing'].map(featureScope)).toEqual(
      Array(6).fill('dev'),
    )
    expect(['py311', 'extras', 'backends', 'latest', 'contest'].map(featureScope)).toEqual(Array(5).fill('optional'))
  })

  it('gives prod to a feature the default environment includes, when [environments] redefines it', () => {
    const out = discover(
      [
        '[feature.py311.pypi-dependencies]',
        'numpy = "==2.1.0"',
        '[feature.gpu.pypi-dependencies]',
        'cupy = "*"',
        '[feature.test.pypi-dependencies]',
        'pytest = "*"',
        '[environments]',
        'default = {features = ["py311", "test"], solve-group = "default"}',
        'cuda = ["gpu"]',
      ].join('\n'),
    )
    expect(out.components.map((c) => `${c.name} ${c.scope}`)).toEqual(['numpy prod', 'cupy optional', 'pytest dev'])
    const list = discover('[feature.py311.pypi-dependencies]\nnumpy = "*"\n[environments]\ndefault = ["py311"]\n')
    expect(list.components.map((c) => `${c.name} ${c.scope}`)).toEqual(['numpy prod'])
  })

  it('reads pins, tables, targets, paths and the index options', () => {
    const out = discover(`[workspace]
channels = ["conda-forge"]
platforms = ["linux-64"]

[pypi-options]
index-url = "https://pypi.example.com/simple"

[dependencies]
python = "3.12.*"

[pypi-dependencies]
example-pinned = "==1.2.3"
"Example.Quoted" = { version = ">=2", extras = ["fast"] }
example-app = { path = ".", editable = true }
example-url = { url = "https://downloads.example.com/example_url-1.0-py3-none-any.whl" }
example-git = { git = "https://github.com/example/example-git", tag = "v1.0" }
example-own = { version = "*", index = "https://pypi.org/simple" }

[target.linux-64.pypi-dependencies]
example-linux = "*"

[feature.docs.pypi-options]
extra-index-urls = ["https://pypi.org/simple"]

[feature.docs.pypi-dependencies]
example-docs = "==0.1"

[feature.gpu.target.linux-64.pypi-dependencies]
example-gpu = "~=3.0"
`)
    expect(out.errors).toEqual([])
    const index = 'repository_url=https%3A%2F%2Fpypi.example.com%2Fsimple'
    expect(rows(out)).toEqual([
      `12:1 example-pinned ==1.2.3 1.2.3 prod pkg:pypi/example-pinned@1.2.3?${index}`,
      `13:1 Example.Quoted[fast] >=2 - prod pkg:pypi/example-quoted?${index}`,
      '14:1 example-app - prod local -',
      '15:1 example-url - prod pkg:pypi/example-url?download_url=https%3A%2F%2Fdownloads.example.com%2Fexample_url-1.0-py3-none-any.whl',
      '16:1 example-git - prod pkg:pypi/example-git?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fexample-git%40v1.0',
      '17:1 example-own * - prod pkg:pypi/example-own',
      `20:1 example-linux * - prod pkg:pypi/example-linux?${index}`,
      '26:1 example-docs ==0.1 0.1 dev pkg:pypi/example-docs@0.1',
      `29:1 example-gpu ~=3.0 - optional pkg:pypi/example-gpu?${index}`,
    ])
    expect(skips(out)).toEqual([
      '14 unresolved-version example-app: installed from path ., not a registry version',
      '15 unresolved-version example-url: installed from url https://downloads.example.com/example_url-1.0-py3-none-any.whl, not a registry version',
      '16 unresolved-version example-git: installed from git https://github.com/example/example-git, not a registry version',
      `8 unsupported 1 conda dependency not read: ${CONDA}`,
    ])
  })

  it("applies the workspace's index options everywhere, a feature's index-url over it", () => {
    const out = discover(`[workspace.pypi-options]
index-url = "https://pypi.example.com/simple"

[pypi-dependencies]
example-a = "*"

[feature.cuda.pypi-options]
index-url = "https://download.example.org/whl/cu118"

[feature.cuda.pypi-dependencies]
example-b = "*"

[feature.lint.pypi-options]
extra-index-urls = ["https://pypi.org/simple"]

[feature.lint.pypi-dependencies]
example-c = "*"
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '5:1 example-a * - prod pkg:pypi/example-a?repository_url=https%3A%2F%2Fpypi.example.com%2Fsimple',
      '11:1 example-b * - optional pkg:pypi/example-b?repository_url=https%3A%2F%2Fdownload.example.org%2Fwhl%2Fcu118',
      '17:1 example-c * - dev pkg:pypi/example-c',
    ])
  })

  it('places inline tables of dependencies at their keys', () => {
    const out = discover(`[feature.test]
pypi-dependencies = { example-a = "*", "example-b" = "==1.0" }
`)
    expect(rows(out)).toEqual([
      '2:23 example-a * - dev pkg:pypi/example-a',
      '2:40 example-b ==1.0 1.0 dev pkg:pypi/example-b@1.0',
    ])
  })

  it('reports bad entries at their place and reads the rest', () => {
    const out = discover(`pypi-dependencies = "not a table"

[feature.dev.pypi-dependencies]
example-bad = 3
example-range = "between 1 and 2"
example-version = { version = 2 }
example-good = "*"
`)
    expect(rows(out)).toEqual(['7:1 example-good * - dev pkg:pypi/example-good'])
    expect(errors(out)).toEqual([
      '1:1 invalid-entry pypi-dependencies must be a table',
      '4:1 invalid-entry feature.dev.pypi-dependencies.example-bad: expected a version specifier or a table, not number',
      "5:1 invalid-entry feature.dev.pypi-dependencies.example-range: 'between 1 and 2' is not a PEP 440 version specifier",
      '6:1 invalid-entry feature.dev.pypi-dependencies.example-version: version must be a string',
    ])
    expect(errors(discover('[pypi-dependencies\n'))[0]).toMatch(/^1:\d+ invalid-toml /)
  })

  it('never echoes credentials of an index or a URL', () => {
    const out = discover(`[pypi-options]
index-url = "https://user:s3cret@pypi.example.com/simple"

[pypi-dependencies]
example = "*"
example-git = { git = "https://token:s3cret@example.com/repo.git" }
`)
    expect(JSON.stringify(out)).not.toContain('s3cret')
  })
})
