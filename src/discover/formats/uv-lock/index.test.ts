import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'

function discover(text: string) {
  return discoverer.discover({file: 'uv.lock', text}, {readText: () => null}) as {
    components: Component[]
    skipped: Array<{reason: string; line?: number}>
    errors: Array<{code: string; line?: number; message: string}>
  }
}

const lock = `version = 1
revision = 3
requires-python = ">=3.10"

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }
dependencies = [
    { name = "requests" },
]

[package.optional-dependencies]
fast = [
    { name = "orjson" },
]

[package.dev-dependencies]
dev = [
    { name = "pytest" },
    { name = "requests" },
]

[[package]]
name = "Requests"
version = "2.32.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "idna" },
]

[[package]]
name = "idna"
version = "3.7"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "orjson"
version = "3.10.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8.2.0"
source = { git = "https://github.com/example/pytest?rev=abc#0123abc" }

[[package]]
name = "dynamic"
source = { registry = "https://pypi.org/simple" }
`

describe('uv-lock', () => {
  it('members are local; their edges give direct and scope (prod beats dev, optional extras); git as vcs_url', () => {
    const {components, skipped, errors} = discover(lock)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.version, c.scope, c.direct, c.local, c.locations[0].line])).toEqual([
      ['app', '0.1.0', undefined, undefined, true, 5],
      ['requests', '2.32.0', 'prod', true, undefined, 24],
      // Transitive: the scope of what reaches it (requests, prod).
      ['idna', '3.7', 'prod', false, undefined, 32],
      ['orjson', '3.10.0', 'optional', true, undefined, 37],
      ['pytest', '8.2.0', 'dev', true, undefined, 42],
    ])
    expect(components[4].purl).toBe(
      'pkg:pypi/pytest@8.2.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fpytest%3Frev%3Dabc%230123abc',
    )
    expect(skipped).toEqual([
      {file: 'uv.lock', line: 47, reason: 'unresolved-version', message: 'dynamic: no version locked'},
    ])
  })

  it("gives a transitive package the broadest scope of what reaches it: dev tools' dependencies dev, extras asked for by an edge", () => {
    const {components} = discover(`version = 1
revision = 3

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }
dependencies = [{ name = "httpx", extra = ["http2"] }]

[package.dev-dependencies]
dev = [{ name = "pytest" }]

[[package]]
name = "httpx"
version = "0.28.1"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "certifi" }]

[package.optional-dependencies]
http2 = [{ name = "h2" }]
brotli = [{ name = "brotli" }]

[[package]]
name = "pytest"
version = "8.3.4"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "pluggy" }, { name = "certifi" }]

[[package]]
name = "certifi"
version = "2025.1.31"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "h2"
version = "4.2.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "brotli"
version = "1.1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pluggy"
version = "1.5.0"
source = { registry = "https://pypi.org/simple" }
`)
    expect(components.map((c) => [c.name, c.scope ?? null, c.direct ?? null])).toEqual([
      ['app', null, null],
      ['httpx', 'prod', true],
      ['pytest', 'dev', true],
      // Reached from prod (httpx) and from dev (pytest): prod.
      ['certifi', 'prod', false],
      // The extra app asks httpx for; the one it does not ask for is reached by nothing.
      ['h2', 'prod', false],
      ['brotli', null, false],
      // Only a dev tool needs it.
      ['pluggy', 'dev', false],
    ])
  })

  it('rejects unknown lock versions at their line', () => {
    expect(discover('# c\nversion = 2\n').errors).toEqual([
      {file: 'uv.lock', code: 'unsupported-version', message: 'unknown uv.lock version 2 (supported: 1)', line: 2},
    ])
  })
})

describe('uv-lock: where a package was fetched from', () => {
  it('names an index other than PyPI as repository_url and a URL source as download_url', () => {
    const text = [
      'version = 1',
      'requires-python = ">=3.10"',
      '',
      '[[package]]',
      'name = "requests"',
      'version = "2.32.0"',
      'source = { registry = "https://pypi.org/simple" }',
      '',
      '[[package]]',
      'name = "acme-tools"',
      'version = "1.4.0"',
      'source = { registry = "https://pypi.internal.example/simple/" }',
      '',
      '[[package]]',
      'name = "wheelhouse"',
      'version = "0.2.0"',
      'source = { url = "https://downloads.example.com/wheelhouse-0.2.0.tar.gz" }',
      '',
    ].join('\n')
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => c.purl)).toEqual([
      'pkg:pypi/requests@2.32.0',
      'pkg:pypi/acme-tools@1.4.0?repository_url=https%3A%2F%2Fpypi.internal.example%2Fsimple',
      'pkg:pypi/wheelhouse@0.2.0?download_url=https%3A%2F%2Fdownloads.example.com%2Fwheelhouse-0.2.0.tar.gz',
    ])
  })
})
