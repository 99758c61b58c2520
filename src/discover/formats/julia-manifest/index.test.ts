import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {scanTree} from '../../../../tests/discover/tree.js'
import {discoverer, discoverJuliaManifest} from './index.js'

const fixture = (path: string) => readFileSync(new URL(`./__fixtures__/${path}`, import.meta.url), 'utf8')

function discover(text: string, files: Record<string, string> = {}, file = 'Manifest.toml') {
  return discoverer.discover({file, text}, {readText: (name) => files[name] ?? null}) as {
    components: Component[]
    skipped: Array<{line?: number; reason: string; message: string}>
    errors: Array<{code: string; line?: number; column?: number; message: string}>
  }
}

const row = (c: Component) => [c.name, c.version, c.purl, c.direct, c.scope, c.local, c.locations[0].line]

describe('julia-manifest', () => {
  it('matches Manifest.toml, JuliaManifest.toml and versioned manifests only', () => {
    for (const name of ['Manifest.toml', 'docs/Manifest.toml', 'JuliaManifest.toml', 'Manifest-v1.11.toml'])
      expect(discoverer.matches(name)).toBe(true)
    for (const name of ['Project.toml', 'manifest.toml', 'Manifest-v1.toml', 'Manifest.toml.bak'])
      expect(discoverer.matches(name)).toBe(false)
  })

  it('reads a real manifest (ObjectPools.jl docs): registry packages, stdlib counted once, the path package local', () => {
    const {components, skipped, errors} = discover(fixture('objectpools-docs/Manifest.toml'), {
      'Project.toml': fixture('objectpools-docs/Project.toml'),
    })
    expect(errors).toEqual([])
    expect(components.map(row)).toEqual([
      [
        'ANSIColoredPrinters',
        '0.0.1',
        'pkg:julia/ANSIColoredPrinters@0.0.1?uuid=a4c015fc-c6ff-483c-b24f-f7ea428134e9',
        false,
        undefined,
        undefined,
        7,
      ],
      [
        'DocStringExtensions',
        '0.9.1',
        'pkg:julia/DocStringExtensions@0.9.1?uuid=ffbed154-4ef7-542d-bbb7-c09d3a79fcae',
        false,
        undefined,
        undefined,
        19,
      ],
      [
        'Documenter',
        '0.27.23',
        'pkg:julia/Documenter@0.27.23?uuid=e30172f5-a6a5-5a46-863b-614d45cd2de4',
        true,
        'prod',
        undefined,
        25,
      ],
      [
        'IOCapture',
        '0.2.2',
        'pkg:julia/IOCapture@0.2.2?uuid=b5f81e59-6552-4d32-b1f0-c071b021bf89',
        false,
        undefined,
        undefined,
        31,
      ],
      [
        'JSON',
        '0.21.3',
        'pkg:julia/JSON@0.21.3?uuid=682c06a0-de6a-54ab-a142-c8b1cf79cde6',
        false,
        undefined,
        undefined,
        41,
      ],
      ['ObjectPools', '0.0.1', undefined, true, 'prod', true, 65],
      [
        'Parsers',
        '2.4.0',
        'pkg:julia/Parsers@2.4.0?uuid=69de0a69-1ddd-5017-9359-2bf0b02dc9f0',
        false,
        undefined,
        undefined,
        70,
      ],
    ])
    expect(components[2].ref).toBe('Documenter@0.27.23')
    expect(skipped).toEqual([
      {
        file: 'Manifest.toml',
        line: 12,
        reason: 'unsupported',
        message:
          '16 Julia standard library packages (no git-tree-sha1: they ship with Julia, not from a registry): not listed',
      },
      {
        file: 'Manifest.toml',
        line: 65,
        reason: 'unsupported',
        message: '1 package developed from a folder (path): listed as local, not registry packages',
      },
    ])
  })

  it('without a project file beside, direct is unknown', () => {
    const {components} = discover(fixture('objectpools-docs/Manifest.toml'))
    expect(components.map((c) => c.direct)).toEqual(Array(7).fill(undefined))
  })

  it('reads the old format 1 (Pkg.jl test manifest: stdlib only) and tells same-name packages apart by uuid', () => {
    const v1 = discover(fixture('pkg-v1/Manifest.toml'))
    expect(v1.errors).toEqual([])
    expect(v1.components).toEqual([])
    expect(v1.skipped.map((s) => [s.line, s.message])).toEqual([
      [
        3,
        '3 Julia standard library packages (no git-tree-sha1: they ship with Julia, not from a registry): not listed',
      ],
    ])
    const same = discover(fixture('pkg-same-name/Manifest.toml'), {
      'Project.toml': fixture('pkg-same-name/Project.toml'),
    })
    expect(same.errors).toEqual([])
    expect(same.components.map(row)).toEqual([
      [
        'Example',
        '0.5.3',
        'pkg:julia/Example@0.5.3?uuid=7876af07-990d-54b4-ab0e-23690620f79a',
        false,
        undefined,
        undefined,
        5,
      ],
      ['Example', '0.5.4', undefined, true, 'prod', true, 9],
      ['Unregistered', '0.2.0', undefined, true, 'prod', true, 14],
    ])
  })

  it('reads format 1 registry packages at their top-level [[Name]] headers', () => {
    const {components, errors} = discover(`# This file is machine-generated - editing it directly is not advised

[[Example]]
deps = ["Random"]
git-tree-sha1 = "46e44e869b4d90b96bd8ed1fdcf32244fddfb6cc"
uuid = "7876af07-990d-54b4-ab0e-23690620f79a"
version = "0.5.3"

[[Random]]
uuid = "9a3f8284-a2c9-5f02-9a11-845980a1fd5c"
`)
    expect(errors).toEqual([])
    expect(components.map(row)).toEqual([
      [
        'Example',
        '0.5.3',
        'pkg:julia/Example@0.5.3?uuid=7876af07-990d-54b4-ab0e-23690620f79a',
        undefined,
        undefined,
        undefined,
        3,
      ],
    ])
  })

  it('format 1 entries, repositories as vcs_url, local repositories, other registries, test and weak deps', () => {
    const manifest = `# This file is machine-generated - editing it directly is not advised

julia_version = "1.13.0"
manifest_format = "2.1"

[registries.General]
uuid = "23338594-aafe-5451-b93e-139f81909106"
url = "https://github.com/JuliaRegistries/General.git"

[registries.Acme]
uuid = "0b8f2a1e-1111-4222-8333-944455556666"
url = "https://git.example.com/acme/AcmeRegistry.git"

[[deps.Forked]]
git-tree-sha1 = "54c7a512469a38312a058ec9f429e1db1f074474"
repo-rev = "main"
repo-url = "https://git.example.org/forks/Forked.jl.git"
uuid = "11111111-2222-4333-8444-555555555555"
version = "1.2.4"

[[deps.OnDisk]]
git-tree-sha1 = "54c7a512469a38312a058ec9f429e1db1f074474"
repo-url = "/home/someone/OnDisk"
uuid = "21111111-2222-4333-8444-555555555555"
version = "0.1.0"

[[deps.Private]]
git-tree-sha1 = "46e44e869b4d90b96bd8ed1fdcf32244fddfb6cc"
uuid = "31111111-2222-4333-8444-555555555555"
version = "2.0.0"
registries = "Acme"

[[deps.Both]]
git-tree-sha1 = "46e44e869b4d90b96bd8ed1fdcf32244fddfb6cc"
uuid = "41111111-2222-4333-8444-555555555555"
version = "3.0.0"
registries = ["General", "Acme"]

[[deps.Tested]]
git-tree-sha1 = "46e44e869b4d90b96bd8ed1fdcf32244fddfb6cc"
uuid = "51111111-2222-4333-8444-555555555555"
version = "0.3.0"

[[deps.Weak]]
git-tree-sha1 = "46e44e869b4d90b96bd8ed1fdcf32244fddfb6cc"
uuid = "61111111-2222-4333-8444-555555555555"
version = "0.4.0"
`
    const project = `name = "App"
uuid = "71111111-2222-4333-8444-555555555555"

[deps]
Forked = "11111111-2222-4333-8444-555555555555"

[weakdeps]
Weak = "61111111-2222-4333-8444-555555555555"

[extras]
Tested = "51111111-2222-4333-8444-555555555555"

[targets]
test = ["Tested"]
`
    const {components, errors} = discover(manifest, {'env/JuliaProject.toml': project}, 'env/JuliaManifest.toml')
    expect(errors).toEqual([])
    expect(components.map(row)).toEqual([
      [
        'Forked',
        '1.2.4',
        'pkg:julia/Forked@1.2.4?uuid=11111111-2222-4333-8444-555555555555&vcs_url=git%2Bhttps%3A%2F%2Fgit.example.org%2Fforks%2FForked.jl.git%40main',
        true,
        'prod',
        undefined,
        14,
      ],
      ['OnDisk', '0.1.0', undefined, false, undefined, true, 21],
      [
        'Private',
        '2.0.0',
        'pkg:julia/Private@2.0.0?repository_url=https%3A%2F%2Fgit.example.com%2Facme%2FAcmeRegistry.git&uuid=31111111-2222-4333-8444-555555555555',
        false,
        undefined,
        undefined,
        27,
      ],
      [
        'Both',
        '3.0.0',
        'pkg:julia/Both@3.0.0?uuid=41111111-2222-4333-8444-555555555555',
        false,
        undefined,
        undefined,
        33,
      ],
      [
        'Tested',
        '0.3.0',
        'pkg:julia/Tested@0.3.0?uuid=51111111-2222-4333-8444-555555555555',
        true,
        'dev',
        undefined,
        39,
      ],
      [
        'Weak',
        '0.4.0',
        'pkg:julia/Weak@0.4.0?uuid=61111111-2222-4333-8444-555555555555',
        true,
        'optional',
        undefined,
        44,
      ],
    ])
  })

  it('reports bad TOML, unknown formats, entries without a uuid and mistyped fields at their lines', () => {
    expect(discover('manifest_format = "2.0"\n[[deps.A]\n').errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-toml', 2],
    ])
    expect(discover('# x\nmanifest_format = "3.0"\n').errors).toEqual([
      {
        file: 'Manifest.toml',
        code: 'unsupported-version',
        message: 'unknown Manifest.toml format "3.0" (supported: 1.x and 2.x)',
        line: 2,
      },
    ])
    expect(discover('manifest_format = 2\n').errors.map((e) => [e.code, e.line])).toEqual([['invalid-lockfile', 1]])
    expect(discover('manifest_format = "2.0"\ndeps = 1\n').errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-lockfile', 2],
    ])
    const bad = discover(`manifest_format = "2.0"

[[deps.NoUuid]]
version = "1.0.0"
git-tree-sha1 = "46e44e869b4d90b96bd8ed1fdcf32244fddfb6cc"

[[deps.Typed]]
uuid = "61111111-2222-4333-8444-555555555555"
version = 1

[["deps"."Not a name"]]
uuid = "61111111-2222-4333-8444-555555555555"
git-tree-sha1 = "46e44e869b4d90b96bd8ed1fdcf32244fddfb6cc"

[deps.NotArray]
uuid = "61111111-2222-4333-8444-555555555555"

[[deps.Good]]
git-tree-sha1 = "46e44e869b4d90b96bd8ed1fdcf32244fddfb6cc"
uuid = "61111111-2222-4333-8444-555555555555"
version = "1.0.0"
`)
    expect(bad.components.map((c) => c.name)).toEqual(['Good'])
    expect(bad.errors).toEqual([
      {
        file: 'Manifest.toml',
        code: 'invalid-lockfile',
        message: 'deps.NotArray must be an array of tables ([[…]])',
        line: 15,
      },
      {file: 'Manifest.toml', code: 'invalid-entry', message: '[[deps.NoUuid]]: needs a uuid', line: 3, column: 1},
      {
        file: 'Manifest.toml',
        code: 'invalid-entry',
        message: '[[deps.Typed]]: version must be a string',
        line: 7,
        column: 1,
      },
      {
        file: 'Manifest.toml',
        code: 'invalid-entry',
        message: '[[deps.Not a name]]: not a Julia package name',
        line: 11,
        column: 1,
      },
    ])
  })

  it('reports a bad Project.toml beside, and a __proto__ key, without polluting', () => {
    const {components, errors} = discover(fixture('objectpools-docs/Manifest.toml'), {'Project.toml': '[deps\n'})
    expect(components.map((c) => c.direct)).toEqual(Array(7).fill(undefined))
    expect(errors.map((e) => [(e as {file?: string}).file, e.code, e.line])).toEqual([
      ['Project.toml', 'invalid-toml', 1],
    ])
    const proto = discover(
      'manifest_format = "2.0"\n[[deps.__proto__]]\nuuid = "61111111-2222-4333-8444-555555555555"\n',
    )
    expect(({} as {uuid?: string}).uuid).toBeUndefined()
    expect(proto.errors.map((e) => e.code)).toContain('forbidden-key')
  })

  it('is found by the engine in a tree, with the project beside', async () => {
    const inventory = await scanTree({
      'docs/Manifest.toml': fixture('objectpools-docs/Manifest.toml'),
      'docs/Project.toml': fixture('objectpools-docs/Project.toml'),
    })
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components
        .filter((c) => c.direct)
        .map((c) => `${c.name} ${c.locations[0].file}:${c.locations[0].line}`),
    ).toEqual(['Documenter docs/Manifest.toml:25', 'ObjectPools docs/Manifest.toml:65'])
  })

  it('identifies a manifest on standard input by its generated header', () => {
    expect(discoverer.identify?.(fixture('objectpools-docs/Manifest.toml'))).toBe(true)
    expect(discoverer.identify?.(fixture('pkg-v1/Manifest.toml'))).toBe(true)
    expect(discoverer.identify?.('[deps]\nA = "x"\n')).toBe(false)
  })

  it("identifies Julia 1.0's format 1 manifest, written without the header, by its first entry", () => {
    // As github.com/0/VibronicToolkit.jl's Manifest.toml (commit 70b3ec4b, 2018) starts.
    const headerless = [
      '[[Arpack]]',
      'deps = ["BinaryProvider", "Libdl", "LinearAlgebra", "Random", "SparseArrays", "Test"]',
      'git-tree-sha1 = "5b046410fb617d9cf2f8bc0edd5da05a2e5a2ad4"',
      'uuid = "7d9fca2a-8960-54d3-9f78-7d1dccf2cb97"',
      'version = "0.2.3"',
      '',
      '[[Base64]]',
      'uuid = "2a0f44e3-6c83-55bd-87e4-b1978d98bd5f"',
      '',
    ].join('\n')
    expect(discoverer.identify?.(headerless)).toBe(true)
    expect(discoverer.identify?.(headerless.replaceAll('\n', '\r\n'))).toBe(true)
    expect(discoverer.identify?.(`\n${headerless}`)).toBe(true)
    const output = discoverJuliaManifest('-', headerless)
    expect(output.errors).toEqual([])
    expect(output.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.purl}`)).toEqual([
      '1:1 pkg:julia/Arpack@0.2.3?uuid=7d9fca2a-8960-54d3-9f78-7d1dccf2cb97',
    ])
    // Cargo's and Poetry's lockfiles, and a TOML whose first array entry has no uuid, are not manifests.
    expect(discoverer.identify?.('[[package]]\nname = "a"\nuuid = "7d9fca2a-8960-54d3-9f78-7d1dccf2cb97"\n')).toBe(
      false,
    )
    expect(discoverer.identify?.('[[Arpack]]\nversion = "0.2.3"\n')).toBe(false)
    expect(discoverer.identify?.('[[bin]]\nname = "a"\npath = "src/main.rs"\n')).toBe(false)
  })
})
