import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'
import {parsePackageKey, stripPeers} from './keys.js'

function discover(text: string) {
  return discoverer.discover({file: 'pnpm-lock.yaml', text}, {readText: () => null}) as {
    components: Component[]
    errors: Array<{code: string; line?: number; column?: number; message: string}>
  }
}

/** A real lockfile of dependabot-core's tests (./__fixtures__/SOURCES.md). */
const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/dependabot-core/${name}/pnpm-lock.yaml`, import.meta.url), 'utf8')

function brief(component: Component) {
  const {name, version, ref, scope, direct, local} = component
  return {name, version, ref, scope, direct, local, line: component.locations[0].line}
}

const v54 = `lockfileVersion: 5.4

importers:

  .:
    specifiers:
      alpha: ^1.0.0
      web: workspace:*
    dependencies:
      alpha: 1.0.0_react@18.2.0
      web: link:packages/web

packages:

  /alpha/1.0.0_react@18.2.0:
    resolution: {integrity: sha512-a}
    peerDependencies:
      react: '*'
    dev: false

  /alpha/1.0.0_react@17.0.2:
    resolution: {integrity: sha512-a}
    dev: true

  /@scope/beta/2.0.0:
    resolution: {integrity: sha512-b}
    dev: true
    optional: true

  /gamma/3.0.0:
    resolution: {integrity: sha512-c}
    optional: true
`

const v6 = `lockfileVersion: '6.0'

importers:

  .:
    devDependencies:
      '@scope/beta':
        specifier: ^2.0.0
        version: 2.0.0(react@18.2.0)

packages:

  /@scope/beta@2.0.0(react@18.2.0):
    resolution: {integrity: sha512-b}
    dev: true

  /@scope/beta@2.0.0(react@17.0.2):
    resolution: {integrity: sha512-b}
    dev: true

  github.com/example/delta/0123abc:
    resolution: {tarball: https://codeload.github.com/example/delta/tar.gz/0123abc}
    name: delta
    version: 4.0.0
    dev: false
`

const v9 = `lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      alpha:
        specifier: ^1.0.0
        version: 1.0.0(react@18.2.0)

packages:

  alpha@1.0.0:
    resolution: {integrity: sha512-a}

  fsx@2.0.0:
    resolution: {integrity: sha512-f}

snapshots:

  alpha@1.0.0(react@18.2.0):
    dependencies:
      fsx: 2.0.0

  fsx@2.0.0:
    optional: true
`

describe('pnpm-lock keys', () => {
  it('reads an empty or blank pnpm-lock.yaml as pnpm does: no lockfile, no error (pnpm test fixtures)', () => {
    for (const text of ['', '\n', '  \n\n']) expect(discover(text)).toEqual({components: [], errors: []})
    // A file with content and no lockfileVersion is still refused.
    expect(discover('importers: {}\n').errors?.map((e) => e.code)).toEqual(['unsupported-version'])
  })

  it('a dependency named __proto__ in an importer is left out, as zod leaves it out', () => {
    const text = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      __proto__:',
      '        specifier: link:../x',
      '        version: link:../x',
      '      left-pad:',
      '        specifier: ^1.3.0',
      '        version: 1.3.0',
      'packages:',
      '  left-pad@1.3.0:',
      '    resolution: {integrity: sha512-x}',
      '',
    ].join('\n')
    expect(discover(text).components.map((c) => c.name)).toEqual(['left-pad'])
  })

  it("lists a workspace package linked from importers at different depths once, its link: path from the lockfile's folder", () => {
    // The bytemd monorepo's lockfile (cdxgen's test/data/pnpm_locks): `bytemd` is `link:../bytemd` in each plugin and
    // `link:../packages/bytemd` in `examples/vite`; it was listed once per spelling. Fictional names.
    const text = [
      "lockfileVersion: '6.0'",
      'importers:',
      '  .:',
      '    devDependencies:',
      '      lantern:',
      '        specifier: workspace:*',
      '        version: link:packages/lantern',
      '  packages/lantern-wick:',
      '    devDependencies:',
      '      lantern:',
      '        specifier: workspace:*',
      '        version: link:../lantern',
      '  examples/lamp:',
      '    devDependencies:',
      '      lantern:',
      '        specifier: workspace:*',
      '        version: link:../../packages/lantern',
      '      outside:',
      '        specifier: link:../../../outside',
      '        version: link:../../../outside',
      '',
    ].join('\n')
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    // One ref, so the inventory merges the three declarations into one local package (../../merge.ts).
    expect(components.map((c) => [c.ref, c.locations[0].line])).toEqual([
      ['lantern@link:packages/lantern', 5],
      ['lantern@link:packages/lantern', 10],
      ['lantern@link:packages/lantern', 15],
      // Leaving the lockfile's folder: as written.
      ['outside@link:../../../outside', 18],
    ])
  })

  it('strips peer suffixes of every generation', () => {
    expect(stripPeers('1.0.0_react@18.2.0')).toBe('1.0.0')
    expect(stripPeers('1.0.0(react@18.2.0)(vue@3.0.0)')).toBe('1.0.0')
    expect(parsePackageKey('/@vitejs/plugin-vue/4.1.0_m7w7ijwolt366p5gn6p5ouqwxe', 5)).toEqual({
      name: '@vitejs/plugin-vue',
      version: '4.1.0',
    })
    expect(parsePackageKey('/@scope/beta@2.0.0(react@18.2.0)', 6)).toEqual({name: '@scope/beta', version: '2.0.0'})
    expect(parsePackageKey('@scope/beta@2.0.0', 9)).toEqual({name: '@scope/beta', version: '2.0.0'})
    expect(parsePackageKey('github.com/example/delta/0123abc', 5)).toBeUndefined()
  })
})

describe('pnpm-lock', () => {
  it('5.4: peer variants are one package each entry, dev/optional flags, importers give direct and link: locals', () => {
    const {components, errors} = discover(v54)
    expect(errors).toEqual([])
    expect(components.map(brief)).toEqual([
      {
        name: 'web',
        version: undefined,
        ref: 'web@link:packages/web',
        scope: 'prod',
        direct: true,
        local: true,
        line: 11,
      },
      {
        name: 'alpha',
        version: '1.0.0',
        ref: '/alpha/1.0.0_react@18.2.0',
        scope: 'prod',
        direct: true,
        local: undefined,
        line: 15,
      },
      {
        name: 'alpha',
        version: '1.0.0',
        ref: '/alpha/1.0.0_react@17.0.2',
        scope: 'dev',
        direct: true,
        local: undefined,
        line: 21,
      },
      {
        name: '@scope/beta',
        version: '2.0.0',
        ref: '/@scope/beta/2.0.0',
        scope: 'dev',
        direct: false,
        local: undefined,
        line: 25,
      },
      {
        name: 'gamma',
        version: '3.0.0',
        ref: '/gamma/3.0.0',
        scope: 'optional',
        direct: false,
        local: undefined,
        line: 30,
      },
    ])
  })

  it('6.0: parenthesised peers, tarball entries named by their fields', () => {
    const {components, errors} = discover(v6)
    expect(errors).toEqual([])
    expect(components.map(brief)).toEqual([
      {
        name: '@scope/beta',
        version: '2.0.0',
        ref: '/@scope/beta@2.0.0(react@18.2.0)',
        scope: 'dev',
        direct: true,
        local: undefined,
        line: 13,
      },
      {
        name: '@scope/beta',
        version: '2.0.0',
        ref: '/@scope/beta@2.0.0(react@17.0.2)',
        scope: 'dev',
        direct: true,
        local: undefined,
        line: 17,
      },
      {
        name: 'delta',
        version: '4.0.0',
        ref: 'github.com/example/delta/0123abc',
        scope: 'prod',
        direct: false,
        local: undefined,
        line: 21,
      },
    ])
    expect(components[2].purl).toBe(
      'pkg:npm/delta@4.0.0?download_url=https%3A%2F%2Fcodeload.github.com%2Fexample%2Fdelta%2Ftar.gz%2F0123abc',
    )
  })

  it('6.0: directory packages (file: keys with a name and no version) are local entries, not errors', () => {
    const {components, errors} = discover(
      [
        "lockfileVersion: '6.0'",
        '',
        'dependencies:',
        '  shared:',
        '    specifier: file:packages/shared',
        '    version: file:packages/shared',
        '',
        'packages:',
        '',
        '  file:packages/shared:',
        '    resolution: {directory: packages/shared, type: directory}',
        '    name: shared',
        '    dev: false',
        '',
        '  file:packages/broken:',
        '    resolution: {directory: packages/broken, type: directory}',
        '',
      ].join('\n'),
    )
    expect(components.map(brief).filter((c) => c.line === 10)).toEqual([
      {
        name: 'shared',
        version: undefined,
        ref: 'file:packages/shared',
        scope: 'prod',
        // The importer's `shared: file:packages/shared` names this entry.
        direct: true,
        local: true,
        line: 10,
      },
    ])
    expect(components.every((c) => c.purl === undefined)).toBe(true)
    expect(errors.map((e) => [e.code, e.line])).toEqual([['invalid-entry', 15]])
  })

  it('9.0: optional comes from snapshots; prod and dev from what the importers reach (no dev flag)', () => {
    const {components, errors} = discover(v9)
    expect(errors).toEqual([])
    expect(components.map(brief)).toEqual([
      {name: 'alpha', version: '1.0.0', ref: 'alpha@1.0.0', scope: 'prod', direct: true, local: undefined, line: 13},
      {name: 'fsx', version: '2.0.0', ref: 'fsx@2.0.0', scope: 'optional', direct: false, local: undefined, line: 16},
    ])
  })

  it('9.0: a package only devDependencies reach is dev, one production reaches too is prod, through aliases and peers', () => {
    const {components, errors} = discover(`lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      app-lib:
        specifier: ^1.0.0
        version: 1.0.0
    devDependencies:
      test-kit:
        specifier: ^3.0.0
        version: 3.0.0(react@18.2.0)
      sw:
        specifier: npm:string-width@^4
        version: string-width@4.2.3

packages:

  app-lib@1.0.0:
    resolution: {integrity: sha512-a}
  shared@2.0.0:
    resolution: {integrity: sha512-s}
  test-kit@3.0.0:
    resolution: {integrity: sha512-t}
  only-test@1.1.0:
    resolution: {integrity: sha512-o}
  string-width@4.2.3:
    resolution: {integrity: sha512-w}
  orphan@0.1.0:
    resolution: {integrity: sha512-x}

snapshots:

  app-lib@1.0.0:
    dependencies:
      shared: 2.0.0
  shared@2.0.0: {}
  test-kit@3.0.0(react@18.2.0):
    dependencies:
      shared: 2.0.0
      only-test: 1.1.0
  only-test@1.1.0: {}
  string-width@4.2.3: {}
  orphan@0.1.0: {}
`)
    expect(errors).toEqual([])
    expect(components.map((c) => `${c.name} ${c.scope ?? '-'}`)).toEqual([
      'app-lib prod',
      'shared prod',
      'test-kit dev',
      'only-test dev',
      'string-width dev',
      // Reached by no project: the lock does not say.
      'orphan -',
    ])
  })

  it('an aliased dependency makes the real package direct, in 9.0, 6.0 and 5.4 (vitejs/vite: slash3: npm:slash@^3.0.0)', () => {
    const v9Alias = `lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      slash3:
        specifier: npm:slash@^3.0.0
        version: slash@3.0.0
      vue34:
        specifier: npm:vue@~3.4.38
        version: vue@3.4.38(typescript@5.0.0)

packages:

  slash@3.0.0:
    resolution: {integrity: sha512-a}
  vue@3.4.38:
    resolution: {integrity: sha512-b}
  other@1.0.0:
    resolution: {integrity: sha512-c}

snapshots:

  slash@3.0.0: {}
  vue@3.4.38(typescript@5.0.0):
    dependencies:
      other: 1.0.0
  other@1.0.0: {}
`
    const v6Alias = `lockfileVersion: '6.0'

dependencies:
  slash3:
    specifier: npm:slash@^3.0.0
    version: /slash@3.0.0

packages:

  /slash@3.0.0:
    resolution: {integrity: sha512-a}
    dev: false
`
    const v5Alias = `lockfileVersion: 5.4

specifiers:
  slash3: npm:slash@^3.0.0

dependencies:
  slash3: /slash/3.0.0

packages:

  /slash/3.0.0:
    resolution: {integrity: sha512-a}
    dev: false
`
    const nine = discover(v9Alias)
    expect(nine.errors).toEqual([])
    expect(nine.components.map(brief)).toEqual([
      {name: 'slash', version: '3.0.0', ref: 'slash@3.0.0', scope: 'prod', direct: true, local: undefined, line: 16},
      {name: 'vue', version: '3.4.38', ref: 'vue@3.4.38', scope: 'prod', direct: true, local: undefined, line: 18},
      {name: 'other', version: '1.0.0', ref: 'other@1.0.0', scope: 'prod', direct: false, local: undefined, line: 20},
    ])
    // Before: 6.0 and 5.4 listed a local package `slash3` (its `/slash@3.0.0` taken for a folder) and slash not direct.
    for (const [text, ref, line] of [
      [v6Alias, '/slash@3.0.0', 10],
      [v5Alias, '/slash/3.0.0', 11],
    ] as const) {
      const {components, errors} = discover(text)
      expect(errors).toEqual([])
      expect(components.map(brief)).toEqual([
        {name: 'slash', version: '3.0.0', ref, scope: 'prod', direct: true, local: undefined, line},
      ])
    }
  })

  it('9.0: a package keyed by its source (a tarball URL, git) is direct and scoped through its key; a URL is no version', () => {
    const {components, errors} = discover(`lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      node-expat:
        specifier: github:example/node-expat#0732e16
        version: https://codeload.github.com/example/node-expat/tar.gz/0732e16b0b679da2d12e062f78b3a511f419bb65
    devDependencies:
      gitdep:
        specifier: git+https://git.example.com/team/gitdep.git#deadbeef
        version: git+https://git.example.com/team/gitdep.git#deadbeef
      left-pad:
        specifier: https://files.example.com/left-pad.tgz
        version: https://files.example.com/left-pad.tgz

packages:

  node-expat@https://codeload.github.com/example/node-expat/tar.gz/0732e16b0b679da2d12e062f78b3a511f419bb65:
    resolution: {tarball: https://codeload.github.com/example/node-expat/tar.gz/0732e16b0b679da2d12e062f78b3a511f419bb65}
    version: 2.4.1

  gitdep@git+https://git.example.com/team/gitdep.git#deadbeef:
    resolution: {type: git, repo: https://git.example.com/team/gitdep.git, commit: deadbeef}
    version: 1.0.0

  left-pad@https://files.example.com/left-pad.tgz:
    resolution: {tarball: https://files.example.com/left-pad.tgz}

snapshots:

  node-expat@https://codeload.github.com/example/node-expat/tar.gz/0732e16b0b679da2d12e062f78b3a511f419bb65: {}
  gitdep@git+https://git.example.com/team/gitdep.git#deadbeef: {}
  left-pad@https://files.example.com/left-pad.tgz: {}
`)
    expect(errors).toEqual([])
    // Before: node-expat and gitdep were direct: false with no scope (looked up as name@2.4.1, name@1.0.0), and
    // left-pad had the URL for its version.
    expect(components.map((c) => ({...brief(c), purl: c.purl}))).toEqual([
      {
        name: 'node-expat',
        version: '2.4.1',
        ref: 'node-expat@https://codeload.github.com/example/node-expat/tar.gz/0732e16b0b679da2d12e062f78b3a511f419bb65',
        scope: 'prod',
        direct: true,
        local: undefined,
        line: 20,
        purl: 'pkg:npm/node-expat@2.4.1?download_url=https%3A%2F%2Fcodeload.github.com%2Fexample%2Fnode-expat%2Ftar.gz%2F0732e16b0b679da2d12e062f78b3a511f419bb65',
      },
      {
        name: 'gitdep',
        version: '1.0.0',
        ref: 'gitdep@git+https://git.example.com/team/gitdep.git#deadbeef',
        scope: 'dev',
        direct: true,
        local: undefined,
        line: 24,
        purl: 'pkg:npm/gitdep@1.0.0?vcs_url=https%3A%2F%2Fgit.example.com%2Fteam%2Fgitdep.git%40deadbeef',
      },
      {
        name: 'left-pad',
        version: undefined,
        ref: 'left-pad@https://files.example.com/left-pad.tgz',
        scope: 'dev',
        direct: true,
        local: undefined,
        line: 28,
        purl: 'pkg:npm/left-pad?download_url=https%3A%2F%2Ffiles.example.com%2Fleft-pad.tgz',
      },
    ])
  })

  it('9.0: a tarball on disk is local, whatever version its entry gives; an importer file: dependency makes it direct (astro)', () => {
    const {components, errors} = discover(`lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      fake-data-pkg:
        specifier: file:./packages/fake-data-pkg/fake-data-pkg-1.0.0.tgz
        version: file:packages/fake-data-pkg/fake-data-pkg-1.0.0.tgz

packages:

  fake-data-pkg@file:packages/fake-data-pkg/fake-data-pkg-1.0.0.tgz:
    resolution: {integrity: sha512-a, tarball: file:packages/fake-data-pkg/fake-data-pkg-1.0.0.tgz}
    version: 1.0.0

  bare@file:vendor/bare-2.0.0.tgz:
    resolution: {integrity: sha512-b, tarball: file:vendor/bare-2.0.0.tgz}

snapshots:

  fake-data-pkg@file:packages/fake-data-pkg/fake-data-pkg-1.0.0.tgz: {}
  bare@file:vendor/bare-2.0.0.tgz: {}
`)
    expect(errors).toEqual([])
    // Before: the packages entry was pkg:npm/fake-data-pkg@1.0.0 (which a resolver would ask the npm registry for),
    // not direct and with no scope, though the importer's file: dependency names it.
    expect(components.map((c) => ({...brief(c), purl: c.purl}))).toEqual([
      {
        name: 'fake-data-pkg',
        version: undefined,
        ref: 'fake-data-pkg@file:packages/fake-data-pkg/fake-data-pkg-1.0.0.tgz',
        scope: 'prod',
        direct: true,
        local: true,
        line: 7,
        purl: undefined,
      },
      {
        name: 'fake-data-pkg',
        version: undefined,
        ref: 'fake-data-pkg@file:packages/fake-data-pkg/fake-data-pkg-1.0.0.tgz',
        scope: 'prod',
        direct: true,
        local: true,
        line: 13,
        purl: undefined,
      },
      {
        name: 'bare',
        version: undefined,
        ref: 'bare@file:vendor/bare-2.0.0.tgz',
        scope: undefined,
        direct: false,
        local: true,
        line: 17,
        purl: undefined,
      },
    ])
  })

  it('reports unknown versions, bad YAML and mistyped entries with lines', () => {
    expect(discover("lockfileVersion: '7.0'\n").errors).toEqual([
      {
        file: 'pnpm-lock.yaml',
        code: 'unsupported-version',
        message: 'unknown lockfileVersion "7.0" (supported: 5.x, 6.x, 9.x)',
        line: 1,
        column: 1,
      },
    ])
    expect(discover("lockfileVersion: '9.0'\npackages:\n  a@1.0.0: [\n").errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-yaml', 4],
    ])
    // The place is told once, by the error's line and column, not again in the yaml library's words.
    expect(discover("lockfileVersion: '9.0'\n, x\n").errors).toEqual([
      {
        file: 'pnpm-lock.yaml',
        code: 'invalid-yaml',
        message: 'Plain value cannot start with flow indicator character ,',
        line: 2,
        column: 1,
      },
    ])
    const mistyped = discover(
      "lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: 5\n  b@1.0.0:\n    resolution: {integrity: x}\n",
    )
    expect(mistyped.components.map((c) => c.name)).toEqual(['b'])
    expect(mistyped.errors.map((e) => [e.code, e.line])).toEqual([['invalid-entry', 3]])
  })

  it('does not expand alias bombs or pollute prototypes', () => {
    const bomb = `lockfileVersion: '9.0'\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`
    // reported at its first alias
    expect(discover(bomb).errors).toEqual([
      {file: 'pnpm-lock.yaml', code: 'invalid-yaml', message: expect.stringMatching(/alias/i), line: 3},
    ])
    const {errors} = discover("lockfileVersion: '9.0'\npackages:\n  __proto__:\n    polluted: yes\n")
    expect(({} as {polluted?: string}).polluted).toBeUndefined()
    expect(errors.map((e) => [e.code, e.line])).toEqual([['forbidden-key', 3]])
  })

  it('reads the same with js-yaml (the fast path) as with the yaml library (anchors, irregular mappings)', () => {
    for (const text of [v54, v6, v9]) {
      const fast = discover(text)
      // An anchor anywhere sends the file to the yaml library.
      const slow = discover(`${text}\nunused: &anchor 1\n`)
      expect(slow.errors).toEqual(fast.errors)
      expect(slow.components).toEqual(fast.components)
      // A flow mapping with a key and no value: the fast path cannot place its keys and asks the yaml library.
      const irregular = discover(`${text}\nflow: {lone, key: 1}\n`)
      expect(irregular.components.map(brief)).toEqual(fast.components.map(brief))
    }
  })

  it('reports a key written twice with its line and keeps the last one', () => {
    const {components, errors} = discover(
      "lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {integrity: x}\n  a@1.0.0:\n    resolution: {integrity: y}\n  b@2.0.0:\n    resolution: {integrity: z}\n",
    )
    expect(errors).toEqual([
      {
        file: 'pnpm-lock.yaml',
        code: 'duplicate-key',
        message: 'duplicate key (the last value is used)',
        line: 5,
        column: 3,
      },
    ])
    expect(components.map((c) => `${c.name}@${c.version}:${c.locations[0].line}`)).toEqual(['a@1.0.0:5', 'b@2.0.0:7'])
  })

  it('does not give the yaml library a lockfile over 2 MiB that js-yaml refuses, nor one nested as a bomb', () => {
    // 60,000 packages (about 2.6 MB) and a key written twice: js-yaml's problem, at its place, and nothing read.
    const entries = Array.from({length: 60_000}, (_, i) => `  p${i}@1.0.0:\n    resolution: {integrity: x}\n`).join('')
    const big = discover(`lockfileVersion: '9.0'\npackages:\n${entries}  p7@1.0.0:\n    resolution: {integrity: y}\n`)
    expect(big.components).toEqual([])
    expect(big.errors).toEqual([expect.objectContaining({code: 'duplicate-key', line: 120_003, column: 3})])
    const bomb = discover(`lockfileVersion: '9.0'\npackages: ${'['.repeat(100_000)}\n`)
    expect(bomb.errors).toEqual([
      expect.objectContaining({code: 'invalid-yaml', message: 'nested deeper than 1024 levels'}),
    ])
  })
})

describe('pnpm-lock of several YAML documents (pnpm 11 and later: an env lockfile, then the project)', () => {
  it("reads both documents of a real one: the env lockfile's pnpm as tooling, the project's packages as before", () => {
    const {components, errors} = discover(fixture('multi_document'))
    expect(errors).toEqual([])
    expect(components.map(brief)).toEqual([
      {
        name: '@pnpm/exe',
        version: '11.9.0',
        ref: '@pnpm/exe@11.9.0',
        scope: 'dev',
        direct: true,
        local: undefined,
        line: 18,
      },
      {name: 'pnpm', version: '11.9.0', ref: 'pnpm@11.9.0', scope: 'dev', direct: true, local: undefined, line: 22},
      {name: 'etag', version: '1.8.0', ref: 'etag@1.8.0', scope: 'prod', direct: true, local: undefined, line: 49},
    ])
    expect(components.map((c) => c.locations[0].column)).toEqual([3, 3, 3])
    // As pnpm reads it, with a byte order mark and CRLF line ends too (dependabot-core's own variants of this test).
    const crlf = discover(`\uFEFF${fixture('multi_document').replace(/\n/g, '\r\n')}`)
    expect(crlf.errors).toEqual([])
    expect(crlf.components.map(brief)).toEqual(components.map(brief))
  })

  it('lists config dependencies (direct, dev) and what they need; tells which document a problem is in', () => {
    const env = [
      '---',
      "lockfileVersion: '9.0'",
      '',
      'importers:',
      '',
      '  .:',
      '    configDependencies:',
      "      '@example/pnpm-plugin':",
      '        specifier: 1.2.0',
      '        version: 1.2.0',
      '',
      'packages:',
      '',
      "  '@example/pnpm-plugin@1.2.0':",
      '    resolution: {integrity: sha512-a}',
      '',
      '  helper@2.0.0:',
      '    resolution: {integrity: sha512-b}',
      '',
      '  /broken/:',
      '    resolution: {integrity: sha512-c}',
      '',
      'snapshots:',
      '',
      "  '@example/pnpm-plugin@1.2.0':",
      '    dependencies:',
      '      helper: 2.0.0',
      '',
      '  helper@2.0.0: {}',
      '',
    ].join('\n')
    const project = `---\n${v9}`
    const {components, errors} = discover(`${env}${project}`)
    expect(components.map((c) => `${c.name}@${c.version} ${c.scope} ${c.direct} ${c.locations[0].line}`)).toEqual([
      '@example/pnpm-plugin@1.2.0 dev true 14',
      'helper@2.0.0 dev false 17',
      'alpha@1.0.0 prod true 43',
      'fsx@2.0.0 optional false 46',
    ])
    expect(errors).toEqual([
      {
        file: 'pnpm-lock.yaml',
        code: 'invalid-entry',
        message:
          "env lockfile (YAML document 1 of 2): packages['/broken/'] names no package and version (pnpm reads /name/version, /name@version or name@version) and gives no name and version fields: not listed",
        line: 20,
        column: 3,
      },
    ])
    // A version the project's document does not have: said of that document, at its line.
    expect(discover(`${env}---\nlockfileVersion: '7.0'\n`).errors.slice(1)).toEqual([
      {
        file: 'pnpm-lock.yaml',
        code: 'unsupported-version',
        message: 'project lockfile (YAML document 2 of 2): unknown lockfileVersion "7.0" (supported: 5.x, 6.x, 9.x)',
        line: 31,
        column: 1,
      },
    ])
  })

  it('reads the first and the last of more than two documents, and says the others are not read', () => {
    const {components, errors} = discover(`${fixture('multi_document')}---\n${v9}`)
    expect(components.map((c) => `${c.name}@${c.version}:${c.locations[0].line}`)).toEqual([
      '@pnpm/exe@11.9.0:18',
      'pnpm@11.9.0:22',
      'alpha@1.0.0:69',
      'fsx@2.0.0:72',
    ])
    expect(errors).toEqual([
      {
        file: 'pnpm-lock.yaml',
        code: 'invalid-lockfile',
        message:
          "YAML document 2 of 3 is not read: pnpm writes at most two, its env lockfile first and the project's last, and refuses a file with more",
        line: 33,
        column: 1,
      },
    ])
  })
})

describe('pnpm-lock 5.x keys written as 6.x keys (/name@version under lockfileVersion 5.4)', () => {
  it('reads them as pnpm 9 and later read a lockfile older than 9.0 (real hand-edited lockfiles)', () => {
    const dev = discover(fixture('only_dev_dependencies'))
    expect(dev.errors).toEqual([])
    expect(dev.components.map(brief)).toEqual([
      {name: 'etag', version: '1.8.0', ref: '/etag@1.8.0', scope: 'dev', direct: true, local: undefined, line: 13},
    ])
    const {components, errors} = discover(fixture('empty_version'))
    expect(components.map((c) => `${c.name}@${c.version} ${c.scope} ${c.direct} ${c.locations[0].line}`)).toEqual([
      'es6-promise@3.3.1 prod false 25',
      'etag@1.7.0 dev true 29',
      'fetch-factory@0.0.1 prod true 34',
      'iconv-lite@0.4.15 prod false 42',
      'is-stream@1.1.0 prod false 47',
      'isomorphic-fetch@2.2.1 prod false 52',
      'lodash@3.10.1 prod false 59',
      'node-fetch@1.7.3 prod false 63',
      'whatwg-fetch@3.6.2 prod false 70',
    ])
    // `/encoding/` names no version: no pnpm reads it (dependabot-core's test counts 9 packages).
    expect(errors).toEqual([
      {
        file: 'pnpm-lock.yaml',
        code: 'invalid-entry',
        message:
          "packages['/encoding/'] names no package and version (pnpm reads /name/version, /name@version or name@version) and gives no name and version fields: not listed",
        line: 19,
        column: 3,
      },
    ])
    expect(parsePackageKey('/@scope/name@1.0.0_react@18.2.0', 5)).toEqual({name: '@scope/name', version: '1.0.0'})
    expect(parsePackageKey('/@scope/name@1.0.0(react@18.2.0)', 5)).toEqual({name: '@scope/name', version: '1.0.0'})
    expect(parsePackageKey('/name@', 6)).toBeUndefined()
  })

  it('tells entries that really do not parse in one error, at the first, naming three', () => {
    const entries = Array.from({length: 150}, (_, i) => `  /pkg${i}/:\n    resolution: {integrity: x}\n`).join('')
    const {components, errors} = discover(`lockfileVersion: 5.4\npackages:\n${entries}  /ok/1.0.0:\n    dev: true\n`)
    expect(components.map((c) => `${c.name}@${c.version}`)).toEqual(['ok@1.0.0'])
    expect(errors).toEqual([
      {
        file: 'pnpm-lock.yaml',
        code: 'invalid-entry',
        message:
          "150 packages entries, '/pkg0/' (line 3), '/pkg1/' (line 5), '/pkg2/' (line 7) and 147 more: each names no package and version (pnpm reads /name/version, /name@version or name@version) and gives no name and version fields: not listed",
        line: 3,
        column: 3,
      },
    ])
  })
})
