import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'

function discover(text: string) {
  return discoverer.discover({file: 'poetry.lock', text}, {readText: () => null}) as {
    components: Component[]
    errors: Array<{code: string; line?: number; message: string}>
  }
}

const lock2 = `[[package]]
name = "Typing_Extensions"
version = "4.12.0"
optional = false
groups = ["main", "dev"]
markers = "python_version < \\"3.13\\""

[[package]]
name = "pytest"
version = "8.2.0"
optional = false
groups = ["test"]

[[package]]
name = "extra-thing"
version = "1.0.0"
optional = true
groups = ["main"]

[[package]]
name = "mylib"
version = "0.1.0"
optional = false
groups = ["main"]

[package.source]
type = "directory"
url = "../mylib"

[[package]]
name = "forked"
version = "2.0.0"
optional = false
groups = ["main"]

[package.source]
type = "git"
url = "https://github.com/example/forked.git"
reference = "main"
resolved_reference = "0123abc"

[metadata]
lock-version = "2.1"
python-versions = ">=3.10"
content-hash = "x"
`

describe('poetry-lock', () => {
  it('maps groups (main or not) and optional to scopes, normalises names, marks directory sources local', () => {
    const {components, errors} = discover(lock2)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.version, c.scope, c.local, c.purl, c.locations[0].line])).toEqual([
      ['typing-extensions', '4.12.0', 'prod', undefined, 'pkg:pypi/typing-extensions@4.12.0', 1],
      ['pytest', '8.2.0', 'dev', undefined, 'pkg:pypi/pytest@8.2.0', 8],
      ['extra-thing', '1.0.0', 'optional', undefined, 'pkg:pypi/extra-thing@1.0.0', 14],
      ['mylib', '0.1.0', 'prod', true, undefined, 20],
      [
        'forked',
        '2.0.0',
        'prod',
        undefined,
        'pkg:pypi/forked@2.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fforked.git%400123abc',
        30,
      ],
    ])
  })

  it('reads lock 1.x categories', () => {
    const {components} = discover(
      '[[package]]\nname = "a"\nversion = "1.0"\ncategory = "dev"\noptional = false\n\n[metadata]\nlock-version = "1.1"\n',
    )
    expect(components.map((c) => c.scope)).toEqual(['dev'])
  })

  it('rejects an unknown lock-version at [metadata]', () => {
    expect(discover('[[package]]\nname = "a"\nversion = "1"\n\n[metadata]\nlock-version = "3.0"\n').errors).toEqual([
      {
        file: 'poetry.lock',
        code: 'unsupported-version',
        message: '[metadata] lock-version: expected lock-version 1.x or 2.x',
        line: 5,
      },
    ])
  })
})

describe('poetry-lock: where a package was fetched from', () => {
  it('names a legacy source (an index other than PyPI) as repository_url and a url source as download_url', () => {
    const text = [
      '[[package]]',
      'name = "acme-tools"',
      'version = "1.4.0"',
      'description = ""',
      'optional = false',
      'python-versions = "*"',
      'groups = ["main"]',
      '',
      '[package.source]',
      'type = "legacy"',
      'url = "https://nexus.example.com/repository/pypi-private/simple"',
      'reference = "private"',
      '',
      '[[package]]',
      'name = "wheelhouse"',
      'version = "0.2.0"',
      'description = ""',
      'optional = false',
      'python-versions = "*"',
      'groups = ["main"]',
      '',
      '[package.source]',
      'type = "url"',
      'url = "https://downloads.example.com/wheelhouse-0.2.0.tar.gz"',
      '',
      '[[package]]',
      'name = "requests"',
      'version = "2.32.0"',
      'description = ""',
      'optional = false',
      'python-versions = "*"',
      'groups = ["main"]',
      '',
      '[metadata]',
      'lock-version = "2.1"',
      'python-versions = "^3.10"',
      'content-hash = "0"',
      '',
    ].join('\n')
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => c.purl)).toEqual([
      'pkg:pypi/acme-tools@1.4.0?repository_url=https%3A%2F%2Fnexus.example.com%2Frepository%2Fpypi-private%2Fsimple',
      'pkg:pypi/wheelhouse@0.2.0?download_url=https%3A%2F%2Fdownloads.example.com%2Fwheelhouse-0.2.0.tar.gz',
      'pkg:pypi/requests@2.32.0',
    ])
  })
})
