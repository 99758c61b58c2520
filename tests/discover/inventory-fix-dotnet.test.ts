import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'

describe('stewards inventory: .NET central package management through imports', () => {
  it("--json gives aspire's playground projects the root's central versions, through playground's Import", async () => {
    // dotnet/aspire's Directory.Packages.props files, eng/Versions.props and a playground project
    // (src/discover/formats/dotnet-project/__fixtures__/aspire), under their real names.
    const fixtures = 'src/discover/formats/dotnet-project/__fixtures__/aspire'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-fix-dotnet-'))
    for (const path of [
      'Directory.Packages.props',
      'eng/Versions.props',
      'playground/Directory.Packages.props',
      'tests/Directory.Packages.props',
      'playground/AzureKusto/AzureKusto.Worker/AzureKusto.Worker.csproj',
    ]) {
      await mkdir(join(dir, dirname(path)), {recursive: true})
      await writeFile(join(dir, path), await readFile(join(fixtures, path), 'utf8'))
    }
    const json = await inventoryJson(dir)
    // The three Directory.Packages.props and the project, each read once; eng/Versions.props only through the
    // root's Import.
    expect(json.files).toBe(4)
    expect(
      json.components.map(
        (c: {purl: string; locations: Array<{file: string; line: number; column: number}>}) =>
          `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line}:${c.locations[0].column} ${c.purl}`,
      ),
    ).toEqual([
      'playground/AzureKusto/AzureKusto.Worker/AzureKusto.Worker.csproj:11:5 pkg:nuget/Microsoft.Azure.Kusto.Data@14.0.3',
      'playground/AzureKusto/AzureKusto.Worker/AzureKusto.Worker.csproj:12:5 pkg:nuget/Microsoft.Azure.Kusto.Ingest@14.0.3',
      'playground/AzureKusto/AzureKusto.Worker/AzureKusto.Worker.csproj:13:5 pkg:nuget/Polly.Extensions@8.6.5',
      'playground/AzureKusto/AzureKusto.Worker/AzureKusto.Worker.csproj:14:5 pkg:nuget/System.Text.Json@9.0.7',
    ])
    expect(json.skipped).toEqual([])
  })
})
