import {readFileSync} from 'node:fs'
import {mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {
  pkg,
  resolveOnline,
  summarise,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {runCli} from '../../../../tests/support/cli.js'
import {registeredDiscoverer, registeredResolver} from '../../../../tests/support/registered.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

/** A registry package as julia-manifest lists it: the uuid qualifier identifies it. */
function jl(name: string, version: string, uuid: string, more = ''): Component {
  return {...pkg('julia', name, version, 'Manifest.toml'), purl: `pkg:julia/${name}@${version}?uuid=${uuid}${more}`}
}

const requested = (from = 0) =>
  emulators.servers.julia.requests
    .slice(from)
    .map((r) => r.url)
    .sort()

describe('julia-general (written from the General registry layout and its Package.toml records)', () => {
  it("reads Package.toml's repo (and subdir) only when its uuid is the package's; says why it misses", async () => {
    const run = await resolveOnline(
      emulators,
      [
        jl('Example', '0.5.3', '7876af07-990d-54b4-ab0e-23690620f79a'),
        // Pkg.jl's SameNameDifferentUUID test: another package named Example.
        jl('Example', '0.5.4', '6876af07-990d-54b4-ab0e-23690620f79a'),
        jl('JSON', '0.21.3', '682C06A0-DE6A-54AB-A142-C8B1CF79CDE6'),
        jl('GLMakie', '0.10.0', 'e9467ef8-e4e7-5192-8a1a-b1aee30e663a'),
        jl('ZeroMQ_jll', '4.3.5+0', '8f1865be-045e-5c20-9c9f-bfbfb0764568'),
        jl('OldWrapper_jll', '1.0.0+0', '0a1b2c3d-0000-4000-8000-000000000001'),
        jl('NoRepo', '1.0.0', '0a1b2c3d-0000-4000-8000-000000000002'),
        jl('Broken', '1.0.0', '0a1b2c3d-0000-4000-8000-000000000003'),
        jl('Missing', '1.0.0', '0a1b2c3d-0000-4000-8000-000000000004'),
        jl('../etc', '1.0.0', '0a1b2c3d-0000-4000-8000-000000000005'),
        pkg('julia', 'NoUuid', '1.0.0'),
        jl(
          'Private',
          '2.0.0',
          '31111111-2222-4333-8444-555555555555',
          '&repository_url=https://git.example.com/acme/AcmeRegistry.git',
        ),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'Example@0.5.3': 'github.com/JuliaLang/Example.jl high the Julia General registry',
      'Example@0.5.4': 'unresolved: not-found',
      'JSON@0.21.3': 'github.com/JuliaIO/JSON.jl high the Julia General registry',
      'GLMakie@0.10.0': 'github.com/MakieOrg/Makie.jl (GLMakie) high the Julia General registry',
      'ZeroMQ_jll@4.3.5+0': 'github.com/JuliaBinaryWrappers/ZeroMQ_jll.jl high the Julia General registry',
      'OldWrapper_jll@1.0.0+0': 'github.com/example-org/OldWrapper_jll.jl high the Julia General registry',
      'NoRepo@1.0.0': 'unresolved: no-repository',
      'Broken@1.0.0': 'unresolved: network-error',
      'Missing@1.0.0': 'unresolved: not-found',
      '../etc@1.0.0': 'unresolved: invalid-name',
      'NoUuid@1.0.0': 'unresolved: unsupported',
      'Private@2.0.0': 'unresolved: unsupported',
    })
    const example = run.unresolved.find((u) => u.component.version === '0.5.4')
    expect(example?.attempts?.[0]?.detail).toBe(
      'General registry Example is another package (uuid 7876af07-990d-54b4-ab0e-23690620f79a, not 6876af07-990d-54b4-ab0e-23690620f79a): not resolved',
    )
    // Neither the private package's name, nor one without a uuid, nor an invalid name is sent; no token either.
    expect(requested()).toEqual([
      '/JuliaRegistries/General/master/B/Broken/Package.toml',
      '/JuliaRegistries/General/master/E/Example/Package.toml',
      '/JuliaRegistries/General/master/G/GLMakie/Package.toml',
      '/JuliaRegistries/General/master/J/JSON/Package.toml',
      '/JuliaRegistries/General/master/M/Missing/Package.toml',
      '/JuliaRegistries/General/master/N/NoRepo/Package.toml',
      '/JuliaRegistries/General/master/O/OldWrapper_jll/Package.toml',
      '/JuliaRegistries/General/master/jll/O/OldWrapper_jll/Package.toml',
      '/JuliaRegistries/General/master/jll/Z/ZeroMQ_jll/Package.toml',
    ])
    expect(emulators.servers.julia.requests.every((r) => r.headers.authorization === undefined)).toBe(true)
  })

  it('resolves what a real Manifest.toml lists (ObjectPools.jl docs): registry packages; the path package is local', async () => {
    const before = emulators.servers.julia.requests.length
    const dir = new URL('../../../discover/formats/julia-manifest/__fixtures__/objectpools-docs/', import.meta.url)
    const files: Record<string, string> = {'docs/Project.toml': readFileSync(new URL('Project.toml', dir), 'utf8')}
    const {components} = registeredDiscoverer('julia-manifest').discover(
      {file: 'docs/Manifest.toml', text: readFileSync(new URL('Manifest.toml', dir), 'utf8')},
      {readText: (name) => files[name] ?? null},
    )
    const run = await resolveOnline(emulators, components, [registeredResolver('vcs-url'), resolver])
    expect(summarise(run)).toEqual({
      'ANSIColoredPrinters@0.0.1': 'github.com/JuliaDocs/ANSIColoredPrinters.jl high the Julia General registry',
      'DocStringExtensions@0.9.1': 'github.com/JuliaDocs/DocStringExtensions.jl high the Julia General registry',
      'Documenter@0.27.23': 'github.com/JuliaDocs/Documenter.jl high the Julia General registry',
      'IOCapture@0.2.2': 'github.com/JuliaDocs/IOCapture.jl high the Julia General registry',
      'JSON@0.21.3': 'github.com/JuliaIO/JSON.jl high the Julia General registry',
      'ObjectPools@0.0.1': 'unresolved: local',
      'Parsers@2.4.0': 'github.com/JuliaData/Parsers.jl high the Julia General registry',
    })
    expect(requested(before)).not.toContain('/JuliaRegistries/General/master/O/ObjectPools/Package.toml')
  })

  it('a package added from a repository is answered by its vcs_url, not asked of General', async () => {
    const before = emulators.servers.julia.requests.length
    const run = await resolveOnline(
      emulators,
      [
        jl(
          'Forked',
          '1.2.4',
          '11111111-2222-4333-8444-555555555555',
          '&vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2FForked.jl.git%40main',
        ),
        jl(
          'Elsewhere',
          '1.0.0',
          '21111111-2222-4333-8444-555555555555',
          '&vcs_url=git%2Bhttps%3A%2F%2Fgit.example.org%2Fx%2FElsewhere.jl.git',
        ),
      ],
      [registeredResolver('vcs-url'), resolver],
    )
    expect(summarise(run)).toEqual({
      'Forked@1.2.4': 'github.com/example-org/Forked.jl high vcs-url',
      'Elsewhere@1.0.0': 'unresolved: no-repository',
    })
    expect(run.unresolved[0].attempts?.find((a) => a.resolver === 'julia-general')).toEqual({
      resolver: 'julia-general',
      reason: 'unsupported',
      detail:
        'julia Elsewhere is installed from a repository that is not on a known forge (git+https://git.example.org/x/Elsewhere.jl.git): not looked up by its name on the Julia General registry',
    })
    expect(requested(before)).toEqual([])
  })

  it('inventory --resolve from the command line: a Manifest.toml and its Project.toml, General answers from the cache', async () => {
    const fixtures = new URL('../../../discover/formats/julia-manifest/__fixtures__/objectpools-docs/', import.meta.url)
    const dir = await mkdtemp(join(tmpdir(), 'julia-cli-'))
    await mkdir(join(dir, 'docs'))
    for (const name of ['Manifest.toml', 'Project.toml'])
      await writeFile(join(dir, 'docs', name), readFileSync(new URL(name, fixtures)))
    const xdg = await mkdtemp(join(tmpdir(), 'julia-cli-xdg-'))
    const cacheDir = join(xdg, 'stewards')
    // General's answers (through the emulator) into the run's cache; the CLI then runs offline from it.
    const seeded = await resolveOnline(
      emulators,
      [
        jl('Documenter', '0.27.23', 'e30172f5-a6a5-5a46-863b-614d45cd2de4'),
        jl('JSON', '0.21.3', '682c06a0-de6a-54ab-a142-c8b1cf79cde6'),
      ],
      [resolver],
      {cacheDir},
    )
    expect(seeded.groups.map((g) => g.repo).sort()).toEqual([
      'github.com/JuliaDocs/Documenter.jl',
      'github.com/JuliaIO/JSON.jl',
    ])
    const result = await runCli(['inventory', dir, '--resolve', '--offline', '--json'], {env: {XDG_CACHE_HOME: xdg}})
    expect(result.stderr).not.toContain('internal error')
    const inventory = JSON.parse(result.stdout) as {
      resolution: {
        groups: Array<{repo: string; components: Array<{purl?: string}>}>
        unresolved: Array<{component: {name: string}; reason: string}>
      }
    }
    expect(
      inventory.resolution.groups.map((g) => `${g.repo} ${g.components.map((c) => c.purl).join(',')}`).sort(),
    ).toEqual([
      'github.com/JuliaDocs/Documenter.jl pkg:julia/Documenter@0.27.23?uuid=e30172f5-a6a5-5a46-863b-614d45cd2de4',
      'github.com/JuliaIO/JSON.jl pkg:julia/JSON@0.21.3?uuid=682c06a0-de6a-54ab-a142-c8b1cf79cde6',
    ])
    expect(inventory.resolution.unresolved.map((u) => `${u.component.name} ${u.reason}`).sort()).toEqual([
      'ANSIColoredPrinters offline-cache-miss',
      'DocStringExtensions offline-cache-miss',
      'IOCapture offline-cache-miss',
      'ObjectPools local',
      'Parsers offline-cache-miss',
    ])
  })
})
