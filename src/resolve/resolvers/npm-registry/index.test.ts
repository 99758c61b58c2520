import {describe, expect, it} from 'vitest'
import {
  pkg,
  resolveOnline,
  summarise,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

describe('npm-registry (recorded registry responses)', () => {
  it('reads repository as object, string shorthand, scp-like and tree URL forms, with monorepo directories', async () => {
    const run = await resolveOnline(
      emulators,
      [
        pkg('npm', '@babel/core', '7.24.0'),
        pkg('npm', '@babel/code-frame', '7.0.0'),
        pkg('npm', 'react', '18.2.0'),
        pkg('npm', 'yocto-queue', '0.1.0'),
        pkg('npm', '@octokit/types', '8.2.1'),
        pkg('npm', 'left-pad', '1.3.0'),
        pkg('npm', 'bin-links', '2.2.1'),
        pkg('npm', 'basic-auth-parser', '0.0.2'),
        pkg('npm', 'no-such-package', '1.0.0'),
        pkg('npm', '../etc/passwd', '1.0.0'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      '@babel/core@7.24.0': 'github.com/babel/babel (packages/babel-core) medium npm-registry',
      '@babel/code-frame@7.0.0': 'github.com/babel/babel (packages/babel-code-frame) medium npm-registry',
      'react@18.2.0': 'github.com/facebook/react (packages/react) medium npm-registry',
      'yocto-queue@0.1.0': 'github.com/sindresorhus/yocto-queue medium npm-registry',
      '@octokit/types@8.2.1': 'github.com/octokit/types.ts medium npm-registry',
      'left-pad@1.3.0': 'github.com/stevemao/left-pad medium npm-registry',
      'bin-links@2.2.1': 'github.com/npm/bin-links medium npm-registry',
      'basic-auth-parser@0.0.2': 'unresolved: no-repository',
      'no-such-package@1.0.0': 'unresolved: not-found',
      '../etc/passwd@1.0.0': 'unresolved: invalid-name',
    })
    // Scoped names are requested as @scope%2Fname; the invalid name never reached the registry.
    expect(emulators.servers.npm.requests.map((r) => r.url).sort()).toEqual([
      '/@babel%2Fcode-frame/7.0.0',
      '/@babel%2Fcore/7.24.0',
      '/@octokit%2Ftypes/8.2.1',
      '/basic-auth-parser/0.0.2',
      '/bin-links/2.2.1',
      '/left-pad/1.3.0',
      '/no-such-package/1.0.0',
      '/react/18.2.0',
      '/yocto-queue/0.1.0',
    ])
    // Monorepo packages group under one repository with each package's directory.
    const babel = run.groups.find((g) => g.repo === 'github.com/babel/babel')!
    expect(babel.directories).toEqual(['packages/babel-code-frame', 'packages/babel-core'])
    expect(babel.directory).toBeUndefined()
  })

  it('reads repository.url written with a scheme and an scp-like path, as the registry serves vue-chartjs@5.3.1', async () => {
    // registry.npmjs.org/vue-chartjs/5.3.1: {"type": "git", "url": "git+ssh://git@github.com:apertureless/vue-chartjs.git"};
    // before, no URL parser took it and only the low-confidence bugs URL resolved the package.
    const run = await resolveOnline(emulators, [pkg('npm', 'vue-chartjs', '5.3.1')], [resolver])
    expect(summarise(run)).toEqual({'vue-chartjs@5.3.1': 'github.com/apertureless/vue-chartjs medium npm-registry'})
    expect(run.groups[0].resolutions![0].evidence).toBe('npm vue-chartjs@5.3.1 repository.url')
  })

  it('takes a monorepo directory from the homepage when repository names none, as camel-case@4.1.2 is published', async () => {
    // repository.url git://github.com/blakeembrey/change-case.git, homepage .../tree/master/packages/camel-case#readme.
    const run = await resolveOnline(emulators, [pkg('npm', 'camel-case', '4.1.2')], [resolver])
    expect(summarise(run)).toEqual({
      'camel-case@4.1.2': 'github.com/blakeembrey/change-case (packages/camel-case) medium npm-registry',
    })
  })

  it('never asks the npm registry about a package of another registry or a URL, unless that registry is a mirror', async () => {
    const from = (name: string, version: string, qualifier: string) => ({
      ...pkg('npm', name, version),
      purl: `pkg:npm/${name}@${version}?${qualifier}`,
    })
    const components = [
      // A private registry's left-pad is not the public left-pad: its name must not be looked up there.
      from('left-pad', '1.3.0', 'repository_url=https%3A%2F%2Fnpm.internal.example%2Fnpm'),
      from('react', '18.2.0', 'download_url=https%3A%2F%2Fcodeload.github.com%2Fexample%2Freact%2Ftar.gz%2F0123abc'),
      // registry.yarnpkg.com is the npm registry; an Artifactory proxy of it is a mirror when the user says so.
      from('yocto-queue', '0.1.0', 'repository_url=https%3A%2F%2Fregistry.yarnpkg.com'),
      from('bin-links', '2.2.1', 'repository_url=https%3A%2F%2FArtifactory.Example.com%2Fapi%2Fnpm%2Fnpm-remote'),
    ]
    const asked = () => emulators.servers.npm.requests.map((r) => r.url)
    const before = asked().length
    const run = await resolveOnline(emulators, components, [resolver])
    expect(summarise(run)).toEqual({
      'left-pad@1.3.0': 'unresolved: unsupported',
      'react@18.2.0': 'unresolved: unsupported',
      'yocto-queue@0.1.0': 'github.com/sindresorhus/yocto-queue medium npm-registry',
      'bin-links@2.2.1': 'unresolved: unsupported',
    })
    expect(run.unresolved.map((u) => u.detail)).toEqual([
      'npm bin-links comes from another registry (https://Artifactory.Example.com/api/npm/npm-remote): not looked up by its name on the npm registry or deps.dev (if it mirrors the public registry, name it with --registry-mirror)',
      'npm left-pad comes from another registry (https://npm.internal.example/npm): not looked up by its name on the npm registry or deps.dev (if it mirrors the public registry, name it with --registry-mirror)',
      'npm react comes from a URL, not a registry (https://codeload.github.com/example/react/tar.gz/0123abc): not looked up by its name on the npm registry or deps.dev',
    ])
    expect(asked().slice(before)).toEqual(['/yocto-queue/0.1.0'])

    // Named as a mirror (host case and a trailing slash do not matter; a sibling path is not under it).
    const mirrored = await resolveOnline(emulators, components, [resolver], {
      registryMirrors: ['https://artifactory.example.com/api/npm/npm-remote/', 'https://npm.internal.example/np'],
    })
    expect(summarise(mirrored)['bin-links@2.2.1']).toBe('github.com/npm/bin-links medium npm-registry')
    expect(summarise(mirrored)['left-pad@1.3.0']).toBe('unresolved: unsupported')
  })

  it('never asks the npm registry about a package installed from a repository (vcs_url) off the known forges', async () => {
    const before = emulators.servers.npm.requests.length
    const gitDependency = {
      ...pkg('npm', 'left-pad'),
      purl: 'pkg:npm/left-pad?vcs_url=git%2Bhttps%3A%2F%2Fgit.corp.example%2Fteam%2Fleft-pad.git%23v1',
    }
    const run = await resolveOnline(emulators, [gitDependency], [resolver])
    expect(summarise(run)).toEqual({'left-pad': 'unresolved: unsupported'})
    expect(run.unresolved[0].detail).toBe(
      'npm left-pad is installed from a repository that is not on a known forge (git+https://git.corp.example/team/left-pad.git#v1): not looked up by its name on the npm registry or deps.dev',
    )
    expect(emulators.servers.npm.requests.length).toBe(before)
  })
})
