import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import {discoverer} from './index.js'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8')
const read = (file: string, text: string) => discoverer.discover({file, text}, {readText: () => null})
const at = (c: {locations: Array<{line: number; column: number}>}) => `${c.locations[0].line}:${c.locations[0].column}`

describe('haskell-lock: cabal.project.freeze', () => {
  it('reads a real freeze (Kleidukos/get-tested): every == pin, flag choices and index-state left out', async () => {
    const inventory = await scanTree({'cabal.project.freeze': fixture('get-tested.cabal.project.freeze')})
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([])
    expect(inventory.components.map((c) => `${c.purl} ${c.ref} ${at(c)}`)).toEqual([
      'pkg:hackage/Cabal@3.16.0.0 any.Cabal ==3.16.0.0 2:18',
      'pkg:hackage/Cabal-syntax@3.16.0.0 any.Cabal-syntax ==3.16.0.0 3:18',
      'pkg:hackage/OneTuple@0.4.3 any.OneTuple ==0.4.3 4:18',
      'pkg:hackage/QuickCheck@2.18.0.0 any.QuickCheck ==2.18.0.0 6:18',
      'pkg:hackage/StateVar@1.2.2 any.StateVar ==1.2.2 8:18',
      'pkg:hackage/aeson@2.3.1.0 any.aeson ==2.3.1.0 9:18',
      'pkg:hackage/ansi-terminal@1.1.5 any.ansi-terminal ==1.1.5 11:18',
      'pkg:hackage/xml-types@0.3.8 any.xml-types ==0.3.8 13:18',
      'pkg:hackage/zlib@0.7.1.1 any.zlib ==0.7.1.1 14:18',
    ])
    expect(
      inventory.components.every(
        (c) => c.ecosystem === 'hackage' && c.direct === undefined && c.locations[0].file === 'cabal.project.freeze',
      ),
    ).toBe(true)
  })

  it('reads two versions of one package, version sets, old unqualified and setup pins; skips ranges', () => {
    const out = read(
      'cabal.project.freeze',
      [
        '-- a comment',
        'constraints: any.Cabal ==3.10.1.0 || ==3.12.0.0,',
        '  any.text == { 2.0.2, 2.1 },containers==0.6.7, setup.Cabal ==3.10.1.0,',
        '  my-app:setup.directory ==1.3.8.1,',
        '  any.bytestring installed, any.network source, tasty +unix,',
        '  any.lens >=5.2 && <5.3, any.mtl -any',
        '',
        'package foo',
        '  constraints: any.bar ==1.0',
        'index-state: hackage.haskell.org 2026-01-01T00:00:00Z',
      ].join('\r\n'),
    )
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.purl} ${at(c)}`)).toEqual([
      'pkg:hackage/Cabal@3.10.1.0 2:18',
      'pkg:hackage/Cabal@3.12.0.0 2:18',
      'pkg:hackage/text@2.0.2 3:7',
      'pkg:hackage/text@2.1 3:7',
      'pkg:hackage/containers@0.6.7 3:30',
      'pkg:hackage/Cabal@3.10.1.0 3:55',
      'pkg:hackage/directory@1.3.8.1 4:16',
    ])
    expect(out.skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '9 unsupported constraints inside "package foo" apply only there: not read',
      '6 unresolved-version lens: ">=5.2 && <5.3" is a version range, not one version',
      '6 unresolved-version mtl: "-any" is a version range, not one version',
    ])
  })

  it('lists the pins as Hackage packages when active-repositories names another repository beside Hackage, said once', () => {
    // As CardanoSolutions/kupo's freeze (406 pins) with the Cardano Haskell packages repository (CHaP).
    const out = read(
      'cabal.project.freeze',
      [
        'active-repositories: hackage.haskell.org:merge, cardano-haskell-packages:merge',
        'constraints: any.aeson ==2.2.3.0,',
        '             aeson -ordered-keymap,',
        '             any.cardano-binary ==1.5.0,',
        '             any.zlib ==0.6.3.0',
        'index-state: cardano-haskell-packages 2022-10-25T17:33:07Z, hackage.haskell.org 2023-07-21T10:12:20Z',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.purl} ${at(c)}`)).toEqual([
      'pkg:hackage/aeson@2.2.3.0 2:18',
      'pkg:hackage/cardano-binary@1.5.0 4:18',
      'pkg:hackage/zlib@0.6.3.0 5:18',
    ])
    expect(out.skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '1 unsupported active-repositories names cardano-haskell-packages besides hackage.haskell.org, and the freeze file does not say which package comes from which: the 3 pinned packages are listed as Hackage packages, including any that cardano-haskell-packages provides',
    ])
    // `:rest` (the user's other repositories) beside Hackage, over two lines; a skipped repository is not active.
    const rest = read(
      'cabal.project.freeze',
      'active-repositories: hackage.haskell.org,\n  :rest, packages.example.com:skip\nconstraints: any.aeson ==2.2.3.0\n',
    )
    expect(rest.components.map((c) => c.purl)).toEqual(['pkg:hackage/aeson@2.2.3.0'])
    expect(rest.skipped?.map((s) => `${s.line} ${s.message}`)).toEqual([
      "1 active-repositories names :rest (the other repositories of the user's Cabal configuration) besides hackage.haskell.org, and the freeze file does not say which package comes from which: the 1 pinned package is listed as a Hackage package, including any that :rest provides",
    ])
    expect(
      read(
        'cabal.project.freeze',
        'active-repositories: hackage.haskell.org:merge\nconstraints: any.aeson ==2.2.3.0\n',
      ),
    ).toMatchObject({skipped: [], errors: []})
  })

  it('lists nothing when the active repositories leave Hackage out, said once with the count', () => {
    const out = read(
      'cabal.project.freeze',
      'active-repositories: packages.example.com:merge, hackage.haskell.org:skip\nconstraints: any.acme-secret ==1.0,\n             any.aeson ==2.2.3.0,\n             any.base ==4.18.0.0\n',
    )
    expect(out.components).toEqual([])
    expect(out.skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '1 unsupported active-repositories does not name hackage.haskell.org (it names packages.example.com), and the freeze file does not say which package comes from which: 2 pinned packages not listed as Hackage packages',
      '4 unsupported 1 GHC boot package (base: it ships with GHC, and cabal-install takes the installed one, never a download): not listed',
    ])
    // `:none`, as cabal freeze writes it when no repository was active: the plan took installed packages.
    const none = read('cabal.project.freeze', 'active-repositories: :none\nconstraints: any.aeson ==2.2.3.0\n')
    expect(none.components).toEqual([])
    expect(none.skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      "1 unsupported active-repositories makes no repository active (:none): the plan's packages were installed ones, and the freeze file does not say where they were built from: 1 pinned package not listed as a Hackage package",
    ])
  })

  it("counts GHC's boot packages that cabal-install never reinstalls, not listed (GaloisInc/saw-script)", async () => {
    const inventory = await scanTree({'cabal.project.freeze': fixture('saw-script.cabal.project.freeze')})
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => `${c.purl} ${at(c)}`)).toEqual([
      'pkg:hackage/Cabal@2.4.0.1 1:18',
      'pkg:hackage/FloatingHex@0.4 2:18',
      'pkg:hackage/ghc-boot@8.6.5 5:18',
      'pkg:hackage/ghc-boot-th@8.6.5 6:18',
      'pkg:hackage/ghc-heap@8.6.5 7:18',
      'pkg:hackage/ghc-paths@0.1.0.12 8:18',
      'pkg:hackage/ghci@8.6.5 10:18',
      'pkg:hackage/zlib-bindings@0.1.1.5 15:18',
    ])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      'cabal.project.freeze:3 unsupported 6 GHC boot packages (base, ghc, ghc-prim, integer-gmp, rts, template-haskell: they ship with GHC, and cabal-install takes the installed one, never a download): not listed',
    ])
  })

  it('counts only ghc, ghc-internal and rts when base is 4.22 or later (GHC 9.14, whose base cabal-install 3.16 may rebuild)', () => {
    const out = read(
      'cabal.project.freeze',
      'constraints: any.base ==4.22.0.0,\n  any.ghc ==9.14.1, any.ghc-internal ==9.1401.0,\n  any.ghc-prim ==0.13.1, any.rts ==1.0.2,\n  any.template-haskell ==2.24.0.0\n',
    )
    expect(out.components.map((c) => `${c.purl} ${at(c)}`)).toEqual([
      'pkg:hackage/base@4.22.0.0 1:18',
      'pkg:hackage/ghc-prim@0.13.1 3:7',
      'pkg:hackage/template-haskell@2.24.0.0 4:7',
    ])
    expect(out.skipped?.map((s) => `${s.line} ${s.message}`)).toEqual([
      '2 3 GHC boot packages (ghc, ghc-internal, rts: they ship with GHC, and cabal-install takes the installed one, never a download): not listed',
    ])
  })

  it('reports a constraint that is not one, with its line and column, and reads the rest', () => {
    const out = read(
      'cabal.project.freeze',
      'constraints: any.aeson ==2.2.3.0,\n  any.-bad ==1.0, other.x ==1, any.y,\n  any.zlib ==0.7.1.1',
    )
    expect(out.components.map((c) => c.purl)).toEqual(['pkg:hackage/aeson@2.2.3.0', 'pkg:hackage/zlib@0.7.1.1'])
    expect(out.errors?.map((e) => `${e.code} ${e.line}:${e.column}`)).toEqual([
      'invalid-entry 2:3',
      'invalid-entry 2:19',
      'invalid-entry 2:32',
    ])
    // Hostile sizes: one pass, nothing quadratic.
    const huge = `constraints: ${Array.from({length: 50_000}, (_, i) => `any.p${i} ==1.${i}`).join(',\n  ')}\n`
    expect(read('cabal.project.freeze', huge).components).toHaveLength(50_000)
    expect(read('cabal.project.freeze', `constraints: any.a ==${'1.'.repeat(100_000)}`).errors).toHaveLength(1)
  })

  it('reports `==` without a version and a line that is neither a field nor a section; `==1.2.*` is a range', () => {
    // syft's test data holds a `cabal.project.freeze` that is not one: it must not read as an empty, valid freeze.
    const out = read(
      'cabal.project.freeze',
      'constraints: any.foo ==bar,\n  any.text ==2.*,\n  any.mtl ==2.3.1\nthis is not a freeze file\npackage zlib\n  flags: -pkg-config\n',
    )
    expect(out.components.map((c) => c.purl)).toEqual(['pkg:hackage/mtl@2.3.1'])
    expect(out.errors?.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`)).toEqual([
      'invalid-lockfile 4:1 a line that is neither a field (`name: value`) nor a section (package, if, repository...)',
      'invalid-entry 1:14 foo: `==` must be followed by a version (digits and dots)',
    ])
    expect(out.skipped?.map((s) => `${s.line} ${s.reason}`)).toEqual(['2 unresolved-version'])
  })

  it('reads the freeze of any project file, named after it as cabal names it', () => {
    // haskell-text/text-display's cabal.project.release.freeze, hasura/graphql-engine's cabal.project.ci.freeze,
    // GlideAngle/flare-timing's cabal-ghcjs.project.freeze.
    expect(
      [
        'cabal.project.release.freeze',
        'cabal.project.ci.freeze',
        'cabal-ghcjs.project.freeze',
        'ci/my.project.freeze',
      ].map((f) => discoverer.matches(f)),
    ).toEqual([true, true, true, true])
    expect(
      ['requirements.freeze', 'project.freeze.txt', 'dist-newstyle/cabal.project.freeze'].map((f) =>
        discoverer.matches(f),
      ),
    ).toEqual([false, false, false])
  })
})

describe('haskell-lock: stack.yaml.lock', () => {
  it("reads a real stack.yaml.lock (Stack's own): Hackage packages; the LTS snapshot said once, not expanded", async () => {
    const inventory = await scanTree({'stack.yaml.lock': fixture('stack.stack.yaml.lock')})
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => `${c.purl} ${at(c)}`)).toEqual([
      'pkg:hackage/Cabal@3.16.1.0 8:14',
      'pkg:hackage/Cabal-syntax@3.16.1.0 15:14',
      'pkg:hackage/tls@2.4.3 22:14',
    ])
    expect(inventory.components[2].ref).toBe(
      'tls-2.4.3@sha256:b69bad4c980463bebe216e3b1f88443884daff19878e2fec45661358abdbe6e8,7391',
    )
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      "stack.yaml.lock:29 remote-resource snapshot lts-24.55: its packages (the project's dependencies it provides) are not listed here, only the lock's own packages; the snapshot is not expanded",
    ])
  })

  it("reads git locations (Stack's LockSpec): the Hackage package at the commit, vcs_url; a compiler layer is no package", () => {
    const out = read('stack-ghc-8.6.yaml.lock', fixture('wai-warp.stack.yaml.lock'))
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.name} ${c.version} ${c.purl} ${at(c)}`)).toEqual([
      'wai 3.2.1.2 pkg:hackage/wai@3.2.1.2?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fyesodweb%2Fwai.git%40d11d63f1a6a92db8c637a8d33e7953ce6194a3e0 19:11',
      'warp 3.2.25 pkg:hackage/warp@3.2.25?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fyesodweb%2Fwai.git%40d11d63f1a6a92db8c637a8d33e7953ce6194a3e0 32:11',
    ])
    expect(out.skipped?.map((s) => `${s.line} ${s.message.slice(0, 18)}`)).toEqual(['3 snapshot lts-14.27'])
  })

  it('reads archive, hg and revision locations; reports bad entries with their line', () => {
    const lock = [
      'packages:',
      '- completed:',
      '    hackage: acme-missiles-0.3@rev:0',
      '- completed:',
      '    name: tool',
      '    version: 1.0.0',
      '    url: https://example.com/tool-1.0.0.tar.gz',
      '    sha256: abc',
      '- completed:',
      '    hg: https://hg.example.org/lib',
      '    commit: 0123456789abcdef0123456789abcdef01234567',
      '    name: lib',
      '    version: "2.1"',
      '- completed:',
      '    hackage: not a package id',
      '- completed:',
      '    git: https://github.com/example/x.git',
      '    name: x',
      '    version: 1.0',
      '- completed:',
      '    pantry-tree: {}',
      '- original: foo-1.0',
      'snapshots:',
      '- completed:',
      '    compiler: ghc-9.10.3',
      '  original:',
      '    compiler: ghc-9.10.3',
    ].join('\n')
    const out = read('stack.yaml.lock', lock)
    expect(out.components.map((c) => `${c.purl} ${c.ref}`)).toEqual([
      'pkg:hackage/acme-missiles@0.3 acme-missiles-0.3@rev:0',
      'pkg:hackage/tool@1.0.0?download_url=https%3A%2F%2Fexample.com%2Ftool-1.0.0.tar.gz tool@https://example.com/tool-1.0.0.tar.gz',
      'pkg:hackage/lib@2.1?vcs_url=hg%2Bhttps%3A%2F%2Fhg.example.org%2Flib%400123456789abcdef0123456789abcdef01234567 lib@https://hg.example.org/lib#0123456789abcdef0123456789abcdef01234567',
    ])
    expect(out.errors?.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`)).toEqual([
      'invalid-entry 15:14 `hackage:` must be <name>-<version>[@sha256:<hash>,<size>]',
      'invalid-entry 17:5 a repository location needs its `commit`',
      'invalid-entry 21:5 `completed` names no `hackage:`, `git:`, `hg:` or `url:` location',
      'invalid-entry 22:3 a package entry needs a `completed` location',
    ])
    expect(out.skipped).toEqual([])
  })

  it('reports a lock that is not a mapping or not YAML', () => {
    expect(read('stack.yaml.lock', '- a\n- b\n').errors).toEqual([
      {
        file: 'stack.yaml.lock',
        code: 'invalid-lockfile',
        message: 'a stack.yaml.lock must be a mapping (of `packages:` and `snapshots:`)',
        line: 1,
        column: 1,
      },
    ])
    expect(read('stack.yaml.lock', 'packages: {a: 1}\n').errors?.[0]).toMatchObject({
      code: 'invalid-lockfile',
      message: "'packages' must be a list",
      line: 1,
    })
    expect(read('stack.yaml.lock', 'packages: [\n').errors?.[0]).toMatchObject({file: 'stack.yaml.lock', line: 2})
    expect(read('stack.yaml.lock', 'packages: []\nsnapshots: []\n')).toEqual({components: [], skipped: [], errors: []})
  })
})

describe('haskell-lock: stack.yaml (only without a lock beside it)', () => {
  it("reads a real stack.yaml's extra-deps (Stack's own) when no stack.yaml.lock is beside it; the snapshot said once", async () => {
    const inventory = await scanTree({'app/stack.yaml': fixture('stack.stack.yaml')})
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => `${c.purl} ${c.locations[0].file}:${at(c)}`)).toEqual([
      'pkg:hackage/Cabal@3.16.1.0 app/stack.yaml:4:3',
      'pkg:hackage/Cabal-syntax@3.16.1.0 app/stack.yaml:5:3',
      'pkg:hackage/crypton@1.1.4 app/stack.yaml:6:3',
      'pkg:hackage/crypton-asn1-encoding@0.10.0 app/stack.yaml:7:3',
    ])
    expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message.slice(0, 20)}`)).toEqual([
      '1 remote-resource snapshot lts-24.55: ',
    ])
    // With the lock beside it, the lock alone is read.
    const both = await scanTree({
      'stack.yaml': fixture('stack.stack.yaml'),
      'stack.yaml.lock': fixture('stack.stack.yaml.lock'),
    })
    expect(both.errors).toEqual([])
    expect(new Set(both.components.map((c) => c.locations[0].file))).toEqual(new Set(['stack.yaml.lock']))
    expect(both.skipped.map((s) => s.file)).toEqual(['stack.yaml.lock'])
  })

  it('reads git and github locations as their repository at the commit; skips archives and hg; passes over other stack.yaml files', () => {
    const yaml = [
      'resolver: lts-22.0',
      'extra-deps:',
      '- acme-missiles-0.3@rev:0',
      '- hackage: wai-3.2.4',
      '- ./vendor/local-package',
      '- git: https://github.com/example-org/fork.git',
      "  commit: '6a86ee32e5b869a877151f74064572225e1a0398'",
      '  subdirs: [a, b]',
      '- github: example-org/other',
      '  commit: a5f4f3',
      '- https://example.com/foo/bar/baz-0.0.2.tar.gz',
      '- archive: ../acme-missiles-0.3.tar.gz',
      '- hg: https://example.com/hg/repo',
      "  commit: 'da39a3ee5e6b4b0d3255bfef95601890afd80709'",
      '- git: https://github.com/example-org/no-commit',
      '- {}',
    ].join('\n')
    const out = discoverer.discover({file: 'stack.yaml', text: yaml}, {readText: () => null})
    expect(out.components.map((c) => `${c.purl} ${at(c)}`)).toEqual([
      'pkg:hackage/acme-missiles@0.3 3:3',
      'pkg:hackage/wai@3.2.4 4:12',
      'pkg:generic/github.com/example-org/fork@6a86ee32e5b869a877151f74064572225e1a0398?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Ffork.git%406a86ee32e5b869a877151f74064572225e1a0398 6:8',
      'pkg:generic/github.com/example-org/other@a5f4f3?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fother%40a5f4f3 9:11',
    ])
    expect(out.skipped?.map((s) => `${s.line} ${s.reason}`)).toEqual([
      '1 remote-resource',
      '11 unsupported',
      '12 unsupported',
      '13 unsupported',
    ])
    expect(out.errors?.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`)).toEqual([
      'invalid-entry 15:3 a git extra-dep needs its `commit`',
      'invalid-entry 16:3 an extra-dep is a package (`name-version`, `hackage:`), a repository (`git:`, `github:` or `hg:` with `commit:`), an archive (`archive:`, `url:`, `location:`) or a local folder',
    ])
    // Another tool's stack.yaml (a CloudFormation template, with its tags) is not parsed at all.
    const other = discoverer.discover(
      {
        file: 'stack.yaml',
        text: 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n',
      },
      {readText: () => null},
    )
    expect(other).toEqual({components: []})
  })
})

describe('haskell-lock: stack.yaml with `!include`', () => {
  it("follows Stack's !include (its integration test 6879-stack-yaml-includes): merged keys under the file's own, extra-deps from another file, each located in its file", async () => {
    const inventory = await scanTree(
      {
        // The merge line of Stack's test (`<<: !include install-ghc.yaml`), then fictional packages.
        'app/stack.yaml': 'snapshot: ghc-9.10.3\n<<: !include shared/base.yaml # shared settings\nflags: {}\n',
        'app/shared/base.yaml': ['snapshot: lts-1.0', '<<: !include deps.yaml', 'install-ghc: true', ''].join('\n'),
        'app/shared/deps.yaml': 'extra-deps: !include list.yaml\n',
        'app/shared/list.yaml': '- acme-missiles-0.3\n- hackage: wai-3.2.4\n',
        'loop/stack.yaml': 'resolver: lts-22.0\n<<: !include stack.yaml\nextra-deps: !include /etc/deps.yaml\n',
        // The tag on the line after the key, as Stack's stack-including-flags-with-newline.yaml writes it.
        'gone/stack.yaml': 'resolver: lts-22.0\n<<:\n  !include missing.yaml\n',
      },
      {discoverers: [discoverer]},
    )
    expect(inventory.components.map((c) => `${c.purl} ${c.locations[0].file}:${at(c)}`)).toEqual([
      'pkg:hackage/acme-missiles@0.3 app/shared/list.yaml:1:3',
      'pkg:hackage/wai@3.2.4 app/shared/list.yaml:2:12',
    ])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message.slice(0, 60)}`)).toEqual([
      // The including file's own snapshot wins over the merged one.
      "app/stack.yaml:1 remote-resource snapshot ghc-9.10.3: its packages (the project's dependencie",
      "gone/stack.yaml:1 remote-resource snapshot lts-22.0: its packages (the project's dependencies ",
      'gone/stack.yaml:2 missing-resource !include missing.yaml: not in the scanned tree; what it hold',
      "loop/stack.yaml:1 remote-resource snapshot lts-22.0: its packages (the project's dependencies ",
      'loop/stack.yaml:3 missing-resource !include /etc/deps.yaml: a file outside the scanned tree; wh',
    ])
    expect(inventory.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      'loop/stack.yaml:2:1 invalid-entry `!include stack.yaml` names a file that includes this one (Stack refuses the loop)',
    ])
  })
})

describe('haskell-lock: stack.yaml !include bounds', () => {
  it('follows at most 32 included files and says so once; a chain deeper than 8 stops with one error', async () => {
    const files: Record<string, string> = {
      'wide/stack.yaml': `resolver: lts-22.0\n${Array.from({length: 40}, (_, i) => `<<: !include part${i}.yaml`).join('\n')}\n`,
      'deep/stack.yaml': 'resolver: lts-22.0\n<<: !include d1.yaml\n',
    }
    for (let i = 0; i < 40; i++) files[`wide/part${i}.yaml`] = i === 39 ? 'extra-deps: [late-1.0]\n' : 'flags: {}\n'
    for (let i = 1; i <= 12; i++)
      files[`deep/d${i}.yaml`] = i === 12 ? 'extra-deps: [deep-1.0]\n' : `<<: !include d${i + 1}.yaml\n`
    const inventory = await scanTree(files, {discoverers: [discoverer]})
    expect(inventory.components).toEqual([])
    expect(inventory.errors.map((e) => `${e.file}:${e.line} ${e.message}`)).toEqual([
      'deep/d8.yaml:1 `!include d9.yaml` is past 8 files deep or 32 files in all: not followed, nor any after it',
      'wide/stack.yaml:34 `!include part32.yaml` is past 8 files deep or 32 files in all: not followed, nor any after it',
    ])
  })
})

describe('haskell-lock: stack.yaml extra-deps written `location:`', () => {
  it("reads `location:` as an archive, as pantry does (Stack's integration test 1884-url-to-tarball)", async () => {
    const inventory = await scanTree({'stack.yaml': fixture('url-to-tarball.stack.yaml')})
    expect(inventory.errors).toEqual([])
    expect(inventory.components).toEqual([])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      "stack.yaml:1 remote-resource snapshot ghc-9.10.3: its packages (the project's dependencies it provides) are not listed here, only the extra-deps; the snapshot is not expanded",
      "stack.yaml:4 unsupported an archive extra-dep (location: https://hackage.haskell.org/package/acme-missiles-0.3/acme-missiles-0.3.tar.gz): the package's name is in the archive, not here",
    ])
  })

  it("reports a repository under `location:` (Stack 1's packages: form, which no Stack reads in extra-deps); the rest is read", () => {
    const yaml = [
      'resolver: lts-12.26',
      'extra-deps:',
      '- location: ../vendor/tool-1.0.tar.gz',
      '- location:',
      '    git: https://github.com/example-org/fork.git',
      '    commit: 6a86ee32e5b869a877151f74064572225e1a0398',
      '  extra-dep: true',
      '- location: https://user:hunter2@example.com/private-0.1.tar.gz',
      '- acme-missiles-0.3',
    ].join('\n')
    const out = discoverer.discover({file: 'stack.yaml', text: yaml}, {readText: () => null})
    expect(out.components.map((c) => `${c.purl} ${at(c)}`)).toEqual(['pkg:hackage/acme-missiles@0.3 9:3'])
    expect(out.skipped?.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      "1 remote-resource snapshot lts-12.26: its packages (the project's dependencies it provides) are not listed here, only the extra-deps; the snapshot is not expanded",
      "3 unsupported an archive extra-dep (location: ../vendor/tool-1.0.tar.gz): the package's name is in the archive, not here",
      "8 unsupported an archive extra-dep (location: https://example.com/private-0.1.tar.gz): the package's name is in the archive, not here",
    ])
    expect(out.errors?.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`)).toEqual([
      "invalid-entry 5:5 an extra-dep's `location:` is an archive's URL or path; a repository under `location:` is Stack 1's form of a `packages:` entry, which Stack does not read here: write `git:` (or `hg:`) and `commit:` at the extra-dep's top level",
    ])
  })
})

describe('haskell-lock: names', () => {
  it('matches freeze and Stack lock names, not those under build folders', () => {
    for (const file of [
      'cabal.project.freeze',
      'app/cabal.release.project.freeze',
      'stack.yaml.lock',
      'stack-ghc-9.12.4.yaml.lock',
      'stack.yaml',
      'sub/stack-ghc-9.12.yaml',
    ])
      expect(discoverer.matches(file)).toBe(true)
    for (const file of [
      'cabal.project',
      'cabal.config',
      'docker-stack.yaml',
      'other.yaml.lock',
      'dist-newstyle/src/x/cabal.project.freeze',
      '.stack-work/downloaded/x/stack.yaml.lock',
    ])
      expect(discoverer.matches(file)).toBe(false)
  })

  it('recognises both by content (standard input)', () => {
    expect(discoverer.identify?.(fixture('get-tested.cabal.project.freeze'))).toBe(true)
    expect(discoverer.identify?.(fixture('stack.stack.yaml.lock'))).toBe(true)
    expect(discoverer.identify?.('constraints: base ==4.18\n')).toBe(false)
    const stdin = discoverer.discover({file: '-', text: fixture('stack.stack.yaml.lock')}, {readText: () => null})
    expect(stdin.components).toHaveLength(3)
    const freeze = discoverer.discover(
      {file: '-', text: fixture('get-tested.cabal.project.freeze')},
      {readText: () => null},
    )
    expect(freeze.components).toHaveLength(9)
    // Named with --stdin-format: a lock without Stack's header is still read as one.
    const bare = discoverer.discover(
      {file: '-', text: 'packages:\n- completed:\n    hackage: tls-2.4.3\n'},
      {readText: () => null},
    )
    expect(bare.components.map((c) => c.purl)).toEqual(['pkg:hackage/tls@2.4.3'])
  })
})
