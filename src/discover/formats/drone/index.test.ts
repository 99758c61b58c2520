// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = '.drone.yml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const fixture = (project: string) =>
  readFileSync(join(import.meta.dirname, '__fixtures__', project, '.drone.yml'), 'utf8')
const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.purl}`)
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

describe('drone', () => {
  it('claims .drone.yml, .drone.yaml, .drone.jsonnet and .drone.star anywhere, nothing else', () => {
    expect(
      [
        '.drone.yml',
        'a/.drone.yaml',
        '.drone.jsonnet',
        'b/.drone.star',
        'drone.yml',
        '.drone.yml.bak',
        'x.drone.yml',
      ].map(discoverer.matches),
    ).toEqual([true, true, true, true, false, false, false])
  })

  it('lists the step, plugin and service images of a real docker pipeline; credentials never echoed (drone-plugins/drone-meltwater-cache)', () => {
    const text = fixture('drone-meltwater-cache')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '12:12 docker:git -> pkg:docker/library/docker@git',
      '17:12 minio/mc:RELEASE.2020-10-03T02-54-56Z -> pkg:docker/minio/mc@RELEASE.2020-10-03T02-54-56Z',
      '27:12 golang:1.17.3-alpine3.13 -> pkg:docker/library/golang@1.17.3-alpine3.13',
      '35:12 golang:1.17.3-alpine3.13 -> pkg:docker/library/golang@1.17.3-alpine3.13',
      '43:12 golang:1.17.3-alpine3.13 -> pkg:docker/library/golang@1.17.3-alpine3.13',
      '67:12 meltwater/drone-cache:v1.1.0-rc1 -> pkg:docker/meltwater/drone-cache@v1.1.0-rc1',
      '83:12 meltwater/drone-cache:v1.1.0-rc1 -> pkg:docker/meltwater/drone-cache@v1.1.0-rc1',
      '100:12 meltwater/drone-cache:v1.1.0-rc1 -> pkg:docker/meltwater/drone-cache@v1.1.0-rc1',
      '118:12 meltwater/drone-cache:v1.1.0-rc1 -> pkg:docker/meltwater/drone-cache@v1.1.0-rc1',
      '133:12 meltwater/drone-cache:v1.1.0-rc1 -> pkg:docker/meltwater/drone-cache@v1.1.0-rc1',
      '151:12 meltwater/drone-cache:v1.1.0-rc1 -> pkg:docker/meltwater/drone-cache@v1.1.0-rc1',
      '169:12 meltwater/drone-cache:v1.1.0-rc1 -> pkg:docker/meltwater/drone-cache@v1.1.0-rc1',
      '184:12 meltwater/drone-cache:v1.1.0-rc1 -> pkg:docker/meltwater/drone-cache@v1.1.0-rc1',
      '192:12 meltwater/drone-cache:v1.1.0-rc1 -> pkg:docker/meltwater/drone-cache@v1.1.0-rc1',
      '208:12 plugins/docker -> pkg:docker/plugins/docker@latest',
      '224:12 minio/minio:RELEASE.2020-11-06T23-17-07Z -> pkg:docker/minio/minio@RELEASE.2020-11-06T23-17-07Z',
      '234:12 fsouza/fake-gcs-server:1.18.3 -> pkg:docker/fsouza/fake-gcs-server@1.18.3',
      '240:12 atmoz/sftp:alpine -> pkg:docker/atmoz/sftp@alpine',
      '246:12 mcr.microsoft.com/azure-storage/azurite -> pkg:docker/azure-storage/azurite@latest?repository_url=mcr.microsoft.com',
    ])
    expect(out.components.every((c) => c.kind === 'image' && c.origin === 'manifest' && c.scope === undefined)).toBe(
      true,
    )
    // The service's environment holds (example) keys: never read.
    expect(JSON.stringify(out)).not.toContain('AKIAIOSFODNN7EXAMPLE')
    expect(discoverer.identify?.(text)).toBe(true)
  })

  it('reads the steps of a real vm pipeline, whose steps run in their images (drone-plugins/drone-plugin-lib)', () => {
    const out = discover(fixture('drone-plugin-lib'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '16:10 golang:1.19 -> pkg:docker/library/golang@1.19',
      '28:10 golang:1.19 -> pkg:docker/library/golang@1.19',
      '38:10 golang:1.19 -> pkg:docker/library/golang@1.19',
      '47:10 golang:1.19 -> pkg:docker/library/golang@1.19',
    ])
  })

  it('reads docker and kubernetes pipelines, passes over other kinds and host pipelines, reports variables', () => {
    const out = discover(
      [
        'kind: pipeline',
        'type: kubernetes',
        'name: k8s',
        'steps:',
        '  - name: build',
        '    image: registry.example.com/acme/build:1.0',
        '    settings:',
        '      password: {from_secret: hunter2-secret}',
        '  - name: publish',
        '    image: plugins/docker:${DRONE_TAG}',
        'services:',
        '  - name: db',
        '    image: postgres:16',
        'image_pull_secrets: [dockerconfig-secret]',
        '---',
        'kind: pipeline',
        'type: exec',
        'name: host',
        'steps: [{name: a, commands: [make]}]',
        '---',
        'kind: secret',
        'name: token',
        'get: {path: secret/data/acme, name: s3cret-token}',
        '---',
        'kind: signature',
        'hmac: 0123456789abcdef',
        '---',
        'kind: pipeline',
        'type: nomad',
        'steps: [{name: a, image: alpine:3}]',
        '---',
        'kind: pipeline',
        'name: default-type',
        'clone: {depth: 50}',
        'steps: [{name: a, image: "alpine:3.20"}, {name: b, image: "$BASE"}]',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '6:12 registry.example.com/acme/build:1.0 -> pkg:docker/acme/build@1.0?repository_url=registry.example.com',
      '13:12 postgres:16 -> pkg:docker/library/postgres@16',
      '35:26 alpine:3.20 -> pkg:docker/library/alpine@3.20',
    ])
    expect(skips(out)).toEqual([
      '10 unsupported pipeline "k8s" steps "publish": image "plugins/docker:${DRONE_TAG}" holds a variable, substituted by Drone (repository and build metadata, ${DRONE_…}) when the pipeline runs; not guessed',
      '29 unsupported pipeline is of type "nomad", not one whose steps run in images (docker, kubernetes, vm): not read',
      '35 unsupported pipeline "default-type" steps "b": image "$BASE" holds a variable, substituted by Drone (repository and build metadata, ${DRONE_…}) when the pipeline runs; not guessed',
    ])
    const all = JSON.stringify(out)
    for (const secret of ['hunter2', 's3cret', 'dockerconfig', '0123456789abcdef']) expect(all).not.toContain(secret)
  })

  it('reports a Drone 0.8 document and Jsonnet and Starlark programs, without reading them', () => {
    expect(skips(discover('pipeline:\n  build:\n    image: golang:1.12\n'))).toEqual([
      '1 unsupported a document in the Drone 0.8 format (a `pipeline:` mapping, no `kind`), which the Drone server converts: not read; its images are not listed',
    ])
    const out = discover('local p = {kind: "pipeline"}; [p]\n', 'ci/.drone.jsonnet')
    expect(out.components).toEqual([])
    expect(out.skipped.map((s) => `${s.file} ${s.line} ${s.message}`)).toEqual([
      'ci/.drone.jsonnet undefined .drone.jsonnet is a Jsonnet program that Drone runs to generate its pipelines: not run here; its images are not listed (render it with `drone jsonnet` and scan the .drone.yml it writes)',
    ])
    expect(discover('def main(ctx): return {}\n', '.drone.star').skipped[0].message).toContain('Starlark program')
  })

  it('reports wrong types at their line and reads the rest', () => {
    const out = discover(
      [
        'kind: pipeline',
        'steps:',
        '  - name: a',
        '    image: [alpine]',
        '  - just-a-string',
        '  - name: c',
        '    image: node:20',
        'services: {db: {image: postgres}}',
        '---',
        'kind: [pipeline]',
        '---',
        'kind: pipeline',
        'type: 3',
        '---',
        'name: nothing',
        '---',
        '- a list',
      ].join('\n'),
    )
    expect(rows(out)).toEqual(['7:12 node:20 -> pkg:docker/library/node@20'])
    // The reader's check that each document is a mapping comes first.
    expect(errors(out)).toEqual([
      '17:1 invalid-entry a Drone document must be a mapping',
      '4:12 invalid-entry pipeline steps "a": image must be a string, not a list',
      '5:5 invalid-entry pipeline steps[1] must be a mapping, not a string',
      '8:11 invalid-entry pipeline services must be a list, not a mapping',
      '10:7 invalid-entry kind must be a string, not a list',
      '13:7 invalid-entry type must be a string, not a number (3)',
      '15:1 invalid-entry a Drone document must have a kind (pipeline, secret...)',
    ])
  })
})
