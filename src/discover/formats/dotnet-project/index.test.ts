import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const fixture = (path: string) => readFileSync(new URL(`./__fixtures__/${path}`, import.meta.url), 'utf8')

function discover(file: string, text: string, files: Record<string, string> = {}) {
  return discoverer.discover({file, text}, {readText: (f) => files[f] ?? null}) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.version ?? '-'} ${c.scope} ${c.purl}`,
  )

describe('dotnet-project', () => {
  it('matches project files, the Directory props and packages.config, not build output', () => {
    for (const file of [
      'src/App/App.csproj',
      'Lib.fsproj',
      'a/b.vbproj',
      'Directory.Packages.props',
      'src/Directory.Build.props',
      'legacy/packages.config',
    ])
      expect(discoverer.matches(file), file).toBe(true)
    for (const file of [
      'App.csproj.user',
      'obj/App.csproj.nuget.g.props',
      'Directory.Build.targets',
      'node_modules/x/a.csproj',
    ])
      expect(discoverer.matches(file), file).toBe(false)
  })

  it("lists a real project's package references at their elements, PrivateAssets=all as dev (microsoft/kiota)", () => {
    const out = discover('src/kiota/kiota.csproj', fixture('kiota/src/kiota/kiota.csproj'))
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '14:5 Azure.Monitor.OpenTelemetry.Exporter@1.8.1 1.8.1 prod pkg:nuget/Azure.Monitor.OpenTelemetry.Exporter@1.8.1',
      '15:5 Microsoft.Extensions.Configuration.Abstractions@10.0.8 10.0.8 prod pkg:nuget/Microsoft.Extensions.Configuration.Abstractions@10.0.8',
      '16:5 Microsoft.Extensions.Hosting@10.0.8 10.0.8 prod pkg:nuget/Microsoft.Extensions.Hosting@10.0.8',
      '17:5 Microsoft.VisualStudio.Threading.Analyzers@17.14.15 17.14.15 dev pkg:nuget/Microsoft.VisualStudio.Threading.Analyzers@17.14.15',
      '21:5 OpenTelemetry@1.15.3 1.15.3 prod pkg:nuget/OpenTelemetry@1.15.3',
      '22:5 Spectre.Console@0.56.0 0.56.0 prod pkg:nuget/Spectre.Console@0.56.0',
      '23:5 System.CommandLine@2.0.9 2.0.9 prod pkg:nuget/System.CommandLine@2.0.9',
      '24:5 Microsoft.SourceLink.GitHub@10.0.300 10.0.300 dev pkg:nuget/Microsoft.SourceLink.GitHub@10.0.300',
    ])
    expect(out.components.every((c) => c.direct === true && c.ecosystem === 'nuget')).toBe(true)
  })

  it("takes versions from the nearest Directory.Packages.props (kiota's), VersionOverride first; lists its global references", () => {
    const props = fixture('kiota-central/Directory.Packages.props')
    const files = {'Directory.Packages.props': props}
    const out = discover(
      'src/Example.Cli/Example.Cli.csproj',
      `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Spectre.Console" />
    <PackageReference Include="microsoft.extensions.hosting" />
    <PackageReference Include="AsyncKeyedLock" VersionOverride="8.1.0" />
    <PackageReference Include="Microsoft.SourceLink.GitHub" PrivateAssets="All" />
    <PackageReference Include="Example.NotManaged" />
    <PackageReference Update="xunit.v3" Version="4.0.0" />
  </ItemGroup>
</Project>
`,
      files,
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '3:5 Spectre.Console@0.57.2 0.57.2 prod pkg:nuget/Spectre.Console@0.57.2',
      // NuGet ids are case-insensitive: the central entry is found, the id kept as the project writes it.
      '4:5 microsoft.extensions.hosting@10.0.12 10.0.12 prod pkg:nuget/microsoft.extensions.hosting@10.0.12',
      '5:5 AsyncKeyedLock@8.1.0 8.1.0 prod pkg:nuget/AsyncKeyedLock@8.1.0',
      '6:5 Microsoft.SourceLink.GitHub@10.0.401 10.0.401 dev pkg:nuget/Microsoft.SourceLink.GitHub@10.0.401',
      '7:5 Example.NotManaged - prod pkg:nuget/Example.NotManaged',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '7 unresolved-version Example.NotManaged: no version here, and none in the central Directory.Packages.props',
    ])
    // The props file itself: its PackageVersion entries give versions, they are no components.
    expect(discover('Directory.Packages.props', props).components).toEqual([])
    const global = discover(
      'Directory.Packages.props',
      props.replace(
        '  </ItemGroup>',
        '    <GlobalPackageReference Include="Example.Analyzers" Version="1.2.0" />\n  </ItemGroup>',
      ),
    )
    expect(rows(global)).toEqual(['15:5 Example.Analyzers@1.2.0 1.2.0 dev pkg:nuget/Example.Analyzers@1.2.0'])
    // Central management off in the project: the props' versions do not apply.
    const off = discover(
      'src/B/B.csproj',
      '<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup><ItemGroup><PackageReference Include="Spectre.Console" /></ItemGroup></Project>',
      files,
    )
    expect(rows(off)).toEqual(['1:122 Spectre.Console - prod pkg:nuget/Spectre.Console'])
    expect(off.skipped.map((s) => s.message)).toEqual([
      'Spectre.Console: no version, and no central package management applies here (a Directory.Packages.props at or above the file, with ManagePackageVersionsCentrally true)',
    ])
  })

  it('expands properties, reads exact, bracketed, ranged and floating versions, and packages.config', () => {
    const out = discover(
      'App.csproj',
      `<Project>
  <PropertyGroup><SerilogVersion>4.0.1</SerilogVersion><Chained>$(SerilogVersion)</Chained></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Serilog" Version="$(Chained)" />
    <PackageReference Include="Exact" Version="[2.1.0]" />
    <PackageReference Include="Ranged" Version="[1.0,2.0)" />
    <PackageReference Include="Floating" Version="6.*" />
    <PackageReference Include="Undefined" Version="$(NotHere)" />
    <PackageReference Include="Child"><Version>3.0.0-beta.1</Version></PackageReference>
  </ItemGroup>
</Project>
`,
    )
    expect(rows(out)).toEqual([
      '4:5 Serilog@4.0.1 4.0.1 prod pkg:nuget/Serilog@4.0.1',
      '5:5 Exact@[2.1.0] 2.1.0 prod pkg:nuget/Exact@2.1.0',
      '6:5 Ranged@[1.0,2.0) - prod pkg:nuget/Ranged',
      '7:5 Floating@6.* - prod pkg:nuget/Floating',
      '8:5 Undefined@$(NotHere) - prod pkg:nuget/Undefined',
      '9:5 Child@3.0.0-beta.1 3.0.0-beta.1 prod pkg:nuget/Child@3.0.0-beta.1',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.message}`)).toEqual([
      '6 Ranged: version [1.0,2.0) is a range or a floating version: listed without a version',
      '7 Floating: version 6.* is a range or a floating version: listed without a version',
      '8 Undefined: version $(NotHere) names a property that is not defined here',
    ])
    const config = discover(
      'packages.config',
      `<?xml version="1.0" encoding="utf-8"?>
<packages>
  <package id="Newtonsoft.Json" version="13.0.3" targetFramework="net48" />
  <package id="StyleCop.Analyzers" version="1.1.118" developmentDependency="true" />
</packages>
`,
    )
    expect(rows(config)).toEqual([
      '3:3 Newtonsoft.Json@13.0.3 13.0.3 prod pkg:nuget/Newtonsoft.Json@13.0.3',
      '4:3 StyleCop.Analyzers@1.1.118 1.1.118 dev pkg:nuget/StyleCop.Analyzers@1.1.118',
    ])
  })

  it('reports a bad reference at its element, refuses a DOCTYPE and bad XML at their line', () => {
    const out = discover(
      'App.csproj',
      '<Project>\n<PropertyGroup><Pkg>Named.ByProperty</Pkg></PropertyGroup>\n<ItemGroup>\n<PackageReference Version="1.0" />\n<PackageReference Include="bad id" Version="1.0" />\n<PackageReference Include="Good;$(Pkg);;" Version="1.0.0" />\n<PackageReference Include="$(Unset)" Version="2.0.0" />\n</ItemGroup>\n</Project>\n',
    )
    expect(rows(out)).toEqual([
      '6:1 Good@1.0.0 1.0.0 prod pkg:nuget/Good@1.0.0',
      '6:1 Named.ByProperty@1.0.0 1.0.0 prod pkg:nuget/Named.ByProperty@1.0.0',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '7 unset-variable PackageReference $(Unset) names a property that is not defined here; not read',
    ])
    expect(out.errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
      '4 invalid-entry PackageReference without a valid package Include',
      '5 invalid-entry PackageReference without a valid package Include',
    ])
    const entity = discover('App.csproj', '<!DOCTYPE x [<!ENTITY a "b">]>\n<Project/>')
    expect(entity.errors.map((e) => [e.code, e.message])).toEqual([
      ['invalid-xml', 'a DOCTYPE is not allowed in an MSBuild or NuGet file'],
    ])
    const broken = discover('App.csproj', '<Project>\n<ItemGroup>\n</Project>\n')
    expect(broken.errors.map((e) => [e.code, e.line])).toEqual([['invalid-xml', 3]])
  })
})
