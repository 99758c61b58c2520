import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'
import {evaluate, MAX_LENGTH, parseMarker} from './marker.js'

interface Output {
  components: Component[]
  skipped: Array<{reason: string; line?: number; message: string}>
  errors: Array<{code: string; line?: number; column?: number; message: string}>
}

function discover(text: string, pyproject?: string, pipfile?: string): Output {
  const beside: Record<string, string | undefined> = {'app/pyproject.toml': pyproject, 'app/Pipfile': pipfile}
  const readText = (file: string) => beside[file] ?? null
  return discoverer.discover({file: 'app/pylock.toml', text}, {readText}) as Output
}

function fixture(path: string): string {
  return readFileSync(new URL(`./__fixtures__/${path}`, import.meta.url), 'utf8')
}

/** name, version, purl, scope, direct, local, line of each component. */
function rows(components: Component[]) {
  return components.map((c) => [c.name, c.version, c.purl, c.scope, c.direct, c.local, c.locations[0].line])
}

describe('pylock-toml: file names', () => {
  it('matches pylock.toml and pylock.<name>.toml, nothing else', () => {
    for (const file of ['pylock.toml', 'app/pylock.toml', 'pylock.dev.toml', 'deploy/pylock.spam.toml'])
      expect(discoverer.matches(file), file).toBe(true)
    for (const file of ['pylock.a.b.toml', 'mypylock.toml', 'pylock.toml.bak', 'pylock..toml', 'pyproject.toml'])
      expect(discoverer.matches(file), file).toBe(false)
  })

  it('identifies standard input by lock-version beside created-by or [[packages]]', () => {
    expect(discoverer.identify?.(fixture('uv/pylock.toml'))).toBe(true)
    expect(discoverer.identify?.(fixture('pdm-demo/pylock.toml'))).toBe(true)
    expect(discoverer.identify?.('version = 1\nrequires-python = ">=3.10"\n')).toBe(false)
    expect(discoverer.identify?.('lock-version = "1.0"\n')).toBe(false)
  })
})

describe('pylock-toml: real files', () => {
  it("PDM's multi-use export: scope from the extras and dependency groups its markers name, direct from pyproject.toml", () => {
    const {components, skipped, errors} = discover(fixture('pdm-demo/pylock.toml'), fixture('pdm-demo/pyproject.toml'))
    expect(errors).toEqual([])
    expect(skipped).toEqual([])
    expect(rows(components)).toEqual([
      // `python_version >= "3.6" and "security" in extras`: installed when the `security` extra is asked for.
      ['certifi', '2025.1.31', 'pkg:pypi/certifi@2025.1.31', 'optional', false, undefined, 10],
      // `os_name == "nt" and "default" in dependency_groups`: a default install, on Windows.
      ['chardet', '3.0.4', 'pkg:pypi/chardet@3.0.4', 'prod', true, undefined, 23],
      ['charset-normalizer', '2.0.12', 'pkg:pypi/charset-normalizer@2.0.12', 'optional', false, undefined, 35],
      ['colorama', '0.3.9', 'pkg:pypi/colorama@0.3.9', 'optional', false, undefined, 48],
      // `"default" in dependency_groups or "security" in extras`.
      ['idna', '2.7', 'pkg:pypi/idna@2.7', 'prod', true, undefined, 60],
      ['py', '1.4.34', 'pkg:pypi/py@1.4.34', 'optional', false, undefined, 72],
      ['pytest', '3.2.5', 'pkg:pypi/pytest@3.2.5', 'optional', true, undefined, 84],
      ['requests', '2.27.1', 'pkg:pypi/requests@2.27.1', 'optional', true, undefined, 102],
      ['setuptools', '39.2.0', 'pkg:pypi/setuptools@39.2.0', 'optional', false, undefined, 122],
      ['urllib3', '1.26.20', 'pkg:pypi/urllib3@1.26.20', 'optional', false, undefined, 135],
    ])
  })

  it("uv's single-use export: the project local, the pyproject.toml's names direct (scope of their list), others not said", () => {
    const {components, skipped, errors} = discover(fixture('uv/pylock.toml'), fixture('uv/pyproject.toml'))
    expect(errors).toEqual([])
    expect(skipped).toEqual([])
    expect(rows(components)).toEqual([
      ['click', '8.1.8', 'pkg:pypi/click@8.1.8', undefined, false, undefined, 7],
      // `sys_platform == 'win32'` names no extra nor group: a platform, not a scope.
      ['colorama', '0.4.6', 'pkg:pypi/colorama@0.4.6', undefined, false, undefined, 14],
      ['comfy-cli', undefined, undefined, undefined, undefined, true, 22],
      ['cookiecutter', '2.6.0', 'pkg:pypi/cookiecutter@2.6.0', 'prod', true, undefined, 26],
      ['exceptiongroup', '1.3.0', 'pkg:pypi/exceptiongroup@1.3.0', undefined, false, undefined, 33],
    ])
  })

  it('without a pyproject.toml, direct is not said', () => {
    const {components} = discover(fixture('uv/pylock.toml'))
    expect(components.map((c) => c.direct)).toEqual([undefined, undefined, undefined, undefined, undefined])
  })
})

const HEAD = 'lock-version = "1.0"\ncreated-by = "example-locker"\n'

describe('pylock-toml: where a package comes from', () => {
  const text = [
    HEAD,
    '[[packages]]',
    'name = "Requests"',
    'version = "2.32.3"',
    'index = "https://pypi.org/simple/"',
    'wheels = [{ url = "https://files.pythonhosted.org/r.whl", hashes = { sha256 = "00" } }]',
    '',
    '[[packages]]',
    'name = "acme_tools"',
    'version = "1.4.0"',
    'index = "https://user:secret@pypi.internal.example/simple/"',
    'sdist = { url = "https://pypi.internal.example/files/acme_tools-1.4.0.tar.gz", hashes = { sha256 = "00" } }',
    '',
    '[[packages]]',
    'name = "torch"',
    'version = "2.5.1"',
    'wheels = [',
    '  { url = "https://files.pythonhosted.org/torch-2.5.1-cp312-none-macosx_11_0_arm64.whl", hashes = { sha256 = "00" } },',
    '  { url = "https://download.example.org/whl/cpu/torch-2.5.1-cp312-linux_x86_64.whl", hashes = { sha256 = "00" } },',
    ']',
    '',
    '[[packages]]',
    'name = "attrs"',
    'version = "25.1.0"',
    'sdist = { url = "https://files.pythonhosted.org/attrs-25.1.0.tar.gz", hashes = { sha256 = "00" } }',
    '',
    '[[packages]]',
    'name = "private-lib"',
    'version = "1.0.0"',
    'vcs = { type = "git", url = "https://git.example.com/team/private-lib.git", requested-revision = "main", commit-id = "0123456789abcdef0123456789abcdef01234567" }',
    '',
    '[[packages]]',
    'name = "forge-lib"',
    'vcs = { type = "git", url = "https://github.com/example/forge-lib.git", commit-id = "89abcdef0123456789abcdef0123456789abcdef" }',
    '',
    '[[packages]]',
    'name = "hg-lib"',
    'vcs = { type = "hg", url = "https://hg.example.com/hg-lib", commit-id = "abc123" }',
    '',
    '[[packages]]',
    'name = "wheelhouse"',
    'version = "0.2.0"',
    'archive = { url = "https://downloads.example.com/wheelhouse-0.2.0.tar.gz", hashes = { sha256 = "00" } }',
    '',
    '[[packages]]',
    'name = "app"',
    'directory = { path = ".", editable = true }',
    '',
    '[[packages]]',
    'name = "vendored"',
    'version = "3.0"',
    'wheels = [{ path = "wheels/vendored-3.0-py3-none-any.whl", hashes = { sha256 = "00" } }]',
    '',
    '[[packages]]',
    'name = "local-archive"',
    'version = "1.0"',
    'archive = { url = "file:///srv/dist/local-archive-1.0.zip", hashes = { sha256 = "00" } }',
    '',
  ].join('\n')

  it('index (PyPI: nothing; another: repository_url without credentials), file hosts, vcs, archive, local paths', () => {
    const {components, skipped, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.version, c.purl ?? (c.local ? 'local' : undefined)])).toEqual([
      ['requests', '2.32.3', 'pkg:pypi/requests@2.32.3'],
      ['acme-tools', '1.4.0', 'pkg:pypi/acme-tools@1.4.0?repository_url=https%3A%2F%2Fpypi.internal.example%2Fsimple'],
      [
        'torch',
        '2.5.1',
        'pkg:pypi/torch@2.5.1?download_url=https%3A%2F%2Fdownload.example.org%2Fwhl%2Fcpu%2Ftorch-2.5.1-cp312-linux_x86_64.whl',
      ],
      ['attrs', '25.1.0', 'pkg:pypi/attrs@25.1.0'],
      [
        'private-lib',
        '1.0.0',
        'pkg:pypi/private-lib@1.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Fteam%2Fprivate-lib.git%400123456789abcdef0123456789abcdef01234567',
      ],
      // No version (PEP 751: a source tree has none): the commit on a known forge stands for it.
      [
        'forge-lib',
        undefined,
        'pkg:pypi/forge-lib?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fforge-lib.git%4089abcdef0123456789abcdef0123456789abcdef',
      ],
      [
        'wheelhouse',
        '0.2.0',
        'pkg:pypi/wheelhouse@0.2.0?download_url=https%3A%2F%2Fdownloads.example.com%2Fwheelhouse-0.2.0.tar.gz',
      ],
      ['app', undefined, 'local'],
      ['vendored', '3.0', 'local'],
      ['local-archive', '1.0', 'local'],
    ])
    expect(skipped).toEqual([
      {
        file: 'app/pylock.toml',
        line: 38,
        reason: 'unresolved-version',
        message: 'hg-lib: a VCS source off the known forges',
      },
    ])
  })
})

describe('pylock-toml: as pip lock writes it', () => {
  it('standard tables for wheels and hashes, no index: the file host tells PyPI from elsewhere', () => {
    const text = [
      'lock-version = "1.0"',
      'created-by = "pip"',
      '',
      '[[packages]]',
      'name = "flask"',
      'version = "3.1.3"',
      '',
      '[[packages.wheels]]',
      'name = "flask-3.1.3-py3-none-any.whl"',
      'url = "https://files.pythonhosted.org/packages/ab/flask-3.1.3-py3-none-any.whl"',
      '',
      '[packages.wheels.hashes]',
      'sha256 = "0000"',
      '',
      '[[packages]]',
      'name = "acme-internal"',
      'version = "2.0.0"',
      '',
      '[[packages.wheels]]',
      'name = "acme_internal-2.0.0-py3-none-any.whl"',
      'url = "https://wheels.example.com/acme_internal-2.0.0-py3-none-any.whl"',
      '',
      '[packages.wheels.hashes]',
      'sha256 = "0000"',
      '',
      '[[packages]]',
      'name = "app"',
      '',
      '[packages.directory]',
      'path = "."',
      'editable = false',
      '',
    ].join('\n')
    expect(discoverer.identify?.(text)).toBe(true)
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(rows(components)).toEqual([
      ['flask', '3.1.3', 'pkg:pypi/flask@3.1.3', undefined, undefined, undefined, 4],
      [
        'acme-internal',
        '2.0.0',
        'pkg:pypi/acme-internal@2.0.0?download_url=https%3A%2F%2Fwheels.example.com%2Facme_internal-2.0.0-py3-none-any.whl',
        undefined,
        undefined,
        undefined,
        15,
      ],
      ['app', undefined, undefined, undefined, undefined, true, 26],
    ])
  })
})

describe('pylock-toml: credentials and local clones', () => {
  it('takes credentials out of vcs and archive URLs; a vcs by path alone is local', () => {
    const text = [
      HEAD,
      '[[packages]]',
      'name = "secret-lib"',
      'version = "0.1"',
      'vcs = { type = "git", url = "https://user:token@github.com/example/secret-lib.git", commit-id = "0123abc" }',
      '',
      '[[packages]]',
      'name = "secret-archive"',
      'version = "0.2"',
      'archive = { url = "https://user:token@files.example.com/secret-archive-0.2.zip", hashes = { sha256 = "00" } }',
      '',
      '[[packages]]',
      'name = "clone"',
      'vcs = { type = "git", path = "../clone", commit-id = "0123abc" }',
      '',
    ].join('\n')
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => c.purl ?? (c.local ? 'local' : undefined))).toEqual([
      'pkg:pypi/secret-lib@0.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fsecret-lib.git%400123abc',
      'pkg:pypi/secret-archive@0.2?download_url=https%3A%2F%2Ffiles.example.com%2Fsecret-archive-0.2.zip',
      'local',
    ])
    expect(JSON.stringify(components)).not.toContain('token')
  })
})

describe('pylock-toml: scope from markers', () => {
  const multiUse = [
    'lock-version = "1.0"',
    'extras = ["fast"]',
    'dependency-groups = ["dev", "Docs"]',
    'default-groups = ["default"]',
    'created-by = "example-locker"',
    '',
  ]
  const pkg = (name: string, marker?: string) => [
    '[[packages]]',
    `name = "${name}"`,
    'version = "1.0"',
    ...(marker === undefined ? [] : [`marker = ${JSON.stringify(marker)}`]),
    '',
  ]

  it('default groups prod, extras optional, other groups dev; no marker prod in a multi-use lock', () => {
    const text = [
      ...multiUse,
      ...pkg('always'),
      ...pkg('platform', "sys_platform == 'linux'"),
      ...pkg('runtime', "'default' in dependency_groups"),
      ...pkg('fast-only', "'fast' in extras and python_version >= '3.9'"),
      ...pkg('dev-only', "'dev' in dependency_groups"),
      ...pkg('docs-or-dev', "('Docs' in dependency_groups or \"dev\" in dependency_groups) and os_name == 'posix'"),
      ...pkg('dev-with-extra', "'dev' in dependency_groups and 'fast' in extras"),
      ...pkg('runtime-or-fast', "'default' in dependency_groups or 'fast' in extras"),
      ...pkg('unless-fast', "'fast' not in extras"),
    ].join('\n')
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.scope])).toEqual([
      ['always', 'prod'],
      ['platform', 'prod'],
      ['runtime', 'prod'],
      ['fast-only', 'optional'],
      ['dev-only', 'dev'],
      ['docs-or-dev', 'dev'],
      ['dev-with-extra', 'dev'],
      ['runtime-or-fast', 'prod'],
      ['unless-fast', 'prod'],
    ])
  })

  it('one package written per environment or group is one component, with the widest scope', () => {
    const text = [
      ...multiUse,
      ...pkg('numpy', "'dev' in dependency_groups and sys_platform == 'win32'"),
      ...pkg('numpy', "'default' in dependency_groups and sys_platform == 'linux'"),
    ].join('\n')
    const {components} = discover(text)
    expect(components.map((c) => [c.name, c.scope, c.locations[0].line])).toEqual([['numpy', 'prod', 7]])
  })

  it('a marker that does not parse is an error at its package; the package is listed without scope', () => {
    const text = [...multiUse, ...pkg('odd', "'dev' in dependency_groups and ("), ...pkg('ok')].join('\n')
    const {components, errors} = discover(text)
    expect(components.map((c) => [c.name, c.scope])).toEqual([
      ['odd', undefined],
      ['ok', 'prod'],
    ])
    expect(errors).toEqual([
      {
        file: 'app/pylock.toml',
        code: 'invalid-entry',
        message: 'odd: `marker` is not a marker this reads',
        line: 7,
        column: 1,
      },
    ])
  })

  it('a single-use lock takes the scope of the pyproject.toml list naming a package (the widest), else none', () => {
    const text = [HEAD, ...['flask', 'Pytest', 'orjson', 'ruff', 'mypy', 'idna'].flatMap((name) => pkg(name))].join(
      '\n',
    )
    const pyproject = [
      '[project]',
      'dependencies = ["flask>=3"]',
      '[project.optional-dependencies]',
      'fast = ["orjson; python_version >= \'3.9\'", "flask[async]"]',
      '[dependency-groups]',
      'test = ["pytest==8.*", {include-group = "lint"}]',
      'lint = ["ruff"]',
      '[tool.uv]',
      'dev-dependencies = ["mypy"]',
      '',
    ].join('\n')
    const {components, errors} = discover(text, pyproject)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.scope, c.direct])).toEqual([
      ['flask', 'prod', true],
      ['pytest', 'dev', true],
      ['orjson', 'optional', true],
      ['ruff', 'dev', true],
      ['mypy', 'dev', true],
      ['idna', undefined, false],
    ])
  })

  it("takes direct and scope from the Pipfile beside a lock pipenv wrote, not the pyproject.toml (pipenv's own repository)", () => {
    // pypa/pipenv's pylock.toml (`created-by = "pipenv"`, its Pipfile's `[pipenv] use_pylock = true`): the
    // pyproject.toml beside it is pipenv's own package, which the lock does not install.
    const text = [
      'lock-version = "1.0"',
      'created-by = "pipenv"',
      '',
      ...['pytz', 'click', 'certifi'].flatMap((name) => ['[[packages]]', `name = "${name}"`, 'version = "1.0"', '']),
    ].join('\n')
    const pyproject = '[project]\nname = "pipenv"\ndependencies = ["certifi"]\n'
    const pipfile = '[packages]\npytz = "*"\n[dev-packages]\nclick = "*"\n[pipenv]\nuse_pylock = true\n'
    const rows = (out: Output) => out.components.map((c) => [c.name, c.scope, c.direct])
    expect(rows(discover(text, pyproject, pipfile))).toEqual([
      ['pytz', 'prod', true],
      ['click', 'dev', true],
      ['certifi', undefined, false],
    ])
    // Without a Pipfile, the pyproject.toml still says what it can; another locker's lock keeps to the pyproject.toml.
    expect(rows(discover(text, pyproject))).toEqual([
      ['pytz', undefined, false],
      ['click', undefined, false],
      ['certifi', 'prod', true],
    ])
    const other = text.replace('created-by = "pipenv"', 'created-by = "pip"')
    expect(rows(discover(other, pyproject, pipfile))[2]).toEqual(['certifi', 'prod', true])
  })

  it('the dependencies of the project entry are the direct ones', () => {
    const text = [
      HEAD,
      '[[packages]]',
      'name = "app"',
      'directory = { path = "." }',
      'dependencies = [{ name = "Flask" }, { name = "pytest", version = "8.0" }]',
      '',
      '[[packages]]',
      'name = "flask"',
      'version = "3.0.0"',
      '',
      '[[packages]]',
      'name = "werkzeug"',
      'version = "3.0.1"',
      '',
    ].join('\n')
    const {components} = discover(text, '[project]\ndependencies = ["werkzeug"]\n')
    expect(components.map((c) => [c.name, c.direct])).toEqual([
      ['app', undefined],
      ['flask', true],
      ['werkzeug', false],
    ])
  })
})

describe('pylock-toml: bad input', () => {
  it('refuses a lock-version major it does not know, at its line', () => {
    expect(discover('# c\nlock-version = "2.0"\n[[packages]]\nname = "a"\n').errors).toEqual([
      {
        file: 'app/pylock.toml',
        code: 'unsupported-version',
        message: 'pylock.toml lock-version "2.0" is not one this reads (1.x)',
        line: 2,
      },
    ])
    expect(discover('\n\nlock-version = 1.0\n').errors[0]).toMatchObject({code: 'unsupported-version', line: 3})
    expect(discover('created-by = "x"\n').errors[0]).toMatchObject({
      code: 'unsupported-version',
      message: 'pylock.toml has no lock-version',
    })
    // A minor version of 1 is read.
    expect(discover(`${HEAD.replace('1.0', '1.1')}\n[[packages]]\nname = "a"\nversion = "1"\n`).errors).toEqual([])
  })

  it('invalid TOML, a missing packages array, and malformed entries are errors at their lines', () => {
    expect(discover('lock-version = "1.0"\nname = \n').errors[0]).toMatchObject({code: 'invalid-toml', line: 2})
    expect(discover(HEAD).errors).toEqual([
      {file: 'app/pylock.toml', code: 'invalid-lockfile', message: '`packages` is missing', line: 1},
    ])
    const text = [
      HEAD,
      '[[packages]]',
      'version = "1.0"',
      '',
      '[[packages]]',
      'name = "both"',
      'version = "1.0"',
      'vcs = { type = "git", url = "https://github.com/example/both", commit-id = "abc" }',
      'wheels = [{ url = "https://files.pythonhosted.org/both.whl", hashes = { sha256 = "00" } }]',
      '',
      '[[packages]]',
      'name = "darcs"',
      'vcs = { type = "darcs", url = "https://example.com/x", commit-id = "abc" }',
      '',
      '[[packages]]',
      'name = "nocommit"',
      'vcs = { type = "git", url = "https://github.com/example/x" }',
      '',
      '[[packages]]',
      'name = "nofile"',
      'version = "1.0"',
      'sdist = { hashes = { sha256 = "00" } }',
      '',
      '[[packages]]',
      'name = "good"',
      'version = "1.0"',
      '',
      '[[packages]]',
      'name = "unpinned"',
      'index = "https://pypi.org/simple"',
      '',
    ].join('\n')
    const {components, skipped, errors} = discover(text)
    expect(components.map((c) => c.name)).toEqual(['good'])
    expect(skipped).toEqual([
      {file: 'app/pylock.toml', line: 30, reason: 'unresolved-version', message: 'unpinned: no version locked'},
    ])
    expect(errors.map((e) => [e.code, e.line, e.message])).toEqual([
      ['invalid-entry', 4, '[[packages]] #1: `name` is not a string'],
      ['invalid-entry', 7, '[[packages]] #2: more than one source (vcs, sdist/wheels)'],
      ['invalid-entry', 13, '[[packages]] #3: `vcs.type` is not git, hg, svn or bzr'],
      ['invalid-entry', 17, '[[packages]] #4: `vcs.commit-id` is not a string'],
      ['invalid-entry', 21, '[[packages]] #5: `sdist` has neither url nor path'],
    ])
  })

  it('packages written inline are read, located at the packages key', () => {
    const text = `${HEAD}packages = [{ name = "a", version = "1.0" }, { name = "b", version = "2.0" }]\n`
    expect(rows(discover(text).components)).toEqual([
      ['a', '1.0', 'pkg:pypi/a@1.0', undefined, undefined, undefined, 3],
      ['b', '2.0', 'pkg:pypi/b@2.0', undefined, undefined, undefined, 3],
    ])
  })

  it('selection lists that are not lists of strings are errors', () => {
    const text = `lock-version = "1.0"\nextras = "fast"\n\n[[packages]]\nname = "a"\nversion = "1"\n`
    const {components, errors} = discover(text)
    expect(components).toHaveLength(1)
    expect(errors).toEqual([
      {file: 'app/pylock.toml', code: 'invalid-lockfile', message: '`extras` is not a list of strings', line: 2},
    ])
  })

  it('hostile markers: long, deeply nested, or unbalanced are not read (their time: bench/hostile.ts)', () => {
    expect(parseMarker(`'a' in extras or ${"'b' in extras or ".repeat(MAX_LENGTH)}'c' in extras`)).toBeUndefined()
    expect(parseMarker(`${'('.repeat(200)}'a' in extras${')'.repeat(200)}`)).toBeUndefined()
    expect(parseMarker(`${'('.repeat(20)}'a' in extras${')'.repeat(20)}`)).toEqual({
      kind: 'selection',
      set: 'extras',
      name: 'a',
      negated: false,
    })
    expect(parseMarker(`${"'a' in extras and ".repeat(400)}"x`)).toBeUndefined()
  })

  it('names in markers are compared normalised (PEP 503)', () => {
    const marker = parseMarker("'Dev_Tools' in dependency_groups")!
    expect(evaluate(marker, {extras: new Set(), groups: new Set(['dev-tools'])})).toBe(true)
    expect(evaluate(marker, {extras: new Set(), groups: new Set()})).toBe(false)
  })
})

describe('pylock-toml: through the engine', () => {
  it('scans pylock.toml and pylock.<name>.toml in a tree, the pyproject.toml beside too', async () => {
    const inventory = await scanTree({
      'svc/pylock.toml': fixture('pdm-demo/pylock.toml'),
      'svc/pyproject.toml': fixture('pdm-demo/pyproject.toml'),
      'svc/pylock.spam.toml': `${HEAD}\n[[packages]]\nname = "gunicorn"\nversion = "23.0.0"\n`,
    })
    const found = inventory.components
      .filter((c) => c.locations.some((l) => l.file.includes('pylock')))
      .map((c) => `${c.purl} ${c.locations.map((l) => `${l.file}:${l.line}`).join(' ')}`)
    expect(found).toContain('pkg:pypi/gunicorn@23.0.0 svc/pylock.spam.toml:4')
    expect(found).toContain('pkg:pypi/idna@2.7 svc/pylock.toml:60')
    expect(inventory.errors ?? []).toEqual([])
  })
})
