// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {describe, expect, it} from 'vitest'
import {readFileSync} from 'node:fs'
import {join, posix} from 'node:path'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, files: Record<string, string> = {}, file = 'deploy/compose.yaml') {
  return discoverer.discover({file, text}, {readText: (f) => files[f] ?? null}) as Required<DiscoverOutput>
}

const summary = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.name}:${c.version}`)

describe('compose', () => {
  it('claims Compose file names', () => {
    const named = discoverer.named as (file: string) => boolean
    expect(
      ['compose.yaml', 'a/docker-compose.yml', 'docker-compose.prod.yaml', 'compose.override.yml', 'composer.yaml'].map(
        named,
      ),
    ).toEqual([true, true, true, true, false])
  })

  it('lists services.*.image with defaults and .env values; build-only services and $$ escapes handled', () => {
    const out = discover(
      [
        'name: shop',
        'services:',
        '  db:',
        '    image: postgres:${PG_VERSION:-16}',
        '  cache:',
        '    image: "${REGISTRY}/redis:${REDIS_TAG:-7}${SUFFIX-}"',
        '  app:',
        '    build: .',
        '    image: example/app:dev',
        '  local:',
        '    build: .',
        '    image: example/local:dev',
        '    pull_policy: build',
        '  proxy:',
        '    image: traefik:v3.1$$',
        '  worker:',
        '    command: run',
        '',
      ].join('\n'),
      {'deploy/.env': 'REGISTRY=ghcr.io/example\n# comment\nREDIS_TAG=\n'},
    )
    expect(summary(out)).toEqual([
      '4:12 postgres:${PG_VERSION:-16} -> docker.io/library/postgres:16',
      '6:12 ${REGISTRY}/redis:${REDIS_TAG:-7}${SUFFIX-} -> ghcr.io/example/redis:7',
      '9:12 example/app:dev -> docker.io/example/app:dev',
    ])
    // `REDIS_TAG=` is set but empty: `:-` defaults it; `traefik:v3.1$` is not a reference once `$$` is `$`.
    expect(out.errors.map((e) => [e.line, e.code])).toEqual([[15, 'invalid-image-ref']])
  })

  it('leaves out an image Compose only builds: pull_policy build, or never with a build (sentry self-hosted)', () => {
    // getsentry/self-hosted docker-compose.yml: `x-sentry-defaults` merges `pull_policy: never` with `image:
    // sentry-self-hosted-local` and a `build:`; Compose never pulls it, and builds it when it is not there.
    const out = discover(
      [
        'x-pull-policy: &pull_policy',
        '  pull_policy: never',
        'x-sentry-defaults: &sentry_defaults',
        '  <<: *pull_policy',
        '  image: sentry-self-hosted-local',
        '  build:',
        '    context: ./sentry',
        'services:',
        '  web:',
        '    <<: *sentry_defaults',
        '  local:',
        '    image: example/local:dev',
        '    build: .',
        '    pull_policy: build',
        '  cached:',
        '    image: example/cached:1',
        '    pull_policy: never',
        '  pulled:',
        '    image: example/pulled:1',
        '    build: .',
        '    pull_policy: missing',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    // `never` without a build: an image that must be there already, still the service's.
    expect(summary(out)).toEqual([
      '16:12 example/cached:1 -> docker.io/example/cached:1',
      '19:12 example/pulled:1 -> docker.io/example/pulled:1',
    ])
  })

  it('lists the images of type: image volumes and of pre_start hooks, which Compose pulls for the service', () => {
    const out = discover(
      [
        'x-models: &models',
        '  type: image',
        '  source: ghcr.io/example/models:${MODELS:-2}',
        '  target: /models',
        'services:',
        '  app:',
        '    image: example/app:1',
        '    build: .',
        '    pull_policy: build',
        '    volumes:',
        '      - ./data:/data',
        '      - type: image',
        '        source: example/assets:1.4',
        '        target: /assets',
        '        image:',
        '          subpath: static',
        '      - type: volume',
        '        source: cache',
        '        target: /cache',
        '      - *models',
        '      - type: image',
        '        source: example/unset:${UNSET}',
        '        target: /x',
        '    pre_start:',
        '      - image: example/migrate:3',
        '        command: migrate up',
        '      - command: ./fix-permissions.sh',
        '      - image: example/app:1',
        '        command: ./seed.sh',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    // The service's image is built (pull_policy: build): not listed, nor a hook that runs it; the others are pulled.
    expect(summary(out)).toEqual([
      '13:17 example/assets:1.4 -> docker.io/example/assets:1.4',
      '3:11 ghcr.io/example/models:${MODELS:-2} -> ghcr.io/example/models:2',
      '25:16 example/migrate:3 -> docker.io/example/migrate:3',
    ])
    // The alias's image is located at the service too, as an image a merge key gives.
    expect(out.components[1].locations.map((l) => `${l.line}:${l.column}`)).toEqual(['3:11', '7:5'])
    expect(out.skipped.map((x) => `${x.line} ${x.reason} ${x.message}`)).toEqual([
      '22 unset-variable services.app.volumes[4].source "example/unset:${UNSET}": UNSET not set here (no default, not in .env); set it and scan the output of `docker compose config`',
    ])
  })

  it("reads a build's Dockerfile with the build's args, listing what they change (getsentry/self-hosted)", () => {
    // getsentry/self-hosted: clickhouse/Dockerfile and sentry/Dockerfile are `ARG BASE_IMAGE` / `ARG SENTRY_IMAGE`
    // without a default; Compose passes them (`BASE_IMAGE: ...`, `- SENTRY_IMAGE` from .env). cron/Dockerfile starts
    // FROM the sentry image another service of the file builds: the project's own.
    const files: Record<string, string> = {
      'deploy/.env': 'SENTRY_IMAGE=ghcr.io/getsentry/sentry:nightly\n',
      'deploy/sentry/Dockerfile': 'ARG SENTRY_IMAGE\nFROM ${SENTRY_IMAGE}\n',
      'deploy/clickhouse/Dockerfile': 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n',
      'deploy/cron/Dockerfile': 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n',
      'deploy/app/build/app.Dockerfile': 'ARG NODE=18\nFROM node:${NODE}\nFROM example/same:${SAME:-1}\n',
      'deploy/shell/Dockerfile': 'ARG NODE=18\nFROM node:${NODE}\n',
    }
    const out = discover(
      [
        'x-sentry-defaults: &sentry_defaults',
        '  image: sentry-self-hosted-local',
        '  pull_policy: never',
        '  build:',
        '    context: ./sentry',
        '    args:',
        '      - SENTRY_IMAGE',
        'services:',
        '  web:',
        '    <<: *sentry_defaults',
        '  clickhouse:',
        '    image: clickhouse-self-hosted-local',
        '    pull_policy: never',
        '    build:',
        '      context: ./clickhouse',
        '      args:',
        '        BASE_IMAGE: "altinity/clickhouse-server:25.8.28.10001.altinitystable"',
        '  sentry-cleanup:',
        '    <<: *sentry_defaults',
        '    image: sentry-cleanup-self-hosted-local',
        '    build:',
        '      context: ./cron',
        '      args:',
        '        BASE_IMAGE: sentry-self-hosted-local',
        '  app:',
        '    build:',
        '      context: app',
        '      dockerfile: build/app.Dockerfile',
        '      args: [NODE=20, SAME=1]',
        '  shell:',
        '    build:',
        '      context: shell',
        '      args: [NODE]',
        '  plain:',
        '    build: ./shell',
        '',
      ].join('\n'),
      files,
    )
    expect(out.errors).toEqual([])
    // Each image the build's args give, in the Dockerfile and at the args; node:18 and example/same:1 are what the
    // Dockerfile alone gives (the dockerfile format lists them).
    expect(
      out.components.map((c) => [
        c.ref,
        `${c.name}:${c.version}`,
        c.locations.map((l) => `${l.file}:${l.line}:${l.column}`),
      ]),
    ).toEqual([
      [
        '${SENTRY_IMAGE}',
        'ghcr.io/getsentry/sentry:nightly',
        ['deploy/sentry/Dockerfile:2:6', 'deploy/compose.yaml:7:7'],
      ],
      [
        '${BASE_IMAGE}',
        'docker.io/altinity/clickhouse-server:25.8.28.10001.altinitystable',
        ['deploy/clickhouse/Dockerfile:2:6', 'deploy/compose.yaml:17:9'],
      ],
      [
        'node:${NODE}',
        'docker.io/library/node:20',
        ['deploy/app/build/app.Dockerfile:2:6', 'deploy/compose.yaml:29:13'],
      ],
    ])
    // NODE is passed from the environment Compose runs in, not set in .env: the image the file alone gives may not be
    // the one built.
    expect(out.skipped.map((x) => `${x.file}:${x.line} ${x.reason} ${x.message}`)).toEqual([
      'deploy/shell/Dockerfile:2 unset-variable services.shell.build with its args (deploy/compose.yaml): FROM "node:${NODE}": build argument NODE is passed by the build from its environment: not known here',
    ])
  })

  it("takes a service's image from the file it extends when that file is not read on its own (common-services.yml)", () => {
    // The Compose documentation's example: `extends: {file: common-services.yml, service: webapp}`.
    const files: Record<string, string> = {
      'deploy/.env': 'TAG=2.1\n',
      'deploy/common-services.yml':
        'services:\n  webapp:\n    image: example/webapp:${TAG:-1}\n  chained:\n    extends: webapp\n  built:\n    image: example/built:1\n    build: .\n    pull_policy: build\n',
      'deploy/compose.base.yaml': 'services:\n  db:\n    image: postgres:17\n',
    }
    const context = {readText: (f: string) => files[f] ?? null, exists: (f: string) => f in files}
    const text = [
      'services:',
      '  web:',
      '    extends:',
      '      file: common-services.yml',
      '      service: webapp',
      '  own:',
      '    image: example/own:1',
      '    extends: {file: common-services.yml, service: webapp}',
      '  db:',
      '    extends: {file: compose.base.yaml, service: db}',
      '  chain:',
      '    extends: {file: common-services.yml, service: chained}',
      '  built:',
      '    extends: {file: common-services.yml, service: built}',
      '  gone:',
      '    extends: {file: missing.yml, service: x}',
      '',
    ].join('\n')
    const out = discoverer.discover({file: 'deploy/compose.yaml', text}, context) as Required<DiscoverOutput>
    expect(out.errors).toEqual([])
    // compose.base.yaml is a Compose file by name: read on its own, not here.
    expect(
      out.components.map(
        (c) => `${c.locations[0].file}:${c.locations[0].line}:${c.locations[0].column} ${c.name}:${c.version}`,
      ),
    ).toEqual([
      'deploy/common-services.yml:3:12 docker.io/example/webapp:2.1',
      'deploy/compose.yaml:7:12 docker.io/example/own:1',
    ])
    expect(out.skipped.map((x) => `${x.file}:${x.line} ${x.reason} ${x.message}`)).toEqual([
      'deploy/compose.yaml:12 unsupported services.chain.extends common-services.yml (service chained): a service that itself extends another: not followed, the image it gives is not listed',
      'deploy/compose.yaml:16 missing-resource services.gone.extends missing.yml (service x): not in the tree (Compose refuses to start without it): the image it gives is not listed',
    ])
  })

  it('lists the images a build takes as named contexts (additional_contexts: docker-image://), map and list forms', () => {
    const out = discover(
      [
        'services:',
        '  app:',
        '    build:',
        '      context: .',
        '      additional_contexts:',
        '        base: docker-image://alpine:3.20',
        '        src: ../src',
        '        tools: "docker-image://ghcr.io/example/tools:${TOOLS:-2.0}"',
        '        missing: docker-image://example/x:${UNSET}',
        '  job:',
        '    build:',
        '      context: .',
        '      additional_contexts:',
        '        - base=docker-image://debian:bookworm',
        '        - repo=https://git.example.com/example/repo.git',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(summary(out)).toEqual([
      '6:15 alpine:3.20 -> docker.io/library/alpine:3.20',
      '8:16 ghcr.io/example/tools:${TOOLS:-2.0} -> ghcr.io/example/tools:2.0',
      '14:11 debian:bookworm -> docker.io/library/debian:bookworm',
    ])
    expect(out.skipped.map((x) => `${x.line} ${x.reason}`)).toEqual(['9 unset-variable'])
  })

  it('reads build.dockerfile_inline as a Dockerfile: interpolated, with the build args and named contexts, at its own lines', () => {
    const out = discover(
      [
        'services:',
        '  app:',
        '    build:',
        '      additional_contexts:',
        '        base: docker-image://alpine:3.20',
        '      args:',
        '        GO: "1.23"',
        '        FROM_ENV:',
        '      dockerfile_inline: |',
        '        # syntax=docker/dockerfile:1',
        '        ARG GO=1.22',
        '        ARG NODE=${NODE_VERSION:-22}',
        '        FROM golang:$${GO} AS build',
        '        RUN echo $HOME $$PATH',
        '        FROM node:$${NODE}',
        '        COPY --from=base /etc/os-release /',
        '        FROM base',
        '  quoted:',
        '    build:',
        '      args: [TAG=3.19, OTHER]',
        '      dockerfile_inline: "ARG TAG=1 OTHER\\nFROM alpine:${DOLLAR:-$$}{TAG}\\nFROM example/tool:$${OTHER}\\n"',
        '',
      ].join('\n'),
      {'deploy/.env': 'NODE_VERSION=20\n'},
    )
    expect(out.errors).toEqual([])
    expect(summary(out)).toEqual([
      '5:15 alpine:3.20 -> docker.io/library/alpine:3.20',
      '13:14 golang:${GO} -> docker.io/library/golang:1.23',
      '15:14 node:${NODE} -> docker.io/library/node:20',
      '10:18 docker/dockerfile:1 -> docker.io/docker/dockerfile:1',
      // A quoted value: at the value.
      '21:26 alpine:${TAG} -> docker.io/library/alpine:3.19',
    ])
    // OTHER is passed from the environment Compose runs in: not known here.
    expect(out.skipped.map((x) => `${x.line} ${x.reason} ${x.message}`)).toEqual([
      '21 unset-variable services.quoted.build.dockerfile_inline: FROM "example/tool:${OTHER}": build argument OTHER is passed by the build from its environment: not known here',
    ])
  })

  it('leaves out an inline Dockerfile FROM naming an image another service of the file builds', () => {
    const out = discover(
      [
        'services:',
        '  base:',
        '    image: example/base:dev',
        '    build: ./base',
        '  app:',
        '    build:',
        '      dockerfile_inline: |',
        '        FROM example/base:dev',
        '        COPY --from=alpine:3.20 /etc/os-release /',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    // example/base:dev is listed once, for the service that names it (pulled first, built when the pull fails).
    expect(summary(out)).toEqual([
      '3:12 example/base:dev -> docker.io/example/base:dev',
      '9:21 alpine:3.20 -> docker.io/library/alpine:3.20',
    ])
  })

  it('takes an inline Dockerfile build arg without a value from .env, and keeps columns an earlier $$ moved', () => {
    const out = discover(
      [
        'services:',
        '  a:',
        '    build:',
        '      args: [BASE, TAG=1.2, SHELL_ONLY]',
        '      dockerfile_inline: |',
        '        ARG BASE=debian TAG SHELL_ONLY=x',
        '        FROM --platform=$$BUILDPLATFORM $${BASE}:$${TAG}',
        '        FROM example/tool:$${SHELL_ONLY}',
        '',
      ].join('\n'),
      {'deploy/.env': 'BASE=ubuntu\n'},
    )
    expect(out.errors).toEqual([])
    // BASE from .env (Compose's environment holds it); the image's column is where the file writes it.
    expect(summary(out)).toEqual(['7:41 ${BASE}:${TAG} -> docker.io/library/ubuntu:1.2'])
    // SHELL_ONLY is set by no .env: Compose takes it from the shell it runs in, if there.
    expect(out.skipped.map((x) => x.message)).toEqual([
      'services.a.build.dockerfile_inline: FROM "example/tool:${SHELL_ONLY}": build argument SHELL_ONLY is passed by the build from its environment: not known here',
    ])
  })

  it('skips an inline Dockerfile whose image lines use a variable not set here, and not for one in a RUN line', () => {
    const inline = (lines: string[]) =>
      discover(
        ['services:', '  a:', '    build:', '      dockerfile_inline: |', ...lines.map((l) => `        ${l}`), ''].join(
          '\n',
        ),
      )
    const skipped = inline(['FROM alpine:${TAG}', 'RUN true'])
    expect(skipped.components).toEqual([])
    expect(skipped.skipped.map((x) => `${x.line} ${x.message}`)).toEqual([
      '4 services.a.build.dockerfile_inline: TAG (line 1 of the inline Dockerfile) not set here (no default, not in .env), on the lines its images come from; set it and scan the output of `docker compose config`',
    ])
    const continued = inline(['FROM \\', '  alpine:${TAG}'])
    expect(continued.components).toEqual([])
    const read = inline(['FROM alpine:3.20', 'RUN echo $HOME'])
    expect(read.skipped).toEqual([])
    expect(summary(read)).toEqual(['5:14 alpine:3.20 -> docker.io/library/alpine:3.20'])
    expect(inline(['FROM alpine:${'])).toMatchObject({
      errors: [{line: 4, code: 'invalid-variable'}],
    })
  })

  it('reports unset variables at their line, and bad shapes', () => {
    const out = discover(
      'services:\n  a:\n    image: ${IMAGE}\n  b:\n    image: [x]\n  c:\n    image: nginx:${T:?tag needed}\n',
    )
    expect(out.components).toEqual([])
    expect(out.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [
        3,
        'unset-variable',
        'services.a.image "${IMAGE}": IMAGE not set here (no default, not in .env); set it and scan the output of `docker compose config`',
      ],
      [
        7,
        'unset-variable',
        'services.c.image "nginx:${T:?tag needed}": T not set here (no default, not in .env); set it and scan the output of `docker compose config`',
      ],
    ])
    expect(out.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [5, 'invalid-compose', 'services.b.image must be a string'],
    ])
    expect(discover('services: [a]\n').errors.map((e) => e.code)).toEqual(['invalid-compose'])
    expect(discover('services:\n').errors).toEqual([])
  })

  it('refuses an image that expands past 4096 characters, at its line (a long .env value repeated)', () => {
    const out = discover(`services:\n  a:\n    image: "${'${A}'.repeat(400)}"\n  b:\n    image: nginx:1\n`, {
      'deploy/.env': `A=${'a'.repeat(1_000_000)}\n`,
    })
    expect(summary(out)).toEqual(['5:12 nginx:1 -> docker.io/library/nginx:1'])
    expect(out.errors.map((e) => [e.line, e.code])).toEqual([[3, 'invalid-variable']])
    expect(out.errors[0].message).toContain('expands to more than 4096 characters')
    expect(JSON.stringify(out).length).toBeLessThan(20_000)
  })

  it('keeps .env keys as data: __proto__ is a variable like any other, and pollutes nothing', () => {
    const out = discover('services:\n  a:\n    image: x/${__proto__:-y}:1\n', {'deploy/.env': '__proto__=evil\n'})
    expect(summary(out)).toEqual(['3:12 x/${__proto__:-y}:1 -> docker.io/x/evil:1'])
    expect(({} as {evil?: string}).evil).toBeUndefined()
  })
})

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8')
/** A fixture folder as the files a discoverer may read beside its file. */
const beside = (folder: string) => (file: string) => {
  try {
    return readFileSync(join(import.meta.dirname, '__fixtures__', folder, posix.basename(file)), 'utf8')
  } catch {
    return null
  }
}
const located = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.name}:${c.version} ${c.locations.map((l) => `${l.line}:${l.column}`).join(' ')}`)

describe('compose merge tags (https://docs.docker.com/reference/compose-file/merge/)', () => {
  it("reads !reset and !override: both images of the reviewer's override file, no error", () => {
    const out = discover(
      'services:\n  web:\n    image: nginx:1.27\n    ports: !reset []\n  db:\n    image: postgres:16\n',
      {},
      'compose.override.yaml',
    )
    expect(summary(out)).toEqual([
      '3:12 nginx:1.27 -> docker.io/library/nginx:1.27',
      '6:12 postgres:16 -> docker.io/library/postgres:16',
    ])
    expect(out.errors).toEqual([])
  })

  it('drops an image tagged !reset (also through an alias, and a service tagged !reset); reads an !override value', () => {
    const out = discover(
      [
        'x-none: &none !reset null',
        'services:',
        '  api:',
        '    image: !reset null',
        '    build: .',
        '  worker:',
        '    image: *none',
        '  gone: !reset',
        '    image: registry.example.com/gone:1',
        '  proxy:',
        '    image: !override registry.example.com/proxy:2',
        '    ports: !override ["8080:80"]',
        '',
      ].join('\n'),
    )
    expect(summary(out)).toEqual(['11:22 registry.example.com/proxy:2 -> registry.example.com/proxy:2'])
    expect(out.errors).toEqual([])
  })

  it('reports another tag at its line but keeps the images of the file, the node read as untagged (as go-yaml does)', () => {
    const out = discover(
      'services:\n  web:\n    image: !custom nginx:1.27\n    ports: !other []\n  db:\n    image: postgres:16\n',
    )
    expect(summary(out)).toEqual([
      '3:20 nginx:1.27 -> docker.io/library/nginx:1.27',
      '6:12 postgres:16 -> docker.io/library/postgres:16',
    ])
    expect(out.errors.map((e) => [e.line, e.column, e.code, e.message])).toEqual([
      [3, 12, 'yaml-unsupported-tag', 'YAML Unresolved tag: !custom; read as untagged, as Compose reads it'],
      [4, 12, 'yaml-unsupported-tag', 'YAML Unresolved tag: !other; read as untagged, as Compose reads it'],
    ])
  })
})

describe('compose .env interpolation (https://docs.docker.com/compose/env-file/)', () => {
  it('interpolates unquoted and double-quoted values from earlier variables; single-quoted ones are literal', () => {
    const compose = 'services:\n  app:\n    image: ghcr.io/acme/app:${TAG}\n'
    // The reviewer's repro: compose-envinterp/.env.
    const env = 'VERSION=1.2.3\nTAG=${VERSION}-alpine\n'
    expect(summary(discover(compose, {'deploy/.env': env}))).toEqual([
      '3:12 ghcr.io/acme/app:${TAG} -> ghcr.io/acme/app:1.2.3-alpine',
    ])
    expect(summary(discover(compose, {'deploy/.env': 'VERSION=1.2.3\nTAG="v${VERSION}"\n'}))).toEqual([
      '3:12 ghcr.io/acme/app:${TAG} -> ghcr.io/acme/app:v1.2.3',
    ])
    const literal = discover(compose, {'deploy/.env': "VERSION=1.2.3\nTAG='${VERSION}'\n"})
    expect(literal.components).toEqual([])
    expect(literal.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [3, 'invalid-image-ref', expect.stringContaining('"ghcr.io/acme/app:${VERSION}"')],
    ])
  })

  it('names the variable a .env value needs and the file does not set (Compose would take it from the shell)', () => {
    const out = discover('services:\n  app:\n    image: ghcr.io/acme/app:${TAG}\n', {
      'deploy/.env': 'TAG=${VERSION}-alpine\n',
    })
    expect(out.components).toEqual([])
    expect(out.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [
        3,
        'unset-variable',
        'services.app.image "ghcr.io/acme/app:${TAG}": VERSION (used by TAG in .env) not set here (no default, not in .env); set it and scan the output of `docker compose config`',
      ],
    ])
  })

  it('reports a .env Compose cannot read at its line, keeping the variables before it', () => {
    const out = discover('services:\n  a:\n    image: x/a:${A}\n  b:\n    image: x/b:${B}\n', {
      'deploy/.env': 'A=1\nB="2\n',
    })
    expect(summary(out)).toEqual(['3:12 x/a:${A} -> docker.io/x/a:1'])
    expect(out.errors.map((e) => [e.file, e.line, e.code])).toEqual([['deploy/.env', 2, 'invalid-compose']])
    expect(out.skipped.map((s) => s.line)).toEqual([5])
  })

  it('reads the real .env of open-telemetry/opentelemetry-demo (see __fixtures__/SOURCES.md)', () => {
    const out = discoverer.discover(
      {file: 'otel-demo/compose.yaml', text: fixture('otel-demo/compose.yaml')},
      {readText: beside('otel-demo')},
    ) as Required<DiscoverOutput>
    expect(summary(out)).toEqual(['8:12 ${IMAGE_NAME}:${DEMO_VERSION}-ad -> ghcr.io/open-telemetry/demo:latest-ad'])
    expect(out.errors).toEqual([])
  })
})

describe('compose file names and file format v1', () => {
  it("reads a YAML file of any name whose head is a Compose file's (JHipster's src/main/docker/*.yml; were not read)", () => {
    // JHipster writes its Compose files as src/main/docker/app.yml, monitoring.yml, postgresql.yml... (run with
    // `docker compose -f`): no name Compose's own, so prom/prometheus, grafana and the rest were never listed.
    const named = discoverer.named as (file: string) => boolean
    const sniff = discoverer.sniff as (head: string) => boolean
    const monitoring = 'src/main/docker/monitoring.yml'
    expect([discoverer.matches(monitoring), named(monitoring)]).toEqual([true, false])
    expect(
      ['.github/workflows/ci.yml', 'charts/app/values.yaml', 'kustomization.yaml'].map(discoverer.matches),
    ).toEqual([false, false, false])
    for (const name of ['app.yml', 'monitoring.yml', 'postgresql.yml'])
      expect(sniff(fixture(`jhipster-docker/${name}`))).toBe(true)
    expect(summary(discover(fixture('jhipster-docker/monitoring.yml'), {}, monitoring))).toEqual([
      '5:12 prom/prometheus:v3.13.0 -> docker.io/prom/prometheus:v3.13.0',
      '7:12 grafana/grafana:13.1.0 -> docker.io/grafana/grafana:13.1.0',
    ])
    // app.yml extends postgresql.yml, which is read on its own too: the same image at the same place.
    const app = discover(
      fixture('jhipster-docker/app.yml'),
      {'src/main/docker/postgresql.yml': fixture('jhipster-docker/postgresql.yml')},
      'src/main/docker/app.yml',
    )
    expect(app.components.map((c) => `${c.locations[0].file}:${c.locations[0].line} ${c.ref}`)).toEqual([
      'src/main/docker/app.yml:5 jhipstersampleapplication',
      'src/main/docker/postgresql.yml:5 postgres:18.4',
    ])
    // Not Compose: a top-level key Compose has not (a manifest, a workflow, a GitLab job, Helm values, a Concourse
    // pipeline), a `services:` list (GitLab CI's), or no services at all.
    for (const head of [
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: nginx\n',
      'services:\n  - postgres:15\ntest:\n  script: make\n',
      'services:\n  db:\n    image: postgres\njobs:\n  build: {}\n',
      'image:\n  repository: nginx\n  tag: 1.25\n',
      'resources:\n  - name: repo\njobs:\n  - name: build\n',
      'services:\n  - name: db\n    image: postgres\n',
      'name: acme\nservices:\n',
      'name: acme\nnetworks:\n  default: {}\n',
      '- services:\n    db:\n      image: postgres\n',
    ])
      expect(sniff(head)).toBe(false)
    // Comments, a document marker, quoted keys and extensions are Compose's; a last line cut by the head is not judged.
    expect(sniff('# a comment\n---\n"services":\n  # db\n  db:\n    image: postgres\nx-common: &c {}\nvolu')).toBe(true)
  })

  it("does not take another tool's name: + services: file for Compose (azure.yaml, .tugboat/config.yml, vela.yaml)", () => {
    // Their images were listed as Compose's: a service key Compose refuses (its schema allows no other) says not.
    const sniff = discoverer.sniff as (head: string) => boolean
    expect(sniff(fixture('azd-todo/azure.yaml'))).toBe(false)
    expect(sniff(fixture('kubevela-testapp/vela.yaml'))).toBe(false)
    // Tugboat (fictional; the keys of https://docs.tugboatqa.com/setting-up-services/services-reference/).
    const tugboat = 'services:\n  php:\n    image: tugboatqa/php:8.3-apache\n    default: true\n    depends: mysql\n'
    expect(
      sniff(`${tugboat}    commands:\n      init:\n        - apt-get update\n  mysql:\n    image: tugboatqa/mysql:8\n`),
    ).toBe(false)
    // The JHipster files stay Compose.
    for (const name of ['app.yml', 'monitoring.yml', 'postgresql.yml'])
      expect(sniff(fixture(`jhipster-docker/${name}`))).toBe(true)
  })

  it("claims Renovate's names: docker-compose_secrets.yml as well (traefik/traefik, see __fixtures__/SOURCES.md)", () => {
    const file = 'docs/content/user-guides/docker-compose/acme-dns/docker-compose_secrets.yml'
    const named = discoverer.named as (file: string) => boolean
    expect(['compose_x.yml', file, 'composer.yml', 'my-compose.yml'].map(named)).toEqual([true, true, false, false])
    // podman-compose's own default names too (umami's podman/podman-compose.yml was not read).
    expect(
      ['podman/podman-compose.yml', 'container-compose.yaml', 'container-compose.override.yml', 'podman.yml'].map(
        named,
      ),
    ).toEqual([true, true, true, false])
    const out = discover(fixture('traefik-acme-dns/docker-compose_secrets.yml'), {}, file)
    expect(summary(out)).toEqual([
      '8:12 traefik:v3.7 -> docker.io/library/traefik:v3.7',
      '12:12 traefik/whoami -> docker.io/traefik/whoami:latest',
    ])
  })

  it('skips a version-1 file (services at the top level) with a reason, and says nothing of a file of volumes alone', () => {
    const out = discover('web:\n  image: nginx:1\n  links: [db]\ndb:\n  image: postgres:9\n')
    expect(out.components).toEqual([])
    expect(out.skipped.map((s) => [s.line, s.reason, s.message])).toEqual([
      [
        1,
        'unsupported',
        'no services: key; web, db at the top level with image: or build: is Compose file format v1, which Compose v2 does not read; not read',
      ],
    ])
    expect(discover('volumes:\n  data: {}\nx-base:\n  image: nginx:1\n').skipped).toEqual([])
  })
})

describe('compose images taken through merge keys and aliases', () => {
  it('locates each service that takes the image, beside where it is written (n8n-io/self-hosted-ai-starter-kit)', () => {
    const out = discover(fixture('n8n-starter/docker-compose.yml'))
    expect(located(out)).toEqual([
      'docker.io/library/postgres:16-alpine 15:12',
      'docker.io/n8nio/n8n:latest 6:10 18:5',
      'docker.io/n8nio/n8n:latest 6:10 22:5',
      'docker.io/ollama/ollama:latest 10:10 26:5',
      'docker.io/ollama/ollama:rocm 32:12',
    ])
  })

  it('an alias to a scalar is located where the service uses it; a service merging an earlier one at the service too', () => {
    const out = discover(
      'x-tag: &img nginx:1\nservices:\n  a:\n    image: *img\n  b: &b\n    image: redis:7\n  c:\n    <<: *b\n    ports: []\n',
    )
    expect(located(out)).toEqual([
      // The YAML reader places a scalar taken through an alias at the alias: the service's own text.
      'docker.io/library/nginx:1 4:12',
      'docker.io/library/redis:7 6:12',
      'docker.io/library/redis:7 6:12 8:5',
    ])
  })
})

describe('compose services that are aliases of another mapping', () => {
  it('locates the image of a service written as an alias at the alias too (flow style)', () => {
    const out = discover('services: {a: &a {image: example.org/x:1}, b: *a}\n')
    expect(located(out)).toEqual(['example.org/x:1 1:26', 'example.org/x:1 1:26 1:47'])
    expect(out.errors).toEqual([])
  })

  it('locates the image of a service written as an alias at the alias too (block style, x- anchors)', () => {
    const out = discover(
      [
        'x-app: &app',
        '  image: example.org/app:2',
        '  restart: always',
        'services:',
        '  a: &a',
        '    image: example.org/x:1',
        '  b: *a',
        '  c: *app',
        '  d:',
        '    <<: *a',
        '  e: *app',
        '',
      ].join('\n'),
    )
    expect(located(out)).toEqual([
      'example.org/x:1 6:12',
      'example.org/x:1 6:12 7:6',
      'example.org/app:2 2:10 8:6',
      // a merge (`<<: *a`) stays located at the service's mapping, as before
      'example.org/x:1 6:12 10:5',
      'example.org/app:2 2:10 11:6',
    ])
  })

  it('gives each of many services that are one alias its own place, in bounded work', () => {
    const count = 5_000
    const text = `x-s: &s {image: example.org/x:1}\nservices:\n${Array.from({length: count}, (_, i) => `  s${i}: *s\n`).join('')}`
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(out.components).toHaveLength(count)
    expect(out.components.at(-1)!.locations.map((l) => `${l.line}:${l.column}`)).toEqual(['1:17', `${count + 2}:10`])
  })
})

describe('compose images tagged !!binary (read as go-yaml reads them: the decoded bytes as a string)', () => {
  it('reads the decoded text as the image, in any scalar style, interpolated as any image', () => {
    // example.org/x:1, example.org/y:${T:-2} and example.org/z:3, base64 (the last one cut over two lines)
    const out = discover(
      [
        'services:',
        '  a:',
        '    image: !!binary ZXhhbXBsZS5vcmcveDox',
        '  b:',
        '    image: !!binary "ZXhhbXBsZS5vcmcveToke1Q6LTJ9"',
        '  c:',
        '    image: !!binary |',
        '      ZXhhbXBs',
        '      ZS5vcmcvejoz',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(summary(out)).toEqual([
      '3:21 example.org/x:1 -> example.org/x:1',
      '5:21 example.org/y:${T:-2} -> example.org/y:2',
      '7:21 example.org/z:3 -> example.org/z:3',
    ])
  })

  it('reads a !!binary key as the key it encodes: `!!binary aW1hZ2U=` is `image` to Compose', () => {
    const out = discover('!!binary c2VydmljZXM=:\n  a:\n    !!binary aW1hZ2U=: example.org/x:1\n')
    expect(out.errors).toEqual([])
    expect(summary(out)).toEqual(['3:24 example.org/x:1 -> example.org/x:1'])
  })

  it('reports a !!binary image that is not base64 (Compose refuses the file) or not UTF-8 text, at its line', () => {
    const out = discover(
      [
        'services:',
        '  a:',
        '    image: !!binary ZXhhbXBsZS5vcmcveDox=',
        '  b:',
        '    image: !!binary ZXhh bXBs',
        '  c:',
        '    image: !!binary //79',
        '  d:',
        '    image: example.org/d:1',
        '',
      ].join('\n'),
    )
    expect(summary(out)).toEqual(['9:12 example.org/d:1 -> example.org/d:1'])
    expect(out.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [3, 'invalid-compose', 'services.a.image: !!binary value is not base64 (Compose refuses it)'],
      [5, 'invalid-compose', 'services.b.image: !!binary value is not base64 (Compose refuses it)'],
      [7, 'invalid-compose', 'services.c.image: !!binary value decodes to bytes that are not UTF-8 text'],
    ])
  })

  it('reads pull_policy: !!binary as its decoded text too, and other tags as before', () => {
    const out = discover(
      'services:\n  a:\n    image: example.org/a:1\n    pull_policy: !!binary YnVpbGQ=\n  b:\n    image: !!str example.org/b:1\n  c:\n    image: !!int 1\n',
    )
    expect(summary(out)).toEqual(['6:18 example.org/b:1 -> example.org/b:1'])
    expect(out.errors.map((e) => [e.line, e.code])).toEqual([[8, 'invalid-compose']])
  })
})

describe('compose include (https://docs.docker.com/reference/compose-file/include/)', () => {
  it("interpolates an included file with the including project's variables first, then its own env files", () => {
    // compose-go loader/include.go ApplyInclude: `environment.Clone().Merge(envFromFile)`, the including project's
    // variables (its .env) kept over the included one's; the included one's .env is that of its project directory
    // (`project_directory`, else the first path's folder), or its `env_file` list.
    const files: Record<string, string> = {
      'deploy/.env': 'PG=17\n',
      'deploy/infra/.env': 'PG=15\nREDIS=7.4\n',
      'deploy/infra/databases.yaml': 'services:\n  db:\n    image: postgres:${PG:-16}\n',
      'deploy/infra/cache.yml': 'services:\n  cache:\n    image: redis:${REDIS:-7}\n',
      'deploy/infra/override.yml': 'services:\n  cache:\n    image: valkey/valkey:${REDIS:-8}\n',
      'deploy/tools/tools.yml': 'services:\n  t:\n    image: example/tool:${TOOL:-1}\n',
      'deploy/tools/tools.env': 'TOOL=2\n',
      'deploy/tools/other.yml': 'services:\n  o:\n    image: example/other:${TOOL:-1}\n',
      'deploy/elsewhere/.env': 'TOOL=3\n',
    }
    const context = {readText: (f: string) => files[f] ?? null, exists: (f: string) => f in files}
    const text = `include:
  - infra/databases.yaml
  - path: [infra/cache.yml, infra/override.yml]
  - path: tools/tools.yml
    env_file: [tools/tools.env, tools/missing.env]
  - path: tools/other.yml
    project_directory: elsewhere
services:
  web:
    image: nginx:1.27
`
    const out = discoverer.discover({file: 'deploy/compose.yaml', text}, context) as Required<DiscoverOutput>
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.locations[0].file}:${c.locations[0].line} ${c.name}:${c.version}`)).toEqual([
      'deploy/compose.yaml:10 docker.io/library/nginx:1.27',
      // PG from the including project's .env (17), not the included folder's (15), nor the default.
      'deploy/infra/databases.yaml:3 docker.io/library/postgres:17',
      'deploy/infra/cache.yml:3 docker.io/library/redis:7.4',
      'deploy/infra/override.yml:3 docker.io/valkey/valkey:7.4',
      'deploy/tools/tools.yml:3 docker.io/example/tool:2',
      'deploy/tools/other.yml:3 docker.io/example/other:3',
    ])
    expect(out.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      'deploy/compose.yaml:5 missing-resource include env_file tools/missing.env: not in the tree (Compose refuses to start without it): its variables are not read',
    ])
  })

  it('reads the services of included files, located in them with their own .env; reports remote and missing ones', () => {
    const files: Record<string, string> = {
      'deploy/infra/databases.yaml': 'services:\n  db:\n    image: postgres:${PG:-16}\n',
      'deploy/infra/.env': 'PG=17\n',
      'deploy/infra/cache.yml': 'services:\n  cache:\n    image: redis:7\n',
      'deploy/other/compose.yaml': 'services:\n  x:\n    image: busybox:1\n',
      'deploy/infra/loop.yaml': 'include: [loop.yaml]\nservices:\n  l:\n    image: alpine:3.20\n',
    }
    const context = {readText: (f: string) => files[f] ?? null, exists: (f: string) => f in files}
    const text = `include:
  - infra/databases.yaml
  - path: [infra/cache.yml, other/compose.yaml]
  - oci://registry.example.com/stacks/base:1
  - infra/missing.yaml
  - infra/loop.yaml
services:
  web:
    image: nginx:1.27
`
    const out = discoverer.discover({file: 'deploy/compose.yaml', text}, context) as Required<DiscoverOutput>
    expect(out.errors).toEqual([])
    // An include that cannot be read (it is there) is an error: the run is incomplete.
    const unreadable = discoverer.discover(
      {file: 'deploy/compose.yaml', text: 'include: [locked.yaml]\n'},
      {readText: () => null, exists: () => true},
    ) as Required<DiscoverOutput>
    expect(unreadable.errors.map((e) => `${e.line} ${e.code}`)).toEqual(['1 include-not-read'])
    expect(out.components.map((c) => `${c.locations[0].file}:${c.locations[0].line} ${c.ref}`)).toEqual([
      'deploy/compose.yaml:9 nginx:1.27',
      'deploy/infra/databases.yaml:3 postgres:${PG:-16}',
      'deploy/infra/cache.yml:3 redis:7',
      'deploy/infra/loop.yaml:4 alpine:3.20',
    ])
    expect(out.components[1].version).toBe('17')
    expect(out.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      'deploy/compose.yaml:4 remote-resource include oci://registry.example.com/stacks/base:1: a remote Compose file (git or OCI), not fetched: its services are not read',
      'deploy/compose.yaml:5 missing-resource include infra/missing.yaml: not in the tree (Compose refuses to start without it): its services are not read',
      'deploy/infra/loop.yaml:1 unsupported include loop.yaml: includes a file already on its include chain, or too deep a chain: not read again',
    ])
  })
})
