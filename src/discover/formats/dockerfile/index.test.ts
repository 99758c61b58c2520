// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer, isDockerfile} from './index.js'

function discover(text: string, file = 'Dockerfile') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const summary = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.purl}`)

describe('dockerfile', () => {
  it('claims Dockerfiles and Containerfiles by name', () => {
    expect(
      ['Dockerfile', 'a/Containerfile', 'Dockerfile.prod', 'build/api.Dockerfile', 'x.containerfile'].map(isDockerfile),
    ).toEqual([true, true, true, true, false])
    expect(['Dockerfile.dockerignore', 'Dockerfiles/readme.md', 'mydockerfile'].map(isDockerfile)).toEqual([
      false,
      false,
      false,
    ])
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
      [4, 'invalid-variable', 'FROM "${X": unclosed "${" in "${X"'],
    ])
  })

  it('refuses an ARG that expands past 4096 characters, at its line, and goes on (an expansion bomb)', () => {
    // Before, 8 KB of ARGs repeating each other made a 480-million-character image and an out-of-memory crash.
    const text = `ARG A=${'x'.repeat(4000)}\nARG B=${'$A'.repeat(2000)}\nARG C=${'$B'.repeat(60)}\nFROM $C\nFROM busybox\n`
    const out = discover(text)
    expect(summary(out)).toEqual(['5:6 busybox -> pkg:docker/library/busybox@latest'])
    // B cannot be expanded: it keeps its text (as an ARG whose default is not valid does), so C is not an image.
    expect(out.errors.map((e) => [e.line, e.code])).toEqual([[4, 'invalid-image-ref']])
    expect(JSON.stringify(out).length).toBeLessThan(20_000)
    const direct = discover(`ARG A=${'x'.repeat(3000)}\nFROM $A$A\n`)
    expect(direct.errors.map((e) => [e.line, e.code])).toEqual([[2, 'invalid-variable']])
    expect(direct.errors[0].message).toBe('FROM "$A$A": expands to more than 4096 characters')
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
})
