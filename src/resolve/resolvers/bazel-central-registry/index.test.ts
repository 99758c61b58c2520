import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../../../../tests/support/cli.js'
import {
  pkg,
  resolveOnline,
  summarise,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {registeredDiscoverer, registeredResolver} from '../../../../tests/support/registered.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

const bazel = (name: string, version: string, qualifiers = '') => ({
  ...pkg('bazel', name, version),
  purl: `pkg:bazel/${name}@${version}${qualifiers}`,
})

describe('bazel-central-registry (written from the index registry format and the BCR metadata schema)', () => {
  it('reads metadata.json: repository entries first (high), then homepage (medium); says why it misses', async () => {
    const run = await resolveOnline(
      emulators,
      [
        bazel('rules_go', '0.50.1'),
        bazel('zlib', '1.3.1.bcr.3'),
        bazel('googletest', '1.14.0'),
        bazel('eigen', '4.0.0-20241125.bcr.2'),
        bazel('bison', '3.8.2'),
        bazel('missing', '1.0'),
        {...pkg('bazel', '../etc', '1.0'), purl: undefined},
        bazel('internal', '2.0', '?repository_url=https%3A%2F%2Fbcr.example.com'),
        bazel('platforms', '1.0.0', '?repository_url=https%3A%2F%2Fbcr.bazel.build%2F'),
        bazel('circl', '1.3.8'),
        {...pkg('bazel', 'tarball'), purl: 'pkg:bazel/tarball?download_url=https%3A%2F%2Fexample.com%2Ft.tar.gz'},
        {...pkg('bazel', 'forked'), purl: 'pkg:bazel/forked?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Fforked.git'},
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      // The registry's repository (bazel-contrib), not its older homepage (bazelbuild).
      'rules_go@0.50.1': 'github.com/bazel-contrib/rules_go high bcr.bazel.build',
      'zlib@1.3.1.bcr.3': 'github.com/madler/zlib high bcr.bazel.build',
      'googletest@1.14.0': 'github.com/google/googletest high bcr.bazel.build',
      'eigen@4.0.0-20241125.bcr.2': 'gitlab.com/libeigen/eigen high bcr.bazel.build',
      // Source archive mirrors (ftp.gnu.org, mirror.bazel.build) and a homepage on gnu.org: no repository.
      'bison@3.8.2': 'unresolved: no-repository',
      'missing@1.0': 'unresolved: not-found',
      '../etc@1.0': 'unresolved: invalid-name',
      'internal@2.0': 'unresolved: unsupported',
      // A registry URL that is the BCR's own is no other registry.
      'platforms@1.0.0': 'github.com/bazelbuild/platforms high bcr.bazel.build',
      // Its one repository entry is a Go module proxy: the homepage on GitHub gives it.
      'circl@1.3.8': 'github.com/cloudflare/circl medium bcr.bazel.build',
      tarball: 'unresolved: unsupported',
      forked: 'unresolved: unsupported',
    })
    expect(emulators.servers.bazel.requests.map((r) => r.url).sort()).toEqual([
      '/modules/bison/metadata.json',
      '/modules/circl/metadata.json',
      '/modules/eigen/metadata.json',
      '/modules/googletest/metadata.json',
      '/modules/missing/metadata.json',
      '/modules/platforms/metadata.json',
      '/modules/rules_go/metadata.json',
      '/modules/zlib/metadata.json',
    ])
  })

  it('resolves what MODULE.bazel and MODULE.bazel.lock list: BCR modules by name, overrides by their source or not at all', async () => {
    const before = emulators.servers.bazel.requests.length
    const discoverer = registeredDiscoverer('bazel-module')
    const moduleFile = [
      'module(name = "app", version = "0.1.0")',
      'bazel_dep(name = "rules_go", version = "0.50.1")',
      'bazel_dep(name = "internal_rules", version = "1.0")',
      'single_version_override(module_name = "internal_rules", registry = "https://bcr.example.com")',
      'bazel_dep(name = "forked", version = "0.1")',
      'git_override(module_name = "forked", remote = "https://github.com/example-org/forked.git", commit = "0123456789abcdef0123456789abcdef01234567")',
      'bazel_dep(name = "sibling")',
      'local_path_override(module_name = "sibling", path = "../sibling")',
    ].join('\n')
    const lock = JSON.stringify(
      {
        lockFileVersion: 18,
        registryFileHashes: {
          'https://bcr.bazel.build/modules/rules_go/0.50.1/source.json': 'a',
          'https://bcr.bazel.build/modules/zlib/1.3.1.bcr.3/source.json': 'b',
          'https://bcr.example.com/modules/internal_rules/1.0/source.json': 'c',
        },
      },
      null,
      2,
    )
    const files: Record<string, string> = {'MODULE.bazel': moduleFile}
    const context = {readText: (path: string) => files[path] ?? null}
    const components = [
      ...discoverer.discover({file: 'MODULE.bazel', text: moduleFile}, context).components,
      ...discoverer.discover({file: 'MODULE.bazel.lock', text: lock}, context).components,
    ]
    const run = await resolveOnline(emulators, components, [registeredResolver('vcs-url'), resolver])
    expect(summarise(run)).toEqual({
      'rules_go@0.50.1': 'github.com/bazel-contrib/rules_go high bcr.bazel.build',
      'zlib@1.3.1.bcr.3': 'github.com/madler/zlib high bcr.bazel.build',
      'internal_rules@1.0': 'unresolved: unsupported',
      forked: expect.stringMatching(/^github\.com\/example-org\/forked /),
      sibling: 'unresolved: local',
    })
    // Neither the other registry's module nor the git one is asked of the BCR by its name.
    expect(
      emulators.servers.bazel.requests
        .slice(before)
        .map((r) => r.url)
        .sort(),
    ).toEqual(['/modules/rules_go/metadata.json', '/modules/zlib/metadata.json'])
  })

  it('inventory --resolve from the command line: a tree with MODULE.bazel, the BCR answers from the cache', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bazel-cli-'))
    await writeFile(
      join(dir, 'MODULE.bazel'),
      'module(name = "app")\n\nbazel_dep(name = "abseil-cpp", version = "20240116.1")\nbazel_dep(name = "googletest", version = "1.14.0", dev_dependency = True)\n',
    )
    const xdg = await mkdtemp(join(tmpdir(), 'bazel-cli-xdg-'))
    const cacheDir = join(xdg, 'stewards')
    // The BCR's answers (through the emulator) into the run's cache; the CLI then runs offline from it.
    const seeded = await resolveOnline(
      emulators,
      [bazel('abseil-cpp', '20240116.1'), bazel('googletest', '1.14.0')],
      [resolver],
      {cacheDir},
    )
    expect(seeded.groups.map((g) => g.repo).sort()).toEqual([
      'github.com/abseil/abseil-cpp',
      'github.com/google/googletest',
    ])
    const result = await runCli(['inventory', dir, '--resolve', '--offline', '--json'], {env: {XDG_CACHE_HOME: xdg}})
    expect(result.stderr).not.toContain('internal error')
    const inventory = JSON.parse(result.stdout) as {
      components: Array<{purl?: string; scope?: string; locations: Array<{file: string; line: number}>}>
      resolution: {groups: Array<{repo: string; components: Array<{purl?: string}>}>}
    }
    expect(
      inventory.components.map(
        (c) => `${c.purl} ${c.scope} ${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line}`,
      ),
    ).toEqual(['pkg:bazel/abseil-cpp@20240116.1 prod MODULE.bazel:3', 'pkg:bazel/googletest@1.14.0 dev MODULE.bazel:4'])
    expect(
      inventory.resolution.groups.map((g) => `${g.repo} ${g.components.map((c) => c.purl).join(',')}`).sort(),
    ).toEqual([
      'github.com/abseil/abseil-cpp pkg:bazel/abseil-cpp@20240116.1',
      'github.com/google/googletest pkg:bazel/googletest@1.14.0',
    ])
  })
})
