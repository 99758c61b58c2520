import {describe, expect, it} from 'vitest'
import {npmrcRegistries, yarnrcRegistries} from './npm-registries.js'

const files = (map: Record<string, string>) => ({readText: (file: string) => map[file] ?? null})

describe('npmrcRegistries', () => {
  it('reads registry= and @scope:registry= beside the lockfile (last wins, quotes, comments), and nothing else', () => {
    const npmrc = [
      '; a comment',
      '# registry=https://commented.example.com',
      'registry = "https://old.example.com/"',
      'registry=https://npm.example.com/npm/',
      '@acme:registry=https://npm.pkg.github.com',
      '//npm.pkg.github.com/:_authToken=ghp_000000000000000000000000000000000000',
      'always-auth=true',
      '',
    ].join('\n')
    const registries = npmrcRegistries(files({'app/.npmrc': npmrc}), 'app/pnpm-lock.yaml')
    expect(registries.errors).toEqual([])
    expect(registries.registryOf('left-pad')).toBe('https://npm.example.com/npm/')
    expect(registries.registryOf('@acme/ui')).toBe('https://npm.pkg.github.com')
    expect(registries.registryOf('@other/ui')).toBe('https://npm.example.com/npm/')
    // No .npmrc: the npm registry's.
    expect(npmrcRegistries(files({}), 'pnpm-lock.yaml').registryOf('@acme/ui')).toBeUndefined()
  })
})

describe('yarnrcRegistries', () => {
  it('reads npmRegistryServer and npmScopes, and reports a .yarnrc.yml that is not YAML', () => {
    const yarnrc = [
      'npmRegistryServer: "https://npm.example.com"',
      'npmScopes:',
      '  acme:',
      '    npmRegistryServer: https://npm.pkg.github.com',
      '    npmAuthToken: ghp_000000000000000000000000000000000000',
      '  "@lab":',
      '    npmAlwaysAuth: true',
      '',
    ].join('\n')
    const registries = yarnrcRegistries(files({'.yarnrc.yml': yarnrc}), 'yarn.lock')
    expect(registries.errors).toEqual([])
    expect(registries.registryOf('@acme/ui')).toBe('https://npm.pkg.github.com')
    expect(registries.registryOf('@lab/tool')).toBe('https://npm.example.com')
    expect(registries.registryOf('left-pad')).toBe('https://npm.example.com')

    const broken = yarnrcRegistries(files({'web/.yarnrc.yml': 'npmScopes: [unclosed\n'}), 'web/yarn.lock')
    expect(broken.registryOf('left-pad')).toBeUndefined()
    expect(broken.errors).toHaveLength(1)
    expect(broken.errors[0]).toMatchObject({file: 'web/.yarnrc.yml', code: 'invalid-yaml', line: 2})
    expect(broken.errors[0].message).toContain('the registries it names are not known')
  })
})
