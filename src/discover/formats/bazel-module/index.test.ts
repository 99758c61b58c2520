import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {scanTree} from '../../../../tests/discover/tree.js'
import {discoverer} from './index.js'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8')

function discover(text: string, file = 'MODULE.bazel', files: Record<string, string> = {}) {
  return discoverer.discover({file, text}, {readText: (path) => files[path] ?? null}) as {
    components: Component[]
    skipped?: Array<{line?: number; reason: string; message: string}>
    errors?: Array<{code: string; line?: number; column?: number; message: string}>
  }
}

const at = (c: Component) => `${c.locations[0].line}:${c.locations[0].column}`

describe('bazel-module: MODULE.bazel', () => {
  it('matches MODULE.bazel and MODULE.bazel.lock, not other .bazel files', () => {
    expect(discoverer.matches('MODULE.bazel')).toBe(true)
    expect(discoverer.matches('sub/MODULE.bazel.lock')).toBe(true)
    expect(discoverer.matches('BUILD.bazel')).toBe(false)
    expect(discoverer.matches('deps.MODULE.bazel')).toBe(false)
  })

  it("reads a real module's MODULE.bazel (BCR apple_support 1.24.4): bazel_deps, dev deps, a patch-only override", () => {
    const {components, skipped, errors} = discover(fixture('apple_support/MODULE.bazel'))
    expect(errors).toEqual([])
    expect(skipped).toEqual([])
    expect(components.map((c) => `${c.purl} ${c.scope} ${c.direct} ${at(c)}`)).toEqual([
      'pkg:bazel/bazel_features@1.27.0 prod true 11:18',
      'pkg:bazel/bazel_skylib@1.3.0 prod true 12:18',
      'pkg:bazel/platforms@0.0.9 prod true 13:18',
      // single_version_override(module_name = "rules_cc", patches = [...]): same version, same registry.
      'pkg:bazel/rules_cc@0.2.13 prod true 14:18',
      'pkg:bazel/rules_shell@0.3.0 dev true 31:18',
      'pkg:bazel/stardoc@0.8.0 dev true 32:18',
    ])
    // module(name = "apple_support", ...) is the project itself.
    expect(components.some((c) => c.name === 'apple_support')).toBe(false)
  })

  it("reads the BCR's own MODULE.bazel: extension calls and a computed http_file URL are not dependencies", () => {
    const {components, skipped, errors} = discover(fixture('bcr/MODULE.bazel'))
    expect(errors).toEqual([])
    expect(skipped).toEqual([])
    expect(components.map((c) => `${c.ref} ${c.locations[0].line}`)).toEqual([
      'aspect_bazel_lib@2.22.5 6',
      'aspect_rules_js@2.9.2 7',
      'buildozer@8.5.1 8',
      'rules_nodejs@6.7.4 9',
      'rules_python@2.2.0 10',
      'rules_shell@0.8.0 11',
    ])
  })

  it('applies the overrides of the file: registry, version, git, archive and local path', () => {
    const text = [
      'module(name = "app", version = "1.0")', // 1
      'bazel_dep(name = "pinned", version = "1.0")',
      'single_version_override(module_name = "pinned", version = "1.2")',
      'bazel_dep(name = "internal", version = "2.0")',
      'single_version_override(module_name = "internal", registry = "https://bcr.example.com")', // 5
      'bazel_dep(name = "central", version = "3.0")',
      'single_version_override(module_name = "central", registry = "https://bcr.bazel.build")',
      "bazel_dep(name = 'forked', version = '0.1', repo_name = 'com_example_forked')",
      'git_override(',
      '    module_name = "forked",', // 10
      '    remote = "https://github.com/example/forked.git",',
      '    commit = "0123456789abcdef0123456789abcdef01234567",',
      ')',
      'bazel_dep(name = "tarball", version = "")',
      'archive_override(module_name = "tarball", urls = ["https://example.com/t-1.0.tar.gz"], strip_prefix = "t")', // 15
      'bazel_dep(name = "sibling", dev_dependency = True)',
      'local_path_override(module_name = "sibling", path = "../sibling")',
      'bazel_dep(name = "multi", version = "1.0")',
      'multiple_version_override(module_name = "multi", versions = ["1.0", "2.0"], registry = "https://bcr.example.com/")',
      'git_override(module_name = "transitive_only", remote = "https://github.com/example/t.git")', // 20
    ].join('\n')
    const {components, skipped, errors} = discover(text)
    expect(errors).toEqual([])
    expect(skipped).toEqual([])
    expect(components.map((c) => [c.ref, c.version, c.purl, c.local, c.scope, at(c)])).toEqual([
      ['pinned@1.0', '1.2', 'pkg:bazel/pinned@1.2', undefined, 'prod', '2:18'],
      [
        'internal@2.0',
        '2.0',
        'pkg:bazel/internal@2.0?repository_url=https%3A%2F%2Fbcr.example.com',
        undefined,
        'prod',
        '4:18',
      ],
      ['central@3.0', '3.0', 'pkg:bazel/central@3.0', undefined, 'prod', '6:18'],
      // A non-registry override: the module is what the source holds, whatever version the bazel_dep names.
      [
        'forked@0.1',
        undefined,
        'pkg:bazel/forked?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fforked.git%400123456789abcdef0123456789abcdef01234567',
        undefined,
        'prod',
        '8:18',
      ],
      [
        'tarball',
        undefined,
        'pkg:bazel/tarball?download_url=https%3A%2F%2Fexample.com%2Ft-1.0.tar.gz',
        undefined,
        'prod',
        '14:18',
      ],
      ['sibling', undefined, undefined, true, 'dev', '16:18'],
      [
        'multi@1.0',
        '1.0',
        'pkg:bazel/multi@1.0?repository_url=https%3A%2F%2Fbcr.example.com',
        undefined,
        'prod',
        '18:18',
      ],
    ])
  })

  it('reports calls whose arguments are not literals by line, never guessing them', () => {
    const text = [
      'VERSION = "1.0"',
      'bazel_dep(name = "a", version = VERSION)',
      'bazel_dep(name = "b" + SUFFIX, version = "1.0")',
      'bazel_dep("c", "1.0")',
      'bazel_dep(name = "d", version = "2.0")', // 5
      'git_override(module_name = "d", remote = REMOTES["d"], commit = "abc")',
      'bazel_dep(name = "e", version = "%s" % V, dev_dependency = True)',
      'bazel_dep(name = "f", version = "1.0", dev_dependency = IS_DEV)',
      'bazel_dep(name = "g", version = "3.0")',
      'include(DEPS_FILE)', // 10
      'include("@other_repo//:deps.MODULE.bazel")',
      'bazel_dep(name = "h")',
    ].join('\n')
    const {components, skipped, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => `${c.ref} ${c.purl}`)).toEqual(['g@3.0 pkg:bazel/g@3.0', 'h pkg:bazel/h'])
    expect(skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '10 unsupported include label is computed (DEPS_FILE), not a literal: not read',
      '11 unsupported include("@other_repo//:deps.MODULE.bazel") is not a label of a file in this repository: not read',
      '2 unsupported bazel_dep version is computed (VERSION), not a literal: not read',
      '3 unsupported bazel_dep name is computed ("b" + SUFFIX), not a literal: not read',
      '4 unsupported bazel_dep with a positional argument: not read',
      '6 unsupported git_override remote is computed (REMOTES["d"]), not a literal: not read',
      '7 unsupported bazel_dep version is computed ("%s" % V), not a literal: not read',
      '8 unsupported bazel_dep dev_dependency is computed (IS_DEV), not a literal: not read',
      '12 unresolved-version bazel_dep "h" names no version, and no override in the file gives one: listed without a version',
    ])
  })

  it('follows include() of a file of the repository, locating what it declares there', async () => {
    const inventory = await scanTree({
      'proj/MODULE.bazel':
        'module(name = "app")\ninclude("//bazel:deps.MODULE.bazel")\nbazel_dep(name = "a", version = "1.0")\n',
      'proj/bazel/deps.MODULE.bazel': [
        '# shared',
        'bazel_dep(name = "b", version = "2.0")',
        'git_override(module_name = "a", remote = "https://github.com/example/a.git", tag = "v1")',
        // `:name` from this file's folder, `//` from the root module's.
        'include(":more.MODULE.bazel")',
        'include("@@//:top.MODULE.bazel")',
      ].join('\n'),
      'proj/bazel/more.MODULE.bazel': 'bazel_dep(name = "c", version = "3.0")\n',
      'proj/top.MODULE.bazel': 'bazel_dep(name = "d", version = "4.0", dev_dependency = True)\n',
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => `${c.purl} ${c.scope} ${c.locations[0].file}:${at(c)}`)).toEqual([
      'pkg:bazel/a?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fa.git%40v1 prod proj/MODULE.bazel:3:18',
      'pkg:bazel/b@2.0 prod proj/bazel/deps.MODULE.bazel:2:18',
      'pkg:bazel/c@3.0 prod proj/bazel/more.MODULE.bazel:1:18',
      'pkg:bazel/d@4.0 dev proj/top.MODULE.bazel:1:18',
    ])
    const missing = discover('include(":missing.MODULE.bazel")\n')
    expect(missing.errors?.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`)).toEqual([
      'include-not-read 1:9 include(":missing.MODULE.bazel"): missing.MODULE.bazel: no such file; its bazel_deps are not listed',
    ])
    const outside = discover('include("//../other:deps.MODULE.bazel")\n')
    expect(outside.skipped?.map((x) => `${x.line} ${x.reason}`)).toEqual(['1 unsupported'])
    expect(outside.errors).toEqual([])
    const loop = discover('include(":a.MODULE.bazel")\n', 'MODULE.bazel', {
      'a.MODULE.bazel': 'include("//:a.MODULE.bazel")\n',
    })
    expect(loop.errors?.map((e) => e.message)).toEqual([
      'include("//:a.MODULE.bazel"): a.MODULE.bazel: included twice; its bazel_deps are not listed',
    ])
  })

  it('reads strings as Starlark writes them and skips comments', () => {
    const text = [
      '# bazel_dep(name = "commented", version = "1")',
      'bazel_dep(',
      '    name = """triple""",  # a comment with a ) in it',
      "    version = r'1.0',",
      ')',
      'x = "bazel_dep(name = \\"in_string\\", version = \\"1\\")"',
      'ext.bazel_dep(name = "method", version = "1")',
      'bazel_dep(name = ("paren"), version = "2.0",)',
    ].join('\n')
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => `${c.purl} ${at(c)}`)).toEqual([
      'pkg:bazel/triple@1.0 3:12',
      'pkg:bazel/paren@2.0 8:19',
    ])
  })

  it('reports syntax errors and a second override of a module, keeping what was read before', () => {
    const unterminated = discover('bazel_dep(name = "a", version = "1.0")\nbazel_dep(name = "b, version = "2")\n')
    expect(unterminated.components.map((c) => c.ref)).toEqual(['a@1.0'])
    expect(unterminated.errors?.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`)).toEqual([
      'invalid-lockfile 2:34 unterminated string: the rest of the file is not read',
    ])
    const wrong = discover('bazel_dep(name = "a", version = "1.0"]\n')
    expect(wrong.errors?.map((e) => `${e.code} ${e.line} ${e.message}`)).toEqual([
      "invalid-lockfile 1 ']' closes a bracket that ')' should: the rest of the file is not read",
    ])
    const twice = discover(
      'bazel_dep(name = "a", version = "1.0")\nsingle_version_override(module_name = "a", version = "1.1")\nsingle_version_override(module_name = "a", version = "1.2")\n',
    )
    expect(twice.components.map((c) => c.version)).toEqual(['1.1'])
    expect(twice.errors?.map((e) => `${e.code} ${e.line} ${e.message}`)).toEqual([
      'invalid-entry 3 single_version_override: a second override of module "a" (the first at MODULE.bazel:2; Bazel refuses the file): not read',
    ])
  })

  it('reports a bazel_dep inside a list comprehension, not passing it over in silence (real-world review)', () => {
    const out = discover(
      [
        'module(name = "shop")',
        '[bazel_dep(name = n, version = "1.0") for n in ["a", "b"]]',
        'bazel_dep(name = "rules_cc", version = "0.1.1")',
        '',
      ].join('\n'),
    )
    expect(out.components.map((c) => c.ref)).toEqual(['rules_cc@0.1.1'])
    expect(out.skipped?.map((x) => `${x.line} ${x.reason} ${x.message}`)).toEqual([
      '2 unsupported bazel_dep() inside an expression (a list comprehension, a condition): computed, not read (MODULE.bazel is never evaluated)',
    ])
  })

  it('reads hostile input bounded (its linearity: bench/hostile.ts)', () => {
    const deep = discover(`bazel_dep(name = "a", version = "1.0")\nx = ${'('.repeat(100_000)}`)
    expect(deep.components.map((c) => c.ref)).toEqual(['a@1.0'])
    expect(deep.errors?.map((e) => `${e.code} ${e.line} ${e.message}`)).toEqual([
      'invalid-lockfile 2 brackets nested deeper than 200: the rest of the file is not read',
    ])
    // One pass over the tokens (its time at n and 4n: bench/hostile.ts).
    const many = 'bazel_dep(name = "m", version = "1.0")\n'.repeat(5_000)
    expect(discover(many).components).toHaveLength(5_000)
  })
})

describe('bazel-module: MODULE.bazel.lock', () => {
  it('lists the modules a real lockfile (ARM kleidiai, v13) selected: source.json keys, not every MODULE.bazel read', () => {
    const {components, errors} = discover(fixture('kleidiai/MODULE.bazel.lock'), 'MODULE.bazel.lock')
    expect(errors).toEqual([])
    expect(components.map((c) => `${c.purl} ${c.direct} ${at(c)}`)).toEqual([
      'pkg:bazel/abseil-cpp@20230802.0.bcr.1 undefined 9:5',
      'pkg:bazel/googletest@1.14.0 undefined 12:5',
      'pkg:bazel/platforms@1.0.0 undefined 16:5',
      'pkg:bazel/rules_cc@0.2.16 undefined 19:5',
      'pkg:bazel/zlib@1.3.1.bcr.3 undefined 23:5',
    ])
  })

  it('takes direct from the MODULE.bazel beside the lock', async () => {
    const inventory = await scanTree({
      'MODULE.bazel.lock': fixture('kleidiai/MODULE.bazel.lock'),
      'MODULE.bazel':
        'bazel_dep(name = "googletest", version = "1.14.0", dev_dependency = True)\nbazel_dep(name = "rules_cc", version = "0.2.16")\n',
    })
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map(
        (c) => `${c.purl} ${c.direct} ${c.scope} ${c.locations.map((l) => `${l.file}:${l.line}`)}`,
      ),
    ).toEqual([
      'pkg:bazel/abseil-cpp@20230802.0.bcr.1 false undefined MODULE.bazel.lock:9',
      'pkg:bazel/googletest@1.14.0 true dev MODULE.bazel:1',
      'pkg:bazel/googletest@1.14.0 true undefined MODULE.bazel.lock:12',
      'pkg:bazel/platforms@1.0.0 false undefined MODULE.bazel.lock:16',
      'pkg:bazel/rules_cc@0.2.16 true prod MODULE.bazel:2',
      'pkg:bazel/rules_cc@0.2.16 true undefined MODULE.bazel.lock:19',
      'pkg:bazel/zlib@1.3.1.bcr.3 false undefined MODULE.bazel.lock:23',
    ])
  })

  it("names another registry's modules by repository_url", () => {
    const lock = JSON.stringify(
      {
        lockFileVersion: 18,
        registryFileHashes: {
          'https://bcr.example.com/modules/internal/1.0/MODULE.bazel': 'a',
          'https://bcr.example.com/modules/internal/1.0/source.json': 'b',
          'https://bcr.bazel.build/modules/internal/1.0/MODULE.bazel': 'not found',
        },
        selectedYankedVersions: {},
      },
      null,
      2,
    )
    expect(discover(lock, 'MODULE.bazel.lock').components.map((c) => `${c.purl} ${at(c)}`)).toEqual([
      'pkg:bazel/internal@1.0?repository_url=https%3A%2F%2Fbcr.example.com 5:5',
    ])
  })

  it("reads a real Bazel 7.0 lockfile's resolved graph (bazelbuild/bazel, v6): name@version entries, their line", () => {
    const {components, skipped, errors} = discover(fixture('bazel-v6/MODULE.bazel.lock'), 'MODULE.bazel.lock')
    expect(errors).toEqual([])
    expect(skipped).toEqual([])
    expect(components.map((c) => `${c.purl} ${c.ref} ${at(c)}`)).toEqual([
      'pkg:bazel/rules_graalvm@0.11.1 rules_graalvm@0.11.1 21:5',
      'pkg:bazel/rules_proto@5.3.0-21.7 rules_proto@5.3.0-21.7 52:5',
    ])
  })

  it('reads the resolved graph of Bazel 6.2 to 7.1 lockfiles (moduleDepGraph), from the one registry they name', () => {
    const graph = {
      '<root>': {name: 'app', version: '', key: '<root>', deps: {}},
      'rules_example@_': {name: 'rules_example', version: '0.0.0', key: 'rules_example@_'},
      'bazel_tools@_': {name: 'bazel_tools', version: '', key: 'bazel_tools@_'},
      'platforms@0.0.8': {name: 'platforms', version: '0.0.8', key: 'platforms@0.0.8', repoSpec: {attributes: {}}},
    }
    const lock = (registries: string[]) =>
      JSON.stringify({lockFileVersion: 6, flags: {cmdRegistries: registries}, moduleDepGraph: graph}, null, 2)
    expect(
      discover(lock(['https://bcr.bazel.build/']), 'MODULE.bazel.lock').components.map((c) => `${c.purl} ${at(c)}`),
    ).toEqual(['pkg:bazel/platforms@0.0.8 25:5'])
    expect(discover(lock(['https://bcr.example.com/']), 'MODULE.bazel.lock').components.map((c) => c.purl)).toEqual([
      'pkg:bazel/platforms@0.0.8?repository_url=https%3A%2F%2Fbcr.example.com',
    ])
    const several = discover(lock(['https://bcr.example.com/', 'https://bcr.bazel.build/']), 'MODULE.bazel.lock')
    expect(several.components).toEqual([])
    expect(several.skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '26 unsupported platforms@0.0.8: the lockfile names several registries (flags.cmdRegistries) and not which one this module came from: not listed',
    ])
  })

  it('reports a lockfile it cannot read', () => {
    const errors = (text: string) =>
      discover(text, 'MODULE.bazel.lock').errors?.map((e) => `${e.code} ${e.line} ${e.message}`)
    expect(errors('{"lockFileVersion": 3, "moduleFileHash": "x"}')).toEqual([
      "unsupported-version 1 lockFileVersion 3: neither 'registryFileHashes' nor 'moduleDepGraph' is there (supported: Bazel 6.2 and later)",
    ])
    expect(errors('{"registryFileHashes": {}}')).toEqual(["invalid-lockfile 1 'lockFileVersion' must be a number"])
    expect(errors('{"lockFileVersion": 13, "registryFileHashes": []}')).toEqual([
      "invalid-lockfile 1 'registryFileHashes' must be an object",
    ])
    expect(errors('{"lockFileVersion": 13,')?.[0]).toMatch(/^invalid-json 1 /)
  })
})
