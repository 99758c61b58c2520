import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import {registeredResolver} from '../../../../tests/support/registered.js'
import {resolveOffline} from '../../../../tests/support/registry-emulators/fixtures.js'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const discover = (text: string, file = '.gitmodules') =>
  discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.name} ${c.version ?? '-'} ${c.purl}`)
const problems = (items: Array<{line?: number; message: string}>) => items.map((p) => `${p.line ?? '-'} ${p.message}`)

describe('git-submodules', () => {
  it('matches .gitmodules at any depth, and knows one on standard input', () => {
    expect(['.gitmodules', 'vendor/lib/.gitmodules', 'gitmodules', '.gitmodules.bak'].map(discoverer.matches)).toEqual([
      true,
      true,
      false,
      false,
    ])
    expect(discoverer.identify?.('# vendored\n[submodule "a"]\n\tpath = a\n')).toBe(true)
    expect(discoverer.identify?.('[core]\n\tbare = false\n')).toBe(false)
  })

  it("lists grpc's real submodules as the repositories they name, located at their url, without a version", () => {
    // grpc/grpc .gitmodules (__fixtures__/SOURCES.md).
    const out = discover(readFileSync(new URL('./__fixtures__/grpc.gitmodules', import.meta.url), 'utf8'))
    expect(out.errors).toEqual([])
    expect(rows(out).slice(0, 3)).toEqual([
      '3:8 github.com/madler/zlib - pkg:generic/github.com/madler/zlib?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fmadler%2Fzlib',
      '10:8 github.com/protocolbuffers/protobuf - pkg:generic/github.com/protocolbuffers/protobuf?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fprotocolbuffers%2Fprotobuf.git',
      '13:8 github.com/google/googletest - pkg:generic/github.com/google/googletest?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fgoogle%2Fgoogletest.git',
    ])
    expect(out.components).toHaveLength(16)
    expect(out.components.map((c) => c.name)).toContain('github.com/cncf/xds')
    expect(out.components.every((c) => c.direct === true && c.ref.startsWith('https://github.com/'))).toBe(true)
    expect(out.components.every((c) => c.origin === 'manifest')).toBe(true)
    expect(problems(out.skipped)).toEqual([
      "- the commit each submodule is pinned at is in the superproject's git tree, not in .gitmodules (stewards does not read .git): submodules are listed without a version",
    ])
  })

  it('reads git-config syntax as git does: quotes, escapes, comments, continuations, case, the last value, merged sections', () => {
    const out = discover(
      [
        '; vendored libraries',
        '[submodule "lib \\"a\\""]',
        '  URL = "https://gitlab.example.com/group/sub/lib-a.git" ; the mirror',
        '  url = git@github.com:example-org/lib-a.git # the last value wins',
        '[submodule.legacy]',
        '\turl = https://codeberg.org/example/leg\\',
        'acy.git',
        '[core]',
        '\turl = https://example.com/not-a-submodule.git',
        '[submodule "lib \\"a\\""]',
        '\tbranch = main',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '4:9 github.com/example-org/lib-a - pkg:generic/github.com/example-org/lib-a?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fexample-org%2Flib-a.git',
      '6:8 codeberg.org/example/legacy - pkg:generic/codeberg.org/example/legacy?vcs_url=git%2Bhttps%3A%2F%2Fcodeberg.org%2Fexample%2Flegacy.git',
    ])
  })

  it('reports relative and local URLs, and a submodule without a url or with bad syntax, and reads on', () => {
    const out = discover(
      [
        '[submodule "sibling"]',
        '\turl = ../sibling.git',
        '[submodule "local"]',
        '\turl = /srv/git/local.git',
        '[submodule "nourl"]',
        '\tpath = nourl',
        '[submodule "quote"]',
        '\turl = "https://github.com/example-org/x.git',
        '[submodule "weird"]',
        '\turl = not a url',
        '[submodule broken',
        '[submodule "ok"]',
        '\turl = https://github.com/example-org/ok',
        '',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '13:8 github.com/example-org/ok - pkg:generic/github.com/example-org/ok?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fok',
    ])
    expect(problems(out.skipped)).toEqual([
      `2 submodule "sibling": url "../sibling.git" is relative to the superproject's own remote, which the tree does not name: not listed`,
      '4 submodule "local": url "/srv/git/local.git" is a path on the machine, not a repository anyone publishes: not listed',
      "- the commit each submodule is pinned at is in the superproject's git tree, not in .gitmodules (stewards does not read .git): submodules are listed without a version",
    ])
    expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      '8:8 invalid-entry a value with an unterminated quote or a bad escape',
      '11:1 invalid-entry not a section header of git-config syntax',
      '5:1 invalid-entry submodule "nourl" has no url',
      '7:1 invalid-entry submodule "quote" has no url',
      '10:8 invalid-entry submodule "weird": url "not a url" is not a repository URL',
    ])
  })

  it('is found in a tree and resolves to the repositories with no request', async () => {
    const inventory = await scanTree(
      {'.gitmodules': '[submodule "zlib"]\n\tpath = zlib\n\turl = https://github.com/madler/zlib\n'},
      {discoverers: [discoverer]},
    )
    expect(inventory.components.map((c) => c.name)).toEqual(['github.com/madler/zlib'])
    const run = await resolveOffline(inventory.components, [registeredResolver('vcs-url')])
    expect(run.groups.map((g) => [g.repo, g.confidence])).toEqual([['github.com/madler/zlib', 'high']])
  })

  it('reads a variable on its section header line, and names a repository without the port it is reached on', () => {
    const out = discover(
      '[submodule "c"] url = https://github.com:443/example-org/c.git\n[submodule "d"] # note\n\turl = ssh://git@git.example.com:2222/team/d.git\n',
    )
    expect(out.errors).toEqual([])
    expect(rows(out).map((row) => row.split(' ').slice(0, 2).join(' '))).toEqual([
      '1:23 github.com/example-org/c',
      '3:8 git.example.com/team/d',
    ])
  })
})
