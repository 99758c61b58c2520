import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const discover = (text: string, file = 'Pipfile') =>
  discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line} ${c.ref} ${c.version ?? '-'} ${c.scope}${c.local ? ' local' : ''} ${c.origin} ${c.purl ?? '-'}`,
  )

describe('pipfile', () => {
  it('matches Pipfile only', () => {
    expect(['Pipfile', 'app/Pipfile', 'Pipfile.lock', 'pipfile', 'Pipfile.txt'].map(discoverer.matches)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ])
  })

  it("lists pipenv's own Pipfile: quoted keys, path packages local, ranges in ref (see __fixtures__/SOURCES.md)", () => {
    const out = discover(readFileSync(new URL('./__fixtures__/pipenv/Pipfile', import.meta.url), 'utf8'))
    expect([out.errors, out.skipped]).toEqual([[], []])
    expect(rows(out)).toEqual([
      '3 pipenv - dev local manifest -',
      '4 flake8 >=3.3.0,<4 - dev manifest pkg:pypi/flake8',
      '5 pytest - dev manifest pkg:pypi/pytest',
      '6 mock - dev manifest pkg:pypi/mock',
      '7 sphinx <=1.5.5 - dev manifest pkg:pypi/sphinx',
      '8 twine - dev manifest pkg:pypi/twine',
      '9 sphinx-click - dev manifest pkg:pypi/sphinx-click',
      '10 pytest-xdist - dev manifest pkg:pypi/pytest-xdist',
      '11 click - dev manifest pkg:pypi/click',
      '12 pytest-pypy - dev local manifest -',
      '13 pytest-tap - dev manifest pkg:pypi/pytest-tap',
      '14 stdeb - dev manifest pkg:pypi/stdeb',
    ])
    expect(out.components.every((c) => c.direct === true)).toBe(true)
  })

  it('takes pins as versions, sources as indexes, git as vcs_url, categories as optional; reports bad entries', () => {
    const out = discover(`[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[[source]]
url = "https://pypi.example.com/simple/"
verify_ssl = true
name = "internal"

[packages]
requests = "==2.32.3"
Flask_Login = {version = "==0.6.3", extras = ["x"]}
acme-client = {version = "==1.4.0", index = "internal"}
forked = {git = "https://github.com/example-org/forked.git", ref = "v2.0.0"}
"bad name!" = "*"
broken = 3

[dev-packages]
black = ">=24"

[docs]
mkdocs = "==1.6.1"

[requires]
python_version = "3.12"
`)
    expect(rows(out)).toEqual([
      '12 requests ==2.32.3 2.32.3 prod manifest pkg:pypi/requests@2.32.3',
      '13 Flask_Login ==0.6.3 0.6.3 prod manifest pkg:pypi/flask-login@0.6.3',
      '14 acme-client ==1.4.0 1.4.0 prod manifest pkg:pypi/acme-client@1.4.0?repository_url=https%3A%2F%2Fpypi.example.com%2Fsimple',
      '15 forked - prod manifest pkg:pypi/forked?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fforked.git%40v2.0.0',
      '20 black >=24 - dev manifest pkg:pypi/black',
      '23 mkdocs ==1.6.1 1.6.1 optional manifest pkg:pypi/mkdocs@1.6.1',
    ])
    expect(out.errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
      '16 invalid-entry [packages] bad name!: not a package name',
      '17 invalid-entry [packages] broken: is a number, not a version specifier or a table',
    ])
  })

  it('reports a Pipfile that is not TOML at its line', () => {
    const out = discover('[packages]\nrequests = \n')
    expect(out.components).toEqual([])
    expect(out.errors.map((e) => [e.code, e.line])).toEqual([['invalid-toml', 2]])
  })
})

describe("pipfile: Pipenv's environment variables in URLs", () => {
  it('keeps credentials out of repository_url and vcs_url, and takes no URL the environment fills in (pipenv credentials docs)', () => {
    const out = discover(
      [
        '[[source]]',
        'url = "https://pypi.org/simple"',
        'name = "pypi"',
        '[[source]]',
        `url = "https://$ART_USER:\${ART_PASS}@artifactory.example.com/api/pypi/simple"`,
        'name = "private"',
        '[[source]]',
        `url = "https://\${PRIVATE_HOST}/simple"`,
        'name = "fromenv"',
        '[packages]',
        'internal-lib = {version = "==1.2.3", index = "private"}',
        'other-lib = {version = "==2.0", index = "fromenv"}',
        `gitpkg = {git = "https://\${GH_TOKEN}@github.com/example/gitpkg.git", ref = "v1.0"}`,
        `envgit = {git = "https://\${GIT_HOST}/example/envgit.git"}`,
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '11 internal-lib ==1.2.3 1.2.3 prod manifest pkg:pypi/internal-lib@1.2.3?repository_url=https%3A%2F%2Fartifactory.example.com%2Fapi%2Fpypi%2Fsimple',
      '12 other-lib ==2.0 2.0 prod manifest pkg:pypi/other-lib@2.0',
      '13 gitpkg - prod manifest pkg:pypi/gitpkg?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fgitpkg.git%40v1.0',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      `8 unsupported [[source]] url 'https://\${PRIVATE_HOST}/simple' holds an environment variable that Pipenv fills in when it reads the file: its packages are listed without it`,
      `14 unsupported [packages] envgit: git 'https://\${GIT_HOST}/example/envgit.git' holds an environment variable that Pipenv fills in when it reads the file: not read`,
    ])
    expect(out.errors).toEqual([])
  })
})
