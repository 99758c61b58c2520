import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {scanTree} from '../../../../tests/discover/tree.js'
import {discoverer} from './index.js'

function discover(text: string) {
  return discoverer.discover(
    {file: 'src/App/packages.lock.json', text},
    {readText: () => null},
  ) as Required<DiscoverOutput>
}

describe('nuget-lock', () => {
  it('reads every target framework: direct, transitive, central and project entries with their lines', () => {
    const out = discover(`{
  "version": 2,
  "dependencies": {
    "net8.0": {
      "Newtonsoft.Json": {
        "type": "Direct",
        "requested": "[13.0.3, )",
        "resolved": "13.0.3",
        "contentHash": "HrC5BXdl00IP9zeV+0Z848QWPAoCr9P3bDEZguI+gkLcBKAOxix/tLEAAHC+UvDNPv4a2d18lOReHMOagPa+zQ=="
      },
      "System.Text.Json": {
        "type": "CentralTransitive",
        "requested": "[8.0.4, )",
        "resolved": "8.0.4"
      },
      "Microsoft.CSharp": {
        "type": "Transitive",
        "resolved": "4.7.0",
        "dependencies": {"System.Runtime": "4.3.0"}
      },
      "example.core": {
        "type": "Project",
        "dependencies": {"Newtonsoft.Json": "[13.0.3, )"}
      },
      "Broken": {"type": "Transitive"}
    }
  }
}
`)
    expect(out.components.map((c) => [c.name, c.version, c.direct, c.local, c.purl, c.locations[0].line])).toEqual([
      ['Newtonsoft.Json', '13.0.3', true, undefined, 'pkg:nuget/Newtonsoft.Json@13.0.3', 5],
      ['System.Text.Json', '8.0.4', false, undefined, 'pkg:nuget/System.Text.Json@8.0.4', 11],
      ['Microsoft.CSharp', '4.7.0', false, undefined, 'pkg:nuget/Microsoft.CSharp@4.7.0', 16],
      ['example.core', undefined, true, true, undefined, 21],
    ])
    expect(out.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [25, 'invalid-entry', 'dependencies.net8.0.Broken: resolved: missing'],
    ])
  })

  it("reads a project's own packages.<project name>.lock.json, which NuGet takes before packages.lock.json", async () => {
    // NuGet.Client PackagesLockFileUtilities.GetNuGetLockFilePath: `packages.<name>.lock.json` (spaces as `_`) when
    // it exists beside the project; two projects that share a folder each keep one.
    const lock = (id: string) =>
      `{\n  "version": 1,\n  "dependencies": {\n    "net8.0": {\n      "${id}": {\n        "type": "Direct",\n        "requested": "[1.0.0, )",\n        "resolved": "1.0.0",\n        "contentHash": "x"\n      }\n    }\n  }\n}\n`
    const inventory = await scanTree({
      'src/packages.App_One.lock.json': lock('Example.One'),
      'src/packages.Tool.lock.json': lock('Example.Tool'),
      'other/packages.lock.json': lock('Example.Plain'),
      // The same pattern of name, but not a NuGet lock file: passed over, no error.
      'web/packages.cache.lock.json': '{"entries": []}\n',
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([])
    expect(
      inventory.components.map(
        (c) => `${c.purl} ${c.direct} ${c.locations.map((l) => `${l.file}:${l.line}:${l.column}`)}`,
      ),
    ).toEqual([
      'pkg:nuget/Example.One@1.0.0 true src/packages.App_One.lock.json:5:7',
      'pkg:nuget/Example.Plain@1.0.0 true other/packages.lock.json:5:7',
      'pkg:nuget/Example.Tool@1.0.0 true src/packages.Tool.lock.json:5:7',
    ])
    expect(discoverer.matches('packages.lock.json')).toBe(true)
    expect(discoverer.named?.('src/packages.lock.json')).toBe(true)
    expect(discoverer.named?.('src/packages.App_One.lock.json')).toBe(false)
    expect(discoverer.matches('src/packages.lock.json.bak')).toBe(false)
  })

  it('refuses unknown versions and bad JSON at their line', () => {
    expect(discover('{"version": 3, "dependencies": {}}').errors.map((e) => e.code)).toEqual(['unsupported-version'])
    expect(discover('{"version": 1,\n "dependencies": {,}}').errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-json', 2],
    ])
    const proto = discover(
      '{"version": 1, "dependencies": {"__proto__": {"x": {"type": "Direct", "resolved": "1.0.0"}}}}',
    )
    expect(({} as {x?: unknown}).x).toBeUndefined()
    expect(proto.errors.map((e) => e.code)).toEqual(['forbidden-key'])
  })
})
