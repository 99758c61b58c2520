import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {shlexSplit} from '../../lockfile-support/shlex.js'
import {entryImage} from './docker-run.js'
import {discoverer} from './index.js'

function discover(text: string, file = '.pre-commit-config.yaml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line}:${c.locations[0].column} ${c.kind} ${c.ecosystem} ${c.name} ${c.version ?? '-'} ${c.scope ?? '-'} ${c.direct === true ? 'direct' : '-'} ${c.purl}`,
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
      '2:11 package generic github.com/pre-commit/pre-commit-hooks v6.0.0 dev direct pkg:generic/github.com/pre-commit/pre-commit-hooks@v6.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpre-commit%2Fpre-commit-hooks%40v6.0.0',
      '12:11 package generic github.com/asottile/setup-cfg-fmt v3.2.0 dev direct pkg:generic/github.com/asottile/setup-cfg-fmt@v3.2.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fasottile%2Fsetup-cfg-fmt%40v3.2.0',
      '16:11 package generic github.com/asottile/reorder-python-imports v3.17.0 dev direct pkg:generic/github.com/asottile/reorder-python-imports@v3.17.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fasottile%2Freorder-python-imports%40v3.17.0',
      '22:11 package generic github.com/asottile/add-trailing-comma v4.0.0 dev direct pkg:generic/github.com/asottile/add-trailing-comma@v4.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fasottile%2Fadd-trailing-comma%40v4.0.0',
      '26:11 package generic github.com/asottile/pyupgrade v3.21.2 dev direct pkg:generic/github.com/asottile/pyupgrade@v3.21.2?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fasottile%2Fpyupgrade%40v3.21.2',
      '31:11 package generic github.com/hhatto/autopep8 v2.3.2 dev direct pkg:generic/github.com/hhatto/autopep8@v2.3.2?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fhhatto%2Fautopep8%40v2.3.2',
      '35:11 package generic github.com/PyCQA/flake8 7.3.0 dev direct pkg:generic/github.com/PyCQA/flake8@7.3.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2FPyCQA%2Fflake8%407.3.0',
      '39:11 package generic github.com/pre-commit/mirrors-mypy v2.3.1 dev direct pkg:generic/github.com/pre-commit/mirrors-mypy@v2.3.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpre-commit%2Fmirrors-mypy%40v2.3.1',
    ])
    expect(problems(out.skipped)).toEqual([
      "43 additional_dependencies of hook mypy of https://github.com/pre-commit/mirrors-mypy: its language is set by the hook repository's .pre-commit-hooks.yaml, which is not fetched; not listed",
    ])
  })

  it("lists a local hook's additional dependencies in the language it writes (pytest)", () => {
    const text = readFileSync(new URL('./__fixtures__/pytest/.pre-commit-config.yaml', import.meta.url), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(rows(out).filter((row) => !row.includes(' generic '))).toEqual([
      '82:35 package pypi pygments - dev direct pkg:pypi/pygments',
      '82:45 package pypi restructuredtext-lint - dev direct pkg:pypi/restructuredtext-lint',
    ])
    expect(problems(out.skipped)).toEqual([
      "13 additional_dependencies of hook blacken-docs of https://github.com/asottile/blacken-docs: its language is set by the hook repository's .pre-commit-hooks.yaml, which is not fetched; not listed",
      "39 additional_dependencies of hook flake8 of https://github.com/PyCQA/flake8: its language is set by the hook repository's .pre-commit-hooks.yaml, which is not fetched; not listed",
      "67 additional_dependencies of hook mypy of https://github.com/pre-commit/mirrors-mypy: its language is set by the hook repository's .pre-commit-hooks.yaml, which is not fetched; not listed",
    ])
    const noLanguage = discover(
      'repos:\n- repo: local\n  hooks:\n  - id: x\n    entry: x\n    additional_dependencies: [x]\n',
    )
    expect(problems(noLanguage.skipped)).toEqual([
      '6 additional_dependencies of hook x of local: a local hook must write its language (pre-commit refuses one without it); not listed',
    ])
  })

  it('lists additional dependencies of python and node hooks, local docker_image hooks, and nothing else for local and meta', () => {
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
      '2:9 package generic gitlab.example.com/acme/hooks 0123456789abcdef0123456789abcdef01234567 dev direct pkg:generic/gitlab.example.com/acme/hooks@0123456789abcdef0123456789abcdef01234567?vcs_url=git%2Bssh%3A%2F%2Fgit%40gitlab.example.com%2Facme%2Fhooks.git%400123456789abcdef0123456789abcdef01234567',
      '7:31 package pypi acme-plugin 2.1.0 dev direct pkg:pypi/acme-plugin@2.1.0',
      '7:53 package pypi acme-types - dev direct pkg:pypi/acme-types',
      '10:31 package npm @acme/eslint-config 3.0.0 dev direct pkg:npm/%40acme/eslint-config@3.0.0',
      '10:60 package npm acme-rules - dev direct pkg:npm/acme-rules',
      '10:79 package npm acme-real 1.0.0 dev direct pkg:npm/acme-real@1.0.0',
      '18:12 image docker docker.io/koalaman/shellcheck v0.10.0 dev direct pkg:docker/koalaman/shellcheck@v0.10.0',
      '21:12 image docker docker.io/example/black 22.1.0 dev direct pkg:docker/example/black@22.1.0',
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
      '21 docker_image hook z must name its image in entry',
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

  it('reads a real docker_image hook whose entry starts with docker run options (getsentry/self-hosted)', () => {
    const text = readFileSync(new URL('./__fixtures__/self-hosted/.pre-commit-config.yaml', import.meta.url), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '11:14 image docker docker.io/mvdan/shfmt v3.5.1 dev direct pkg:docker/mvdan/shfmt@v3.5.1',
      '15:9 package generic github.com/pre-commit/pre-commit-hooks v4.3.0 dev direct pkg:generic/github.com/pre-commit/pre-commit-hooks@v4.3.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpre-commit%2Fpre-commit-hooks%40v4.3.0',
    ])
    expect(out.components[0].ref).toBe('mvdan/shfmt:v3.5.1')
  })

  it('skips docker run options with and without values before the image; an unknown option is reported, not guessed', () => {
    const hooks = [
      '--net none acme/a:1',
      '--network=host acme/b:2',
      '-e FOO=1 acme/c:3 hadolint',
      '-eFOO=1 acme/d:4',
      '-e=FOO=1 acme/e:5',
      '-it -u 1000:1000 acme/f:6',
      '-itw /src acme/g:7',
      '-v "/tmp/a b:/x" --privileged --rm=false acme/h:8 -x',
      "--entrypoint '/bin/sh -c' --platform linux/amd64 acme/i:9",
      '-- acme/j:10',
      '--privileged --frobnicate 1 acme/k:11',
      '-z acme/l:12',
      '-d= acme/m:13',
      '--net',
      '-e "unclosed acme/n:14',
    ]
    const text = `repos:\n- repo: local\n  hooks:\n${hooks.map((entry, i) => `  - id: h${i}\n    language: docker_image\n    entry: ${JSON.stringify(entry)}\n`).join('')}`
    const out = discover(text)
    expect(rows(out).map((r) => r.split(' ').slice(0, 7).join(' '))).toEqual([
      '6:12 image docker docker.io/acme/a 1 dev direct',
      '9:12 image docker docker.io/acme/b 2 dev direct',
      '12:12 image docker docker.io/acme/c 3 dev direct',
      '15:12 image docker docker.io/acme/d 4 dev direct',
      '18:12 image docker docker.io/acme/e 5 dev direct',
      '21:12 image docker docker.io/acme/f 6 dev direct',
      '24:12 image docker docker.io/acme/g 7 dev direct',
      '27:12 image docker docker.io/acme/h 8 dev direct',
      '30:12 image docker docker.io/acme/i 9 dev direct',
      '33:12 image docker docker.io/acme/j 10 dev direct',
    ])
    expect(problems(out.skipped)).toEqual([
      '36 docker_image hook h10: entry option "--frobnicate" is not a docker run option this reader knows, so which word is the image is not known; not listed',
      '39 docker_image hook h11: entry option "-z" is not a docker run option this reader knows, so which word is the image is not known; not listed',
      '42 docker_image hook h12: entry option "-d=" is not a docker run option this reader knows, so which word is the image is not known; not listed',
    ])
    expect(problems(out.errors)).toEqual([
      '45 docker_image hook h13 must name its image in entry',
      '48 docker_image hook h14 entry is not a command: no closing quotation',
    ])
    expect(out.errors.map((e) => e.code)).toEqual(['invalid-entry', 'invalid-entry'])
  })

  it("splits entry as pre-commit does (Python's shlex.split) and finds the image after docker's own flag syntax", () => {
    expect(shlexSplit(`a 'b c' "d \\"e\\" \\\\ \\x" f\\ g ''`)).toEqual(['a', 'b c', 'd "e" \\ \\x', 'f g', ''])
    expect(shlexSplit('a\\')).toBe('no escaped character after the final backslash')
    expect(shlexSplit("'a")).toBe('no closing quotation')
    expect(shlexSplit(' \t\n')).toEqual([])
    expect(entryImage('-P -p 80:80 -m 1g -h box acme/x')).toEqual({kind: 'image', image: 'acme/x'})
    expect(entryImage('--cpus=2 -c 512 -a stdout -l k=v -w /w acme/y:1 --net none')).toEqual({
      kind: 'image',
      image: 'acme/y:1',
    })
    expect(entryImage('--rm false')).toEqual({kind: 'image', image: 'false'})
    expect(entryImage('- acme/z')).toEqual({kind: 'image', image: '-'})
    expect(entryImage('--')).toEqual({kind: 'no-image'})
    expect(entryImage("'' acme/z")).toEqual({kind: 'no-image'})
    expect(entryImage('--constructor x acme/z')).toEqual({kind: 'unknown-option', option: '--constructor'})
    expect(entryImage(`${'-e x '.repeat(20_000)}acme/long:1`)).toEqual({kind: 'image', image: 'acme/long:1'})
  })

  it('reads a file in the old list format as migrate-config does: each item a repository (hadolint/hadolint-action)', () => {
    const real = readFileSync(
      new URL('./__fixtures__/hadolint-action/.pre-commit-config.yaml', import.meta.url),
      'utf8',
    )
    const local = discover(real)
    expect([local.components, local.skipped, local.errors]).toEqual([[], [], []])
    const out = discover(`# old format
-   repo: https://github.com/psf/black
    rev: 22.3.0
    hooks: [{id: black}]
-   repo: git@github.com:acme/hooks.git
-   repo: local
    hooks:
    - {id: lint, language: docker_image, entry: --net none acme/lint:2}
`)
    expect(rows(out)).toEqual([
      '2:11 package generic github.com/psf/black 22.3.0 dev direct pkg:generic/github.com/psf/black@22.3.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpsf%2Fblack%4022.3.0',
      '8:49 image docker docker.io/acme/lint 2 dev direct pkg:docker/acme/lint@2',
    ])
    expect(problems(out.errors)).toEqual(['5 repos[1].rev must be the revision of git@github.com:acme/hooks.git'])
  })

  it('gives scp-like repositories an ssh:// vcs_url, as git reads them', () => {
    const out = discover(`repos:
- repo: git@github.com:psf/black.git
  rev: 22.3.0
- repo: deploy@git.example.com:/srv/git/acme/hooks
  rev: v1
- repo: ssh://git@git.example.com:2222/acme/other.git
  rev: v2
`)
    expect(rows(out)).toEqual([
      '2:9 package generic github.com/psf/black 22.3.0 dev direct pkg:generic/github.com/psf/black@22.3.0?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fpsf%2Fblack.git%4022.3.0',
      '4:9 package generic git.example.com/srv/git/acme/hooks v1 dev direct pkg:generic/git.example.com/srv/git/acme/hooks@v1?vcs_url=git%2Bssh%3A%2F%2Fdeploy%40git.example.com%2Fsrv%2Fgit%2Facme%2Fhooks%40v1',
      '6:9 package generic git.example.com/acme/other v2 dev direct pkg:generic/git.example.com/acme/other@v2?vcs_url=git%2Bssh%3A%2F%2Fgit%40git.example.com%3A2222%2Facme%2Fother.git%40v2',
    ])
    expect(out.components[0].ref).toBe('git@github.com:psf/black.git@22.3.0')
  })

  it('says that sha: was renamed rev:, at the sha: line; rev wins when both are written', () => {
    const out = discover(`repos:
- repo: https://github.com/acme/old
  sha: 0123456789abcdef0123456789abcdef01234567
  hooks: [{id: x}]
- repo: https://github.com/acme/both
  sha: aaaa
  rev: v3
`)
    expect(rows(out).map((r) => r.split(' ').slice(0, 5).join(' '))).toEqual([
      '5:9 package generic github.com/acme/both v3',
    ])
    expect(problems(out.errors)).toEqual([
      '3 repos[0]: sha: was renamed rev: in pre-commit 1.7; run pre-commit migrate-config',
    ])
    expect(out.errors[0]).toMatchObject({column: 8, code: 'invalid-entry'})
  })

  it('never reads a configuration without repos as empty: a missing repos, a scalar file; an empty file declares nothing', () => {
    expect(problems(discover('fail_fast: true\nci: {}\n').errors)).toEqual([
      '1 repos is missing: pre-commit requires the list of hook repositories',
    ])
    expect(problems(discover('just text\n').errors)).toEqual([
      '1 a pre-commit configuration must be a mapping with repos',
    ])
    expect(problems(discover('repos:\n').errors)).toEqual(['1 repos must be a list'])
    const empty = discover('# nothing yet\n')
    expect([empty.components, empty.skipped, empty.errors]).toEqual([[], [], []])
    expect(discover('repos: []\n').errors).toEqual([])
    const noEntry = discover(
      'repos:\n- repo: local\n  hooks:\n  - id: img\n    language: docker_image\n  - {id: num, language: docker_image, entry: 12}\n',
    )
    expect(problems(noEntry.errors)).toEqual([
      '4 docker_image hook img must name its image in entry',
      '6 docker_image hook num must name its image in entry',
    ])
  })
})
