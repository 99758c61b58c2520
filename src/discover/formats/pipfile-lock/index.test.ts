import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'

function discover(text: string) {
  return discoverer.discover({file: 'Pipfile.lock', text}, {readText: () => null}) as {
    components: Component[]
    skipped: Array<{reason: string; line?: number; message: string}>
    errors: Array<{code: string; line?: number; message: string}>
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

  it('reports a wrong pipfile-spec and mistyped entries with lines', () => {
    expect(discover('{"_meta": {"pipfile-spec": 99}}').errors.map((e) => [e.code, e.line])).toEqual([
      ['unsupported-version', 1],
    ])
    const {errors} = discover('{"_meta": {"pipfile-spec": 6},\n "default": {"a": {"version": 1}}}')
    expect(errors).toEqual([
      {
        file: 'Pipfile.lock',
        code: 'invalid-entry',
        message: 'default["a"]: version: Invalid input: expected string, received number',
        line: 2,
        column: 14,
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
