import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'

interface Output {
  components: Component[]
  skipped: Array<{reason: string; line?: number; message: string}>
  errors: Array<{code: string; line?: number; column?: number; message: string}>
}

function discover(text: string): Output {
  return discoverer.discover({file: 'deno.lock', text}, {readText: () => null}) as Output
}

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}/deno.lock`, import.meta.url), 'utf8')
}

function summary(out: Output) {
  return out.components.map((c) => [c.purl, c.direct, c.locations[0].line])
}

describe('deno-lock', () => {
  it('recognises deno.lock by name and by its first keys', () => {
    expect(discoverer.matches('deno.lock')).toBe(true)
    expect(discoverer.matches('app/deno.lock')).toBe(true)
    expect(discoverer.matches('deno.lock.json')).toBe(false)
    expect(
      ['deno.json', 'app/deno.jsonc', 'deno.json5', 'node_modules/hono/deno.json'].map((f) => discoverer.matches(f)),
    ).toEqual([true, true, false, false])
    for (const name of ['fresh-v3', 'fresh-v4', 'fresh-v5']) expect(discoverer.identify?.(fixture(name))).toBe(true)
    expect(discoverer.identify?.('{\n  "lockfileVersion": 1,\n  "workspaces": {}\n}')).toBe(false)
    expect(discoverer.identify?.('{"version": "9", "remote": {}}')).toBe(false)
  })

  it('reads the real version 3 lockfile of denoland/fresh', () => {
    const out = discover(fixture('fresh-v3'))
    expect(out.errors).toEqual([])
    expect(summary(out)).toEqual([
      ['pkg:npm/%40preact/signals-core@1.6.0', false, 37],
      // Locked with its peer (`_preact@10.22.0`): the package is @preact/signals 1.2.3.
      ['pkg:npm/%40preact/signals@1.2.3', true, 41],
      ['pkg:npm/autoprefixer@10.4.17', true, 48],
      ['pkg:npm/preact@10.22.0', true, 60],
      [
        'pkg:generic/jsr.io/%40astral/astral@0.4.0?download_url=https%3A%2F%2Fjsr.io%2F%40astral%2Fastral%2F0.4.0',
        true,
        16,
      ],
      // Only the JSR packages ask for these.
      [
        'pkg:generic/jsr.io/%40deno-library/progress@1.4.9?download_url=https%3A%2F%2Fjsr.io%2F%40deno-library%2Fprogress%2F1.4.9',
        false,
        26,
      ],
      ['pkg:generic/jsr.io/%40std/fmt@0.221.0?download_url=https%3A%2F%2Fjsr.io%2F%40std%2Ffmt%2F0.221.0', false, 32],
    ])
    expect(out.components[1]).toMatchObject({
      ecosystem: 'npm',
      name: '@preact/signals',
      version: '1.2.3',
      ref: '@preact/signals@1.2.3_preact@10.22.0',
      origin: 'lockfile',
    })
    expect(out.components[4]).toMatchObject({
      ecosystem: 'generic',
      name: 'jsr.io/@astral/astral',
      version: '0.4.0',
      ref: 'jsr:@astral/astral@0.4.0',
    })
    expect(out.skipped).toEqual([
      {
        file: 'deno.lock',
        line: 67,
        reason: 'remote-resource',
        message: expect.stringContaining(
          '5 remote modules (URL imports from deno.land, esm.sh, raw.githubusercontent.com)',
        ),
      },
    ])
  })

  it('reads the real version 4 lockfile of denoland/fresh', () => {
    const out = discover(fixture('fresh-v4'))
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => [c.ref, c.version, c.direct])).toEqual([
      ['preact@10.26.5', '10.26.5', true],
      ['jsr:@astral/astral@0.4.9', '0.4.9', true],
      // `jsr:@deno-library/progress`, without a range: asked for by @astral/astral.
      ['jsr:@deno-library/progress@1.5.1', '1.5.1', false],
      ['jsr:@std/fmt@1.0.3', '1.0.3', false],
    ])
    expect(out.skipped).toMatchObject([
      {reason: 'remote-resource', message: expect.stringContaining('3 remote modules')},
    ])
  })

  it('reads the real version 5 lockfile of denoland/fresh, members included', () => {
    const out = discover(fixture('fresh-v5'))
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(out.components.map((c) => [c.ref, c.direct])).toEqual([
      ['@preact/signals-core@1.14.0', false],
      ['@preact/signals@2.9.0_preact@10.29.1', true],
      ['preact-render-to-string@6.6.7_preact@10.29.1', true],
      ['preact@10.29.1', true],
      ['jsr:@astral/astral@0.5.6', true],
      ['jsr:@deno-library/progress@1.5.1', false],
      ['jsr:@std/fmt@1.0.3', false],
      // `jsr:@std/fmt@^1.0.7` of the root's imports.
      ['jsr:@std/fmt@1.0.9', true],
      ['jsr:@std/io@0.225.0', false],
    ])
    expect(out.components[3].purl).toBe('pkg:npm/preact@10.29.1')
  })

  it('reads version 2, npm tarballs and a package locked with several peer sets', () => {
    const v2 = `{
  "version": "2",
  "remote": {
    "https://deno.land/std@0.190.0/path/mod.ts": "abc"
  },
  "npm": {
    "specifiers": {
      "chalk@5": "chalk@5.3.0",
      "@example/ui@1": "@example/ui@1.2.0_react@18.2.0"
    },
    "packages": {
      "chalk@5.3.0": {"integrity": "sha512-x", "dependencies": {}},
      "@example/ui@1.2.0_react@18.2.0": {"integrity": "sha512-y", "dependencies": {"react": "react@18.2.0"}},
      "@example/ui@1.2.0_react@17.0.2": {"integrity": "sha512-z", "dependencies": {"react": "react@17.0.2"}},
      "react@18.2.0": {"integrity": "sha512-w", "dependencies": {}}
    }
  }
}
`
    const out = discover(v2)
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => [c.purl, c.direct, c.locations[0].line])).toEqual([
      ['pkg:npm/chalk@5.3.0', true, 12],
      ['pkg:npm/%40example/ui@1.2.0', true, 13],
      ['pkg:npm/react@18.2.0', false, 15],
    ])
    expect(out.skipped).toMatchObject([
      {line: 3, message: expect.stringContaining('1 remote module (URL imports from deno.land)')},
    ])
    const v5 = `{
  "version": "5",
  "npm": {
    "left-pad@1.3.0": {"integrity": "sha512-a", "tarball": "https://npm.example.com/left-pad/-/left-pad-1.3.0.tgz"},
    "right-pad@1.0.0": {"integrity": "sha512-b", "tarball": "https://files.example.org/right-pad.tgz"}
  }
}
`
    const tarballs = discover(v5)
    expect(tarballs.components.map((c) => [c.purl, c.direct])).toEqual([
      ['pkg:npm/left-pad@1.3.0?repository_url=https%3A%2F%2Fnpm.example.com', undefined],
      ['pkg:npm/right-pad@1.0.0?download_url=https%3A%2F%2Ffiles.example.org%2Fright-pad.tgz', undefined],
    ])
  })

  it('reads version 1 (no version: URLs only)', () => {
    const out = discover('{"https://deno.land/x/oak@v12.0.0/mod.ts": "abc", "https://esm.sh/react": "def"}')
    expect(out.components).toEqual([])
    expect(out.errors).toEqual([])
    expect(out.skipped).toMatchObject([
      {
        reason: 'remote-resource',
        line: 1,
        message: expect.stringContaining('2 remote modules (URL imports from deno.land, esm.sh)'),
      },
    ])
  })

  it('lists the packages through the real engine', async () => {
    const inventory = await scanTree({'web/deno.lock': fixture('fresh-v5')})
    expect(inventory.errors).toEqual([])
    const preact = inventory.components.find((c) => c.name === 'preact')
    expect(preact).toMatchObject({ecosystem: 'npm', version: '10.29.1', direct: true})
    expect(preact?.locations).toEqual([{file: 'web/deno.lock', line: 70, column: 5}])
  })

  it('reads the lock file a deno.json names elsewhere (its lock setting), once; false, default or missing lock', async () => {
    const inventory = await scanTree({
      'app/deno.jsonc': '{\n  // the lock is kept apart\n  "lock": {"path": "./locks/app.lock", "frozen": true},\n}\n',
      'app/locks/app.lock': fixture('fresh-v5'),
      'off/deno.json': '{"lock": false}\n',
      'usual/deno.json': '{"lock": "deno.lock"}\n',
      'usual/deno.lock': fixture('fresh-v4'),
      'gone/deno.json': '{"lock": "missing.lock"}\n',
      'out/deno.json': '{"lock": "../../elsewhere.lock"}\n',
    })
    expect(inventory.errors).toEqual([])
    const preact = inventory.components.filter((c) => c.name === 'preact').map((c) => c.locations.map((l) => l.file))
    // The named lock is read at its own path; the usual deno.lock by the walk only, not a second time.
    expect(preact).toEqual([['usual/deno.lock'], ['app/locks/app.lock']])
    expect(
      inventory.skipped.filter((x) => x.reason === 'unsupported').map((x) => `${x.file}:${x.line} ${x.message}`),
    ).toEqual([
      'gone/deno.json:1 the lock file "missing.lock" that deno.json names is not in the tree: not read',
      'out/deno.json:1 the lock file "../../elsewhere.lock" that deno.json names is not in the tree: not read',
    ])
  })

  it("reads a deno.json's import map where no lock pins it: jsr and npm packages at their keys, ranges without a version", async () => {
    // denoland/std's root deno.json: no deno.lock is committed, and it does not turn the lock off.
    const std = readFileSync(new URL('./__fixtures__/std/deno.json', import.meta.url), 'utf8')
    const inventory = await scanTree({
      'std/deno.json': std,
      'std/assert/deno.json': '{"name": "@std/assert", "version": "1.0.19", "exports": "./mod.ts"}\n',
      'app/deno.jsonc': [
        '{',
        '  // no lock: Deno keeps none',
        '  "lock": false,',
        '  "imports": {',
        '    "@std/path": "jsr:@std/path@1.0.8",',
        '    "@std/fs/": "jsr:/@std/fs@^1/",',
        '    "chalk": "npm:chalk@5",',
        '    "@scope/pkg": "npm:@scope/pkg@=2.0.1/sub",',
        '    "lodash": "npm:lodash",',
        '    "local/": "./src/",',
        '    "node-fs": "node:fs",',
        '    "oak": "https://deno.land/x/oak@v12.6.1/mod.ts",',
        '    "bad": "npm:",',
        '    "num": 1,',
        '  },',
        '  "scopes": {"https://deno.land/x/": {"preact": "npm:preact@10.19.2"}},',
        '  "importMap": "./import_map.json",',
        '}',
        '',
      ].join('\n'),
      // A lock beside, or a workspace root's above: the lock's packages are listed (deno-lock), not the map's ranges.
      'locked/deno.json': '{"imports": {"chalk": "npm:chalk@^5"}}\n',
      'locked/deno.lock': '{"version": "5"}\n',
      'locked/member/deno.json': '{"imports": {"chalk": "npm:chalk@^5"}}\n',
      // A named lock that is not there: said, and the map read.
      'gone/deno.json': '{"lock": "missing.lock", "imports": {"chalk": "npm:chalk@^5"}}\n',
    })
    const rows = inventory.components
      .filter((c) => c.locations.some((l) => /deno\.jsonc?$/.test(l.file)))
      .flatMap((c) =>
        c.locations.map(
          (l) => `${l.file}:${l.line}:${l.column} ${c.purl} ${c.version ?? '-'} ${c.ref} ${c.direct} ${c.origin}`,
        ),
      )
      .sort()
    expect(rows).toEqual([
      'app/deno.jsonc:16:14 pkg:npm/preact@10.19.2 10.19.2 npm:preact@10.19.2 true manifest',
      'app/deno.jsonc:5:5 pkg:generic/jsr.io/%40std/path@1.0.8?download_url=https%3A%2F%2Fjsr.io%2F%40std%2Fpath%2F1.0.8 1.0.8 jsr:@std/path@1.0.8 true manifest',
      'app/deno.jsonc:6:5 pkg:generic/jsr.io/%40std/fs - jsr:/@std/fs@^1/ true manifest',
      'app/deno.jsonc:7:5 pkg:npm/chalk - npm:chalk@5 true manifest',
      'app/deno.jsonc:8:5 pkg:npm/%40scope/pkg@2.0.1 2.0.1 npm:@scope/pkg@=2.0.1/sub true manifest',
      'app/deno.jsonc:9:5 pkg:npm/lodash - npm:lodash true manifest',
      'gone/deno.json:1:38 pkg:npm/chalk - npm:chalk@^5 true manifest',
      'std/deno.json:10:5 pkg:generic/jsr.io/%40deno/graph - jsr:@deno/graph@^0.89.2 true manifest',
      'std/deno.json:11:5 pkg:generic/jsr.io/%40deno/doc - jsr:@deno/doc@^0.169.1 true manifest',
      'std/deno.json:13:5 pkg:npm/fast-check@3.8.0 3.8.0 npm:fast-check@3.8.0 true manifest',
      'std/deno.json:14:5 pkg:npm/node-graphviz - npm:node-graphviz@^0.1.1 true manifest',
      'std/deno.json:15:5 pkg:npm/typescript@5.8.3 5.8.3 npm:typescript@5.8.3 true manifest',
    ])
    expect(inventory.skipped.map((x) => `${x.file}:${x.line} ${x.reason} ${x.message}`).sort()).toEqual([
      'app/deno.jsonc:12 remote-resource 1 import map entry of remote modules (URL imports from deno.land) not listed: they are files, not packages',
      'app/deno.jsonc:17 unsupported importMap "./import_map.json": the dependencies of an import map kept in another file are not read',
      'gone/deno.json:1 unsupported the lock file "missing.lock" that deno.json names is not in the tree: not read',
      'std/deno.json:12 remote-resource 1 import map entry of remote modules (URL imports from raw.githubusercontent.com) not listed: they are files, not packages',
    ])
    expect(inventory.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      'app/deno.jsonc:13:5 invalid-entry imports "bad": "npm:" is not npm:name[@range][/path]',
      'app/deno.jsonc:14:5 invalid-entry imports "num": not a string',
    ])
  })

  it('rejects an unknown version and broken JSON', () => {
    expect(discover('{\n  "version": "6"\n}').errors).toMatchObject([{code: 'unsupported-version', line: 2, column: 3}])
    expect(discover('{\n  "version": 3\n}').errors).toMatchObject([{code: 'unsupported-version'}])
    expect(discover('{"version": "4", ').errors).toMatchObject([{code: 'invalid-json'}])
    expect(discover('[1, 2]').errors).toMatchObject([{code: 'invalid-lockfile'}])
  })

  it('reports bad entries at their place and keeps the good ones', () => {
    const out = discover(`{
  "version": "4",
  "specifiers": {
    "npm:ok@1": "1.0.0",
    "npm:bad@1": 5,
    "other:x@1": "1.0.0"
  },
  "jsr": [],
  "npm": {
    "ok@1.0.0": {"integrity": "x"},
    "noversion": {"integrity": "x"},
    "@": {},
    "str@1.0.0": "x",
    "__proto__": {}
  }
}
`)
    expect(out.components.map((c) => [c.purl, c.direct])).toEqual([['pkg:npm/ok@1.0.0', true]])
    expect(out.errors.map((e) => [e.code, e.line])).toEqual([
      ['forbidden-key', 14],
      ['invalid-entry', 3],
      ['invalid-entry', 3],
      ['invalid-lockfile', 8],
      ['invalid-entry', 11],
      ['invalid-entry', 12],
      ['invalid-entry', 9],
    ])
  })

  it('survives hostile input', () => {
    const deep = `{"version": "5", "npm": ${'['.repeat(5000)}`
    expect(discover(deep).errors.length).toBeGreaterThan(0)
    const many = Object.fromEntries(Array.from({length: 2000}, (_, i) => [`https://h${i}.example.com/m.ts`, 'x']))
    const out = discover(JSON.stringify({version: '3', remote: many}))
    expect(out.skipped).toHaveLength(1)
    expect(out.skipped[0].message).toContain('2000 remote modules')
    expect(out.skipped[0].message).toContain('1990 more')
    expect(
      discover('{"version": "3", "remote": {"not a url": "x", "https://user:secret@example.com/a.ts": "y"}}').skipped[0]
        .message,
    ).not.toContain('secret')
  })

  it('does not take the @types/node Deno adds itself for a direct dependency, and names data: and file: URLs', () => {
    const out = discover(
      JSON.stringify({
        version: '4',
        specifiers: {'npm:@types/node@*': '22.5.4', 'npm:chalk@5': '5.3.0'},
        npm: {'@types/node@22.5.4': {integrity: 'sha512-x'}, 'chalk@5.3.0': {integrity: 'sha512-y'}},
        remote: {'data:text/plain,hello': 'a', 'file:///tmp/x.ts': 'b', 'https://deno.land/std/x.ts': 'c'},
      }),
    )
    expect(out.components.map((c) => `${c.name} ${c.direct}`)).toEqual(['@types/node false', 'chalk true'])
    expect(out.skipped.map((s) => s.message)).toEqual([
      '3 remote modules (URL imports from data: URLs, deno.land, file: URLs) not listed: they are files, not packages',
    ])
  })

  it("takes an npm package's registry from the .npmrc beside the lock, as Deno does, unless its entry names a tarball", async () => {
    const lock = JSON.stringify({
      version: '5',
      specifiers: {'npm:@acme/ui@1': '1.2.0', 'npm:chalk@5': '5.3.0', 'npm:@acme/cli@2': '2.0.0'},
      npm: {
        '@acme/ui@1.2.0': {integrity: 'sha512-a'},
        'chalk@5.3.0': {integrity: 'sha512-b'},
        '@acme/cli@2.0.0': {integrity: 'sha512-c', tarball: 'https://registry.npmjs.org/@acme/cli/-/cli-2.0.0.tgz'},
      },
    })
    const inventory = await scanTree(
      {
        'app/deno.lock': lock,
        'app/.npmrc': '@acme:registry=https://npm.example.com/\n//npm.example.com/:_authToken=secret-token\n',
      },
      {discoverers: [discoverer]},
    )
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => c.purl)).toEqual([
      'pkg:npm/%40acme/cli@2.0.0',
      'pkg:npm/%40acme/ui@1.2.0?repository_url=https%3A%2F%2Fnpm.example.com',
      'pkg:npm/chalk@5.3.0',
    ])
    expect(JSON.stringify(inventory)).not.toContain('secret-token')
  })
})
