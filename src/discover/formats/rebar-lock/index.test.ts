import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import {discoverer, discoverRebarLock} from './index.js'
import type {DiscoverOutput} from '../../types.js'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8')

describe('rebar-lock', () => {
  it('reads a real versioned rebar.lock with hashes (AdRoll/rebar3_hank)', async () => {
    const inventory = await scanTree({'rebar.lock': fixture('rebar3_hank-rebar.lock')})
    expect(inventory.errors).toEqual([])
    expect(inventory.components).toEqual([
      {
        kind: 'package',
        ecosystem: 'hex',
        name: 'katana_code',
        version: '2.4.1',
        purl: 'pkg:hex/katana_code@2.4.1',
        ref: 'katana_code',
        direct: true,
        origin: 'lockfile',
        locations: [{file: 'rebar.lock', line: 2, column: 3}],
      },
    ])
  })

  it('reads a real rebar.lock with git dependencies (emqx): level 0 is direct', () => {
    const out = discoverRebarLock('rebar.lock', fixture('emqx-rebar.lock'))
    expect(out.errors).toEqual([])
    expect(
      out.components.map((c) => `${c.ref} ${c.purl} ${c.direct} ${c.locations[0].line}:${c.locations[0].column}`),
    ).toEqual([
      'bson pkg:generic/github.com/comtihon/bson-erlang@14308ab927cfa69324742c3de720578094e0bb19?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fcomtihon%2Fbson-erlang.git%4014308ab927cfa69324742c3de720578094e0bb19 false 2:3',
      'cowboy pkg:generic/github.com/emqx/cowboy@3b6bdaf4f2e3c5b793a0c3cada2c3b74c3d5e885?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Femqx%2Fcowboy%403b6bdaf4f2e3c5b793a0c3cada2c3b74c3d5e885 true 6:3',
      'getopt pkg:hex/getopt@1.0.1 true 10:3',
      'ssl_verify_fun pkg:generic/github.com/deadtrickster/ssl_verify_fun.erl@c5718226b0b9f3d1a38ef6ca3c3b4c75f53dda92?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fdeadtrickster%2Fssl_verify_fun.erl.git%40c5718226b0b9f3d1a38ef6ca3c3b4c75f53dda92 false 11:3',
    ])
  })

  it('reads the beta form, old hashes in the tuple, quoted atoms and escapes; skips other sources', () => {
    const lock = [
      '%% a comment',
      '[{<<"jsx">>,{pkg,<<"jsx">>,<<"2.8.0">>,<<"ABC">>},0},',
      ' {<<"lager">>,{git,"git@github.com:erlang-lager/lager.git",{tag,"3.9.2"}},1},',
      ' {<<"hgdep">>,{\'hg\',"https://hg.example.org/x",{ref,"abc"}},0},',
      ' {<<"esc">>,{pkg,<<"es\\x63">>,<<"1.0.0"/utf8>>},2}].',
    ].join('\n')
    const out = discoverRebarLock('rebar.lock', lock)
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.ref} ${c.purl} ${c.direct}`)).toEqual([
      'jsx pkg:hex/jsx@2.8.0 true',
      'lager pkg:generic/github.com/erlang-lager/lager@3.9.2?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Ferlang-lager%2Flager.git%403.9.2 false',
      'esc pkg:hex/esc@1.0.0 false',
    ])
    expect(out.skipped).toEqual([
      {file: 'rebar.lock', line: 4, reason: 'unsupported', message: 'hgdep: a dependency of source hg is not read'},
    ])
  })

  it('reports hostile input with file and line, never throwing', () => {
    expect(discoverRebarLock('rebar.lock', '{"1.2.0",\n[{<<"x>>,0}]}.\n').errors).toEqual([
      {file: 'rebar.lock', code: 'invalid-lockfile', message: 'unterminated string', line: 2, column: 5},
    ])
    expect(discoverRebarLock('rebar.lock', `{"1.2.0",${'['.repeat(100_000)}`).errors).toEqual([
      {file: 'rebar.lock', code: 'too-deep', message: 'nested deeper than 64', line: 1, column: 74},
    ])
    expect(discoverRebarLock('rebar.lock', '[{<<"x">>,{pkg,<<"x">>,<<"1.0.0">>},0}]').errors).toEqual([
      {file: 'rebar.lock', code: 'invalid-lockfile', message: "expected '.' after the term", line: 1, column: 40},
    ])
    expect(discoverRebarLock('rebar.lock', '{"1.2.0", #{a => 1}}.').errors?.[0]).toMatchObject({
      code: 'invalid-lockfile',
      line: 1,
      column: 11,
    })
    const bad = discoverRebarLock('rebar.lock', '[{<<"x">>,{pkg,x,<<"1">>},0},\n {<<"y">>,{pkg,<<"y">>,<<"1">>}}].')
    expect(bad.errors?.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`)).toEqual([
      'invalid-entry 1:3 x: a package lock is {pkg, <<"name">>, <<"version">>}',
      'invalid-entry 2:2 a lock is {<<"app">>, Source, Level}',
    ])
    const huge = `[\n${Array.from({length: 20_000}, (_, i) => ` {<<"p${i}">>,{pkg,<<"p${i}">>,<<"1.0.${i}">>},1},`).join('\n')}\n {<<"last">>,{pkg,<<"last">>,<<"1.0.0">>},0}].\n`
    const big = discoverRebarLock('rebar.lock', huge)
    expect(big.errors).toEqual([])
    expect(big.components.length).toBe(20_001)
  })

  it("leaves out the locks of fetched dependencies (rebar3's _build/)", () => {
    expect(discoverer.matches('rebar.lock')).toBe(true)
    expect(discoverer.matches('apps/emqx/rebar.lock')).toBe(true)
    expect(discoverer.matches('_build/default/lib/cowboy/rebar.lock')).toBe(false)
  })

  it('recognises both forms by content (standard input), and nothing else', () => {
    expect(discoverer.identify?.(fixture('emqx-rebar.lock'))).toBe(true)
    expect(discoverer.identify?.(fixture('rebar3_hank-rebar.lock'))).toBe(true)
    expect(discoverer.identify?.('[{<<"jsx">>,{pkg,<<"jsx">>,<<"2.8.0">>},0}].\n')).toBe(true)
    expect(discoverer.identify?.('{"name": "x", "version": "1.0.0"}')).toBe(false)
  })

  it('lists a dependency locked to a branch without a version, and says so', () => {
    const out = discoverer.discover(
      {file: 'rebar.lock', text: '[{<<"tool">>,{git,"https://github.com/example-org/tool.git",{branch,"main"}},0}].\n'},
      {readText: () => null},
    ) as Required<DiscoverOutput>
    expect(out.components.map((c) => `${c.name} ${c.version ?? '-'} ${c.purl}`)).toEqual([
      'github.com/example-org/tool - pkg:generic/github.com/example-org/tool?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Ftool.git',
    ])
    expect(out.skipped.map((s) => s.message)).toEqual([
      'tool: locked to branch main, not a commit: listed without a version',
    ])
  })
})
