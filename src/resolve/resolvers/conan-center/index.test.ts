import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {
  pkg,
  resolveOffline,
  resolveOnline,
  summarise,
  tempCacheDir,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {registeredDiscoverer} from '../../../../tests/support/registered.js'
import type {Component} from '../../../core/model.js'
import {homepageOf, resolver} from './index.js'

const emulators = useRegistryEmulators()

const conan = (name: string, version: string | undefined, purl: string): Component => ({
  ...pkg('conan', name, version),
  purl,
})

describe('conan-center (written from Conan 2 REST API routes)', () => {
  it('reads the recipe homepage on a forge (low), never the packager repository; says why it misses', async () => {
    const before = emulators.servers.conan.requests.length
    const run = await resolveOnline(
      emulators,
      [
        conan('fmt', '12.2.0', 'pkg:conan/fmt@12.2.0?rrev=b445244e6d0151a425e229248cd2bed8'),
        conan('zlib', '1.3.2', 'pkg:conan/zlib@1.3.2'),
        conan('example_tool', '2.0', 'pkg:conan/example_tool@2.0'),
        conan('example_packager', '1.0', 'pkg:conan/example_packager@1.0'),
        conan('example_computed', '1.0', 'pkg:conan/example_computed@1.0'),
        conan('example_broken', '1.0', 'pkg:conan/example_broken@1.0'),
        conan('missing', '1.0', 'pkg:conan/missing@1.0'),
        conan('acme_sdk', '0.25.0', 'pkg:conan/acme_sdk@0.25.0?channel=stable&user=acme'),
        conan('acme_only_user', '1.0', 'pkg:conan/acme_only_user@1.0?user=acme'),
        conan('Poco', '1.9.4', 'pkg:conan/Poco@1.9.4?channel=stable&user=pocoproject'),
        conan('Upper', '1.0', 'pkg:conan/Upper@1.0'),
        conan('ranged', undefined, 'pkg:conan/ranged'),
        conan('../etc', '1.0', 'pkg:conan/..%2Fetc@1.0'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'fmt@12.2.0': 'github.com/fmtlib/fmt low ConanCenter',
      'example_tool@2.0': 'gitlab.com/example-org/example-tool low ConanCenter',
      'zlib@1.3.2': 'unresolved: no-repository',
      'example_packager@1.0': 'unresolved: no-repository',
      'example_computed@1.0': 'unresolved: no-repository',
      'example_broken@1.0': 'unresolved: network-error',
      'missing@1.0': 'unresolved: not-found',
      'acme_sdk@0.25.0': 'unresolved: unsupported',
      'acme_only_user@1.0': 'unresolved: unsupported',
      'Poco@1.9.4': 'unresolved: unsupported',
      'Upper@1.0': 'unresolved: invalid-name',
      ranged: 'unresolved: no-version',
      '../etc@1.0': 'unresolved: invalid-name',
    })
    const zlib = run.unresolved.find((u) => u.component.name === 'zlib')
    expect(zlib?.detail).toBe('ConanCenter zlib/1.3.2: no repository URL (saw conanfile.py homepage=https://zlib.net)')
    // fmt's revision is in its purl: no `latest`. Names with user/channel, ranges and bad names are never sent.
    expect(
      emulators.servers.conan.requests
        .slice(before)
        .map((r) => r.url)
        .sort(),
    ).toEqual([
      '/v2/conans/example_broken/1.0/_/_/latest',
      '/v2/conans/example_computed/1.0/_/_/latest',
      '/v2/conans/example_computed/1.0/_/_/revisions/2222222222222222222222222222222b/files/conanfile.py',
      '/v2/conans/example_packager/1.0/_/_/latest',
      '/v2/conans/example_packager/1.0/_/_/revisions/1111111111111111111111111111111a/files/conanfile.py',
      '/v2/conans/example_tool/2.0/_/_/latest',
      '/v2/conans/example_tool/2.0/_/_/revisions/0123456789abcdef0123456789abcdef/files/conanfile.py',
      '/v2/conans/fmt/12.2.0/_/_/revisions/b445244e6d0151a425e229248cd2bed8/files/conanfile.py',
      '/v2/conans/missing/1.0/_/_/latest',
      '/v2/conans/zlib/1.3.2/_/_/latest',
      '/v2/conans/zlib/1.3.2/_/_/revisions/1cb806da49011867778ffb6ac7190fcb/files/conanfile.py',
    ])
  })

  it('resolves what a real conan.lock lists, and answers again from the cache offline', async () => {
    const text = readFileSync(
      new URL('../../../discover/formats/conan-lock/__fixtures__/plotjuggler/conan.lock', import.meta.url),
      'utf8',
    )
    const lock = registeredDiscoverer('conan-lock').discover({file: 'conan.lock', text}, {readText: () => null})
    const wanted = lock.components.filter((c) => c.name === 'fmt' || c.name === 'zlib')
    expect(wanted.map((c) => c.purl)).toEqual([
      'pkg:conan/zlib@1.3.2?rrev=1cb806da49011867778ffb6ac7190fcb',
      'pkg:conan/fmt@12.2.0?rrev=b445244e6d0151a425e229248cd2bed8',
    ])
    const cacheDir = await tempCacheDir()
    const online = await resolveOnline(emulators, wanted, [resolver], {cacheDir})
    expect(summarise(online)).toEqual({
      'fmt@12.2.0': 'github.com/fmtlib/fmt low ConanCenter',
      'zlib@1.3.2': 'unresolved: no-repository',
    })
    const offline = await resolveOffline(wanted, [resolver], {cacheDir})
    expect(summarise(offline)).toEqual(summarise(online))
  })

  it('reads homepage only as a one-line string literal of the recipe', () => {
    expect(homepageOf('class A(ConanFile):\n    homepage = "https://github.com/a/b"\n')).toBe('https://github.com/a/b')
    expect(homepageOf("class A(ConanFile):\n\thomepage='https://github.com/a/b' # x\r\n")).toBe(
      'https://github.com/a/b',
    )
    expect(homepageOf('homepage = "https://github.com/a/b"\n')).toBeUndefined()
    expect(homepageOf('    homepage = "https://github.com/" + name\n')).toBeUndefined()
    expect(homepageOf('    homepage = (\n        "https://github.com/a/b"\n    )\n')).toBeUndefined()
    expect(homepageOf(`    homepage = "${'a'.repeat(100_000)}`)).toBeUndefined()
  })
})
