import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'

function discover(text: string) {
  return discoverer.discover({file: 'Gemfile.lock', text}, {readText: () => null}) as {
    components: Component[]
    errors: Array<{code: string; line?: number; message: string}>
  }
}

const lock = `GIT
  remote: https://github.com/example/forked.git
  revision: 0123abc
  specs:
    forked (1.0.0)

PATH
  remote: engines/local
  specs:
    local_engine (0.1.0)
      rails (>= 7)

GEM
  remote: https://rubygems.org/
  specs:
    nokogiri (1.16.5-x86_64-linux)
      racc (~> 1.4)
    nokogiri (1.16.5-arm64-darwin)
    racc (1.8.0)
    rails (7.1.3)

GEM
  remote: https://gems.example.com/
  specs:
    private_gem (2.0.0)

PLATFORMS
  arm64-darwin
  x86_64-linux

DEPENDENCIES
  forked!
  local_engine!
  nokogiri (~> 1.16)
  rails (~> 7.1)

CHECKSUMS
  racc (1.8.0) sha256=abc

BUNDLED WITH
   2.5.3
`

describe('gemfile-lock', () => {
  it('reads GIT, PATH and GEM specs: platforms as qualifiers, DEPENDENCIES as direct, PATH local', () => {
    const {components, errors} = discover(lock)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.version, c.ref, c.direct, c.local, c.purl, c.locations[0].line])).toEqual([
      [
        'forked',
        '1.0.0',
        'forked (1.0.0)',
        true,
        undefined,
        'pkg:gem/forked@1.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fforked.git%400123abc',
        5,
      ],
      ['local_engine', '0.1.0', 'local_engine (0.1.0)', true, true, undefined, 10],
      [
        'nokogiri',
        '1.16.5',
        'nokogiri (1.16.5-x86_64-linux)',
        true,
        undefined,
        'pkg:gem/nokogiri@1.16.5?platform=x86_64-linux',
        16,
      ],
      [
        'nokogiri',
        '1.16.5',
        'nokogiri (1.16.5-arm64-darwin)',
        true,
        undefined,
        'pkg:gem/nokogiri@1.16.5?platform=arm64-darwin',
        18,
      ],
      ['racc', '1.8.0', 'racc (1.8.0)', false, undefined, 'pkg:gem/racc@1.8.0', 19],
      ['rails', '7.1.3', 'rails (7.1.3)', true, undefined, 'pkg:gem/rails@7.1.3', 20],
      [
        'private_gem',
        '2.0.0',
        'private_gem (2.0.0)',
        false,
        undefined,
        'pkg:gem/private_gem@2.0.0?repository_url=https%3A%2F%2Fgems.example.com%2F',
        25,
      ],
    ])
  })

  it('reports spec lines without a version and files that are not Gemfile.lock', () => {
    expect(discover('GEM\n  specs:\n    broken\n    ok (1.0)\n').errors).toEqual([
      {
        file: 'Gemfile.lock',
        code: 'invalid-entry',
        message: "expected '    name (version)'",
        line: 3,
        column: 5,
      },
    ])
    expect(discover('{"not": "a lockfile"}').errors.map((e) => e.code)).toEqual(['invalid-lockfile'])
  })

  it('takes a private server for the gems of a GEM section with several remotes', () => {
    const {components, errors} = discover(`GIT
  remote: https://git.example.com/acme/forked.git
  revision: 0123abc
  specs:
    forked (1.0.0)

GEM
  remote: https://gems.example.com/
  remote: https://rubygems.org/
  specs:
    internal-lib (1.0.0)
    rack (3.1.0)

GEM
  remote: https://rubygems.org/
  specs:
    public-gem (2.0.0)

DEPENDENCIES
  forked!
  internal-lib
`)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.purl, c.locations[0].line, c.locations[0].column, c.direct])).toEqual([
      [
        'forked',
        'pkg:gem/forked@1.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Facme%2Fforked.git%400123abc',
        5,
        5,
        true,
      ],
      ['internal-lib', 'pkg:gem/internal-lib@1.0.0?repository_url=https%3A%2F%2Fgems.example.com%2F', 11, 5, true],
      ['rack', 'pkg:gem/rack@3.1.0?repository_url=https%3A%2F%2Fgems.example.com%2F', 12, 5, false],
      ['public-gem', 'pkg:gem/public-gem@2.0.0', 17, 5, false],
    ])
  })
})
