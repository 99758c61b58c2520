// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = '.woodpecker.yml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const fixture = (path: string) => readFileSync(join(import.meta.dirname, '__fixtures__', 'woodpecker', path), 'utf8')
const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.purl}`)
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

describe('woodpecker', () => {
  it('claims .woodpecker.yml/.yaml and the YAML files directly in .woodpecker/, nothing else', () => {
    expect(
      [
        '.woodpecker.yml',
        'a/.woodpecker.yaml',
        '.woodpecker/test.yaml',
        'a/.woodpecker/.release.yml',
        '.woodpecker/scripts/x.yml',
        '.woodpecker/check.sh',
        'woodpecker.yml',
        '.woodpecker.yml.bak',
      ].map(discoverer.matches),
    ).toEqual([true, true, true, true, false, false, false, false])
  })

  it('lists the images of a real workflow whose steps are a list (woodpecker-ci/woodpecker links.yaml)', () => {
    const out = discover(fixture('.woodpecker/links.yaml'), '.woodpecker/links.yaml')
    expect(out.errors).toEqual([])
    // The `${CI_REPO}` of a command is not an image: not read.
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '7:12 docker.io/lycheeverse/lychee:0.24.2 -> pkg:docker/lycheeverse/lychee@0.24.2',
      '17:12 docker.io/alpine:3.24 -> pkg:docker/library/alpine@3.24',
    ])
    expect(out.components.every((c) => c.kind === 'image' && c.origin === 'manifest' && c.scope === undefined)).toBe(
      true,
    )
  })

  it('lists a plugin image written under an anchor at each step and service using it (woodpecker-ci/woodpecker securityscan.yaml)', () => {
    const out = discover(fixture('.woodpecker/securityscan.yaml'), '.woodpecker/securityscan.yaml')
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '13:12 docker.io/woodpeckerci/plugin-trivy:1.6.0 -> pkg:docker/woodpeckerci/plugin-trivy@1.6.0',
      '20:12 docker.io/woodpeckerci/plugin-trivy:1.6.0 -> pkg:docker/woodpeckerci/plugin-trivy@1.6.0',
      '28:12 docker.io/woodpeckerci/plugin-trivy:1.6.0 -> pkg:docker/woodpeckerci/plugin-trivy@1.6.0',
      '36:12 docker.io/woodpeckerci/plugin-trivy:1.6.0 -> pkg:docker/woodpeckerci/plugin-trivy@1.6.0',
    ])
  })

  it('reads clone steps (woodpecker-ci/woodpecker linter schema test-clone.yaml)', () => {
    const out = discover(fixture('linter-schema/test-clone.yaml'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '12:12 alpine -> pkg:docker/library/alpine@latest',
      '3:12 plugins/git:next -> pkg:docker/plugins/git@next',
    ])
  })

  it('lists one image per value a matrix variable takes (woodpecker-ci/woodpecker linter schema test-matrix.yaml)', () => {
    // GO_VERSION: [1.4, 1.3], read as written, as Woodpecker decodes it into a string.
    const out = discover(fixture('linter-schema/test-matrix.yaml'))
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '3:12 golang:1.4 -> pkg:docker/library/golang@1.4',
      '3:12 golang:1.3 -> pkg:docker/library/golang@1.3',
    ])
  })

  it('reads the sequence merge Woodpecker accepts and YAML does not (woodpecker-ci/woodpecker test.yaml)', () => {
    // `- <<: *when_path` splices a list into a list: Woodpecker's YAML reader (github.com/6543/xyaml) does it.
    const out = discover(fixture('.woodpecker/test.yaml'), '.woodpecker/test.yaml')
    expect(errors(out)).toEqual([])
    expect(rows(out)).toHaveLength(15)
    expect(rows(out).slice(0, 4)).toEqual([
      '25:12 docker.io/golang:1.27 -> pkg:docker/library/golang@1.27',
      '36:12 docker.io/golang:1.27 -> pkg:docker/library/golang@1.27',
      '49:12 docker.io/golang:1.27 -> pkg:docker/library/golang@1.27',
      '59:12 golangci/golangci-lint:v2.12.2 -> pkg:docker/golangci/golangci-lint@v2.12.2',
    ])
    expect(rows(out).slice(-3)).toEqual([
      '151:12 docker.io/woodpeckerci/plugin-codecov:2.3.2 -> pkg:docker/woodpeckerci/plugin-codecov@2.3.2',
      '168:12 docker.io/postgres:18 -> pkg:docker/library/postgres@18',
      '176:12 docker.io/mysql:26.7.0 -> pkg:docker/library/mysql@26.7.0',
    ])
  })

  it('reads the older pipeline: key, services and clone lists, and reports variables Woodpecker fills in', () => {
    const out = discover(
      [
        'pipeline:',
        '  build:',
        '    image: registry.example.com/acme/build:1.0',
        '    secrets: [hunter2-secret]',
        '  publish:',
        '    image: woodpeckerci/plugin-docker-buildx:${CI_COMMIT_TAG}',
        '    settings: {password: {from_secret: s3cret-pass}}',
        '  release:',
        '    image: acme/release:${TAG##v}',
        'services:',
        '  - name: db',
        '    image: postgres:16',
        'clone:',
        '  - name: git',
        '    image: woodpeckerci/plugin-git:2.6.0',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '3:12 registry.example.com/acme/build:1.0 -> pkg:docker/acme/build@1.0?repository_url=registry.example.com',
      '12:12 postgres:16 -> pkg:docker/library/postgres@16',
      '15:12 woodpeckerci/plugin-git:2.6.0 -> pkg:docker/woodpeckerci/plugin-git@2.6.0',
    ])
    expect(skips(out)).toEqual([
      '6 unsupported pipeline.publish.image "woodpeckerci/plugin-docker-buildx:${CI_COMMIT_TAG}" holds a variable, which Woodpecker substitutes (CI_* variables, the server\'s environment) when the pipeline runs; not guessed',
      '9 unsupported pipeline.release.image "acme/release:${TAG##v}" holds a variable, which Woodpecker substitutes (CI_* variables, the server\'s environment) when the pipeline runs; not guessed',
    ])
    const all = JSON.stringify(out)
    for (const secret of ['hunter2', 's3cret']) expect(all).not.toContain(secret)
  })

  it('expands matrix include entries and products, and reports what they do not set', () => {
    const out = discover(
      [
        'matrix:',
        '  include:',
        '    - {GO: "1.22", DB: postgres}',
        '    - {GO: "1.23", DB: postgres}',
        '    - {GO: "1.23", DB: mysql}',
        'steps:',
        '  - {name: test, image: "golang:${GO}"}',
        '  - {name: tag, image: "golang:$GO-${CI_COMMIT_TAG}"}',
        'services:',
        '  db: {image: "${DB}:latest"}',
        '---',
        'matrix:',
        '  V: [1, 2]',
        '  W: [a, b]',
        '  EMPTY: []',
        'steps: {x: {image: "acme/$W:$V"}, y: {image: "acme/${EMPTY}"}}',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '7:25 golang:1.22 -> pkg:docker/library/golang@1.22',
      '7:25 golang:1.23 -> pkg:docker/library/golang@1.23',
      '10:15 postgres:latest -> pkg:docker/library/postgres@latest',
      '10:15 mysql:latest -> pkg:docker/library/mysql@latest',
      '16:20 acme/a:1 -> pkg:docker/acme/a@1',
      '16:20 acme/b:1 -> pkg:docker/acme/b@1',
      '16:20 acme/a:2 -> pkg:docker/acme/a@2',
      '16:20 acme/b:2 -> pkg:docker/acme/b@2',
    ])
    expect(skips(out)).toEqual([
      '8 unsupported steps "tag".image "golang:$GO-${CI_COMMIT_TAG}" takes variables from the workflow\'s matrix, which is not expanded here: its values are not all strings, it has too many combinations to count, over 1000 include entries, or the file\'s matrix images pass 1000000 substitutions, or not every axis sets them',
      '16 unsupported steps.y.image "acme/${EMPTY}" takes variables from the workflow\'s matrix, which is not expanded here: its values are not all strings, it has too many combinations to count, over 1000 include entries, or the file\'s matrix images pass 1000000 substitutions, or not every axis sets them',
    ])
  })

  it("stops at Woodpecker's own limit of matrix axes", () => {
    const values = (n: number) => `[${Array.from({length: n}, (_, i) => i).join(', ')}]`
    const out = discover(`matrix:\n  A: ${values(10)}\n  B: ${values(10)}\nsteps: [{name: x, image: "acme/x:$A-$B"}]\n`)
    expect(out.components.map((c) => c.ref)).toEqual(
      Array.from({length: 27}, (_, p) => `acme/x:${Math.floor(p / 10)}-${p % 10}`),
    )
  })

  it('expands matrix images up to a budget per file, and reports the rest', () => {
    // 1000 include entries and three template parts: 3,000 substitutions an image, 333 images within 1,000,000; the
    // 334th (steps[333], line 1004 + 333) is reported.
    const include = Array.from({length: 1000}, () => '    - {V: "1"}').join('\n')
    const steps = Array.from({length: 400}, (_, i) => `  - {name: s${i}, image: "acme/x${i}:\${V}"}`).join('\n')
    const out = discover(`matrix:\n  include:\n${include}\nsteps:\n${steps}\n`)
    expect(out.errors).toEqual([])
    expect(out.components).toHaveLength(333)
    expect(out.components[332].ref).toBe('acme/x332:1')
    expect(out.skipped).toHaveLength(67)
    expect(out.skipped[0].line).toBe(1004 + 333)
  })

  it('reports wrong types at their line and reads the rest', () => {
    const out = discover(
      [
        'matrix: [a]',
        'steps:',
        '  - name: a',
        '    image: [alpine]',
        '  - just-a-string',
        '  - name: c',
        '    image: node:20',
        'services: postgres',
        'clone: {git: 3}',
        '---',
        '- a list',
      ].join('\n'),
    )
    expect(rows(out)).toEqual(['7:12 node:20 -> pkg:docker/library/node@20'])
    expect(errors(out)).toEqual([
      '11:1 invalid-entry a Woodpecker workflow must be a mapping',
      '1:9 invalid-entry matrix must be a mapping, not a list',
      '4:12 invalid-entry steps "a".image must be a string, not a list',
      '5:5 invalid-entry steps[1] must be a mapping, not a string',
      '8:11 invalid-entry services must be a list or a mapping of steps, not a string',
      '9:14 invalid-entry clone.git must be a mapping, not a number (3)',
    ])
  })
})
