import {describe, expect, it} from 'vitest'
import {
  pkg,
  resolveOnline,
  summarise,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {registeredDiscoverer, registeredResolver} from '../../../../tests/support/registered.js'
import {resolver} from './index.js'

const readLock = (text: string) =>
  registeredDiscoverer('renv-lock').discover({file: 'renv.lock', text}, {readText: () => null})

const emulators = useRegistryEmulators()

describe("cran (written from R-universe's cran API)", () => {
  it('reads URL then BugReports: the first forge link, never the github.com/cran mirror; says why it misses', async () => {
    const run = await resolveOnline(
      emulators,
      [
        pkg('cran', 'desc', '1.4.3'),
        pkg('cran', 'universe', '1.0.0'),
        pkg('cran', 'renv', '1.0.7'),
        pkg('cran', 'examplebugs', '0.2.0'),
        pkg('cran', 'exampledocs', '0.1.0'),
        pkg('cran', 'missing', '1.0'),
        pkg('cran', '../etc', '1.0'),
        {
          ...pkg('cran', 'acmeR', '0.3.0'),
          purl: 'pkg:cran/acmeR@0.3.0?repository_url=https%3A%2F%2Fppm.example.com%2Finternal%2Flatest',
        },
        {...pkg('cran', 'dplyr', '1.1.4'), purl: 'pkg:cran/dplyr@1.1.4'},
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'desc@1.4.3': 'github.com/r-lib/desc medium cran',
      'universe@1.0.0': 'github.com/ropensci/universe medium cran',
      'renv@1.0.7': 'github.com/rstudio/renv medium cran',
      'examplebugs@0.2.0': 'gitlab.com/example-group/examplebugs medium cran',
      'exampledocs@0.1.0': 'unresolved: no-repository',
      'missing@1.0': 'unresolved: not-found',
      '../etc@1.0': 'unresolved: invalid-name',
      'acmeR@0.3.0': 'unresolved: unsupported',
      'dplyr@1.1.4': 'unresolved: not-found',
    })
    // The private package's name never reaches the public API.
    expect(emulators.servers.cran.requests.map((r) => r.url).sort()).toEqual([
      '/api/packages/desc',
      '/api/packages/dplyr',
      '/api/packages/examplebugs',
      '/api/packages/exampledocs',
      '/api/packages/missing',
      '/api/packages/renv',
      '/api/packages/universe',
    ])
  })

  it('resolves what renv.lock lists: CRAN and Package Manager packages on CRAN, GitHub remotes by their vcs_url', async () => {
    const before = emulators.servers.cran.requests.length
    const lock = readLock(
      JSON.stringify({
        R: {
          Version: '4.4.1',
          Repositories: [
            {Name: 'CRAN', URL: 'https://packagemanager.posit.co/cran/latest'},
            {Name: 'work', URL: 'https://ppm.example.com/internal/latest'},
          ],
        },
        Packages: {
          desc: {Package: 'desc', Version: '1.4.3', Source: 'Repository', Repository: 'CRAN'},
          renv: {Package: 'renv', Version: '1.0.7', Source: 'Repository', Repository: 'CRAN'},
          secretR: {Package: 'secretR', Version: '0.1.0', Source: 'Repository', Repository: 'work'},
          tool: {
            Package: 'tool',
            Version: '0.1.0',
            Source: 'GitHub',
            RemoteHost: 'api.github.com',
            RemoteUsername: 'example-org',
            RemoteRepo: 'tool',
            RemoteSha: '0123456789abcdef0123456789abcdef01234567',
          },
        },
      }),
    )
    expect(lock.errors).toEqual([])
    const run = await resolveOnline(emulators, lock.components, [registeredResolver('vcs-url'), resolver])
    expect(summarise(run)).toEqual({
      'desc@1.4.3': 'github.com/r-lib/desc medium cran',
      'renv@1.0.7': 'github.com/rstudio/renv medium cran',
      'secretR@0.1.0': 'unresolved: unsupported',
      'github.com/example-org/tool@0123456789abcdef0123456789abcdef01234567': expect.stringMatching(
        /^github\.com\/example-org\/tool /,
      ),
    })
    expect(
      emulators.servers.cran.requests
        .slice(before)
        .map((r) => r.url)
        .sort(),
    ).toEqual(['/api/packages/desc', '/api/packages/renv'])
  })

  it('is registered, and --registry-mirror makes a named CRAN mirror public', async () => {
    expect(registeredResolver('cran')).toBe(resolver)
    const before = emulators.servers.cran.requests.length
    const run = await resolveOnline(
      emulators,
      [
        {
          ...pkg('cran', 'desc', '1.4.3'),
          purl: 'pkg:cran/desc@1.4.3?repository_url=https%3A%2F%2Fcran.example.org%2Fmirror',
        },
      ],
      [resolver],
      {registryMirrors: ['https://cran.example.org/mirror']},
    )
    expect(summarise(run)).toEqual({'desc@1.4.3': 'github.com/r-lib/desc medium cran'})
    expect(emulators.servers.cran.requests.slice(before).map((r) => r.url)).toEqual(['/api/packages/desc'])
  })
})
