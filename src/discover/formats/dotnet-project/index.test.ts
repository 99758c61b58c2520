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
      'Spectre.Console: no version, and the project sets ManagePackageVersionsCentrally to false (central package management off)',
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

  it('lists the project SDKs referenced with a version as dev (Caraxi/SimpleTweaksPlugin, dotnet/aspire app hosts)', () => {
    const out = discover(
      'src/App/App.csproj',
      `<Project Sdk="Dalamud.NET.Sdk/14.0.1; Microsoft.Build.NoTargets/min=3.7.0;Microsoft.NET.Sdk">
  <Sdk Name="Aspire.AppHost.Sdk" Version="9.4.0" />
  <Sdk Name="Microsoft.NET.Sdk.Web" />
  <Import Project="Sdk.targets" Sdk="Example.Build.Sdk" Version="2.0.0" />
  <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
  <ItemGroup>
    <PackageReference Include="Serilog" Version="4.0.0" />
  </ItemGroup>
</Project>
`,
    )
    expect(rows(out)).toEqual([
      '1:1 Dalamud.NET.Sdk/14.0.1 14.0.1 dev pkg:nuget/Dalamud.NET.Sdk@14.0.1',
      '1:1 Microsoft.Build.NoTargets/min=3.7.0 - dev pkg:nuget/Microsoft.Build.NoTargets',
      '2:3 Aspire.AppHost.Sdk@9.4.0 9.4.0 dev pkg:nuget/Aspire.AppHost.Sdk@9.4.0',
      '4:3 Example.Build.Sdk@2.0.0 2.0.0 dev pkg:nuget/Example.Build.Sdk@2.0.0',
      '7:5 Serilog@4.0.0 4.0.0 prod pkg:nuget/Serilog@4.0.0',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '1 unresolved-version Microsoft.Build.NoTargets: project SDK of at least 3.7.0 (the resolver takes that or a newer one): listed without a version',
    ])
    expect(out.errors).toEqual([])
    // A template's placeholder is no version; a name that is no package id is an error at its element.
    const template = discover(
      'App.csproj',
      '<Project Sdk="Aspire.AppHost.Sdk/!!REPLACE_WITH_LATEST_VERSION!!">\n  <Sdk Name="bad id" Version="1.0.0" />\n</Project>\n',
    )
    expect(rows(template)).toEqual([
      '1:1 Aspire.AppHost.Sdk/!!REPLACE_WITH_LATEST_VERSION!! - dev pkg:nuget/Aspire.AppHost.Sdk',
    ])
    expect(template.skipped.map((s) => s.message)).toEqual([
      'Aspire.AppHost.Sdk: project SDK at !!REPLACE_WITH_LATEST_VERSION!!, not one exact version: listed without a version',
    ])
    expect(template.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      '2:3 invalid-entry project SDK bad id is not a valid package id',
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
      '4 invalid-entry PackageReference without an Include, Update or Remove',
      '5 invalid-entry PackageReference without a valid package Include',
    ])
    const entity = discover('App.csproj', '<!DOCTYPE x [<!ENTITY a "b">]>\n<Project/>')
    expect(entity.errors.map((e) => [e.code, e.message])).toEqual([
      ['invalid-xml', 'a DOCTYPE is not allowed in an MSBuild or NuGet file'],
    ])
    const broken = discover('App.csproj', '<Project>\n<ItemGroup>\n</Project>\n')
    expect(broken.errors.map((e) => [e.code, e.line])).toEqual([['invalid-xml', 3]])
  })

  it("takes nothing for a Remove, and out what it removes above it (dotnet/arcade's eng/common, opentelemetry-dotnet)", () => {
    const tools = discover('eng/common/internal/Tools.csproj', fixture('arcade/eng/common/internal/Tools.csproj'))
    expect(tools.errors).toEqual([])
    // Its versions are properties of the repository's Versions.props, which is not read: no version, each one skipped.
    expect(rows(tools)).toEqual([
      '12:5 Microsoft.ManifestTool.CrossPlatform@$(MicrosoftManifestToolCrossPlatformVersion) - prod pkg:nuget/Microsoft.ManifestTool.CrossPlatform',
      '13:5 Microsoft.VisualStudioEng.MicroBuild.Core@$(MicrosoftVisualStudioEngMicroBuildCoreVersion) - prod pkg:nuget/Microsoft.VisualStudioEng.MicroBuild.Core',
      '14:5 Microsoft.VisualStudioEng.MicroBuild.Plugins.SwixBuild@$(MicrosoftVisualStudioEngMicroBuildPluginsSwixBuildVersion) - prod pkg:nuget/Microsoft.VisualStudioEng.MicroBuild.Plugins.SwixBuild',
      '15:5 Microsoft.DotNet.IBCMerge@$(MicrosoftDotNetIBCMergeVersion) - prod pkg:nuget/Microsoft.DotNet.IBCMerge',
      '16:5 Drop.App@$(DropAppVersion) - prod pkg:nuget/Drop.App',
    ])
    expect(tools.skipped.map((s) => `${s.line} ${s.reason}`)).toEqual([
      '12 unresolved-version',
      '13 unresolved-version',
      '14 unresolved-version',
      '15 unresolved-version',
      '16 unresolved-version',
    ])
    // Removes of what Directory.Build.props adds (another file): nothing here to take out, no error.
    const app = discover(
      'test/OpenTelemetry.Apple.TestApp/OpenTelemetry.Apple.TestApp.csproj',
      fixture('otel/test/OpenTelemetry.Apple.TestApp/OpenTelemetry.Apple.TestApp.csproj'),
    )
    expect(app.errors).toEqual([])
    expect(rows(app)).toEqual([
      '7:5 Microsoft.Testing.Extensions.TrxReport - prod pkg:nuget/Microsoft.Testing.Extensions.TrxReport',
      '8:5 MSTest.Analyzers - prod pkg:nuget/MSTest.Analyzers',
      '9:5 MSTest.TestAdapter - prod pkg:nuget/MSTest.TestAdapter',
      '10:5 MSTest.TestFramework - prod pkg:nuget/MSTest.TestFramework',
    ])
  })

  it('applies an unconditioned Remove to the references above it in the file, by id in any case or @(Type)', () => {
    const out = discover(
      'App.csproj',
      `<Project>
  <PropertyGroup><Gone>Example.ByProperty</Gone></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Example.Removed" Version="1.0.0" />
    <PackageReference Include="Example.Kept;Example.ByProperty" Version="1.1.0" />
    <PackageReference Include="Example.NoVersion" />
    <PackageReference Include="Example.Conditioned" Version="2.0.0" />
  </ItemGroup>
  <ItemGroup>
    <PackageReference Remove="example.removed;$(Gone);Example.NoVersion" />
    <PackageReference Remove="Example.Conditioned" Condition="'$(Configuration)' == 'Release'" />
    <PackageReference Remove="Example.*;$(Undefined);@(Other)" />
    <PackageReference Remove="Example.Later" />
  </ItemGroup>
  <ItemGroup Condition="'$(TargetFramework)' == 'net48'">
    <PackageReference Remove="Example.Kept" />
  </ItemGroup>
  <ItemGroup>
    <PackageReference Include="Example.Later" Version="3.0.0" />
    <GlobalPackageReference Include="Example.Global" Version="4.0.0" />
    <PackageReference Remove="bad id" />
  </ItemGroup>
</Project>
`,
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '5:5 Example.Kept@1.1.0 1.1.0 prod pkg:nuget/Example.Kept@1.1.0',
      '7:5 Example.Conditioned@2.0.0 2.0.0 prod pkg:nuget/Example.Conditioned@2.0.0',
      '19:5 Example.Later@3.0.0 3.0.0 prod pkg:nuget/Example.Later@3.0.0',
      '20:5 Example.Global@4.0.0 4.0.0 dev pkg:nuget/Example.Global@4.0.0',
    ])
    // The removed reference's missing version is no longer reported; what cannot be matched is.
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '12 unsupported PackageReference Remove="Example.*;$(Undefined);@(Other)" is not matched here (another item list, an undefined property or a wildcard): nothing above it is taken out',
    ])
    const all = discover(
      'App.csproj',
      '<Project><ItemGroup><PackageReference Include="A" Version="1.0.0" /><GlobalPackageReference Include="G" Version="1.0.0" /><PackageReference Remove="@(packagereference)" /><PackageReference Include="B" Version="2.0.0" /></ItemGroup></Project>',
    )
    expect(rows(all)).toEqual([
      '1:69 G@1.0.0 1.0.0 dev pkg:nuget/G@1.0.0',
      '1:172 B@2.0.0 2.0.0 prod pkg:nuget/B@2.0.0',
    ])
  })

  it('lists the references of every Choose branch, nested ones too (AnabasisEngine/Tartarus)', () => {
    const files = {'Directory.Packages.props': fixture('tartarus/Directory.Packages.props')}
    const out = discover('Directory.Build.props', fixture('tartarus/Directory.Build.props'), files)
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '16:17 ThisAssembly@1.2.14 1.2.14 prod pkg:nuget/ThisAssembly@1.2.14',
      '17:17 JetBrains.Annotations@2023.2.0-eap2 2023.2.0-eap2 prod pkg:nuget/JetBrains.Annotations@2023.2.0-eap2',
      '18:17 DotNet.ReproducibleBuilds@1.1.1 1.1.1 dev pkg:nuget/DotNet.ReproducibleBuilds@1.1.1',
      '19:17 NuGetizer@1.0.2 1.0.2 prod pkg:nuget/NuGetizer@1.0.2',
      '20:17 Nerdbank.GitVersioning@3.6.128 3.6.128 dev pkg:nuget/Nerdbank.GitVersioning@3.6.128',
    ])
    const nested = discover(
      'a.csproj',
      `<Project Sdk="Microsoft.NET.Sdk">
  <Choose>
    <When Condition="'$(TargetFramework)' == 'net8.0'">
      <PropertyGroup><JsonVersion>13.0.3</JsonVersion></PropertyGroup>
      <ItemGroup>
        <PackageReference Include="Newtonsoft.Json" Version="$(JsonVersion)" />
      </ItemGroup>
    </When>
    <Otherwise>
      <Choose>
        <When Condition="'$(OS)' == 'Windows_NT'">
          <ItemGroup><PackageReference Include="Example.Windows" Version="1.0.0" /></ItemGroup>
        </When>
        <Otherwise>
          <ItemGroup><PackageReference Include="Serilog" Version="3.1.1" /></ItemGroup>
        </Otherwise>
      </Choose>
      <ItemGroup><PackageReference Remove="Dapper" /></ItemGroup>
    </Otherwise>
  </Choose>
  <ItemGroup>
    <PackageReference Include="Dapper" Version="2.1.35" />
    <Choose><When Condition="true"><ItemGroup><PackageReference Include="Example.NotAnItem" Version="1.0.0" /></ItemGroup></When></Choose>
  </ItemGroup>
  <Target Name="T"><ItemGroup><PackageReference Include="Example.InTarget" Version="1.0.0" /></ItemGroup></Target>
</Project>
`,
    )
    expect(nested.errors).toEqual([])
    // A property set in a branch is chosen by its condition: not read, the version is unresolved.
    expect(rows(nested)).toEqual([
      '6:9 Newtonsoft.Json@$(JsonVersion) - prod pkg:nuget/Newtonsoft.Json',
      '12:22 Example.Windows@1.0.0 1.0.0 prod pkg:nuget/Example.Windows@1.0.0',
      '15:22 Serilog@3.1.1 3.1.1 prod pkg:nuget/Serilog@3.1.1',
      '22:5 Dapper@2.1.35 2.1.35 prod pkg:nuget/Dapper@2.1.35',
    ])
    expect(nested.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '6 unresolved-version Newtonsoft.Json: version $(JsonVersion) names a property that is not defined here',
    ])
  })

  it("lists one component per central version conditions choose among (opentelemetry-dotnet's TestHost)", () => {
    const files = {'Directory.Packages.props': fixture('otel/Directory.Packages.props')}
    const out = discover(
      'test/Example.Tests/Example.Tests.csproj',
      `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFrameworks>net8.0;net9.0;net10.0</TargetFrameworks></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.AspNetCore.TestHost" />
    <PackageReference Include="Microsoft.Extensions.Configuration" />
    <PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly" />
  </ItemGroup>
</Project>
`,
      files,
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '4:5 Microsoft.AspNetCore.TestHost@8.0.30 8.0.30 prod pkg:nuget/Microsoft.AspNetCore.TestHost@8.0.30',
      '4:5 Microsoft.AspNetCore.TestHost@9.0.19 9.0.19 prod pkg:nuget/Microsoft.AspNetCore.TestHost@9.0.19',
      '4:5 Microsoft.AspNetCore.TestHost@10.0.11 10.0.11 prod pkg:nuget/Microsoft.AspNetCore.TestHost@10.0.11',
      // The unconditioned [10.0.0,) and the Updates under each framework's condition (net10.0's is the same range).
      '5:5 Microsoft.Extensions.Configuration@[10.0.0,) - prod pkg:nuget/Microsoft.Extensions.Configuration',
      '5:5 Microsoft.Extensions.Configuration@[8.0.0,) - prod pkg:nuget/Microsoft.Extensions.Configuration',
      '5:5 Microsoft.Extensions.Configuration@[9.0.0,) - prod pkg:nuget/Microsoft.Extensions.Configuration',
      '6:5 Microsoft.AspNetCore.Components.WebAssembly@10.0.11 10.0.11 prod pkg:nuget/Microsoft.AspNetCore.Components.WebAssembly@10.0.11',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '5 unresolved-version Microsoft.Extensions.Configuration: version [10.0.0,) is a range or a floating version: listed without a version',
      '5 unresolved-version Microsoft.Extensions.Configuration: version [8.0.0,) is a range or a floating version: listed without a version',
      '5 unresolved-version Microsoft.Extensions.Configuration: version [9.0.0,) is a range or a floating version: listed without a version',
    ])
    // Unconditioned items decide: an Update sets the one version, a Remove drops it; conditioned ones add candidates.
    const props = `<Project>
  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Example.Updated" Version="1.0.0" Condition="'$(TargetFramework)' == 'net8.0'" />
    <PackageVersion Include="Example.Updated" Version="2.0.0" />
    <PackageVersion Update="Example.Updated" Version="3.0.0" />
    <PackageVersion Include="Example.Removed;Example.Kept" Version="1.0.0" />
    <PackageVersion Remove="Example.Removed" />
    <PackageVersion Remove="Example.Kept" Condition="false" />
    <PackageVersion Update="Example.Nowhere" Version="9.9.9" Condition="true" />
    <PackageVersion Include="Example.SourceBuilt" Version="1.0.0" />
    <PackageVersion Update="Example.SourceBuilt" Version="$(ExampleVersion)" Condition="'$(ExampleVersion)' != ''" />
    <PackageVersion Include="Example.Unknown" Version="$(ExampleVersion)" Condition="'$(ExampleVersion)' != ''" />
  </ItemGroup>
  <Choose>
    <When Condition="'$(OS)' == 'Windows_NT'"><ItemGroup><PackageVersion Include="Example.Chosen" Version="1.0.0" /></ItemGroup></When>
    <Otherwise><ItemGroup><PackageVersion Include="Example.Chosen" Version="1.0.0-linux" /></ItemGroup></Otherwise>
  </Choose>
</Project>
`
    const managed = discover(
      'src/A/A.csproj',
      '<Project><ItemGroup><PackageReference Include="Example.Updated;Example.Removed;Example.Kept;Example.Nowhere;Example.Chosen;Example.SourceBuilt;Example.Unknown" /></ItemGroup></Project>',
      {'Directory.Packages.props': props},
    )
    expect(rows(managed)).toEqual([
      '1:21 Example.Updated@3.0.0 3.0.0 prod pkg:nuget/Example.Updated@3.0.0',
      '1:21 Example.Removed - prod pkg:nuget/Example.Removed',
      '1:21 Example.Kept@1.0.0 1.0.0 prod pkg:nuget/Example.Kept@1.0.0',
      '1:21 Example.Nowhere - prod pkg:nuget/Example.Nowhere',
      '1:21 Example.Chosen@1.0.0 1.0.0 prod pkg:nuget/Example.Chosen@1.0.0',
      '1:21 Example.Chosen@1.0.0-linux 1.0.0-linux prod pkg:nuget/Example.Chosen@1.0.0-linux',
      // A conditioned version from a property not defined here adds no candidate beside a known one.
      '1:21 Example.SourceBuilt@1.0.0 1.0.0 prod pkg:nuget/Example.SourceBuilt@1.0.0',
      '1:21 Example.Unknown@$(ExampleVersion) - prod pkg:nuget/Example.Unknown',
    ])
    expect(managed.skipped.map((s) => s.message)).toEqual([
      'Example.Removed: no version here, and none in the central Directory.Packages.props',
      'Example.Nowhere: no version here, and none in the central Directory.Packages.props',
      'Example.Unknown: version $(ExampleVersion) names a property that is not defined here',
    ])
  })

  it("follows a nested Directory.Packages.props' Import of its parent (dotnet/aspire's playground and tests)", () => {
    const files: Record<string, string> = {}
    for (const path of [
      'Directory.Packages.props',
      'eng/Versions.props',
      'playground/Directory.Packages.props',
      'tests/Directory.Packages.props',
    ])
      files[path] = fixture(`aspire/${path}`)
    // playground's props sets nothing itself: it imports the root's unless TestsRunningOutsideOfRepo is true (set
    // only by aspire's Helix CI runs: empty here, as in a build whose environment does not set it).
    const worker = discover(
      'playground/AzureKusto/AzureKusto.Worker/AzureKusto.Worker.csproj',
      fixture('aspire/playground/AzureKusto/AzureKusto.Worker/AzureKusto.Worker.csproj'),
      files,
    )
    expect(worker.errors).toEqual([])
    expect(worker.skipped).toEqual([])
    expect(rows(worker)).toEqual([
      '11:5 Microsoft.Azure.Kusto.Data@14.0.3 14.0.3 prod pkg:nuget/Microsoft.Azure.Kusto.Data@14.0.3',
      '12:5 Microsoft.Azure.Kusto.Ingest@14.0.3 14.0.3 prod pkg:nuget/Microsoft.Azure.Kusto.Ingest@14.0.3',
      '13:5 Polly.Extensions@8.6.5 8.6.5 prod pkg:nuget/Polly.Extensions@8.6.5',
      '14:5 System.Text.Json@9.0.7 9.0.7 prod pkg:nuget/System.Text.Json@9.0.7',
    ])
    // tests' props imports the root's first, then adds its own versions and properties; the root's imports
    // eng/Versions.props (`'$(MajorVersion)' == '' and Exists('eng/Versions.props')`), whose properties give versions.
    const project = `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Microsoft.Azure.Kusto.Data" />
    <PackageReference Include="Testcontainers.Kafka" />
    <PackageReference Include="Microsoft.DotNet.RemoteExecutor" />
    <PackageReference Include="xunit.v3.extensibility.core" />
    <PackageReference Include="Npgsql.DependencyInjection" VersionOverride="$(Npgsql8Version)" />
  </ItemGroup>
</Project>
`
    const tests = discover('tests/Example.Tests/Example.Tests.csproj', project, files)
    expect(tests.errors).toEqual([])
    expect(tests.skipped).toEqual([])
    expect(rows(tests)).toEqual([
      '3:5 Microsoft.Azure.Kusto.Data@14.0.3 14.0.3 prod pkg:nuget/Microsoft.Azure.Kusto.Data@14.0.3',
      '4:5 Testcontainers.Kafka@4.8.1 4.8.1 prod pkg:nuget/Testcontainers.Kafka@4.8.1',
      '5:5 Microsoft.DotNet.RemoteExecutor@11.0.0-beta.25610.3 11.0.0-beta.25610.3 prod pkg:nuget/Microsoft.DotNet.RemoteExecutor@11.0.0-beta.25610.3',
      '6:5 xunit.v3.extensibility.core@3.1.0 3.1.0 prod pkg:nuget/xunit.v3.extensibility.core@3.1.0',
      // A property of the central files, which MSBuild imports before the project's body.
      '7:5 Npgsql.DependencyInjection@8.0.6 8.0.6 prod pkg:nuget/Npgsql.DependencyInjection@8.0.6',
    ])
    // Each props file read on its own: every import followed, or not taken by its condition; nothing to say.
    for (const path of [
      'Directory.Packages.props',
      'playground/Directory.Packages.props',
      'tests/Directory.Packages.props',
    ])
      expect(discover(path, files[path], files), path).toEqual({components: [], skipped: [], errors: []})
    // Without eng/Versions.props, Exists() is false: the root's import is not taken, its properties are not there.
    const {'eng/Versions.props': _, ...without} = files
    const bare = discover('tests/Example.Tests/Example.Tests.csproj', project, without)
    expect(bare.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '5 unresolved-version Microsoft.DotNet.RemoteExecutor: version $(MicrosoftDotNetRemoteExecutorVersion) names a property that is not defined here',
      '6 unresolved-version xunit.v3.extensibility.core: version $(XunitV3Version) names a property that is not defined here',
    ])
  })

  it('evaluates imports where they are, in the forms it follows; says which it does not follow, and why', () => {
    const root = `<Project>
  <PropertyGroup>
    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
    <ExampleVersion>1.0.0</ExampleVersion>
  </PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Example.Early" Version="1.0.0" />
    <PackageVersion Include="Example.Late" Version="1.0.0" />
    <PackageVersion Include="Example.Property" Version="$(ExampleVersion)" />
  </ItemGroup>
</Project>
`
    // Before its Import: overridden by the parent's; after it: overrides the parent's.
    const child = (written: string) => `<Project>
  <ItemGroup><PackageVersion Include="Example.Early" Version="2.0.0" /></ItemGroup>
  <Import Project="${written}" />
  <PropertyGroup><ExampleVersion>3.0.0</ExampleVersion></PropertyGroup>
  <ItemGroup><PackageVersion Update="Example.Late" Version="2.0.0" /></ItemGroup>
</Project>
`
    const project =
      '<Project><ItemGroup><PackageReference Include="Example.Early;Example.Late;Example.Property" /></ItemGroup></Project>'
    for (const written of [
      '$([MSBuild]::GetPathOfFileAbove(Directory.Packages.props, $(MSBuildThisFileDirectory)..))',
      "$([MSBuild]::GetPathOfFileAbove('Directory.Packages.props', '$(MSBuildThisFileDirectory)../'))",
      '$([MSBuild]::GetDirectoryNameOfFileAbove($(MSBuildThisFileDirectory).., Directory.Packages.props))/Directory.Packages.props',
      '$(MSBuildThisFileDirectory)..\\..\\Directory.Packages.props',
      '../../Directory.Packages.props',
    ]) {
      const files = {'Directory.Packages.props': root, 'src/app/Directory.Packages.props': child(written)}
      const out = discover('src/app/App/App.csproj', project, files)
      expect(rows(out), written).toEqual([
        '1:21 Example.Early@1.0.0 1.0.0 prod pkg:nuget/Example.Early@1.0.0',
        '1:21 Example.Late@2.0.0 2.0.0 prod pkg:nuget/Example.Late@2.0.0',
        '1:21 Example.Property@3.0.0 3.0.0 prod pkg:nuget/Example.Property@3.0.0',
      ])
      expect(out.skipped, written).toEqual([])
      expect(
        discover('src/app/Directory.Packages.props', files['src/app/Directory.Packages.props'], files).skipped,
      ).toEqual([])
    }
    // What is not followed: skipped at the props file, named by the projects it leaves without central management.
    const props = `<Project>
  <Import Project="$([System.IO.Path]::Combine($(MSBuildThisFileDirectory), '..', 'Directory.Packages.props'))" />
  <Import Project="../Directory.Packages.props" Condition="'$(A)' == 'true' or '$(B)' == 'true'" />
  <ImportGroup Condition="Exists('../Shared.props')">
    <Import Project="../Shared.props" />
  </ImportGroup>
  <Import Project="Missing.props" />
  <Import Project="Off.props" Condition="'$(Unset)' == 'true'" />
  <Import Project="$(MSBuildThisFileDirectory)Loop.props" />
</Project>
`
    const files = {
      'Directory.Packages.props': root,
      'sub/Directory.Packages.props': props,
      'sub/Loop.props':
        '<Project><Import Project="Directory.Packages.props" /><Import Project="Loop.props" /></Project>',
    }
    const own = discover('sub/Directory.Packages.props', props, files)
    expect(own.errors).toEqual([])
    expect(own.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      "sub/Directory.Packages.props:2 unsupported Import Project=\"$([System.IO.Path]::Combine($(MSBuildThisFileDirectory), '..', 'Directory.Packages.props'))\" at sub/Directory.Packages.props:2:3 is not followed: it is a property, a property function or a path not evaluated here (GetPathOfFileAbove from $(MSBuildThisFileDirectory) and relative paths to a .props file are); what it would give this file's versions is not read",
      "sub/Directory.Packages.props:3 unsupported Import Project=\"../Directory.Packages.props\" at sub/Directory.Packages.props:3:3 is not followed: its condition '$(A)' == 'true' or '$(B)' == 'true' is not evaluated here; what it would give this file's versions is not read",
      "sub/Directory.Packages.props:5 unsupported Import Project=\"../Shared.props\" at sub/Directory.Packages.props:5:5 is not followed: its condition Exists('../Shared.props') is not evaluated here; what it would give this file's versions is not read",
      'sub/Directory.Packages.props:7 missing-resource Import Project="Missing.props" at sub/Directory.Packages.props:7:3 is not followed: sub/Missing.props is not in the scanned folder; what it would give this file\'s versions is not read',
    ])
    const app = discover('sub/App/App.csproj', project, files)
    expect(app.skipped.map((s) => s.message)).toEqual([
      `Example.Early: no version, and the nearest Directory.Packages.props (sub/Directory.Packages.props) does not set ManagePackageVersionsCentrally to true, and the Import at sub/Directory.Packages.props:2:3 is not followed: it is a property, a property function or a path not evaluated here (GetPathOfFileAbove from $(MSBuildThisFileDirectory) and relative paths to a .props file are)`,
      expect.stringMatching(
        /^Example\.Late: no version, and the nearest Directory\.Packages\.props \(sub\/Directory\.Packages\.props\)/,
      ),
      expect.stringMatching(/^Example\.Property: no version, and the nearest/),
    ])
    // A props file at the root looking above it: outside the scanned folder, nothing is read there.
    const top = discover(
      'Directory.Packages.props',
      '<Project>\n  <Import Project="$([MSBuild]::GetPathOfFileAbove(Directory.Packages.props, $(MSBuildThisFileDirectory)..))" />\n</Project>\n',
    )
    expect(top.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '2 missing-resource Import Project="$([MSBuild]::GetPathOfFileAbove(Directory.Packages.props, $(MSBuildThisFileDirectory)..))" at Directory.Packages.props:2:3 is not followed: there is no Directory.Packages.props above Directory.Packages.props in the scanned folder; what it would give this file\'s versions is not read',
    ])
    // Central management off in the nearest props: the message names it.
    const off = discover('a/A.csproj', project, {
      'a/Directory.Packages.props':
        '<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>',
    })
    expect(off.skipped[0].message).toBe(
      'Example.Early: no version, and the nearest Directory.Packages.props (a/Directory.Packages.props) sets ManagePackageVersionsCentrally to false, not true',
    )
    const none = discover('a/A.csproj', project)
    expect(none.skipped[0].message).toBe(
      'Example.Early: no version, and no Directory.Packages.props at or above the file (central package management)',
    )
  })

  it("takes properties from a project's and the nearest Directory.Build.props' unconditioned .props imports", () => {
    const files = {
      'Directory.Build.props': `<Project>
  <Import Project="eng/Versions.props" />
  <Import Project="eng/Conditioned.props" Condition="'$(Configuration)' == 'Release'" />
</Project>
`,
      'eng/Versions.props':
        '<Project><PropertyGroup><FromBuildVersion>1.0.0</FromBuildVersion><ShadowedVersion>1.0.0</ShadowedVersion></PropertyGroup></Project>',
      'eng/Conditioned.props':
        '<Project><PropertyGroup><ReleaseVersion>9.9.9</ReleaseVersion></PropertyGroup></Project>',
      'src/build/common.props':
        '<Project><PropertyGroup><CommonVersion>2.0.0</CommonVersion><OverriddenVersion>2.0.0</OverriddenVersion></PropertyGroup></Project>',
    }
    const out = discover(
      'src/App/App.csproj',
      `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OverriddenVersion>1.5.0</OverriddenVersion><ShadowedVersion>3.0.0</ShadowedVersion></PropertyGroup>
  <Import Project="..\\build\\common.props" />
  <ItemGroup>
    <PackageReference Include="Example.FromBuild" Version="$(FromBuildVersion)" />
    <PackageReference Include="Example.Common" Version="$(commonversion)" />
    <PackageReference Include="Example.Overridden" Version="$(OverriddenVersion)" />
    <PackageReference Include="Example.Shadowed" Version="$(ShadowedVersion)" />
    <PackageReference Include="Example.Release" Version="$(ReleaseVersion)" />
  </ItemGroup>
</Project>
`,
      files,
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '5:5 Example.FromBuild@1.0.0 1.0.0 prod pkg:nuget/Example.FromBuild@1.0.0',
      // Property names are case-insensitive.
      '6:5 Example.Common@2.0.0 2.0.0 prod pkg:nuget/Example.Common@2.0.0',
      // The import comes after the project's own definition: it wins, as MSBuild keeps the last.
      '7:5 Example.Overridden@2.0.0 2.0.0 prod pkg:nuget/Example.Overridden@2.0.0',
      // The project's body comes after Directory.Build.props: its definition wins.
      '8:5 Example.Shadowed@3.0.0 3.0.0 prod pkg:nuget/Example.Shadowed@3.0.0',
      '9:5 Example.Release@$(ReleaseVersion) - prod pkg:nuget/Example.Release',
    ])
    // A conditioned import of a project or a Directory.Build.props is not followed: the version stays unresolved.
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '9 unresolved-version Example.Release: version $(ReleaseVersion) names a property that is not defined here',
    ])
  })

  it('tells an import not followed once, in a file two Directory.Packages.props import; conditions read names in any case', () => {
    const files: Record<string, string> = {
      'a/Directory.Packages.props': '<Project><Import Project="../eng/Shared.props" /></Project>',
      'b/Directory.Packages.props': '<Project><Import Project="../eng/Shared.props" /></Project>',
      'eng/Shared.props': `<Project>
  <PropertyGroup><UseExtra>TRUE</UseExtra></PropertyGroup>
  <Import Project="Extra.props" Condition="'$(useextra)' == 'true'" />
  <Import Project="$(RepoRoot)eng/Other.props" />
</Project>
`,
      'eng/Extra.props':
        '<Project><PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup><ItemGroup><PackageVersion Include="Example.Extra" Version="1.2.3" /></ItemGroup></Project>',
    }
    const context = {readText: (f: string) => files[f] ?? null}
    const told = ['a/Directory.Packages.props', 'b/Directory.Packages.props'].map((file) =>
      (discoverer.discover({file, text: files[file]}, context) as Required<DiscoverOutput>).skipped.map(
        (s) => `${s.file}:${s.line} ${s.reason}`,
      ),
    )
    expect(told).toEqual([['eng/Shared.props:4 unsupported'], []])
    const app = discoverer.discover(
      {
        file: 'b/App/App.csproj',
        text: '<Project><ItemGroup><PackageReference Include="Example.Extra" /></ItemGroup></Project>',
      },
      context,
    ) as Required<DiscoverOutput>
    expect(rows(app)).toEqual(['1:21 Example.Extra@1.2.3 1.2.3 prod pkg:nuget/Example.Extra@1.2.3'])
    // Central management on, no version, an import not followed: the skip names it.
    const missing = discover(
      'c/C.csproj',
      '<Project><ItemGroup><PackageReference Include="Example.Extra" /></ItemGroup></Project>',
      {
        'c/Directory.Packages.props':
          '<Project>\n  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>\n  <Import Project="Versions.props" />\n</Project>\n',
      },
    )
    expect(missing.skipped.map((s) => s.message)).toEqual([
      'Example.Extra: no version here, and none in the central c/Directory.Packages.props (the Import at c/Directory.Packages.props:3:3 is not followed: c/Versions.props is not in the scanned folder)',
    ])
  })
})
