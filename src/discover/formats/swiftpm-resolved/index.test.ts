import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string) {
  return discoverer.discover({file: 'Package.resolved', text}, {readText: () => null}) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => [c.name, c.version, c.local, c.purl, c.locations[0].line])

describe('swiftpm-resolved', () => {
  it('reads version 1 pins', () => {
    const out = discover(`{
  "object": {
    "pins": [
      {
        "package": "swift-argument-parser",
        "repositoryURL": "https://github.com/apple/swift-argument-parser",
        "state": {"branch": null, "revision": "6b2aa2748a7881eebb9f84fb10c01293e15b52ca", "version": "0.5.0"}
      },
      {
        "package": "Forked",
        "repositoryURL": "git@gitlab.com:example-group/forked.git",
        "state": {"branch": "main", "revision": "0123456789abcdef0123456789abcdef01234567", "version": null}
      }
    ]
  },
  "version": 1
}
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      [
        'github.com/apple/swift-argument-parser',
        '0.5.0',
        undefined,
        'pkg:swift/github.com/apple/swift-argument-parser@0.5.0',
        4,
      ],
      [
        'gitlab.com/example-group/forked',
        '0123456789abcdef0123456789abcdef01234567',
        undefined,
        'pkg:swift/gitlab.com/example-group/forked@0123456789abcdef0123456789abcdef01234567',
        9,
      ],
    ])
  })

  it('takes a version 1 pin of a repository on this machine (its path, or a file: URL) for a local one', () => {
    // v1 has no kind: SwiftPM wrote `.package(url: "../LocalKit", …)` as the repository's absolute path.
    const out = discover(`{
  "object": {
    "pins": [
      {
        "package": "LocalKit",
        "repositoryURL": "/Users/me/src/LocalKit",
        "state": {"branch": "main", "revision": "0123456789abcdef0123456789abcdef01234567", "version": null}
      },
      {
        "package": "FileKit",
        "repositoryURL": "file:///Users/me/src/FileKit",
        "state": {"branch": null, "revision": "0123456789abcdef0123456789abcdef01234568", "version": "1.0.0"}
      },
      {
        "package": "WinKit",
        "repositoryURL": "C:\\\\src\\\\WinKit",
        "state": {"branch": null, "revision": "0123456789abcdef0123456789abcdef01234569", "version": "2.0.0"}
      },
      {
        "package": "RemoteKit",
        "repositoryURL": "https://example.com/remote-kit.git",
        "state": {"branch": null, "revision": "0123456789abcdef0123456789abcdef0123456a", "version": "3.0.0"}
      }
    ]
  },
  "version": 1
}
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      ['LocalKit', '0123456789abcdef0123456789abcdef01234567', true, undefined, 4],
      ['FileKit', '1.0.0', true, undefined, 9],
      ['WinKit', '2.0.0', true, undefined, 14],
      ['example.com/remote-kit', '3.0.0', undefined, 'pkg:swift/example.com/remote-kit@3.0.0', 19],
    ])
  })

  it('reads version 2 and 3 pins of every kind, and reports bad ones at their line', () => {
    const out = discover(`{
  "originHash" : "abc",
  "pins" : [
    {
      "identity" : "swift-nio",
      "kind" : "remoteSourceControl",
      "location" : "https://github.com/apple/swift-nio.git",
      "state" : {"revision" : "fc63f0cf4e55a4597407a9fc95b16a2bc44b4982", "version" : "2.64.0"}
    },
    {
      "identity" : "local-lib",
      "kind" : "localSourceControl",
      "location" : "/src/local-lib",
      "state" : {"revision" : "0123456789abcdef0123456789abcdef01234567"}
    },
    {
      "identity" : "example.swift-tool",
      "kind" : "registry",
      "location" : "",
      "state" : {"version" : "1.2.3"}
    },
    {"identity" : "broken", "kind" : "svn", "state" : {}}
  ],
  "version" : 3
}
`)
    expect(rows(out)).toEqual([
      ['github.com/apple/swift-nio', '2.64.0', undefined, 'pkg:swift/github.com/apple/swift-nio@2.64.0', 4],
      ['local-lib', '0123456789abcdef0123456789abcdef01234567', true, undefined, 10],
      ['example.swift-tool', '1.2.3', undefined, undefined, 16],
    ])
    expect(out.errors.map((e) => [e.line, e.code])).toEqual([[22, 'invalid-entry']])
    expect(discover('{"version": 4, "pins": []}').errors.map((e) => e.code)).toEqual(['unsupported-version'])
  })
})
