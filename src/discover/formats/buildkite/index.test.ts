// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {sniffing} from '../../sniff.js'
import type {DiscoverOutput} from '../../types.js'
import {registeredDiscoverer} from '../../../../tests/support/registered.js'
import {discoverer} from './index.js'

/** k8s-manifest, from the registry: plug-ins never import each other. */
const k8sManifest = registeredDiscoverer('k8s-manifest')

function discover(text: string, file = '.buildkite/pipeline.yml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const fixture = (project: string, name = 'pipeline.yml') =>
  readFileSync(join(import.meta.dirname, '__fixtures__', project, '.buildkite', name), 'utf8')
const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.purl}`)
const plugins = (out: Required<DiscoverOutput>) =>
  out.components
    .filter((c) => c.kind === 'package')
    .map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.name}@${c.version ?? ''}`)
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

describe('buildkite', () => {
  it("claims the files the agent uploads by default, SchemaStore's variants and any YAML under .buildkite/ (sniffed)", () => {
    expect(
      [
        '.buildkite/pipeline.yml',
        '.buildkite/pipeline.yaml',
        '.buildkite/pipeline.json',
        'buildkite.yml',
        'buildkite.yaml',
        'svc/buildkite.json',
        'buildkite/pipeline.yml',
        'buildkite/pipeline.json',
        '.buildkite/pipeline.release.yml',
        'buildkite.deploy.yaml',
        '.buildkite/rbac.yaml',
        '.buildkite/docker-compose.yml',
        '.buildkite/cache.yml',
        'buildkite/other.yml',
        'buildkite/pipeline.release.yml',
        'my-buildkite.yml',
        'buildkite.yml.bak',
        'pipeline.yml',
      ].map(discoverer.matches),
    ).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ])
  })

  it('keeps a file under such a name when its content is a pipeline; a Kubernetes manifest is left to k8s-manifest', () => {
    const sniff = (text: string, tail?: string) => discoverer.sniff?.(text, () => tail) ?? false
    expect(sniff('env: {A: b}\nsteps:\n  - command: make')).toBe(true)
    expect(sniff('# generated\n---\n- command: make\n- wait')).toBe(true)
    expect(sniff('{"env": {}, "steps": [{"command": "make"}]}')).toBe(true)
    expect(sniff('x-anchors: {}', 'steps:\n  - wait')).toBe(true)
    expect(sniff('kind: Role\nrules:', '- apiGroups: [""]\n  verbs: [get]')).toBe(false)
    expect(sniff('kind: ConfigMap\ndata: {a: \'{"steps": []}\'}')).toBe(false)
    expect(sniff('apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec: {}')).toBe(false)
    expect(sniff('apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nrules:\n- apiGroups: [""]')).toBe(false)
    const kept = (text: string) => sniffing([k8sManifest, discoverer], () => text).map((format) => format.id)
    expect(kept('steps:\n  - wait')).toEqual(['buildkite'])
    expect(kept('apiVersion: v1\nkind: Pod')).toEqual(['k8s-manifest'])
    expect(k8sManifest.matches('apps/buildkite.yaml')).toBe(true)
  })

  it("lists a real plugin's own pipeline: short names at their refs, a plugin named by variables reported", () => {
    // buildkite-plugins/docker-buildkite-plugin tests itself by naming its own repository and commit.
    const text = fixture('docker-buildkite-plugin')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(plugins(out)).toEqual([
      '4:9 shellcheck#v1.4.0 -> github.com/buildkite-plugins/shellcheck-buildkite-plugin@v1.4.0',
      '12:9 plugin-linter#v3.3.0 -> github.com/buildkite-plugins/plugin-linter-buildkite-plugin@v3.3.0',
      '17:9 plugin-tester#v1.3.0 -> github.com/buildkite-plugins/plugin-tester-buildkite-plugin@v1.3.0',
      '22:9 secrets#v2.2.0 -> github.com/buildkite-plugins/secrets-buildkite-plugin@v2.2.0',
      '25:9 ossf-scorecard#v1.0.1 -> github.com/buildkite-plugins/ossf-scorecard-buildkite-plugin@v1.0.1',
    ])
    expect(out.components[0]).toMatchObject({
      kind: 'package',
      ecosystem: 'generic',
      purl: 'pkg:generic/github.com/buildkite-plugins/shellcheck-buildkite-plugin@v1.4.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fbuildkite-plugins%2Fshellcheck-buildkite-plugin%40v1.4.0',
      direct: true,
      origin: 'manifest',
    })
    expect(out.components[0].scope).toBeUndefined()
    const variables =
      'plugin "${BUILDKITE_PULL_REQUEST_REPO:-$BUILDKITE_REPO}#${BUILDKITE_COMMIT}" holds an environment variable, interpolated by buildkite-agent pipeline upload from the build\'s environment; not guessed'
    expect(skips(out)).toEqual([
      `33 unsupported steps[5].plugins[0]: ${variables}`,
      `38 unsupported steps[6].plugins[0]: ${variables}`,
    ])
    expect(discoverer.identify?.(text)).toBe(true)
  })

  it("reads the Docker plugin's image in the older mapping form; Docker Compose names no image (buildkite/cli)", () => {
    const out = discover(fixture('cli'))
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '6:7 docker#v3.5.0 -> pkg:generic/github.com/buildkite-plugins/docker-buildkite-plugin@v3.5.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fbuildkite-plugins%2Fdocker-buildkite-plugin%40v3.5.0',
      '7:16 golang:1.16 -> pkg:docker/library/golang@1.16',
      '13:7 docker-compose#v3.0.0 -> pkg:generic/github.com/buildkite-plugins/docker-compose-buildkite-plugin@v3.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fbuildkite-plugins%2Fdocker-compose-buildkite-plugin%40v3.0.0',
      '22:7 golang-cross-compile#v1.3.0 -> pkg:generic/github.com/buildkite-plugins/golang-cross-compile-buildkite-plugin@v1.3.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fbuildkite-plugins%2Fgolang-cross-compile-buildkite-plugin%40v1.3.0',
    ])
    expect(out.components.find((c) => c.kind === 'image')).toMatchObject({ecosystem: 'docker', origin: 'manifest'})
  })

  it('lists the step images of a real Kubernetes-stack pipeline, a merged step once, a plugin without a ref reported', () => {
    // buildkite/agent-stack-k8s: `image` on steps, a step template merged with `<<: *push-helm` into two steps, the
    // controller's own `kubernetes` key, and `test-collector` without a version.
    const out = discover(fixture('agent-stack-k8s', 'pipeline.yaml'), '.buildkite/pipeline.yaml')
    expect(out.errors).toEqual([])
    const golangAlpine =
      'public.ecr.aws/docker/library/golang:1.26.5-alpine@sha256:0178a641fbb4858c5f1b48e34bdaabe0350a330a1b1149aabd498d0699ff5fb2'
    const golang =
      'public.ecr.aws/docker/library/golang:1.26.5@sha256:2005724102f45917a63e9d092fc0e4ea56ea575048ce147caad5f5f61502c365'
    const alpine = 'alpine:3.23.0@sha256:51183f2cfa6320055da30872f211093f9ff1d3cf06f39a0bdb212314c5dc7375'
    expect(out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref}`)).toEqual([
      `28:12 ${golangAlpine}`,
      '38:12 golangci/golangci-lint:v2.12.2-alpine@sha256:91b27804074a0bacea298707f016911e60cf0cdbc6c7bf5ccacb5f0606d18d60',
      `49:12 ${golangAlpine}`,
      '58:12 alpine/helm:3.18.3',
      `63:12 ${alpine}`,
      `74:12 ${golang}`,
      '84:9 test-collector',
      `96:12 ${golang}`,
      `9:12 ${alpine}`,
      `139:12 ${alpine}`,
      `159:12 ${golangAlpine}`,
    ])
    expect(out.components[6]).toMatchObject({
      name: 'github.com/buildkite-plugins/test-collector-buildkite-plugin',
      purl: 'pkg:generic/github.com/buildkite-plugins/test-collector-buildkite-plugin?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fbuildkite-plugins%2Ftest-collector-buildkite-plugin',
    })
    expect(out.components[6].version).toBeUndefined()
    expect(skips(out)).toEqual([
      '84 unresolved-version steps[5].plugins[1]: plugin "test-collector" names no version (#ref): the agent checks out the default branch of github.com/buildkite-plugins/test-collector-buildkite-plugin when the job runs; listed without a version',
    ])
  })

  it('follows the agent for every kind of plugin name; credentials in a URL are never kept or shown', () => {
    const out = discover(
      [
        'steps:',
        '  - command: make',
        '    plugins:',
        '      - acme/lint#v1.2.0',
        '      - github.com/acme/tools/lint#v2',
        '      - https://github.com/acme/deploy-buildkite-plugin.git#v3.0.0: {env: prod}',
        '      - ssh://git@github.com/acme/private-buildkite-plugin.git#main',
        '      - https://x-access-token:s3cr3t@token@gitlab.com/group/sub/plugin#v1',
        '      - https://git.example.com/team/tool.git/plugins/p#abc123',
        '      - docker-buildkite-plugin#v1',
        '      - ./.buildkite/plugins/local',
        '      - file:///opt/plugins/x#v1',
        '      - kubernetes: {podSpec: {containers: [{image: acme/pod:1}]}}',
        '      - https://github.com/buildkite-plugins/docker-buildkite-plugin#v5.12.0:',
        '          image: node:20',
        '  - group: Tests',
        '    steps:',
        '      - label: unit',
        '        plugins:',
        '          - docker#v5.12.0: {image: "python:3.12", environment: [PASSWORD=hunter2]}',
        '          - docker#v5.12.0: {image: "acme/app:${TAG}"}',
        '          - docker#v5.12.0: {image: "acme/{{matrix.os}}:1"}',
        '          - "{{matrix.plugin}}#v1"',
        '        matrix: [a, b]',
        '  - wait',
        '  - block: Release?',
        '  - trigger: deploy',
        '    build: {message: x}',
        '  - type: script',
        '    image: ruby:3.3',
        '  - input: x',
        '    image: not-read:1',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(plugins(out)).toEqual([
      '4:9 acme/lint#v1.2.0 -> github.com/acme/lint-buildkite-plugin@v1.2.0',
      '5:9 github.com/acme/tools/lint#v2 -> github.com/acme/tools@v2',
      '6:9 https://github.com/acme/deploy-buildkite-plugin.git#v3.0.0 -> github.com/acme/deploy-buildkite-plugin@v3.0.0',
      '7:9 ssh://git@github.com/acme/private-buildkite-plugin.git#main -> github.com/acme/private-buildkite-plugin@main',
      '8:9 https://gitlab.com/group/sub/plugin#v1 -> gitlab.com/group/sub/plugin@v1',
      '9:9 https://git.example.com/team/tool.git/plugins/p#abc123 -> git.example.com/team/tool@abc123',
      '10:9 docker-buildkite-plugin#v1 -> github.com/buildkite-plugins/docker-buildkite-plugin-buildkite-plugin@v1',
      '14:9 https://github.com/buildkite-plugins/docker-buildkite-plugin#v5.12.0 -> github.com/buildkite-plugins/docker-buildkite-plugin@v5.12.0',
      '20:13 docker#v5.12.0 -> github.com/buildkite-plugins/docker-buildkite-plugin@v5.12.0',
      '21:13 docker#v5.12.0 -> github.com/buildkite-plugins/docker-buildkite-plugin@v5.12.0',
      '22:13 docker#v5.12.0 -> github.com/buildkite-plugins/docker-buildkite-plugin@v5.12.0',
    ])
    expect(out.components.filter((c) => c.kind === 'image').map((c) => `${c.locations[0].line} ${c.ref}`)).toEqual([
      '15 node:20',
      '20 python:3.12',
      '30 ruby:3.3',
    ])
    expect(out.components[3].purl).toBe(
      'pkg:generic/github.com/acme/private-buildkite-plugin@main?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Facme%2Fprivate-buildkite-plugin.git%40main',
    )
    expect(skips(out)).toEqual([
      '21 unsupported steps[1].steps[0].plugins[1]: docker plugin image "acme/app:${TAG}" holds an environment variable, interpolated by buildkite-agent pipeline upload from the build\'s environment; not guessed',
      '22 unsupported steps[1].steps[0].plugins[2]: docker plugin image "acme/{{matrix.os}}:1" holds a {{matrix}} value, filled in for each job of the step\'s matrix; not guessed',
      '23 unsupported steps[1].steps[0].plugins[3]: plugin "{{matrix.plugin}}#v1" holds a {{matrix}} value, filled in for each job of the step\'s matrix; not guessed',
    ])
    const all = JSON.stringify(out)
    for (const secret of ['s3cr3t', 'token@gitlab', 'x-access-token', 'hunter2', 'acme/pod'])
      expect(all).not.toContain(secret)
  })

  it('locates each plugin of a mapping at its key, quoted or not, once for a plugin reused through an alias', () => {
    const out = discover(
      [
        'x-plugins:',
        '  - &cache',
        '    cache#v1.0.0: {path: node_modules}',
        'steps:',
        '  - command: a',
        '    plugins:',
        '      "docker#v5.0.0":',
        '        image: "node:20"',
        '      artifacts#v1.9.4: ~',
        "      'junit-annotate#v1.6.0':",
        '        artifacts: "docker#v5.0.0:"',
        '      ecr#v2.9.0:',
        '  - command: b',
        '    plugins: [*cache, {a#1: x, b#2: y}]',
        '  - command: c',
        '    plugins: [*cache]',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out).map((row) => row.split(' -> ')[0])).toEqual([
      '7:7 docker#v5.0.0',
      '8:16 node:20',
      '9:7 artifacts#v1.9.4',
      '10:7 junit-annotate#v1.6.0',
      '12:7 ecr#v2.9.0',
      '3:5 cache#v1.0.0',
      '14:24 a#1',
      '14:32 b#2',
    ])
  })

  it('reports what the agent refuses at its line, and reads the rest', () => {
    const out = discover(
      [
        'steps:',
        '  - command: a',
        '    plugins:',
        '      - git@github.com:acme/x.git#v1',
        '      - a#b#c',
        '      - acme//x#v1',
        '      - https://github.com/acme#v1',
        '      - 42',
        '      - [x]',
        '      - docker#v5: {image: [x]}',
        '      - good#v1',
        '  - command: b',
        '    plugins: oops',
        '  - command: c',
        '    image: {name: x}',
        '  - 7',
      ].join('\n'),
    )
    expect(errors(out)).toEqual([
      '4:9 invalid-entry steps[0].plugins[0]: plugin "git@github.com:acme/x.git#v1" is neither a URL nor a name (write ssh://user@host/path)',
      '5:9 invalid-entry steps[0].plugins[1]: plugin "a#b#c" has more than one #',
      '6:9 invalid-entry steps[0].plugins[2]: plugin "acme//x#v1" names no plugin (an empty part in its name)',
      '7:9 invalid-entry steps[0].plugins[3]: plugin "https://github.com/acme#v1" names no repository on github.com (owner and name are needed)',
      '8:9 invalid-entry steps[0].plugins[4] must be a plugin name or {name: settings}, not a number (42)',
      '9:9 invalid-entry steps[0].plugins[5] must be a plugin name or {name: settings}, not a list',
      '10:28 invalid-entry steps[0].plugins[6]: docker plugin image must be an image name, not a list',
      '13:14 invalid-entry steps[1].plugins must be a list of plugins or a mapping, not a string',
      '15:12 invalid-entry steps[2].image must be an image name, not a mapping',
      '16:5 invalid-entry steps[3] must be a step, not a number (7)',
    ])
    expect(plugins(out).map((row) => row.split(' -> ')[0])).toEqual(['10:9 docker#v5', '11:9 good#v1'])
    expect(errors(discover('steps: {a: 1}'))).toEqual([
      '1:8 invalid-entry steps must be a list of steps, not a mapping',
    ])
    expect(errors(discover('just text'))).toEqual([
      '1:1 invalid-entry a Buildkite pipeline must be a mapping or a list of steps, not a string',
    ])
    expect(discover('steps: [\n').errors.length).toBeGreaterThan(0)
  })

  it('reads a file that is a list of steps, JSON, the pipeline image, and many plugins', () => {
    expect(rows(discover('- command: x\n  plugins: [docker#v5: {image: alpine:3.20}]\n')).length).toBe(2)
    const json = discover(
      '{"image": "ubuntu:24.04", "steps": [{"command": "x", "plugins": [{"docker#v5.1.0": {"image": "node:22"}}]}]}',
      'buildkite.json',
    )
    expect(rows(json).map((row) => row.split(' -> ')[0])).toEqual([
      '1:11 ubuntu:24.04',
      '1:67 docker#v5.1.0',
      '1:94 node:22',
    ])
    const many = Array.from({length: 2000}, (_, i) => `      p${i}#v${i}: {x: "p${i}#v${i}:"}`)
    const out = discover(['steps:', '  - command: x', '    plugins:', ...many].join('\n'))
    expect(out.components).toHaveLength(2000)
    expect(out.components[1999].locations[0]).toMatchObject({line: 2003, column: 7})
  })

  it('shows a plugin it cannot read without its URL user information, to the last @ before the path', () => {
    const out = discover(
      'steps:\n  - plugins:\n      - https://x-access-token:s3cr3t@tok@gitlab.example/g/$NAME-plugin#v1\n',
    )
    expect(skips(out)).toEqual([
      '3 unsupported steps[0].plugins[0]: plugin "https://gitlab.example/g/$NAME-plugin#v1" holds an environment variable, interpolated by buildkite-agent pipeline upload from the build\'s environment; not guessed',
    ])
  })
})
