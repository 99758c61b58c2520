import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = '.circleci/config.yml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.purl}`)
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

describe('circleci', () => {
  it('claims .circleci/config.yml by name, and other YAML under .circleci/ when its content is a configuration', () => {
    const files = [
      '.circleci/config.yml',
      'a/.circleci/config.yaml',
      '.circleci/continue_config.yml',
      '.circleci/configs/deploy.yaml',
      '.circleci/notes.txt',
      'config.yml',
      'circleci/config.yml',
    ]
    expect(files.map(discoverer.matches)).toEqual([true, true, true, true, false, false, false])
    expect(files.map((f) => discoverer.named?.(f))).toEqual([true, true, false, false, false, false, false])
    const continuation = 'version: 2.1\njobs:\n  test:\n    docker: [{image: cimg/node:20.11}]\n'
    expect(discoverer.sniff?.(continuation)).toBe(true)
    // A fragment a script assembles into a configuration (no version), a Compose file: passed over.
    expect(discoverer.sniff?.('workflows:\n  w:\n    jobs: [build]\n')).toBe(false)
    expect(discoverer.sniff?.('version: "3.8"\nservices:\n  db: {image: postgres:16}\n')).toBe(false)
    expect(discoverer.sniff?.('version: 2.1\njobs:\n{% for v in versions %}\n  t{{ v }}: {}\n{% endfor %}\n')).toBe(
      false,
    )
    // `jobs:` written past the head (long `commands:` first) is found in the tail.
    expect(discoverer.sniff?.('version: 2.1\ncommands:\n', () => 'x\njobs:\n  a: {}\n')).toBe(true)
  })

  it('lists the images of a continuation configuration (dynamic configuration, path-filtering)', () => {
    const file = '.circleci/continue_config.yml'
    const out = discover(
      [
        'version: 2.1',
        'parameters:',
        '  client: {type: boolean, default: false}',
        'jobs:',
        '  ui_test:',
        '    docker:',
        '      - image: mcr.microsoft.com/playwright:v1.54.1-jammy',
        '  style:',
        '    parameters: {python_version: {type: string}}',
        '    docker:',
        '      - image: cimg/python:<< parameters.python_version >>',
        'workflows:',
        '  main:',
        '    jobs: [ui_test]',
      ].join('\n'),
      file,
    )
    expect(out.errors).toEqual([])
    expect(
      out.components.map((c) => `${c.locations[0].file}:${c.locations[0].line}:${c.locations[0].column} ${c.ref}`),
    ).toEqual(['.circleci/continue_config.yml:7:16 mcr.microsoft.com/playwright:v1.54.1-jammy'])
    expect(skips(out)).toEqual([
      '11 unsupported jobs.style.docker[0] (primary container).image "cimg/python:<< parameters.python_version >>" holds a << parameter >> or variable, known only when the pipeline runs; not guessed',
    ])
  })

  it('lists the image of a real configuration (pallets/click)', () => {
    const text = readFileSync(join(import.meta.dirname, '__fixtures__', 'click', 'config.yml'), 'utf8')
    const out = discover(text)
    expect(rows(out)).toEqual(['12:16 cimg/base:stable -> pkg:docker/cimg/base@stable'])
    expect(out.components[0]).toMatchObject({kind: 'image', origin: 'manifest'})
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(discoverer.identify?.(text)).toBe(true)
  })

  it('lists primary and service containers of jobs and executors, once each; machine images are not containers', () => {
    const out = discover(
      [
        'version: 2.1',
        'executors:',
        '  py: &py',
        '    docker:',
        '      - image: cimg/python:3.12',
        '  vm:',
        '    machine:',
        '      image: ubuntu-2204:2024.01.1',
        'jobs:',
        '  test:',
        '    executor: py',
        '    docker:',
        '      - image: cimg/node:20.11',
        '        auth: {username: acme, password: $DOCKER_PASS}',
        '      - image: postgres:16',
        '      - image: registry.example.com/acme/redis@sha256:0123456789012345678901234567890123456789012345678901234567890123',
        '  again: *py',
        '  mac:',
        '    macos: {xcode: 15.2.0}',
        'workflows: {main: {jobs: [test]}}',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '5:16 cimg/python:3.12 -> pkg:docker/cimg/python@3.12',
      '13:16 cimg/node:20.11 -> pkg:docker/cimg/node@20.11',
      '15:16 postgres:16 -> pkg:docker/library/postgres@16',
      '16:16 registry.example.com/acme/redis@sha256:0123456789012345678901234567890123456789012345678901234567890123 -> pkg:docker/acme/redis@sha256:0123456789012345678901234567890123456789012345678901234567890123?repository_url=registry.example.com',
    ])
    expect(JSON.stringify(out)).not.toContain('DOCKER_PASS')
  })

  it('lists the images of a real inline orb, and reports a docker list its jobs share by merge once (DataDog/ddsketch-ruby)', () => {
    const text = readFileSync(join(import.meta.dirname, '__fixtures__', 'ddsketch-ruby', 'config.yml'), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    // The orb `orb` (line 105) is written in the file: its executor's image (line 211) is listed, no orb skip.
    expect(rows(out)).toEqual(['211:20 circleci/buildpack-deps:stretch -> pkg:docker/circleci/buildpack-deps@stretch'])
    // Five orb jobs run `&container_base` (line 33): four through `<<: *test_job_default`, one as `- <<: *container_base`.
    expect(skips(out)).toEqual([
      '33 unsupported orbs.orb.jobs.build.docker[0] (primary container).image "<<parameters.image>>" holds a << parameter >> or variable, known only when the pipeline runs; not guessed',
    ])
    expect(discoverer.identify?.(text)).toBe(true)
  })

  it('reports a docker list two jobs merge from one anchor once, where written (QuickChick/QuickChick)', () => {
    const text = readFileSync(join(import.meta.dirname, '__fixtures__', 'quickchick', 'config.yml'), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(out.components).toEqual([])
    expect(skips(out)).toEqual([
      '17 unsupported jobs.test.docker[0] (primary container).image "<<parameters.coq>>" holds a << parameter >> or variable, known only when the pipeline runs; not guessed',
    ])
  })

  it('reports parameters, pipeline values and variables, and each orb referenced by name at its reference', () => {
    const out = discover(
      [
        'version: 2.1',
        'orbs:',
        '  node: circleci/node@5.2.0',
        '  aws-cli: circleci/aws-cli@4.1',
        '  mine:',
        '    jobs: {}',
        'jobs:',
        '  build:',
        '    parameters: {tag: {type: string, default: "3.12"}}',
        '    docker:',
        '      - image: cimg/python:<< parameters.tag >>',
        '      - image: acme/app:<< pipeline.git.revision >>',
        '      - image: $IMAGE',
      ].join('\n'),
    )
    expect(out.components).toEqual([])
    const orb =
      ': a CircleCI orb is third-party configuration the pipeline runs, with no package URL type; not listed (the images of its executors and jobs are in the orb, not read)'
    expect(skips(out)).toEqual([
      `3 unsupported orbs.node "circleci/node@5.2.0"${orb}`,
      `4 unsupported orbs.aws-cli "circleci/aws-cli@4.1"${orb}`,
      '11 unsupported jobs.build.docker[0] (primary container).image "cimg/python:<< parameters.tag >>" holds a << parameter >> or variable, known only when the pipeline runs; not guessed',
      '12 unsupported jobs.build.docker[1].image "acme/app:<< pipeline.git.revision >>" holds a << parameter >> or variable, known only when the pipeline runs; not guessed',
      '13 unsupported jobs.build.docker[2].image "$IMAGE" holds a << parameter >> or variable, known only when the pipeline runs; not guessed',
    ])
  })

  it('reads inline orbs as the top level: executors, jobs, their own orbs; shared docker lists once', () => {
    const out = discover(
      [
        'version: 2.1',
        'defaults: &defaults',
        '  docker:',
        '    - image: cimg/ruby:3.3',
        '    - &pg',
        '      image: postgres:16',
        'orbs:',
        '  slack: circleci/slack@4.13',
        '  acme:',
        '    orbs:',
        '      docker: circleci/docker@2.5',
        '      inner:',
        '        executors: {tiny: {docker: [{image: alpine:3.20}]}}',
        '    executors:',
        '      builder:',
        '        docker:',
        '          - image: registry.example.com/acme/builder:2',
        '      vm: {machine: {image: ubuntu-2204:2024.01.1}}',
        '    jobs:',
        '      test:',
        '        <<: *defaults',
        '      lint:',
        '        docker:',
        '          - image: "acme/lint:<< parameters.v >>"',
        '  broken: 42',
        'jobs:',
        '  a:',
        '    <<: *defaults',
        '  b:',
        '    <<: *defaults',
        '    steps: [checkout]',
        '  c:',
        '    docker:',
        '      - <<: *pg',
        '        name: db',
        '      - image: redis:7',
      ].join('\n'),
    )
    expect(errors(out)).toEqual([
      '25:11 invalid-entry orbs.broken must be an orb reference (namespace/orb@version) or an inline orb, not a number (42)',
    ])
    expect(rows(out)).toEqual([
      '13:45 alpine:3.20 -> pkg:docker/library/alpine@3.20',
      '17:20 registry.example.com/acme/builder:2 -> pkg:docker/acme/builder@2?repository_url=registry.example.com',
      '4:14 cimg/ruby:3.3 -> pkg:docker/cimg/ruby@3.3',
      '6:14 postgres:16 -> pkg:docker/library/postgres@16',
      '36:16 redis:7 -> pkg:docker/library/redis@7',
    ])
    const orb =
      ': a CircleCI orb is third-party configuration the pipeline runs, with no package URL type; not listed (the images of its executors and jobs are in the orb, not read)'
    expect(skips(out)).toEqual([
      `8 unsupported orbs.slack "circleci/slack@4.13"${orb}`,
      `11 unsupported orbs.acme.orbs.docker "circleci/docker@2.5"${orb}`,
      '24 unsupported orbs.acme.jobs.lint.docker[0] (primary container).image "acme/lint:<< parameters.v >>" holds a << parameter >> or variable, known only when the pipeline runs; not guessed',
    ])
  })

  it('bounds inline orbs nested in inline orbs', () => {
    const lines = ['orbs:']
    for (let i = 0; i < 10; i++) lines.push(`${'  '.repeat(2 * i + 1)}o${i}:`, `${'  '.repeat(2 * i + 2)}orbs:`)
    lines.push(`${'  '.repeat(21)}x: acme/x@1`)
    const shallow = ['orbs:', '  o0:', '    orbs:', '      o1:', '        jobs: {j: {docker: [{image: alpine:3.20}]}}']
    expect(rows(discover(shallow.join('\n')))).toEqual(['5:37 alpine:3.20 -> pkg:docker/library/alpine@3.20'])
    const deep = discover(lines.join('\n'))
    expect(deep.errors).toEqual([])
    // The fifth inline orb down (o4, whose mapping starts at line 11) is not read, nor what it holds.
    expect(skips(deep)).toEqual([
      '11 unsupported orbs.o0.orbs.o1.orbs.o2.orbs.o3.orbs.o4: an inline orb nested over 4 deep in inline orbs; not read',
    ])
  })

  it('reports wrong types at their line and reads the rest', () => {
    const out = discover(
      [
        'version: 2.1',
        'orbs: [circleci/node@5]',
        'jobs:',
        '  a:',
        '    docker: cimg/base:stable',
        '  b:',
        '    docker:',
        '      - cimg/base:stable',
        '      - image: 3.12',
        '      - {}',
        '      - image: "Not An Image"',
        '      - image: alpine:3.20',
        '  __proto__:',
        '    docker: [{image: alpine:3.19}]',
        'executors: 4',
      ].join('\n'),
    )
    expect(errors(out)).toEqual(
      expect.arrayContaining([
        '2:7 invalid-entry orbs must be a mapping, not a list',
        '5:13 invalid-entry jobs.a.docker must be a list, not a string',
        '8:9 invalid-entry jobs.b.docker[0] (primary container) must be a mapping with image:, not a string',
        '9:16 invalid-entry jobs.b.docker[1].image must be an image name, not a number (3.12)',
        '10:9 invalid-entry jobs.b.docker[2].image must be an image name, not nothing',
        '15:12 invalid-entry executors must be a mapping, not a number (4)',
      ]),
    )
    expect(out.errors.some((e) => e.code === 'invalid-image-ref' && e.line === 11)).toBe(true)
    expect(rows(out)).toContain('12:16 alpine:3.20 -> pkg:docker/library/alpine@3.20')
  })

  it('reads many jobs and survives a broken document', () => {
    const jobs = Array.from({length: 500}, (_, i) => `  j${i}:\n    docker: [{image: "acme/j:${i}"}]`)
    expect(discover(['jobs:', ...jobs].join('\n')).components).toHaveLength(500)
    const broken = discover('jobs:\n  a: [\n')
    expect(broken.components).toEqual([])
    expect(broken.errors.length).toBeGreaterThan(0)
    expect(discover('- 1\n').errors[0]).toMatchObject({line: 1, code: 'invalid-entry'})
  })
})
