/**
 * The stack formats (Dockerfile, Compose, GitHub Actions) over real files of public repositories
 * (__fixtures__/real-world/SOURCES.md): every component with its file, line and column, through the CLI; the
 * actions then resolve to their repositories offline, with no registry and no cache. The JVM, .NET, Swift, Dart
 * and Terraform lock files are then resolved through the registry emulators, as a scan would.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Inventory} from '../../src/core/model.js'
import {readFileSync} from 'node:fs'
import {discoverPaths} from '../../src/discover/index.js'
import {discoverers} from '../../src/discover/registry.js'
import {type ResolveRun, resolveComponents} from '../../src/resolve/index.js'
import {runCli} from '../support/cli.js'
import {summarise, tempCacheDir} from '../support/registry-emulators/fixtures.js'
import {type RegistryEmulators, startRegistryEmulators} from '../support/registry-emulators/index.js'

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

describe('JVM, .NET, Swift, Dart and Terraform files from real projects', () => {
  let emulators: RegistryEmulators
  beforeAll(async () => {
    emulators = await startRegistryEmulators()
  })
  afterAll(() => emulators.close())
  const dirs = ['commons-text', 'kotlin-bip39', 'qowaiv', 'appstate', 'gallery', 'identity-pki'].map(
    (d) => `${root}/${d}`,
  )

  it('lists every component at its line, reports the parent POM outside the tree, and resolves them', async () => {
    const inventory = await discoverPaths(dirs)
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped.map((s) => `${s.file.slice(root.length + 1)}:${s.line} ${s.reason}`)).toEqual([
      'commons-text/pom.xml:6 missing-resource',
    ])
    expect(rows(inventory)).toEqual([
      'appstate/Package.resolved:3:5 pkg:swift/github.com/0xLeif/Cache@2.1.0',
      'commons-text/pom.xml:17:5 pkg:maven/org.apache.commons/commons-lang3@3.6',
      'commons-text/pom.xml:23:5 pkg:maven/junit/junit@4.12',
      'commons-text/pom.xml:29:5 pkg:maven/org.hamcrest/hamcrest-all@1.3',
      'commons-text/pom.xml:6:3 pkg:maven/org.apache.commons/commons-parent@42?type=pom',
      'gallery/pubspec.lock:11:3 pkg:pub/adaptive_breakpoints@0.0.3',
      'gallery/pubspec.lock:18:3 pkg:pub/args@1.6.0',
      'gallery/pubspec.lock:25:3 undefined',
      'gallery/pubspec.lock:30:3 pkg:pub/provider@4.3.2+2',
      'gallery/pubspec.lock:4:3 pkg:pub/_fe_analyzer_shared@7.0.0',
      'identity-pki/.terraform.lock.hcl:13:11 pkg:terraform/registry.terraform.io/integrations/github@5.18.3',
      'identity-pki/.terraform.lock.hcl:22:11 pkg:terraform/registry.terraform.io/newrelic/newrelic@3.16.0',
      'identity-pki/.terraform.lock.hcl:4:11 pkg:terraform/registry.terraform.io/hashicorp/aws@4.57.0',
      'kotlin-bip39/gradle.lockfile:10:1 pkg:maven/dev.drewhamilton.poko/poko-annotations-jvm@0.17.1',
      'kotlin-bip39/gradle.lockfile:11:1 pkg:maven/dev.drewhamilton.poko/poko-annotations-jvm@0.18.0',
      'kotlin-bip39/gradle.lockfile:12:1 pkg:maven/io.github.detekt.sarif4k/sarif4k-jvm@0.6.0',
      'kotlin-bip39/gradle.lockfile:13:1 pkg:maven/io.gitlab.arturbosch.detekt/detekt-api@1.23.8',
      'kotlin-bip39/gradle.lockfile:14:1 pkg:maven/org.jetbrains.kotlin/kotlin-native-prebuilt@2.0.20',
      'kotlin-bip39/gradle.lockfile:15:1 pkg:maven/org.snakeyaml/snakeyaml-engine@2.7',
      'kotlin-bip39/gradle.lockfile:4:1 pkg:maven/ch.qos.logback/logback-classic@1.3.14',
      'kotlin-bip39/gradle.lockfile:5:1 pkg:maven/ch.qos.logback/logback-core@1.3.14',
      'kotlin-bip39/gradle.lockfile:6:1 pkg:maven/com.github.ajalt.clikt/clikt-core-jvm@5.0.2',
      'kotlin-bip39/gradle.lockfile:7:1 pkg:maven/com.github.ajalt.clikt/clikt-core@5.0.2',
      'kotlin-bip39/gradle.lockfile:8:1 pkg:maven/com.github.ajalt.clikt/clikt-jvm@5.0.2',
      'kotlin-bip39/gradle.lockfile:9:1 pkg:maven/com.github.ajalt.clikt/clikt@5.0.2',
      'qowaiv/packages.lock.json:11:7 pkg:nuget/DotNet.ReproducibleBuilds@2.0.5',
      'qowaiv/packages.lock.json:17:7 pkg:nuget/DotNetProjectFile.Analyzers@1.15.2',
      'qowaiv/packages.lock.json:23:7 pkg:nuget/PolySharp@1.16.0',
      'qowaiv/packages.lock.json:29:7 pkg:nuget/Qowaiv.Analyzers.CSharp@2.5.1',
      'qowaiv/packages.lock.json:35:7 pkg:nuget/SonarAnalyzer.CSharp@10.32.0.713',
      'qowaiv/packages.lock.json:5:7 pkg:nuget/AsyncFixer@2.1.0',
    ])
    const run = await resolveComponents(inventory.components, {
      cacheDir: await tempCacheDir(),
      endpoints: emulators.endpoints,
      retries: 0,
    })
    const outcome = summarise(run)
    expect(
      Object.fromEntries(
        [
          'org.apache.commons:commons-lang3@3.6',
          'PolySharp@1.16.0',
          'github.com/0xLeif/Cache@2.1.0',
          'provider@4.3.2+2',
          'registry.terraform.io/hashicorp/aws@4.57.0',
          'flutter@0.0.0',
          'org.apache.commons:commons-parent@42',
        ].map((key) => [key, outcome[key]]),
      ),
    ).toEqual({
      'org.apache.commons:commons-lang3@3.6': 'github.com/apache/commons-lang medium deps.dev',
      'PolySharp@1.16.0': 'github.com/sergio0694/polysharp medium deps.dev',
      'github.com/0xLeif/Cache@2.1.0': 'github.com/0xLeif/Cache high swiftpm',
      'provider@4.3.2+2': 'github.com/rrousselGit/provider low pub.dev',
      'registry.terraform.io/hashicorp/aws@4.57.0':
        'github.com/hashicorp/terraform-provider-aws medium terraform-registry',
      'flutter@0.0.0': 'unresolved: local',
      // Not in the emulators' data: what a registry that does not know the package says.
      'org.apache.commons:commons-parent@42': 'unresolved: not-found',
    })
  })
})

describe('recognising the stack formats by content (stewards inventory -)', () => {
  it('each real file is recognised by its own format, and by no other', () => {
    const cases: Array<[string, string]> = [
      ['argo-cd/Dockerfile', 'dockerfile'],
      ['argo-cd/.github/workflows/image-reuse.yaml', 'github-actions'],
      ['opentelemetry-demo/compose.observability.yaml', 'compose'],
      ['commons-text/pom.xml', 'maven-pom'],
      ['kotlin-bip39/gradle.lockfile', 'gradle-lockfile'],
      ['qowaiv/packages.lock.json', 'nuget-lock'],
      ['appstate/Package.resolved', 'swiftpm-resolved'],
      ['gallery/pubspec.lock', 'pubspec-lock'],
      ['identity-pki/.terraform.lock.hcl', 'terraform-lock'],
    ]
    for (const [file, format] of cases) {
      const text = readFileSync(`${root}/${file}`, 'utf8')
      expect(
        discoverers.filter((d) => (d.identify ?? d.sniff)?.(text)).map((d) => d.id),
        file,
      ).toEqual([format])
    }
  })
})
