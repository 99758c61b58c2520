// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = '.gitpod.yml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name, '.gitpod.yml'), 'utf8')
const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.scope} -> ${c.purl}`)
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

describe('gitpod', () => {
  it('claims .gitpod.yml and .gitpod.yaml anywhere, nothing else', () => {
    expect(
      ['.gitpod.yml', 'a/b/.gitpod.yaml', 'gitpod.yml', '.gitpod.yml.bak', '.gitpod.Dockerfile', 'x.gitpod.yml'].map(
        discoverer.matches,
      ),
    ).toEqual([true, true, false, false, false, false])
  })

  it('lists the workspace image of a real configuration, dev (gitpod-io/workspace-images)', () => {
    const out = discover(fixture('workspace-images'))
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual(['1:8 gitpod/workspace-full dev -> pkg:docker/gitpod/workspace-full@latest'])
    expect(out.components[0]).toMatchObject({kind: 'image', ecosystem: 'docker', origin: 'manifest'})
  })

  it('leaves a Dockerfile it builds to the dockerfile format when that format reads its name (gitpod-io/dazzle)', () => {
    const out = discover(fixture('dazzle'))
    expect(out).toEqual({components: [], skipped: [], errors: []})
  })

  it('reports a Dockerfile the dockerfile format would not read, relative to the configuration', () => {
    const out = discover(['image:', '  file: docker/workspace.df', '  context: docker'].join('\n'), 'sub/.gitpod.yml')
    expect(out.components).toEqual([])
    expect(skips(out)).toEqual([
      '2 unsupported image.file "docker/workspace.df": the dockerfile format reads such files by name (Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile), not this one: the base images of the workspace image are not listed',
    ])
    expect(discover('image: {file: gitpod/Dockerfile.dev}').skipped).toEqual([])
    expect(discover('image: {file: build.Containerfile}').skipped).toEqual([])
  })

  it('lists a registry image with tag and digest, and says nothing without an image (the default is not written)', () => {
    const out = discover('image: registry.example.com/acme/ws:1.2@sha256:' + 'a'.repeat(64) + '\ntasks: []\n')
    expect(rows(out)).toEqual([
      `1:8 registry.example.com/acme/ws:1.2@sha256:${'a'.repeat(64)} dev -> pkg:docker/acme/ws@sha256:${'a'.repeat(64)}?repository_url=registry.example.com&tag=1.2`,
    ])
    expect(discover('tasks:\n  - init: make\n')).toEqual({components: [], skipped: [], errors: []})
    expect(discover('image:\n')).toEqual({components: [], skipped: [], errors: []})
  })

  it('reports wrong types at their line and column, and a variable it does not fill in', () => {
    const out = discover(
      ['image: [a, b]', '---', 'image: {context: .}', '---', 'image: {file: 3, context: [x]}', '---', '- a'].join('\n'),
    )
    expect(errors(out)).toEqual([
      '7:1 invalid-entry a Gitpod configuration must be a mapping',
      '1:8 invalid-entry image must be an image name or {file: ...}, not a list',
      '3:8 invalid-entry image.file must be a Dockerfile path, not nothing',
      '5:15 invalid-entry image.file must be a Dockerfile path, not a number (3)',
      '5:27 invalid-entry image.context must be a folder path, not a list',
    ])
    const variable = discover('image: "acme/ws:${TAG}"')
    expect(variable.components).toEqual([])
    expect(variable.skipped.map((s) => s.reason)).toEqual(['unsupported'])
    expect(errors(discover('image: "Not An Image"'))[0]).toMatch(
      /^1:8 invalid-image-ref invalid image reference "Not An Image"/,
    )
  })
})
