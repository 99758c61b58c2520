import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverContext, DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const fixture = (...path: string[]) => readFileSync(join(import.meta.dirname, '__fixtures__', ...path), 'utf8')

/** A tree of files by path; folders are listed from the paths. */
function tree(files: Record<string, string> = {}): DiscoverContext {
  return {
    readText: (file) => files[file] ?? null,
    exists: (file) => Object.hasOwn(files, file),
    listDir(dir) {
      const prefix = dir === '.' ? '' : `${dir}/`
      const names = new Set<string>()
      for (const path of Object.keys(files))
        if (path.startsWith(prefix)) names.add(path.slice(prefix.length).split('/')[0])
      return names.size === 0 ? null : [...names].sort()
    },
  }
}

function discover(text: string, file = 'vcpkg.json', context: DiscoverContext = tree()) {
  return discoverer.discover({file, text}, context) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line}:${c.locations[0].column} ${c.scope ?? '-'} ${c.ref}${c.version ? ` @${c.version}` : ''} -> ${c.local ? 'local' : c.purl}`,
  )
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line ?? '-'} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

const ARROW = '3d8f78171a2a37d461077bf8d063256b63e25a4f'
const DUCK = 'ce613c41372b23b1f51333815feb3edd87ef8a8b'
const DUCK_PORTS = '3c7b96fa186c27eae2226a1b5b292f2b2dd3cf8f'
const SHA = 'a'.repeat(40)
const SHA2 = 'b'.repeat(40)

describe('vcpkg', () => {
  it('claims vcpkg.json and vcpkg-configuration.json anywhere, not what vcpkg installs or unpacks', () => {
    expect(
      [
        'vcpkg.json',
        'a/b/vcpkg.json',
        'vcpkg-configuration.json',
        'ci/vcpkg-configuration.json',
        'vcpkg_installed/x64-linux/share/zlib/vcpkg.json',
        'vcpkg/buildtrees/fmt/src/vcpkg.json',
        'node_modules/x/vcpkg.json',
        'my-vcpkg.json',
        'vcpkg.json.bak',
        'vcpkg.spdx.json',
      ].map(discoverer.matches),
    ).toEqual([true, true, true, true, false, false, false, false, false, false])
  })

  it('identifies a manifest or configuration on standard input by its schema or baseline keys', () => {
    const identify = discoverer.identify as (head: string) => boolean
    expect(identify(fixture('apache-arrow', 'vcpkg.json'))).toBe(true)
    expect(identify(fixture('scope-action-cpp', 'vcpkg-configuration.json'))).toBe(true)
    expect(identify('{"dependencies": ["zlib"]}')).toBe(false)
    expect(identify('{"name": "x", "version": "1.0.0"}')).toBe(false)
  })

  it('lists the ports of a real manifest at its builtin baseline, the override pinning gtest (apache/arrow)', () => {
    const out = discover(fixture('apache-arrow', 'vcpkg.json'), 'cpp/vcpkg.json')
    expect(out.errors).toEqual([])
    const at = `pkg:vcpkg/%s?repository_revision=${ARROW}`
    expect(rows(out)).toEqual([
      // The builtin baseline first: microsoft/vcpkg at that commit.
      `57:23 prod builtin@${ARROW} @${ARROW} -> pkg:generic/github.com/microsoft/vcpkg@${ARROW}?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fmicrosoft%2Fvcpkg%40${ARROW}`,
      ...[
        [5, 5, 'abseil'],
        [7, 15, 'aws-sdk-cpp'],
        [17, 5, 'benchmark'],
        [18, 5, 'boost-crc'],
        [19, 5, 'boost-filesystem'],
        [20, 5, 'boost-multiprecision'],
        [21, 5, 'boost-process'],
        [22, 5, 'boost-system'],
        [23, 5, 'brotli'],
        [24, 5, 'bzip2'],
        [25, 5, 'c-ares'],
        [26, 5, 'curl'],
        [27, 5, 'flatbuffers'],
        [28, 5, 'gflags'],
        [29, 5, 'glog'],
      ].map(([line, column, name]) => `${line}:${column} prod ${name} -> ${at.replace('%s', String(name))}`),
      // `"name":"google-cloud-cpp"`, no space after the colon; `version>=` is a minimum: no version.
      `31:14 prod google-cloud-cpp version>=1.32.1 -> pkg:vcpkg/google-cloud-cpp?repository_revision=${ARROW}`,
      `38:5 prod grpc -> pkg:vcpkg/grpc?repository_revision=${ARROW}`,
      // The override wins: gtest 1.10.0 port-version 4, located at the override's version.
      `55:35 prod gtest @1.10.0 -> pkg:vcpkg/gtest@1.10.0?port_version=4&repository_revision=${ARROW}`,
      ...[
        [40, 'lz4'],
        [41, 'openssl'],
        [42, 'orc'],
        [43, 'protobuf'],
        [44, 'rapidjson'],
        [45, 're2'],
        [46, 'snappy'],
        [47, 'sqlite3'],
        [48, 'thrift'],
        [49, 'utf8proc'],
        [50, 'xsimd'],
        [51, 'zlib'],
        [52, 'zstd'],
      ].map(([line, name]) => `${line}:5 prod ${name} -> ${at.replace('%s', String(name))}`),
    ])
    expect(out.components.every((c) => c.ecosystem === (c.ref.startsWith('builtin@') ? 'generic' : 'vcpkg'))).toBe(true)
    expect(out.components.every((c) => c.direct === true)).toBe(true)
    expect(skips(out)).toEqual([
      "- unresolved-version 30 ports are listed without a version: vcpkg takes each at its registry's baseline (or the higher `version>=`), which the registry holds, not this file; an `overrides` entry pins one",
    ])
  })

  it("takes a port from the git registry whose packages name it, the rest from the builtin baseline (duckdb-spatial's embedded configuration)", () => {
    const out = discover(fixture('duckdb-spatial', 'vcpkg.json'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      // The registries first: the embedded configuration's git registry, then the builtin baseline.
      `40:23 prod https://github.com/duckdb/vcpkg-duckdb-ports @${DUCK_PORTS} -> pkg:generic/github.com/duckdb/vcpkg-duckdb-ports@${DUCK_PORTS}?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fduckdb%2Fvcpkg-duckdb-ports%40${DUCK_PORTS}`,
      `46:23 prod builtin@${DUCK} @${DUCK} -> pkg:generic/github.com/microsoft/vcpkg@${DUCK}?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fmicrosoft%2Fvcpkg%40${DUCK}`,
      `3:5 prod vcpkg-cmake -> pkg:vcpkg/vcpkg-cmake?repository_revision=${DUCK_PORTS}&repository_url=https%3A%2F%2Fgithub.com%2Fduckdb%2Fvcpkg-duckdb-ports`,
      `4:5 prod openssl -> pkg:vcpkg/openssl?repository_revision=${DUCK}`,
      `5:5 prod zlib -> pkg:vcpkg/zlib?repository_revision=${DUCK}`,
      `6:5 prod geos -> pkg:vcpkg/geos?repository_revision=${DUCK}`,
      `7:5 prod expat -> pkg:vcpkg/expat?repository_revision=${DUCK}`,
      `9:15 prod sqlite3 -> pkg:vcpkg/sqlite3?repository_revision=${DUCK}`,
      `14:15 prod proj version>=9.1.1 -> pkg:vcpkg/proj?repository_revision=${DUCK}`,
      // `"platform": "!wasm32 & !ios & !android"`: not evaluated, listed.
      `19:15 prod curl -> pkg:vcpkg/curl?repository_revision=${DUCK}`,
      `25:15 prod gdal version>=3.8.5 -> pkg:vcpkg/gdal?repository_revision=${DUCK}`,
    ])
    expect(skips(out)).toEqual([
      "- unresolved-version 9 ports are listed without a version: vcpkg takes each at its registry's baseline (or the higher `version>=`), which the registry holds, not this file; an `overrides` entry pins one",
    ])
  })

  it("reads a port's manifest: host tools dev, features optional unless default, itself not listed (microsoft/vcpkg's libzip)", () => {
    const out = discover(fixture('vcpkg-libzip', 'vcpkg.json'), 'ports/libzip/vcpkg.json')
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '10:15 dev vcpkg-cmake -> pkg:vcpkg/vcpkg-cmake',
      '14:15 dev vcpkg-cmake-config -> pkg:vcpkg/vcpkg-cmake-config',
      '17:5 prod zlib -> pkg:vcpkg/zlib',
      // `bzip2` is one of the manifest's default-features; `default-aes` only names libzip itself.
      '27:9 prod bzip2 -> pkg:vcpkg/bzip2',
      '65:9 optional liblzma -> pkg:vcpkg/liblzma',
      '71:9 optional mbedtls -> pkg:vcpkg/mbedtls',
      '77:9 optional openssl -> pkg:vcpkg/openssl',
      '86:9 optional zstd -> pkg:vcpkg/zstd',
    ])
    expect(skips(out)).toEqual([
      '- unresolved-version 8 ports are listed without a version: no registry baseline applies (no builtin-baseline nor default-registry), so vcpkg takes the ports of the vcpkg checkout it runs from, whatever commit that is; an `overrides` entry pins one',
    ])
  })

  it('passes over the ports of a registry or vcpkg checkout in the tree, not an overlay port of the project', () => {
    const text = fixture('vcpkg-libzip', 'vcpkg.json')
    const checkout = tree({'vcpkg/.vcpkg-root': '', 'vcpkg/ports/libzip/vcpkg.json': text})
    expect(discover(text, 'vcpkg/ports/libzip/vcpkg.json', checkout)).toEqual({components: [], skipped: [], errors: []})
    const registry = tree({'versions/baseline.json': '{}', 'ports/libzip/vcpkg.json': text})
    expect(discover(text, 'ports/libzip/vcpkg.json', registry).components).toEqual([])
    expect(discover(text, 'ports/libzip/vcpkg.json', tree({'ports/libzip/vcpkg.json': text})).components).toHaveLength(
      8,
    )
    // An overlay port (cemu-project/Cemu's dependencies/vcpkg_overlay_ports/wxwidgets): its dependencies are the port's,
    // installed at the baseline of the project that depends on it.
    const overlay = discover(
      text,
      'deps/overlay/libzip/vcpkg.json',
      tree({'deps/overlay/libzip/vcpkg.json': text, 'deps/overlay/libzip/portfile.cmake': ''}),
    )
    expect(overlay.components.map((c) => c.direct)).toEqual(Array(8).fill(false))
    expect(skips(overlay)).toEqual([
      "- unresolved-version 8 ports are listed without a version: this is a port's manifest (portfile.cmake beside it), whose dependencies vcpkg installs at the baseline of the project that depends on the port, which this file does not name",
    ])
  })

  it("lists a configuration file's builtin registry, reports its artifact registry; the manifest beside takes its baseline (sjinks/scope-action-cpp)", () => {
    const config = fixture('scope-action-cpp', 'vcpkg-configuration.json')
    const manifest = fixture('scope-action-cpp', 'vcpkg.json')
    const files = {'vcpkg.json': manifest, 'vcpkg-configuration.json': config}
    const out = discover(config, 'vcpkg-configuration.json', tree(files))
    expect(out.errors).toEqual([])
    const base = '84bab45d415d22042bd0b9081aea57f362da3f35'
    expect(rows(out)).toEqual([
      `5:17 prod builtin@${base} @${base} -> pkg:generic/github.com/microsoft/vcpkg@${base}?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fmicrosoft%2Fvcpkg%40${base}`,
    ])
    expect(skips(out)).toEqual([
      '8 unsupported registries[0]: an artifact registry (https://github.com/microsoft/vcpkg-ce-catalog/archive/refs/heads/main.zip) holds vcpkg-artifacts (tools and SDKs `vcpkg activate` fetches), not ports: not read',
    ])
    const ports = discover(manifest, 'vcpkg.json', tree(files))
    expect(ports.errors).toEqual([])
    // The configuration's registries are its own file's: not listed again from the manifest.
    expect(rows(ports)).toEqual([`4:5 prod gtest -> pkg:vcpkg/gtest?repository_revision=${base}`])
  })

  it('chooses a registry as vcpkg does: an exact name, then the longest prefix, the first written on a tie', () => {
    const text = JSON.stringify(
      {
        dependencies: ['zlib', 'acme-core', 'acme-net-http', 'acme-ui', 'other', 'fs-lib'],
        'vcpkg-configuration': {
          'default-registry': {kind: 'git', repository: 'https://github.com/microsoft/vcpkg.git', baseline: SHA},
          registries: [
            {
              kind: 'git',
              repository: 'https://git.example.com/one.git',
              baseline: SHA2,
              packages: ['acme-*', 'acme-ui'],
            },
            {
              kind: 'git',
              repository: 'https://git.example.com/two.git',
              baseline: SHA2,
              packages: ['acme-net-*', 'acme-*'],
            },
            {kind: 'filesystem', path: '/srv/registry', packages: ['fs-*']},
          ],
        },
      },
      null,
      1,
    )
    const out = discover(text)
    expect(out.errors).toEqual([])
    const purls = Object.fromEntries(
      out.components.filter((c) => c.ecosystem === 'vcpkg').map((c) => [c.name, c.local ? 'local' : c.purl]),
    )
    const one = 'repository_url=https%3A%2F%2Fgit.example.com%2Fone.git'
    const two = 'repository_url=https%3A%2F%2Fgit.example.com%2Ftwo.git'
    expect(purls).toEqual({
      // The default registry is microsoft/vcpkg itself: no repository_url.
      zlib: `pkg:vcpkg/zlib?repository_revision=${SHA}`,
      'acme-core': `pkg:vcpkg/acme-core?repository_revision=${SHA2}&${one}`,
      'acme-net-http': `pkg:vcpkg/acme-net-http?repository_revision=${SHA2}&${two}`,
      'acme-ui': `pkg:vcpkg/acme-ui?repository_revision=${SHA2}&${one}`,
      other: `pkg:vcpkg/other?repository_revision=${SHA}`,
      'fs-lib': 'local',
    })
    expect(rows(out).slice(0, 3)).toEqual([
      `13:18 prod https://github.com/microsoft/vcpkg.git @${SHA} -> pkg:generic/github.com/microsoft/vcpkg@${SHA}?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fmicrosoft%2Fvcpkg.git%40${SHA}`,
      `19:19 prod https://git.example.com/one.git @${SHA2} -> pkg:generic/git.example.com/one@${SHA2}?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Fone.git%40${SHA2}`,
      `28:19 prod https://git.example.com/two.git @${SHA2} -> pkg:generic/git.example.com/two@${SHA2}?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Ftwo.git%40${SHA2}`,
    ])
    expect(skips(out)[0]).toBe(
      '37 unsupported vcpkg-configuration.registries[2]: a filesystem registry (/srv/registry) is a folder on the machine, not a repository anyone publishes: not listed, and its ports are listed as local',
    )
  })

  it('never shows credentials of a registry URL; a repository on this machine is reported, its ports local', () => {
    const text = `{
  "dependencies": ["secret-lib", "mine"],
  "vcpkg-configuration": {
    "registries": [
      {"kind": "git", "repository": "https://user:hunter2@git.example.com/reg.git", "baseline": "${SHA}", "packages": ["secret-lib"]},
      {"kind": "git", "repository": "../local-registry", "baseline": "${SHA}", "packages": ["mine"]}
    ]
  }
}`
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(JSON.stringify(out)).not.toContain('hunter2')
    expect(JSON.stringify(out)).not.toContain('user:')
    expect(rows(out)).toEqual([
      `5:37 prod https://git.example.com/reg.git @${SHA} -> pkg:generic/git.example.com/reg@${SHA}?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Freg.git%40${SHA}`,
      `2:20 prod secret-lib -> pkg:vcpkg/secret-lib?repository_revision=${SHA}&repository_url=https%3A%2F%2Fgit.example.com%2Freg.git`,
      '2:34 prod mine -> local',
    ])
    expect(skips(out)).toEqual([
      '6 unsupported vcpkg-configuration.registries[1]: the git repository "../local-registry" is on this machine, not one anyone publishes: not listed, and its ports are listed as local',
      "- unresolved-version 1 port is listed without a version: vcpkg takes each at its registry's baseline (or the higher `version>=`), which the registry holds, not this file; an `overrides` entry pins one",
    ])
  })

  it('reads every form of override; an override of a port not named is not listed', () => {
    const text = `{
  "name": "example-app",
  "version": "1.0.0",
  "dependencies": ["a", "b", "c", {"name": "d", "version>=": "2.0#1"}, "e"],
  "overrides": [
    {"name": "a", "version": "1.2.3"},
    {"name": "b", "version-semver": "2.0.0-rc.1", "port-version": 3},
    {"name": "c", "version-date": "2024-01-15#2"},
    {"name": "d", "version-string": "vendor-7", "port-version": 0},
    {"name": "transitive", "version": "9"}
  ],
  "builtin-baseline": "${SHA}"
}`
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      `12:23 prod builtin@${SHA} @${SHA} -> pkg:generic/github.com/microsoft/vcpkg@${SHA}?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fmicrosoft%2Fvcpkg%40${SHA}`,
      `6:30 prod a @1.2.3 -> pkg:vcpkg/a@1.2.3?repository_revision=${SHA}`,
      `7:37 prod b @2.0.0-rc.1 -> pkg:vcpkg/b@2.0.0-rc.1?port_version=3&repository_revision=${SHA}`,
      `8:35 prod c @2024-01-15 -> pkg:vcpkg/c@2024-01-15?port_version=2&repository_revision=${SHA}`,
      `9:37 prod d version>=2.0#1 @vendor-7 -> pkg:vcpkg/d@vendor-7?repository_revision=${SHA}`,
      `4:72 prod e -> pkg:vcpkg/e?repository_revision=${SHA}`,
    ])
  })

  it('reports configuration conflicts as vcpkg does', () => {
    const embedded = (extra: string) =>
      `{"dependencies": ["zlib"], ${extra}"vcpkg-configuration": {"default-registry": {"kind": "builtin", "baseline": "${SHA}"}}}`
    // builtin-baseline with an embedded default-registry: vcpkg refuses the manifest.
    expect(errors(discover(embedded(`"builtin-baseline": "${SHA2}", `)))).toEqual([
      '1:48 invalid-entry builtin-baseline and `vcpkg-configuration.default-registry` are both set: vcpkg refuses the manifest (one baseline for the default registry)',
    ])
    // Embedded and beside: vcpkg stops; the embedded one is read.
    const both = discover(embedded(''), 'app/vcpkg.json', tree({'app/vcpkg-configuration.json': '{}'}))
    expect(both.errors).toEqual([])
    expect(skips(both)[0]).toBe(
      '1 unsupported the configuration is both embedded (`vcpkg-configuration`) and in vcpkg-configuration.json beside it: vcpkg stops ("Ambiguous vcpkg configuration"); the embedded one is read',
    )
    // builtin-baseline with a default-registry beside it: that one is used, the baseline not listed.
    const beside = tree({
      'vcpkg-configuration.json': `{"default-registry": {"kind": "git", "repository": "https://git.example.com/r", "baseline": "${SHA2}"}}`,
    })
    const out = discover(`{"dependencies": ["zlib"], "builtin-baseline": "${SHA}"}`, 'vcpkg.json', beside)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      `1:19 prod zlib -> pkg:vcpkg/zlib?repository_revision=${SHA2}&repository_url=https%3A%2F%2Fgit.example.com%2Fr`,
    ])
    expect(skips(out)[0]).toBe(
      '1 unsupported builtin-baseline is not used: vcpkg-configuration.json sets the default-registry, which vcpkg takes instead (it warns so)',
    )
    // `"default-registry": null`: no default registry; a port no registry names comes from none. With a
    // builtin-baseline too, vcpkg refuses the manifest (null is a default-registry written).
    const none = discover(`{"dependencies": ["zlib"], "vcpkg-configuration": {"default-registry": null}}`)
    expect(none.errors).toEqual([])
    expect(rows(none)).toEqual(['1:19 prod zlib -> pkg:vcpkg/zlib'])
    expect(skips(none)).toEqual([
      "- unresolved-version 1 port is listed without a version: `default-registry` is null and no registry's `packages` names it: vcpkg finds it in no registry",
    ])
  })

  it('marks the ports of overlay folders local, and reports an overlay outside the tree', () => {
    const text = `{
  "dependencies": ["patched", "single", "zlib"],
  "vcpkg-configuration": {"overlay-ports": ["./overlays", "ports/single", "/opt/ports", "../../elsewhere"]},
  "builtin-baseline": "${SHA}"
}`
    const files = {
      'app/vcpkg.json': text,
      'app/overlays/patched/vcpkg.json': '{"name": "patched"}',
      'app/overlays/README.md': '',
      'app/ports/single/portfile.cmake': '',
      'app/ports/single/vcpkg.json': '{"name": "single"}',
    }
    const out = discover(text, 'app/vcpkg.json', tree(files))
    expect(out.errors).toEqual([])
    expect(rows(out).slice(1)).toEqual([
      '2:20 prod patched -> local',
      '2:31 prod single -> local',
      `2:41 prod zlib -> pkg:vcpkg/zlib?repository_revision=${SHA}`,
    ])
    expect(skips(out).slice(0, 2)).toEqual([
      '3 unsupported overlay-ports "/opt/ports" is outside the scanned tree: the ports it holds (which vcpkg takes before any registry\'s) are not known',
      '3 unsupported overlay-ports "../../elsewhere" is outside the scanned tree: the ports it holds (which vcpkg takes before any registry\'s) are not known',
    ])
  })

  it('reports entries the schema does not allow at their line and column, and reads the rest', () => {
    const text = `{
  "dependencies": [
    42,
    {"features": ["x"]},
    "Not_A_Port",
    {"name": "ok-one", "host": "yes"},
    {"name": "ok-two", "version>=": ""},
    {"name": "ok-three", "platform": 7},
    ["zlib"],
    "fine"
  ],
  "features": {"extra": {"description": "x", "dependencies": "zstd"}, "bad": 3},
  "default-features": "extra",
  "overrides": [
    {"name": "fine"},
    {"name": "fine", "version": "1", "version-string": "1"},
    {"name": "fine", "version": "1#x"},
    {"name": "fine", "version": "1", "port-version": -1},
    {"name": "fine", "version": "1"},
    {"name": "fine", "version": "2"},
    "fine"
  ],
  "builtin-baseline": "main",
  "vcpkg-configuration": {
    "registries": [
      {"kind": "git", "repository": "https://git.example.com/r", "packages": ["x"]},
      {"kind": "git", "repository": "not a url", "baseline": "${SHA}", "packages": ["x"]},
      {"kind": "svn", "packages": ["x"]},
      {"kind": "builtin", "baseline": "${SHA}"},
      {"kind": "builtin", "baseline": "${SHA}", "packages": ["Bad"]},
      "builtin"
    ],
    "overlay-ports": [3]
  }
}`
    const out = discover(text)
    expect(errors(out)).toEqual([
      '26:7 invalid-entry vcpkg-configuration.registries[0]: a git registry needs a `baseline`: a commit (40 hexadecimal digits)',
      '27:37 invalid-entry vcpkg-configuration.registries[1]: `repository` "not a url" is not a repository URL',
      '28:16 invalid-entry vcpkg-configuration.registries[2]: `kind` must be "builtin", "git", "filesystem" or "artifact"',
      '29:7 invalid-entry vcpkg-configuration.registries[3]: `packages` must be a list of port names or `prefix*` patterns',
      '30:96 invalid-entry vcpkg-configuration.registries[4]: `packages`: a string is not a port name or `prefix*` pattern',
      '31:7 invalid-entry vcpkg-configuration.registries[5]: must be an object, not a string',
      '33:23 invalid-entry vcpkg-configuration.overlay-ports[0] must be a path, not a number (3)',
      '23:23 invalid-entry builtin-baseline must be a commit of microsoft/vcpkg (40 hexadecimal digits)',
      '15:5 invalid-entry overrides[0]: exactly one of `version`, `version-semver`, `version-date`, `version-string` must be written',
      '16:5 invalid-entry overrides[1]: exactly one of `version`, `version-semver`, `version-date`, `version-string` must be written',
      '17:33 invalid-entry overrides[2]: `version` must be a version (`1.2.3`, `1.2.3#1`)',
      '18:54 invalid-entry overrides[3]: `port-version` must be a non-negative integer',
      '20:14 invalid-entry overrides[5]: fine is overridden twice',
      '21:5 invalid-entry overrides[6] must be an object, not a string',
      '13:23 invalid-entry default-features must be a list, not a string',
      '3:5 invalid-entry dependencies[0]: a dependency is a port name or an object with a `name`, not a number (42)',
      '4:5 invalid-entry dependencies[1]: a dependency object needs a `name` (a port name)',
      '5:5 invalid-entry dependencies[2]: "Not_A_Port" is not a port name',
      '6:32 invalid-entry dependencies[3]: `host` must be true or false, not a string',
      '7:37 invalid-entry dependencies[4]: `version>=` must be a version (`1.2.3`, `1.2.3#1`)',
      '8:38 invalid-entry dependencies[5]: `platform` must be a platform expression (a string), not a number (7)',
      '9:5 invalid-entry dependencies[6]: a dependency is a port name or an object with a `name`, not a list',
      '12:62 invalid-entry features.extra.dependencies must be a list, not a string',
      '12:78 invalid-entry features.bad must be an object, not a number (3)',
    ])
    // The one valid dependency, at the version of its first override.
    expect(rows(out)).toEqual(['19:33 prod fine @1 -> pkg:vcpkg/fine@1'])
  })

  it('gives a clear error for what is not JSON or not an object, and no error for an empty manifest', () => {
    expect(errors(discover('{"dependencies": [}'))).toEqual(['1:19 json-syntax invalid JSON: a value expected'])
    expect(errors(discover('// comment\n{}'))).toEqual([
      '1:1 json-syntax invalid JSON: a comment, which JSON does not allow',
    ])
    expect(errors(discover('["zlib"]'))).toEqual(['1:1 invalid-entry a vcpkg file must be a JSON object, not a list'])
    expect(errors(discover('{"dependencies": ["a"], "dependencies": ["b"]}'))).toEqual([
      '1:25 json-duplicate-key JSON duplicate key "dependencies"',
    ])
    expect(discover('{}')).toEqual({components: [], skipped: [], errors: []})
    expect(discover('{"$comment": "x", "name": "example"}')).toEqual({components: [], skipped: [], errors: []})
  })

  it('stays linear on hostile input: many dependencies and patterns, deep nesting', () => {
    const names = Array.from({length: 20_000}, (_, i) => `p${i}`)
    const patterns = Array.from({length: 2_000}, (_, i) => `${'q'.repeat(i % 200)}x${i}-*`)
    const text = JSON.stringify({
      dependencies: names,
      overrides: names.slice(0, 1000).map((name) => ({name, version: '1'})),
      'vcpkg-configuration': {
        registries: [{kind: 'git', repository: 'https://git.example.com/r', baseline: SHA, packages: patterns}],
      },
    })
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(out.components).toHaveLength(20_001)
    const deep = `{"dependencies": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`
    expect(errors(discover(deep))[0]).toMatch(/json-too-deep/)
  })
})
