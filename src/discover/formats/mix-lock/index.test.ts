import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import {discoverer, discoverMixLock} from './index.js'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8')

describe('mix-lock', () => {
  it('reads a real current mix.lock (hexpm/hex): Hex packages with their line and column', async () => {
    const inventory = await scanTree({'mix.lock': fixture('hex-mix.lock')})
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map((c) => `${c.purl} ${c.ref} ${c.locations[0].line}:${c.locations[0].column}`),
    ).toEqual([
      'pkg:hex/bypass@2.1.0 bypass 2:3',
      'pkg:hex/cowboy@2.14.0 cowboy 3:3',
      'pkg:hex/mime@1.6.0 mime 4:3',
      'pkg:hex/nimble_ownership@1.0.1 nimble_ownership 5:3',
      'pkg:hex/plug@1.18.1 plug 6:3',
      'pkg:hex/telemetry@1.3.0 telemetry 7:3',
    ])
    // hex's mix.exs computes its deps (deps(Mix.env())): direct is not known, so left out.
    expect(inventory.components.every((c) => c.direct === undefined && c.ecosystem === 'hex')).toBe(true)
  })

  it('reads a real Hex 0.x mix.lock (phoenix, 2015): 3-element tuples and git dependencies', () => {
    const out = discoverMixLock('mix.lock', fixture('phoenix-0.x-mix.lock'))
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => [c.ecosystem, c.name, c.version, c.purl, c.ref])).toEqual([
      ['hex', 'cowboy', '1.0.0', 'pkg:hex/cowboy@1.0.0', 'cowboy'],
      ['hex', 'cowlib', '1.0.1', 'pkg:hex/cowlib@1.0.1', 'cowlib'],
      [
        'generic',
        'github.com/wooga/eredis',
        '3c9dfc5cf4e2cd79276b138692d63d3b1d298a52',
        'pkg:generic/github.com/wooga/eredis@3c9dfc5cf4e2cd79276b138692d63d3b1d298a52?vcs_url=git%2Bgit%3A%2F%2Fgithub.com%2Fwooga%2Feredis.git%403c9dfc5cf4e2cd79276b138692d63d3b1d298a52',
        'eredis',
      ],
      ['hex', 'plug', '0.11.0', 'pkg:hex/plug@0.11.0', 'plug'],
      [
        'generic',
        'github.com/jeremyong/websocket_client',
        '2b8d9805306d36f22330f432ae6472f1f2625c30',
        'pkg:generic/github.com/jeremyong/websocket_client@2b8d9805306d36f22330f432ae6472f1f2625c30?vcs_url=git%2Bgit%3A%2F%2Fgithub.com%2Fjeremyong%2Fwebsocket_client.git%402b8d9805306d36f22330f432ae6472f1f2625c30',
        'websocket_client',
      ],
    ])
    expect(out.components[4].locations[0]).toEqual({file: 'mix.lock', line: 5, column: 3})
  })

  it('reads organisation packages, other repositories, renamed packages, 4/6/7-element tuples and => maps', () => {
    const lock = [
      '%{',
      '  "acme_auth": {:hex, :acme_auth, "0.3.0", "abc", [:mix], [], "hexpm:acme", "def"},',
      '  "internal": {:hex, :internal, "1.0.0", "abc", [:mix], [], "example_repo", "def"},',
      '  "my_json": {:hex, :jason, "1.4.1", "abc", [:mix], [{:decimal, "~> 1.0 or ~> 2.0", [hex: :decimal, repo: "hexpm", optional: true]}], "hexpm"},',
      '  "old4": {:hex, :old4, "0.1.0", "abc"},',
      '  "old6": {:hex, :old6, "0.2.0", "abc", [:mix], []},',
      '  "hg_dep": {:hg, "https://hg.example.org/x", "abc"},',
      '}',
    ].join('\n')
    const out = discoverMixLock('mix.lock', lock)
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.ref} ${c.name} ${c.purl}`)).toEqual([
      'acme_auth acme_auth pkg:hex/acme/acme_auth@0.3.0',
      'my_json jason pkg:hex/jason@1.4.1',
      'old4 old4 pkg:hex/old4@0.1.0',
      'old6 old6 pkg:hex/old6@0.2.0',
    ])
    expect(out.skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '3 unsupported "internal": internal@1.0.0 comes from the Hex repository "example_repo", whose URL is in Hex\'s own configuration, not in the project: not listed as a hex.pm package',
      '7 unsupported "hg_dep": a dependency of SCM :hg is not read',
    ])
    const arrows = discoverMixLock(
      'mix.lock',
      '%{"plug" => {:hex, :plug, "1.0.0"}, :"odd\\x5fa" => {:hex, :odd_a, "2.0.0"}}',
    )
    expect(arrows.errors).toEqual([])
    expect(arrows.components.map((c) => `${c.ref} ${c.purl}`)).toEqual([
      'plug pkg:hex/plug@1.0.0',
      'odd_a pkg:hex/odd_a@2.0.0',
    ])
  })

  it('sets direct from the real mix.exs beside the real mix.lock (phoenix): its literal deps list, not the rest', async () => {
    const inventory = await scanTree({
      'mix.exs': fixture('phoenix/mix.exs'),
      'mix.lock': fixture('phoenix/mix.lock'),
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => `${c.purl} ${c.direct} ${c.scope} ${c.locations[0].line}`)).toEqual([
      'pkg:hex/bandit@1.12.4 true optional 2',
      'pkg:hex/cowboy@2.18.0 false undefined 3',
      'pkg:hex/jason@1.4.5 true optional 4',
      'pkg:hex/plug@1.20.3 true prod 5',
      'pkg:hex/plug_cowboy@2.8.1 true optional 6',
      'pkg:hex/ranch@2.2.1 false undefined 7',
      'pkg:hex/websock_adapter@0.6.0 true prod 8',
    ])
  })

  it('sets direct from a literal deps list in the mix.exs beside the lock, git options and all', async () => {
    const mixExs = [
      'defmodule Example.MixProject do',
      '  use Mix.Project',
      '  def project, do: [app: :example, version: "0.1.0", deps: deps()]',
      '  # Run "mix help deps" to learn about dependencies.',
      '  defp deps do',
      '    [',
      '      {:plug_cowboy, "~> 2.7"},',
      '      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},',
      '      {:tool, git: "https://github.com/example/tool.git", branch: "main"}',
      '    ]',
      '  end',
      'end',
    ].join('\n')
    const lock = [
      '%{',
      '  "cowboy": {:hex, :cowboy, "2.14.0", "x", [:make, :rebar3], [], "hexpm", "y"},',
      '  "credo": {:hex, :credo, "1.7.7", "x", [:mix], [], "hexpm", "y"},',
      '  "plug_cowboy": {:hex, :plug_cowboy, "2.7.4", "x", [:mix], [], "hexpm", "y"},',
      '  "tool": {:git, "https://github.com/example/tool.git", "0123456789abcdef0123456789abcdef01234567", [branch: "main"]},',
      '}',
    ].join('\n')
    const inventory = await scanTree({'app/mix.exs': mixExs, 'app/mix.lock': lock})
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => `${c.ref} ${c.direct} ${c.scope}`).sort()).toEqual([
      'cowboy false undefined',
      'credo true dev',
      'plug_cowboy true prod',
      'tool true prod',
    ])
    // An option that is an expression (Phoenix's generator writes `runtime: Mix.env() == :dev`; here `only:` too):
    // the apps are still known, the scope computed from an expression is not.
    const expression = await scanTree({
      'mix.exs': mixExs
        .replace('{:plug_cowboy, "~> 2.7"},', '{:plug_cowboy, "~> 2.7", only: Mix.env()},')
        .replace('runtime: false}', 'runtime: Mix.env() == :dev}'),
      'mix.lock': lock,
    })
    expect(expression.errors).toEqual([])
    expect(expression.components.map((c) => `${c.ref} ${c.direct} ${c.scope}`).sort()).toEqual([
      'cowboy false undefined',
      'credo true dev',
      'plug_cowboy true undefined',
      'tool true prod',
    ])
    // A computed deps list: direct unknown.
    const computed = await scanTree({
      'mix.exs': mixExs.replace('    ]\n  end', '    ] ++ extra_deps()\n  end'),
      'mix.lock': lock,
    })
    expect(computed.components.map((c) => c.direct)).toEqual([undefined, undefined, undefined, undefined])
  })

  it("reads single-quoted charlists as strings (`tag: 'v1.2.0'`), as Elixir does (real dependabot-core fixture)", () => {
    const out = discoverMixLock('mix.lock', fixture('dependabot-core-charlist-mix.lock'))
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => [c.purl, c.ref, c.locations[0].line, c.locations[0].column])).toEqual([
      ['pkg:hex/mime@1.2.0', 'mime', 1, 3],
      [
        'pkg:generic/github.com/dependabot-fixtures/phoenix@178ce1a2344515e9145599970313fcc190d4b881?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fdependabot-fixtures%2Fphoenix.git%40178ce1a2344515e9145599970313fcc190d4b881',
        'phoenix',
        2,
        3,
      ],
      ['pkg:hex/phoenix_pubsub@1.0.2', 'phoenix_pubsub', 3, 3],
      ['pkg:hex/plug@1.2.0', 'plug', 4, 3],
      ['pkg:hex/poison@2.2.0', 'poison', 5, 3],
    ])
    // A charlist version is read as the string it spells; a quoted keyword key may be single-quoted too.
    const charlists = discoverMixLock(
      'mix.lock',
      `%{"x": {:hex, :x, '1.0.0', "abc", [], [], 'hexpm'}, 'y': {:hex, :y, '2.0.0'}}`,
    )
    expect(charlists.errors).toEqual([])
    expect(charlists.components.map((c) => [c.name, c.version, c.locations[0].column])).toEqual([
      ['x', '1.0.0', 3],
      ['y', '2.0.0', 53],
    ])
    expect(
      discoverMixLock('mix.lock', `%{"x": {:git, "https://example.com/x.git", "abc", [tag: 'v1]}}\n`).errors,
    ).toEqual([{file: 'mix.lock', code: 'invalid-lockfile', message: 'unterminated charlist', line: 1, column: 57}])
    expect(discoverMixLock('mix.lock', `%{"x": {:hex, :x, '#{1}'}}`).errors?.[0]).toMatchObject({
      message: 'string interpolation is not a literal',
    })
  })

  it('reports hostile input with file and line, keeping the entries read before it', () => {
    const unterminated = discoverMixLock(
      'mix.lock',
      '%{\n  "plug": {:hex, :plug, "1.0.0"},\n  "x": {:hex, :x, "1.0}\n}\n',
    )
    expect(unterminated.components.map((c) => c.purl)).toEqual(['pkg:hex/plug@1.0.0'])
    expect(unterminated.errors).toEqual([
      {file: 'mix.lock', code: 'invalid-lockfile', message: 'unterminated string', line: 3, column: 19},
    ])
    const deep = discoverMixLock('mix.lock', `%{"x": ${'['.repeat(100_000)}`)
    expect(deep.errors).toEqual([
      {file: 'mix.lock', code: 'too-deep', message: 'nested deeper than 64', line: 1, column: 72},
    ])
    const evaluated = discoverMixLock('mix.lock', '%{"x": {:hex, :x, "#{System.cmd("id", [])}"}}')
    expect(evaluated.errors?.[0]).toMatchObject({
      code: 'invalid-lockfile',
      message: 'string interpolation is not a literal',
      line: 1,
    })
    const late = discoverMixLock('mix.lock', '%{"x": {:hex, :x, "1.0.0", [a: 1, :b]}}')
    expect(late.errors?.[0]).toMatchObject({code: 'invalid-lockfile', message: 'keyword pairs must come last'})
    const call = discoverMixLock('mix.lock', '%{"x": File.read!("/etc/passwd")}')
    expect(call.errors?.[0]).toMatchObject({code: 'invalid-lockfile', line: 1})
    const notMap = discoverMixLock('mix.lock', '[1, 2]')
    expect(notMap.errors).toEqual([
      {file: 'mix.lock', code: 'invalid-lockfile', message: 'a mix.lock is a map, %{...}', line: 1, column: 1},
    ])
    const badEntry = discoverMixLock('mix.lock', '%{"x": {:hex, "x", 1}, "y": "z"}')
    expect(badEntry.errors?.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`)).toEqual([
      'invalid-entry 1:3 "x": a Hex lock needs the package name (an atom) and its version',
      'invalid-entry 1:24 "y": expected "app": {:hex | :git, ...}',
    ])
    const huge = `%{\n${Array.from({length: 20_000}, (_, i) => `  "p${i}": {:hex, :p${i}, "1.0.${i}", "abc", [:mix], [], "hexpm", "def"},`).join('\n')}\n  "broken": {:hex, :broken, "1.0.0"\n}\n`
    const big = discoverMixLock('mix.lock', huge)
    expect(big.components.length).toBe(20_001)
    expect(big.errors).toEqual([
      {
        file: 'mix.lock',
        code: 'invalid-lockfile',
        message: "unexpected end of file, '}' missing",
        line: 20_004,
        column: 1,
      },
    ])
  })

  it('leaves out the locks of fetched dependencies (deps/<app>/, _build/)', () => {
    expect(discoverer.matches('mix.lock')).toBe(true)
    expect(discoverer.matches('apps/web/mix.lock')).toBe(true)
    expect(discoverer.matches('deps/plug/mix.lock')).toBe(false)
    expect(discoverer.matches('_build/dev/lib/plug/mix.lock')).toBe(false)
    expect(discoverer.matches('mix.lock.bak')).toBe(false)
  })

  it('recognises a mix.lock by content (standard input)', () => {
    expect(discoverer.identify?.(fixture('hex-mix.lock'))).toBe(true)
    expect(discoverer.identify?.(fixture('phoenix-0.x-mix.lock'))).toBe(true)
    expect(discoverer.identify?.('%{a: 1}')).toBe(false)
  })
})
