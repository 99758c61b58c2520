import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'

interface Row {
  ecosystem: string
  ref: string
  version?: string
  scope: string
  purl?: string
  locations: Array<{file: string; line: number}>
}

describe('inventory: vcpkg', () => {
  it('--json lists the ports of real vcpkg manifests and the registries they come from', async () => {
    // apache/arrow's cpp/vcpkg.json, duckdb/duckdb-spatial's vcpkg.json (a git registry embedded), and
    // sjinks/scope-action-cpp's vcpkg.json with its vcpkg-configuration.json (src/discover/formats/vcpkg/__fixtures__),
    // under the names vcpkg reads; microsoft/vcpkg's libzip port in a vcpkg checkout vendored in the tree.
    const fixtures = 'src/discover/formats/vcpkg/__fixtures__'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-vcpkg-'))
    for (const [from, to] of [
      ['apache-arrow/vcpkg.json', 'cpp/vcpkg.json'],
      ['duckdb-spatial/vcpkg.json', 'spatial/vcpkg.json'],
      ['scope-action-cpp/vcpkg.json', 'vcpkg.json'],
      ['scope-action-cpp/vcpkg-configuration.json', 'vcpkg-configuration.json'],
      // A port of the vcpkg checkout (its `.vcpkg-root`): what the registry offers, not a dependency.
      ['vcpkg-libzip/vcpkg.json', 'vcpkg/ports/libzip/vcpkg.json'],
    ]) {
      await mkdir(join(dir, dirname(to)), {recursive: true})
      await writeFile(join(dir, to), await readFile(join(fixtures, from), 'utf8'))
    }
    await writeFile(join(dir, 'vcpkg', '.vcpkg-root'), '')
    const json = await inventoryJson(dir)
    // Each file read once, by this format (none as a Kubernetes manifest); the checkout's port gives nothing.
    expect(json.files).toBe(5)
    const at = (c: Row) => `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line}`
    expect(
      (json.components as Row[])
        .map((c) => `${at(c)} ${c.ecosystem} ${c.ref}${c.version ? ` @${c.version}` : ''} ${c.scope}`)
        .sort(),
    ).toEqual([
      'cpp/vcpkg.json:17 vcpkg benchmark prod',
      'cpp/vcpkg.json:18 vcpkg boost-crc prod',
      'cpp/vcpkg.json:19 vcpkg boost-filesystem prod',
      'cpp/vcpkg.json:20 vcpkg boost-multiprecision prod',
      'cpp/vcpkg.json:21 vcpkg boost-process prod',
      'cpp/vcpkg.json:22 vcpkg boost-system prod',
      'cpp/vcpkg.json:23 vcpkg brotli prod',
      'cpp/vcpkg.json:24 vcpkg bzip2 prod',
      'cpp/vcpkg.json:25 vcpkg c-ares prod',
      'cpp/vcpkg.json:26 vcpkg curl prod',
      'cpp/vcpkg.json:27 vcpkg flatbuffers prod',
      'cpp/vcpkg.json:28 vcpkg gflags prod',
      'cpp/vcpkg.json:29 vcpkg glog prod',
      'cpp/vcpkg.json:31 vcpkg google-cloud-cpp version>=1.32.1 prod',
      'cpp/vcpkg.json:38 vcpkg grpc prod',
      'cpp/vcpkg.json:40 vcpkg lz4 prod',
      'cpp/vcpkg.json:41 vcpkg openssl prod',
      'cpp/vcpkg.json:42 vcpkg orc prod',
      'cpp/vcpkg.json:43 vcpkg protobuf prod',
      'cpp/vcpkg.json:44 vcpkg rapidjson prod',
      'cpp/vcpkg.json:45 vcpkg re2 prod',
      'cpp/vcpkg.json:46 vcpkg snappy prod',
      'cpp/vcpkg.json:47 vcpkg sqlite3 prod',
      'cpp/vcpkg.json:48 vcpkg thrift prod',
      'cpp/vcpkg.json:49 vcpkg utf8proc prod',
      'cpp/vcpkg.json:5 vcpkg abseil prod',
      'cpp/vcpkg.json:50 vcpkg xsimd prod',
      'cpp/vcpkg.json:51 vcpkg zlib prod',
      'cpp/vcpkg.json:52 vcpkg zstd prod',
      'cpp/vcpkg.json:55 vcpkg gtest @1.10.0 prod',
      'cpp/vcpkg.json:57 generic builtin@3d8f78171a2a37d461077bf8d063256b63e25a4f @3d8f78171a2a37d461077bf8d063256b63e25a4f prod',
      'cpp/vcpkg.json:7 vcpkg aws-sdk-cpp prod',
      'spatial/vcpkg.json:14 vcpkg proj version>=9.1.1 prod',
      'spatial/vcpkg.json:19 vcpkg curl prod',
      'spatial/vcpkg.json:25 vcpkg gdal version>=3.8.5 prod',
      'spatial/vcpkg.json:3 vcpkg vcpkg-cmake prod',
      'spatial/vcpkg.json:4 vcpkg openssl prod',
      'spatial/vcpkg.json:40 generic https://github.com/duckdb/vcpkg-duckdb-ports @3c7b96fa186c27eae2226a1b5b292f2b2dd3cf8f prod',
      'spatial/vcpkg.json:46 generic builtin@ce613c41372b23b1f51333815feb3edd87ef8a8b @ce613c41372b23b1f51333815feb3edd87ef8a8b prod',
      'spatial/vcpkg.json:5 vcpkg zlib prod',
      'spatial/vcpkg.json:6 vcpkg geos prod',
      'spatial/vcpkg.json:7 vcpkg expat prod',
      'spatial/vcpkg.json:9 vcpkg sqlite3 prod',
      'vcpkg-configuration.json:5 generic builtin@84bab45d415d22042bd0b9081aea57f362da3f35 @84bab45d415d22042bd0b9081aea57f362da3f35 prod',
      'vcpkg.json:4 vcpkg gtest prod',
    ])
    const purl = (where: string) => (json.components as Row[]).find((c) => at(c) === where)?.purl
    expect(purl('cpp/vcpkg.json:55')).toBe(
      'pkg:vcpkg/gtest@1.10.0?port_version=4&repository_revision=3d8f78171a2a37d461077bf8d063256b63e25a4f',
    )
    expect(purl('spatial/vcpkg.json:3')).toBe(
      'pkg:vcpkg/vcpkg-cmake?repository_revision=3c7b96fa186c27eae2226a1b5b292f2b2dd3cf8f&repository_url=https%3A%2F%2Fgithub.com%2Fduckdb%2Fvcpkg-duckdb-ports',
    )
    // The manifest takes the baseline of the vcpkg-configuration.json beside it.
    expect(purl('vcpkg.json:4')).toBe('pkg:vcpkg/gtest?repository_revision=84bab45d415d22042bd0b9081aea57f362da3f35')
    expect(
      json.skipped.map(
        (s: {file: string; line?: number; reason: string}) =>
          `${s.file.slice(dir.length + 1)}:${s.line ?? '-'} ${s.reason}`,
      ),
    ).toEqual([
      'cpp/vcpkg.json:- unresolved-version',
      'spatial/vcpkg.json:- unresolved-version',
      'vcpkg-configuration.json:8 unsupported',
      'vcpkg.json:- unresolved-version',
    ])
  })
})
