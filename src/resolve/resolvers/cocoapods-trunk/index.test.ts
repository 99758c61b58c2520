import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import {
  pkg,
  resolveOnline,
  summarise,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

describe('cocoapods-trunk (written from the CDN layout of cocoapods-core)', () => {
  it('reads source.git (a monorepo too), then homepage and source.http on a forge; says why it misses', async () => {
    const run = await resolveOnline(
      emulators,
      [
        pkg('cocoapods', 'Alamofire', '5.9.1'),
        pkg('cocoapods', 'AFNetworking', '3.2.0'),
        pkg('cocoapods', 'Firebase', '10.0.0'),
        pkg('cocoapods', 'SDWebImage', '5.19.0'),
        pkg('cocoapods', 'SDWebImage/MapKit', '5.19.0'),
        pkg('cocoapods', 'HockeySDK', '5.1.4'),
        pkg('cocoapods', 'ExampleKit', '1.0.0'),
        pkg('cocoapods', 'GoogleAppMeasurement', '10.0.0'),
        pkg('cocoapods', 'Missing', '1.0.0'),
        pkg('cocoapods', '../etc', '1.0.0'),
        pkg('cocoapods', 'NoVersion', '~> 1.0'),
        {
          ...pkg('cocoapods', 'Internal', '2.0.0'),
          purl: 'pkg:cocoapods/Internal@2.0.0?repository_url=https%3A%2F%2Fgit.example.com%2Fios%2Fspecs.git',
        },
        {
          ...pkg('cocoapods', 'React', '0.57.5'),
          purl: 'pkg:cocoapods/React@0.57.5?download_url=https%3A%2F%2Fraw.githubusercontent.com%2Fexample%2Fapp%2Fmain%2FReact.podspec.json',
        },
        {
          ...pkg('cocoapods', 'Forked', '1.0.0'),
          purl: 'pkg:cocoapods/Forked@1.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Fforked.git%40abc',
        },
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'Alamofire@5.9.1': 'github.com/Alamofire/Alamofire medium the CocoaPods trunk',
      'AFNetworking@3.2.0': 'github.com/AFNetworking/AFNetworking medium the CocoaPods trunk',
      // Firebase's pods are all built from one monorepo: that repository (podspecs name no directory).
      'Firebase@10.0.0': 'github.com/firebase/firebase-ios-sdk medium the CocoaPods trunk',
      'SDWebImage@5.19.0': 'github.com/SDWebImage/SDWebImage medium the CocoaPods trunk',
      // A subspec: its root pod's podspec.
      'SDWebImage/MapKit@5.19.0': 'github.com/SDWebImage/SDWebImage medium the CocoaPods trunk',
      // A binary release on GitHub, the homepage elsewhere: the archive's repository, low.
      'HockeySDK@5.1.4': 'github.com/bitstadium/HockeySDK-iOS low the CocoaPods trunk',
      'ExampleKit@1.0.0': 'github.com/example/ExampleKit low the CocoaPods trunk',
      'GoogleAppMeasurement@10.0.0': 'unresolved: no-repository',
      'Missing@1.0.0': 'unresolved: not-found',
      '../etc@1.0.0': 'unresolved: invalid-name',
      'NoVersion@~> 1.0': 'unresolved: no-version',
      'Internal@2.0.0': 'unresolved: unsupported',
      'React@0.57.5': 'unresolved: unsupported',
      'Forked@1.0.0': 'unresolved: unsupported',
    })
    // md5("Alamofire") starts da2, md5("Firebase") 035: the CDN's directories.
    expect(emulators.servers.cocoapods.requests.map((r) => r.url).sort()).toEqual([
      '/Specs/0/3/5/Firebase/10.0.0/Firebase.podspec.json',
      '/Specs/1/1/7/SDWebImage/5.19.0/SDWebImage.podspec.json',
      '/Specs/2/a/e/Missing/1.0.0/Missing.podspec.json',
      '/Specs/5/f/c/ExampleKit/1.0.0/ExampleKit.podspec.json',
      '/Specs/7/4/6/HockeySDK/5.1.4/HockeySDK.podspec.json',
      '/Specs/a/7/5/AFNetworking/3.2.0/AFNetworking.podspec.json',
      '/Specs/d/a/2/Alamofire/5.9.1/Alamofire.podspec.json',
      '/Specs/e/3/b/GoogleAppMeasurement/10.0.0/GoogleAppMeasurement.podspec.json',
    ])
  })

  it('asks trunk about a pod of a spec repository named as its mirror, and of the old Specs repository', async () => {
    const before = emulators.servers.cocoapods.requests.length
    const run = await resolveOnline(
      emulators,
      [
        {
          ...pkg('cocoapods', 'Alamofire', '5.9.1'),
          purl: 'pkg:cocoapods/Alamofire@5.9.1?repository_url=https%3A%2F%2Fspecs.mirror.example%2Fcocoapods',
        },
        {
          ...pkg('cocoapods', 'SDWebImage', '5.19.0'),
          purl: 'pkg:cocoapods/SDWebImage@5.19.0?repository_url=https%3A%2F%2Fgithub.com%2FCocoaPods%2FSpecs.git',
        },
      ],
      [resolver],
      {registryMirrors: ['https://specs.mirror.example/cocoapods']},
    )
    expect(summarise(run)).toEqual({
      'Alamofire@5.9.1': 'github.com/Alamofire/Alamofire medium the CocoaPods trunk',
      'SDWebImage@5.19.0': 'github.com/SDWebImage/SDWebImage medium the CocoaPods trunk',
    })
    expect(emulators.servers.cocoapods.requests.length).toBe(before + 2)
  })

  it('resolves what a Podfile.lock lists, end to end: trunk pods here, git pods by their vcs_url, private ones not', async () => {
    const inventory = await scanTree({
      'ios/Podfile.lock': `PODS:
  - Alamofire (5.9.1)
  - Firebase/CoreOnly (10.0.0):
    - FirebaseCore (= 10.0.0)
  - Internal (2.0.0)
  - Mantle (2.1.0):
    - Mantle/extobjc (= 2.1.0)
  - Mantle/extobjc (2.1.0)
  - SDWebImage (5.19.0):
    - SDWebImage/Core (= 5.19.0)
  - SDWebImage/Core (5.19.0)

DEPENDENCIES:
  - Alamofire (~> 5.9)
  - Firebase/CoreOnly
  - Internal
  - Mantle (from \`https://github.com/signalapp/Mantle\`, branch \`signal-master\`)
  - SDWebImage

SPEC REPOS:
  https://git.example.com/ios/specs.git:
    - Internal
  trunk:
    - Alamofire
    - Firebase
    - SDWebImage

EXTERNAL SOURCES:
  Mantle:
    :branch: signal-master
    :git: https://github.com/signalapp/Mantle

CHECKOUT OPTIONS:
  Mantle:
    :commit: b72c2d1e6132501db906de2cffa8ded7803c54f4
    :git: https://github.com/signalapp/Mantle

COCOAPODS: 1.15.2
`,
    })
    expect(inventory.errors).toEqual([])
    const run = await resolveOnline(emulators, inventory.components)
    expect(summarise(run)).toEqual({
      'Alamofire@5.9.1': 'github.com/Alamofire/Alamofire medium the CocoaPods trunk',
      'Firebase@10.0.0': 'github.com/firebase/firebase-ios-sdk medium the CocoaPods trunk',
      'Internal@2.0.0': 'unresolved: unsupported',
      'Mantle@2.1.0': 'github.com/signalapp/Mantle high vcs-url',
      'SDWebImage@5.19.0': 'github.com/SDWebImage/SDWebImage medium the CocoaPods trunk',
    })
  })
})
