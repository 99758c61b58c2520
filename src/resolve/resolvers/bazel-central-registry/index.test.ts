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
  it("reads metadata.json: repository entries first (high), then homepage (medium); says why it misses", async () => {
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
})
