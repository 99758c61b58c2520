/**
 * The stack formats (Dockerfile, Compose, GitHub Actions) over real files of public repositories
 * (__fixtures__/real-world/SOURCES.md): every component with its file, line and column, through the CLI; the
 * actions then resolve to their repositories offline, with no registry and no cache.
 */
import {describe, expect, it} from 'vitest'
import type {Inventory} from '../../src/core/model.js'
import type {ResolveRun} from '../../src/resolve/index.js'
import {runCli} from '../support/cli.js'

const root = 'tests/stack/__fixtures__/real-world'

function rows(inventory: Inventory): string[] {
  return inventory.components
    .flatMap((c) => c.locations.map((at) => `${at.file.slice(root.length + 1)}:${at.line}:${at.column} ${c.purl}`))
    .sort()
}

describe('stack formats over real files', () => {
  it('argo-cd Dockerfile: ARG default substituted, stages and COPY --from stages skipped, digests kept', async () => {
    const result = await runCli(['inventory', `${root}/argo-cd/Dockerfile`, '--json'])
    expect(result.code, result.stderr).toBe(0)
    const inventory = JSON.parse(result.stdout) as Inventory
    expect([inventory.errors, inventory.skipped]).toEqual([[], []])
    expect(rows(inventory)).toEqual([
      'argo-cd/Dockerfile:102:32 pkg:docker/library/node@sha256:032e78d7e54e352129831743737e3a83171d9cc5b5896f411649c597ce0b11ea?tag=24.17.0',
      'argo-cd/Dockerfile:122:32 pkg:docker/library/golang@sha256:640a234f4bea3e399c056b7b8f9c667c4939befae8db2f14e9785e16eccd4205?tag=1.26.6',
      // FROM $BASE_IMAGE AS argocd-base, with ARG BASE_IMAGE=docker.io/library/ubuntu:26.04@sha256:... on line 1
      'argo-cd/Dockerfile:38:6 pkg:docker/library/ubuntu@sha256:f3d28607ddd78734bb7f71f117f3c6706c666b8b76cbff7c9ff6e5718d46ff64?tag=26.04',
      'argo-cd/Dockerfile:7:6 pkg:docker/library/golang@sha256:640a234f4bea3e399c056b7b8f9c667c4939befae8db2f14e9785e16eccd4205?tag=1.26.6',
    ])
    expect(inventory.components.find((c) => c.name === 'docker.io/library/ubuntu')?.ref).toBe('$BASE_IMAGE')
  })

  it('opentelemetry-demo compose.observability.yaml: images from the .env beside it', async () => {
    const result = await runCli(['inventory', `${root}/opentelemetry-demo`, '--json'])
    expect(result.code, result.stderr).toBe(0)
    const inventory = JSON.parse(result.stdout) as Inventory
    expect([inventory.errors, inventory.skipped]).toEqual([[], []])
    expect(rows(inventory)).toEqual([
      'opentelemetry-demo/compose.observability.yaml:142:12 pkg:docker/open-telemetry/demo@latest-opamp-server?repository_url=ghcr.io',
      'opentelemetry-demo/compose.observability.yaml:14:12 pkg:docker/jaegertracing/jaeger@2.19.0?repository_url=quay.io',
      'opentelemetry-demo/compose.observability.yaml:44:12 pkg:docker/grafana/grafana@13.1.0',
      'opentelemetry-demo/compose.observability.yaml:66:12 pkg:docker/prometheus/prometheus@v3.13.1?repository_url=quay.io',
      'opentelemetry-demo/compose.observability.yaml:95:12 pkg:docker/open-telemetry/demo@latest-opensearch?repository_url=ghcr.io',
    ])
  })

  it('argo-cd image-reuse workflow: pinned actions, resolved to their repositories without a registry', async () => {
    const file = `${root}/argo-cd/.github/workflows/image-reuse.yaml`
    const listed = JSON.parse((await runCli(['inventory', file, '--json'])).stdout) as Inventory
    expect(rows(listed)).toEqual([
      'argo-cd/.github/workflows/image-reuse.yaml:138:15 pkg:githubactions/docker/login-action@dbcb813823bdd20940b903addbd779551569679f',
      'argo-cd/.github/workflows/image-reuse.yaml:146:15 pkg:githubactions/docker/login-action@dbcb813823bdd20940b903addbd779551569679f',
      'argo-cd/.github/workflows/image-reuse.yaml:154:15 pkg:githubactions/docker/login-action@dbcb813823bdd20940b903addbd779551569679f',
      'argo-cd/.github/workflows/image-reuse.yaml:168:15 pkg:githubactions/jlumbroso/free-disk-space@54081f138730dfa15788a46383842cd2f914a1be',
      'argo-cd/.github/workflows/image-reuse.yaml:177:15 pkg:githubactions/docker/build-push-action@53b7df96c91f9c12dcc8a07bcb9ccacbed38856a',
      'argo-cd/.github/workflows/image-reuse.yaml:65:15 pkg:githubactions/step-security/harden-runner@05e31511f85b41b11d1cf0ef85d0992719546e2c',
      'argo-cd/.github/workflows/image-reuse.yaml:70:15 pkg:githubactions/actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1',
      'argo-cd/.github/workflows/image-reuse.yaml:78:15 pkg:githubactions/actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1',
      'argo-cd/.github/workflows/image-reuse.yaml:84:15 pkg:githubactions/actions/setup-go@b7ad1dad31e06c5925ef5d2fc7ad053ef454303e',
      'argo-cd/.github/workflows/image-reuse.yaml:90:15 pkg:githubactions/sigstore/cosign-installer@6f9f17788090df1f26f669e9d70d6ae9567deba6',
      'argo-cd/.github/workflows/image-reuse.yaml:93:15 pkg:githubactions/docker/setup-qemu-action@96fe6ef7f33517b61c61be40b68a1882f3264fb8',
      'argo-cd/.github/workflows/image-reuse.yaml:98:15 pkg:githubactions/docker/setup-buildx-action@37fe631027851001ddb9b187196cc803df7f5f0e',
    ])
    const result = await runCli(['inventory', file, '--json', '--resolve', '--offline'])
    expect(result.code, result.stderr).toBe(0)
    const resolution = (JSON.parse(result.stdout) as {resolution: ResolveRun}).resolution
    expect(resolution.unresolved).toEqual([])
    expect(resolution.groups.map((g) => `${g.repo} ${g.components.length}`)).toEqual([
      'github.com/actions/checkout 1',
      'github.com/actions/setup-go 1',
      'github.com/docker/build-push-action 1',
      'github.com/docker/login-action 1',
      'github.com/docker/setup-buildx-action 1',
      'github.com/docker/setup-qemu-action 1',
      'github.com/jlumbroso/free-disk-space 1',
      'github.com/sigstore/cosign-installer 1',
      'github.com/step-security/harden-runner 1',
    ])
  })
})
