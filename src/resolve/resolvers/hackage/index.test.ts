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
import {readCabalLinks} from './cabal-fields.js'
import {resolver} from './index.js'

const readLock = (file: string, text: string) =>
  registeredDiscoverer('haskell-lock').discover({file, text}, {readText: () => null})

const emulators = useRegistryEmulators()

describe("hackage (written from hackage-server's API: the package description)", () => {
  it('reads source-repository (medium, subdir as directory), then homepage and bug-reports on a forge (low); says why it misses', async () => {
    const run = await resolveOnline(
      emulators,
      [
        pkg('hackage', 'Cabal', '3.19.0.0'),
        pkg('hackage', 'tls', '2.4.7'),
        pkg('hackage', 'aeson', '0.8.0.2'),
        pkg('hackage', 'get-tested', '0.1.5.0'),
        pkg('hackage', 'example-darcs', '1.0'),
        pkg('hackage', 'example-nolinks', '0.1'),
        pkg('hackage', 'tls-missing', '1.0'),
        pkg('hackage', '../etc', '1.0'),
        pkg('hackage', 'example-darcs'),
        {
          ...pkg('hackage', 'private-lib', '1.0'),
          purl: 'pkg:hackage/private-lib@1.0?repository_url=https%3A%2F%2Fhackage.example.com',
        },
        {
          ...pkg('hackage', 'archived', '1.0'),
          purl: 'pkg:hackage/archived@1.0?download_url=https%3A%2F%2Fexample.com%2Farchived-1.0.tar.gz',
        },
        {
          ...pkg('hackage', 'forked', '1.0'),
          purl: 'pkg:hackage/forked@1.0?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Fforked.git%40abc1234',
        },
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'Cabal@3.19.0.0': 'github.com/haskell/cabal (Cabal) medium Hackage',
      'tls@2.4.7': 'github.com/haskell-tls/hs-tls (tls) medium Hackage',
      'aeson@0.8.0.2': 'github.com/bos/aeson medium Hackage',
      'get-tested@0.1.5.0': 'github.com/Kleidukos/get-tested low Hackage',
      'example-darcs@1.0': 'github.com/example-org/example-darcs low Hackage',
      'example-darcs': 'github.com/example-org/example-darcs low Hackage',
      'example-nolinks@0.1': 'unresolved: no-repository',
      'tls-missing@1.0': 'unresolved: not-found',
      '../etc@1.0': 'unresolved: invalid-name',
      'private-lib@1.0': 'unresolved: unsupported',
      'archived@1.0': 'unresolved: unsupported',
      'forked@1.0': 'unresolved: unsupported',
    })
    // Nothing was asked of Hackage for the packages of another repository, an archive or a git repository.
    expect(emulators.servers.hackage.requests.map((r) => r.url).sort()).toEqual([
      '/package/Cabal-3.19.0.0/Cabal.cabal',
      '/package/aeson-0.8.0.2/aeson.cabal',
      '/package/example-darcs-1.0/example-darcs.cabal',
      '/package/example-darcs/example-darcs.cabal',
      '/package/example-nolinks-0.1/example-nolinks.cabal',
      '/package/get-tested-0.1.5.0/get-tested.cabal',
      '/package/tls-2.4.7/tls.cabal',
      '/package/tls-missing-1.0/tls-missing.cabal',
    ])
    const miss = run.unresolved.find((u) => u.component.name === 'example-nolinks')
    expect(miss?.detail).toContain('saw source-repository this location=https://example.org/nolinks.html')
  })

  it('resolves what a freeze and a stack.yaml.lock list: Hackage packages on Hackage, git locations by their vcs_url', async () => {
    const before = emulators.servers.hackage.requests.length
    const freeze = readLock(
      'cabal.project.freeze',
      'constraints: any.tls ==2.4.7,\n             tls -devel,\n             any.aeson ==0.8.0.2\n',
    )
    const lock = readLock(
      'stack.yaml.lock',
      [
        'packages:',
        '- completed:',
        '    hackage: get-tested-0.1.5.0@sha256:0000000000000000000000000000000000000000000000000000000000000000,1845',
        '- completed:',
        '    name: wai',
        '    version: 3.2.1.2',
        '    git: https://github.com/yesodweb/wai.git',
        '    commit: d11d63f1a6a92db8c637a8d33e7953ce6194a3e0',
        '    subdir: wai',
      ].join('\n'),
    )
    expect([...(freeze.errors ?? []), ...(lock.errors ?? [])]).toEqual([])
    const run = await resolveOnline(
      emulators,
      [...freeze.components, ...lock.components],
      [registeredResolver('vcs-url'), resolver],
    )
    expect(summarise(run)).toEqual({
      'tls@2.4.7': 'github.com/haskell-tls/hs-tls (tls) medium Hackage',
      'aeson@0.8.0.2': 'github.com/bos/aeson medium Hackage',
      'get-tested@0.1.5.0': 'github.com/Kleidukos/get-tested low Hackage',
      'wai@3.2.1.2': expect.stringMatching(/^github\.com\/yesodweb\/wai /),
    })
    expect(
      emulators.servers.hackage.requests
        .slice(before)
        .map((r) => r.url)
        .sort(),
    ).toEqual([
      '/package/aeson-0.8.0.2/aeson.cabal',
      '/package/get-tested-0.1.5.0/get-tested.cabal',
      '/package/tls-2.4.7/tls.cabal',
    ])
  })

  it('inventory --resolve from the command line: Hackage answers from the cache', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hackage-cli-'))
    await writeFile(
      join(dir, 'cabal.project.freeze'),
      'active-repositories: hackage.haskell.org:merge\nconstraints: any.tls ==2.4.7,\n             tls -devel\n',
    )
    const xdg = await mkdtemp(join(tmpdir(), 'hackage-cli-xdg-'))
    const seeded = await resolveOnline(emulators, [pkg('hackage', 'tls', '2.4.7')], [resolver], {
      cacheDir: join(xdg, 'stewards'),
    })
    expect(seeded.groups.map((g) => g.repo)).toEqual(['github.com/haskell-tls/hs-tls'])
    const result = await runCli(['inventory', dir, '--resolve', '--offline', '--json'], {env: {XDG_CACHE_HOME: xdg}})
    expect(result.stderr).not.toContain('internal error')
    const inventory = JSON.parse(result.stdout) as {
      components: Array<{purl?: string}>
      resolution: {groups: Array<{repo: string; components: Array<{purl?: string}>}>}
    }
    expect(inventory.components.map((c) => c.purl)).toEqual(['pkg:hackage/tls@2.4.7'])
    expect(inventory.resolution.groups.map((g) => `${g.repo} ${g.components.map((c) => c.purl).join(',')}`)).toEqual([
      'github.com/haskell-tls/hs-tls pkg:hackage/tls@2.4.7',
    ])
  })
})

describe('hackage: the cabal-file reader', () => {
  it('reads only the top-level link fields and source-repository stanzas, any case, values on the next line', () => {
    expect(
      readCabalLinks(
        [
          'Name: x',
          'HomePage:',
          '  https://example.org/x',
          '-- bug-reports: https://github.com/commented/out',
          'library',
          '  homepage: https://github.com/not/top-level',
          '  if flag(a)',
          '    bug-reports: https://github.com/not/either',
          'Source-Repository head',
          '  Type: git',
          '  Location:',
          '    https://github.com/example-org/x',
          '  Subdir: lib',
          'source-repository this',
          '  location: https://github.com/example-org/x-this',
          '  tag: v1',
        ].join('\r\n'),
      ),
    ).toEqual({
      homepage: 'https://example.org/x',
      repositories: [
        {kind: 'head', type: 'git', location: 'https://github.com/example-org/x', subdir: 'lib'},
        {kind: 'this', location: 'https://github.com/example-org/x-this'},
      ],
    })
    expect(readCabalLinks('')).toEqual({repositories: []})
    const hostile = readCabalLinks(`source-repository head\n${'  location: x\n'.repeat(100_000)}`)
    expect(hostile.repositories).toHaveLength(1)
  })
})
