import {readFileSync} from 'node:fs'
import {mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {runCli} from '../../../../tests/support/cli.js'
import {makeTree, scanTree} from '../../../../tests/discover/tree.js'
import {repositoryName} from '../../lockfile-support/git-package.js'
import {discoverer} from './index.js'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8')

function discover(text: string) {
  return discoverer.discover({file: 'flake.lock', text}, {readText: () => null}) as {
    components: Component[]
    errors: Array<{code: string; line?: number; column?: number; message: string}>
  }
}

/** name version direct line:column of each component. */
const rows = (components: Component[]) =>
  components.map((c) => [c.name, c.version, c.direct, `${c.locations[0].line}:${c.locations[0].column}`])

const REV_A = '0123456789abcdef0123456789abcdef01234567'
const REV_B = '89abcdef0123456789abcdef0123456789abcdef'

/** A flake.lock of version 7 with these nodes (root's key is `root`). */
function lock(nodes: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({nodes, root: 'root', version: 7, ...extra}, null, 2)}\n`
}

const github = (owner: string, repo: string, rev: string, more: Record<string, unknown> = {}) => ({
  locked: {lastModified: 1700000000, narHash: 'sha256-AAAA', owner, repo, rev, type: 'github', ...more},
  original: {owner, repo, type: 'github'},
})

describe('nix-flake-lock', () => {
  it('reads the real devenv flake.lock: every node the root reaches, direct from the root inputs and their follows', () => {
    const {components, errors} = discover(fixture('devenv.flake.lock'))
    expect(errors).toEqual([])
    expect(rows(components)).toEqual([
      ['github.com/cachix/cachix', 'a66a440c321d35f7193472c317f42a55ccd1cb93', true, '3:5'],
      ['github.com/rossng/crate2nix', 'ba5dd398e31ee422fbe021767eb83b0650303a6e', true, '31:5'],
      ['github.com/edolstra/flake-compat', '5edf11c44bc78a0d334f6334cdaf7d60d732daab', true, '48:5'],
      ['github.com/hercules-ci/flake-parts', 'f7c1a2d347e4c52d5fb8d10cb4d94b5884e546fb', true, '64:5'],
      ['github.com/ghostty-org/ghostty', '88b4cd047fa627cdca6781bc7e7dc8b75a2cecb9', true, '84:5'],
      ['github.com/cachix/git-hooks.nix', '9f7e99119ece7705299595299f3b031f39356de1', true, '100:5'],
      ['github.com/cachix/nix', 'f521bcc0b07d80921104a973996823392d247f7a', true, '123:5'],
      ['github.com/nix-community/nixd', 'a64cd33e53b316b6b092ea0a966640cd2309bf3d', true, '155:5'],
      // The flake's `nixpkgs` is cachix/devenv-nixpkgs; NixOS/nixpkgs is that one's input, not the root's.
      ['github.com/cachix/devenv-nixpkgs', '12866ae2dddbc0ab8b329915f8072bb9c75bde89', true, '179:5'],
      ['github.com/NixOS/nixpkgs', '3e41b24abd260e8f71dbe2f5737d24122f972158', false, '198:5'],
      ['github.com/oxalica/rust-overlay', '13139aefa973f3d96c60c0fbab801de058ae25ca', true, '229:5'],
      ['github.com/numtide/treefmt-nix', 'db947814a175b7ca6ded66e21383d938df01c227', false, '249:5'],
    ])
    const cachix = components[0]
    expect(cachix).toEqual({
      kind: 'package',
      ecosystem: 'generic',
      name: 'github.com/cachix/cachix',
      version: 'a66a440c321d35f7193472c317f42a55ccd1cb93',
      purl: 'pkg:generic/github.com/cachix/cachix@a66a440c321d35f7193472c317f42a55ccd1cb93?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fcachix%2Fcachix%40a66a440c321d35f7193472c317f42a55ccd1cb93',
      ref: 'github:cachix/cachix/a66a440c321d35f7193472c317f42a55ccd1cb93',
      scope: 'prod',
      direct: true,
      origin: 'lockfile',
      locations: [{file: 'flake.lock', line: 3, column: 5}],
    })
  })

  it('reads the real flake-utils flake.lock through the engine (file name flake.lock anywhere in the tree)', async () => {
    const inventory = await scanTree({'tools/flake.lock': fixture('flake-utils.flake.lock')})
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => [c.name, c.version, c.purl, c.direct, c.locations])).toEqual([
      [
        'github.com/nix-systems/default',
        'da67096a3b9bf56a91d16901293e51ba5b49a27e',
        'pkg:generic/github.com/nix-systems/default@da67096a3b9bf56a91d16901293e51ba5b49a27e?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fnix-systems%2Fdefault%40da67096a3b9bf56a91d16901293e51ba5b49a27e',
        true,
        [{file: 'tools/flake.lock', line: 8, column: 5}],
      ],
    ])
  })

  it('names each input by its source: the same repository at two revs is two components; at one rev, one at both nodes', () => {
    const {components, errors} = discover(
      lock({
        nixpkgs: github('NixOS', 'nixpkgs', REV_A),
        nixpkgs_2: github('NixOS', 'nixpkgs', REV_B),
        tool: {...github('example-org', 'tool', REV_A), inputs: {nixpkgs: 'nixpkgs_2', base: 'pkgs', self: []}},
        // The same source and rev as `nixpkgs`, reached only through `tool` (Hyprland's hyprland-protocols_2).
        pkgs: github('NixOS', 'nixpkgs', REV_A),
        root: {inputs: {nixpkgs: 'nixpkgs', tool: 'tool'}},
      }),
    )
    expect(errors).toEqual([])
    expect(
      components.map((c) => [c.name, c.version, c.direct, c.ref, c.locations.map((l) => `${l.line}:${l.column}`)]),
    ).toEqual([
      ['github.com/NixOS/nixpkgs', REV_A, true, `github:NixOS/nixpkgs/${REV_A}`, ['3:5', '53:5']],
      ['github.com/NixOS/nixpkgs', REV_B, false, `github:NixOS/nixpkgs/${REV_B}`, ['18:5']],
      ['github.com/example-org/tool', REV_A, true, `github:example-org/tool/${REV_A}`, ['33:5']],
    ])
  })

  it('reads every input type: forges (hosts respected), git, Mercurial, tarballs, files, paths', () => {
    const nodes = {
      ghe: github('team', 'app', REV_A, {host: 'github.example.com'}),
      gl: {locked: {owner: 'group%2Fsub', repo: 'proj', rev: REV_A, type: 'gitlab'}},
      glself: {locked: {host: 'git.example.org', owner: 'ops', repo: 'infra', rev: REV_B, type: 'gitlab'}},
      srht: {locked: {owner: '~user', repo: 'colors', rev: REV_A, type: 'sourcehut'}},
      srhthg: {locked: {host: 'hg.sr.ht', owner: '~user', repo: 'old', rev: REV_B, type: 'sourcehut'}},
      git: {locked: {ref: 'main', rev: REV_A, type: 'git', url: 'https://git.example.org/team/tool.git'}},
      gitssh: {locked: {rev: REV_B, type: 'git', url: 'ssh://git@github.com/example-org/private'}},
      gitlocal: {locked: {type: 'git', url: 'file:///home/dev/checkout'}},
      hg: {locked: {rev: REV_A, type: 'hg', url: 'https://hg.example.org/repo'}},
      tar: {locked: {narHash: 'sha256-B', type: 'tarball', url: 'https://example.com/src/pkg-1.0.tar.gz'}},
      tarrev: {locked: {rev: REV_B, type: 'tarball', url: 'https://api.example.com/f/pinned/x/1.0/abc.tar.gz'}},
      file: {flake: false, locked: {narHash: 'sha256-C', type: 'file', url: 'https://example.com/data.json'}},
      path: {locked: {lastModified: 1, narHash: 'sha256-D', path: './sub', type: 'path'}},
      root: {
        inputs: Object.fromEntries(
          [
            'ghe',
            'gl',
            'glself',
            'srht',
            'srhthg',
            'git',
            'gitssh',
            'gitlocal',
            'hg',
            'tar',
            'tarrev',
            'file',
            'path',
          ].map((k) => [k, k]),
        ),
      },
    }
    const {components, errors} = discover(lock(nodes))
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.version ?? null, c.purl ?? null, c.local ?? false])).toEqual([
      [
        'github.example.com/team/app',
        REV_A,
        `pkg:generic/github.example.com/team/app@${REV_A}?vcs_url=git%2Bhttps%3A%2F%2Fgithub.example.com%2Fteam%2Fapp%40${REV_A}`,
        false,
      ],
      [
        'gitlab.com/group/sub/proj',
        REV_A,
        `pkg:generic/gitlab.com/group/sub/proj@${REV_A}?vcs_url=git%2Bhttps%3A%2F%2Fgitlab.com%2Fgroup%2Fsub%2Fproj%40${REV_A}`,
        false,
      ],
      [
        'git.example.org/ops/infra',
        REV_B,
        `pkg:generic/git.example.org/ops/infra@${REV_B}?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.org%2Fops%2Finfra%40${REV_B}`,
        false,
      ],
      [
        'git.sr.ht/~user/colors',
        REV_A,
        `pkg:generic/git.sr.ht/~user/colors@${REV_A}?vcs_url=git%2Bhttps%3A%2F%2Fgit.sr.ht%2F%7Euser%2Fcolors%40${REV_A}`,
        false,
      ],
      [
        'hg.sr.ht/~user/old',
        REV_B,
        `pkg:generic/hg.sr.ht/~user/old@${REV_B}?vcs_url=hg%2Bhttps%3A%2F%2Fhg.sr.ht%2F%7Euser%2Fold%40${REV_B}`,
        false,
      ],
      [
        'git.example.org/team/tool',
        REV_A,
        `pkg:generic/git.example.org/team/tool@${REV_A}?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.org%2Fteam%2Ftool.git%40${REV_A}`,
        false,
      ],
      [
        'github.com/example-org/private',
        REV_B,
        `pkg:generic/github.com/example-org/private@${REV_B}?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fexample-org%2Fprivate%40${REV_B}`,
        false,
      ],
      ['/home/dev/checkout', null, null, true],
      [
        'hg.example.org/repo',
        REV_A,
        `pkg:generic/hg.example.org/repo@${REV_A}?vcs_url=hg%2Bhttps%3A%2F%2Fhg.example.org%2Frepo%40${REV_A}`,
        false,
      ],
      [
        'example.com/src/pkg-1.0.tar.gz',
        null,
        'pkg:generic/example.com/src/pkg-1.0.tar.gz?download_url=https%3A%2F%2Fexample.com%2Fsrc%2Fpkg-1.0.tar.gz',
        false,
      ],
      [
        'api.example.com/f/pinned/x/1.0/abc.tar.gz',
        REV_B,
        `pkg:generic/api.example.com/f/pinned/x/1.0/abc.tar.gz@${REV_B}?download_url=https%3A%2F%2Fapi.example.com%2Ff%2Fpinned%2Fx%2F1.0%2Fabc.tar.gz`,
        false,
      ],
      [
        'example.com/data.json',
        null,
        'pkg:generic/example.com/data.json?download_url=https%3A%2F%2Fexample.com%2Fdata.json',
        false,
      ],
      ['./sub', null, null, true],
    ])
    expect(components.map((c) => c.ref)).toContain(`github:team/app/${REV_A}?host=github.example.com`)
    expect(components.map((c) => c.ref)).toContain('path:./sub')
    expect(components.every((c) => c.scope === 'prod' && c.direct === true && c.ecosystem === 'generic')).toBe(true)
  })

  it('a tarball that is a GitHub archive of a commit is that repository at that commit; of a branch, a download', () => {
    const archive = (ref: string) => `https://github.com/NixOS/nixpkgs/archive/${ref}.tar.gz`
    const {components, errors} = discover(
      lock({
        commit: {locked: {narHash: 'sha256-A', type: 'tarball', url: archive(REV_A)}},
        branch: {locked: {narHash: 'sha256-B', type: 'tarball', url: archive('nixos-unstable')}},
        root: {inputs: {commit: 'commit', branch: 'branch'}},
      }),
    )
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.version ?? null, c.purl])).toEqual([
      [
        'github.com/NixOS/nixpkgs',
        REV_A,
        `pkg:generic/github.com/NixOS/nixpkgs@${REV_A}?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2FNixOS%2Fnixpkgs%40${REV_A}`,
      ],
      [
        'github.com/NixOS/nixpkgs/archive/nixos-unstable.tar.gz',
        null,
        'pkg:generic/github.com/NixOS/nixpkgs/archive/nixos-unstable.tar.gz?download_url=https%3A%2F%2Fgithub.com%2FNixOS%2Fnixpkgs%2Farchive%2Fnixos-unstable.tar.gz',
      ],
    ])
  })

  it('resolves follows paths: through other follows, to the root ([] is the flake itself, not listed)', () => {
    const {components, errors} = discover(
      lock({
        a: {...github('example-org', 'a', REV_A), inputs: {b: 'b', self: []}},
        b: {...github('example-org', 'b', REV_A), inputs: {c: 'c'}},
        c: github('example-org', 'c', REV_A),
        root: {inputs: {a: 'a', viaB: ['a', 'b'], viaC: ['viaB', 'c'], me: []}},
      }),
    )
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.direct])).toEqual([
      ['github.com/example-org/a', true],
      ['github.com/example-org/b', true],
      ['github.com/example-org/c', true],
    ])
  })

  it('reports follows cycles, over-long and dangling follows paths at their node; the other inputs are read', () => {
    const long = Array.from({length: 40}, () => 'x')
    const text = lock({
      a: {...github('example-org', 'a', REV_A), inputs: {loop: ['a', 'loop']}},
      root: {inputs: {a: 'a', p: ['q'], q: ['p'], far: long, gone: ['a', 'nothing']}},
    })
    const {components, errors} = discover(text)
    expect(components.map((c) => c.name)).toEqual(['github.com/example-org/a'])
    expect(errors.map((e) => [e.code, e.line, e.message])).toEqual([
      // `p` follows `q`, which follows `p`: the walk from p's target, q, comes back to it.
      ['invalid-entry', 24, 'input "p" of node "root": follows cycle: q -> p -> q'],
      // The same cycle, found once.
      ['invalid-entry', 24, 'input "q" of node "root": follows cycle: q -> p -> q'],
      ['invalid-entry', 24, 'input "far" of node "root": a follows path of 40 names (more than 32)'],
      ['invalid-entry', 24, 'input "gone" of node "root": follows path a/nothing names no input "nothing"'],
      ['invalid-entry', 3, 'input "loop" of node "a": follows cycle: a/loop -> a/loop'],
    ])
  })

  it('resolves a long chain of follows once per path (its time per byte: bench/hostile.ts)', () => {
    // f0 follows f1, which follows f2, ...: 5,000 follows deep, and 5,000 nodes whose inputs follow f0 and fN. Walked
    // anew for each input, as Nix walks them, that is 25 million steps; here each path once (well under a second).
    const inputs: Record<string, unknown> = {}
    for (let index = 0; index < 5_000; index++) inputs[`f${index}`] = [`f${index + 1}`]
    inputs.f5000 = 'leaf'
    const nodes: Record<string, unknown> = {leaf: github('example-org', 'leaf', REV_A), root: {inputs}}
    for (let index = 0; index < 5_000; index++) {
      nodes[`n${index}`] = {...github('example-org', `r${index}`, REV_A), inputs: {a: ['f0'], b: [`f${index}`]}}
      inputs[`n${index}`] = `n${index}`
    }
    const {components, errors} = discover(lock(nodes))
    expect(errors).toEqual([])
    expect(components).toHaveLength(5_001)
    expect(components[0]).toMatchObject({name: 'github.com/example-org/leaf', direct: true})
  })

  it('reports hostile nodes at their key and reads the rest: unknown types, missing fields, unlocked and indirect inputs', () => {
    const text = lock({
      ok: github('example-org', 'ok', REV_A),
      weird: {locked: {type: 'svn', url: 'svn://example.org/x'}},
      notype: {locked: {owner: 'x', repo: 'y'}},
      nolocked: {original: {id: 'nixpkgs', type: 'indirect'}},
      norev: {locked: {owner: 'example-org', repo: 'norev', type: 'github'}},
      badowner: {locked: {owner: 'a b', repo: 'c', rev: REV_A, type: 'github'}},
      indirect: {locked: {id: 'nixpkgs', type: 'indirect'}},
      nourl: {locked: {rev: REV_A, type: 'git'}},
      nopath: {locked: {type: 'path'}},
      root: {
        inputs: {
          ok: 'ok',
          weird: 'weird',
          notype: 'notype',
          nolocked: 'nolocked',
          norev: 'norev',
          badowner: 'badowner',
          indirect: 'indirect',
          nourl: 'nourl',
          nopath: 'nopath',
          missing: 'nowhere',
          itself: 'root',
          number: 3,
        },
      },
    })
    const {components, errors} = discover(text)
    expect(components.map((c) => c.name)).toEqual(['github.com/example-org/ok'])
    expect(errors.map((e) => e.message)).toEqual([
      'input "missing" of node "root" names node "nowhere", which nodes does not hold',
      'input "itself" of node "root" names the root node: Nix refuses a lock file with a cycle to the root',
      'input "number" of node "root" must be a node key or a follows path (a list of input names)',
      'node "weird": locked.type "svn" is not an input type this reader knows; not listed',
      'node "notype": locked.type must name the input type',
      `node "nolocked": locked must be the object of the locked input's attributes`,
      'node "norev": the input is not locked: a commit id in locked.rev is missing or not a commit id; not listed',
      'node "badowner": locked.owner must be the owner of a github repository',
      'node "indirect": locked is an indirect reference to flake registry entry "nixpkgs", not a locked input (Nix refuses it without --allow-dirty-locks): what it fetches is not known; not listed',
      'node "nourl": locked.url must be the URL of the repository',
      'node "nopath": locked.path must be the path of the input',
    ])
    // Each error names its node's line in the file.
    const lines = text.split('\n')
    expect(errors.every((e) => e.code === 'invalid-entry' && e.column === 5)).toBe(true)
    expect(lines[(errors[3].line ?? 0) - 1]).toContain('"weird": {')
    expect(lines[(errors[10].line ?? 0) - 1]).toContain('"nopath": {')
  })

  it('refuses what is not a flake.lock Nix reads, at the line that says so', () => {
    expect(discover('{"nodes": {}, ').errors.map((e) => e.code)).toEqual(['invalid-json'])
    expect(discover('[]').errors.map((e) => e.code)).toEqual(['invalid-lockfile'])
    const old = discover('{\n  "inputs": {},\n  "version": 4\n}\n')
    expect(old.errors.map((e) => [e.code, e.line, e.message])).toEqual([
      ['invalid-lockfile', 3, 'version 4 is not one Nix reads (5 to 7)'],
    ])
    expect(discover('{"version": 7, "root": "root"}').errors.map((e) => e.message)).toEqual([
      'nodes must be an object of nodes',
    ])
    const noRoot = discover('{\n  "nodes": {},\n  "root": "main",\n  "version": 7\n}')
    expect(noRoot.errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'root names node "main", which nodes does not hold'],
    ])
    // A node written twice is reported; the last one is read.
    const twice = lock({a: github('example-org', 'a', REV_A), root: {inputs: {a: 'a'}}}).replace(
      '"root": {',
      `"a": ${JSON.stringify(github('example-org', 'a', REV_B))},\n    "root": {`,
    )
    const dup = discover(twice)
    expect(dup.errors.map((e) => e.code)).toEqual(['duplicate-key'])
    expect(dup.components.map((c) => c.version)).toEqual([REV_B])
    // A node no input reaches is not read by Nix, nor here; a lock file of only a root lists nothing.
    const lone = discover(lock({stray: github('example-org', 'stray', REV_A), root: {}}))
    expect(lone).toEqual({components: [], errors: []})
  })

  it('names a URL input by host and path, without scheme, credentials, query, .git and port (git-package.ts)', () => {
    expect(repositoryName('https://user:secret@git.example.org/team/tool.git?ref=main#x')).toBe(
      'git.example.org/team/tool',
    )
    expect(repositoryName('ssh://git@github.com/example-org/private/')).toBe('github.com/example-org/private')
    // The port is how the repository is reached, not part of its name (as for mix.lock, rebar.lock, submodules).
    expect(repositoryName('https://git.example.org:8443/team/tool')).toBe('git.example.org/team/tool')
  })

  it('resolves GitHub inputs to their repositories through the real resolve stage, with no registry request', async () => {
    const dir = await makeTree({'flake.lock': fixture('devenv.flake.lock')})
    const r = await runCli(['inventory', dir, '--resolve', '--offline', '--json'], {
      env: {XDG_CACHE_HOME: await mkdtemp(join(tmpdir(), 'xdg-'))},
    })
    expect(r.stderr).not.toContain('internal error')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.resolution.unresolved).toEqual([])
    expect(new Set(out.resolution.groups.map((g: {provenance: string}) => g.provenance))).toEqual(new Set(['vcs-url']))
    expect(out.resolution.groups.map((g: {repo: string}) => g.repo)).toEqual([
      'github.com/cachix/cachix',
      'github.com/cachix/devenv-nixpkgs',
      'github.com/cachix/git-hooks.nix',
      'github.com/cachix/nix',
      'github.com/edolstra/flake-compat',
      'github.com/ghostty-org/ghostty',
      'github.com/hercules-ci/flake-parts',
      'github.com/nix-community/nixd',
      'github.com/NixOS/nixpkgs',
      'github.com/numtide/treefmt-nix',
      'github.com/oxalica/rust-overlay',
      'github.com/rossng/crate2nix',
    ])
  })

  it('asks no registry for inputs off the known forges either: a GitHub Enterprise repository, a tarball', async () => {
    const text = lock({
      ghe: github('team', 'app', REV_A, {host: 'github.example.com'}),
      tar: {locked: {narHash: 'sha256-B', type: 'tarball', url: 'https://example.com/src/pkg-1.0.tar.gz'}},
      root: {inputs: {ghe: 'ghe', tar: 'tar'}},
    })
    const dir = await makeTree({'flake.lock': text})
    const r = await runCli(['inventory', dir, '--resolve', '--offline', '--json'], {
      env: {XDG_CACHE_HOME: await mkdtemp(join(tmpdir(), 'xdg-'))},
    })
    const out = JSON.parse(r.stdout)
    expect(out.resolution.groups).toEqual([])
    const attempts = out.resolution.unresolved.map(
      (u: {component: {name: string}; attempts: Array<{resolver: string; reason: string}>}) => [
        u.component.name,
        u.attempts.map((a) => `${a.resolver} ${a.reason}`),
      ],
    )
    // Nothing was asked (an offline run answers a request with offline-cache-miss): the vcs-url resolver names no
    // repository off the known forges, and no resolver handles a generic download.
    expect(attempts).toEqual([
      ['example.com/src/pkg-1.0.tar.gz', []],
      ['github.example.com/team/app', ['vcs-url no-repository']],
    ])
  })
})

describe('nix-flake-lock on standard input', () => {
  it('is known by its head', () => {
    const head = readFileSync(new URL('./__fixtures__/devenv.flake.lock', import.meta.url), 'utf8').slice(0, 4096)
    expect(discoverer.identify?.(head)).toBe(true)
    expect(discoverer.identify?.('{"nodes": []}')).toBe(false)
    expect(discoverer.identify?.('{"packages": {}}')).toBe(false)
  })
})

describe('nix-flake-lock FlakeHub inputs', () => {
  it('names a FlakeHub release by its flake and version, with the tarball as download_url', () => {
    // The form FlakeHub's resolver locks (a DeterminateSystems flake.lock writes it so).
    const url =
      'https://api.flakehub.com/f/pinned/NixOS/nixpkgs/0.2411.717196%2Brev-1e3a2b4c5d6e7f8091a2b3c4d5e6f708192a3b4c/0193a5b1-1111-7222-8333-944455556666/source.tar.gz'
    const {components, errors} = discover(
      lock({
        nixpkgs: {
          locked: {narHash: 'sha256-AAAA', rev: '1e3a2b4c5d6e7f8091a2b3c4d5e6f708192a3b4c', type: 'tarball', url},
        },
        root: {inputs: {nixpkgs: 'nixpkgs'}},
      }),
    )
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.version, c.purl])).toEqual([
      [
        'flakehub.com/NixOS/nixpkgs',
        '0.2411.717196+rev-1e3a2b4c5d6e7f8091a2b3c4d5e6f708192a3b4c',
        `pkg:generic/flakehub.com/NixOS/nixpkgs@0.2411.717196+rev-1e3a2b4c5d6e7f8091a2b3c4d5e6f708192a3b4c?download_url=${encodeURIComponent(url)}`,
      ],
    ])
  })
})
