import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {discoverer} from './index.js'

function discover(text: string) {
  return discoverer.discover({file: 'go.mod', text}, {readText: () => null}) as {
    components: Component[]
    errors: Array<{code: string; line?: number; message: string}>
  }
}

function brief(component: Component) {
  const {name, version, ref, direct, local, purl} = component
  return {
    name,
    version,
    ref,
    direct,
    local,
    purl,
    at: `${component.locations[0].line}:${component.locations[0].column}`,
  }
}

const goMod = `module example.com/app

go 1.22

toolchain go1.22.4

require example.com/single v1.0.0

require (
	github.com/Example/Alpha v1.2.3
	example.com/beta v0.4.0 // indirect
	example.com/gamma v2.0.0+incompatible // indirect; pinned for tests
	example.com/local/lib v0.0.0-00010101000000-000000000000
	"example.com/quoted" v1.1.1
	example.com/forked v1.0.0
)

exclude example.com/beta v0.3.0

replace example.com/local/lib => ../lib

replace (
	example.com/forked v1.0.0 => github.com/fork/forked v1.0.1
	example.com/forked v0.9.0 => github.com/fork/forked v0.9.9
	example.com/unused => example.com/unused v9.9.9
)
`

describe('go-mod', () => {
  it('reads requires with // indirect, and applies replace directives (local paths, forks, by version)', () => {
    const {components, errors} = discover(goMod)
    expect(errors).toEqual([])
    expect(components.map(brief)).toEqual([
      {
        name: 'example.com/single',
        version: 'v1.0.0',
        ref: 'example.com/single v1.0.0',
        direct: true,
        local: undefined,
        purl: 'pkg:golang/example.com/single@v1.0.0',
        at: '7:9',
      },
      {
        name: 'github.com/Example/Alpha',
        version: 'v1.2.3',
        ref: 'github.com/Example/Alpha v1.2.3',
        direct: true,
        local: undefined,
        purl: 'pkg:golang/github.com/Example/Alpha@v1.2.3',
        at: '10:2',
      },
      {
        name: 'example.com/beta',
        version: 'v0.4.0',
        ref: 'example.com/beta v0.4.0',
        direct: false,
        local: undefined,
        purl: 'pkg:golang/example.com/beta@v0.4.0',
        at: '11:2',
      },
      {
        name: 'example.com/gamma',
        version: 'v2.0.0+incompatible',
        ref: 'example.com/gamma v2.0.0+incompatible',
        direct: false,
        local: undefined,
        purl: 'pkg:golang/example.com/gamma@v2.0.0+incompatible',
        at: '12:2',
      },
      {
        name: 'example.com/local/lib',
        version: 'v0.0.0-00010101000000-000000000000',
        ref: 'example.com/local/lib v0.0.0-00010101000000-000000000000',
        direct: true,
        local: true,
        purl: undefined,
        at: '13:2',
      },
      {
        name: 'example.com/quoted',
        version: 'v1.1.1',
        ref: 'example.com/quoted v1.1.1',
        direct: true,
        local: undefined,
        purl: 'pkg:golang/example.com/quoted@v1.1.1',
        at: '14:2',
      },
      {
        name: 'github.com/fork/forked',
        version: 'v1.0.1',
        ref: 'example.com/forked v1.0.0 => github.com/fork/forked v1.0.1',
        direct: true,
        local: undefined,
        purl: 'pkg:golang/github.com/fork/forked@v1.0.1',
        at: '15:2',
      },
    ])
    // The replaced require is never downloaded: only the replacement is listed, at the require and at the replace.
    expect(components.find((c) => c.name === 'github.com/fork/forked')?.locations).toEqual([
      {file: 'go.mod', line: 15, column: 2},
      {file: 'go.mod', line: 23, column: 31},
    ])
    expect(components.some((c) => c.name === 'example.com/forked')).toBe(false)
  })

  it('reports malformed directives with their lines and keeps the rest', () => {
    const {components, errors} = discover(
      'module x\n\nrequire (\n\texample.com/a\n\texample.com/b v1.0.0\n)\nreplace example.com/b\nfrobnicate now\nrequire (\n',
    )
    expect(components.map((c) => c.name)).toEqual(['example.com/b'])
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [9, "'require (' block is not closed"],
      [4, "require: expected 'module version'"],
      [7, "replace: expected 'module [version] => module version' or '=> ./local/path'"],
      [8, "unknown directive 'frobnicate'"],
    ])
  })

  it('takes a module that provides a tool package as direct, though Go marks it // indirect (Go 1.24 tool directives)', () => {
    const {components, errors} = discover(`module example.com/app

go 1.24

require (
	example.com/gen v1.0.0 // indirect
	example.com/gen/v2 v2.1.0 // indirect
	golang.org/x/tools v0.30.0 // indirect
	example.com/other v0.1.0 // indirect
)

tool (
	golang.org/x/tools/cmd/stringer
	example.com/gen/v2/cmd/gen
	example.com/app/cmd/own
)
tool example.com/missing/cmd
`)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.direct, `${c.locations[0].line}:${c.locations[0].column}`])).toEqual([
      ['example.com/gen', false, '6:2'],
      // The longest required prefix of example.com/gen/v2/cmd/gen provides it, not example.com/gen.
      ['example.com/gen/v2', true, '7:2'],
      ['golang.org/x/tools', true, '8:2'],
      ['example.com/other', false, '9:2'],
    ])
  })

  it('reports a tool directive without exactly one package path', () => {
    const {errors} = discover('module example.com/app\n\ntool a b\n')
    expect(errors).toEqual([
      {file: 'go.mod', code: 'invalid-go-mod', message: "tool: expected 'tool package/path'", line: 3},
    ])
  })
})
