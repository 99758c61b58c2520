import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'

function discover(text: string) {
  return discoverer.discover({file: 'go.sum', text}, {readText: () => null}) as {
    components: Component[]
    errors: Array<{code: string; line?: number}>
  }
}

describe('go-sum', () => {
  it("claims go.sum and a workspace's go.work.sum, not vendored copies", () => {
    expect(['go.sum', 'a/go.work.sum', 'vendor/m/go.sum', 'go.work', 'go.summary'].map(discoverer.matches)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ])
  })

  it('lists each (module, version) whose code is checksummed once, at its h1: line; not one with only a /go.mod hash', () => {
    const {components, errors} = discover(
      [
        'example.com/a v1.0.0 h1:aaa=',
        'example.com/a v1.0.0/go.mod h1:bbb=',
        'example.com/b v0.1.0/go.mod h1:ccc=',
        'example.com/a v1.1.0/go.mod h1:ddd=',
        'example.com/a v1.1.0 h1:eee=',
        'example.com/a v0.9.0/go.mod h1:fff=',
        'example.com/a v1.0.0 h1:aaa=',
        '',
      ].join('\n'),
    )
    expect(errors).toEqual([])
    expect(components).toEqual([
      {
        kind: 'package',
        ecosystem: 'golang',
        name: 'example.com/a',
        version: 'v1.0.0',
        purl: 'pkg:golang/example.com/a@v1.0.0',
        ref: 'example.com/a v1.0.0',
        origin: 'lockfile',
        locations: [{file: 'go.sum', line: 1, column: 1}],
      },
      {
        kind: 'package',
        ecosystem: 'golang',
        name: 'example.com/a',
        version: 'v1.1.0',
        purl: 'pkg:golang/example.com/a@v1.1.0',
        ref: 'example.com/a v1.1.0',
        origin: 'lockfile',
        locations: [{file: 'go.sum', line: 5, column: 1}],
      },
    ])
  })

  it('reports malformed lines and goes on', () => {
    const {components, errors} = discover('example.com/a v1.0.0\nexample.com/b v1.0.0 h1:x=\n')
    expect(components.map((c) => c.name)).toEqual(['example.com/b'])
    expect(errors).toEqual([
      {file: 'go.sum', code: 'invalid-go-sum', message: "expected 'module version hash'", line: 1},
    ])
  })
})
