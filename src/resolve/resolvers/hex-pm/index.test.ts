import {mkdtemp, mkdir, writeFile} from 'node:fs/promises'
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

const readLock = (id: string, file: string, text: string) =>
  registeredDiscoverer(id).discover({file, text}, {readText: () => null})

const emulators = useRegistryEmulators()

describe('hex-pm (written from the Hex HTTP API)', () => {
  it('reads meta.links: a source-labelled forge link medium, other forge links low; says why it misses', async () => {
    const run = await resolveOnline(
      emulators,
      [
        pkg('hex', 'phoenix', '1.5.13'),
        pkg('hex', 'plug', '1.18.1'),
        pkg('hex', 'cowboy', '2.13.0'),
        pkg('hex', 'rabbit_common', '4.0.0'),
        pkg('hex', 'example_docs_only', '0.1.0'),
        pkg('hex', 'example_changelog', '0.2.0'),
        pkg('hex', 'missing', '1.0.0'),
        pkg('hex', '../etc', '1.0.0'),
        {...pkg('hex', 'acme_auth', '0.3.0'), purl: 'pkg:hex/acme/acme_auth@0.3.0'},
        {
          ...pkg('hex', 'mirrored', '1.0.0'),
          purl: 'pkg:hex/mirrored@1.0.0?repository_url=https%3A%2F%2Fhex.example.com',
        },
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'phoenix@1.5.13': 'github.com/phoenixframework/phoenix medium hex.pm',
      'plug@1.18.1': 'github.com/elixir-plug/plug medium hex.pm',
      'cowboy@2.13.0': 'github.com/ninenines/cowboy medium hex.pm',
      'rabbit_common@4.0.0': 'github.com/rabbitmq/rabbitmq-server (deps/rabbit_common) medium hex.pm',
      'example_changelog@0.2.0': 'github.com/example-org/example_changelog low hex.pm',
      'example_docs_only@0.1.0': 'unresolved: no-repository',
      'missing@1.0.0': 'unresolved: not-found',
      '../etc@1.0.0': 'unresolved: invalid-name',
      'acme_auth@0.3.0': 'unresolved: unsupported',
      'mirrored@1.0.0': 'unresolved: unsupported',
    })
    expect(emulators.servers.hex.requests.map((r) => r.url).sort()).toEqual([
      '/api/packages/cowboy',
      '/api/packages/example_changelog',
      '/api/packages/example_docs_only',
      '/api/packages/missing',
      '/api/packages/phoenix',
      '/api/packages/plug',
      '/api/packages/rabbit_common',
    ])
  })

  it('resolves what mix.lock and rebar.lock list: Hex packages on hex.pm, git dependencies by their vcs_url', async () => {
    const before = emulators.servers.hex.requests.length
    const mix = readLock(
      'mix-lock',
      'mix.lock',
      [
        '%{',
        '  "ecto": {:hex, :ecto, "3.12.4", "a", [:mix], [], "hexpm", "b"},',
        '  "jason": {:hex, :jason, "1.4.4", "a", [:mix], [], "hexpm", "b"},',
        '  "secret": {:hex, :secret, "1.0.0", "a", [:mix], [], "hexpm:acme", "b"},',
        '  "tool": {:git, "https://github.com/example-org/tool.git", "0123456789abcdef0123456789abcdef01234567", []},',
        '}',
      ].join('\n'),
    )
    const rebar = readLock('rebar-lock', 'rebar.lock', '[{<<"cowboy">>,{pkg,<<"cowboy">>,<<"2.13.0">>},0}].\n')
    const run = await resolveOnline(
      emulators,
      [...mix.components, ...rebar.components],
      [registeredResolver('vcs-url'), resolver],
    )
    expect(summarise(run)).toEqual({
      'ecto@3.12.4': 'github.com/elixir-ecto/ecto medium hex.pm',
      'jason@1.4.4': 'github.com/michalmuskala/jason medium hex.pm',
      'cowboy@2.13.0': 'github.com/ninenines/cowboy medium hex.pm',
      'secret@1.0.0': 'unresolved: unsupported',
      'github.com/example-org/tool@0123456789abcdef0123456789abcdef01234567': expect.stringMatching(
        /^github\.com\/example-org\/tool /,
      ),
    })
    expect(
      emulators.servers.hex.requests
        .slice(before)
        .map((r) => r.url)
        .sort(),
    ).toEqual(['/api/packages/cowboy', '/api/packages/ecto', '/api/packages/jason'])
  })

  it('inventory --resolve from the command line: a tree with mix.lock and rebar.lock, hex.pm answers from the cache', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hex-cli-'))
    await mkdir(join(dir, 'erl'))
    await writeFile(
      join(dir, 'mix.lock'),
      '%{\n  "plug": {:hex, :plug, "1.18.1", "a", [:mix], [], "hexpm", "b"},\n  "secret": {:hex, :secret, "1.0.0", "a", [:mix], [], "hexpm:acme", "b"},\n}\n',
    )
    await writeFile(
      join(dir, 'erl', 'rebar.lock'),
      '{"1.2.0",\n[{<<"cowboy">>,{pkg,<<"cowboy">>,<<"2.13.0">>},0}]}.\n[\n].\n',
    )
    const xdg = await mkdtemp(join(tmpdir(), 'hex-cli-xdg-'))
    const cacheDir = join(xdg, 'stewards')
    // hex.pm's answers (through the emulator) into the run's cache; the CLI then runs offline from it.
    const seeded = await resolveOnline(
      emulators,
      [pkg('hex', 'plug', '1.18.1'), pkg('hex', 'cowboy', '2.13.0')],
      [resolver],
      {
        cacheDir,
      },
    )
    expect(seeded.groups.map((g) => g.repo).sort()).toEqual([
      'github.com/elixir-plug/plug',
      'github.com/ninenines/cowboy',
    ])
    const result = await runCli(['inventory', dir, '--resolve', '--offline', '--json'], {env: {XDG_CACHE_HOME: xdg}})
    expect(result.stderr).not.toContain('internal error')
    const inventory = JSON.parse(result.stdout) as {
      components: Array<{purl?: string; locations: Array<{file: string; line: number}>}>
      resolution: {
        groups: Array<{repo: string; components: Array<{purl?: string}>}>
        unresolved: Array<{component: {name: string}; reason: string}>
      }
    }
    expect(
      inventory.components
        .map((c) => `${c.purl} ${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line}`)
        .sort(),
    ).toEqual([
      'pkg:hex/acme/secret@1.0.0 mix.lock:3',
      'pkg:hex/cowboy@2.13.0 erl/rebar.lock:2',
      'pkg:hex/plug@1.18.1 mix.lock:2',
    ])
    expect(
      inventory.resolution.groups.map((g) => `${g.repo} ${g.components.map((c) => c.purl).join(',')}`).sort(),
    ).toEqual(['github.com/elixir-plug/plug pkg:hex/plug@1.18.1', 'github.com/ninenines/cowboy pkg:hex/cowboy@2.13.0'])
    expect(inventory.resolution.unresolved.map((u) => `${u.component.name} ${u.reason}`)).toEqual([
      'secret unsupported',
    ])
  })
})
