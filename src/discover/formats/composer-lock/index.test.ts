import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'

function discover(text: string) {
  return discoverer.discover({file: 'composer.lock', text}, {readText: () => null}) as {
    components: Component[]
    errors: Array<{code: string; line?: number; column?: number; message: string}>
  }
}

const lock = `{
    "_readme": ["generated"],
    "packages": [
        {
            "name": "Example/Http",
            "version": "v2.1.0",
            "source": {"type": "git", "url": "https://github.com/example/http.git", "reference": "abc"},
            "require": {"php": ">=8.1"}
        },
        {
            "name": "example/local-module",
            "version": "dev-main",
            "dist": {"type": "path", "url": "./modules/local", "reference": null}
        }
    ],
    "packages-dev": [
        {
            "name": "example/tester",
            "version": "10.0.0"
        }
    ],
    "plugin-api-version": "2.6.0"
}
`

describe('composer-lock', () => {
  it('reads packages as prod and packages-dev as dev, path repositories local, at the entry line', () => {
    const {components, errors} = discover(lock)
    expect(errors).toEqual([])
    expect(
      components.map((c) => [
        c.name,
        c.version,
        c.scope,
        c.local,
        c.purl,
        `${c.locations[0].line}:${c.locations[0].column}`,
      ]),
    ).toEqual([
      [
        'Example/Http',
        'v2.1.0',
        'prod',
        undefined,
        'pkg:composer/example/http@v2.1.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fhttp.git%40abc',
        '4:9',
      ],
      ['example/local-module', 'dev-main', 'prod', true, undefined, '10:9'],
      ['example/tester', '10.0.0', 'dev', undefined, 'pkg:composer/example/tester@10.0.0', '17:9'],
    ])
  })

  it('reports a section of the wrong type and a mistyped entry', () => {
    expect(discover('{\n "packages": {}\n}').errors).toEqual([
      {file: 'composer.lock', code: 'invalid-lockfile', message: "'packages' must be an array", line: 2, column: 2},
    ])
    const {components, errors} = discover('{"packages": [\n {"name": "a/b"},\n {"name": "c/d", "version": "1.0.0"}]}')
    expect(components.map((c) => c.name)).toEqual(['c/d'])
    expect(errors).toEqual([
      {
        file: 'composer.lock',
        code: 'invalid-entry',
        message: 'packages[0]: package a/b has no version',
        line: 2,
        column: 2,
      },
    ])
  })

  it('says in its own words what an entry lacks, at the entry', () => {
    const {components, errors} = discover(
      [
        '{"packages": [',
        ' {"version": "1.0.0"},',
        ' {"name": {"x": 1}, "version": "1.0.0"},',
        ' {"name": "a/b", "version": {"x": 1}},',
        ' {"name": "a/c", "version": true},',
        ' {"name": "a/d", "version": "1.0.0", "source": "git"},',
        ' {"name": "a/e", "version": "1.0.0", "dist": {"url": "https://example.com/e.zip"}},',
        ' "a/f"',
        ']}',
      ].join('\n'),
    )
    expect(components).toEqual([])
    expect(errors.map((e) => [e.message, e.line, e.column])).toEqual([
      ['packages[0]: a package without a name', 2, 2],
      ['packages[1]: the package name is an object, not a string', 3, 2],
      ['packages[2]: package a/b: the version is an object, not a string or a number', 4, 2],
      ['packages[3]: package a/c: the version is a boolean, not a string or a number', 5, 2],
      ['packages[4]: package a/d: source is a string, not an object', 6, 2],
      ['packages[5]: package a/e: dist has no type (a string)', 7, 2],
      ['packages[6]: a string, not a package object', 1, 2],
    ])
  })

  it('reads a numeric version as a string, as Composer casts it (real dependabot-core fixture)', () => {
    const text = readFileSync(
      new URL('./__fixtures__/dependabot-core-integer-version/composer.lock', import.meta.url),
      'utf8',
    )
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(
      components.map((c) => [c.name, c.version, c.scope, c.purl, c.locations[0].line, c.locations[0].column]),
    ).toEqual([
      [
        'composer/installers',
        'v1.6.0',
        'prod',
        'pkg:composer/composer/installers@v1.6.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fcomposer%2Finstallers.git%40cfcca6b1b60bc4974324efb5783c13dca6932b5b',
        9,
        9,
      ],
      [
        'wpackagist-plugin/ga-google-analytics',
        '20180828',
        'prod',
        'pkg:composer/wpackagist-plugin/ga-google-analytics@20180828?download_url=https%3A%2F%2Fdownloads.wordpress.org%2Fplugin%2Fga-google-analytics.20180828.zip',
        129,
        9,
      ],
    ])
  })

  it("names a package's dist archive when no git source is locked: GitHub's repository, another server's URL", () => {
    const entry = (name: string, url: string, type = 'zip') =>
      `{"name": "${name}", "version": "1.0.0", "dist": {"type": "${type}", "url": "${url}", "reference": "r1"}}`
    const {components, errors} = discover(`{"packages": [
 ${entry('acme/zipball', 'https://api.github.com/repos/acme-corp/zipball-lib/zipball/0123abc')},
 ${entry('acme/private', 'https://satis.example.com/dist/acme-private-1.0.0.zip')},
 ${entry('acme/gitlab', 'https://gitlab.com/api/v4/projects/acme%2Fgitlab/repository/archive.zip?sha=r1')},
 ${entry('drupal/token', 'https://ftp.drupal.org/files/projects/token-8.x-1.15.zip')},
 ${entry('acme/odd', 'not a url')},
 ${entry('acme/folder', './modules/x', 'path')}
]}`)
    expect(errors).toEqual([])
    expect(components.map((c) => c.purl ?? `${c.name} local`)).toEqual([
      'pkg:composer/acme/zipball@1.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme-corp%2Fzipball-lib.git%400123abc',
      'pkg:composer/acme/private@1.0.0?download_url=https%3A%2F%2Fsatis.example.com%2Fdist%2Facme-private-1.0.0.zip',
      // Another forge's archive of a public package: Packagist knows it by its name.
      'pkg:composer/acme/gitlab@1.0.0',
      // Drupal's own packages are not Packagist's: never looked up there by name.
      'pkg:composer/drupal/token@1.0.0?download_url=https%3A%2F%2Fftp.drupal.org%2Ffiles%2Fprojects%2Ftoken-8.x-1.15.zip',
      'pkg:composer/acme/odd@1.0.0',
      'acme/folder local',
    ])
  })

  it('tells direct packages by the require and require-dev of the composer.json beside it, and only then', () => {
    const json = '{"require": {"php": "^8.2", "example/HTTP": "^2.1"}, "require-dev": {"example/tester": "^10"}}'
    const files: Record<string, string> = {'app/composer.json': json}
    const read = (file: string) =>
      discoverer
        .discover({file, text: lock}, {readText: (path) => files[path] ?? null})
        .components.map((c) => [c.name, c.direct])
    expect(read('app/composer.lock')).toEqual([
      ['Example/Http', true],
      ['example/local-module', false],
      ['example/tester', true],
    ])
    // No composer.json beside (or one that is no JSON object): the lock does not tell.
    expect(read('composer.lock')).toEqual([
      ['Example/Http', undefined],
      ['example/local-module', undefined],
      ['example/tester', undefined],
    ])
    files['app/composer.json'] = '{"require": '
    expect(read('app/composer.lock').map(([, direct]) => direct)).toEqual([undefined, undefined, undefined])
  })
})
