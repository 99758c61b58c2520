// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {bytesToSniff} from '../../sniff.js'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'
import {readCommands} from './syntax.js'

function discover(text: string, file = 'CMakeLists.txt') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}
const fixture = (path: string) => readFileSync(join(import.meta.dirname, '__fixtures__', path), 'utf8')

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) => `${c.locations[0].line}:${c.locations[0].column} ${c.name}${c.version ? `@${c.version}` : ''} ${c.ref}`,
  )
const purls = (out: Required<DiscoverOutput>) => out.components.map((c) => c.purl)
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

describe('cmake', () => {
  it('claims CMakeLists.txt and *.cmake outside build trees, not templates nor the cache', () => {
    expect(
      [
        'CMakeLists.txt',
        'src/CMakeLists.txt',
        'cmake/deps.cmake',
        'third_party/x/CMakeLists.txt',
        'build/_deps/fmt-src/CMakeLists.txt',
        'build/CMakeFiles/3.28.0/CMakeSystem.cmake',
        'build/zlib-prefix/src/zlib/CMakeLists.txt',
        'cmake/Config.cmake.in',
        'CMakeLists.txt.in',
        'CMakeCache.txt',
        'cmake/mongoose.CMakeLists.txt',
      ].map(discoverer.matches),
    ).toEqual([true, true, true, true, false, false, false, false, false, false, false])
  })

  it('takes every CMakeLists.txt, and a .cmake module only when it calls a fetching command, past its head too', () => {
    const sniff = (name: string, text: string) =>
      discoverer.sniff?.(text.slice(0, 100), undefined, bytesToSniff(name, new TextEncoder().encode(text)))
    // Every CMakeLists.txt by its name alone (no sniff); modules by what they call.
    expect(['CMakeLists.txt', 'a/CMakeLists.txt', 'cmake/x.cmake'].map((f) => discoverer.named?.(f))).toEqual([
      true,
      true,
      false,
    ])
    expect(sniff('cmake/clear_variable.cmake', fixture('cpr/cmake/clear_variable.cmake'))).toBe(false)
    expect(sniff('cmake/zlib_external.cmake', fixture('cpr/cmake/zlib_external.cmake'))).toBe(true)
    expect(sniff('cmake/late.cmake', `${'# filler\n'.repeat(20_000)}cpmaddpackage("gh:o/r#v1")\n`)).toBe(true)
    // CPM.cmake itself, or a copy of CMake's modules, defines the commands: their calls forward their callers'.
    const implementation = 'function(CPMAddPackage)\n  FetchContent_Declare(${ARGN})\nendfunction()\n'
    expect(sniff('cmake/CPM.cmake', implementation)).toBe(false)
    expect(sniff('cmake/CPM.cmake', `${'# filler\n'.repeat(20_000)}${implementation}`)).toBe(false)
    expect(discover(implementation, 'cmake/CPM.cmake')).toEqual({components: [], skipped: [], errors: []})
  })

  it('lists the CPM.cmake examples: shorthand with a tag, with a version (tag v<VERSION>), keyword form, a release URL', () => {
    const fmt = discover(fixture('cpm-examples/fmt/CMakeLists.txt'))
    expect(rows(fmt)).toEqual(['9:16 github.com/fmtlib/fmt@7.1.3 gh:fmtlib/fmt#7.1.3'])
    expect(purls(fmt)).toEqual([
      'pkg:generic/github.com/fmtlib/fmt@7.1.3?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Ffmtlib%2Ffmt.git%407.1.3',
    ])
    const gtest = discover(fixture('cpm-examples/gtest/CMakeLists.txt'))
    expect(rows(gtest)).toEqual([
      '9:16 github.com/cpm-cmake/testpack-fibonacci@v2.0 gh:cpm-cmake/testpack-fibonacci@2.0',
      '13:21 github.com/google/googletest@release-1.12.1 https://github.com/google/googletest.git@release-1.12.1',
    ])
    const boost = discover(fixture('cpm-examples/boost/CMakeLists.txt'))
    expect(rows(boost)).toEqual([
      '17:7 github.com/boostorg/boost@boost-1.86.0 https://github.com/boostorg/boost/releases/download/boost-1.86.0/boost-1.86.0-cmake.tar.xz',
    ])
    for (const out of [fmt, gtest, boost]) {
      expect(out.errors).toEqual([])
      expect(out.skipped).toEqual([])
      expect(out.components.every((c) => c.scope === 'prod' && c.direct && c.origin === 'manifest')).toBe(true)
    }
  })

  it("lists cpr's FetchContent archives as their GitHub repositories at the ref, whatever if() surrounds them", () => {
    const out = discover(fixture('cpr/CMakeLists.txt'))
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '309:35 github.com/curl/curl@curl-8_13_0 https://github.com/curl/curl/releases/download/curl-8_13_0/curl-8.13.0.tar.xz',
      '343:53 github.com/google/googletest@v1.14.0 https://github.com/google/googletest/archive/refs/tags/v1.14.0.tar.gz',
      '385:49 github.com/cesanta/mongoose@7.7 https://github.com/cesanta/mongoose/archive/7.7.tar.gz',
    ])
    expect(rows(discover(fixture('cpr/cmake/zlib_external.cmake'), 'cmake/zlib_external.cmake'))).toEqual([
      '12:36 github.com/zlib-ng/zlib-ng@2.1.3 https://github.com/zlib-ng/zlib-ng@2.1.3',
    ])
    expect(rows(discover(fixture('cpr/cmake/libpsl.cmake'), 'cmake/libpsl.cmake'))).toEqual([
      '11:48 github.com/rockdaboot/libpsl@0.21.5 https://github.com/rockdaboot/libpsl.git@0.21.5',
    ])
  })

  it("lists the cookbook's ExternalProject downloads: a URL off any forge, a branch said to move", () => {
    const fftw = discover(fixture('cmake-cookbook/fftw3/CMakeLists.txt'))
    expect(rows(fftw)).toEqual(['13:7 www.fftw.org/fftw-3.3.8.tar.gz http://www.fftw.org/fftw-3.3.8.tar.gz'])
    expect(purls(fftw)).toEqual([
      'pkg:generic/www.fftw.org/fftw-3.3.8.tar.gz?download_url=http%3A%2F%2Fwww.fftw.org%2Ffftw-3.3.8.tar.gz',
    ])
    expect(fftw.skipped).toEqual([])
    const message = discover(fixture('cmake-cookbook/message/CMakeLists.txt'))
    expect(rows(message)).toEqual(['13:7 github.com/dev-cafe/message https://github.com/dev-cafe/message.git@master'])
    expect(skips(message)).toEqual([
      '15 unresolved-version ExternalProject_Add(message_external): GIT_TAG master names a branch: what is fetched moves with it; listed without a version',
    ])
    expect(message.errors).toEqual([])
  })

  it('reads the other CPM shorthands and keyword forms as cpm_parse_add_package_single_arg does', () => {
    const out = discover(
      [
        'CPMAddPackage("gl:team/tool@1.2#abc123")',
        'CPMAddPackage("bb:team/lib#v3")',
        'CPMAddPackage("https://git.example.com/a/b.git@2.0")',
        'CPMAddPackage("https://example.com/pkg.zip@1.2.3")',
        'CPMAddPackage(URI "gh:o/r@4.5" OPTIONS "X ON")',
        'CPMFindPackage(NAME n GITLAB_REPOSITORY g/h VERSION 1.0)',
        'CPMDeclarePackage(decl NAME decl GIT_TAG 0123456789abcdef0123456789abcdef01234567 GITHUB_REPOSITORY o/decl)',
        'CPMAddPackage(NAME onlyname VERSION 1)',
        'CPMAddPackage("fmt")',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '1:16 gitlab.com/team/tool@abc123 gl:team/tool@1.2#abc123',
      '2:16 bitbucket.org/team/lib@v3 bb:team/lib#v3',
      '3:16 git.example.com/a/b@v2.0 https://git.example.com/a/b.git@2.0',
      '4:16 example.com/pkg.zip@1.2.3 https://example.com/pkg.zip@1.2.3',
      '5:20 github.com/o/r@v4.5 gh:o/r@4.5',
      '6:41 gitlab.com/g/h@v1.0 https://gitlab.com/g/h.git@v1.0',
      '7:101 github.com/o/decl@0123456789abcdef0123456789abcdef01234567 https://github.com/o/decl.git@0123456789abcdef0123456789abcdef01234567',
    ])
    expect(purls(out)[3]).toBe('pkg:generic/example.com/pkg.zip@1.2.3?download_url=https%3A%2F%2Fexample.com%2Fpkg.zip')
    // A declaration (package-lock.cmake holds one for dependencies' dependencies too) does not say it is direct.
    expect(out.components.map((c) => c.direct)).toEqual([true, true, true, true, true, true, undefined])
    expect(skips(out)).toEqual([
      '8 unsupported CPMAddPackage(onlyname): names no repository nor URL (a CPMDeclarePackage, a package lock or find_package gives it): not listed',
    ])
    expect(errors(out)).toEqual([
      '9:16 invalid-entry CPMAddPackage: CPM cannot tell whether "fmt" is a git repository or an archive (it names no gh:, gl:, bb: or URL scheme, nor .git)',
    ])
  })

  it('says when a git dependency is not pinned: no GIT_TAG, a branch, an archive of a branch', () => {
    const out = discover(
      [
        'FetchContent_Declare(a GIT_REPOSITORY https://github.com/o/a.git)',
        'FetchContent_Declare(b GIT_REPOSITORY https://github.com/o/b.git GIT_TAG origin/main)',
        'FetchContent_Declare(c URL https://github.com/o/c/archive/refs/heads/main.zip)',
        'ExternalProject_Add(d GIT_REPOSITORY git@github.com:o/d.git GIT_TAG v1 GIT_SHALLOW TRUE)',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '1:39 github.com/o/a https://github.com/o/a.git',
      '2:39 github.com/o/b https://github.com/o/b.git@origin/main',
      '3:28 github.com/o/c https://github.com/o/c/archive/refs/heads/main.zip',
      '4:38 github.com/o/d@v1 git@github.com:o/d.git@v1',
    ])
    expect(purls(out)[3]).toBe(
      'pkg:generic/github.com/o/d@v1?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fo%2Fd.git%40v1',
    )
    expect(skips(out)).toEqual([
      '1 unresolved-version FetchContent_Declare(a): no GIT_TAG: the default branch of github.com/o/a is fetched, which moves; listed without a version',
      '2 unresolved-version FetchContent_Declare(b): GIT_TAG origin/main names a branch: what is fetched moves with it; listed without a version',
      '3 unresolved-version FetchContent_Declare(c): URL https://github.com/o/c/archive/refs/heads/main.zip is an archive of branch main: what is fetched moves with it; listed without a version',
    ])
  })

  it("names a gitlab.com source archive's repository and ref (libeigen/eigen's usual URL), its subgroups too", () => {
    const out = discover(
      [
        'FetchContent_Declare(Eigen URL https://gitlab.com/libeigen/eigen/-/archive/3.4.0/eigen-3.4.0.tar.gz)',
        'FetchContent_Declare(x URL https://gitlab.com/group/sub/tool/-/archive/master/tool-master.zip)',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '1:32 gitlab.com/libeigen/eigen@3.4.0 https://gitlab.com/libeigen/eigen/-/archive/3.4.0/eigen-3.4.0.tar.gz',
      '2:28 gitlab.com/group/sub/tool https://gitlab.com/group/sub/tool/-/archive/master/tool-master.zip',
    ])
    expect(purls(out)[0]).toBe(
      'pkg:generic/gitlab.com/libeigen/eigen@3.4.0?vcs_url=git%2Bhttps%3A%2F%2Fgitlab.com%2Flibeigen%2Feigen.git%403.4.0',
    )
    expect(skips(out).map((row) => row.split(':')[0])).toEqual(['2 unresolved-version FetchContent_Declare(x)'])
  })

  it('replaces ${VAR} only by a literal set() earlier in the file; anything else is reported, never guessed', () => {
    const out = discover(
      [
        'set(FMT_TAG "10.2.1")',
        'set(BASE https://github.com/fmtlib)',
        'FetchContent_Declare(fmt GIT_REPOSITORY ${BASE}/fmt.git GIT_TAG ${FMT_TAG})',
        'FetchContent_Declare(later GIT_REPOSITORY https://example.com/x.git GIT_TAG ${LATER})',
        'set(LATER v1)',
        'set(TWICE a)',
        'set(TWICE b)',
        'FetchContent_Declare(twice GIT_REPOSITORY https://example.com/t.git GIT_TAG ${TWICE})',
        'set(CACHED v2 CACHE STRING "")',
        'FetchContent_Declare(cached GIT_REPOSITORY https://example.com/c.git GIT_TAG ${CACHED})',
        'set(LISTED v3)',
        'list(APPEND LISTED more)',
        'FetchContent_Declare(listed GIT_REPOSITORY https://example.com/l.git GIT_TAG ${LISTED})',
        'FetchContent_Declare(env URL $ENV{MIRROR}/x.tar.gz)',
        'FetchContent_Declare(cache URL "$CACHE{MIRROR}/x.tar.gz")',
        'ExternalProject_Add(templated ${external_project_opt})',
        'ExternalProject_Add(local SOURCE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/vendor/x)',
        'FetchContent_Declare(file URL ${CMAKE_CURRENT_SOURCE_DIR}/third_party/x.zip)',
        'FetchContent_Declare(rel URL third_party/x.zip)',
        'FetchContent_Declare(svn SVN_REPOSITORY svn://example.com/x)',
        'FetchContent_Declare(parent GIT_REPOSITORY ../sibling.git GIT_TAG v1)',
        'FetchContent_Declare(genex URL $<$<CONFIG:Debug>:https://example.com/d.zip>)',
        'ExternalProject_Add(s3 URL s3://bucket/x.tar.gz)',
      ].join('\n'),
    )
    expect(rows(out)).toEqual(['3:41 github.com/fmtlib/fmt@10.2.1 https://github.com/fmtlib/fmt.git@10.2.1'])
    expect(skips(out)).toEqual([
      '4 unsupported FetchContent_Declare(later): GIT_TAG ${LATER} is known only when CMake runs (no literal set() of it earlier in this file): not listed',
      '8 unsupported FetchContent_Declare(twice): GIT_TAG ${TWICE} is known only when CMake runs (no literal set() of it earlier in this file): not listed',
      '10 unsupported FetchContent_Declare(cached): GIT_TAG ${CACHED} is known only when CMake runs (no literal set() of it earlier in this file): not listed',
      '13 unsupported FetchContent_Declare(listed): GIT_TAG ${LISTED} is known only when CMake runs (no literal set() of it earlier in this file): not listed',
      "14 unsupported FetchContent_Declare(env): URL $ENV{MIRROR} is the environment's, known only when CMake runs: not listed",
      "15 unsupported FetchContent_Declare(cache): URL $CACHE{MIRROR} is a cache entry's (-D, CMakeCache.txt), known only when CMake runs: not listed",
      '16 unsupported ExternalProject_Add(templated): its source may come from ${external_project_opt}, known only when CMake runs: not listed',
      '18 unsupported FetchContent_Declare(file): URL ${CMAKE_CURRENT_SOURCE_DIR} is known only when CMake runs (no literal set() of it earlier in this file): not listed',
      '19 unsupported FetchContent_Declare(rel): URL "third_party/x.zip" is a file on this machine, not a download: not listed',
      '20 unsupported FetchContent_Declare(svn): SVN_REPOSITORY: only git repositories and URLs are read; not listed',
      `21 unsupported FetchContent_Declare(parent): GIT_REPOSITORY "../sibling.git" is relative to the parent project's own remote (policy CMP0150), which the tree does not name: not listed`,
      '22 unsupported FetchContent_Declare(genex): URL $<$<CONFIG:Debug>:https://example.com/d.zip> is a generator expression, known only when the build is generated: not listed',
      '23 unsupported ExternalProject_Add(s3): URL "s3://bucket/x.tar.gz": only http, https and ftp downloads are read; not listed',
    ])
    expect(out.errors).toEqual([])
  })

  it('reads the syntax: case, comments, bracket and quoted arguments, continuations, nested parentheses', () => {
    const out = discover(
      [
        '#[[ a bracket comment',
        'FetchContent_Declare(commented GIT_REPOSITORY https://example.com/no.git) ]]',
        'fetchcontent_declare ( "lower"  # a comment (with a parenthesis',
        '  GIT_REPOSITORY [=[https://example.com/bracket.git]=]',
        '  GIT_TAG "v\\',
        '1.0" #[[ inline ]] SOURCE_SUBDIR (nested (parens)))',
        'if(TRUE) FetchContent_Declare(same-line URL "https://example.com/a.tgz;https://mirror.example.com/a.tgz")',
        'endif()',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '4:21 example.com/bracket@v1.0 https://example.com/bracket.git@v1.0',
      '7:46 example.com/a.tgz https://example.com/a.tgz',
    ])
    // CMake refuses a second command on a line: said, and read on.
    expect(errors(out)).toEqual(['7:10 invalid-entry if(…) is followed by more than a comment on its line'])
  })

  it('reports malformed invocations at their line and column, and reads the rest of the file', () => {
    const out = discover(
      [
        'FetchContent_Declare(ok GIT_REPOSITORY https://example.com/ok.git GIT_TAG v1)',
        'message(bad\\q)',
        ') stray',
        'FetchContent_Declare(x GIT_REPOSITORY "not a url")',
        'FetchContent_Declare()',
        'CPMAddPackage("gh:o/after#v2")',
        'FetchContent_Declare(y URL https://example.com)',
        'FetchContent_Declare(open GIT_REPOSITORY https://example.com/open.git',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '1:40 example.com/ok@v1 https://example.com/ok.git@v1',
      '6:16 github.com/o/after@v2 gh:o/after#v2',
    ])
    expect(errors(out)).toEqual([
      '2:12 invalid-entry message (at 2:1): an invalid escape sequence \\q',
      '3:1 invalid-entry not a command invocation (")")',
      '5:1 invalid-entry FetchContent_Declare: names nothing',
      '7:28 invalid-entry FetchContent_Declare(y): URL "https://example.com" names no file to download',
      "8:21 invalid-entry FetchContent_Declare (at 8:1): a '(' that is never closed",
    ])
    // A GIT_REPOSITORY with no scheme is a path git takes as written (CMake's own tests write `GIT_REPOSITORY fake`):
    // said, no error.
    expect(out.skipped.map((x) => `${x.line} ${x.reason} ${x.message}`)).toContain(
      '4 unsupported FetchContent_Declare(x): GIT_REPOSITORY "not a url" names no repository URL: a path on this machine or relative to the parent project\'s remote (policy CMP0150), which the tree does not name: not listed',
    )
    // CMake's own variables are no hidden source: `BUILD_COMMAND ${CMAKE_COMMAND} --build .` with a SOURCE_DIR says nothing.
    expect(
      discover(
        'ExternalProject_Add(gen SOURCE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/gen BUILD_COMMAND ${CMAKE_COMMAND} --build .)\n',
      ),
    ).toEqual({components: [], skipped: [], errors: []})
    // A quoted argument runs over lines until its quote: one left open takes what follows, as CMake reads it; reading
    // starts again on the next line.
    const quoted = discover('set(X "open)\nCPMAddPackage("gh:o/b@1")\n')
    expect(errors(quoted)).toEqual(['2:24 invalid-entry set (at 1:1): a quoted argument that is never closed'])
    expect(rows(quoted)).toEqual(['2:16 github.com/o/b@v1 gh:o/b@1'])
    expect(errors(discover('#[[ never closed\nFetchContent_Declare(x URL https://example.com/x.zip)\n'))).toEqual([
      '1:1 invalid-entry a bracket comment that is never closed: the rest of the file is a comment',
    ])
  })

  it('stays linear on hostile input: unclosed commands on every line, a 1 MB argument, deep nesting', () => {
    const unclosed = 'f(\n'.repeat(50_000)
    const problems = readCommands(unclosed, () => {})
    // Each unclosed command is read to the end of the file; past the budget reading stops, said once.
    expect(problems.length).toBeLessThan(10)
    expect(problems.at(-1)?.message).toBe('too many malformed commands: the rest of the file is not read')
    let count = 0
    readCommands(`set(A ${'x'.repeat(1_000_000)})\n${'('.repeat(100_000)}`, () => count++)
    expect(count).toBe(1)
    const deep = discover(
      `FetchContent_Declare(d ${'('.repeat(10_000)}${')'.repeat(10_000)} URL https://example.com/d.zip)`,
    )
    expect(rows(deep)).toEqual(['1:20029 example.com/d.zip https://example.com/d.zip'])
  })

  it('identifies CMake text on standard input by cmake_minimum_required or a fetching command', () => {
    expect(discoverer.identify?.('cmake_minimum_required(VERSION 3.14)\nproject(x)\n')).toBe(true)
    expect(discoverer.identify?.('include(FetchContent)\nFetchContent_Declare(x URL https://e.com/x.zip)\n')).toBe(true)
    expect(discoverer.identify?.('project(x)\n')).toBe(false)
  })
})
