import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {Inventory} from '../../../core/model.js'
import {refsAt, scanTree} from '../../../../tests/discover/tree.js'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const discover = (file: string, text: string) =>
  discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
const cfg = (text: string) => discover('setup.cfg', text)
const py = (text: string) => discover('setup.py', text)
const fixture = (path: string) => readFileSync(new URL(`./__fixtures__/${path}`, import.meta.url), 'utf8')

/** `line:column name version scope ref`, a component a row. */
const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) => `${c.locations[0].line}:${c.locations[0].column} ${c.name} ${c.version ?? '-'} ${c.scope} ${c.ref}`,
  )
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

/**
 * Runs `read` on hostile input: what it returns is asserted here; how long it takes is bench/hostile.ts's (speed
 * targets live in the bench, never in a timed test).
 */
function timed<T>(read: () => T): {result: T} {
  return {result: read()}
}

describe('python-setup', () => {
  it('says when setup() takes every keyword from a mapping the file builds (setup(**config)): nothing of it is read', () => {
    // great_expectations' setup.py: the requirements are read from a file into `required`, passed through a dict.
    const out = py(`import setuptools
with open("requirements.txt") as f:
    required = f.read().splitlines()
config = {"name": "lantern", "install_requires": required}
setuptools.setup(**config)
`)
    expect(out.components).toEqual([])
    expect(out.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [
        5,
        'unsupported',
        'setup.py: setup() takes its keyword arguments from a mapping (`**…`) the file builds, and the file is never run: its requirements are not read',
      ],
    ])
    // With a requirement keyword written in the call, that is what is read, and nothing more is said.
    const written = py('config = {"name": "lantern"}\nsetup(install_requires=["requests>=2"], **config)\n')
    expect(written.components.map((c) => c.name)).toEqual(['requests'])
    expect(written.skipped).toEqual([])
  })

  it('matches setup.cfg and setup.py outside node_modules', () => {
    expect(discoverer.matches('setup.cfg')).toBe(true)
    expect(discoverer.matches('setup.py')).toBe(true)
    expect(discoverer.matches('libs/acme/setup.py')).toBe(true)
    expect(discoverer.matches('libs/acme/setup.cfg')).toBe(true)
    expect(discoverer.matches('my-setup.py')).toBe(false)
    expect(discoverer.matches('setup.py.orig')).toBe(false)
    expect(discoverer.matches('setup.cfg.bak')).toBe(false)
    expect(discoverer.matches('setup.toml')).toBe(false)
    expect(discoverer.matches('node_modules/x/setup.py')).toBe(false)
    expect(discoverer.matches('web/node_modules/x/setup.cfg')).toBe(false)
  })

  describe('real projects', () => {
    it("reads setup.cfg's install_requires and extras at their lines, past comments (ipywidgets)", () => {
      const out = cfg(fixture('ipywidgets/setup.cfg'))
      expect(rows(out)).toEqual([
        '15:3 ipykernel - prod ipykernel>=4.5.1',
        '16:3 ipython - prod ipython>=6.1.0',
        '17:3 traitlets - prod traitlets>=4.3.1',
        '18:3 nbformat - prod nbformat>=4.2.0',
        '19:3 widgetsnbextension - prod widgetsnbextension~=4.0a0',
        '20:3 jupyterlab-widgets - prod jupyterlab_widgets~=2.0a0',
        '24:3 pytest - optional pytest>=3.6.0',
        '25:3 pytest-cov - optional pytest-cov',
        '26:3 pytz - optional pytz',
      ])
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
      expect(out.components.every((c) => c.direct === true && c.ecosystem === 'pypi')).toBe(true)
      expect(out.components.find((c) => c.name === 'jupyterlab-widgets')?.purl).toBe('pkg:pypi/jupyterlab-widgets')
    })

    it('keeps a marker on its own line with its requirement (pre-commit-hooks)', () => {
      const out = cfg(fixture('pre-commit-hooks/setup.cfg'))
      expect(rows(out)).toEqual([
        '9:5 ruamel-yaml - prod ruamel.yaml>=0.15',
        '10:5 tomli - prod tomli>=1.1.0;python_version<"3.11"',
      ])
      expect(out.errors).toEqual([])
    })

    it('reads a one-line extra of setup.cfg, and not [metadata] requires_dist (boto3)', () => {
      const out = cfg(fixture('boto3/setup.cfg'))
      expect(rows(out)).toEqual(['11:7 botocore - optional botocore[crt]>=1.21.0,<2.0a0'])
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
    })

    it("reads setup.py's install_requires from the list the file binds to a name (boto3)", () => {
      const out = py(fixture('boto3/setup.py'))
      expect(rows(out)).toEqual([
        '17:6 botocore - prod botocore>=1.43.78,<1.44.0',
        '18:6 jmespath - prod jmespath>=0.7.1,<2.0.0',
        '19:6 s3transfer - prod s3transfer>=0.19.0,<0.20.0',
      ])
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
    })

    it("reads setup.py's literal install_requires and extras_require past comments and other arguments (fabric)", () => {
      const out = py(fixture('fabric/setup.py'))
      expect(rows(out)).toEqual([
        '31:10 invoke - prod invoke>=2.0',
        '32:10 paramiko - prod paramiko>=2.4',
        '33:10 decorator - prod decorator>=5',
        '34:10 deprecated - prod deprecated>=1.2',
        '41:21 pytest - optional pytest>=7',
      ])
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
    })
  })

  describe('setup.cfg', () => {
    it('reads each key with its scope; pins as versions, ranges, extras and markers in ref', () => {
      const out = cfg(`[metadata]
name = example
requires_dist =
    not-read-lib

[options]
  zip_safe = False
install_requires =
    Example_Lib>=1.0
    acme-tools==2.3.1 ; python_version >= "3.8"
    acme-extra[socks,http]~=1.2
    acme-exact===1.0.post1
    acme-wild==1.*
    acme-pair>=1,==1.4.2
setup_requires =
    acme-scm>=8
tests_require =
    acme-test==7.1
python_requires = >=3.8
package_dir =
    =src

[options.extras_require]
docs =
    acme-docs
test =
    acme-mock

[options.entry_points]
console_scripts =
    install_requires = example.main:main
[tool:pytest]
install_requires = not-read-either
`)
      expect(rows(out)).toEqual([
        '9:5 example-lib - prod Example_Lib>=1.0',
        '10:5 acme-tools 2.3.1 prod acme-tools==2.3.1 ; python_version >= "3.8"',
        '11:5 acme-extra - prod acme-extra[socks,http]~=1.2',
        '12:5 acme-exact 1.0.post1 prod acme-exact===1.0.post1',
        '13:5 acme-wild - prod acme-wild==1.*',
        '14:5 acme-pair 1.4.2 prod acme-pair>=1,==1.4.2',
        '16:5 acme-scm - dev acme-scm>=8',
        '18:5 acme-test 7.1 dev acme-test==7.1',
        '25:5 acme-docs - optional acme-docs',
        '27:5 acme-mock - optional acme-mock',
      ])
      expect(out.components[1].purl).toBe('pkg:pypi/acme-tools@2.3.1')
      expect(out.components[0].purl).toBe('pkg:pypi/example-lib')
      expect(out.components.every((c) => c.direct === true && c.origin === 'manifest')).toBe(true)
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
    })

    it('drops comment lines (# and ;), inline " #" comments and blank lines; a # in a URL stays', () => {
      const out = cfg(`[options]
install_requires =
    # a comment line
    ; another comment line
    example-lib>=1.0  # why this one

        acme-tools  # indented deeper, still the same value
    url-lib @ https://example.com/url-lib.tar.gz#sha256=abc
; a comment between keys
setup_requires = # nothing here
tests_require =
  acme-test
`)
      expect(rows(out)).toEqual([
        '5:5 example-lib - prod example-lib>=1.0',
        '7:9 acme-tools - prod acme-tools',
        '8:5 url-lib - prod url-lib @ https://example.com/url-lib.tar.gz#sha256=abc',
        '12:3 acme-test - dev acme-test',
      ])
      expect(skips(out)).toEqual([
        '8 unresolved-version url-lib: installed from https://example.com/url-lib.tar.gz#sha256=abc, not a registry version',
      ])
      expect(out.errors).toEqual([])
    })

    it("splits a one-line value at ';', as setuptools does, and says when that cuts a marker off", () => {
      const out = cfg(`[options]
setup_requires = acme-scm>=8; acme-build==1.0 ;
install_requires = example-lib
[options.extras_require]
docs = acme-docs; python_version<"3.11"
pdf = ReportLab>=1.2; RXP
`)
      expect(rows(out)).toEqual([
        '2:18 acme-scm - dev acme-scm>=8',
        '2:31 acme-build 1.0 dev acme-build==1.0',
        '3:20 example-lib - prod example-lib',
        '5:8 acme-docs - optional acme-docs',
        '6:7 reportlab - optional ReportLab>=1.2',
        '6:23 rxp - optional RXP',
      ])
      expect(errors(out)).toEqual([
        `5:19 invalid-entry [options.extras_require] docs: 'python_version<"3.11"' is an environment marker, not a requirement: setuptools splits a one-line value at ';', so a requirement with a marker goes on a line of its own`,
      ])
    })

    it('reads keys written with ":", with dashes or in upper case, and indented option lines', () => {
      const out = cfg(`[options]
    install-requires: example-lib
    Setup_Requires = acme-scm
        acme-build
    TESTS-REQUIRE=acme-test
`)
      expect(rows(out)).toEqual([
        '2:23 example-lib - prod example-lib',
        '3:22 acme-scm - dev acme-scm',
        '4:9 acme-build - dev acme-build',
        '5:19 acme-test - dev acme-test',
      ])
      expect(out.errors).toEqual([])
    })

    it('joins a line ending in a backslash to the next, as setuptools does', () => {
      const out = cfg(`[options.extras_require]
testing =
    acme-black >= 0.3.7; \\
    python_implementation != "PyPy"
    acme-cov
    acme-dangling \\
`)
      // The last line continues into nothing: setuptools drops it.
      expect(rows(out)).toEqual([
        '3:5 acme-black - optional acme-black >= 0.3.7;python_implementation != "PyPy"',
        '5:5 acme-cov - optional acme-cov',
      ])
      expect(out.errors).toEqual([])
    })

    it("reports a 'file:' directive as not followed", () => {
      const out = cfg(`[options]
install_requires = file: requirements.in
[options.extras_require]
test = file: requirements/test.txt,
    requirements/mock.txt
docs =
    file: not-a-directive.txt
`)
      expect(out.components).toEqual([])
      expect(skips(out)).toEqual([
        "2 unsupported [options] install_requires: setuptools reads these requirements from requirements.in (a 'file:' directive), which is not followed",
        "4 unsupported [options.extras_require] test: setuptools reads these requirements from requirements/test.txt, requirements/mock.txt (a 'file:' directive), which is not followed",
      ])
      // setuptools takes a directive only where the value starts: on a line of its own, it is a (bad) requirement.
      expect(errors(out)).toEqual([
        "7:5 invalid-entry [options.extras_require] docs: 'file: not-a-directive.txt' is not a PEP 508 requirement",
      ])
    })

    it('reports what is not a requirement and lines that are not INI, and reads the rest', () => {
      const out = cfg(`[options]
install_requires =
    not a requirement!
    good-lib
this line has no delimiter
install_requires = again-lib
[other]
no delimiter here either
`)
      expect(rows(out)).toEqual(['4:5 good-lib - prod good-lib', '6:20 again-lib - prod again-lib'])
      expect(errors(out)).toEqual([
        "3:5 invalid-entry [options] install_requires: 'not a requirement!' is not a PEP 508 requirement",
        "5:1 invalid-entry [options]: 'this line has no delimiter' is not a 'key = value' line, a continuation line or a section header",
        '6:1 duplicate-key [options] install_requires is given twice (configparser refuses the file); both are read',
      ])
    })

    it('reads nothing of a file with text before its first section, as configparser', () => {
      const out = cfg('install_requires = example-lib\n[options]\ninstall_requires = acme-tools\n')
      expect(out.components).toEqual([])
      expect(errors(out)).toEqual([
        '1:1 invalid-lockfile setup.cfg: text before the first [section] header; not an INI file setuptools reads',
      ])
      expect(cfg('').components).toEqual([])
      expect(cfg('').errors).toEqual([])
    })

    it('reads CRLF files', () => {
      const out = cfg('[options]\r\ninstall_requires =\r\n    example-lib==1.0\r\n    acme-tools\r\n')
      expect(rows(out)).toEqual(['3:5 example-lib 1.0 prod example-lib==1.0', '4:5 acme-tools - prod acme-tools'])
    })

    it('reads hostile lines of 200,000 characters in linear time, and correctly', () => {
      const spaces = ' '.repeat(200_000)
      const wide = timed(() =>
        cfg(`[options]\ninstall_requires =\n    example-lib${spaces}>=1.0 ; python_version >= "3.8"\n`),
      )
      expect(wide.result.components.map((c) => [c.name, c.version, c.locations[0].line])).toEqual([
        ['example-lib', undefined, 3],
      ])
      expect(wide.result.components[0].ref).toBe(`example-lib${spaces}>=1.0 ; python_version >= "3.8"`)
      const separators = timed(() => cfg(`[options]\ninstall_requires = ${';'.repeat(200_000)}example-lib`))
      expect(rows(separators.result)).toEqual(['2:200020 example-lib - prod example-lib'])
      const brackets = timed(() => cfg('['.repeat(200_000)))
      expect(brackets.result.errors.map((e) => e.code)).toEqual(['invalid-lockfile'])
      const equals = timed(() => cfg(`[options]\n${'='.repeat(200_000)}\n`))
      expect(equals.result.errors.map((e) => `${e.line} ${e.code} ${e.message.length}`)).toEqual([
        '2 invalid-entry 314',
      ])
      const spaced = timed(() => cfg(`[options]\ninstall_requires = a${spaces}b${spaces}c\n`))
      expect(spaced.result.errors.map((e) => e.code)).toEqual(['invalid-entry'])
      const continued = timed(() => cfg(`[options]\ninstall_requires =\n${'  a \\\n'.repeat(50_000)}  b\n`))
      expect(continued.result.components.map((c) => [c.name.length, c.locations[0].line])).toEqual([[50_001, 3]])
    })
  })

  describe('setup.py', () => {
    it('reads literal lists of every kind of string (trailing commas, comments), tuples and string values', () => {
      const out = py(`import setuptools
setuptools.setup(
    install_requires=[
        'example-lib>=1.0',  # a comment, with a quote '
        "acme-tools==2.3.1",
        '''acme-triple''',
        r'acme-raw>=1',
        u'acme-unicode',
        'acme-escaped\\x3d\\x3d1.0',
        'acme-'  # Python joins adjacent literals
        "joined<3",
        'acme-url @ https://example.com/acme-url.tar.gz',
    ],
    setup_requires=('acme-scm>=8',),
    tests_require="""
        acme-test==1.0  # pinned
        # a comment line
        acme-mock
    """,
)
`)
      expect(rows(out)).toEqual([
        '4:10 example-lib - prod example-lib>=1.0',
        '5:10 acme-tools 2.3.1 prod acme-tools==2.3.1',
        '6:12 acme-triple - prod acme-triple',
        '7:11 acme-raw - prod acme-raw>=1',
        '8:11 acme-unicode - prod acme-unicode',
        '9:10 acme-escaped 1.0 prod acme-escaped==1.0',
        '10:10 acme-joined - prod acme-joined<3',
        '12:10 acme-url - prod acme-url @ https://example.com/acme-url.tar.gz',
        '14:22 acme-scm - dev acme-scm>=8',
        '16:9 acme-test 1.0 dev acme-test==1.0',
        '18:9 acme-mock - dev acme-mock',
      ])
      expect(skips(out)).toEqual([
        '12 unresolved-version acme-url: installed from https://example.com/acme-url.tar.gz, not a registry version',
      ])
      expect(out.errors).toEqual([])
      const crlf = py(`setup(\r\n    install_requires=['example-lib',\r\n        'acme-tools'])\r\n`)
      expect(rows(crlf)).toEqual(['2:24 example-lib - prod example-lib', '3:10 acme-tools - prod acme-tools'])
      const set = py(`setup(setup_requires={'acme-set-a', "acme-set-b",}, install_requires=('acme-paren'))`)
      expect(rows(set)).toEqual([
        '1:24 acme-set-a - dev acme-set-a',
        '1:38 acme-set-b - dev acme-set-b',
        '1:72 acme-paren - prod acme-paren',
      ])
    })

    it('reads extras_require: a dict literal or dict(), markers in keys, computed entries reported', () => {
      const out = py(`setup(
    extras_require={
        'docs': ['acme-docs'],
        ":python_version<'3.8'": ['acme-backport'],
        'test:sys_platform=="win32"': ['acme-win'],
        'all': all_deps,
        **base,
        'empty': [],
        'late': 'acme-late; os_name == "nt"',
        'sum': ['a'] + ['b'],
    },
)
setup(extras_require=dict(test=['acme-test'], docs=docs_requirements, **more))
`)
      expect(rows(out)).toEqual([
        '3:19 acme-docs - optional acme-docs',
        // An extra without a name is install_requires with a marker.
        '4:36 acme-backport - prod acme-backport',
        '5:41 acme-win - optional acme-win',
        '9:18 acme-late - optional acme-late; os_name == "nt"',
        '13:34 acme-test - optional acme-test',
      ])
      expect(skips(out)).toEqual([
        '6 unsupported extras_require["all"] is computed by setup.py (all_deps), which is never run: not read',
        '7 unsupported an extra is computed by setup.py (**base), which is never run: not read',
        `10 unsupported extras_require["sum"] is computed by setup.py (['a'] + ['b']), which is never run: not read`,
        '13 unsupported extras_require["docs"] is computed by setup.py (docs_requirements), which is never run: not read',
        '13 unsupported an extra is computed by setup.py (**more), which is never run: not read',
      ])
      expect(out.errors).toEqual([])
    })

    it('reads a value the file binds to a name once at its top level, and reports a name bound or changed otherwise', () => {
      const out = py(`REQUIRED = [
    'acme-core>=2',  # the core
    "acme-cli==1.4.0",
]
EXTRAS = {'docs': ['acme-docs'], ':python_version<"3.11"': ['tomli']}
SETUP = ('acme-build',); TESTS = ['acme-test']
twice = ['acme-a']
twice = ['acme-b']
grown = ['acme-c']
grown += ['acme-d']
appended = ['acme-e']
appended.append('acme-f')
summed = ['acme-g'] + more
opened = open('requirements.txt').read().splitlines()
if sys.version_info < (3, 8):
    branch = ['acme-h']
def helper():
    inner = ['acme-i']
setup(install_requires=REQUIRED, extras_require=EXTRAS, setup_requires=SETUP, tests_require=TESTS)
setup(install_requires=twice, setup_requires=grown, tests_require=appended)
setup(install_requires=summed, setup_requires=opened, tests_require=branch, extras_require=inner)
setup(install_requires=later)
later = ['acme-later']
`)
      expect(rows(out)).toEqual([
        '2:6 acme-core - prod acme-core>=2',
        '3:6 acme-cli 1.4.0 prod acme-cli==1.4.0',
        '5:21 acme-docs - optional acme-docs',
        '5:62 tomli - prod tomli',
        '6:11 acme-build - dev acme-build',
        // Bound after the call that uses it, at the top level: read as bound (the call may be in a function called last).
        '23:11 acme-later - prod acme-later',
      ])
      expect(skips(out)).toEqual([
        // A statement after `;` is not at the start of its line: it may be in a block (`if x: a = 1; b = 2`).
        '19 unsupported tests_require is computed by setup.py (TESTS: bound more than once, in a block, or changed), which is never run: not read',
        '20 unsupported install_requires is computed by setup.py (twice: bound more than once, in a block, or changed), which is never run: not read',
        '20 unsupported setup_requires is computed by setup.py (grown: bound more than once, in a block, or changed), which is never run: not read',
        '20 unsupported tests_require is computed by setup.py (appended: bound more than once, in a block, or changed), which is never run: not read',
        "21 unsupported install_requires is computed by setup.py (summed = ['acme-g'] + more), which is never run: not read",
        "21 unsupported setup_requires is computed by setup.py (opened = open('requirements.txt').read().splitlines()), which is never run: not read",
        '21 unsupported tests_require is computed by setup.py (branch: bound more than once, in a block, or changed), which is never run: not read',
        '21 unsupported extras_require is computed by setup.py (inner: bound more than once, in a block, or changed), which is never run: not read',
      ])
      expect(out.errors).toEqual([])
    })

    it('reads a long bound list once however many calls use it', () => {
      const list = Array.from({length: 2000}, (_, i) => `'acme-${i}'`).join(', ')
      const calls = 'setup(install_requires=REQS, tests_require=REQS, setup_requires=REQS)\n'.repeat(2000)
      const out = py(`REQS = [${list}]\n${calls}`)
      // Once as prod (install_requires), once as dev (setup_requires and tests_require alike).
      expect(out.components).toHaveLength(4000)
      expect(new Set(out.components.map((c) => c.scope))).toEqual(new Set(['prod', 'dev']))
      expect(out.skipped).toEqual([])
    })

    it('reports each computed value at its line and reads the literal ones beside it', () => {
      const out = py(`setup(
    install_requires=requires,
    setup_requires=[r for r in build],
    tests_require=['acme-test'] + more,
    extras_require=extras,
)
setup(install_requires=f"example-lib>={version}", setup_requires=get_requirements('build.txt'))
setup(install_requires=open('requirements.txt').read().splitlines(), tests_require=['acme-mock'])
setup(install_requires=['example-lib', name], setup_requires=b'acme-bytes')
`)
      expect(rows(out)).toEqual(['8:86 acme-mock - dev acme-mock'])
      expect(skips(out)).toEqual([
        '3 unsupported setup_requires is computed by setup.py ([r for r in build]), which is never run: not read',
        "4 unsupported tests_require is computed by setup.py (['acme-test'] + more), which is never run: not read",
        '7 unsupported install_requires is computed by setup.py (f"example-lib>={version}"), which is never run: not read',
        "7 unsupported setup_requires is computed by setup.py (get_requirements('build.txt')), which is never run: not read",
        "8 unsupported install_requires is computed by setup.py (open('requirements.txt').read().splitlines()), which is never run: not read",
        "9 unsupported install_requires is computed by setup.py (['example-lib', name]), which is never run: not read",
        "9 unsupported setup_requires is computed by setup.py (b'acme-bytes'), which is never run: not read",
        // A name no statement of the file binds: known only by running it (reported once the whole file is read).
        '2 unsupported install_requires is computed by setup.py (requires: not bound at the top level of the file), which is never run: not read',
        '5 unsupported extras_require is computed by setup.py (extras: not bound at the top level of the file), which is never run: not read',
      ])
      expect(out.errors).toEqual([])
      // A long computation is quoted by its start and end.
      const long = py(`setup(install_requires=[r for r in ${'a'.repeat(500)} if r])`)
      expect(skips(long)).toEqual([
        `1 unsupported install_requires is computed by setup.py ([r for r in ${'a'.repeat(36)}… (438 characters left out) …${'a'.repeat(26)} if r]), which is never run: not read`,
      ])
    })

    it('reads keyword arguments only: not assignments, comparisons, strings, comments or def defaults', () => {
      const out = py(`install_requires = ['assigned-not-read']
print("setup(install_requires=['in-a-string'])")
# setup(install_requires=['in-a-comment'])
check(install_requires == ['compared'])
def configure(install_requires=DEFAULTS, tests_require=['default-not-read']):
    pass
config = dict(name='x', install_requires=['example-lib'])
setup(**config)
`)
      expect(rows(out)).toEqual(['7:44 example-lib - prod example-lib'])
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
    })

    it('reads past f-strings with nested quotes and braces, bytes, numbers and line continuations', () => {
      const out = py(`version = f"{'1' if x else "2"}.{y:>{width}}.{z!r:'^3}"
long = f'''{ {'a': 1}['a'] }
'''
data = b'\\x00' + rb"\\d" + 0x1F + 1.5e-3
total = 1 + \\
    2
setup(install_requires=['example-lib'])
`)
      expect(rows(out)).toEqual(['7:26 example-lib - prod example-lib'])
      expect(out.errors).toEqual([])
    })

    it('keeps what was read before an unterminated string, at its line', () => {
      const out = py(`setup(
    install_requires=['example-lib', 'acme-tools
'],
    tests_require=['never-read'],
)
`)
      expect(rows(out)).toEqual(['2:24 example-lib - prod example-lib'])
      expect(errors(out)).toEqual([
        '2:38 invalid-lockfile setup.py: a string is never closed; the rest of the file is not read',
      ])
      const triple = py(`setup(install_requires=['example-lib'], tests_require="""acme-test\n`)
      expect(rows(triple)).toEqual(['1:26 example-lib - prod example-lib'])
      expect(errors(triple)).toEqual([
        '1:55 invalid-lockfile setup.py: a string is never closed; the rest of the file is not read',
      ])
    })

    it('keeps what was read before a bracket that is never closed, or closed by the wrong one', () => {
      const unclosed = py(`setup(\n    install_requires=['example-lib', 'acme-tools',\n`)
      expect(rows(unclosed)).toEqual(['2:24 example-lib - prod example-lib', '2:39 acme-tools - prod acme-tools'])
      expect(errors(unclosed)).toEqual(["2:22 invalid-lockfile setup.py: '[' is never closed"])
      const wrong = py(`setup(\n    install_requires=['example-lib',\n    ),\n    tests_require=['never-read'])\n`)
      expect(rows(wrong)).toEqual(['2:24 example-lib - prod example-lib'])
      expect(errors(wrong)).toEqual([
        "3:5 invalid-lockfile setup.py: ')' does not close the '[' opened at line 2; the rest of the file is not read",
      ])
      const stray = py(`)\nsetup(install_requires=['never-read'])\n`)
      expect(stray.components).toEqual([])
      expect(errors(stray)).toEqual([
        "1:1 invalid-lockfile setup.py: ')' closes no bracket; the rest of the file is not read",
      ])
    })

    it('reports a string that is not a requirement, and a marker without its requirement', () => {
      const out = py(`setup(install_requires=['good-lib', 'not a requirement!', 'python_version < "3.8"'])`)
      expect(rows(out)).toEqual(['1:26 good-lib - prod good-lib'])
      expect(errors(out)).toEqual([
        "1:38 invalid-entry install_requires: 'not a requirement!' is not a PEP 508 requirement",
        `1:60 invalid-entry install_requires: 'python_version < "3.8"' is an environment marker, not a requirement`,
      ])
    })

    it('reads hostile input of 200,000 characters in linear time, and correctly', () => {
      const spaces = ' '.repeat(200_000)
      const cases = {
        unterminated: timed(() => py(`setup(install_requires=['${'a'.repeat(200_000)}`)),
        deep: timed(() => py(`setup(install_requires=[${'('.repeat(200_000)}`)),
        escapes: timed(() => py(`setup(install_requires=['${'\\q'.repeat(100_000)}'])`)),
        operators: timed(() => py(`setup(install_requires=[${'\\q'.repeat(100_000)}`)),
        wide: timed(() => py(`setup(install_requires=['example-lib${spaces}==1.0'])`)),
        braces: timed(() => py(`x = f"${'{'.repeat(200_000)}`)),
        nestedFStrings: timed(() => py(`x = f"{${'f"{'.repeat(100_000)}`)),
        backslashes: timed(() => py(`x = "${'\\\\'.repeat(100_000)}"\nsetup(install_requires=["example-lib"])`)),
        comment: timed(() => py(`# ${'#'.repeat(200_000)}\nsetup(install_requires=["example-lib"])`)),
        spaced: timed(() => py(`setup(install_requires=['a${spaces}b'])`)),
        bracketed: timed(() => py(`setup(install_requires=['a${' ['.repeat(100_000)}'])`)),
        continued: timed(() => py(`setup(install_requires="""${'a \\\\\n'.repeat(50_000)}b""")`)),
      }
      const summary = Object.fromEntries(
        Object.entries(cases).map(([name, {result}]) => [
          name,
          [
            ...result.components.map((c) => `${c.locations[0].line} ${c.name.slice(0, 20)} ${c.version ?? '-'}`),
            ...result.errors.map(
              (e) => `${e.line}:${e.column} ${e.code} ${e.message.length > 120 ? e.message.slice(0, 40) : e.message}`,
            ),
          ],
        ]),
      )
      expect(summary).toEqual({
        unterminated: ['1:25 invalid-lockfile setup.py: a string is never closed; the rest of the file is not read'],
        deep: [
          "1:223 invalid-lockfile setup.py: brackets nested deeper than 200 (Python's own limit); the rest of the file is not read",
        ],
        escapes: ["1:26 invalid-entry install_requires: '\\q\\q\\q\\q\\q\\q\\q\\q\\q\\q\\"],
        operators: ["1:24 invalid-lockfile setup.py: '[' is never closed"],
        wide: ['1 example-lib 1.0'],
        braces: ['1:5 invalid-lockfile setup.py: a string is never closed; the rest of the file is not read'],
        nestedFStrings: [
          '1:5 invalid-lockfile setup.py: f-strings nested deeper than 16; the rest of the file is not read',
        ],
        backslashes: ['2 example-lib -'],
        comment: ['2 example-lib -'],
        spaced: ["1:26 invalid-entry install_requires: 'a                    "],
        bracketed: ["1:26 invalid-entry install_requires: 'a [ [ [ [ [ [ [ [ [ ["],
        // setuptools joins `a \` lines into one name, each backslash taking the character before it.
        continued: ['1 aaaaaaaaaaaaaaaaaaaa -'],
      })
      expect(cases.wide.result.components[0].ref).toBe(`example-lib${spaces}==1.0`)
      expect(cases.continued.result.components[0].name).toBe(`${'a'.repeat(50_000)}b`)
      expect(cases.deep.result.skipped).toEqual([])
    })
  })
})

/** Bytes of `text`, each character one byte (Latin-1). */
const latin1 = (text: string) => Buffer.from(text, 'latin1')

describe('python-setup: the encoding a PEP 263 coding cookie names (read end to end)', () => {
  const lines = (inventory: Inventory) => [
    ...refsAt(inventory),
    ...inventory.errors.map((e) => `${e.file}:${e.line ?? ''}:${e.column ?? ''} ${e.code} ${e.message}`),
  ]

  it("reads pip's Latin-1 setup.py (tests/data/packages/SetupPyLatin1), not as bad UTF-8", async () => {
    const bytes = readFileSync(new URL('./__fixtures__/pip/SetupPyLatin1/setup.py', import.meta.url))
    const inventory = await scanTree({'setup.py': bytes})
    // Before: 'setup.py:7: invalid-utf8 line 7 is not valid UTF-8; the line is not read'.
    expect(lines(inventory)).toEqual([])
    expect(inventory.files).toBe(1)
  })

  it('reads a file whose latin-1 cookie is wrong (abakaffe-cli: UTF-8 bytes) as Python does, C1 characters and all', async () => {
    const bytes = readFileSync(new URL('./__fixtures__/abakaffe-cli/setup.py', import.meta.url))
    const inventory = await scanTree({'setup.py': bytes})
    // Python reads `Ø` (C3 98) as `Ã` and U+0098, a C1 character, in a string: no control-character error at line 12.
    expect(lines(inventory)).toEqual(['nose setup.py:15:40', 'simplejson setup.py:15:26'])
  })

  it('reads Latin-1 and ASCII by the cookie of line 1, or of line 2 after a comment or a blank line', async () => {
    const body = "setup(\n    author='Zo\u00eb Caf\u00e9', install_requires=['acme-lib==1.0'],\n)\n"
    const inventory = await scanTree({
      'a/setup.py': latin1(`# -*- coding: latin-1 -*-\n${body}`),
      'b/setup.py': latin1(`#!/usr/bin/env python\n# vim: set fileencoding=ISO_8859-1 :\n${body}`),
      'c/setup.py': latin1(`\n# coding=iso-latin-1-unix\n${body}`),
      // utf-8 by its cookie, Latin-1 written: bad UTF-8, as without a cookie.
      'd/setup.py': latin1(`# coding: utf8\n${body}`),
      // Line 2 is no cookie after a line of code (Python reads none there).
      'e/setup.py': latin1(`import os\n# coding: latin-1\n${body}`),
      // A codec whose ASCII bytes are ASCII, on a file that is all ASCII.
      'f/setup.py': `# coding: cp1252\n${body.replace('Zo\u00eb Caf\u00e9', 'Zoe')}`,
      'g/setup.py': latin1(`# coding: ascii\n${body}`),
      'h/setup.py': latin1(`# coding: cp1252\n${body}`),
      'i/setup.py': latin1(`# coding: klingon\n${body}`),
      // cp1252 leaves 0x81 undefined.
      'o/setup.py': latin1(`# coding: windows-1252\n${body.replace('Zo', '\u0081')}`),
      // ISO-8859-15 by a name of Python's for it (`\u00a4` is its byte A4, the euro sign there); ISO-8859-3 leaves A5
      // undefined: that line is an error.
      'm/setup.py': latin1(`# -*- coding: Latin9 -*-\n${body.replace('Zo', '\u00a4')}`),
      'n/setup.py': latin1(`# coding: iso-8859-3\n${body.replace('Zo', '\u00a5')}`),
      'j/setup.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), latin1(`# coding: latin-1\n${body}`)]),
      // Not Python source: a requirements file is UTF-8 whatever its comments say (pip reads it so).
      'k/requirements.txt': latin1('# -*- coding: latin-1 -*-\nacme-lib==1.0  # caf\u00e9\n'),
      // The cookie in a setup.cfg is only a comment.
      'l/setup.cfg': latin1('# -*- coding: latin-1 -*-\n[options]\ninstall_requires = acme-lib==1.0 # caf\u00e9\n'),
    })
    expect(lines(inventory)).toEqual([
      'acme-lib==1.0 a/setup.py:3:43',
      'acme-lib==1.0 b/setup.py:4:43',
      'acme-lib==1.0 c/setup.py:4:43',
      'acme-lib==1.0 f/setup.py:3:38',
      'acme-lib==1.0 h/setup.py:3:43',
      'acme-lib==1.0 m/setup.py:3:42',
      'd/setup.py:3: invalid-utf8 line 3 is not valid UTF-8; the line is not read',
      'e/setup.py:4: invalid-utf8 line 4 is not valid UTF-8; the line is not read',
      'g/setup.py:3: invalid-utf8 line 3 is not ASCII, as its coding cookie (line 1: ascii) says; the line is not read',
      'i/setup.py:: unsupported-encoding its coding cookie (line 1) names klingon, an encoding stewards does not decode (it decodes UTF-8, ASCII, Latin-1 and the other ISO-8859 encodings, KOI8, cp1252, windows-1256 and Mac Roman); save the file as UTF-8',
      'j/setup.py:: unsupported-encoding the file starts with a UTF-8 byte-order mark, but its coding cookie (line 1) names latin-1, which Python refuses; save the file as UTF-8',
      'k/requirements.txt:2: invalid-utf8 line 2 is not valid UTF-8; the line is not read',
      'l/setup.cfg:3: invalid-utf8 line 3 is not valid UTF-8; the line is not read',
      'n/setup.py:3: invalid-utf8 line 3 has a byte iso-8859-3 leaves undefined, as its coding cookie (line 1) names it; the line is not read',
      'o/setup.py:3: invalid-utf8 line 3 has a byte cp1252 leaves undefined, as its coding cookie (line 1) names it; the line is not read',
    ])
  })
})

describe('python-setup on standard input (--stdin-format python-setup: no file name)', () => {
  it('reads setup.py source as setup.py, and setup.cfg (a line that is an INI section header) as setup.cfg', () => {
    const source = 'from setuptools import setup\nsetup(\n    name="x",\n    install_requires=["acme-lib==1.0"],\n)\n'
    expect(rows(discover('<stdin>', source))).toEqual(['4:24 acme-lib 1.0 prod acme-lib==1.0'])
    const ini = '[metadata]\nname = x\n\n[options]\ninstall_requires =\n    acme-lib==2.0\n'
    expect(rows(discover('<stdin>', ini))).toEqual(['6:5 acme-lib 2.0 prod acme-lib==2.0'])
  })
})
