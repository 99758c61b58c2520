/**
 * packagePurl writes plain entries itself (plainPurl) and leaves the rest to packageurl-js: the two must give the
 * same purl, or the same refusal, for every type, namespace, name and version, and for every package of the corpus.
 */
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {PackageURL} from 'packageurl-js'
import {describe, expect, it} from 'vitest'
import {expectNone} from '../../../tests/support/expect-none.js'
import {discoverPaths} from '../index.js'
import {type PackageEcosystem, packagePurl, plainPurl, splitName} from './purl.js'

/** Every ecosystem a lockfile may have: `satisfies` fails the type-check when one is added to the model. */
const ECOSYSTEMS = Object.keys({
  npm: true,
  pypi: true,
  golang: true,
  cargo: true,
  gem: true,
  composer: true,
  maven: true,
  nuget: true,
  swift: true,
  pub: true,
  hex: true,
  cocoapods: true,
  cran: true,
  julia: true,
  conan: true,
  bazel: true,
  hackage: true,
  vcpkg: true,
  terraform: true,
  githubactions: true,
  github: true,
  generic: true,
} satisfies Record<PackageEcosystem, true>) as PackageEcosystem[]

function reference(type: string, namespace: string | undefined, name: string, version: string | undefined) {
  try {
    return new PackageURL(type, namespace, name, version, undefined, undefined).toString()
  } catch {
    return undefined
  }
}

describe('plainPurl', () => {
  it('gives what packageurl-js gives, or nothing, for every type and form of name', () => {
    const namespaces = [undefined, 'org', 'org.example', '@scope', 'github.com/owner', 'a_b', 'Org', '', '@', 'a//b']
    const names = ['x', 'left-pad', 'serde_json', 'zope.interface', 'Django', 'a.b-c_d', '_x', '.x', '-x', '9x', 'a~b']
    const versions = [
      undefined,
      '1.0.0',
      'v1.2.3',
      '1.0.0-rc.1',
      '1.0.0+build.5',
      '2.0.0+incompatible',
      'v2.0.0+incompatible',
      'v0.0.0-20240806141605-e8a1dd7889d6',
      'v1',
      'v1.2',
      'v01.0.0',
      'v1.0.0-01',
      'RC1',
      '1_0',
      '',
    ]
    let plain = 0
    // Each purl that differs from packageurl-js's (an expect for each of thousands took a good part of a second).
    const differ: Array<[string, string]> = []
    for (const type of ECOSYSTEMS)
      for (const namespace of namespaces)
        for (const name of names)
          for (const version of versions) {
            const fast = plainPurl(type, namespace, name, version)
            if (fast === undefined) continue
            plain++
            const expected = reference(type, namespace, name, version)
            if (fast !== expected)
              differ.push([JSON.stringify([type, namespace, name, version]), `${fast} ≠ ${expected}`])
          }
    expectNone(differ)
    // Most combinations are plain: the check covers the fast path, not only the fallback.
    expect(plain).toBeGreaterThan(2_000)
  })

  it('leaves qualifiers, upper case and characters to encode to packageurl-js', () => {
    expect(plainPurl('npm', undefined, 'Foo', '1.0.0')).toBeUndefined()
    expect(plainPurl('pypi', undefined, 'zope_interface', '1.0')).toBeUndefined()
    expect(plainPurl('golang', 'github.com/Owner', 'x', 'v1.0.0')).toBeUndefined()
    expect(plainPurl('npm', undefined, 'x', '1.0.0 beta')).toBeUndefined()
    expect(packagePurl('npm', 'Foo', '1.0.0')).toBe('pkg:npm/foo@1.0.0')
    expect(packagePurl('pypi', 'zope_interface', '1.0')).toBe('pkg:pypi/zope-interface@1.0')
    expect(packagePurl('gem', 'nokogiri', '1.16.0', {platform: 'x86_64-linux'})).toBe(
      'pkg:gem/nokogiri@1.16.0?platform=x86_64-linux',
    )
  })

  const corpus = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'lockfiles')
  if (!existsSync(corpus)) console.warn(`SKIPPED: ${corpus} is absent; the corpus comparison of purls does not run`)
  it.skipIf(!existsSync(corpus))('gives the corpus the purls packageurl-js gives it', async () => {
    const inventory = await discoverPaths([corpus])
    let compared = 0
    const differ: Array<[string, string | undefined, string | undefined]> = []
    for (const component of inventory.components) {
      if (component.kind !== 'package' || component.local || component.purl?.includes('?')) continue
      // From the component's own name and version, as the formats give them, not from the purl written.
      const ecosystem = component.ecosystem as PackageEcosystem
      const [namespace, name] = splitName(ecosystem, component.name)
      const expected = reference(ecosystem, namespace, name, component.version)
      if (component.purl !== expected) differ.push([component.ref, component.purl, expected])
      compared++
    }
    expectNone(differ)
    expect(compared).toBeGreaterThan(10_000)
  })
})
