import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'

function discover(text: string, file = 'ios/Podfile.lock') {
  return discoverer.discover({file, text}, {readText: () => null}) as {
    components: Component[]
    skipped?: Array<{line?: number; reason: string; message: string}>
    errors: Array<{file: string; code: string; line?: number; column?: number; message: string}>
  }
}

const row = (c: Component) =>
  `${c.name} ${c.version} ${c.direct ?? '-'} ${c.purl ?? 'local'} ${c.locations[0].line}:${c.locations[0].column}`

const fixture = readFileSync(new URL('./__fixtures__/Podfile.lock', import.meta.url), 'utf8')

describe('podfile-lock', () => {
  it('reads a real Podfile.lock (Signal-iOS): root pods with their subspecs merged, git pods at their checkout', () => {
    const out = discover(fixture)
    expect(out.errors).toEqual([])
    expect(out.components.map(row)).toEqual([
      'AFNetworking 3.2.1 true pkg:cocoapods/AFNetworking@3.2.1 2:5',
      'CocoaLumberjack 3.6.2 true pkg:cocoapods/CocoaLumberjack@3.6.2 17:5',
      'libPhoneNumber-iOS 0.9.15 true pkg:cocoapods/libPhoneNumber-iOS@0.9.15 20:5',
      'Mantle 2.1.0 true pkg:cocoapods/Mantle@2.1.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fsignalapp%2FMantle%40b72c2d1e6132501db906de2cffa8ded7803c54f4 21:5',
      'PureLayout 3.1.6 true pkg:cocoapods/PureLayout@3.1.6 24:5',
      // Only a dependency of YapDatabase: not direct.
      'SQLCipher 4.4.0 false pkg:cocoapods/SQLCipher@4.4.0 25:5',
      'Starscream 3.0.6 true pkg:cocoapods/Starscream@3.0.6?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fsignalapp%2FStarscream.git%40b09ea163c3cb305152c65b299cb024610f52e735 30:5',
      'SwiftProtobuf 1.5.0 true pkg:cocoapods/SwiftProtobuf@1.5.0 31:5',
      // Only subspecs in PODS (YapDatabase/SQLCipher...): the root pod, at its first subspec's entry.
      'YapDatabase 3.1.1 true pkg:cocoapods/YapDatabase@3.1.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fsignalapp%2FYapDatabase.git%40e43ab163b2dcb4c817339c819b07dac545f05fea 32:5',
      'YYImage 1.0.4 true pkg:cocoapods/YYImage@1.0.4?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fsignalapp%2FYYImage%40d91910e6f313a255febbf69795198e74259bd51c 40:5',
    ])
    const yap = out.components.find((c) => c.name === 'YapDatabase')!
    expect([yap.ref, yap.ecosystem, yap.origin]).toEqual(['YapDatabase/SQLCipher (3.1.1)', 'cocoapods', 'lockfile'])
  })

  it('reads quoted names, other spec repos, paths, podspecs, archives and the old trunk URL in any case', () => {
    const out = discover(`PODS:
  - "NSURL+IDN (0.3)"
  - "GoogleToolboxForMac/NSDictionary+URLArguments (2.2.0)":
    - GoogleToolboxForMac/Defines (= 2.2.0)
  - GoogleToolboxForMac/Defines (2.2.0)
  - Internal (2.0.0)
  - LocalKit (0.1.0)
  - React (0.57.5):
    - yoga (= 0.57.5.React)
  - react-native-safe-area (0.5.0)
  - Zipped (1.0.0)
  - Tracks (0.2.3)
  - yoga (0.57.5.React)
  - LegacyKit (1.0)

DEPENDENCIES:
  - "NSURL+IDN (= 0.3)"
  - Internal (~> 2.0)
  - LocalKit (from \`../LocalKit\`)
  - React (from \`https://raw.githubusercontent.com/example/app/main/React.podspec.json\`)
  - react-native-safe-area (from \`https://raw.githubusercontent.com/example/app/main/safe-area.podspec.json\`)
  - Tracks (from \`https://github.com/example/tracks.git\`, tag \`0.2.3\`)
  - Zipped (from \`https://downloads.example.com/zipped-1.0.0.zip\`)

SPEC REPOS:
  https://github.com/cocoapods/specs.git:
    - "NSURL+IDN"
  https://deploy:s3cr3t@git.example.com/ios/specs.git:
    - Internal
  trunk:
    - LegacyKit
  git@github.com:CocoaPods/Specs.git:
    - GoogleToolboxForMac

EXTERNAL SOURCES:
  LocalKit:
    :path: "../LocalKit"
  React:
    :podspec: https://raw.githubusercontent.com/example/app/main/React.podspec.json
  react-native-safe-area:
    :podspec: https://raw.githubusercontent.com/example/app/main/safe-area.podspec.json
  Tracks:
    :git: https://github.com/example/tracks.git
    :tag: 0.2.3
  yoga:
    :podspec: ./yoga.podspec.json
  Zipped:
    :http: https://downloads.example.com/zipped-1.0.0.zip

CHECKOUT OPTIONS:
  react-native-safe-area:
    :git: https://github.com/example/react-native-safe-area.git
    :tag: v0.5.0
  Tracks:
    :git: https://github.com/example/tracks.git
    :tag: 0.2.3

COCOAPODS: 1.5.3
`)
    expect(out.errors).toEqual([])
    expect(out.components.map(row)).toEqual([
      'NSURL+IDN 0.3 true pkg:cocoapods/NSURL%2BIDN@0.3 2:5',
      'GoogleToolboxForMac 2.2.0 false pkg:cocoapods/GoogleToolboxForMac@2.2.0 3:5',
      'Internal 2.0.0 true pkg:cocoapods/Internal@2.0.0?repository_url=https%3A%2F%2Fdeploy%3As3cr3t%40git.example.com%2Fios%2Fspecs.git 6:5',
      'LocalKit 0.1.0 true local 7:5',
      'React 0.57.5 true pkg:cocoapods/React@0.57.5?download_url=https%3A%2F%2Fraw.githubusercontent.com%2Fexample%2Fapp%2Fmain%2FReact.podspec.json 8:5',
      'react-native-safe-area 0.5.0 true pkg:cocoapods/react-native-safe-area@0.5.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Freact-native-safe-area.git%40v0.5.0 10:5',
      'Zipped 1.0.0 true pkg:cocoapods/Zipped@1.0.0?download_url=https%3A%2F%2Fdownloads.example.com%2Fzipped-1.0.0.zip 11:5',
      'Tracks 0.2.3 true pkg:cocoapods/Tracks@0.2.3?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Ftracks.git%400.2.3 12:5',
      'yoga 0.57.5.React false local 13:5',
      'LegacyKit 1.0 false pkg:cocoapods/LegacyKit@1.0 14:5',
    ])
  })

  it('names the file and line of malformed pods, sections and external sources, and reads the rest', () => {
    const out = discover(`PODS:
  - Good (1.0.0)
  - NoVersion
  - "Bad Name (1.0)"
  - (1.0)
  - Weird (1.0) (2.0)
  - 42
  - [nested, list]
  - ../etc (1.0)
  - Root//Sub (1.0)
  - Two (1.0):
      - Dep
    Three (1.0):
      - Dep
  - Mystery (3.0)

DEPENDENCIES:
  - Good
  - {a: b}

SPEC REPOS:
  trunk: Good

EXTERNAL SOURCES:
  Mystery:
    :unknown: x
  Other: plain
`)
    expect(out.components.map(row)).toEqual([
      'Good 1.0.0 true pkg:cocoapods/Good@1.0.0 2:5',
      'Mystery 3.0 false local 15:5',
    ])
    expect(out.errors.map((e) => [e.file, e.line, e.code, e.message])).toEqual([
      ['ios/Podfile.lock', 19, 'invalid-entry', 'DEPENDENCIES item 2: not a pod name and requirement'],
      ['ios/Podfile.lock', 22, 'invalid-entry', 'SPEC REPOS: a repository must list its pods'],
      ['ios/Podfile.lock', 27, 'invalid-entry', 'EXTERNAL SOURCES: the options of pod Other must be a mapping'],
      ...[3, 4, 5, 6, 7, 8, 9, 10, 11].map((line, i) => [
        'ios/Podfile.lock',
        line,
        'invalid-entry',
        `PODS item ${i + 2}: not 'Name (version)'`,
      ]),
      [
        'ios/Podfile.lock',
        26,
        'invalid-entry',
        'EXTERNAL SOURCES: pod Mystery names no :git:, :path:, :podspec:, :http:, :hg: or :svn: source',
      ],
    ])
  })

  it('reports a file that is not a Podfile.lock, or bad YAML, with its line; an empty lockfile gives nothing', () => {
    expect(discover('- PODS\n').errors.map((e) => [e.code, e.line])).toEqual([['invalid-lockfile', 1]])
    expect(discover('PODS:\n  Name: 1.0\n').errors.map((e) => [e.code, e.line])).toEqual([['invalid-lockfile', 2]])
    expect(discover('PODS:\n  - A (1.0)\nDEPENDENCIES: A\n').errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-lockfile', 3],
    ])
    expect(discover('PODS:\n  - A (1.0)\nSPEC REPOS: [a]\nEXTERNAL SOURCES: x\n').errors.map((e) => e.line)).toEqual([
      3, 4,
    ])
    const bad = discover('PODS:\n  - A (1.0)\n  - "B (1.0)\n')
    expect(bad.errors.length).toBeGreaterThan(0)
    expect(bad.errors.every((e) => e.file === 'ios/Podfile.lock' && e.line !== undefined)).toBe(true)
    const duplicate = discover('PODS:\n  - A (1.0)\nPODS:\n  - B (1.0)\n')
    expect(duplicate.errors.map((e) => [e.code, e.line])).toContainEqual(['yaml-duplicate-key', 3])
    expect(discover('')).toEqual({components: [], errors: []})
    expect(discover('COCOAPODS: 1.15.2\n')).toEqual({components: [], errors: []})
  })

  it('reads a huge lockfile, and one long line is an error, not a hang (time per byte: bench/hostile.ts)', () => {
    const pods = Array.from({length: 10_000}, (_, i) => `  - Pod${i} (1.${i}.0):\n    - Pod${i}/Sub (= 1.${i}.0)`)
    const out = discover(`PODS:\n${pods.join('\n')}\n`)
    expect(out.components).toHaveLength(10_000)
    expect(out.components[9_999].purl).toBe('pkg:cocoapods/Pod9999@1.9999.0')
    const long = discover(`PODS:\n  - ${'A'.repeat(200_000)} (${' ('.repeat(50_000)}\n`)
    expect(long.components).toEqual([])
    expect(long.errors.map((e) => [e.code, e.line])).toEqual([['invalid-entry', 2]])
  })

  it('is found by name in a tree, and Pods/Manifest.lock (its copy) is not read', async () => {
    const inventory = await scanTree({
      'ios/Podfile.lock': fixture,
      'ios/Pods/Manifest.lock': fixture,
      'other/podfile.lock': fixture,
    })
    expect(inventory.errors).toEqual([])
    expect(new Set(inventory.components.flatMap((c) => c.locations.map((l) => l.file)))).toEqual(
      new Set(['ios/Podfile.lock']),
    )
    expect(inventory.components).toHaveLength(10)
    expect(discoverer.identify!('PODS:\n  - A (1.0)\n')).toBe(true)
    expect(discoverer.identify!('packages:\n')).toBe(false)
  })

  it("reads grpc's !ProtoCompiler pods and CocoaPods 0.x's pods at HEAD, as CocoaPods reads them", () => {
    // `!ProtoCompiler` is a real pod (grpc/grpc src/objective-c/!ProtoCompiler.podspec); the HEAD form is what
    // CocoaPods before 1.0 wrote for a pod installed from its repository's head (CocoaPods/Core spec fixtures).
    const out = discover(`PODS:
  - "!ProtoCompiler (3.21.5)"
  - "!ProtoCompiler-gRPCPlugin (1.50.0)":
    - "!ProtoCompiler (= 3.21.5)"
  - Kiwi (HEAD based on 2.0.0)

DEPENDENCIES:
  - "!ProtoCompiler-gRPCPlugin"
  - Kiwi (HEAD)

COCOAPODS: 0.39.0
`)
    expect(out.errors).toEqual([])
    expect(out.components.map(row)).toEqual([
      '!ProtoCompiler 3.21.5 false pkg:cocoapods/!ProtoCompiler@3.21.5 2:5',
      '!ProtoCompiler-gRPCPlugin 1.50.0 true pkg:cocoapods/!ProtoCompiler-gRPCPlugin@1.50.0 3:5',
      'Kiwi undefined true pkg:cocoapods/Kiwi 5:5',
    ])
    expect(out.skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '5 unresolved-version Kiwi is installed from the head of its repository (based on 2.0.0): listed without a version',
    ])
  })
})
