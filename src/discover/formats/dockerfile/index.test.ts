// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {isDockerfile} from '../../file-names.js'
import {discoverer} from './index.js'

const fixture = (path: string) => readFileSync(new URL(`./__fixtures__/${path}`, import.meta.url), 'utf8')

function discover(text: string, file = 'Dockerfile') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const summary = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.purl}`)

describe('dockerfile', () => {
  it('claims Dockerfiles and Containerfiles by name, as Renovate does by default', () => {
    expect(
      ['Dockerfile', 'a/Containerfile', 'Dockerfile.prod', 'build/api.Dockerfile', 'x.containerfile'].map(isDockerfile),
    ).toEqual([true, true, true, true, true])
    // anchore/syft test/install/environments/Dockerfile-alpine-3.6; gitlab-runner
    // tests/dockerfiles/gitlab-runner-helper-entrypoint/dockerfile: both were not read.
    expect(['env/Dockerfile-alpine-3.6', 'a/dockerfile', 'Dockerfile_dev', 'containerfile'].map(isDockerfile)).toEqual([
      true,
      true,
      true,
      true,
    ])
    expect(
      ['Dockerfile.dockerignore', 'Dockerfiles/readme.md', 'mydockerfile', 'dockerfile.go', 'dockerfile_test.go'].map(
        isDockerfile,
      ),
    ).toEqual([false, false, false, false, false])
  })

  it('substitutes global ARG defaults, skips stages, scratch and heredoc bodies, keeps --platform', () => {
    const out = discover(
      [
        '# syntax=docker/dockerfile:1',
        'ARG REGISTRY=ghcr.io/example',
        'ARG BASE=${REGISTRY}/base',
        'ARG VERSION=1.2',
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS Build',
        'RUN <<EOF',
        'FROM nginx:1.0',
        'EOF',
        'FROM --platform=linux/arm64 ${BASE}:${VERSION} AS runtime',
        'COPY --from=build /out /bin',
        'COPY --from=0 /out /bin',
        'COPY --from=gcr.io/distroless/static:nonroot /etc/passwd /etc/passwd',
        'FROM runtime',
        'FROM BUILD AS again',
        'FROM scratch',
        'FROM ${MISSING:-alpine}:3.20',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(summary(out)).toEqual([
      '5:32 golang:1.22 -> pkg:docker/library/golang@1.22',
      '9:29 ${BASE}:${VERSION} -> pkg:docker/example/base@1.2?platform=linux%2Farm64&repository_url=ghcr.io',
      '16:6 ${MISSING:-alpine}:3.20 -> pkg:docker/library/alpine@3.20',
      '12:13 gcr.io/distroless/static:nonroot -> pkg:docker/distroless/static@nonroot?repository_url=gcr.io',
      // The `# syntax=` frontend BuildKit pulls and runs to read the file.
      '1:10 docker/dockerfile:1 -> pkg:docker/docker/dockerfile@1',
    ])
    expect(out.components[1].name).toBe('ghcr.io/example/base')
  })

  it('reports arguments without a default and bad references at their line, and goes on', () => {
    const out = discover(['ARG TAG', 'FROM alpine:${TAG}', 'FROM Alpine:3', 'FROM ${X', 'FROM busybox', ''].join('\n'))
    expect(summary(out)).toEqual(['5:6 busybox -> pkg:docker/library/busybox@latest'])
    expect(out.skipped).toEqual([
      {
        file: 'Dockerfile',
        line: 2,
        reason: 'unset-variable',
        message:
          'FROM "alpine:${TAG}": build argument TAG has no default; pass it with --build-arg and scan the result, or give it a default',
      },
    ])
    expect(out.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [3, 'invalid-image-ref', 'invalid image reference "Alpine:3": repository name must be lowercase'],
      [4, 'invalid-variable', `FROM "\${X": syntax error: missing '}'`],
    ])
  })

  it('refuses an ARG that expands past 4096 characters, at its line, and goes on (an expansion bomb)', () => {
    // Before, 8 KB of ARGs repeating each other made a 480-million-character image and an out-of-memory crash.
    const text = `ARG A=${'x'.repeat(4000)}\nARG B=${'$A'.repeat(2000)}\nARG C=${'$B'.repeat(60)}\nFROM $C\nFROM busybox\n`
    const out = discover(text)
    expect(summary(out)).toEqual(['5:6 busybox -> pkg:docker/library/busybox@latest'])
    // B cannot be expanded: it is unknown (not its raw text), so C is not known either, and FROM $C is an error at
    // its line: the file is not read completely (a skip would let the run pass as whole).
    expect(out.skipped).toEqual([])
    expect(out.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [
        4,
        'invalid-variable',
        'FROM "$C": build argument B cannot be expanded (its default on line 2: expands to more than 4096 characters)',
      ],
    ])
    expect(JSON.stringify(out).length).toBeLessThan(20_000)
    const direct = discover(`ARG A=${'x'.repeat(3000)}\nFROM $A$A\n`)
    expect(direct.errors.map((e) => [e.line, e.code])).toEqual([[2, 'invalid-variable']])
    expect(direct.errors[0].message).toBe('FROM "$A$A": expands to more than 4096 characters')
  })

  it('shares one budget among the words of a file: FROMs tried on each platform pair stop, each an error at its line', () => {
    // Each word under a per-word budget, tried for 15 x 15 platforms: 10 lines took 100 s (the time is
    // bench/hostile.ts's).
    const heavy = `ARG V=${'a'.repeat(800)}\n${'FROM alpine${V//*a*a*a*a*b/x}:${TARGETARCH}${BUILDARCH}\n'.repeat(10)}`
    const out = discover(heavy)
    expect(out.components).toEqual([])
    expect(out.errors.map((e) => [e.line, e.column, e.code])).toEqual(
      Array.from({length: 10}, (_, i) => [i + 2, 6, 'invalid-variable']),
    )
    const word = 'FROM "alpine${V//*a*a*a*a*b/x}:${TARGETARCH}${BUILDARCH}"'
    expect(out.errors[0].message).toBe(
      `${word}: BUILDARCH, TARGETARCH are set by BuildKit for each platform it builds for (automatic platform arguments, not --build-args); the file's substitutions take more than 4000000 steps`,
    )
    for (const error of out.errors.slice(1))
      expect(error.message).toBe(`${word}: the file's substitutions take more than 4000000 steps`)
  })

  it('reports a FROM that names no image, at its line', () => {
    const out = discover('FROM alpine:3.19 AS base\nFROM \nFROM --platform=linux/amd64\nRUN true\n')
    expect(summary(out)).toHaveLength(1)
    expect(out.errors.map((e) => [e.line, e.column, e.code, e.message])).toEqual([
      [2, 1, 'invalid-image-ref', 'FROM names no image'],
      [3, 1, 'invalid-image-ref', 'FROM names no image'],
    ])
  })

  it('reads continuation lines and an escape directive', () => {
    const out = discover(
      ['# escape=`', 'FROM `', '  mcr.microsoft.com/windows/servercore:ltsc2022 AS base', ''].join('\r\n'),
    )
    expect(summary(out)).toEqual([
      '3:3 mcr.microsoft.com/windows/servercore:ltsc2022 -> pkg:docker/windows/servercore@ltsc2022?repository_url=mcr.microsoft.com',
    ])
  })
  it('reads COPY --from beside other flags (dockerfile-ast gives getFromFlag only for a lone flag)', () => {
    const out = discover(
      [
        'FROM alpine:3.20 AS base',
        'COPY --link --from=busybox:1.36 /bin/busybox /busybox',
        'COPY --from=redis:7 --chown=1:1 /usr/local/bin/redis-server /r',
        'COPY --chmod=755 --from=base /a /b',
        '',
      ].join('\n'),
    )
    expect(summary(out)).toEqual([
      '1:6 alpine:3.20 -> pkg:docker/library/alpine@3.20',
      '2:20 busybox:1.36 -> pkg:docker/library/busybox@1.36',
      '3:13 redis:7 -> pkg:docker/library/redis@7',
    ])
  })

  it('takes a bare COPY --from that names no stage for the image of that name, as BuildKit does without a context', () => {
    // `COPY --from=composer /usr/bin/composer …` is how PHP images commonly take Composer: BuildKit pulls the image
    // `composer` when no stage and no named build context (`--build-context`, bake's `contexts`, Compose's
    // `additional_contexts`) has that name (moby/moby#32063: "if it is not found, an image with that name is
    // attempted"). A bare name is no sign of a context, so it stays an image.
    const out = discover(
      ['FROM php:8.4-cli', 'COPY --from=composer /usr/bin/composer /usr/bin/composer', ''].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(summary(out)).toEqual([
      '1:6 php:8.4-cli -> pkg:docker/library/php@8.4-cli',
      '2:13 composer -> pkg:docker/library/composer@latest',
    ])
  })

  it('lists the # syntax= frontend and an image RUN --mount takes from, not a stage or a cache mount', () => {
    const out = discover(
      [
        '# syntax=docker/dockerfile:1.7',
        'ARG TOOLS=1.0',
        'FROM golang:1.22 AS build',
        'RUN --mount=type=cache,target=/root/.cache --mount=type=bind,from=example/tools:1.0,source=/bin,target=/t true',
        'FROM alpine:3.20',
        'RUN --mount=from=build,source=/out,target=/in cp /in/app /app',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(summary(out)).toEqual([
      '3:6 golang:1.22 -> pkg:docker/library/golang@1.22',
      '5:6 alpine:3.20 -> pkg:docker/library/alpine@3.20',
      '4:67 example/tools:1.0 -> pkg:docker/example/tools@1.0',
      '1:10 docker/dockerfile:1.7 -> pkg:docker/docker/dockerfile@1.7',
    ])
  })

  it("refuses a variable in a mount's from, as BuildKit does when it parses the file, whatever the mount's type", () => {
    // moby/buildkit frontend/dockerfile/instructions/commands_runmount.go parseMount, and its integration test
    // testMountFromError: `RUN --mount=from=$ttt,type=cache,target=/tmp ls` fails to build.
    const out = discover(
      [
        'ARG TOOLS=example/tools:1.0',
        'FROM golang:1.22',
        'RUN --mount=type=bind,from=${TOOLS},source=/bin,target=/t --mount=from=$ttt,type=cache,target=/tmp true',
        'RUN --mount=type=secret,id=x,from=a$b --mount=from=example/last$,target=/l true',
        '',
      ].join('\n'),
    )
    const refused =
      "BuildKit refuses variables in a mount's from ('from' doesn't support variable expansion); name a stage made with FROM instead"
    expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      `3:28 invalid-variable RUN --mount from "\${TOOLS}": ${refused}`,
      `3:72 invalid-variable RUN --mount from "$ttt": ${refused}`,
      `4:35 invalid-variable RUN --mount from "a$b": ${refused}`,
      '4:52 invalid-image-ref invalid image reference "example/last$": invalid repository name "example/last$"',
    ])
    // A `$` as the last character is no variable to BuildKit: the mount is read (and is no image reference).
    expect(summary(out)).toEqual(['2:6 golang:1.22 -> pkg:docker/library/golang@1.22'])
    expect(out.skipped).toEqual([])
  })

  it('takes a mount image from bind and cache mounts only, keys without case, and the first syntax directive', () => {
    const out = discover(
      [
        '# syntax=docker/dockerfile:1.7',
        '# syntax=docker/dockerfile:1.6',
        'FROM golang:1.22 AS build',
        'RUN --mount=type=secret,id=x,from=example/secret:1 --mount=type=tmpfs,from=example/tmp:1,target=/t \\',
        '    --mount=TYPE=cache,FROM=example/cache:2,target=/c --mount=From=example/bind:3,target=/b true',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => c.ref)).toEqual([
      'golang:1.22',
      'example/cache:2',
      'example/bind:3',
      'docker/dockerfile:1.7',
    ])
  })

  it('reads # syntax= as BuildKit does: after a #! line, among the leading directives only, the image up to a space', () => {
    const image = (text: string) =>
      discover(text).components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref}`)
    expect(
      image('#!/usr/bin/env -S docker build -f\n#  syntax = docker/dockerfile:1.7 --debug\nFROM alpine:3.20\n'),
    ).toEqual(['3:6 alpine:3.20', '2:13 docker/dockerfile:1.7'])
    expect(image('# escape=`\r\n# check=skip=all\r\n#syntax=docker/dockerfile:1\r\nFROM alpine:3.20\r\n')).toEqual([
      '4:6 alpine:3.20',
      '3:9 docker/dockerfile:1',
    ])
    // A plain comment, an empty line or an unknown directive ends the directives: a later `# syntax=` is a comment.
    for (const before of ['# build me', '', '# unknown=1', 'FROM alpine:3.20'])
      expect(
        image(`${before}\n# syntax=docker/dockerfile:1\nFROM busybox:1.36\n`).some((row) => row.includes('dockerfile')),
      ).toBe(false)
    // A shebang is only a first line.
    expect(image('# syntax=docker/dockerfile:1\n#!/bin/sh\nFROM busybox:1.36\n')).toContain('1:10 docker/dockerfile:1')
    expect(image('FROM busybox:1.36\n#!/bin/sh\n# syntax=docker/dockerfile:1\n')).toEqual(['1:6 busybox:1.36'])
  })

  it('reads several arguments on one ARG line', () => {
    const out = discover('ARG BASE=alpine TAG=3.20 EMPTY=\nFROM ${BASE}:${TAG}$EMPTY\n')
    expect(out.skipped).toEqual([])
    expect(summary(out)).toEqual(['2:6 ${BASE}:${TAG}$EMPTY -> pkg:docker/library/alpine@3.20'])
  })

  it('removes quotes and applies # % / modifiers as BuildKit does; a default that cannot be expanded is an error', () => {
    const out = discover(
      [
        'ARG X',
        'ARG V=${X:-"3.19"}',
        "ARG Q='3.16' FULL=3.18.4",
        'ARG SHORT=${FULL%.*} MAJOR=${FULL%%.*} PATCH=${FULL##*.} MINOR=${FULL#*.}',
        'ARG REPO=docker.io/library/nginx',
        'ARG NAME=${REPO##*/} SWAPPED=${REPO/library/bitnami} ALL=${FULL//./-}',
        'ARG BAD=${FULL:#x}',
        'FROM alpine:$V',
        'FROM "alpine:3.17"',
        'FROM alpine:$Q',
        'FROM alpine:${SHORT}',
        'FROM alpine:${MAJOR}.${PATCH}-${MINOR}',
        'FROM ${NAME}:1 AS n',
        'FROM ${SWAPPED}:1',
        'FROM example.org/a:${ALL}',
        'FROM alpine:$BAD',
        'FROM alpine:${FULL/3/"4"}',
        '',
      ].join('\n'),
    )
    expect(summary(out)).toEqual([
      '8:6 alpine:$V -> pkg:docker/library/alpine@3.19',
      '9:6 "alpine:3.17" -> pkg:docker/library/alpine@3.17',
      '10:6 alpine:$Q -> pkg:docker/library/alpine@3.16',
      '11:6 alpine:${SHORT} -> pkg:docker/library/alpine@3.18',
      '12:6 alpine:${MAJOR}.${PATCH}-${MINOR} -> pkg:docker/library/alpine@3.4-18.4',
      '13:6 ${NAME}:1 -> pkg:docker/library/nginx@1',
      '14:6 ${SWAPPED}:1 -> pkg:docker/bitnami/nginx@1',
      '15:6 example.org/a:${ALL} -> pkg:docker/a@3-18-4?repository_url=example.org',
      '17:6 alpine:${FULL/3/"4"} -> pkg:docker/library/alpine@4.18.4',
    ])
    // A modifier BuildKit refuses: the value is unknown, never the raw text, and the file is not read completely.
    expect(out.skipped).toEqual([])
    expect(out.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [
        16,
        'invalid-variable',
        'FROM "alpine:$BAD": build argument BAD cannot be expanded (its default on line 7: unsupported modifier (:#) in substitution)',
      ],
    ])
  })

  it('takes buildkit archutil.Dockerfile (a FROM chosen from TARGETPLATFORM through # :+ :-) as a stage reference', () => {
    // Before: invalid image reference "exit-loong64-"unsupported"", exit 2. buildkit's own CI builds the file.
    const out = discover(fixture('buildkit/archutil.Dockerfile'), 'hack/dockerfiles/archutil.Dockerfile')
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(summary(out)).toEqual([
      '12:6 debian:${DEBIAN_VERSION}-slim -> pkg:docker/library/debian@trixie-slim',
      '22:6 golang:${GO_VERSION}-alpine${ALPINE_VERSION} -> pkg:docker/library/golang@1.26-alpine3.23',
      '1:10 docker/dockerfile-upstream:master -> pkg:docker/docker/dockerfile-upstream@master',
    ])
  })

  it('takes FROM binaries-$TARGETOS as a stage when each platform names one (buildkit Dockerfile), and lists COPY --link --from', () => {
    const out = discover(fixture('buildkit/Dockerfile'))
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(summary(out)).toEqual([
      '8:32 alpine:${ALPINE_VERSION} -> pkg:docker/library/alpine@3.23',
      '24:6 alpine:${ALPINE_VERSION} -> pkg:docker/library/alpine@3.23',
      '26:6 ubuntu:${UBUNTU_VERSION} -> pkg:docker/library/ubuntu@24.04',
      '10:20 tonistiigi/binfmt:buildkit-v10.2.3-66@sha256:6014c1e52b8e51a67fbf76f691ffbe20ac0204c31c2f086df3e8ef3ce134b488 -> pkg:docker/tonistiigi/binfmt@sha256:6014c1e52b8e51a67fbf76f691ffbe20ac0204c31c2f086df3e8ef3ce134b488?tag=buildkit-v10.2.3-66',
      '1:10 docker/dockerfile-upstream:master -> pkg:docker/docker/dockerfile-upstream@master',
    ])
  })

  it('names platform arguments as BuildKit sets them, not as --build-arg, when not every platform names a stage', () => {
    const out = discover(
      [
        'ARG FLAVOUR',
        'FROM scratch AS binaries-linux',
        'FROM scratch AS binaries-darwin',
        'FROM binaries-$TARGETOS',
        'FROM example.org/tool-${TARGETARCH}:1',
        'FROM binaries-${TARGETOS}$FLAVOUR',
        'FROM example.org/same${TARGETOS:+}:2',
        'FROM example.org/cross-$BUILDARCH-${TARGETARCH}:3',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(summary(out)).toEqual([
      '7:6 example.org/same${TARGETOS:+}:2 -> pkg:docker/same@2?repository_url=example.org',
    ])
    const note =
      'TARGETOS is set by BuildKit for each platform it builds for (an automatic platform argument, not a --build-arg)'
    expect(out.skipped.map((s) => [s.line, s.message])).toEqual([
      [
        4,
        `FROM "binaries-$TARGETOS": ${note}; for windows/amd64 it is "binaries-windows", which is not a stage of this file: scan the image of each platform you build`,
      ],
      [
        5,
        'FROM "example.org/tool-${TARGETARCH}:1": TARGETARCH is set by BuildKit for each platform it builds for (an automatic platform argument, not a --build-arg); for linux/amd64 it is "example.org/tool-amd64:1", which is not a stage of this file: scan the image of each platform you build',
      ],
      [
        6,
        `FROM "binaries-\${TARGETOS}$FLAVOUR": build argument FLAVOUR has no default; pass it with --build-arg and scan the result, or give it a default; ${note}`,
      ],
      [
        8,
        'FROM "example.org/cross-$BUILDARCH-${TARGETARCH}:3": BUILDARCH, TARGETARCH are set by BuildKit for each platform it builds for (automatic platform arguments, not --build-args); for linux/amd64 built on linux/amd64 it is "example.org/cross-amd64-amd64:3", which is not a stage of this file: scan the image of each platform you build',
      ],
    ])
  })

  it('says an ARG declared in a stage is not read, refuses a variable in --from, and gives no qualifier for a platform list', () => {
    const out = discover(
      [
        'FROM --platform=linux/amd64,linux/arm64 node:21',
        'ARG X=redis:7',
        'COPY --from=$X /a /b',
        'FROM alpine:$UNDECLARED',
        '',
      ].join('\n'),
    )
    expect(summary(out)).toEqual(['1:41 node:21 -> pkg:docker/library/node@21'])
    expect(out.skipped.map((s) => [s.line, s.message])).toEqual([
      [4, 'FROM "alpine:$UNDECLARED": build argument UNDECLARED is not declared before the first FROM'],
    ])
    // A variable in --from, of the stage or global: BuildKit refuses the build, so nothing is pulled.
    const refused =
      'BuildKit refuses variables in --from (variable expansion is not supported for --from); name a stage made with FROM instead'
    expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      `3:13 invalid-variable COPY --from "$X": ${refused}`,
    ])
    const global = discover('ARG UV=ghcr.io/astral-sh/uv:0.5.11\nFROM python:3.12\nCOPY --from=${UV} /uv /bin/\n')
    expect(summary(global)).toEqual(['2:6 python:3.12 -> pkg:docker/library/python@3.12'])
    expect(global.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      `3:13 COPY --from "\${UV}": ${refused}`,
    ])
  })

  it('refuses a COPY --from that quotes or an escape change, as BuildKit compares the processed word with the written one', () => {
    // moby/buildkit frontend/dockerfile/dockerfile2llb/convert.go toCommand: `res.Result != c.From` is refused.
    const out = discover(
      [
        'FROM alpine:3.20',
        'COPY --from="nginx:1.27" /a /b',
        "COPY --from='redis' /a /b",
        'COPY --from=example\\/tool:1 /a /b',
        'COPY --from=example/plain:1 /a /b',
        '',
      ].join('\n'),
    )
    expect(summary(out)).toEqual([
      '1:6 alpine:3.20 -> pkg:docker/library/alpine@3.20',
      '5:13 example/plain:1 -> pkg:docker/example/plain@1',
    ])
    const refused =
      'BuildKit refuses a --from that its word processing changes (quotes or the escape character: variable expansion is not supported for --from); write the name bare'
    expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      `2:13 invalid-variable COPY --from ""nginx:1.27"": ${refused}`,
      `3:13 invalid-variable COPY --from "'redis'": ${refused}`,
      `4:13 invalid-variable COPY --from "example\\/tool:1": ${refused}`,
    ])
  })

  it('skips a template file (Dockerfile.hbs) and an image holding {{ or {%, rather than calling them invalid', () => {
    // create-better-t-stack Dockerfile.hbs: `FROM node:24{{#unless …}}` was invalid-image-ref, exit 2.
    const file = 'templates/deploy/docker/web/svelte/Dockerfile.hbs'
    expect(isDockerfile(file)).toBe(true)
    const template = discover(fixture('create-better-t-stack/Dockerfile.hbs'), file)
    expect(template).toEqual({
      components: [],
      errors: [],
      skipped: [
        {
          file,
          reason: 'unsupported',
          message: 'Dockerfile.hbs is a template (.hbs), not a Dockerfile: render it and scan the result',
        },
      ],
    })
    // Rails generators write `Dockerfile.tt` (Thor) and Phoenix `Dockerfile.eex`: `ARG RUBY_VERSION=<%= … %>` was an
    // invalid image reference `ruby:<%=-slim`, exit 2 (rails/rails, real-world review).
    for (const name of [
      'lib/generators/app/templates/Dockerfile.tt',
      'priv/templates/phx.gen.release/Dockerfile.eex',
    ]) {
      const erb = discover('ARG RUBY_VERSION=<%= Gem.ruby_version %>\nFROM ruby:$RUBY_VERSION-slim\n', name)
      expect([erb.components, erb.errors, erb.skipped.map((s) => s.message)]).toEqual([
        [],
        [],
        [
          `${name.slice(name.lastIndexOf('/') + 1)} is a template (${name.slice(name.lastIndexOf('.'))}), not a Dockerfile: render it and scan the result`,
        ],
      ])
    }
    const inline = discover('FROM node:{{ version }}\nFROM python:{% if x %}3{% endif %}\n')
    expect(inline.errors).toEqual([])
    expect(inline.skipped.map((s) => [s.line, s.reason])).toEqual([
      [1, 'unsupported'],
      [2, 'unsupported'],
    ])
  })

  it("skips a Dev Container template's ${templateOption:…}, filled in when the template is applied", () => {
    // devcontainers/templates src/*/.devcontainer/Dockerfile write their base image so.
    const out = discover('FROM mcr.microsoft.com/devcontainers/base:${templateOption:imageVariant}\nFROM alpine:3.20\n')
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => c.ref)).toEqual(['alpine:3.20'])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '1 unset-variable FROM "mcr.microsoft.com/devcontainers/base:${templateOption:imageVariant}" holds a Dev Container template option (${templateOption:…}), filled in when the template is applied: not guessed',
    ])
  })

  it('skips an image whose ARG default is a template option, not an error (microsoft/vscode-dev-containers)', () => {
    // containers/bash/.devcontainer/Dockerfile at 06b27a9: 14 such files made the run exit 2 ("unsupported modifier").
    const out = discover(
      [
        '# [Choice] Debian / Ubuntu version: debian-11, debian-10, ubuntu-20.04',
        'ARG VARIANT=${templateOption:imageVariant}',
        'FROM mcr.microsoft.com/devcontainers/base:${VARIANT}',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(out.components).toEqual([])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '3 unset-variable FROM "mcr.microsoft.com/devcontainers/base:${VARIANT}": build argument VARIANT holds a Dev Container template option (${templateOption:…}) in its default, filled in when the template is applied: not guessed',
    ])
  })
})
