import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const discover = (text: string) =>
  discoverer.discover({file: 'pyproject.toml', text}, {readText: () => null}) as Required<DiscoverOutput>

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line} ${c.name} ${c.version ?? '-'} ${c.scope} ${c.ref}`)

describe('pyproject', () => {
  it('matches pyproject.toml only', () => {
    expect(discoverer.matches('pyproject.toml')).toBe(true)
    expect(discoverer.matches('services/api/pyproject.toml')).toBe(true)
    expect(discoverer.matches('pyproject.toml.bak')).toBe(false)
    expect(discoverer.matches('node_modules/x/pyproject.toml')).toBe(false)
  })

  it('lists build requirements, dependencies, extras and PDM groups of a real project at their lines (pydantic)', () => {
    const text = readFileSync(new URL('./__fixtures__/pydantic/pyproject.toml', import.meta.url), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '2 hatchling - dev hatchling',
      '2 hatch-fancy-pypi-readme - dev hatch-fancy-pypi-readme>=22.5.0',
      '11 typing-extensions - prod typing-extensions>=4.6.1; python_version < "3.13"',
      '12 typing-extensions - prod typing-extensions>=4.12.2; python_version >= "3.13"',
      '13 annotated-types - prod annotated-types>=0.4.0',
      '14 pydantic-core 2.20.1 prod pydantic-core==2.20.1',
      '19 email-validator - optional email-validator>=2.0.0',
      '26 autoflake - dev autoflake',
      '27 mkdocs - dev mkdocs',
      '28 mike - dev mike @ git+https://github.com/jimporter/mike.git',
      '29 mkdocs-embed-external-markdown - dev mkdocs-embed-external-markdown>=2.3.0',
      '32 eval-type-backport - dev eval-type-backport>=0.1.3',
      '33 ruff 0.5.0 dev ruff==0.5.0',
      '34 mypy - dev mypy~=1.1.1',
      '37 coverage - dev coverage[toml]',
      '38 pytest - dev pytest>=8.2.2',
      `40 pytest-codspeed - dev pytest-codspeed~=2.2.0; python_version < '3.13'`,
      `43 pytest-memray - dev pytest-memray; python_version < '3.13' and platform_system != 'Windows'`,
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
      '2 pytest 8.3.2 dev pytest==8.3.2',
      '3 ruff - dev ruff',
      '7 requests 2.32.3 prod requests 2.32.3',
      '8 httpx - prod httpx ^0.27',
      '9 rich 13.7.1 optional rich ==13.7.1',
      '10 internal - prod internal',
      '11 quoted.name - prod quoted.name >=1.0',
      '12 multi - prod multi',
      '21 black - dev black *',
      '15 mkdocs 1.6.0 dev mkdocs 1.6.0',
      '18 nox 2024.4.15 dev nox 2024.4.15',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.message}`)).toEqual([
      '10 internal: installed from git https://git.example.com/acme/internal.git, not a registry version',
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
    expect(rows(out)).toEqual(['3 good - prod good>=1'])
    expect(out.errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
      "4 invalid-entry project.dependencies: 'not a requirement!' is not a PEP 508 requirement",
      '4 invalid-entry project.dependencies: expected a requirement string',
      '8 invalid-entry project.optional-dependencies.extra must be an array of requirements',
    ])
    expect(discover('[project]\ndependencies = [\n').errors.map((e) => e.code)).toEqual(['invalid-toml'])
  })
})

describe('pyproject: where packages come from', () => {
  const where = (out: Required<DiscoverOutput>) =>
    out.components.map((c) => `${c.name} ${c.local ? 'local' : (c.purl ?? '-')}`)

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
