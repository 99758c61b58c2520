import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'

function discover(text: string) {
  return discoverer.discover({file: 'app/package-lock.json', text}, {readText: () => null}) as {
    components: Component[]
    errors: Array<{code: string; line?: number; column?: number; message: string}>
  }
}

/** The fields a test states exactly; locations as `line:column`. */
function brief(component: Component) {
  const {name, version, ref, scope, direct, local, purl} = component
  return {
    name,
    version,
    ref,
    scope,
    direct,
    local,
    purl,
    at: `${component.locations[0].line}:${component.locations[0].column}`,
  }
}

const v1 = `{
  "name": "demo",
  "lockfileVersion": 1,
  "requires": true,
  "dependencies": {
    "alpha": {
      "version": "1.0.0",
      "dev": true,
      "requires": {"beta": "^2.0.0"},
      "dependencies": {
        "beta": {"version": "2.0.0", "dev": true}
      }
    },
    "beta": {"version": "1.0.0"},
    "gamma-old": {"version": "npm:gamma@3.0.0", "optional": true},
    "near": {"version": "file:../near"},
    "delta": {"version": "git+https://github.com/example/delta.git#0123abc"}
  }
}
`

const v3 = `{
  "name": "root",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "root",
      "workspaces": ["packages/web"],
      "dependencies": {"alpha": "^1.0.0", "gamma-old": "npm:gamma@^3"},
      "devDependencies": {"tester": "^9.0.0"}
    },
    "node_modules/alpha": {"version": "1.0.0", "resolved": "https://registry.npmjs.org/alpha/-/alpha-1.0.0.tgz"},
    "node_modules/alpha/node_modules/beta": {"version": "2.0.0"},
    "node_modules/@scope/beta": {"version": "1.0.0", "devOptional": true},
    "node_modules/gamma-old": {"name": "gamma", "version": "3.0.0", "resolved": "https://registry.npmjs.org/gamma/-/gamma-3.0.0.tgz"},
    "node_modules/tester": {"version": "9.0.0", "dev": true},
    "node_modules/peerish": {"version": "0.1.0", "peer": true},
    "node_modules/web": {"resolved": "packages/web", "link": true},
    "packages/web": {"name": "web", "version": "0.0.1", "dependencies": {"omega": "1.0.0"}},
    "packages/web/node_modules/omega": {"version": "1.0.0", "optional": true}
  }
}
`

describe('npm-package-lock', () => {
  it('claims package-lock.json and npm-shrinkwrap.json outside node_modules', () => {
    expect(discoverer.matches('package-lock.json')).toBe(true)
    expect(discoverer.matches('a/b/npm-shrinkwrap.json')).toBe(true)
    expect(discoverer.matches('node_modules/x/npm-shrinkwrap.json')).toBe(false)
    expect(discoverer.matches('.package-lock.json')).toBe(false)
  })

  it('walks lockfileVersion 1 nested dependencies, resolving aliases and marking local and git entries', () => {
    const {components, errors} = discover(v1)
    expect(errors).toEqual([])
    expect(components.map(brief)).toEqual([
      {
        name: 'alpha',
        version: '1.0.0',
        ref: 'alpha',
        scope: 'dev',
        direct: undefined,
        local: undefined,
        purl: 'pkg:npm/alpha@1.0.0',
        at: '6:5',
      },
      {
        name: 'beta',
        version: '1.0.0',
        ref: 'beta',
        scope: 'prod',
        direct: undefined,
        local: undefined,
        purl: 'pkg:npm/beta@1.0.0',
        at: '14:5',
      },
      {
        name: 'gamma',
        version: '3.0.0',
        ref: 'gamma-old',
        scope: 'optional',
        direct: undefined,
        local: undefined,
        purl: 'pkg:npm/gamma@3.0.0',
        at: '15:5',
      },
      {
        name: 'near',
        version: undefined,
        ref: 'near',
        scope: 'prod',
        direct: undefined,
        local: true,
        purl: undefined,
        at: '16:5',
      },
      {
        name: 'delta',
        version: undefined,
        ref: 'delta',
        scope: 'prod',
        direct: undefined,
        local: undefined,
        purl: 'pkg:npm/delta?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fdelta.git%230123abc',
        at: '17:5',
      },
      {
        name: 'beta',
        version: '2.0.0',
        ref: 'alpha > beta',
        scope: 'dev',
        direct: undefined,
        local: undefined,
        purl: 'pkg:npm/beta@2.0.0',
        at: '11:9',
      },
    ])
  })

  it('reads lockfileVersion 3 packages: nesting, aliases, links, workspaces, scopes and direct dependencies', () => {
    const {components, errors} = discover(v3)
    expect(errors).toEqual([])
    expect(components.map(brief)).toEqual([
      {
        name: 'alpha',
        version: '1.0.0',
        ref: 'node_modules/alpha',
        scope: 'prod',
        direct: true,
        local: undefined,
        purl: 'pkg:npm/alpha@1.0.0',
        at: '12:5',
      },
      {
        name: 'beta',
        version: '2.0.0',
        ref: 'node_modules/alpha/node_modules/beta',
        scope: 'prod',
        direct: false,
        local: undefined,
        purl: 'pkg:npm/beta@2.0.0',
        at: '13:5',
      },
      {
        name: '@scope/beta',
        version: '1.0.0',
        ref: 'node_modules/@scope/beta',
        scope: 'optional',
        direct: false,
        local: undefined,
        purl: 'pkg:npm/%40scope/beta@1.0.0',
        at: '14:5',
      },
      {
        name: 'gamma',
        version: '3.0.0',
        ref: 'node_modules/gamma-old',
        scope: 'prod',
        direct: true,
        local: undefined,
        purl: 'pkg:npm/gamma@3.0.0',
        at: '15:5',
      },
      {
        name: 'tester',
        version: '9.0.0',
        ref: 'node_modules/tester',
        scope: 'dev',
        direct: true,
        local: undefined,
        purl: 'pkg:npm/tester@9.0.0',
        at: '16:5',
      },
      {
        name: 'peerish',
        version: '0.1.0',
        ref: 'node_modules/peerish',
        scope: 'peer',
        direct: false,
        local: undefined,
        purl: 'pkg:npm/peerish@0.1.0',
        at: '17:5',
      },
      {
        name: 'web',
        version: undefined,
        ref: 'node_modules/web',
        scope: undefined,
        direct: false,
        local: true,
        purl: undefined,
        at: '18:5',
      },
      {
        name: 'web',
        version: '0.0.1',
        ref: 'packages/web',
        scope: undefined,
        direct: undefined,
        local: true,
        purl: undefined,
        at: '19:5',
      },
      {
        name: 'omega',
        version: '1.0.0',
        ref: 'packages/web/node_modules/omega',
        scope: 'optional',
        direct: true,
        local: undefined,
        purl: 'pkg:npm/omega@1.0.0',
        at: '20:5',
      },
    ])
  })

  it('reports a truncated file with its line and no components', () => {
    // Cut inside the key on line 13.
    const {components, errors} = discover(v3.slice(0, 400))
    expect(components).toEqual([])
    expect(errors).toEqual([
      {
        file: 'app/package-lock.json',
        code: 'invalid-json',
        message: 'invalid JSON: a string that is never closed',
        line: 13,
        column: 5,
      },
    ])
  })

  it('reports an unknown lockfileVersion at its line', () => {
    const {components, errors} = discover(v3.replace('"lockfileVersion": 3', '"lockfileVersion": 4'))
    expect(components).toEqual([])
    expect(errors).toEqual([
      {
        file: 'app/package-lock.json',
        code: 'unsupported-version',
        message: 'unknown lockfileVersion 4 (supported: 1, 2, 3)',
        line: 3,
        column: 3,
      },
    ])
  })

  it('reports a mistyped entry where it is and keeps the others', () => {
    const {components, errors} = discover(
      v3.replace('"node_modules/tester": {"version": "9.0.0"', '"node_modules/tester": {"version": 9'),
    )
    expect(components.map((c) => c.name)).not.toContain('tester')
    expect(components).toHaveLength(8)
    expect(errors).toEqual([
      {
        file: 'app/package-lock.json',
        code: 'invalid-entry',
        message: 'packages["node_modules/tester"]: version is a number, not a string',
        line: 16,
        column: 5,
      },
    ])
  })

  it('drops __proto__ keys without touching Object.prototype', () => {
    const hostile = `{"lockfileVersion": 3, "packages": {"__proto__": {"polluted": "yes", "version": "1.0.0"},
      "node_modules/__proto__": {"version": "1.0.0"}, "node_modules/ok": {"version": "1.0.0", "__proto__": {"polluted": "yes"}}}}`
    const {components, errors} = discover(hostile)
    expect(({} as {polluted?: string}).polluted).toBeUndefined()
    expect(components.map((c) => c.ref)).toEqual(['node_modules/__proto__', 'node_modules/ok'])
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['forbidden-key', 1],
      ['forbidden-key', 2],
    ])
  })

  it('ends on deeply nested input with an error, not a crash', () => {
    const {errors} = discover(`{"lockfileVersion": 1, "dependencies": ${'{"a": '.repeat(20000)}`)
    expect(errors[0].code).toBe('invalid-json')
  })

  it('lists each entry once when the fast reader gives up after handing entries over (nesting deeper than it reads)', () => {
    const deep = `${'['.repeat(250)}${']'.repeat(250)}`
    const text = `{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {"name": "app"},\n    "node_modules/a": {"version": "1.0.0"},\n    "node_modules/b": {"version": "2.0.0"}\n  },\n  "extra": ${deep}\n}\n`
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => `${c.name}@${c.version}`)).toEqual(['a@1.0.0', 'b@2.0.0'])
  })
})

describe('npm-package-lock: where a package was fetched from', () => {
  it('names a registry other than the npm registry as repository_url (scoped, %2f-scoped, under a path)', () => {
    const lock = JSON.stringify(
      {
        name: 'app',
        lockfileVersion: 3,
        packages: {
          '': {name: 'app', dependencies: {'left-pad': '1.3.0', '@acme/ui': '2.0.0', '@acme/core': '1.0.0'}},
          'node_modules/left-pad': {
            version: '1.3.0',
            resolved: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz',
          },
          'node_modules/@acme/ui': {
            version: '2.0.0',
            resolved: 'https://artifactory.example.com/api/npm/npm-virtual/@acme/ui/-/ui-2.0.0.tgz',
          },
          'node_modules/@acme/core': {
            version: '1.0.0',
            resolved: 'https://npm.example.org/@acme%2fcore/-/core-1.0.0.tgz',
          },
          'node_modules/tarball': {version: '0.1.0', resolved: 'https://downloads.example.com/tarball-0.1.0.tgz'},
        },
      },
      null,
      2,
    )
    const {components, errors} = discover(lock)
    expect(errors).toEqual([])
    expect(components.map((c) => c.purl)).toEqual([
      'pkg:npm/left-pad@1.3.0',
      'pkg:npm/%40acme/ui@2.0.0?repository_url=https%3A%2F%2Fartifactory.example.com%2Fapi%2Fnpm%2Fnpm-virtual',
      'pkg:npm/%40acme/core@1.0.0?repository_url=https%3A%2F%2Fnpm.example.org',
      'pkg:npm/tarball@0.1.0?download_url=https%3A%2F%2Fdownloads.example.com%2Ftarball-0.1.0.tgz',
    ])
  })
})

describe('npm-package-lock (lockfileVersion 1): where a package was fetched from', () => {
  it("names another registry as repository_url from an entry's resolved, as version 2 and 3 do", () => {
    // npm/cli workspaces/arborist/test/fixtures/install-types/package-lock.json has such an entry (bundler, from
    // https://registry.internal/): before, it was listed as the npm registry's bundler@1.2.3.
    const lock = `{
  "name": "app",
  "lockfileVersion": 1,
  "requires": true,
  "dependencies": {
    "@acme/ui": {
      "version": "2.0.0",
      "resolved": "https://nexus.example.com/repository/npm-private/@acme/ui/-/ui-2.0.0.tgz",
      "dependencies": {
        "left-pad": {
          "version": "1.3.0",
          "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz"
        }
      }
    },
    "blob": {
      "version": "0.1.0",
      "resolved": "https://downloads.example.com/blob-0.1.0.tgz"
    },
    "bundled-one": {
      "version": "1.0.0",
      "resolved": false,
      "bundled": true
    }
  }
}`
    const {components, errors} = discover(lock)
    expect(errors).toEqual([])
    expect(components.map(brief)).toEqual([
      {
        name: '@acme/ui',
        version: '2.0.0',
        ref: '@acme/ui',
        scope: 'prod',
        direct: undefined,
        local: undefined,
        purl: 'pkg:npm/%40acme/ui@2.0.0?repository_url=https%3A%2F%2Fnexus.example.com%2Frepository%2Fnpm-private',
        at: '6:5',
      },
      {
        name: 'blob',
        version: '0.1.0',
        ref: 'blob',
        scope: 'prod',
        direct: undefined,
        local: undefined,
        purl: 'pkg:npm/blob@0.1.0?download_url=https%3A%2F%2Fdownloads.example.com%2Fblob-0.1.0.tgz',
        at: '16:5',
      },
      {
        name: 'bundled-one',
        version: '1.0.0',
        ref: 'bundled-one',
        scope: 'prod',
        direct: undefined,
        local: undefined,
        purl: 'pkg:npm/bundled-one@1.0.0',
        at: '20:5',
      },
      {
        name: 'left-pad',
        version: '1.3.0',
        ref: '@acme/ui > left-pad',
        scope: 'prod',
        direct: undefined,
        local: undefined,
        purl: 'pkg:npm/left-pad@1.3.0',
        at: '10:9',
      },
    ])
  })
})

describe('npm-package-lock: as npm reads what is missing', () => {
  it('lists nothing, and reports nothing, for a lockfileVersion 2 or 3 with neither packages nor dependencies', () => {
    for (const version of [2, 3]) {
      const out = discover(`{\n  "name": "demo",\n  "version": "1.0.0",\n  "lockfileVersion": ${version}\n}\n`)
      expect(out).toEqual({components: [], errors: []})
    }
  })

  it('reads a lockfileVersion 2 without packages from its dependencies tree, as npm loads it', () => {
    const out = discover(`{
  "name": "demo",
  "lockfileVersion": 2,
  "requires": true,
  "dependencies": {
    "left-pad": {"version": "1.3.0", "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz"}
  }
}
`)
    expect(out.errors).toEqual([])
    expect(
      out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.name} ${c.version} ${c.purl}`),
    ).toEqual(['6:5 left-pad 1.3.0 pkg:npm/left-pad@1.3.0'])
  })

  it('lists a git dependency without version by its resolved URL#commit, which npm installs; the legacy block is not read', () => {
    const out = discover(`{
  "name": "demo",
  "version": "1.0.0",
  "lockfileVersion": 2,
  "requires": true,
  "packages": {
    "": {"name": "demo", "version": "1.0.0", "dependencies": {"widget": "example-org/widget#v3.1.0"}},
    "node_modules/widget": {
      "resolved": "git+ssh://git@github.com/example-org/widget.git#0123456789abcdef0123456789abcdef01234567"
    },
    "node_modules/broken": {}
  },
  "dependencies": {
    "widget": {
      "version": "git+ssh://git@github.com/example-org/widget.git#0123456789abcdef0123456789abcdef01234567",
      "from": "widget@example-org/widget#v3.1.0"
    }
  }
}
`)
    expect(out.components.map(brief)).toEqual([
      {
        name: 'widget',
        version: undefined,
        ref: 'node_modules/widget',
        scope: 'prod',
        direct: true,
        local: undefined,
        purl: 'pkg:npm/widget?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fexample-org%2Fwidget.git%230123456789abcdef0123456789abcdef01234567',
        at: '8:5',
      },
    ])
    // Neither version nor resolved: npm drops it ("invalid or damaged lockfile detected"); still an error here.
    expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      '11:5 invalid-entry packages["node_modules/broken"]: no version',
    ])
  })
})

describe('npm-package-lock: a key written twice', () => {
  it('lists the last entry of a packages key written twice, as JSON.parse and npm read it, and reports the duplicate', () => {
    const out = discover(`{
  "name": "x",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {"name": "x", "dependencies": {"lodash": "^4.0.0"}},
    "node_modules/lodash": {"version": "4.17.20", "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.20.tgz"},
    "node_modules/lodash": {"version": "4.17.21", "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz"}
  }
}
`)
    expect(out.components.map((c) => `${c.name}@${c.version} ${c.locations[0].line} ${c.direct}`)).toEqual([
      'lodash@4.17.21 8 true',
    ])
    expect(out.errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
      "8 duplicate-key duplicate key 'node_modules/lodash' (the last value is used)",
    ])
  })
})
