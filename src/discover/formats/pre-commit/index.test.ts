import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = '.pre-commit-config.yaml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line}:${c.locations[0].column} ${c.kind} ${c.ecosystem} ${c.name} ${c.version ?? '-'} ${c.scope ?? '-'} ${c.purl}`,
  )
const problems = (list: ReadonlyArray<{line?: number; message: string}>) => list.map((p) => `${p.line} ${p.message}`)

describe('pre-commit', () => {
  it('matches pre-commit configuration files only', () => {
    expect(discoverer.matches('.pre-commit-config.yaml')).toBe(true)
    expect(discoverer.matches('sub/dir/.pre-commit-config.yml')).toBe(true)
    expect(discoverer.matches('.pre-commit-hooks.yaml')).toBe(false)
    expect(discoverer.matches('pre-commit-config.yaml')).toBe(false)
  })

  it("lists a real project's hook repositories at their revs, and says what a hook's language hides (pre-commit)", () => {
    const text = readFileSync(new URL('./__fixtures__/pre-commit/.pre-commit-config.yaml', import.meta.url), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '2:11 package generic github.com/pre-commit/pre-commit-hooks v6.0.0 dev pkg:generic/github.com/pre-commit/pre-commit-hooks@v6.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpre-commit%2Fpre-commit-hooks%40v6.0.0',
      '12:11 package generic github.com/asottile/setup-cfg-fmt v3.2.0 dev pkg:generic/github.com/asottile/setup-cfg-fmt@v3.2.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fasottile%2Fsetup-cfg-fmt%40v3.2.0',
      '16:11 package generic github.com/asottile/reorder-python-imports v3.17.0 dev pkg:generic/github.com/asottile/reorder-python-imports@v3.17.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fasottile%2Freorder-python-imports%40v3.17.0',
      '22:11 package generic github.com/asottile/add-trailing-comma v4.0.0 dev pkg:generic/github.com/asottile/add-trailing-comma@v4.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fasottile%2Fadd-trailing-comma%40v4.0.0',
      '26:11 package generic github.com/asottile/pyupgrade v3.21.2 dev pkg:generic/github.com/asottile/pyupgrade@v3.21.2?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fasottile%2Fpyupgrade%40v3.21.2',
      '31:11 package generic github.com/hhatto/autopep8 v2.3.2 dev pkg:generic/github.com/hhatto/autopep8@v2.3.2?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fhhatto%2Fautopep8%40v2.3.2',
      '35:11 package generic github.com/PyCQA/flake8 7.3.0 dev pkg:generic/github.com/PyCQA/flake8@7.3.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2FPyCQA%2Fflake8%407.3.0',
      '39:11 package generic github.com/pre-commit/mirrors-mypy v2.3.1 dev pkg:generic/github.com/pre-commit/mirrors-mypy@v2.3.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpre-commit%2Fmirrors-mypy%40v2.3.1',
    ])
    expect(problems(out.skipped)).toEqual([
      "43 additional_dependencies of hook mypy of https://github.com/pre-commit/mirrors-mypy: its language is set by the hook repository's .pre-commit-hooks.yaml, which is not fetched; not listed",
    ])
  })

  it('lists additional dependencies of python and node hooks, local docker_image hooks, and nothing for local and meta', () => {
    const out = discover(`repos:
- repo: git@gitlab.example.com:acme/hooks.git
  rev: 0123456789abcdef0123456789abcdef01234567
  hooks:
  - id: acme-lint
    language: python
    additional_dependencies: ['acme-plugin==2.1.0', 'Acme_Types>=1', 'acme-vcs @ git+https://git.example.com/acme/vcs']
  - id: acme-js
    language: node
    additional_dependencies: ['@acme/eslint-config@3.0.0', 'acme-rules@^1.2', 'alias@npm:acme-real@1.0.0', 'local@file:../x']
  - id: acme-go
    language: golang
    additional_dependencies: [example.com/acme/tool@v1.0.0]
- repo: local
  hooks:
  - id: shellcheck
    language: docker_image
    entry: docker.io/koalaman/shellcheck:v0.10.0 --severity=warning
  - id: black
    language: docker_image
    entry: --entrypoint black example/black:22.1.0
  - id: own
    language: system
    entry: ./run.sh
- repo: meta
  hooks:
  - id: check-hooks-apply
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '2:9 package generic gitlab.example.com/acme/hooks 0123456789abcdef0123456789abcdef01234567 dev pkg:generic/gitlab.example.com/acme/hooks@0123456789abcdef0123456789abcdef01234567?vcs_url=git%2Bgit%40gitlab.example.com%3Aacme%2Fhooks.git%400123456789abcdef0123456789abcdef01234567',
      '7:31 package pypi acme-plugin 2.1.0 dev pkg:pypi/acme-plugin@2.1.0',
      '7:53 package pypi acme-types - dev pkg:pypi/acme-types',
      '10:31 package npm @acme/eslint-config 3.0.0 dev pkg:npm/%40acme/eslint-config@3.0.0',
      '10:60 package npm acme-rules - dev pkg:npm/acme-rules',
      '10:79 package npm acme-real 1.0.0 dev pkg:npm/acme-real@1.0.0',
      '18:12 image docker docker.io/koalaman/shellcheck v0.10.0 - pkg:docker/koalaman/shellcheck@v0.10.0',
      '21:12 image docker docker.io/example/black 22.1.0 - pkg:docker/example/black@22.1.0',
    ])
    expect(problems(out.skipped)).toEqual([
      '13 additional_dependencies of hook acme-go of git@gitlab.example.com:acme/hooks.git: requirements of language golang are not read; not listed',
    ])
  })

  it('reports entries it cannot read at their lines, and reads the rest', () => {
    const out = discover(`repos:
- repo: https://github.com/acme/ok
  rev: v1
- repo: https://github.com/acme/no-rev
- repo: not a url
  rev: v1
- repo: [1]
- just-a-string
- repo: https://github.com/acme/bad-deps
  rev: v2
  hooks:
  - id: x
    language: python
    additional_dependencies: ['not a requirement!', {a: 1}, 'acme-ok']
  - id: y
    additional_dependencies: acme-string
- repo: local
  hooks:
  - id: z
    language: docker_image
    entry: --entrypoint
`)
    expect(rows(out).map((r) => r.split(' ').slice(0, 5).join(' '))).toEqual([
      '2:9 package generic github.com/acme/ok v1',
      '9:9 package generic github.com/acme/bad-deps v2',
      '14:61 package pypi acme-ok -',
    ])
    expect(problems(out.errors)).toEqual([
      '4 repos[1].rev must be the revision of https://github.com/acme/no-rev',
      '5 repos[2].repo "not a url" is not a repository URL',
      '7 repos[3].repo must be a string',
      '8 repos[4] must be a mapping',
      '14 additional_dependencies of hook x of https://github.com/acme/bad-deps: not a python requirement',
      '14 additional_dependencies of hook x of https://github.com/acme/bad-deps: not a python requirement',
      '16 additional_dependencies of hook y of https://github.com/acme/bad-deps must be a list',
      '21 a docker_image hook must name its image in entry',
    ])
  })

  it('reports invalid YAML and a repos that is not a list', () => {
    expect(problems(discover('repos: {a: 1}\n').errors)).toEqual(['1 repos must be a list'])
    const broken = discover('repos:\n- repo: https://github.com/acme/x\n  rev: [\n')
    expect(broken.components).toEqual([])
    expect(broken.errors.length).toBeGreaterThan(0)
    expect(broken.errors[0].code).toMatch(/^yaml-/)
  })

  it('keeps credentials of a repository URL out of its name (redaction removes them from the rest)', () => {
    const out = discover('repos:\n- repo: https://user:secret@git.example.com/acme/hooks\n  rev: v1\n')
    expect(out.components[0].name).toBe('git.example.com/acme/hooks')
  })
})
