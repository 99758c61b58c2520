import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import type {Component, ScanError} from '../../../core/model.js'
import {discoverer} from './index.js'
import {conanPurl, parseReference} from './reference.js'

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')

function discover(file: string, text: string, beside: Record<string, string> = {}) {
  return discoverer.discover({file, text}, {readText: (path) => beside[path] ?? null}) as {
    components: Component[]
    errors: ScanError[]
  }
}

const row = (c: Component) => [c.name, c.version, c.scope, c.direct, c.purl, c.locations[0].line, c.locations[0].column]

describe('conan-lock: references', () => {
  it('reads name/version[@user[/channel]][#rrev[%timestamp]] and ranges only where allowed', () => {
    expect(parseReference('fmt/9.0.0#ca4ae2047ef0ccd7d2210d8d91bd0e02%1675126491.773', false)).toEqual({
      ok: true,
      reference: {name: 'fmt', version: '9.0.0', revision: 'ca4ae2047ef0ccd7d2210d8d91bd0e02'},
    })
    expect(parseReference('poco/1.9.4@acme/stable', false)).toEqual({
      ok: true,
      reference: {name: 'poco', version: '1.9.4', user: 'acme', channel: 'stable'},
    })
    expect(parseReference('tool/1.0@acme', false)).toEqual({
      ok: true,
      reference: {name: 'tool', version: '1.0', user: 'acme'},
    })
    expect(parseReference('zlib/[>=1.2 <2]@acme/testing', true)).toEqual({
      ok: true,
      reference: {name: 'zlib', range: '[>=1.2 <2]', user: 'acme', channel: 'testing'},
    })
    expect(parseReference('zlib/[>=1.2 <2]', false)).toMatchObject({ok: false})
    // Conan 1's `_` for "no user/channel" (its `_noneize`), with and without a revision
    expect(parseReference('cairo/1.17.2@_/_', false)).toEqual({ok: true, reference: {name: 'cairo', version: '1.17.2'}})
    expect(parseReference('cairo/1.17.2@_/_#aff2d03608dfb8cb5a1d2a2b1ecfb3f9', false)).toEqual({
      ok: true,
      reference: {name: 'cairo', version: '1.17.2', revision: 'aff2d03608dfb8cb5a1d2a2b1ecfb3f9'},
    })
    expect(parseReference('cairo/1.17.2@_', false)).toEqual({ok: true, reference: {name: 'cairo', version: '1.17.2'}})
    expect(parseReference('zlib/[>=1.2 <2]@_/_', true)).toEqual({
      ok: true,
      reference: {name: 'zlib', range: '[>=1.2 <2]'},
    })
    expect(parseReference('cairo/1.17.2@_/stable', false)).toMatchObject({
      ok: false,
      problem: 'a channel without a user',
    })
    expect(parseReference('zlib', true)).toMatchObject({ok: false, problem: 'not a Conan reference (name/version)'})
    expect(parseReference('zlib/1.0@a/b/c', true)).toMatchObject({ok: false})
    expect(parseReference('zlib/1.0#not-hex!', true)).toMatchObject({ok: false, problem: 'not a recipe revision'})
    expect(parseReference('zlib/1.0 extra', true)).toMatchObject({ok: false})
  })

  it('writes purls as the purl spec has them: user, channel, rrev qualifiers, sorted', () => {
    expect(conanPurl({name: 'openssl', version: '3.0.3'})).toBe('pkg:conan/openssl@3.0.3')
    expect(conanPurl({name: 'poco', version: '1.9.4', user: 'acme', channel: 'stable', revision: 'abc123'})).toBe(
      'pkg:conan/poco@1.9.4?channel=stable&rrev=abc123&user=acme',
    )
    expect(conanPurl({name: 'libc++', range: '[>1 <2]'})).toBe('pkg:conan/libc%2B%2B')
  })
})

describe('conan-lock: conan.lock (Conan 2)', () => {
  it('reads the real PlotJuggler lockfile: requires, build_requires as dev, revisions in the purl, positions', () => {
    const {components, errors} = discover('conan.lock', fixture('plotjuggler/conan.lock'))
    expect(errors).toEqual([])
    expect(components).toHaveLength(44 + 19)
    expect(row(components[0])).toEqual([
      'zstd',
      '1.5.5',
      undefined,
      undefined,
      'pkg:conan/zstd@1.5.5?rrev=a4398ab5244b10fb081eeac217b5ef9f',
      4,
      9,
    ])
    const rapidjson = components.find((c) => c.name === 'rapidjson')
    expect(rapidjson?.version).toBe('cci.20230929')
    expect(rapidjson?.ref).toBe('rapidjson/cci.20230929#8dc0392af2b3aaea7312095f0ba53467%1705070242.903')
    expect(components.find((c) => c.name === 'vaapi')?.purl).toBe(
      'pkg:conan/vaapi@system?rrev=cdcdbc227b2ffe0c7659b6ceef30ee3a',
    )
    const cmake = components.find((c) => c.name === 'cmake')
    expect(row(cmake as Component)).toEqual([
      'cmake',
      '4.4.2',
      'dev',
      undefined,
      'pkg:conan/cmake@4.4.2?rrev=8a0d360635c870b1d5c675489ee25074',
      65,
      9,
    ])
    // Three locked versions of one build tool are three entries.
    expect(components.filter((c) => c.name === 'nasm').map((c) => c.version)).toEqual(['3.01', '2.16.01', '2.15.05'])
  })

  it('takes direct from the conanfile.txt beside the lockfile (the real pair from PlotJuggler)', () => {
    const {components, errors} = discover('app/conan.lock', fixture('plotjuggler/conan.lock'), {
      'app/conanfile.txt': fixture('plotjuggler/conanfile.txt'),
    })
    expect(errors).toEqual([])
    const direct = (name: string) => components.find((c) => c.name === name)?.direct
    expect(direct('fmt')).toBe(true)
    expect(direct('kissfft')).toBe(true)
    expect(direct('zlib')).toBe(false)
    expect(direct('cmake')).toBe(false)
  })

  it('reads [reference, package ids] entries, python_requires, user/channel', () => {
    const text = `{
  "version": "0.5",
  "requires": [
    ["liba/1.0@example/stable#0123456789abcdef0123456789abcdef%1700000000.5", {"pid": null}],
    "libb/2.0"
  ],
  "python_requires": ["pyreq/1.0#abc"]
}`
    const {components, errors} = discover('conan.lock', text)
    expect(errors).toEqual([])
    expect(components.map(row)).toEqual([
      [
        'liba',
        '1.0',
        undefined,
        undefined,
        'pkg:conan/liba@1.0?channel=stable&rrev=0123456789abcdef0123456789abcdef&user=example',
        4,
        5,
      ],
      ['libb', '2.0', undefined, undefined, 'pkg:conan/libb@2.0', 5, 5],
      ['pyreq', '1.0', 'dev', undefined, 'pkg:conan/pyreq@1.0?rrev=abc', 7, 23],
    ])
  })

  it('reports bad entries, versions and JSON at their lines, and keeps the good entries', () => {
    const bad = discover(
      'conan.lock',
      '{\n  "version": "0.5",\n  "requires": [\n    "ok/1.0",\n    "no-version",\n    42,\n    "rr/[>1]"\n  ],\n  "build_requires": {}\n}',
    )
    expect(bad.components.map((c) => c.name)).toEqual(['ok'])
    expect(bad.errors.map((e) => [e.code, e.line, e.message])).toEqual([
      ['invalid-entry', 5, 'requires #2: not a Conan reference (name/version)'],
      ['invalid-entry', 6, 'requires #3: expected a reference or [reference, package ids]'],
      ['invalid-entry', 7, 'requires #4: a version range where an exact version is expected'],
      ['invalid-lockfile', 9, "'build_requires' must be an array"],
    ])
    expect(discover('conan.lock', '{"version": "0.6", "requires": []}').errors.map((e) => e.code)).toEqual([
      'unsupported-version',
    ])
    expect(discover('conan.lock', '{"version": "0.5", "requires": [').errors.map((e) => e.code)).toEqual([
      'invalid-json',
    ])
  })
})

describe('conan-lock: conan.lock (Conan 1 graph lock)', () => {
  it('reads graph_lock.nodes: the root consumer left out, its requires and build_requires direct, build context dev', () => {
    const text = `{
 "graph_lock": {
  "nodes": {
   "0": {
    "options": "",
    "requires": ["1"],
    "build_requires": ["3"],
    "path": "../conanfile.txt",
    "context": "host"
   },
   "1": {
    "ref": "poco/1.9.4@example/stable#0123abc",
    "requires": ["2"],
    "context": "host"
   },
   "2": {
    "ref": "zlib/1.2.11",
    "context": "host"
   },
   "3": {
    "ref": "cmake/3.20.0",
    "context": "build"
   }
  },
  "revisions_enabled": true
 },
 "version": "0.4",
 "profile_host": "[settings]\\nos=Linux\\n"
}`
    const {components, errors} = discover('conan.lock', text)
    expect(errors).toEqual([])
    expect(components.map(row)).toEqual([
      ['poco', '1.9.4', undefined, true, 'pkg:conan/poco@1.9.4?channel=stable&rrev=0123abc&user=example', 11, 4],
      ['zlib', '1.2.11', undefined, false, 'pkg:conan/zlib@1.2.11', 16, 4],
      ['cmake', '3.20.0', 'dev', true, 'pkg:conan/cmake@3.20.0', 20, 4],
    ])
  })

  it('leaves out a root that has a path and a ref, and takes what only build_requires reach for dev (one profile)', () => {
    // As MarkusJx/CppJsLib's lock (the root names the project's own reference beside its path) and Bobini1/RhythmGame's
    // (made with one profile: no `context` written, cmake and what it needs reached by build_requires only).
    const text = JSON.stringify(
      {
        graph_lock: {
          nodes: {
            '0': {ref: 'shop/0.8', path: '../conanfile.py', requires: ['1'], build_requires: ['2']},
            '1': {ref: 'fmt/10.2.1', requires: []},
            '2': {ref: 'cmake/3.28.1', requires: ['3']},
            '3': {ref: 'openssl/3.2.0'},
          },
        },
        version: '0.4',
      },
      null,
      1,
    )
    const {components, errors} = discover('conan.lock', text)
    expect(errors).toEqual([])
    expect(components.map((c) => `${c.name} ${c.scope} ${c.direct}`)).toEqual([
      'fmt undefined true',
      'cmake dev true',
      'openssl dev false',
    ])
  })
})

describe('conan-lock: conanfile.txt', () => {
  it('reads the real PlotJuggler conanfile.txt: every [requires] line direct, inline comments dropped', () => {
    const {components, errors} = discover('conanfile.txt', fixture('plotjuggler/conanfile.txt'))
    expect(errors).toEqual([])
    expect(components.map((c) => c.name)).toEqual([
      'fmt',
      'plotjuggler_sdk',
      'tsl-robin-map',
      'gtest',
      'glm',
      'benchmark',
      'nanoarrow',
      'nlohmann_json',
      'luau',
      'kissfft',
      'cpython',
      'pybind11',
      'mcap',
      'zstd',
      'fast_float',
      'libarchive',
      'libjpeg-turbo',
      'libpng',
      'ffmpeg',
      'backward-cpp',
      'draco',
      'cloudini',
      'assimp',
    ])
    expect(row(components[0])).toEqual(['fmt', '12.2.0', 'prod', true, 'pkg:conan/fmt@12.2.0', 5, 1])
    const kissfft = components.find((c) => c.name === 'kissfft')
    expect([kissfft?.ref, kissfft?.version, kissfft?.locations[0].line]).toEqual(['kissfft/131.1.0', '131.1.0', 17])
  })

  it('reads tool, build and test requirements as dev; a range gives no version and is kept in ref', () => {
    const text = `# a comment
[requires]
  zlib/[>=1.2.11 <2]   # any 1.x
poco/1.9.4@example/stable

[tool_requires]
cmake/3.23.5
[build_requires]
ninja/1.11.1
[test_requires]
gtest/1.14.0
[generators]
CMakeDeps
[layout]
cmake_layout
`
    const {components, errors} = discover('conanfile.txt', text)
    expect(errors).toEqual([])
    expect(
      components.map((c) => [
        c.name,
        c.version,
        c.ref,
        c.scope,
        c.direct,
        c.purl,
        c.locations[0].line,
        c.locations[0].column,
      ]),
    ).toEqual([
      ['zlib', undefined, 'zlib/[>=1.2.11 <2]', 'prod', true, 'pkg:conan/zlib', 3, 3],
      [
        'poco',
        '1.9.4',
        'poco/1.9.4@example/stable',
        'prod',
        true,
        'pkg:conan/poco@1.9.4?channel=stable&user=example',
        4,
        1,
      ],
      ['cmake', '3.23.5', 'cmake/3.23.5', 'dev', true, 'pkg:conan/cmake@3.23.5', 7, 1],
      ['ninja', '1.11.1', 'ninja/1.11.1', 'dev', true, 'pkg:conan/ninja@1.11.1', 9, 1],
      ['gtest', '1.14.0', 'gtest/1.14.0', 'dev', true, 'pkg:conan/gtest@1.14.0', 11, 1],
    ])
  })

  it("reads Conan 1's `@_/_` (no user, no channel) as absent, with and without a revision", () => {
    const text = '[requires]\ncairo/1.17.2@_/_#aff2d03608351db075ec1348a3afc9ff\n[build_requires]\nmeson/0.63.0@_/_\n'
    const {components, errors} = discover('conanfile.txt', text)
    expect(errors).toEqual([])
    expect(
      components.map((c) => [c.name, c.version, c.ref, c.scope, c.purl, c.locations[0].line, c.locations[0].column]),
    ).toEqual([
      [
        'cairo',
        '1.17.2',
        'cairo/1.17.2@_/_#aff2d03608351db075ec1348a3afc9ff',
        'prod',
        'pkg:conan/cairo@1.17.2?rrev=aff2d03608351db075ec1348a3afc9ff',
        2,
        1,
      ],
      ['meson', '0.63.0', 'meson/0.63.0@_/_', 'dev', 'pkg:conan/meson@0.63.0', 4, 1],
    ])
  })

  it('reports lines outside sections, bad headers, repeated sections and bad references at their lines', () => {
    const {components, errors} = discover(
      'conanfile.txt',
      'zlib/1.0\n[requires]\nfmt/10.0.0\nnot a ref\n[Bad]\n[requires]\n',
    )
    expect(components.map((c) => c.name)).toEqual(['fmt'])
    expect(errors.map((e) => [e.code, e.line, e.message])).toEqual([
      ['invalid-lockfile', 1, 'line 1: outside any [section]'],
      ['invalid-lockfile', 5, 'line 5: not a [section] header'],
      ['invalid-lockfile', 6, '[requires] written twice (Conan refuses the file)'],
      ['invalid-entry', 4, '[requires]: not a Conan reference (name/version)'],
    ])
  })
})

describe('conan-lock: in a tree', () => {
  it('is picked by name; a conanfile beside a lock gives direct, and its requirements are listed once, by the lock', async () => {
    const inventory = await scanTree({
      'app/conan.lock': '{\n  "version": "0.5",\n  "requires": ["fmt/10.2.1#aaaa", "zlib/1.3.1#bbbb"]\n}\n',
      'app/conanfile.txt': '[requires]\nfmt/10.2.1\nnot a reference\n',
      'tool/conanfile.py': 'from conan import ConanFile\nclass T(ConanFile):\n    requires = "spdlog/1.14.1"\n',
    })
    // The conanfile's own problems are still reported.
    expect(inventory.errors.map((e) => `${e.file}:${e.line} ${e.code}`)).toEqual(['app/conanfile.txt:3 invalid-entry'])
    expect(
      inventory.components.map((c) => [c.purl, c.direct, c.locations.map((l) => `${l.file}:${l.line}:${l.column}`)]),
    ).toEqual([
      ['pkg:conan/fmt@10.2.1?rrev=aaaa', true, ['app/conan.lock:3:16']],
      ['pkg:conan/spdlog@1.14.1', true, ['tool/conanfile.py:3:16']],
      ['pkg:conan/zlib@1.3.1?rrev=bbbb', false, ['app/conan.lock:3:35']],
    ])
  })
})

describe('conan-lock: hostile input', () => {
  it('reads a 1 MB line, a 1 MB reference and deep nesting as errors (their time: bench/hostile.ts)', () => {
    const long = 'a'.repeat(1_000_000)
    const txt = discover('conanfile.txt', `[requires]\n${long}/1.0\nfmt/10.0.0 ${'#'.repeat(100_000)}\n[${long}\n`)
    expect(txt.components.map((c) => c.name)).toEqual(['fmt'])
    expect(txt.errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-lockfile', 4],
      ['invalid-entry', 2],
    ])
    const lock = discover('conan.lock', `{"version": "0.5", "requires": ["${long}/1.0", "${'['.repeat(10)}"]}`)
    expect(lock.errors.map((e) => e.code)).toEqual(['invalid-entry', 'invalid-entry'])
    const deep = discover('conan.lock', `{"version": "0.5", "requires": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`)
    expect(deep.components).toEqual([])
    expect(deep.errors.length).toBeGreaterThan(0)
    const graph = discover(
      'conan.lock',
      '{"version": "0.4", "graph_lock": {"nodes": {"__proto__": {"ref": "x/1"}, "1": 5}}}',
    )
    expect(graph.components).toEqual([])
    expect(graph.errors.map((e) => e.code).sort()).toEqual(['forbidden-key', 'invalid-entry'])
    const py = discover(
      'conanfile.py',
      `class A(ConanFile):\n    requires = ${'('.repeat(100_000)}"fmt/10.0.0"\n${'self.requires('.repeat(50_000)}\n"""${long}`,
    ) as ReturnType<typeof discover> & {skipped: unknown[]}
    // The parentheses never close: the attribute's value runs on into the calls, so it is not a literal.
    expect(py.components).toEqual([])
    expect(py.skipped).toHaveLength(50_001)
  })
})

describe('conan-lock: conanfile.py (literals only, never run)', () => {
  it('computed references are skipped, not errors; adjacent literals join; Conan 1 modifiers are read (real-world review)', () => {
    // The computed forms are those of public recipes (whyoleg/openssl-builds: `"openssl/" + version`); Conan 1's
    // `requires` modifiers as docs.conan.io/1 writes them.
    const out = discover(
      'conanfile.py',
      [
        'from conan import ConanFile',
        'class App(ConanFile):',
        '    requires = (("hello/0.1@user/testing"), ("say/0.2@dummy/stable", "override"), ("bye/2.1@coder/beta", "private"))',
        '    def requirements(self):',
        '        v = "3.2.1"',
        '        self.requires("openssl/" + v)',
        '        self.requires("boost/{}".format(v))',
        '        self.requires("qt/%s" % v)',
        '        self.requires("zlib/" "1.3.1")',
        '        self.requires("fmt/10.2.1" if self.options.fmt else "fmt/9.1.0")',
        '        self.requires("spdlog/1.14.1", transitive_headers=True)',
        '',
      ].join('\n'),
    ) as ReturnType<typeof discover> & {skipped: Array<{line: number; message: string}>}
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.ref} ${c.scope} ${c.locations[0].line}`)).toEqual([
      'hello/0.1@user/testing prod 3',
      'bye/2.1@coder/beta prod 3',
      'zlib/1.3.1 prod 9',
      'spdlog/1.14.1 prod 11',
    ])
    expect(out.skipped.map((x) => `${x.line} ${x.message}`)).toEqual([
      '6 self.requires(): not a string literal, not read (conanfile.py is never run)',
      '7 self.requires(): not a string literal, not read (conanfile.py is never run)',
      '8 self.requires(): not a string literal, not read (conanfile.py is never run)',
      '10 self.requires(): not a string literal, not read (conanfile.py is never run)',
    ])
  })

  it('reads the real RhythmGame recipe: the build_requires attribute (dev) and self.requires() calls', () => {
    const {components, errors, skipped} = discover('conanfile.py', fixture('rhythmgame/conanfile.py')) as ReturnType<
      typeof discover
    > & {skipped: unknown[]}
    expect(errors).toEqual([])
    expect(skipped).toEqual([])
    expect(components).toHaveLength(17)
    expect(row(components[0])).toEqual(['cmake', '3.22.0', 'dev', true, 'pkg:conan/cmake@3.22.0', 7, 22])
    expect(row(components[1])).toEqual([
      'freetype',
      '2.11.1',
      'prod',
      true,
      'pkg:conan/freetype@2.11.1?rrev=ab8da23c7a7a02f5b05a49dbb14596f0',
      13,
      23,
    ])
    expect(components.at(-1)?.ref).toBe('catch2/3.0.1')
  })

  it('says a conanfile is a manifest and a lockfile a lockfile (origin), the real PlotJuggler and RhythmGame files', () => {
    const origins = (file: string, name: string) => [
      ...new Set(discover(file, fixture(name)).components.map((c) => c.origin)),
    ]
    expect(origins('conanfile.txt', 'plotjuggler/conanfile.txt')).toEqual(['manifest'])
    expect(origins('conanfile.py', 'rhythmgame/conanfile.py')).toEqual(['manifest'])
    expect(origins('conan.lock', 'plotjuggler/conan.lock')).toEqual(['lockfile'])
  })

  it('reads tuple and list attributes, test and tool calls; leaves out overrides, locals, and says what is computed', () => {
    const text = `from conan import ConanFile

requires = "not/1.0"  # module level: not a recipe attribute

class App(ConanFile):
    requires = ("zlib/1.3", 'poco/1.9.4@example/stable')
    tool_requires = [
        "cmake/[>=3.20]",  # a range
        "ninja/1.11.1",
    ]
    python_requires = "pyreq/0.1"
    test_requires = "gtest/" + "1.14.0"
    description = """self.requires("in/1.0") in a string"""

    def requirements(self):
        requires = "local/1.0"
        # self.requires("commented/1.0")
        self.requires("openssl/3.2.0", override=True)
        self.requires(f"boost/{self.version}")
        if self.options.with_fmt:
            self.requires("fmt/10.2.1", transitive_headers=True)
        self.cpp_info.requires("not/2.0")

    def build_requirements(self):
        self.test_requires("catch2/3.5.0")
        self.tool_requires("protobuf/<host_version>")
`
    const out = discover('conanfile.py', text) as ReturnType<typeof discover> & {
      skipped: Array<{line: number; message: string}>
    }
    expect(out.components.map((c) => [c.name, c.version, c.ref, c.scope, c.locations[0].line])).toEqual([
      ['zlib', '1.3', 'zlib/1.3', 'prod', 6],
      ['poco', '1.9.4', 'poco/1.9.4@example/stable', 'prod', 6],
      ['cmake', undefined, 'cmake/[>=3.20]', 'dev', 8],
      ['ninja', '1.11.1', 'ninja/1.11.1', 'dev', 9],
      ['pyreq', '0.1', 'pyreq/0.1', 'dev', 11],
      ['fmt', '10.2.1', 'fmt/10.2.1', 'prod', 21],
      ['catch2', '3.5.0', 'catch2/3.5.0', 'dev', 25],
      ['protobuf', undefined, 'protobuf/<host_version>', 'dev', 26],
    ])
    expect(out.skipped.map((s) => [s.line, s.message])).toEqual([
      [12, 'test_requires attribute: not a string literal, not read (conanfile.py is never run)'],
      [19, 'self.requires(): not a string literal, not read (conanfile.py is never run)'],
    ])
    expect(out.errors).toEqual([])
    expect(
      (discover('conanfile.py', 'class A(ConanFile):\n    requires = "fmt/10 2"\n').errors as ScanError[]).map((e) => [
        e.code,
        e.line,
        e.column,
        e.message,
      ]),
    ).toEqual([['invalid-entry', 2, 16, 'requires attribute: not a Conan version']])
  })

  it('takes a lockfile’s direct packages from the conanfile.py beside it, unless it computes one', () => {
    const lock = '{"version": "0.5", "requires": ["fmt/10.2.1#a", "zlib/1.3#b"]}'
    const literal = discover('conan.lock', lock, {'conanfile.py': 'class A(ConanFile):\n    requires = "fmt/10.2.1"\n'})
    expect(literal.components.map((c) => [c.name, c.direct])).toEqual([
      ['fmt', true],
      ['zlib', false],
    ])
    const computed = discover('conan.lock', lock, {
      'conanfile.py':
        'class A(ConanFile):\n    def requirements(self):\n        self.requires("fmt/10.2.1")\n        self.requires(ZLIB)\n',
    })
    expect(computed.components.map((c) => [c.name, c.direct])).toEqual([
      ['fmt', undefined],
      ['zlib', undefined],
    ])
  })
})

describe('conan-lock: conanfile.py is Python source', () => {
  it('is decoded by its PEP 263 coding cookie, as Python reads it (a Latin-1 comment is no bad UTF-8)', async () => {
    const latin1 = (text: string) => Buffer.from(text, 'latin1')
    const body = 'from conan import ConanFile\n\nclass Pkg(ConanFile):\n    requires = "zlib/1.3.1"\n'
    const inventory = await scanTree({
      'a/conanfile.py': latin1(`# -*- coding: latin-1 -*-\n# Fran\u00e7ois\n${body}`),
      // Without a cookie the file is UTF-8, as Python says: the Latin-1 line is bad UTF-8.
      'b/conanfile.py': latin1(`# Fran\u00e7ois\n${body}`),
      // conanfile.txt is no Python: its comments name no encoding.
      'c/conanfile.txt': latin1('# -*- coding: latin-1 -*-\n# Fran\u00e7ois\n[requires]\nzlib/1.3.1\n'),
    })
    expect(
      inventory.components.map((c) => `${c.ref} ${c.locations.map((l) => `${l.file}:${l.line}`).join(',')}`),
    ).toEqual(['zlib/1.3.1 a/conanfile.py:6,b/conanfile.py:5,c/conanfile.txt:4'])
    expect(inventory.errors.map((e) => `${e.file}:${e.line} ${e.code}`)).toEqual([
      'b/conanfile.py:1 invalid-utf8',
      'c/conanfile.txt:2 invalid-utf8',
    ])
  })
})
