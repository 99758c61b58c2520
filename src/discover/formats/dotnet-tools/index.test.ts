import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const fixtures = join(import.meta.dirname, '__fixtures__', 'library-template')

const discover = (file: string, text: string, files: Record<string, string> = {}) =>
  discoverer.discover({file, text}, {readText: (path) => files[path] ?? null}) as Required<DiscoverOutput>

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) => `${c.locations[0].line}:${c.locations[0].column} ${c.name} ${c.version ?? '-'} ${c.scope} ${c.purl}`,
  )

describe('dotnet-tools', () => {
  it('matches tool manifests and global.json', () => {
    expect(discoverer.matches('.config/dotnet-tools.json')).toBe(true)
    expect(discoverer.matches('src/dotnet-tools.json')).toBe(true)
    expect(discoverer.matches('global.json')).toBe(true)
    expect(discoverer.matches('tools/global.json.bak')).toBe(false)
    expect(discoverer.matches('node_modules/x/global.json')).toBe(false)
  })

  it("lists a real tool manifest's tools and global.json's MSBuild SDKs as dev (AArnott/Library.Template)", () => {
    const manifest = discover(
      '.config/dotnet-tools.json',
      readFileSync(join(fixtures, '.config/dotnet-tools.json'), 'utf8'),
    )
    expect(manifest.errors).toEqual([])
    expect(rows(manifest)).toEqual([
      '5:5 powershell 7.4.5 dev pkg:nuget/powershell@7.4.5',
      '11:5 dotnet-coverage 17.12.2 dev pkg:nuget/dotnet-coverage@17.12.2',
      '17:5 nbgv 3.6.141 dev pkg:nuget/nbgv@3.6.141',
    ])
    const global = discover('global.json', readFileSync(join(fixtures, 'global.json'), 'utf8'))
    expect(global.errors).toEqual([])
    // The SDK itself (`sdk.version`) is not a package.
    expect(rows(global)).toEqual([
      '11:5 Microsoft.Build.Traversal 4.1.82 dev pkg:nuget/Microsoft.Build.Traversal@4.1.82',
    ])
  })

  it('reads comments and trailing commas as the .NET SDK does; reports what is not a tool or a version', () => {
    const out = discover(
      'global.json',
      [
        '{',
        '  // The build SDKs.',
        '  "msbuild-sdks": {',
        '    "Microsoft.Build.NoTargets": "3.7.56",',
        '    "Example.Sdk": "[1.0,2.0)",',
        '    "bad id!": "1.0.0",',
        '    "Example.Other": 3,',
        '  },',
        '}',
        '',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '4:5 Microsoft.Build.NoTargets 3.7.56 dev pkg:nuget/Microsoft.Build.NoTargets@3.7.56',
      '5:5 Example.Sdk - dev pkg:nuget/Example.Sdk',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '5 unresolved-version Example.Sdk: [1.0,2.0) is not one exact version',
    ])
    expect(out.errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
      '6 invalid-entry msbuild-sdks.bad id!: expected a package id and a version string',
      '7 invalid-entry msbuild-sdks.Example.Other: expected a package id and a version string',
    ])
    expect(discover('global.json', '{"sdk": {"version": "8.0.100"}}').components).toEqual([])
    expect(discover('.config/dotnet-tools.json', '{"tools": []}').errors.map((e) => e.code)).toEqual(['invalid-entry'])
    expect(discover('global.json', '{"msbuild-sdks": {').errors.map((e) => e.code)).toEqual(['invalid-json'])
  })

  it("names a tool's private feed from the repository's nuget.config", () => {
    const config = `<configuration><packageSources><clear /><add key="internal" value="https://nuget.internal.example/v3/index.json" /></packageSources></configuration>`
    const out = discover('.config/dotnet-tools.json', '{"tools": {"acme-tool": {"version": "1.0.0"}}}', {
      'nuget.config': config,
    })
    expect(out.components.map((c) => c.purl)).toEqual([
      'pkg:nuget/acme-tool@1.0.0?repository_url=https%3A%2F%2Fnuget.internal.example%2Fv3%2Findex.json',
    ])
  })
})
