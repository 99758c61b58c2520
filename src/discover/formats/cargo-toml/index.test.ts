import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = 'Cargo.toml', files: Record<string, string> = {}) {
  return discoverer.discover({file, text}, {readText: (f) => files[f] ?? null}) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) => `${c.locations[0].line} ${c.ref} ${c.version ?? '-'} ${c.scope}${c.local ? ' local' : ''} ${c.purl ?? '-'}`,
  )

describe('cargo-toml', () => {
  it('matches Cargo.toml, not build output', () => {
    expect(discoverer.matches('Cargo.toml')).toBe(true)
    expect(discoverer.matches('crates/cli/Cargo.toml')).toBe(true)
    expect(discoverer.matches('target/package/x/Cargo.toml')).toBe(false)
    expect(discoverer.matches('Cargo.lock')).toBe(false)
  })

  it("lists a real crate's dependencies, per target, at their lines (ripgrep)", () => {
    const text = readFileSync(new URL('./__fixtures__/ripgrep/Cargo.toml', import.meta.url), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '21 anyhow 1.0.75 - prod pkg:cargo/anyhow',
      '22 bstr 1.7.0 - prod pkg:cargo/bstr',
      // A path crate with a version: Cargo builds the path; the version is for the published manifest only.
      '23 grep 0.3.1 - prod local -',
      '24 ignore 0.4.22 - prod local -',
      '25 lexopt 0.3.0 - prod pkg:cargo/lexopt',
      '26 textwrap 0.16.0 - prod pkg:cargo/textwrap',
      '38 serde 1.0.77 - dev pkg:cargo/serde',
      '39 serde_derive 1.0.77 - dev pkg:cargo/serde_derive',
      '40 walkdir 2 - dev pkg:cargo/walkdir',
      '29 windows-sys 0.52 - prod pkg:cargo/windows-sys',
      '32 libc 0.2.151 - prod pkg:cargo/libc',
      '34 jemallocator 0.5.0 - prod pkg:cargo/jemallocator',
    ])
    expect(out.components.every((c) => c.direct === true && c.ecosystem === 'cargo')).toBe(true)
  })

  it('takes inherited versions from the root package.workspace names, not from a nearer [workspace]', () => {
    const files = {
      'Cargo.toml': '[workspace]\nmembers = ["tools/gen"]\n\n[workspace.dependencies]\nserde = "=1.0.200"\n',
      'tools/Cargo.toml': '[workspace]\n\n[workspace.dependencies]\nserde = "=0.9.0"\n',
    }
    const member = '[package]\nname = "gen"\nworkspace = "../.."\n\n[dependencies]\nserde.workspace = true\n'
    const out = discover(member, 'tools/gen/Cargo.toml', files)
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual(['6 serde =1.0.200 1.0.200 prod pkg:cargo/serde@1.0.200'])
    // Without the key, the first [workspace] above is the root.
    expect(rows(discover(member.replace('workspace = "../.."\n', ''), 'tools/gen/Cargo.toml', files))).toEqual([
      '5 serde =0.9.0 0.9.0 prod pkg:cargo/serde@0.9.0',
    ])
  })

  it('takes a path or git dependency that also names a version as Cargo builds it: the path local, the git checkout', () => {
    const out = discover(
      `[workspace]
members = ["crates/*"]

[workspace.dependencies]
acme-util = { version = "0.2.32", path = "crates/acme-util" }

[dependencies]
acme-util.workspace = true
acme-core = { path = "crates/acme-core", version = "=1.0.0" }
forked = { git = "https://github.com/example-org/forked", rev = "0a1b2c3", version = "=0.3.1" }
`,
    )
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(out.components).toEqual([
      {
        kind: 'package',
        ecosystem: 'cargo',
        name: 'acme-util',
        ref: 'acme-util 0.2.32',
        scope: 'prod',
        direct: true,
        local: true,
        origin: 'manifest',
        locations: [{file: 'Cargo.toml', line: 8, column: 1}],
      },
      {
        kind: 'package',
        ecosystem: 'cargo',
        name: 'acme-core',
        version: '1.0.0',
        ref: 'acme-core =1.0.0',
        scope: 'prod',
        direct: true,
        local: true,
        origin: 'manifest',
        locations: [{file: 'Cargo.toml', line: 9, column: 1}],
      },
      {
        kind: 'package',
        ecosystem: 'cargo',
        name: 'forked',
        version: '0.3.1',
        purl: 'pkg:cargo/forked@0.3.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fforked%400a1b2c3',
        ref: 'forked =0.3.1',
        scope: 'prod',
        direct: true,
        origin: 'manifest',
        locations: [{file: 'Cargo.toml', line: 10, column: 1}],
      },
    ])
  })

  it('reads exact, renamed, optional, git, path and workspace-inherited dependencies', () => {
    const root = `[workspace]
members = ["crates/app"]

[workspace.dependencies]
tokio = { version = "=1.38.0", features = ["full"] }
serde = "1.0"
`
    const out = discover(
      `[package]
name = "app"

[dependencies]
pinned = "=0.4.2"
renamed = { package = "real-crate", version = "2.1" }
maybe = { version = "1", optional = true }
from-git = { git = "https://github.com/example-org/from-git", tag = "v1.0.0" }
sibling = { path = "../sibling" }
tokio = { workspace = true }
serde.workspace = true
missing = { workspace = true }

[build-dependencies]
cc = "1.0.83"
`,
      'crates/app/Cargo.toml',
      {'Cargo.toml': root},
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '5 pinned =0.4.2 0.4.2 prod pkg:cargo/pinned@0.4.2',
      '6 real-crate 2.1 - prod pkg:cargo/real-crate',
      '7 maybe 1 - optional pkg:cargo/maybe',
      '8 from-git - prod pkg:cargo/from-git?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Ffrom-git%40v1.0.0',
      '9 sibling - prod local -',
      '10 tokio =1.38.0 1.38.0 prod pkg:cargo/tokio@1.38.0',
      '11 serde 1.0 - prod pkg:cargo/serde',
      '12 missing - prod pkg:cargo/missing',
      '15 cc 1.0.83 - dev pkg:cargo/cc',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.message}`)).toEqual([
      '12 missing: inherited from the workspace, whose [workspace.dependencies] is not in the tree or does not list it',
    ])
  })

  it('reads the old underscore spellings Cargo still takes up to edition 2021 (rust-lang/cargo deprecated_section)', () => {
    const out = discover(`[package]
name = "app"
version = "0.1.0"
edition = "2021"

[dependencies]
serde = "=1.0.200"

[dev_dependencies]
regex = "=1.10.4"

[build_dependencies]
cc = "=1.0.90"

[target.'cfg(unix)'.dev_dependencies]
libc = "=0.2.150"
`)
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.name} ${c.version} ${c.scope} ${c.locations[0].line}`)).toEqual([
      'serde 1.0.200 prod 7',
      'regex 1.10.4 dev 10',
      'cc 1.0.90 dev 13',
      'libc 0.2.150 dev 16',
    ])
  })

  it('reports a bad dependency at its line, and a TOML syntax error', () => {
    const out = discover('[dependencies]\nok = "1"\nbad = 42\n"not a crate!" = "1"\n')
    expect(rows(out)).toEqual(['2 ok 1 - prod pkg:cargo/ok'])
    expect(out.errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
      '3 invalid-entry bad: expected a version or a table',
      '4 invalid-entry not a crate!: not a crate name',
    ])
    expect(discover('[dependencies\n').errors.map((e) => e.code)).toEqual(['invalid-toml'])
  })

  it("marks a crate of another registry with its index, from .cargo/config.toml when it is named (never crates.io's)", () => {
    const out = discover(
      `[dependencies]
internal = { version = "=2.0.0", registry = "acme" }
unknown = { version = "1", registry = "elsewhere" }
indexed = { version = "=0.3.0", registry-index = "sparse+https://cargo.example.com/index/" }
public = { version = "1", registry = "crates-io" }
`,
      'crates/app/Cargo.toml',
      {
        '.cargo/config.toml':
          '[registries.acme]\nindex = "sparse+https://cargo.acme.example/api/v1/crates/"\ntoken = "never-read"\n',
      },
    )
    expect(out.components.map((c) => c.purl)).toEqual([
      'pkg:cargo/internal@2.0.0?repository_url=https%3A%2F%2Fcargo.acme.example%2Fapi%2Fv1%2Fcrates%2F',
      // A name whose index is not in the tree stays a name: enough for resolvers not to ask crates.io.
      'pkg:cargo/unknown?repository_url=elsewhere',
      'pkg:cargo/indexed@0.3.0?repository_url=https%3A%2F%2Fcargo.example.com%2Findex%2F',
      'pkg:cargo/public',
    ])
    expect(JSON.stringify(out)).not.toContain('never-read')
  })

  it('lists [patch] and [replace] sources beside the dependencies they replace: git with its vcs_url, paths local', () => {
    const out = discover(`[package]
name = "acme-app"

[dependencies]
serde = "1.0"
acme-log = "0.3"

[patch.crates-io]
serde = { git = "https://github.com/acme/serde", branch = "fix" }
acme-log = { path = "../acme-log" }

[patch."https://github.com/example/tools"]
helper = { git = "https://git.example.com/tools", tag = "v2" }

[replace]
"openssl:0.10.0" = { git = "https://github.com/acme/openssl" }
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '5 serde 1.0 - prod pkg:cargo/serde',
      '6 acme-log 0.3 - prod pkg:cargo/acme-log',
      // The sources the build takes instead: no scope of their own (the patch does not say which dependency uses them).
      '9 serde - undefined pkg:cargo/serde?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fserde%40fix',
      '10 acme-log - undefined local -',
      '13 helper - undefined pkg:cargo/helper?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Ftools%40v2',
      '16 openssl - undefined pkg:cargo/openssl?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fopenssl',
    ])
  })

  it('takes only =MAJOR.MINOR.PATCH for one version: =1.11 is a range (granian)', () => {
    // emmett-framework/granian's Cargo.toml writes `hyper = { version = "=1.11", … }`: >=1.11.0, <1.12.0.
    const out = discover(
      '[dependencies]\nhyper = { version = "=1.11" }\nanyhow = "=1.0"\nexact = "=1.2.3-rc.1+build.5"\n',
    )
    expect(rows(out)).toEqual([
      '2 hyper =1.11 - prod pkg:cargo/hyper',
      '3 anyhow =1.0 - prod pkg:cargo/anyhow',
      '4 exact =1.2.3-rc.1+build.5 1.2.3-rc.1+build.5 prod pkg:cargo/exact@1.2.3-rc.1+build.5',
    ])
  })
})
