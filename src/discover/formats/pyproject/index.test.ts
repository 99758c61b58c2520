import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const discover = (text: string) =>
  discoverer.discover({file: 'pyproject.toml', text}, {readText: () => null}) as Required<DiscoverOutput>

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) => `${c.locations[0].line}:${c.locations[0].column} ${c.name} ${c.version ?? '-'} ${c.scope} ${c.ref}`,
  )

describe('pyproject', () => {
  it('matches pyproject.toml only', () => {
    expect(discoverer.matches('pyproject.toml')).toBe(true)
    expect(discoverer.matches('services/api/pyproject.toml')).toBe(true)
    expect(discoverer.matches('pyproject.toml.bak')).toBe(false)
    expect(discoverer.matches('hatch.toml')).toBe(true)
    expect(discoverer.matches('node_modules/x/pyproject.toml')).toBe(false)
  })

  it('lists build requirements, dependencies, extras and PDM groups of a real project at their lines (pydantic)', () => {
    const text = readFileSync(new URL('./__fixtures__/pydantic/pyproject.toml', import.meta.url), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '2:13 hatchling - dev hatchling',
      '2:26 hatch-fancy-pypi-readme - dev hatch-fancy-pypi-readme>=22.5.0',
      '11:5 typing-extensions - prod typing-extensions>=4.6.1; python_version < "3.13"',
      '12:5 typing-extensions - prod typing-extensions>=4.12.2; python_version >= "3.13"',
      '13:5 annotated-types - prod annotated-types>=0.4.0',
      '14:5 pydantic-core 2.20.1 prod pydantic-core==2.20.1',
      '19:10 email-validator - optional email-validator>=2.0.0',
      '26:5 autoflake - dev autoflake',
      '27:5 mkdocs - dev mkdocs',
      '28:5 mike - dev mike @ git+https://github.com/jimporter/mike.git',
      '29:5 mkdocs-embed-external-markdown - dev mkdocs-embed-external-markdown>=2.3.0',
      '32:5 eval-type-backport - dev eval-type-backport>=0.1.3',
      '33:5 ruff 0.5.0 dev ruff==0.5.0',
      '34:5 mypy - dev mypy~=1.1.1',
      '37:5 coverage - dev coverage[toml]',
      '38:5 pytest - dev pytest>=8.2.2',
      `40:5 pytest-codspeed - dev pytest-codspeed~=2.2.0; python_version < '3.13'`,
      `43:11 pytest-memray - dev pytest-memray; python_version < '3.13' and platform_system != 'Windows'`,
    ])
    expect(out.components.every((c) => c.direct === true && c.ecosystem === 'pypi')).toBe(true)
    expect(out.components.find((c) => c.name === 'pydantic-core')?.purl).toBe('pkg:pypi/pydantic-core@2.20.1')
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '28 unresolved-version mike: installed from git+https://github.com/jimporter/mike.git, not a registry version',
    ])
  })

  it('reads PEP 735 groups and Poetry tables (exact, ranged, optional, git and grouped constraints)', () => {
    const out = discover(`[dependency-groups]
test = ["pytest==8.3.2", {include-group = "lint"}]
lint = ["ruff"]

[tool.poetry.dependencies]
python = "^3.10"
requests = "2.32.3"
httpx = "^0.27"
rich = { version = "==13.7.1", optional = true }
internal = { git = "https://git.example.com/acme/internal.git", rev = "v1" }
"quoted.name" = ">=1.0"
multi = [{ version = "1.0", python = "<3.11" }, { version = "2.0", python = ">=3.11" }]

[tool.poetry.group.docs.dependencies]
mkdocs = "1.6.0"

[tool.poetry.group."ci.tools".dependencies]
nox = "2024.4.15"

[tool.poetry.dev-dependencies]
black = "*"
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '2:9 pytest 8.3.2 dev pytest==8.3.2',
      '3:9 ruff - dev ruff',
      '7:1 requests 2.32.3 prod requests 2.32.3',
      '8:1 httpx - prod httpx ^0.27',
      '9:1 rich 13.7.1 optional rich ==13.7.1',
      '10:1 internal - prod internal',
      '11:1 quoted-name - prod quoted.name >=1.0',
      '12:1 multi - prod multi',
      '21:1 black - dev black *',
      '15:1 mkdocs 1.6.0 dev mkdocs 1.6.0',
      '18:1 nox 2024.4.15 dev nox 2024.4.15',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.message}`)).toEqual([
      '10 internal: installed from git https://git.example.com/acme/internal.git, not a registry version',
    ])
  })

  it("writes names PEP 503-normalised, as the other Python readers do; the project's own extras are no dependency", () => {
    const out = discover(`[project]
name = "Lantern.Fish"
dependencies = ["backports.zstd>=1.0.0", "Cython==3.0.11"]
[project.optional-dependencies]
all = ["lantern-fish[io,viz]", "lantern_fish[cli]"]
io = ["Zope.Interface==5.0"]
[dependency-groups]
dev = ["LANTERN.FISH[all]", "pytest"]
`)
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => [c.name, c.version ?? null, c.purl])).toEqual([
      ['backports-zstd', null, 'pkg:pypi/backports-zstd'],
      ['cython', '3.0.11', 'pkg:pypi/cython@3.0.11'],
      ['zope-interface', '5.0', 'pkg:pypi/zope-interface@5.0'],
      ['pytest', null, 'pkg:pypi/pytest'],
    ])
  })

  it('reports what is not a requirement at its line, and a TOML syntax error', () => {
    const out = discover(`[project]
dependencies = [
  "good>=1",
  "not a requirement!",
  42,
]
[project.optional-dependencies]
extra = "not-an-array"
`)
    expect(rows(out)).toEqual(['3:3 good - prod good>=1'])
    expect(out.errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
      "4 invalid-entry project.dependencies: 'not a requirement!' is not a PEP 508 requirement",
      '4 invalid-entry project.dependencies: expected a requirement string',
      '8 invalid-entry project.optional-dependencies.extra must be an array of requirements',
    ])
    expect(discover('[project]\ndependencies = [\n').errors.map((e) => e.code)).toEqual(['invalid-toml'])
  })
})

describe('pyproject: [tool.pixi]', () => {
  it("counts a real project's pixi conda dependencies and leaves its own editable install out (pixi's docker example)", () => {
    const text = readFileSync(new URL('./__fixtures__/pixi-docker/pyproject.toml', import.meta.url), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    // Its `[tool.pixi.feature.dev|prod.pypi-dependencies]` name the project itself (`path = "."`): no dependency.
    expect(rows(out)).toEqual(['16:13 hatchling - dev hatchling'])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '25 unsupported 3 conda dependencies not read: stewards has no conda ecosystem (no resolver for conda channels); only the pypi-dependencies are read',
    ])
  })

  it('lists pixi pypi-dependencies as in a pixi.toml, at their keys, with errors named under tool.pixi', () => {
    const out = discover(`[project]
name = "example-app"
dependencies = ["requests"]

[tool.pixi.pypi-dependencies]
example-app = { path = ".", editable = true }
example-extra = "==1.0"

[tool.pixi.feature.lint.pypi-dependencies]
example-lint = "*"

[tool.pixi.feature.lint]
pypi-options = "bad"
`)
    expect(rows(out)).toEqual([
      '3:17 requests - prod requests',
      '7:1 example-extra 1.0 prod example-extra ==1.0',
      '10:1 example-lint - dev example-lint *',
    ])
    expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      '13:1 invalid-entry tool.pixi.feature.lint.pypi-options must be a table',
    ])
  })
})

describe('pyproject: where packages come from', () => {
  const where = (out: Required<DiscoverOutput>) =>
    out.components.map((c) => `${c.name} ${c.local ? 'local' : (c.purl ?? '-')}`)

  it("uv: a list of sources, one per platform (uv's PyTorch guide): the first when each names one, none when one is PyPI", () => {
    const out = discover(`[project]
name = "lantern"
dependencies = ["torch>=2.5", "torchvision", "numpy"]
[tool.uv.sources]
torch = [
  { index = "pytorch-cpu", marker = "sys_platform != 'linux'" },
  { index = "pytorch-rocm", marker = "sys_platform == 'linux'" },
]
torchvision = [{ index = "pytorch-cpu", marker = "sys_platform == 'darwin'" }, { index = "unknown-index" }]
[[tool.uv.index]]
name = "pytorch-cpu"
url = "https://download.pytorch.org/whl/cpu"
explicit = true
[[tool.uv.index]]
name = "pytorch-rocm"
url = "https://download.pytorch.org/whl/rocm6.2"
explicit = true
`)
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => c.purl)).toEqual([
      'pkg:pypi/torch?repository_url=https%3A%2F%2Fdownload.pytorch.org%2Fwhl%2Fcpu',
      // An alternative that names no index uv knows leaves that platform to PyPI.
      'pkg:pypi/torchvision',
      'pkg:pypi/numpy',
    ])
  })

  it('uv: the default index replaces PyPI; [tool.uv.sources] names an index, git, a URL, a path or a member', () => {
    const out = discover(
      [
        '[project]',
        'name = "app"',
        'dependencies = ["requests==2.32.0", "acme-tools==1.4.0", "widget", "wheelhouse", "lib", "public==1.0"]',
        '',
        '[[tool.uv.index]]',
        'name = "internal"',
        'url = "https://pypi.internal.example/simple"',
        'default = true',
        '',
        '[[tool.uv.index]]',
        'name = "pytorch"',
        'url = "https://download.pytorch.org/whl/cpu"',
        'explicit = true',
        '',
        '[[tool.uv.index]]',
        'name = "pypi"',
        'url = "https://pypi.org/simple"',
        'explicit = true',
        '',
        '[tool.uv.sources]',
        'acme-tools = { index = "pytorch" }',
        'widget = { git = "https://github.com/example-org/widget", tag = "v2.0.0" }',
        'wheelhouse = { url = "https://downloads.example.com/wheelhouse-0.2.0.tar.gz" }',
        'lib = { workspace = true }',
        'public = { index = "pypi" }',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(where(out)).toEqual([
      'requests pkg:pypi/requests@2.32.0?repository_url=https%3A%2F%2Fpypi.internal.example%2Fsimple',
      'acme-tools pkg:pypi/acme-tools@1.4.0?repository_url=https%3A%2F%2Fdownload.pytorch.org%2Fwhl%2Fcpu',
      'widget pkg:pypi/widget?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fwidget%40v2.0.0',
      'wheelhouse pkg:pypi/wheelhouse?download_url=https%3A%2F%2Fdownloads.example.com%2Fwheelhouse-0.2.0.tar.gz',
      'lib local',
      'public pkg:pypi/public@1.0',
    ])
  })

  it('Poetry: a primary source replaces PyPI (not for the build backend); a dependency may name its source', () => {
    const out = discover(
      [
        '[build-system]',
        'requires = ["poetry-core>=1.0.0"]',
        '',
        '[tool.poetry.dependencies]',
        'python = "^3.10"',
        'requests = "2.32.0"',
        'acme-tools = { version = "1.4.0", source = "extras" }',
        'numpy = { version = "2.0.0", source = "PyPI" }',
        'widget = { git = "https://github.com/example-org/widget.git", rev = "0123abc" }',
        'local-lib = { path = "../lib", develop = true }',
        '',
        '[[tool.poetry.source]]',
        'name = "extras"',
        'url = "https://nexus.example.com/repository/pypi-extras/simple"',
        'priority = "supplemental"',
        '',
        '[[tool.poetry.source]]',
        'name = "internal"',
        'url = "https://pypi.internal.example/simple"',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(where(out)).toEqual([
      'poetry-core pkg:pypi/poetry-core',
      'requests pkg:pypi/requests@2.32.0?repository_url=https%3A%2F%2Fpypi.internal.example%2Fsimple',
      'acme-tools pkg:pypi/acme-tools@1.4.0?repository_url=https%3A%2F%2Fnexus.example.com%2Frepository%2Fpypi-extras%2Fsimple',
      'numpy pkg:pypi/numpy@2.0.0',
      'widget pkg:pypi/widget?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fwidget.git%400123abc',
      'local-lib local',
    ])
    // Only supplemental and explicit sources: PyPI stays the index of the others.
    const supplemental = discover(
      [
        '[tool.poetry.dependencies]',
        'requests = "2.32.0"',
        '[[tool.poetry.source]]',
        'name = "extras"',
        'url = "https://nexus.example.com/simple"',
        'priority = "explicit"',
        '',
      ].join('\n'),
    )
    expect(where(supplemental)).toEqual(['requests pkg:pypi/requests@2.32.0'])
  })

  it('PEP 508 direct references: git as vcs_url, file: as local, other URLs as download_url', () => {
    const out = discover(
      [
        '[project]',
        'dependencies = [',
        '  "widget @ git+https://github.com/example-org/widget@v2.0.0",',
        '  "lib @ file:///srv/lib",',
        '  "wheelhouse @ https://downloads.example.com/wheelhouse-0.2.0.tar.gz",',
        ']',
        '',
      ].join('\n'),
    )
    expect(where(out)).toEqual([
      'widget pkg:pypi/widget?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fwidget%40v2.0.0',
      'lib local',
      'wheelhouse pkg:pypi/wheelhouse?download_url=https%3A%2F%2Fdownloads.example.com%2Fwheelhouse-0.2.0.tar.gz',
    ])
  })

  it('PDM: a source named pypi replaces PyPI; other sources leave it open', () => {
    const pdm = (name: string) =>
      where(
        discover(
          [
            '[project]',
            'dependencies = ["requests==2.32.0"]',
            '[[tool.pdm.source]]',
            `name = "${name}"`,
            'url = "https://pypi.internal.example/simple"',
            '',
          ].join('\n'),
        ),
      )
    expect(pdm('pypi')).toEqual([
      'requests pkg:pypi/requests@2.32.0?repository_url=https%3A%2F%2Fpypi.internal.example%2Fsimple',
    ])
    expect(pdm('extra')).toEqual(['requests pkg:pypi/requests@2.32.0'])
  })
})

describe('pyproject: places', () => {
  it('points at the opening quote of each item: several on a line, repeated, after a quoted key, past comments', () => {
    const out = discover(
      [
        '[project]',
        'dependencies = ["alpha", "beta>=1", "alpha"]  # "beta>=1" again in a comment',
        '[project.optional-dependencies]',
        '"gamma" = [',
        '    # "gamma" here is a comment, not the item',
        '        "gamma",',
        "  'delta==2.0',",
        ']',
        '[dependency-groups]',
        'test = [ "pytest",',
        '  "alpha" ]',
        '[tool.poetry.group.docs.dependencies]',
        '    mkdocs = "1.6.0"',
        '[tool.poetry.group.ci]',
        'dependencies = { nox = "2024.4.15", "tox.ini-tool" = "*" }',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '2:17 alpha - prod alpha',
      '2:26 beta - prod beta>=1',
      '2:37 alpha - prod alpha',
      '6:9 gamma - optional gamma',
      '7:3 delta 2.0 optional delta==2.0',
      '10:10 pytest - dev pytest',
      '11:3 alpha - dev alpha',
      '13:5 mkdocs 1.6.0 dev mkdocs 1.6.0',
      '15:18 nox 2024.4.15 dev nox 2024.4.15',
      '15:37 tox-ini-tool - dev tox.ini-tool *',
    ])
  })
  it('hostile text: a multi-line string item, escapes, forbidden keys, bad Poetry entries, a long escaped line', () => {
    const out = discover(
      [
        '[project]',
        'dependencies = [',
        '  """multi>=1""",',
        '  "esc\\u0061ped>=1",',
        '  "x>=1", # "y" in a comment',
        '  "y" ]',
        '[project.optional-dependencies]',
        '__proto__ = ["evil"]',
        '[tool.poetry.dependencies]',
        '"__proto__" = "1.0"',
        '"bad name!" = "1.0"',
        '  odd = 42',
        `long = "${'\\"'.repeat(50_000)}"`,
        '',
      ].join('\n'),
    )
    // A multi-line string is not placed: the array's line stands for it.
    expect(rows(out).map((row) => row.slice(0, 40))).toEqual([
      '2:1 multi - prod multi>=1',
      '4:3 escaped - prod escaped>=1',
      '5:3 x - prod x>=1',
      '6:3 y - prod y',
      `13:1 long - prod long ${'"'.repeat(18)}`,
    ])
    expect(out.errors.map((e) => `${e.line}:${e.column ?? '-'} ${e.code} ${e.message}`)).toEqual([
      "8:- forbidden-key forbidden key '__proto__' ignored",
      "10:- forbidden-key forbidden key '__proto__' ignored",
      '11:1 invalid-entry tool.poetry.dependencies.bad name!: not a package name',
      '12:3 invalid-entry tool.poetry.dependencies.odd: expected a constraint',
    ])
  })
})

describe('pyproject: versions', () => {
  it("reads Poetry's =1.2.3 as exact, as poetry-core does, and PEP 508's ==1.2.3", () => {
    const out = discover(
      [
        '[project]',
        'dependencies = ["httpx==0.27.0", "idna===3.7", "anyio==4.*"]',
        '[tool.poetry.group.dev.dependencies]',
        'rich = "=13.7.1"',
        'click = "==8.1.7"',
        'attrs = { version = "= 23.2.0" }',
        'pyyaml = ">=6.0"',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '2:17 httpx 0.27.0 prod httpx==0.27.0',
      '2:34 idna 3.7 prod idna===3.7',
      '2:48 anyio - prod anyio==4.*',
      '4:1 rich 13.7.1 dev rich =13.7.1',
      '5:1 click 8.1.7 dev click ==8.1.7',
      '6:1 attrs 23.2.0 dev attrs = 23.2.0',
      '7:1 pyyaml - dev pyyaml >=6.0',
    ])
  })

  it('refuses two version clauses without a comma (as packaging, hence pip, does); keeps what packaging accepts', () => {
    const out = discover(
      [
        '[project]',
        'dependencies = [',
        '  "requests>=2.32.2<3",',
        '  "urllib3 >=2 <3",',
        '  "idna (>=3.0,<4)",',
        '  "certifi>= 2024.2",',
        '  "legacy===1.0<2",',
        '  "charset-normalizer>=3,<4; python_version >= \'3.8\'",',
        ']',
        '',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '5:3 idna - prod idna (>=3.0,<4)',
      '6:3 certifi - prod certifi>= 2024.2',
      '7:3 legacy 1.0<2 prod legacy===1.0<2',
      "8:3 charset-normalizer - prod charset-normalizer>=3,<4; python_version >= '3.8'",
    ])
    expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      "3:3 invalid-entry project.dependencies: 'requests>=2.32.2<3' is not a PEP 508 requirement: two version clauses need a comma between them (pip refuses it)",
      "4:3 invalid-entry project.dependencies: 'urllib3 >=2 <3' is not a PEP 508 requirement: two version clauses need a comma between them (pip refuses it)",
    ])
  })
})

describe('pyproject: dynamic dependencies', () => {
  const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)

  it('reports setuptools file: dependencies at the dynamic line, naming the file pip-requirements reads (aiconfig)', () => {
    const text = readFileSync(new URL('./__fixtures__/aiconfig/pyproject.toml', import.meta.url), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual(['2:13 setuptools - dev setuptools', '2:27 wheel - dev wheel'])
    expect(skips(out)).toEqual([
      '14 unsupported [project] dynamic dependencies: setuptools ([tool.setuptools.dynamic]) reads them from requirements.txt, which is not followed here; the pip-requirements input lists requirements.txt as a file of its own, when scanned',
    ])
  })

  it('names files pip-requirements does not read, extras, Hatch files, and an unnamed source', () => {
    const setuptools = discover(
      [
        '[project]',
        'name = "acme-app"',
        'dynamic = ["version", "dependencies", "optional-dependencies"]',
        '[tool.setuptools.dynamic]',
        'dependencies = { file = "requirements.in" }',
        'optional-dependencies.test = { file = ["requirements/test.txt", "ci/extra.txt"] }',
        'optional-dependencies.__proto__ = { file = ["evil.txt"] }',
        '',
      ].join('\n'),
    )
    expect(rows(setuptools)).toEqual([])
    expect(skips(setuptools)).toEqual([
      '3 unsupported [project] dynamic dependencies: setuptools ([tool.setuptools.dynamic]) reads them from requirements.in, which is not followed here; the pip-requirements input lists requirements.in as a file of its own, when scanned',
      '3 unsupported [project] dynamic optional-dependencies: setuptools ([tool.setuptools.dynamic]) reads them from requirements/test.txt (test), ci/extra.txt (test), which is not followed here; the pip-requirements input lists requirements/test.txt as a file of its own, when scanned; ci/extra.txt is not read (pip-requirements reads requirements*.txt, *-requirements.txt, any .txt under a requirements/ folder, and the same names in .in)',
    ])
    const hatch = discover(
      [
        '[project]',
        'name = "acme-app"',
        'dynamic = [',
        '  "dependencies",',
        '  "optional-dependencies",',
        ']',
        '[tool.hatch.metadata.hooks.requirements_txt]',
        'files = ["requirements.txt", "dev-requirements.txt"]',
        '[tool.hatch.metadata.hooks.requirements_txt.optional-dependencies]',
        'crypto = ["requirements-crypto.txt"]',
        '',
      ].join('\n'),
    )
    expect(skips(hatch)).toEqual([
      '3 unsupported [project] dynamic dependencies: hatch-requirements-txt ([tool.hatch.metadata.hooks.requirements_txt]) reads them from requirements.txt, dev-requirements.txt, which is not followed here; the pip-requirements input lists requirements.txt, dev-requirements.txt as a file of its own, when scanned',
      '3 unsupported [project] dynamic optional-dependencies: hatch-requirements-txt ([tool.hatch.metadata.hooks.requirements_txt]) reads them from requirements-crypto.txt (crypto), which is not followed here; the pip-requirements input lists requirements-crypto.txt as a file of its own, when scanned',
    ])
    const computed = discover('[project]\nname = "acme-app"\ndynamic = ["dependencies", 7]\n')
    expect(skips(computed)).toEqual([
      '3 unsupported [project] dynamic dependencies: the build backend computes them when it builds the project; they are not written in pyproject.toml and not read',
    ])
    // Only other fields dynamic, or a dynamic that is not an array: nothing to report.
    expect(discover('[project]\ndynamic = ["version"]\n').skipped).toEqual([])
    expect(discover('[project]\ndynamic = "dependencies"\n').skipped).toEqual([])
  })

  it('Poetry 2: dynamic dependencies are the [tool.poetry.dependencies] read here, so nothing is reported', () => {
    const out = discover(
      [
        '[project]',
        'name = "acme-app"',
        'dynamic = ["dependencies"]',
        '[tool.poetry.dependencies]',
        'python = "^3.10"',
        'requests = { version = ">=2.13.0", source = "private" }',
        '[[tool.poetry.source]]',
        'name = "private"',
        'url = "https://pypi.example-corp.com/simple"',
        'priority = "explicit"',
        '',
      ].join('\n'),
    )
    expect(out.skipped).toEqual([])
    expect(out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.purl}`)).toEqual([
      '6:1 pkg:pypi/requests?repository_url=https%3A%2F%2Fpypi.example-corp.com%2Fsimple',
    ])
  })
})

describe('pyproject: Poetry 2 enrichment', () => {
  it('lists a package written in both [project] and [tool.poetry.dependencies] once, with what Poetry adds', () => {
    const out = discover(
      [
        '[project]',
        'name = "acme-app"',
        'dependencies = [',
        '    "requests>=2.13.0",',
        '    "Acme_Tools (>=1.0,<2.0)",',
        '    "widget",',
        '    "numpy==2.0.0",',
        '    "tomli>=2; python_version < \'3.11\'",',
        ']',
        '',
        '[tool.poetry.dependencies]',
        'python = ">=3.10,<4.0"',
        'requests = { source = "private" }',
        'acme-tools = { version = "1.4.0", source = "private" }',
        'widget = { git = "https://github.com/example-org/widget.git", tag = "v2.0.0" }',
        'numpy = "2.0.0"',
        'tomli = { allow-prereleases = true }',
        'only-poetry = "^1.0"',
        '',
        '[[tool.poetry.source]]',
        'name = "private"',
        'url = "https://pypi.example-corp.com/simple"',
        'priority = "explicit"',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '4:5 requests - prod requests>=2.13.0',
      '5:5 acme-tools 1.4.0 prod Acme_Tools (>=1.0,<2.0)',
      '6:5 widget - prod widget',
      '7:5 numpy 2.0.0 prod numpy==2.0.0',
      "8:5 tomli - prod tomli>=2; python_version < '3.11'",
      '18:1 only-poetry - prod only-poetry ^1.0',
    ])
    expect(out.components.map((c) => c.purl)).toEqual([
      'pkg:pypi/requests?repository_url=https%3A%2F%2Fpypi.example-corp.com%2Fsimple',
      'pkg:pypi/acme-tools@1.4.0?repository_url=https%3A%2F%2Fpypi.example-corp.com%2Fsimple',
      'pkg:pypi/widget?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fwidget.git%40v2.0.0',
      'pkg:pypi/numpy@2.0.0',
      'pkg:pypi/tomli',
      'pkg:pypi/only-poetry',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '6 unresolved-version widget: installed from git https://github.com/example-org/widget.git, not a registry version',
    ])
  })

  it('Poetry 1 (no [project] dependencies) and dev groups are not enrichments: listed as before', () => {
    const out = discover(
      [
        '[project]',
        'name = "acme-app"',
        '[tool.poetry.dependencies]',
        'requests = "2.32.0"',
        '[tool.poetry.group.dev.dependencies]',
        'requests = "2.32.0"',
        '',
      ].join('\n'),
    )
    expect(rows(out)).toEqual(['4:1 requests 2.32.0 prod requests 2.32.0', '6:1 requests 2.32.0 dev requests 2.32.0'])
  })

  it("reads PDM's editable dev-dependencies as PDM does: -e name @ url, -e url#egg=name, and a bare path passed over", () => {
    // The first line's form is Zipstack/unstract's (a PDM monorepo); the others as PDM's documentation writes them.
    const out = discover(`[project]
name = "app"
[tool.pdm.dev-dependencies]
dev = [
  "-e unstract-sdk @ file:///\${PROJECT_ROOT}/../sdk",
  "-e file:///\${PROJECT_ROOT}/../core#egg=unstract-core",
  "-e ./local",
  "-e git+https://github.com/example-org/tool.git@v1#egg=example-tool",
]
`)
    expect(out.errors).toEqual([])
    expect(
      out.components.map((c) => `${c.locations[0].line} ${c.name} ${c.scope} ${c.local ? 'local' : c.purl}`),
    ).toEqual([
      '5 unstract-sdk dev local',
      '6 unstract-core dev local',
      '8 example-tool dev pkg:pypi/example-tool?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Ftool.git%40v1',
    ])
  })

  it("lists Hatch environments' dependencies and extra-dependencies as dev, at their lines (markitdown)", () => {
    const text = readFileSync(new URL('./__fixtures__/markitdown/pyproject.toml', import.meta.url), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(rows(out).filter((row) => / dev /.test(row))).toEqual([
      '2:13 hatchling - dev hatchling',
      '27:3 openai - dev openai',
      '33:3 openai - dev openai',
      '34:3 mypy - dev mypy>=1.0.0',
    ])
    expect(rows(out).filter((row) => / prod /.test(row))).toHaveLength(7)
  })

  it("reads Hatch's env plug-ins and dotted environment names; context formatting is not filled in, and said so", () => {
    const out = discover(
      [
        '[tool.hatch.env]',
        'requires = ["hatch-containers==0.7.0"]',
        '[tool.hatch.envs."py3.12"]',
        'dependencies = ["pytest==8.3.5", "mylib @ {root:uri}/libs/mylib"]',
        '[tool.hatch.envs.lint]',
        'dependencies = "ruff"',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '2:13 hatch-containers 0.7.0 dev hatch-containers==0.7.0',
      '4:17 pytest 8.3.5 dev pytest==8.3.5',
    ])
    expect(out.skipped).toEqual([
      {
        file: 'pyproject.toml',
        line: 4,
        reason: 'unresolved-version',
        message:
          "tool.hatch.envs.py3.12.dependencies: 'mylib @ {root:uri}/libs/mylib' uses Hatch's context formatting (filled in by Hatch); not read",
      },
    ])
    expect(out.errors.map((e) => [e.line, e.message])).toEqual([
      [6, 'tool.hatch.envs.lint.dependencies must be an array of requirements'],
    ])
  })

  it("a project Hatchling builds: its [project] dependencies' context formatting is not filled in either (astral-sh/uv test/packages/root_editable)", () => {
    const out = discover(
      [
        '[build-system]',
        'requires = ["hatchling"]',
        'build-backend = "hatchling.build"',
        '[project]',
        'name = "root-editable"',
        'dependencies = [',
        '  "black @ {root:uri}/../black_editable",',
        '  "idna==3.7",',
        ']',
        '[project.optional-dependencies]',
        'env = ["tool @ file:///{env:TOOL_HOME}/tool"]',
      ].join('\n'),
    )
    expect(rows(out)).toEqual(['2:13 hatchling - dev hatchling', '8:3 idna 3.7 prod idna==3.7'])
    expect(out.skipped).toEqual([
      {
        file: 'pyproject.toml',
        line: 7,
        reason: 'unresolved-version',
        message:
          "project.dependencies: 'black @ {root:uri}/../black_editable' uses Hatch's context formatting (filled in by Hatch); not read",
      },
      {
        file: 'pyproject.toml',
        line: 11,
        reason: 'unresolved-version',
        message:
          "project.optional-dependencies.env: 'tool @ file:///{env:TOOL_HOME}/tool' uses Hatch's context formatting (filled in by Hatch); not read",
      },
    ])
    expect(out.errors).toEqual([])
  })

  it("reads Hatch's own hatch.toml: [envs.*] dependencies and extra-dependencies, [env] requires, as dev (pypa/hatch's shape)", () => {
    const out = discoverer.discover(
      {
        file: 'hatch.toml',
        text: '[env]\nrequires = ["hatch-pip-compile"]\n\n[envs.docs]\ndependencies = [\n  "mkdocs~=1.6.0",\n]\n\n[envs.coverage]\nextra-dependencies = ["coverage[toml]==7.6.1"]\n',
      },
      {readText: () => null},
    ) as Required<DiscoverOutput>
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '2:13 hatch-pip-compile - dev hatch-pip-compile',
      '6:3 mkdocs - dev mkdocs~=1.6.0',
      '10:23 coverage 7.6.1 dev coverage[toml]==7.6.1',
    ])
  })
})

describe('pyproject: credentials in index and source URLs', () => {
  it('carries uv index, Poetry source and git URLs without their user and password', () => {
    const out = discover(
      [
        '[project]',
        'name = "demo"',
        'dependencies = ["torch==2.3.0", "internal"]',
        '[tool.uv.sources]',
        'torch = { index = "pytorch" }',
        'internal = { git = "https://user:token@git.example.com/example/internal.git", tag = "v1.0" }',
        '[[tool.uv.index]]',
        'name = "pytorch"',
        'url = "https://user:secret@download.example.com/whl/cpu"',
        'explicit = true',
        '[tool.poetry.dependencies]',
        'private-lib = { version = "1.0.0", source = "corp" }',
        '[[tool.poetry.source]]',
        'name = "corp"',
        'url = "https://me:pw@pypi.example.com/simple"',
        'priority = "explicit"',
      ].join('\n'),
    )
    expect(out.components.map((c) => c.purl)).toEqual([
      'pkg:pypi/torch@2.3.0?repository_url=https%3A%2F%2Fdownload.example.com%2Fwhl%2Fcpu',
      'pkg:pypi/internal?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Fexample%2Finternal.git%40v1.0',
      'pkg:pypi/private-lib@1.0.0?repository_url=https%3A%2F%2Fpypi.example.com%2Fsimple',
    ])
    expect(JSON.stringify(out)).not.toMatch(/secret|token|:pw@/)
  })
})
