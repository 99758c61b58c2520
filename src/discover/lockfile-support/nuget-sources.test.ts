import {describe, expect, it} from 'vitest'
import {nugetSources} from './nuget-sources.js'

/** A scan's files: readText serves them, null for the others. */
const tree = (files: Record<string, string>) => ({readText: (file: string) => files[file] ?? null})

const config = (body: string) => `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n${body}\n</configuration>\n`

describe('nugetSources', () => {
  it('maps ids to feeds by the most specific pattern (the id, the longest prefix, then *), without case', () => {
    const sources = nugetSources(
      tree({
        'nuget.config': config(`  <packageSources>
    <clear />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
    <add key="contoso" value="https://pkgs.contoso.example/nuget/v3/index.json" />
    <add key="contoso-tools" value="https://tools.contoso.example/v3/index.json" />
  </packageSources>
  <packageSourceCredentials>
    <contoso><add key="ClearTextPassword" value="hunter2" /></contoso>
  </packageSourceCredentials>
  <packageSourceMapping>
    <packageSource key="nuget.org"><package pattern="*" /><package pattern="Contoso.Public" /></packageSource>
    <packageSource key="contoso"><package pattern="Contoso.*" /></packageSource>
    <packageSource key="contoso-tools"><package pattern="Contoso.Tools.*" /></packageSource>
  </packageSourceMapping>`),
      }),
      'src/App/App.csproj',
    )
    expect(sources.errors).toEqual([])
    expect(sources.feedOf('Newtonsoft.Json')).toBeUndefined()
    expect(sources.feedOf('contoso.data')).toBe('https://pkgs.contoso.example/nuget/v3/index.json')
    expect(sources.feedOf('Contoso.Tools.Cli')).toBe('https://tools.contoso.example/v3/index.json')
    expect(sources.feedOf('Contoso.Public')).toBeUndefined()
  })

  it('without a mapping, a feed is known only when nuget.org is not a source; nearer configs win, <clear /> drops', () => {
    const privateOnly = config(
      `<packageSources><clear /><add key="internal" value="https://nuget.internal.example/v3/index.json" /></packageSources>`,
    )
    expect(nugetSources(tree({'NuGet.Config': privateOnly}), 'App.csproj').feedOf('Anything')).toBe(
      'https://nuget.internal.example/v3/index.json',
    )
    // Beside nuget.org (the user's own config lists it; no <clear />): NuGet takes either, nothing is said.
    const beside = config(
      `<packageSources><add key="internal" value="https://nuget.internal.example/v3/index.json" /></packageSources>`,
    )
    expect(nugetSources(tree({'nuget.config': beside}), 'App.csproj').feedOf('Anything')).toBeUndefined()
    // A nearer config adds nuget.org back after the root's <clear />; a disabled source is no source.
    const near = config(
      `<packageSources><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources>`,
    )
    expect(
      nugetSources(tree({'nuget.config': privateOnly, 'src/nuget.config': near}), 'src/App/App.csproj').feedOf('X'),
    ).toBeUndefined()
    const disabled = config(
      `<packageSources><clear /><add key="a" value="https://a.example/v3/index.json" /><add key="b" value="https://b.example/v3/index.json" /></packageSources><disabledPackageSources><add key="a" value="true" /></disabledPackageSources>`,
    )
    expect(nugetSources(tree({'nuget.config': disabled}), 'App.csproj').feedOf('X')).toBe(
      'https://b.example/v3/index.json',
    )
  })

  it('reports a config that is not well-formed XML (or has a DOCTYPE), at its line', () => {
    const sources = nugetSources(
      tree({'nuget.config': '<configuration>\n<packageSources>\n</configuration>\n'}),
      'App.csproj',
    )
    expect(sources.feedOf('X')).toBeUndefined()
    expect(sources.errors).toHaveLength(1)
    expect(sources.errors[0]).toMatchObject({file: 'nuget.config', code: 'invalid-xml', line: 3})
    expect(sources.errors[0].message).toContain('the package sources it names are not known')
    const doctype = nugetSources(tree({'nuget.config': '<!DOCTYPE x [<!ENTITY a "b">]><configuration/>'}), 'A.csproj')
    expect(doctype.errors[0].message).toContain('a DOCTYPE is not allowed in a NuGet config')
  })
})
