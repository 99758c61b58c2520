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
})
