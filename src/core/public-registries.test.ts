import {describe, expect, it} from 'vitest'
import {hasPublicRegistry, isPublicRegistry} from './public-registries.js'

describe('public-registries', () => {
  it("knows each ecosystem's public registry by every URL that names it, and no look-alike", () => {
    const publicOnes: Array<[string, string]> = [
      ['cargo', 'registry+https://github.com/rust-lang/crates.io-index'],
      ['cargo', 'sparse+https://index.crates.io/'],
      ['gem', 'https://rubygems.org/'],
      ['npm', 'https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz'],
      ['npm', 'http://registry.npmjs.org'],
      ['pypi', 'https://pypi.org/simple'],
      ['pypi', 'https://files.pythonhosted.org/packages/x.tar.gz'],
      ['nuget', 'https://API.nuget.org/v3/index.json'],
      ['composer', 'https://repo.packagist.org'],
      ['pub', 'https://pub.dartlang.org'],
      ['pub', 'https://pub.flutter-io.cn'],
    ]
    for (const [ecosystem, url] of publicOnes) expect(isPublicRegistry(ecosystem, url), url).toBe(true)
    const others: Array<[string, string]> = [
      ['npm', 'https://registry.npmjs.org.evil.example/x/-/x-1.0.0.tgz'],
      ['npm', 'https://npm.pkg.github.com'],
      ['pypi', 'https://pypi.org.internal.example/simple'],
      ['cargo', 'sparse+https://cargo.example.com/index/'],
      ['gem', 'https://gems.example.com'],
      ['nuget', 'https://pkgs.contoso.example/nuget/v3/index.json'],
      ['golang', 'https://proxy.golang.org'],
      ['pub', 'https://pub.flutter-io.cn.example/api'],
    ]
    for (const [ecosystem, url] of others) expect(isPublicRegistry(ecosystem, url), url).toBe(false)
    expect(hasPublicRegistry('npm')).toBe(true)
    expect(hasPublicRegistry('golang')).toBe(false)
    expect(hasPublicRegistry('__proto__')).toBe(false)
  })
})
