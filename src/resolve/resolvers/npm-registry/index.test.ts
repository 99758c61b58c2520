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
})
