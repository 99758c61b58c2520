import {readFileSync} from 'node:fs'
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
  it('takes direct from the pyproject.toml beside it, as pdm.lock and pylock.toml do; says nothing without one', () => {
    const pyproject = `[project]
name = "lantern"
dependencies = ["typing-extensions>=4"]
[tool.poetry.group.dev.dependencies]
Pytest = "^8"
[tool.poetry.dependencies]
python = ">=3.10"
`
    const files: Record<string, string> = {'app/pyproject.toml': pyproject}
    const read = (file: string) =>
      discoverer.discover({file, text: lock2}, {readText: (path) => files[path] ?? null}) as {components: Component[]}
    expect(read('app/poetry.lock').components.map((c) => [c.name, c.direct ?? null])).toEqual([
      ['typing-extensions', true],
      ['pytest', true],
      ['extra-thing', false],
      ['mylib', false],
      ['forked', false],
    ])
    expect(read('poetry.lock').components.every((c) => c.direct === undefined)).toBe(true)
  })

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

  it('gives no scope where a lock-version 2.0 file writes neither groups nor category (Poetry 1.5 to 1.8)', () => {
    const out = discover(`[[package]]
name = "pytest"
version = "8.3.3"
optional = false

[[package]]
name = "httpx"
version = "0.27.0"
optional = true

[metadata]
lock-version = "2.0"
python-versions = "^3.12"
content-hash = "abc"
`)
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.name} ${c.scope ?? '-'}`)).toEqual(['pytest -', 'httpx optional'])
  })

  it('rejects an unknown lock-version at its value, in words naming the versions read', () => {
    expect(
      discover('[[package]]\nname = "a"\nversion = "1"\n\n[metadata]\npython-versions = "*"\nlock-version =  "3.0"\n')
        .errors,
    ).toEqual([
      {
        file: 'poetry.lock',
        code: 'unsupported-version',
        message: '[metadata] lock-version "3.0" is not supported (Poetry reads 1.x and 2.x)',
        line: 7,
        column: 17,
      },
    ])
    expect(discover('[[package]]\nname = "a"\nversion = "1"\n\n[metadata]\nlock-version = 2\n').errors).toEqual([
      {
        file: 'poetry.lock',
        code: 'unsupported-version',
        message: '[metadata] lock-version is not a string such as "2.1"',
        line: 6,
        column: 16,
      },
    ])
  })

  it('says in its own words what a [[package]] lacks, at its header, and reads the others', () => {
    const text = [
      '[[package]]',
      'version = "1.0"',
      '',
      '[[package]]',
      'name = "b"',
      'version = 2',
      '',
      '[[package]]',
      'name = "c"',
      'version = "1.0"',
      'groups = "main"',
      '',
      '[[package]]',
      'name = "d"',
      'version = "1.0"',
      '',
      '[package.source]',
      'url = "https://example.com/d.git"',
      '',
      '[[package]]',
      'name = "e"',
      'version = "1.0"',
      '',
      '[metadata]',
      'lock-version = "2.1"',
      '',
    ].join('\n')
    const {components, errors} = discover(text)
    expect(components.map((c) => c.name)).toEqual(['e'])
    expect(errors.map((e) => [e.message, e.line])).toEqual([
      ['[[package]] #1: no name', 1],
      ['[[package]] #2: b: version is a number, not a string', 4],
      ['[[package]] #3: c: groups is not a list of strings', 8],
      ['[[package]] #4: d: [package.source] has no type (a string)', 13],
    ])
  })

  it('refuses a lock without [metadata], as Poetry does', () => {
    expect(discover('[[package]]\nname = "a"\nversion = "1"\n').errors).toEqual([
      {
        file: 'poetry.lock',
        code: 'unsupported-version',
        message: 'no [metadata] table: Poetry reads no poetry.lock without one',
        line: 1,
        column: 1,
      },
    ])
  })

  it('reads a lock without [metadata] lock-version as 1.0, as Poetry does (real dependabot-core fixture)', () => {
    const text = readFileSync(new URL('./__fixtures__/dependabot-core/poetry.lock', import.meta.url), 'utf8')
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.version, c.scope, c.locations[0].line, c.locations[0].column])).toEqual([
      ['certifi', '2018.10.15', 'prod', 1, 1],
      ['chardet', '3.0.4', 'prod', 9, 1],
      ['idna', '2.5', 'prod', 17, 1],
      ['requests', '2.18.0', 'prod', 25, 1],
      ['urllib3', '1.21.1', 'prod', 39, 1],
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
