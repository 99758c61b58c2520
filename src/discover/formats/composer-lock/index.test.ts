import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'

function discover(text: string) {
  return discoverer.discover({file: 'composer.lock', text}, {readText: () => null}) as {
    components: Component[]
    errors: Array<{code: string; line?: number; message: string}>
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
    expect(errors.map((e) => [e.code, e.line])).toEqual([['invalid-entry', 2]])
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
})
