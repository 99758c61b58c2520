import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'

describe('inventory: Buildkite and Concourse', () => {
  it('--json lists the plugins and images of real Buildkite pipelines and the images of real Concourse files', async () => {
    // buildkite/cli's and buildkite/agent-stack-k8s's pipelines, cloudfoundry/bosh-cli's pipeline and a task of it, and
    // concourse/oci-build-task's example task (each format's __fixtures__), under the paths their tools read; beside
    // them a Kubernetes manifest, which the k8s-manifest format still reads.
    const formats = 'src/discover/formats'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-buildkite-concourse-'))
    for (const [from, to] of [
      ['buildkite/__fixtures__/cli/.buildkite/pipeline.yml', 'cli/.buildkite/pipeline.yml'],
      ['buildkite/__fixtures__/agent-stack-k8s/.buildkite/pipeline.yaml', 'agent-stack-k8s/.buildkite/pipeline.yaml'],
      ['concourse/__fixtures__/bosh-cli/ci/pipeline.yml', 'bosh-cli/ci/pipeline.yml'],
      ['concourse/__fixtures__/bosh-cli/ci/tasks/test-unit.yml', 'bosh-cli/ci/tasks/test-unit.yml'],
      ['concourse/__fixtures__/oci-build-task/example.yml', 'oci-build-task/example.yml'],
    ]) {
      await mkdir(join(dir, dirname(to)), {recursive: true})
      await writeFile(join(dir, to), await readFile(join(formats, from), 'utf8'))
    }
    await mkdir(join(dir, 'k8s'))
    await writeFile(
      join(dir, 'k8s/deploy.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: web, image: registry.example.com/acme/web:1.0}\n',
    )
    const json = await inventoryJson(dir)
    // Each file read once, by its own format: the Concourse files by concourse alone, none as a Kubernetes manifest.
    expect(json.files).toBe(6)
    expect(
      json.components.map(
        (c: {kind: string; ref: string; version?: string; locations: Array<{file: string; line: number}>}) =>
          `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line} ${c.kind} ${c.ref}${c.kind === 'package' ? ` @${c.version ?? ''}` : ''}`,
      ),
    ).toEqual([
      'agent-stack-k8s/.buildkite/pipeline.yaml:58 image alpine/helm:3.18.3',
      'bosh-cli/ci/pipeline.yml:531 image bosh/security-scanner',
      'bosh-cli/ci/pipeline.yml:19 image concourse/oci-build-task',
      'oci-build-task/example.yml:7 image concourse/oci-build-task:master',
      'bosh-cli/ci/pipeline.yml:712 image concourse/semver-resource:1.6',
      'bosh-cli/ci/pipeline.yml:707 image dpb587/github-status-resource:master',
      'bosh-cli/ci/pipeline.yml:701 image frodenas/gcs-resource',
      'agent-stack-k8s/.buildkite/pipeline.yaml:38 image golangci/golangci-lint:v2.12.2-alpine@sha256:91b27804074a0bacea298707f016911e60cf0cdbc6c7bf5ccacb5f0606d18d60',
      'agent-stack-k8s/.buildkite/pipeline.yaml:9 image alpine:3.23.0@sha256:51183f2cfa6320055da30872f211093f9ff1d3cf06f39a0bdb212314c5dc7375',
      'cli/.buildkite/pipeline.yml:7 image golang:1.16',
      'bosh-cli/ci/pipeline.yml:670 image ubuntu',
      'bosh-cli/ci/pipeline.yml:662 image ghcr.io/cloudfoundry/bosh/cli:latest',
      'bosh-cli/ci/pipeline.yml:545 image ghcr.io/cloudfoundry/bosh/main-postgres-15:main',
      'bosh-cli/ci/pipeline.yml:538 image ghcr.io/cloudfoundry/bosh/warden-cpi',
      'cli/.buildkite/pipeline.yml:6 package docker#v3.5.0 @v3.5.0',
      'cli/.buildkite/pipeline.yml:13 package docker-compose#v3.0.0 @v3.0.0',
      'cli/.buildkite/pipeline.yml:22 package golang-cross-compile#v1.3.0 @v1.3.0',
      'agent-stack-k8s/.buildkite/pipeline.yaml:84 package test-collector @',
      'agent-stack-k8s/.buildkite/pipeline.yaml:74 image public.ecr.aws/docker/library/golang:1.26.5@sha256:2005724102f45917a63e9d092fc0e4ea56ea575048ce147caad5f5f61502c365',
      'agent-stack-k8s/.buildkite/pipeline.yaml:28 image public.ecr.aws/docker/library/golang:1.26.5-alpine@sha256:0178a641fbb4858c5f1b48e34bdaabe0350a330a1b1149aabd498d0699ff5fb2',
      'k8s/deploy.yaml:6 image registry.example.com/acme/web:1.0',
    ])
    expect(
      json.skipped.map(
        (s: {file: string; line: number; reason: string}) => `${s.file.slice(dir.length + 1)}:${s.line} ${s.reason}`,
      ),
    ).toEqual([
      'agent-stack-k8s/.buildkite/pipeline.yaml:84 unresolved-version',
      // registry-image sources without a tag: Concourse runs the newest semver tag its check finds.
      'bosh-cli/ci/pipeline.yml:19 unresolved-version',
      'bosh-cli/ci/pipeline.yml:321 unresolved-version',
      'bosh-cli/ci/pipeline.yml:531 unresolved-version',
      'bosh-cli/ci/pipeline.yml:538 unresolved-version',
      'bosh-cli/ci/pipeline.yml:670 unresolved-version',
      'bosh-cli/ci/pipeline.yml:701 unresolved-version',
    ])
    // Images written in several places are one component with each place (the bosh-cli pipeline's two
    // oci-build-task image_resources, agent-stack-k8s's steps).
    const ociBuildTask = json.components.find((c: {ref: string}) => c.ref === 'concourse/oci-build-task')
    expect(ociBuildTask.locations.map((l: {line: number}) => l.line)).toEqual([19, 321])
  })
})
