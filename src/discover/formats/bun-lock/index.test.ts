import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {refsAt, scanTree} from '../../../../tests/discover/tree.js'
import {registeredDiscoverer} from '../../../../tests/support/registered.js'
import {discoverer} from './index.js'

function discover(text: string, file = 'bun.lock') {
  return discoverer.discover({file, text}, {readText: () => null}) as {
    components: Component[]
    errors: Array<{code: string; line?: number; column?: number; message: string}>
  }
}

const row = (c: Component) => [
  c.ref,
  c.name,
  c.version,
  c.scope,
  c.direct,
  c.local,
  c.purl,
  c.locations.map((l) => `${l.line}:${l.column}`).join(' '),
]

describe('bun-lock on a real bun.lock (oven-sh/bun test fixture, see __fixtures__/SOURCES.md)', () => {
  const text = readFileSync(new URL('./__fixtures__/bun.lock', import.meta.url), 'utf8')

  it('lists each name@version once, at every key that installs it, with purls, scope, direct and local', () => {
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    const gitlab =
      'public-install-test@git+ssh://git@gitlab.com/dylan-conway/public-install-test.git#93f3aa4ec9ca8a0bacc010776db48bfcd915c44c'
    expect(components.map(row)).toEqual([
      // A registry package no workspace reaches in this extract: neither direct nor scoped.
      [
        '@esbuild/android-arm@0.19.4',
        '@esbuild/android-arm',
        '0.19.4',
        undefined,
        false,
        undefined,
        'pkg:npm/%40esbuild/android-arm@0.19.4',
        '51:5',
      ],
      [
        'bar@https://github.com/oven-sh/bun/raw/f7e4eb83694aa007a492ef66c28ffbe6a2dae791/test/cli/install/bar-0.0.2.tgz',
        'bar',
        undefined,
        'prod',
        true,
        undefined,
        'pkg:npm/bar?download_url=https%3A%2F%2Fgithub.com%2Foven-sh%2Fbun%2Fraw%2Ff7e4eb83694aa007a492ef66c28ffbe6a2dae791%2Ftest%2Fcli%2Finstall%2Fbar-0.0.2.tgz',
        '53:5',
      ],
      // A workspace member, also installed under an alias (`not-body-parser`): local, its version from `workspaces`.
      [
        'body-parser@workspace:packages/body-parser',
        'body-parser',
        '200.0.0',
        undefined,
        undefined,
        true,
        undefined,
        '55:5 73:5',
      ],
      ['bun-types@file:bun-types', 'bun-types', undefined, 'prod', true, true, undefined, '57:5'],
      // `"express": "npm:svelte@*"`: the key is the alias, the first item the real package.
      ['svelte@1.0.0', 'svelte', '1.0.0', 'prod', true, undefined, 'pkg:npm/svelte@1.0.0', '59:5'],
      ['hello@hello-0.3.2.tgz', 'hello', undefined, 'prod', true, true, undefined, '61:5'],
      [
        'publicinstalltest@git+ssh://git@bitbucket.org/dylan-conway/public-install-test.git#79265e2d9754c60b60f97cc8d859fb6da073b5d2',
        'publicinstalltest',
        undefined,
        'prod',
        true,
        undefined,
        'pkg:npm/publicinstalltest?vcs_url=git%2Bssh%3A%2F%2Fgit%40bitbucket.org%2Fdylan-conway%2Fpublic-install-test.git%2379265e2d9754c60b60f97cc8d859fb6da073b5d2',
        '63:5',
      ],
      [
        'install-test1@git+ssh://git@github.com/dylan-conway/install-test.git#596234dab30564f37adae1e5c4d7123bcffce537',
        'install-test1',
        undefined,
        'prod',
        true,
        undefined,
        'pkg:npm/install-test1?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fdylan-conway%2Finstall-test.git%23596234dab30564f37adae1e5c4d7123bcffce537',
        '65:5',
      ],
      ['lol@workspace:packages/lol-package', 'lol', undefined, undefined, undefined, true, undefined, '67:5'],
      // mkdirp is not reached from a workspace here, so neither is the minimist it depends on.
      ['minimist@0.0.8', 'minimist', '0.0.8', undefined, false, undefined, 'pkg:npm/minimist@0.0.8', '69:5'],
      ['mkdirp@0.5.1', 'mkdirp', '0.5.1', undefined, false, undefined, 'pkg:npm/mkdirp@0.5.1', '71:5'],
      // The root's `public-install-test` and body-parser's `svelte` (installed under it) are the same commit.
      [
        gitlab,
        'public-install-test',
        undefined,
        'prod',
        true,
        undefined,
        'pkg:npm/public-install-test?vcs_url=git%2Bssh%3A%2F%2Fgit%40gitlab.com%2Fdylan-conway%2Fpublic-install-test.git%2393f3aa4ec9ca8a0bacc010776db48bfcd915c44c',
        '75:5 81:5',
      ],
      ['second@workspace:packages/second', 'second', '3.0.0', undefined, undefined, true, undefined, '77:5'],
      [
        'with-postinstall@workspace:packages/with-postinstall',
        'with-postinstall',
        '1.0.0',
        undefined,
        undefined,
        true,
        undefined,
        '79:5',
      ],
      // Nested under the `bun-types` folder package, which depends on it as `npm:bun-types@^1.0.0`.
      ['bun-types@1.0.0', 'bun-types', '1.0.0', 'prod', false, undefined, 'pkg:npm/bun-types@1.0.0', '83:5'],
      ['minimist@1.2.8', 'minimist', '1.2.8', undefined, false, undefined, 'pkg:npm/minimist@1.2.8', '85:5 87:5'],
      // with-postinstall's own svelte, installed under its name.
      ['svelte@3.50.0', 'svelte', '3.50.0', 'prod', true, undefined, 'pkg:npm/svelte@3.50.0', '89:5'],
    ])
  })

  it('is recognised on standard input, and npm-package-lock no longer claims it', () => {
    const npmPackageLock = registeredDiscoverer('npm-package-lock')
    expect(discoverer.identify?.(text)).toBe(true)
    expect(npmPackageLock.identify?.(text)).toBe(false)
    expect(npmPackageLock.identify?.('{\n  "name": "x",\n  "lockfileVersion": 3,\n  "packages": {}\n}')).toBe(true)
  })
})

const lock = `{
  // Comments and trailing commas: JSONC, as Bun writes it.
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "app",
      "dependencies": { "@example/web": "^2.0.0", "left": "^1.0.0" },
      "devDependencies": { "tester": "^3.0.0" },
      "optionalDependencies": { "fsevents-like": "^1.0.0" },
    },
    "packages/lib": {
      "name": "lib",
      "version": "0.1.0",
      "devDependencies": { "left": "2.0.0" },
    },
  },
  "overrides": { "left": "1.0.0" },
  "packages": {
    "@example/web": ["@example/web@2.1.0", "https://registry.example.com/", { "dependencies": { "right": "^1.0.0", "@example/util": "^1.0.0" } }, "sha512-AAAA"],
    "@example/util": ["@example/util@1.0.0", "", {}, "sha512-BBBB"],
    "@example/web/@example/util": ["@example/util@2.0.0", "", { "dependencies": { "deep": "*" } }, "sha512-CCCC"],
    "deep": ["deep@1.0.0", "", {}, "sha512-DDDD"],
    "fsevents-like": ["fsevents-like@1.2.0", "", { "dependencies": { "right": "^1.0.0" }, "os": "darwin" }, "sha512-EEEE"],
    "left": ["left@1.0.0", "", {}, "sha512-FFFF"],
    "lib": ["lib@workspace:packages/lib"],
    "lib/left": ["left@2.0.0", "", {}, "sha512-GGGG"],
    "right": ["right@1.0.0", "", {}, "sha512-HHHH"],
    "tester": ["tester@3.0.0", "", { "dependencies": { "right": "^1.0.0", "helper": "github:example/helper" } }, "sha512-IIII"],
    "helper": ["helper@github:example/helper#0123abc", {}, "example-helper-0123abc"],
    "app": ["app@root:", {}],
    "aliased": ["aliased@npm:@example/util@1.0.0", "", {}, "sha512-JJJJ"],
  },
}
`

describe('bun-lock', () => {
  it('tells scope and direct through the dependency maps, resolving nested keys as node_modules is searched', async () => {
    const inventory = await scanTree({'bun.lock': lock})
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map((c) => `${c.ref} ${c.scope ?? '-'} ${c.direct ?? '-'} ${c.purl ?? 'local'}`),
    ).toEqual([
      '@example/util@1.0.0 - false pkg:npm/%40example/util@1.0.0',
      // `@example/web/@example/util` is what @example/web finds first; and what it depends on, deep, is prod too.
      '@example/util@2.0.0 prod false pkg:npm/%40example/util@2.0.0',
      // From another registry: that registry, which resolvers do not take for the npm registry.
      '@example/web@2.1.0 prod true pkg:npm/%40example/web@2.1.0?repository_url=https%3A%2F%2Fregistry.example.com',
      'deep@1.0.0 prod false pkg:npm/deep@1.0.0',
      'fsevents-like@1.2.0 optional true pkg:npm/fsevents-like@1.2.0',
      'helper@github:example/helper#0123abc dev false pkg:npm/helper?vcs_url=github%3Aexample%2Fhelper%230123abc',
      'left@1.0.0 prod true pkg:npm/left@1.0.0',
      // lib's dev dependency, installed under lib's name.
      'left@2.0.0 dev true pkg:npm/left@2.0.0',
      'lib@workspace:packages/lib - - local',
      // Reached as prod through @example/web, as optional and dev through the others: prod wins.
      'right@1.0.0 prod false pkg:npm/right@1.0.0',
      'tester@3.0.0 dev true pkg:npm/tester@3.0.0',
    ])
    expect(refsAt(inventory)).toContain('lib@workspace:packages/lib bun.lock:25:5')
    expect(refsAt(inventory)).toContain('left@2.0.0 bun.lock:26:5')
    // `"aliased": ["aliased@npm:@example/util@1.0.0", ...]` is the real package, listed once with the other key.
    expect(refsAt(inventory).filter((at) => at.startsWith('@example/util@1.0.0 '))).toEqual([
      '@example/util@1.0.0 bun.lock:20:5',
      '@example/util@1.0.0 bun.lock:31:5',
    ])
  })

  it("refuses Bun's binary bun.lockb by its header, saying how to write bun.lock", async () => {
    const header = Buffer.from('#!/usr/bin/env bun\nbun-lockfile-format-v0\n')
    const binary = Buffer.concat([header, Buffer.from([3, 0, 0, 0, 0x1f, 0, 0, 0, 0xff, 0xfe, 0, 1])])
    const inventory = await scanTree({'app/bun.lockb': binary})
    expect(inventory.components).toEqual([])
    expect(inventory.errors).toEqual([
      {
        file: 'app/bun.lockb',
        code: 'binary',
        message:
          "Bun's binary lockfile data in a file named like a bun-lock file; not read: run `bun install --save-text-lockfile` (Bun 1.2 and later write the text bun.lock by default) and scan bun.lock",
      },
    ])
    // Text in a file named bun.lockb is not taken for a bun.lock either.
    expect(discover('{"lockfileVersion": 1}', 'bun.lockb').errors).toEqual([
      {
        file: 'bun.lockb',
        code: 'invalid-lockfile',
        message:
          "bun.lockb is Bun's binary lockfile, not read: run `bun install --save-text-lockfile` (Bun 1.2 and later write the text bun.lock by default) and scan bun.lock",
      },
    ])
  })

  it('reports a syntax error at its line and reads nothing', () => {
    const {components, errors} = discover(
      '{\n  "lockfileVersion": 1,\n  "packages": {\n    "a": ["a@1.0.0" "", {}],\n  },\n}\n',
    )
    expect(components).toEqual([])
    expect(errors).toEqual([
      {
        file: 'bun.lock',
        code: 'invalid-json',
        line: 4,
        column: 21,
        message: 'invalid JSON: a comma expected between items',
      },
    ])
  })

  it('reports an unknown lockfileVersion, and sections of the wrong type, at their key', () => {
    expect(discover('{\n  "lockfileVersion": 3,\n  "packages": {},\n}').errors).toEqual([
      {
        file: 'bun.lock',
        code: 'unsupported-version',
        line: 2,
        column: 3,
        message: 'unknown lockfileVersion 3 (supported: 0, 1)',
      },
    ])
    expect(discover('{"packages": {}}').errors[0].message).toBe('unknown lockfileVersion missing (supported: 0, 1)')
    expect(discover('{\n  "lockfileVersion": 0,\n  "packages": [],\n}').errors).toEqual([
      {file: 'bun.lock', code: 'invalid-lockfile', line: 3, column: 3, message: "'packages' must be an object"},
    ])
    expect(discover('[1]').errors[0].code).toBe('invalid-lockfile')
  })

  it('reports each mistyped entry at its key, naming it, and reads the rest', () => {
    const text = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "app", "dependencies": { "ok": "^1.0.0" } },
    "packages/bad": { "name": "bad", "dependencies": ["not", "a", "map"] },
  },
  "packages": {
    "ok": ["ok@1.0.0", "", {}, "sha512-AAAA"],
    "object": { "name": "object" },
    "number": [42, "", {}],
    "bare": ["bare", "", {}],
    "empty": [],
    "badinfo": ["badinfo@1.0.0", "", { "dependencies": { "x": 1 } }, ""],
    "__proto__": ["polluted@1.0.0", "", {}, ""],
    "ok": ["ok@1.0.1", "", {}, "sha512-BBBB"],
    "scopeonly": ["@scope@1.0.0", "", {}, ""],
    "spaced": ["spaced@1.0.0 \\u0007 evil", "", {}, ""],
  },
}`
    const {components, errors} = discover(text)
    expect(components.map((c) => `${c.ref} ${c.scope ?? '-'} ${c.direct}`)).toEqual([
      'ok@1.0.1 prod true',
      'badinfo@1.0.0 - false',
    ])
    expect(errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      "14:5 forbidden-key forbidden key '__proto__' ignored",
      "15:5 duplicate-key duplicate key 'ok' (the last value is used)",
      '5:5 invalid-entry workspaces["packages/bad"]: dependencies is a list, not an object',
      '9:5 invalid-entry packages["object"]: expected an array whose first item is the \'name@version\' string',
      '10:5 invalid-entry packages["number"]: expected an array whose first item is the \'name@version\' string',
      "11:5 invalid-entry packages[\"bare\"]: 'bare' is not 'name@version'",
      '12:5 invalid-entry packages["empty"]: expected an array whose first item is the \'name@version\' string',
      '13:5 invalid-entry packages["badinfo"]: dependencies.x is a number, not a string',
      "16:5 invalid-entry packages[\"scopeonly\"]: '@scope@1.0.0' does not begin with a package name ('name' or '@scope/name')",
      '17:5 invalid-entry packages["spaced"]: \'spaced@1.0.0 \u0007 evil\': what follows the name holds a space or a control character',
    ])
  })

  it('stops at hostile nesting with an error, not a stack overflow', () => {
    const deep = `{"lockfileVersion": 1, "packages": {"a": ["a@1.0.0", "", ${'['.repeat(5000)}`
    const {components, errors} = discover(deep)
    expect(components).toEqual([])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({code: 'invalid-json', line: 1})
    expect(errors[0].message).toMatch(/nested deeper than 1000 levels/)
  })

  it('is not read inside node_modules', () => {
    expect(discoverer.matches('node_modules/x/bun.lock')).toBe(false)
    expect(discoverer.matches('apps/web/bun.lock')).toBe(true)
    expect(discoverer.matches('bun.lockb')).toBe(true)
    expect(discoverer.matches('bun.lock.bak')).toBe(false)
  })
})
