import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {scanTree} from '../../../../tests/discover/tree.js'
import {discoverer} from './index.js'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8')

/** `files` maps a path to its text, or to null for a file that is there but cannot be read. */
function discover(text: string, file = 'MODULE.bazel', files: Record<string, string | null> = {}) {
  const context = {readText: (path: string) => files[path] ?? null, exists: (path: string) => path in files}
  return discoverer.discover({file, text}, context) as {
    components: Component[]
    skipped?: Array<{file?: string; line?: number; reason: string; message: string}>
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

  it('says a bazel_dep of MODULE.bazel is declared in a manifest, a module of MODULE.bazel.lock in a lockfile', () => {
    const {components} = discover('bazel_dep(name = "rules_cc", version = "0.0.9")\n')
    expect(components).toEqual([
      {
        kind: 'package',
        ecosystem: 'bazel',
        name: 'rules_cc',
        version: '0.0.9',
        purl: 'pkg:bazel/rules_cc@0.0.9',
        ref: 'rules_cc@0.0.9',
        scope: 'prod',
        direct: true,
        origin: 'manifest',
        locations: [{file: 'MODULE.bazel', line: 1, column: 18}],
      },
    ])
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

  it('reports calls whose arguments cannot be read by line, never guessing them, and lists each named bazel_dep', () => {
    const text = [
      'VERSION = "1.0"',
      'bazel_dep(name = "a", version = VERSION + SUFFIX)',
      'bazel_dep(name = "b" + SUFFIX, version = "1.0")',
      'bazel_dep("c", "1.0")',
      'bazel_dep(name = "d", version = "2.0")', // 5
      'git_override(module_name = "d", remote = REMOTES["d"], commit = "abc")',
      'bazel_dep(name = "e", version = "%d" % V, dev_dependency = True)',
      'bazel_dep(name = "f", version = "1.0", dev_dependency = IS_DEV)',
      'bazel_dep(name = "g", version = "3.0")',
      'include(DEPS_FILE)', // 10
      'include("@other_repo//:deps.MODULE.bazel")',
      'bazel_dep(name = "h")',
      'bazel_dep(name = "i", version = 1, dev_dependency = "yes")',
    ].join('\n')
    const {components, skipped, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => `${c.ref} ${c.purl} ${c.scope} ${at(c)}`)).toEqual([
      'a pkg:bazel/a prod 2:18',
      // A git_override whose remote is not read: where d comes from is not known, so no purl (nor a version: Bazel
      // ignores the bazel_dep's for a non-registry override).
      'd@2.0 undefined prod 5:18',
      'e pkg:bazel/e dev 7:18',
      'f@1.0 pkg:bazel/f@1.0 undefined 8:18',
      'g@3.0 pkg:bazel/g@3.0 prod 9:18',
      'h pkg:bazel/h prod 12:18',
      'i pkg:bazel/i undefined 13:18',
    ])
    expect(skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '10 unsupported include label is computed (DEPS_FILE), not a literal: not read',
      '11 unsupported include("@other_repo//:deps.MODULE.bazel") is not a label of a file in this repository: not read',
      '2 unresolved-version bazel_dep "a" version is computed (VERSION + SUFFIX), not a literal: listed without a version',
      '3 unsupported bazel_dep name is computed ("b" + SUFFIX), not a literal: not read',
      '4 unsupported bazel_dep with a positional argument: not read',
      '6 unsupported git_override of "d": remote is computed (REMOTES["d"]), not a literal: the bazel_dep is listed without a purl (where the module comes from is not known)',
      '7 unresolved-version bazel_dep "e" version is computed ("%d" % V), not a literal: listed without a version',
      '8 unsupported bazel_dep "f" dev_dependency is computed (IS_DEV), not a literal: listed without a scope',
      '12 unresolved-version bazel_dep "h" names no version, and no override in the file gives one: listed without a version',
      '13 unresolved-version bazel_dep "i" version is not a string: listed without a version',
      '13 unsupported bazel_dep "i" dev_dependency is not True or False: listed without a scope',
    ])
  })

  it('evaluates top-level variables, +, %s and .format() as Starlark does (https://bazel.build/rules/lib/globals/module)', () => {
    const text = [
      'BOOST = "1.83.0"',
      'SUFFIX = \'.bcr\' + ".1"',
      'IS_RELEASE = True',
      'COMMIT = "0123abcd"',
      'bazel_dep(name = "boost.config", version = BOOST + SUFFIX)', // 5
      'bazel_dep(name = "boost.units", version = (BOOST), dev_dependency = IS_RELEASE)',
      'bazel_dep(name = "tool", version = "{}.{minor}".format("2", minor = "7"), dev_dependency = not IS_RELEASE)',
      'bazel_dep(name = "stubs", version = "1.0")',
      'archive_override(',
      '    module_name = "stubs",', // 10
      '    urls = ["https://example.com/stubs/archive/{}.tar.gz".format(COMMIT)] + MIRRORS,',
      ')',
      'bazel_dep(name = "fork", version = "0.1")',
      'git_override(module_name = "fork", remote = "https://%s/fork.git" % "git.example.com", commit = COMMIT)',
      'bazel_dep(name = "later", version = LATER)', // 15
      'LATER = "9.9"',
      'TWICE = "1.0"',
      'TWICE = "2.0"',
      'bazel_dep(name = "twice", version = TWICE)',
      'bazel_dep(name = "mixed", version = "{} {0}".format("x"))', // 20
      'bazel_dep(name = "pct", version = "%s-%s" % (BOOST, "r1"))',
      'MIRRORS = []',
    ].join('\n')
    const {components, skipped, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => `${c.ref} ${c.purl} ${c.scope} ${at(c)}`)).toEqual([
      'boost.config@1.83.0.bcr.1 pkg:bazel/boost.config@1.83.0.bcr.1 prod 5:18',
      'boost.units@1.83.0 pkg:bazel/boost.units@1.83.0 dev 6:18',
      'tool@2.7 pkg:bazel/tool@2.7 undefined 7:18',
      // `+ MIRRORS` before MIRRORS is bound (line 22): Starlark fails there; not guessed.
      'stubs@1.0 undefined prod 8:18',
      'fork@0.1 pkg:bazel/fork?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Ffork.git%400123abcd prod 13:18',
      'later pkg:bazel/later prod 15:18',
      'twice pkg:bazel/twice prod 19:18',
      'mixed pkg:bazel/mixed prod 20:18',
      'pct@1.83.0-r1 pkg:bazel/pct@1.83.0-r1 prod 21:18',
    ])
    expect(skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '7 unsupported bazel_dep "tool" dev_dependency is computed (not IS_RELEASE), not a literal: listed without a scope',
      '11 unsupported archive_override of "stubs": urls is computed (["https://example.com/stubs/archive/{}.tar.gz".format(COMMIT)] + MIRRORS), not a literal: the bazel_dep is listed without a purl (where the module comes from is not known)',
      '15 unresolved-version bazel_dep "later" version is computed (LATER), not a literal: listed without a version',
      // Bound twice: Bazel parses MODULE.bazel without top-level rebinding and refuses the file.
      '19 unresolved-version bazel_dep "twice" version is computed (TWICE), not a literal: listed without a version',
      // Automatic and manual field numbering together: an error in Starlark.
      '20 unresolved-version bazel_dep "mixed" version is computed ("{} {0}".format("x")), not a literal: listed without a version',
    ])
  })

  it('evaluates a join of string literals, and nothing else ("".join([V]) stays computed)', () => {
    const text = [
      'V = "1.2.3"',
      'bazel_dep(name = "rules_cc", version = "".join(["0.", "1.", "1"]))',
      'bazel_dep(name = "rules_go", version = ".".join(("0", "50", "1")))',
      'bazel_dep(name = "with_var", version = "".join([V, "-rc1"]))',
      'bazel_dep(name = "with_number", version = "".join(["1", 2]))', // 5
      'bazel_dep(name = "of_var", version = V.join(["1", "2"]))',
      'bazel_dep(name = "of_string", version = "".join("123"))',
      'bazel_dep(name = "stubs", version = "1.0")',
      'archive_override(',
      '    module_name = "stubs",', // 10
      '    urls = ["".join(["https://example.com/", "stubs-1.0.tar.gz"])],',
      '    strip_prefix = "-".join(["stubs", "1.0"]),',
      ')',
      'bazel_dep(name = "suffixed", version = "".join(["2", ".0"]) + ".bcr.1")',
    ].join('\n')
    const {components, skipped, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => `${c.ref} ${c.purl} ${at(c)}`)).toEqual([
      'rules_cc@0.1.1 pkg:bazel/rules_cc@0.1.1 2:18',
      'rules_go@0.50.1 pkg:bazel/rules_go@0.50.1 3:18',
      'with_var pkg:bazel/with_var 4:18',
      'with_number pkg:bazel/with_number 5:18',
      'of_var pkg:bazel/of_var 6:18',
      'of_string pkg:bazel/of_string 7:18',
      'stubs@1.0 pkg:bazel/stubs?download_url=https%3A%2F%2Fexample.com%2Fstubs-1.0.tar.gz 8:18',
      'suffixed@2.0.bcr.1 pkg:bazel/suffixed@2.0.bcr.1 14:18',
    ])
    expect(skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '4 unresolved-version bazel_dep "with_var" version is computed ("".join([V, "-rc1"])), not a literal: listed without a version',
      '5 unresolved-version bazel_dep "with_number" version is computed ("".join(["1", 2])), not a literal: listed without a version',
      '6 unresolved-version bazel_dep "of_var" version is computed (V.join(["1", "2"])), not a literal: listed without a version',
      // A string is no iterable in Starlark: an error there.
      '7 unresolved-version bazel_dep "of_string" version is computed ("".join("123")), not a literal: listed without a version',
    ])
  })

  it("takes the registries of the workspace's .bazelrc: one is every registry module's, several are reported", () => {
    const module = [
      'bazel_dep(name = "rules_cc", version = "0.1.1")',
      'bazel_dep(name = "tls-fips", version = "0.1.0.acme")',
      'bazel_dep(name = "pinned", version = "1.0")',
      'single_version_override(module_name = "pinned", registry = "https://bcr.bazel.build")',
      'bazel_dep(name = "forked", version = "1.0")', // 5
      'git_override(module_name = "forked", remote = "https://example.com/forked.git", commit = "abc123")',
      'bazel_dep(name = "loose", version = "2.0")',
      'single_version_override(module_name = "loose", version = "2.1")',
    ].join('\n')
    const purls = (out: ReturnType<typeof discover>) => out.components.map((c) => `${c.ref} ${c.purl} ${at(c)}`)
    // One registry replaces the BCR (BazelRepositoryModule: the default only when --registry is not given).
    const one = discover(module, 'app/MODULE.bazel', {
      'app/.bazelrc': 'startup --host_jvm_args=-Xmx3g\ncommon --registry https://registry.example.com/bazel/\n',
    })
    expect(one.errors).toEqual([])
    expect(one.skipped).toEqual([])
    expect(purls(one)).toEqual([
      'rules_cc@0.1.1 pkg:bazel/rules_cc@0.1.1?repository_url=https%3A%2F%2Fregistry.example.com%2Fbazel 1:18',
      'tls-fips@0.1.0.acme pkg:bazel/tls-fips@0.1.0.acme?repository_url=https%3A%2F%2Fregistry.example.com%2Fbazel 2:18',
      // The override names its registry: the BCR.
      'pinned@1.0 pkg:bazel/pinned@1.0 3:18',
      'forked@1.0 pkg:bazel/forked?vcs_url=git%2Bhttps%3A%2F%2Fexample.com%2Fforked.git%40abc123 5:18',
      // An override that names no registry: the workspace's.
      'loose@2.0 pkg:bazel/loose@2.1?repository_url=https%3A%2F%2Fregistry.example.com%2Fbazel 7:18',
    ])
    // Several: which serves a module is not told; each other than the BCR said once, credentials dropped.
    const several = discover(module, 'MODULE.bazel', {
      '.bazelrc': [
        '# common --registry=https://commented.example.com',
        'common --registry=https://bcr.bazel.build/',
        // A password holding an unencoded `@` goes whole (the userinfo runs to the last `@` before the path).
        'common --registry=https://user:s3c@ret@registry.example.com/bazel # trailing comment',
        'build:ci --registry=https://ci.example.com',
        'build --registry=https://registry.example.com/bazel/',
      ].join('\n'),
    })
    expect(several.errors).toEqual([])
    expect(several.skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      "3 unsupported Bazel registry https://registry.example.com/bazel is one of 2 the workspace's .bazelrc names (--registry): Bazel takes each module from the first that has it, which is not told here (bazel_deps without an override naming their source are listed without a registry)",
    ])
    expect(several.skipped?.[0]).toMatchObject({file: '.bazelrc'})
    expect(purls(several)).toEqual([
      'rules_cc@0.1.1 pkg:bazel/rules_cc@0.1.1 1:18',
      'tls-fips@0.1.0.acme pkg:bazel/tls-fips@0.1.0.acme 2:18',
      'pinned@1.0 pkg:bazel/pinned@1.0 3:18',
      'forked@1.0 pkg:bazel/forked?vcs_url=git%2Bhttps%3A%2F%2Fexample.com%2Fforked.git%40abc123 5:18',
      'loose@2.0 pkg:bazel/loose@2.1 7:18',
    ])
    expect(JSON.stringify(several)).not.toContain('s3c')
    expect(JSON.stringify(several)).not.toContain('ret@')
    // A continued line is one line; a long run of them is read once.
    const continued = discover(module, 'MODULE.bazel', {
      '.bazelrc': `common \\\n  --registry=https://registry.example.com/bazel\n${'build \\\n'.repeat(20000)}--jobs=4\n`,
    })
    expect(continued.components[0].purl).toBe(
      'pkg:bazel/rules_cc@0.1.1?repository_url=https%3A%2F%2Fregistry.example.com%2Fbazel',
    )
    // Only the BCR, or no .bazelrc: as before.
    expect(purls(discover(module, 'MODULE.bazel', {'.bazelrc': 'common --registry=https://bcr.bazel.build'}))).toEqual(
      purls(discover(module)),
    )
  })

  it('reads the files a .bazelrc imports in their place (import, try-import; %workspace%/ and relative paths)', () => {
    const module = 'bazel_dep(name = "rules_cc", version = "0.1.1")\n'
    const purl = (out: ReturnType<typeof discover>) => out.components.map((c) => c.purl)
    const ACME = 'pkg:bazel/rules_cc@0.1.1?repository_url=https%3A%2F%2Fregistry.example.com%2Fbazel'
    // The registry is named by an imported file, which imports another: read as Bazel reads them.
    const imported = discover(module, 'app/MODULE.bazel', {
      'app/.bazelrc': 'import %workspace%/tools/ci.bazelrc\ntry-import %workspace%/user.bazelrc\n',
      'app/tools/ci.bazelrc': 'try-import tools/registry.bazelrc # relative: from the workspace',
      'app/tools/registry.bazelrc': 'common --registry=https://registry.example.com/bazel',
    })
    expect(imported.skipped).toEqual([])
    expect(purl(imported)).toEqual([ACME])
    // Several registries across the files: each reported at its own file and line.
    const several = discover(module, 'MODULE.bazel', {
      '.bazelrc': 'common --registry=https://bcr.bazel.build\nimport %workspace%/more.bazelrc\n',
      'more.bazelrc': '\ncommon --registry=https://registry.example.com/bazel\n',
    })
    expect(several.skipped?.map((s) => `${s.file}:${s.line} ${s.message.slice(0, 61)}`)).toEqual([
      'more.bazelrc:2 Bazel registry https://registry.example.com/bazel is one of 2',
    ])
    expect(purl(several)).toEqual(['pkg:bazel/rules_cc@0.1.1'])
    // What cannot be read: an import Bazel needs is reported (the registries are then not all known); a missing
    // try-import, as Bazel, is not; a loop is read once.
    const unread = discover(module, 'MODULE.bazel', {
      '.bazelrc': [
        'import /etc/acme.bazelrc',
        'try-import /home/ada/.bazelrc',
        'import %workspace%/missing.bazelrc',
        'try-import %workspace%/user.bazelrc',
        'import %workspace%/../outside.bazelrc',
        'import %workspace%/loop.bazelrc',
        'import $HOME/x.bazelrc',
      ].join('\n'),
      'loop.bazelrc': 'import %workspace%/.bazelrc\ncommon --registry=https://registry.example.com/bazel\n',
    })
    expect(unread.skipped?.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      '.bazelrc:1 unsupported import /etc/acme.bazelrc: a path outside the workspace (absolute, or naming a variable): not read, so the registries it may name are not known here',
      '.bazelrc:3 unsupported import %workspace%/missing.bazelrc: not in the scanned tree, or not read (Bazel fails without it): the registries it may name are not known here',
      '.bazelrc:5 unsupported import %workspace%/../outside.bazelrc: a path outside the workspace (absolute, or naming a variable): not read, so the registries it may name are not known here',
      'loop.bazelrc:1 unsupported import %workspace%/.bazelrc: imports a file that imports it (Bazel refuses the loop): not read again',
      '.bazelrc:7 unsupported import $HOME/x.bazelrc: a path outside the workspace (absolute, or naming a variable): not read, so the registries it may name are not known here',
    ])
    expect(purl(unread)).toEqual([ACME])
  })

  it("keeps each file's variables its own: an included file does not see the including file's", () => {
    // "variable bindings … are only ever visible in the file they occur in" (https://bazel.build/rules/lib/globals/module#include)
    const out = discover(
      'V = "1.0"\ninclude("//:deps.MODULE.bazel")\nbazel_dep(name = "a", version = V)\n',
      'MODULE.bazel',
      {
        'deps.MODULE.bazel': 'bazel_dep(name = "b", version = V)\n',
      },
    )
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.ref} ${c.locations[0].file}:${at(c)}`)).toEqual([
      'b deps.MODULE.bazel:1:18',
      'a@1.0 MODULE.bazel:3:18',
    ])
    expect(out.skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '1 unresolved-version bazel_dep "b" version is computed (V), not a literal: listed without a version',
    ])
  })

  it('lists every bazel_dep of real BCR modules whose versions and dev_dependency come from top-level variables', () => {
    const lint = discover(fixture('aspect_rules_lint/MODULE.bazel'))
    expect(lint.errors).toEqual([])
    expect(lint.skipped).toEqual([])
    // IS_RELEASE = True (line 51): the three bazel_deps after it are dev dependencies.
    expect(lint.components.filter((c) => c.scope === 'dev').map((c) => `${c.purl} ${at(c)}`)).toEqual([
      'pkg:bazel/bazelrc-preset.bzl@1.1.0 47:18',
      'pkg:bazel/toolchains_protoc@0.4.1 54:12',
      'pkg:bazel/gazelle@0.43.0 59:12',
      'pkg:bazel/rules_go@0.54.0 64:12',
    ])
    expect(lint.components).toHaveLength(17)

    const lanelet = discover(fixture('lanelet2/MODULE.bazel'))
    expect(lanelet.errors).toEqual([])
    expect(lanelet.skipped).toEqual([])
    expect(lanelet.components).toHaveLength(23)
    // BOOST_VERSION = "1.83.0" (line 6): BOOST_VERSION + ".bcr.1" fourteen times, BOOST_VERSION alone once.
    expect(lanelet.components.slice(0, 3).map((c) => `${c.purl} ${c.ref} ${at(c)}`)).toEqual([
      'pkg:bazel/boost.config@1.83.0.bcr.1 boost.config@1.83.0.bcr.1 8:18',
      'pkg:bazel/boost.core@1.83.0.bcr.1 boost.core@1.83.0.bcr.1 9:18',
      'pkg:bazel/boost.filesystem@1.83.0.bcr.1 boost.filesystem@1.83.0.bcr.1 10:18',
    ])
    expect(lanelet.components.filter((c) => !c.version?.endsWith('.bcr.1')).map((c) => c.purl)).toEqual([
      'pkg:bazel/boost.units@1.83.0',
      'pkg:bazel/googletest@1.15.2',
      'pkg:bazel/platforms@0.0.9',
      'pkg:bazel/rules_cc@0.1.0',
      'pkg:bazel/rules_license@1.0.0',
    ])

    const llvm = discover(fixture('llvm/MODULE.bazel'))
    expect(llvm.errors).toEqual([])
    expect(llvm.skipped).toEqual([])
    expect(llvm.components).toHaveLength(18)
    // archive_override urls = ["…/archive/{}.tar.gz".format(GLIBC_STUBS_GENERATOR_COMMIT)], the commit on line 119.
    expect(llvm.components.filter((c) => c.version === undefined).map((c) => `${c.purl} ${c.scope} ${at(c)}`)).toEqual([
      'pkg:bazel/glibc-stubs-generator?download_url=https%3A%2F%2Fgithub.com%2Fcerisier%2Fglibc-stubs-generator%2Farchive%2F33276300351d5a3cbedd308f4d21669b8e8ef83d.tar.gz dev 121:18',
      'pkg:bazel/libstdcxx-stubs-generator?download_url=https%3A%2F%2Fgithub.com%2Fcerisier%2Flibstdcxx-stubs-generator%2Farchive%2Fed896a140ef8466140c3bcfd066e710a80a41ebe.tar.gz dev 131:18',
      'pkg:bazel/xpkgutil?download_url=https%3A%2F%2Fgithub.com%2Fcerisier%2Fpkgutil%2Farchive%2Ff04b36f28972e469ad993dff6f9dc00e68531931.tar.gz dev 141:18',
    ])
  })

  it("lists a bazel_dep whose override's fields cannot be read, saying what it is listed without", () => {
    const text = [
      'bazel_dep(name = "pinned", version = "1.0")',
      'single_version_override(module_name = "pinned", version = PINS["pinned"], registry = REGISTRY)',
      'bazel_dep(name = "forked", version = "0.1")',
      'git_override(module_name = "forked", remote = "https://github.com/example/forked.git", tag = TAGS[0])',
      'bazel_dep(name = "tarball", version = "2.0")', // 5
      'archive_override(module_name = "tarball", strip_prefix = "t")',
    ].join('\n')
    const {components, skipped, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => `${c.ref} ${c.version} ${c.purl} ${at(c)}`)).toEqual([
      'pinned@1.0 undefined undefined 1:18',
      'forked@0.1 undefined pkg:bazel/forked?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fforked.git 3:18',
      'tarball@2.0 undefined undefined 5:18',
    ])
    expect(skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '2 unresolved-version single_version_override of "pinned": version is computed (PINS["pinned"]), not a literal: the bazel_dep is listed without a version',
      '2 unsupported single_version_override of "pinned": registry is computed (REGISTRY), not a literal: the bazel_dep is listed without a purl (the registry it comes from is not known)',
      '4 unsupported git_override of "forked": tag is computed (TAGS[0]), not a literal: the bazel_dep is listed without the commit it is fetched at (vcs_url names the repository only)',
      '6 unsupported archive_override of "tarball": has no urls: the bazel_dep is listed without a purl (where the module comes from is not known)',
    ])
  })

  it('keeps evaluation bounded: doubling variables and deep brackets (its linearity: bench/hostile.ts)', () => {
    // A0 = "xxxxxxxx", A1 = A0 + A0, …: A40 would be 8 TiB; past 1 MiB of computed text, values are left computed.
    const doubling = ['A0 = "xxxxxxxx"']
    for (let i = 1; i <= 40; i++) doubling.push(`A${i} = A${i - 1} + A${i - 1}`)
    doubling.push('bazel_dep(name = "small", version = A2)', 'bazel_dep(name = "huge", version = A40)')
    const out = discover(doubling.join('\n'))
    expect(out.components.map((c) => `${c.ref.slice(0, 40)} ${c.version?.length}`)).toEqual([
      'small@xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx 32',
      'huge undefined',
    ])
    expect(out.skipped?.map((s) => `${s.line} ${s.reason}`)).toEqual(['43 unresolved-version'])
    const deep = discover(`V = ${'('.repeat(199)}"1.0"${')'.repeat(199)}\nbazel_dep(name = "d", version = V + "")\n`)
    expect(deep.components.map((c) => c.ref)).toEqual(['d@1.0'])
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
    // A file that is there but cannot be read is an error; one that is not there, reported (next test).
    const unreadable = discover('include(":unreadable.MODULE.bazel")\n', 'MODULE.bazel', {
      'unreadable.MODULE.bazel': null,
    })
    expect(unreadable.errors?.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`)).toEqual([
      'include-not-read 1:9 include(":unreadable.MODULE.bazel"): unreadable.MODULE.bazel: could not be read; its bazel_deps are not listed',
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

  it('reports an included file that is not in the tree (often written by a build step), not an error (real-world review)', () => {
    const missing = discover('bazel_dep(name = "a", version = "1.0")\ninclude("//bazel:generated.MODULE.bazel")\n')
    expect(missing.errors).toEqual([])
    expect(missing.components.map((c) => c.ref)).toEqual(['a@1.0'])
    expect(missing.skipped?.map((x) => `${x.line} ${x.reason} ${x.message}`)).toEqual([
      '2 missing-resource include("//bazel:generated.MODULE.bazel"): bazel/generated.MODULE.bazel is not in the tree; it may be written by a build step before Bazel runs (Bazel refuses to start without it): its bazel_deps are not listed',
    ])
    // conan-io/examples2's Bazel 7 example: `conan install` writes conan/conan_deps.MODULE.bazel from conanfile.txt.
    const conan = discover(fixture('conan-string-formatter/MODULE.bazel'), 'app/MODULE.bazel', {
      'app/conanfile.txt': fixture('conan-string-formatter/conanfile.txt'),
    })
    expect(conan.errors).toEqual([])
    expect(conan.components).toEqual([])
    expect(conan.skipped?.map((x) => `${x.line} ${x.reason} ${x.message}`)).toEqual([
      '1 missing-resource include("//conan:conan_deps.MODULE.bazel"): app/conan/conan_deps.MODULE.bazel is not in the tree: `conan install` writes it (Conan\'s BazelDeps generator) from conanfile.txt, read on its own (conan format): its bazel_deps are not listed',
    ])
    const noConanfile = discover(fixture('conan-string-formatter/MODULE.bazel'))
    expect(noConanfile.skipped?.map((x) => x.message)).toEqual([
      'include("//conan:conan_deps.MODULE.bazel"): conan/conan_deps.MODULE.bazel is not in the tree: `conan install` writes it (Conan\'s BazelDeps generator) from the project\'s conanfile: its bazel_deps are not listed',
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
      '2 unsupported bazel_dep() inside an expression (a list comprehension, a condition): computed, not read (MODULE.bazel is never run)',
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
      'pkg:bazel/googletest@1.14.0 true undefined MODULE.bazel.lock:12',
      'pkg:bazel/googletest@1.14.0 true dev MODULE.bazel:1',
      'pkg:bazel/platforms@1.0.0 false undefined MODULE.bazel.lock:16',
      'pkg:bazel/rules_cc@0.2.16 true undefined MODULE.bazel.lock:19',
      'pkg:bazel/rules_cc@0.2.16 true prod MODULE.bazel:2',
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
