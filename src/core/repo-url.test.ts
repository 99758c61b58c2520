import {describe, expect, it} from 'vitest'
import {accountWebUrl, commitWebUrl, normaliseRepoUrl, repoWebUrl, vcsUrlRepository} from './repo-url.js'

describe('normaliseRepoUrl', () => {
  const cases: Array<[string, ReturnType<typeof normaliseRepoUrl>, boolean?]> = [
    ['https://github.com/babel/babel.git', {repo: 'github.com/babel/babel'}],
    ['git+https://github.com/isaacs/fs.realpath.git', {repo: 'github.com/isaacs/fs.realpath'}],
    ['git://github.com/npm/bin-links.git', {repo: 'github.com/npm/bin-links'}],
    ['git+ssh://git@github.com/owner/name.git', {repo: 'github.com/owner/name'}],
    ['ssh://git@github.com/owner/name', {repo: 'github.com/owner/name'}],
    ['ssh://git@github.com:22/owner/name.git', {repo: 'github.com/owner/name'}],
    ['git@github.com:stevemao/left-pad.git', {repo: 'github.com/stevemao/left-pad'}],
    ['sindresorhus/yocto-queue', {repo: 'github.com/sindresorhus/yocto-queue'}],
    ['github:octokit/types.ts', {repo: 'github.com/octokit/types.ts'}],
    ['gitlab:example-group/project', {repo: 'gitlab.com/example-group/project'}],
    ['gitlab:example-group/sub/project', {repo: 'gitlab.com/example-group/sub/project'}],
    ['gitlab:example-group/sub/deeper/project.git#main', {repo: 'gitlab.com/example-group/sub/deeper/project'}],
    ['https://www.github.com/Seldaek/monolog#readme', {repo: 'github.com/Seldaek/monolog'}],
    ['HTTPS://GitHub.com/Azure/go-ansiterm/', {repo: 'github.com/Azure/go-ansiterm'}],
    [
      'https://github.com/babel/babel/tree/master/packages/babel-code-frame',
      {repo: 'github.com/babel/babel', directory: 'packages/babel-code-frame'},
    ],
    ['https://github.com/rails/rails/tree/v7.1.3/railties', {repo: 'github.com/rails/rails', directory: 'railties'}],
    ['https://github.com/psf/requests/blob/main/HISTORY.md', {repo: 'github.com/psf/requests'}],
    ['https://github.com/babel/babel/issues?q=is%3Aopen', {repo: 'github.com/babel/babel'}],
    [
      'https://gitlab.com/example-group/tools/example-crate.git',
      {repo: 'gitlab.com/example-group/tools/example-crate'},
    ],
    ['https://gitlab.com/group/project/-/tree/main/sub/dir', {repo: 'gitlab.com/group/project', directory: 'sub/dir'}],
    ['https://bitbucket.org/owner/repo/src/master/pkg', {repo: 'bitbucket.org/owner/repo', directory: 'pkg'}],
    ['github.com/kubernetes/kubernetes', {repo: 'github.com/kubernetes/kubernetes'}],
    // Not repositories.
    ['https://github.com/sponsors/example-org', null],
    ['https://github.com/only-owner', null],
    ['https://requests.readthedocs.io', null],
    ['https://go.googlesource.com/net', null],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['https://github.com/-bad-/name', null],
    ['https://github.com/owner/..', null],
    ['', null],
  ]
  for (const [input, expected] of cases) {
    it(`${input || '(empty)'} → ${expected ? `${expected.repo}${expected.directory ? ` (${expected.directory})` : ''}` : 'null'}`, () => {
      expect(normaliseRepoUrl(input)).toEqual(expected)
    })
  }

  it('accepts any git host only where the field is declared to be a repository', () => {
    expect(normaliseRepoUrl('https://go.googlesource.com/net', {vcs: true})).toEqual({repo: 'go.googlesource.com/net'})
    expect(normaliseRepoUrl('https://git.example.com/team/app.git', {vcs: true})).toEqual({
      repo: 'git.example.com/team/app',
    })
    expect(normaliseRepoUrl('https://git.example.com/team/app.git')).toBeNull()
  })

  it('reads a scheme URL whose path follows the host after a colon, as hosted-git-info does; a numeric port stays a port', () => {
    // vue-chartjs@5.3.1's repository.url on registry.npmjs.org.
    expect(normaliseRepoUrl('git+ssh://git@github.com:apertureless/vue-chartjs.git')).toEqual({
      repo: 'github.com/apertureless/vue-chartjs',
    })
    expect(normaliseRepoUrl('git+https://github.com:example-org/tool.git#v1.0.0')).toEqual({
      repo: 'github.com/example-org/tool',
    })
    expect(normaliseRepoUrl('https://deploy:s3cr3t@github.com:example-org/tool.git')).toEqual({
      repo: 'github.com/example-org/tool',
    })
    expect(normaliseRepoUrl('https://deploy:s3cr3t@github.com/example-org/tool.git')).toEqual({
      repo: 'github.com/example-org/tool',
    })
    expect(normaliseRepoUrl('ssh://git@git.example.com:2222/team/app.git', {vcs: true})).toEqual({
      repo: 'git.example.com:2222/team/app',
    })
  })

  it('ends a GitLab project at the first reserved page word, with or without /-/; reserved namespaces are pages', () => {
    // npm writes a GitLab package's bugs with hosted-git-info's template, `https://gitlab.com/<path>/issues` (as
    // gitlab.com/2005-javareact/trainingrepos/1w-abcmartv3.0's package.json has it); older GitLab pages had no `/-/`.
    expect(normaliseRepoUrl('https://gitlab.com/example-group/sub/project/issues')).toEqual({
      repo: 'gitlab.com/example-group/sub/project',
    })
    expect(normaliseRepoUrl('https://gitlab.com/example-group/project/tree/master/packages/core')).toEqual({
      repo: 'gitlab.com/example-group/project',
      directory: 'packages/core',
    })
    expect(normaliseRepoUrl('https://gitlab.com/example-group/project/blob/master/README.md')).toEqual({
      repo: 'gitlab.com/example-group/project',
    })
    expect(normaliseRepoUrl('https://gitlab.com/example-group/project/wikis/home')).toEqual({
      repo: 'gitlab.com/example-group/project',
    })
    expect(normaliseRepoUrl('https://gitlab.com/example-group/sub/project/-/tree/v1.0/lib')).toEqual({
      repo: 'gitlab.com/example-group/sub/project',
      directory: 'lib',
    })
    expect(normaliseRepoUrl('https://gitlab.com/groups/example-group/sub')).toBeNull()
    expect(normaliseRepoUrl('https://gitlab.com/users/example-user/projects')).toBeNull()
    expect(normaliseRepoUrl('https://gitlab.com/explore/projects', {vcs: true})).toBeNull()
  })

  it('reads a declared repository on another host without its web pages: GitLab-style /-/, SourceForge tools', () => {
    expect(normaliseRepoUrl('https://foss.heptapod.net/openpyxl/openpyxl/-/issues', {vcs: true})).toEqual({
      repo: 'foss.heptapod.net/openpyxl/openpyxl',
    })
    expect(normaliseRepoUrl('https://gitlab.example.org/group/sub/app/-/tree/main/lib', {vcs: true})).toEqual({
      repo: 'gitlab.example.org/group/sub/app',
    })
    expect(normaliseRepoUrl('https://git.example.org/-/explore', {vcs: true})).toBeNull()
    // ruamel.yaml 0.19.1's `Source`; a project page or another tool is no repository, nor is any of it undeclared.
    expect(normaliseRepoUrl('https://sourceforge.net/p/ruamel-yaml/code/ci/default/tree/', {vcs: true})).toEqual({
      repo: 'sourceforge.net/p/ruamel-yaml/code',
    })
    expect(normaliseRepoUrl('https://sourceforge.net/projects/example/', {vcs: true})).toBeNull()
    expect(normaliseRepoUrl('https://sourceforge.net/p/example', {vcs: true})).toBeNull()
    expect(normaliseRepoUrl('https://sourceforge.net/p/example/bugs/')).toBeNull()
  })

  it('knows SourceHut git: ~user/name, its pages and tree directories; the sr.ht project hub is no repository', () => {
    // slidge's pyproject.toml: homepage = "https://sr.ht/~nicoco/slidge/", repository = "https://git.sr.ht/~nicoco/slidge/".
    expect(normaliseRepoUrl('https://git.sr.ht/~nicoco/slidge/')).toEqual({repo: 'git.sr.ht/~nicoco/slidge'})
    expect(normaliseRepoUrl('https://sr.ht/~nicoco/slidge/', {vcs: true})).toBeNull()
    expect(normaliseRepoUrl('https://git.sr.ht/~example/tool/tree/main/item/docs/api')).toEqual({
      repo: 'git.sr.ht/~example/tool',
      directory: 'docs/api',
    })
    expect(normaliseRepoUrl('git@git.sr.ht:~example/tool.git')).toEqual({repo: 'git.sr.ht/~example/tool'})
    expect(normaliseRepoUrl('https://git.sr.ht/~example/tool/log/main')).toEqual({repo: 'git.sr.ht/~example/tool'})
    expect(normaliseRepoUrl('https://git.sr.ht/example/tool', {vcs: true})).toBeNull()
  })

  it('takes no value holding a control character, which the URL parser would drop', () => {
    expect(normaliseRepoUrl('https://git\nhub.com/example-org/tool')).toBeNull()
    expect(normaliseRepoUrl('https://github.com/example-org/tool\u0000')).toBeNull()
    expect(normaliseRepoUrl('https://github.com/example-org/to\tol', {vcs: true})).toBeNull()
    expect(normaliseRepoUrl(' https://github.com/example-org/tool\n')).toEqual({repo: 'github.com/example-org/tool'})
  })

  it('reads a Codeberg (Forgejo) directory page: src/branch|tag|commit/<ref>/<dir>', () => {
    expect(normaliseRepoUrl('https://codeberg.org/example-org/mono/src/branch/main/packages/core')).toEqual({
      repo: 'codeberg.org/example-org/mono',
      directory: 'packages/core',
    })
    expect(normaliseRepoUrl('https://codeberg.org/example-org/mono/src/tag/v1.0/lib')).toEqual({
      repo: 'codeberg.org/example-org/mono',
      directory: 'lib',
    })
    expect(normaliseRepoUrl('https://codeberg.org/example-org/mono/src/branch/main')).toEqual({
      repo: 'codeberg.org/example-org/mono',
    })
    expect(normaliseRepoUrl('https://codeberg.org/example-org/mono/issues')).toEqual({
      repo: 'codeberg.org/example-org/mono',
    })
  })

  it('accepts the GitHub owners collect accepts (legacy double and trailing hyphens), never a leading hyphen', () => {
    expect(normaliseRepoUrl('https://github.com/a--b/tool')).toEqual({repo: 'github.com/a--b/tool'})
    expect(normaliseRepoUrl('git@github.com:legacy-/tool.git')).toEqual({repo: 'github.com/legacy-/tool'})
    expect(normaliseRepoUrl('https://github.com/-legacy/tool')).toBeNull()
    expect(normaliseRepoUrl('https://github.com/owner/name.git.git')).toBeNull()
  })
})

describe('vcsUrlRepository', () => {
  it('reads VCS install URLs on known forges only, without revision, query or fragment', () => {
    expect(vcsUrlRepository('git+https://github.com/example/forked.git@0123abc#egg=forked')).toEqual({
      repo: 'github.com/example/forked',
    })
    expect(vcsUrlRepository('git+ssh://git@gitlab.com/group/sub/project.git@v1.0')).toEqual({
      repo: 'gitlab.com/group/sub/project',
    })
    expect(vcsUrlRepository('git+https://gitlab.com/example-group/serde?branch=main#0123abc')).toEqual({
      repo: 'gitlab.com/example-group/serde',
    })
    expect(vcsUrlRepository('git+https://git.example.com/team/lib.git@v1')).toBeUndefined()
  })

  it('takes a revision holding a slash off too (a branch `feature/x`, as a Julia manifest repo-rev)', () => {
    // As JuliaComputing/xtrx_julia's JuliaManifest.toml names DSP.jl at a branch `ss/complex-bandpass-filter`.
    expect(vcsUrlRepository('git+https://github.com/example/DSP.jl.git@ss/complex-bandpass-filter')).toEqual({
      repo: 'github.com/example/DSP.jl',
    })
    expect(vcsUrlRepository('git+https://user@github.com/example/lib@release/2.x')).toEqual({
      repo: 'github.com/example/lib',
    })
    expect(vcsUrlRepository('git@github.com:example/lib.git@feature/a/b')).toEqual({repo: 'github.com/example/lib'})
  })
})

describe('forge web URLs', () => {
  it('links a repository, a commit and an account by each forge rule', () => {
    expect(repoWebUrl('github.com/etcd-io/etcd')).toBe('https://github.com/etcd-io/etcd')
    expect(commitWebUrl('github.com/etcd-io/etcd', 'cb1d198b1793a9784e14fedf61d2a9085ae6304a')).toBe(
      'https://github.com/etcd-io/etcd/commit/cb1d198b1793a9784e14fedf61d2a9085ae6304a',
    )
    expect(commitWebUrl('gitlab.com/group/sub/project', 'abc1234')).toBe(
      'https://gitlab.com/group/sub/project/-/commit/abc1234',
    )
    expect(commitWebUrl('bitbucket.org/team/repo', 'abc1234')).toBe('https://bitbucket.org/team/repo/commits/abc1234')
    expect(commitWebUrl('ghe.example.com/team/repo', 'abc1234')).toBe(
      'https://ghe.example.com/team/repo/commit/abc1234',
    )
    expect(accountWebUrl('github.com/etcd-io/etcd', 'ilse-varga')).toBe('https://github.com/ilse-varga')
    expect(accountWebUrl('ghe.example.com/team/repo', 'octo')).toBe('https://ghe.example.com/octo')
  })

  it('makes no URL of anything that is not a commit id, an account name or a repository key', () => {
    expect(commitWebUrl('github.com/a/b', 'main')).toBeNull()
    expect(commitWebUrl('github.com/a/b', 'abc1234"><script>')).toBeNull()
    expect(accountWebUrl('github.com/a/b', 'Jane Doe <jane@example.com>')).toBeNull()
    expect(accountWebUrl('github.com/a/b', 'javascript:alert(1)')).toBeNull()
    expect(repoWebUrl('javascript:alert(1)//x/y')).toBeNull()
    expect(repoWebUrl('github.com/only-owner')).toBeNull()
  })
})
