import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'

function discover(text: string) {
  return discoverer.discover({file: 'Pipfile.lock', text}, {readText: () => null}) as {
    components: Component[]
    skipped: Array<{reason: string; line?: number; message: string}>
    errors: Array<{code: string; line?: number; column?: number; message: string}>
  }
}

const lock = `{
    "_meta": {"pipfile-spec": 6, "requires": {}, "sources": []},
    "default": {
        "Django": {
            "hashes": ["sha256:x"],
            "markers": "python_version >= '3.10'",
            "version": "==5.0.6"
        },
        "mylib": {"editable": true, "path": "."},
        "forked": {"git": "https://github.com/example/forked.git", "ref": "0123abc"},
        "loose": {"version": "*"}
    },
    "develop": {
        "pytest": {"version": "==8.2.0"},
        "django": {"version": "==5.0.6"}
    }
}
`

describe('pipfile-lock', () => {
  it('takes direct from the Pipfile beside it (every package category); says nothing without one', () => {
    const pipfile =
      '[[source]]\nurl = "https://pypi.org/simple"\nname = "pypi"\n\n[packages]\nDjango = "==5.0.6"\nmylib = {path = ".", editable = true}\n\n[dev-packages]\npytest = "*"\n\n[docs]\nforked = {git = "https://github.com/example/forked.git"}\n\n[requires]\npython_version = "3.12"\n'
    const files: Record<string, string> = {'svc/Pipfile': pipfile}
    const read = (file: string) =>
      discoverer.discover({file, text: lock}, {readText: (path) => files[path] ?? null}) as {components: Component[]}
    expect(read('svc/Pipfile.lock').components.map((c) => [c.name, c.scope, c.direct ?? null])).toEqual([
      ['django', 'prod', true],
      ['mylib', 'prod', true],
      ['forked', 'prod', true],
      ['pytest', 'dev', true],
      ['django', 'dev', true],
    ])
    expect(read('Pipfile.lock').components.every((c) => c.direct === undefined)).toBe(true)
  })

  it('reads default as prod and develop as dev, strips == pins, marks paths local, git as vcs_url', () => {
    const {components, skipped, errors} = discover(lock)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.version, c.scope, c.local, c.purl, c.locations[0].line])).toEqual([
      ['django', '5.0.6', 'prod', undefined, 'pkg:pypi/django@5.0.6', 4],
      ['mylib', undefined, 'prod', true, undefined, 9],
      [
        'forked',
        undefined,
        'prod',
        undefined,
        'pkg:pypi/forked?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fforked.git%400123abc',
        10,
      ],
      ['pytest', '8.2.0', 'dev', undefined, 'pkg:pypi/pytest@8.2.0', 14],
      ['django', '5.0.6', 'dev', undefined, 'pkg:pypi/django@5.0.6', 15],
    ])
    expect(skipped).toEqual([
      {
        file: 'Pipfile.lock',
        line: 11,
        reason: 'unresolved-version',
        message: 'default["loose"]: * is not one exact version',
      },
    ])
  })

  it('reports a wrong pipfile-spec and mistyped entries in its own words, with lines and columns', () => {
    const meta = (text: string) => discover(text).errors.map((e) => [e.code, e.message, e.line, e.column])
    expect(meta('{"_meta": {"pipfile-spec": 99}}')).toEqual([
      ['unsupported-version', 'pipfile-spec 99 is not supported (1 to 6 are read)', 1, 2],
    ])
    expect(meta('{"default": {}}')).toEqual([
      ['unsupported-version', 'no _meta, where a Pipfile.lock gives its format version (pipfile-spec)', 1, 1],
    ])
    expect(meta('{"_meta": {"hash": {}}}')).toEqual([
      ['unsupported-version', '_meta has no pipfile-spec (the format version of the Pipfile.lock)', 1, 2],
    ])
    expect(meta('{"_meta": {"pipfile-spec": "6"}}')).toEqual([
      ['unsupported-version', '_meta.pipfile-spec is a string, not a number', 1, 2],
    ])
    expect(meta('{"_meta": []}')).toEqual([['unsupported-version', '_meta is a list, not an object', 1, 2]])
    const {errors} = discover(
      '{"_meta": {"pipfile-spec": 6},\n "default": {"a": {"version": 1},\n  "b": {"version": "==1.0", "editable": "yes"}}}',
    )
    expect(errors).toEqual([
      {
        file: 'Pipfile.lock',
        code: 'invalid-entry',
        message: 'default["a"] has a version that is a number, not a string',
        line: 2,
        column: 14,
      },
      {
        file: 'Pipfile.lock',
        code: 'invalid-entry',
        message: 'default["b"] has an editable that is a string, not true or false',
        line: 3,
        column: 3,
      },
    ])
  })

  it('reports entries that are not objects at their key (real dependabot-core fixture, edited by hand)', () => {
    const text = readFileSync(new URL('./__fixtures__/dependabot-core-edited/Pipfile.lock', import.meta.url), 'utf8')
    const {components, errors} = discover(text)
    expect(components.map((c) => [c.name, c.version, c.scope, c.locations[0].line, c.locations[0].column])).toEqual([
      ['certifi', '2017.11.5', 'prod', 16, 9],
      ['chardet', '3.0.4', 'prod', 23, 9],
      ['idna', '2.5', 'prod', 30, 9],
      ['urllib3', '1.21.1', 'prod', 38, 9],
      ['py', '1.5.2', 'dev', 47, 9],
    ])
    expect(errors).toEqual([
      {
        file: 'Pipfile.lock',
        code: 'invalid-entry',
        message: 'default["requests"] is a string, not an object such as {"version": "==1.2.3"}',
        line: 37,
        column: 9,
      },
      {
        file: 'Pipfile.lock',
        code: 'invalid-entry',
        message: 'develop["pytest"] is a list, not an object such as {"version": "==1.2.3"}',
        line: 54,
        column: 9,
      },
    ])
  })
})

describe('pipfile-lock: where a package was fetched from', () => {
  it("names the package's index from _meta.sources when it is not PyPI; no index named means the first", () => {
    const text = JSON.stringify(
      {
        _meta: {
          'pipfile-spec': 6,
          sources: [
            {name: 'internal', url: 'https://pypi.internal.example/simple', verify_ssl: true},
            {name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true},
          ],
        },
        default: {
          requests: {version: '==2.32.0', index: 'pypi'},
          'acme-tools': {version: '==1.4.0', index: 'internal'},
          legacy: {version: '==0.1.0'},
        },
        develop: {},
      },
      null,
      4,
    )
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => c.purl)).toEqual([
      'pkg:pypi/requests@2.32.0',
      'pkg:pypi/acme-tools@1.4.0?repository_url=https%3A%2F%2Fpypi.internal.example%2Fsimple',
      'pkg:pypi/legacy@0.1.0?repository_url=https%3A%2F%2Fpypi.internal.example%2Fsimple',
    ])
  })
})

describe("pipfile-lock: Pipenv's environment variables in URLs", () => {
  it('keeps credentials out of repository_url and vcs_url, and takes no URL the environment fills in (pipenv credentials docs)', () => {
    const out = discover(`{
    "_meta": {
        "hash": {"sha256": "abc"},
        "pipfile-spec": 6,
        "requires": {"python_version": "3.11"},
        "sources": [
            {"name": "pypi", "url": "https://pypi.org/simple", "verify_ssl": true},
            {"name": "private", "url": "https://$ART_USER:\${ART_PASS}@artifactory.example.com/api/pypi/simple", "verify_ssl": true},
            {"name": "fromenv", "url": "https://\${PRIVATE_HOST}/simple", "verify_ssl": true}
        ]
    },
    "default": {
        "internal-lib": {"hashes": [], "index": "private", "version": "==1.2.3"},
        "other-lib": {"hashes": [], "index": "fromenv", "version": "==2.0"},
        "gitpkg": {"git": "https://\${GH_TOKEN}@github.com/example/gitpkg.git", "ref": "0123456789abcdef0123456789abcdef01234567"},
        "envgit": {"git": "https://\${GIT_HOST}/example/envgit.git", "ref": "0123456789abcdef0123456789abcdef01234567"}
    },
    "develop": {}
}
`)
    expect(out.components.map((c) => [c.name, c.version, c.purl, c.locations[0].line])).toEqual([
      [
        'internal-lib',
        '1.2.3',
        'pkg:pypi/internal-lib@1.2.3?repository_url=https%3A%2F%2Fartifactory.example.com%2Fapi%2Fpypi%2Fsimple',
        13,
      ],
      ['other-lib', '2.0', 'pkg:pypi/other-lib@2.0', 14],
      [
        'gitpkg',
        undefined,
        'pkg:pypi/gitpkg?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fgitpkg.git%400123456789abcdef0123456789abcdef01234567',
        15,
      ],
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      `9 unsupported _meta.sources: url 'https://\${PRIVATE_HOST}/simple' holds an environment variable that Pipenv fills in when it installs: its packages are listed without it`,
      `16 unsupported default["envgit"]: git 'https://\${GIT_HOST}/example/envgit.git' holds an environment variable that Pipenv fills in when it installs: not read`,
    ])
    expect(out.errors).toEqual([])
  })
})
