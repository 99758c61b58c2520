// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = 'bitbucket-pipelines.yml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.purl}`)
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

describe('bitbucket-pipelines', () => {
  it('claims bitbucket-pipelines.yml (and .yaml) anywhere, nothing else', () => {
    expect(
      [
        'bitbucket-pipelines.yml',
        'a/bitbucket-pipelines.yaml',
        'bitbucket-pipelines.yml.bak',
        'my-bitbucket-pipelines.yml',
      ].map(discoverer.matches),
    ).toEqual([true, true, false, false])
  })

  it('lists the images of a real pipeline whose steps are reused through aliases, each once (4Science/DSpace)', () => {
    const text = readFileSync(join(import.meta.dirname, '__fixtures__', 'dspace', 'bitbucket-pipelines.yml'), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    // In the order the pipelines first run them; each where its anchored step writes it. The solr8 step (line 163)
    // is defined but run by no pipeline: not listed.
    expect(rows(out)).toEqual([
      '1:8 maven:3.9.11-eclipse-temurin-21 -> pkg:docker/library/maven@3.9.11-eclipse-temurin-21',
      '293:16 alpine:latest -> pkg:docker/library/alpine@latest',
      '138:16 atlassian/default-image:4 -> pkg:docker/atlassian/default-image@4',
      // Its steps' pipes (line 170's step is run by no pipeline).
      '147:19 atlassian/aws-ecr-push-image:2.5.0 -> pkg:generic/bitbucket.org/atlassian/aws-ecr-push-image@2.5.0?vcs_url=git%2Bhttps%3A%2F%2Fbitbucket.org%2Fatlassian%2Faws-ecr-push-image%402.5.0',
      '203:16 alpine/git:latest -> pkg:docker/alpine/git@latest',
      '218:16 alpine/git:latest -> pkg:docker/alpine/git@latest',
      '186:16 atlassian/default-image:4 -> pkg:docker/atlassian/default-image@4',
      '193:19 atlassian/aws-ecr-push-image:2.5.0 -> pkg:generic/bitbucket.org/atlassian/aws-ecr-push-image@2.5.0?vcs_url=git%2Bhttps%3A%2F%2Fbitbucket.org%2Fatlassian%2Faws-ecr-push-image%402.5.0',
      '233:16 alpine/git:latest -> pkg:docker/alpine/git@latest',
      '248:16 alpine/git:latest -> pkg:docker/alpine/git@latest',
      '263:16 alpine/git:latest -> pkg:docker/alpine/git@latest',
      '278:16 alpine/git:latest -> pkg:docker/alpine/git@latest',
    ])
    expect(out.components.every((c) => c.origin === 'manifest')).toBe(true)
    expect(out.components.filter((c) => c.kind !== 'image').map((c) => c.ecosystem)).toEqual(['generic', 'generic'])
    expect(discoverer.identify?.(text)).toBe(true)
  })

  it('reads every kind of pipeline, parallel and stage groups and services; credentials are never echoed', () => {
    const out = discover(
      [
        'image:',
        '  name: registry.example.com/acme/build:1.0',
        '  username: acme-bot',
        '  password: hunter2-secret',
        'definitions:',
        '  services:',
        '    pg: {image: postgres:16, variables: {POSTGRES_PASSWORD: s3cret-pg}}',
        '    ecr:',
        '      image:',
        '        name: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/cache:2',
        '        aws: {access-key: AKIAEXAMPLEKEY, secret-key: aws-secret-value}',
        'pipelines:',
        '  default:',
        '    - step: {image: node:20, script: [npm test], services: [pg]}',
        '  branches:',
        '    main:',
        '      - parallel:',
        '          - step: {image: python:3.12, script: [x]}',
        '          - step: {script: [y]}',
        '  tags:',
        "    'v*':",
        '      - stage:',
        '          steps:',
        '            - step: {image: golang:1.22, script: [x]}',
        '  bookmarks:',
        '    b: [{step: {image: ruby:3.3, script: [x]}}]',
        '  pull-requests:',
        "    '**':",
        '      - parallel:',
        '          fail-fast: true',
        '          steps:',
        '            - step: {image: "rust:1.78", script: [x]}',
        '  custom:',
        '    release:',
        '      - variables: [{name: TAG}]',
        '      - step: {image: "acme/release:$TAG", script: [x]}',
        '      - step: {image: "${BASE_IMAGE}", script: [x]}',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '2:9 registry.example.com/acme/build:1.0 -> pkg:docker/acme/build@1.0?repository_url=registry.example.com',
      '7:17 postgres:16 -> pkg:docker/library/postgres@16',
      '10:15 123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/cache:2 -> pkg:docker/acme/cache@2?repository_url=123456789012.dkr.ecr.eu-west-1.amazonaws.com',
      '14:21 node:20 -> pkg:docker/library/node@20',
      '18:27 python:3.12 -> pkg:docker/library/python@3.12',
      '24:29 golang:1.22 -> pkg:docker/library/golang@1.22',
      '26:24 ruby:3.3 -> pkg:docker/library/ruby@3.3',
      '32:29 rust:1.78 -> pkg:docker/library/rust@1.78',
    ])
    expect(skips(out)).toEqual([
      '36 unsupported pipelines.custom.release[1].step.image "acme/release:$TAG" holds a variable, set by repository or workspace variables when the pipeline runs; not guessed',
      '37 unsupported pipelines.custom.release[2].step.image "${BASE_IMAGE}" holds a variable, set by repository or workspace variables when the pipeline runs; not guessed',
    ])
    const all = JSON.stringify(out)
    for (const secret of ['acme-bot', 'hunter2', 's3cret', 'AKIAEXAMPLEKEY', 'aws-secret-value'])
      expect(all).not.toContain(secret)
  })

  it('reports wrong types at their line, never echoing a credential, and reads the rest', () => {
    const out = discover(
      [
        'image: {username: acme-bot, password: hunter2-secret}',
        'pipelines:',
        '  default:',
        '    - step: {image: [a], script: [x]}',
        '    - step: build',
        '    - 42',
        '    - step: {image: {name: 3}, script: [x]}',
        '    - step: {image: "Not An Image", script: [x]}',
        '    - stage: [x]',
        '    - step: {image: alpine:3.20, script: [x]}',
        '  branches: [main]',
        '  custom:',
        '    c: oops',
      ].join('\n'),
    )
    expect(errors(out).filter((e) => !e.includes('invalid-image-ref'))).toEqual([
      '1:8 invalid-entry image.name must be an image name, not nothing',
      '4:21 invalid-entry pipelines.default[0].step.image must be an image name or {name: ...}, not a list',
      '5:13 invalid-entry pipelines.default[1].step must be a mapping, not a string',
      '6:7 invalid-entry pipelines.default[2] must be a step, parallel or stage, not a number (42)',
      '7:28 invalid-entry pipelines.default[3].step.image.name must be an image name, not a number (3)',
      '9:14 invalid-entry pipelines.default[5].stage must be a mapping, not a list',
      '11:13 invalid-entry pipelines.branches must be a mapping, not a list',
      '13:8 invalid-entry pipelines.custom.c must be a list of steps, not a string',
    ])
    expect(out.errors.filter((e) => e.code === 'invalid-image-ref').map((e) => e.line)).toEqual([8])
    expect(rows(out)).toEqual(['10:21 alpine:3.20 -> pkg:docker/library/alpine@3.20'])
    expect(JSON.stringify(out)).not.toContain('hunter2')
    expect(JSON.stringify(out)).not.toContain('acme-bot')
  })

  it('reports imported (shared) pipelines, naming them and their source, instead of an error', () => {
    const out = discover(
      [
        'definitions:',
        '  imports:',
        '    shared: .bitbucket/shared-pipelines.yml',
        '    platform: acme-platform:main:bitbucket-pipelines.yml',
        '    bad: [x]',
        'pipelines:',
        '  default:',
        '    import: build@shared',
        '  branches:',
        '    main:',
        '      import: share-pipeline-1@shared',
        '    release/*:',
        '      import: release@platform',
        '    dev:',
        '      - step: {image: node:20, script: [x]}',
        '  custom:',
        '    import-pipeline:',
        '      import: shared-pipeline:master:share-pipeline-1',
        '    unknown-source:',
        '      import: deploy@elsewhere',
        '    broken:',
        '      import: {name: x}',
      ].join('\n'),
    )
    expect(errors(out)).toEqual([
      '22:15 invalid-entry pipelines.custom.broken.import must name a shared pipeline (pipeline@source), not a mapping',
    ])
    expect(rows(out)).toEqual(['15:23 node:20 -> pkg:docker/library/node@20'])
    const tail = ': it is defined in another file or repository, not read here; the images of its steps are not listed'
    expect(skips(out)).toEqual([
      `8 unsupported pipelines.default imports the shared pipeline "build@shared" (import source shared: .bitbucket/shared-pipelines.yml)${tail}`,
      `11 unsupported pipelines.branches.main imports the shared pipeline "share-pipeline-1@shared" (import source shared: .bitbucket/shared-pipelines.yml)${tail}`,
      `13 unsupported pipelines.branches.release/* imports the shared pipeline "release@platform" (import source platform: acme-platform:main:bitbucket-pipelines.yml)${tail}`,
      `18 unsupported pipelines.custom.import-pipeline imports the shared pipeline "shared-pipeline:master:share-pipeline-1"${tail}`,
      `20 unsupported pipelines.custom.unknown-source imports the shared pipeline "deploy@elsewhere"${tail}`,
    ])
  })

  it('reads the pipelines an export: true file shares under definitions.pipelines, a reused step once', () => {
    const text = [
      'export: true',
      'image: atlassian/default-image:4',
      'definitions:',
      '  pipelines:',
      '    share-pipeline-1:',
      '      - step: &lint',
      '          image: node:20',
      '          script: [npm run lint]',
      '      - parallel:',
      '          - step: {image: "python:3.12", script: [x]}',
      '          - step: {image: "acme/tool:$TOOL_VERSION", script: [x]}',
      '    share-pipeline-2:',
      '      - step: *lint',
      '      - stage:',
      '          steps:',
      '            - step: {image: golang:1.22, script: [x]}',
      '    nested-import:',
      '      import: other@shared',
      '    broken: oops',
      'pipelines:',
      '  default:',
      '    - step: *lint',
    ].join('\n')
    const out = discover(text)
    expect(errors(out)).toEqual([
      '19:13 invalid-entry definitions.pipelines.broken must be a list of steps, not a string',
    ])
    // The step anchored in a shared pipeline and run by `pipelines.default` too: listed once, where written.
    expect(rows(out)).toEqual([
      '2:8 atlassian/default-image:4 -> pkg:docker/atlassian/default-image@4',
      '7:18 node:20 -> pkg:docker/library/node@20',
      '10:27 python:3.12 -> pkg:docker/library/python@3.12',
      '16:29 golang:1.22 -> pkg:docker/library/golang@1.22',
    ])
    expect(skips(out)).toEqual([
      '11 unsupported definitions.pipelines.share-pipeline-1[1].parallel[1].step.image "acme/tool:$TOOL_VERSION" holds a variable, set by repository or workspace variables when the pipeline runs; not guessed',
      '18 unsupported definitions.pipelines.nested-import imports the shared pipeline "other@shared": it is defined in another file or repository, not read here; the images of its steps are not listed',
    ])
    expect(discoverer.identify?.(text.split('\npipelines:')[0])).toBe(true)
    // Without `export: true` nothing is shared, and no pipeline of the file runs those: not listed.
    const kept = discover(text.replace('export: true', 'export: false').split('\npipelines:')[0])
    expect(rows(kept)).toEqual(['2:8 atlassian/default-image:4 -> pkg:docker/atlassian/default-image@4'])
    expect(kept.errors).toEqual([])
    expect(errors(discover('export: true\ndefinitions:\n  pipelines: [x]'))).toEqual([
      '3:14 invalid-entry definitions.pipelines must be a mapping, not a list',
    ])
  })

  it('lists a step reused by many pipelines once, and reads many steps', () => {
    const reused = discover(
      [
        'definitions:',
        '  steps:',
        '    - step: &s {image: acme/s:1}',
        'pipelines:',
        '  default: [{step: *s}, {step: *s}]',
        '  custom: {a: [{step: *s}], b: [{parallel: [{step: *s}]}]}',
      ].join('\n'),
    )
    expect(rows(reused)).toEqual(['3:24 acme/s:1 -> pkg:docker/acme/s@1'])
    const steps = Array.from({length: 1000}, (_, i) => `    - step: {image: "acme/s:${i}"}`)
    expect(discover(['pipelines:', '  default:', ...steps].join('\n')).components).toHaveLength(1000)
    expect(discover('pipelines: [\n').errors.length).toBeGreaterThan(0)
  })

  it('lists the pipes of a step: docker:// as an image, workspace/repo:version as the pipe repository at that version', () => {
    const out = discover(
      [
        'pipelines:',
        '  default:',
        '    - step:',
        '        image: node:20',
        '        script:',
        '          - npm test',
        '          - pipe: atlassian/aws-s3-deploy:1.1.0',
        '            variables:',
        '              AWS_SECRET_ACCESS_KEY: s3cr3t-value',
        '          - pipe: docker://example.com/acme/notify-pipe:2.0.1',
        '          - pipe: example-team/deploy-pipe',
        '          - pipe: $PIPE',
        '          - pipe: not a pipe',
        '        after-script:',
        '          - pipe: "atlassian/slack-notify:2.3.0"',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '4:16 node:20 -> pkg:docker/library/node@20',
      '7:19 atlassian/aws-s3-deploy:1.1.0 -> pkg:generic/bitbucket.org/atlassian/aws-s3-deploy@1.1.0?vcs_url=git%2Bhttps%3A%2F%2Fbitbucket.org%2Fatlassian%2Faws-s3-deploy%401.1.0',
      '10:19 example.com/acme/notify-pipe:2.0.1 -> pkg:docker/acme/notify-pipe@2.0.1?repository_url=example.com',
      '11:19 example-team/deploy-pipe -> pkg:generic/bitbucket.org/example-team/deploy-pipe?vcs_url=git%2Bhttps%3A%2F%2Fbitbucket.org%2Fexample-team%2Fdeploy-pipe',
      '15:19 atlassian/slack-notify:2.3.0 -> pkg:generic/bitbucket.org/atlassian/slack-notify@2.3.0?vcs_url=git%2Bhttps%3A%2F%2Fbitbucket.org%2Fatlassian%2Fslack-notify%402.3.0',
    ])
    expect(out.components[1]).toMatchObject({kind: 'package', ecosystem: 'generic', version: '1.1.0', direct: true})
    expect(skips(out)).toEqual([
      '11 unresolved-version pipelines.default[0].step.script[3].pipe "example-team/deploy-pipe" names no version; listed without one',
      '12 unsupported pipelines.default[0].step.script[4].pipe "$PIPE" holds a variable, set by repository or workspace variables when the pipeline runs; not guessed',
      '13 unsupported pipelines.default[0].step.script[5].pipe "not a pipe" is neither workspace/repository:version nor docker://image; not listed',
    ])
    expect(errors(out)).toEqual([])
    expect(JSON.stringify(out)).not.toContain('s3cr3t')
  })
})
