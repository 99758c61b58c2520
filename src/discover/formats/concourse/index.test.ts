import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {registeredDiscoverer} from '../../../../tests/support/registered.js'
import {sniffing} from '../../sniff.js'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

/** k8s-manifest, from the registry: plug-ins never import each other. */
const k8sManifest = registeredDiscoverer('k8s-manifest')

function discover(text: string, file = 'ci/pipeline.yml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const fixture = (path: string) => readFileSync(join(import.meta.dirname, '__fixtures__', path), 'utf8')
const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.purl}`)
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)
const sniff = (text: string, tail?: string) => discoverer.sniff?.(text, () => tail) ?? false

const PIPELINE = ['jobs:', '- name: unit', '  plan:', '  - get: repo'].join('\n')
const TASK = [
  'platform: linux',
  'image_resource:',
  '  type: registry-image',
  '  source: {repository: golang}',
  'run: {path: go}',
].join('\n')

describe('concourse', () => {
  it('is a candidate for any YAML file no other format names, and keeps the ones that are Concourse', () => {
    expect(
      [
        'ci/pipeline.yml',
        'tasks/unit.yaml',
        '.buildkite/rbac.yaml',
        'docker-compose.yml',
        'values.yaml',
        '.buildkite/pipeline.yml',
        'x.json',
      ].map(discoverer.matches),
    ).toEqual([true, true, false, false, false, false, false])
    expect([PIPELINE, TASK].map((text) => sniff(text))).toEqual([true, true])
    // A ytt template of a pipeline (concourse/ci's pipelines/resources/template.yml: jobs written by functions at
    // column 0) is this format's, which reports it; a pipeline whose jobs are past the head and the tail is found in
    // its whole text.
    expect(sniff('#@ load("@ytt:data", "data")\nresources:\n- name: repo\n  type: git\njobs:\n- #@ build()\n')).toBe(
      true,
    )
    const late = `resources:\n${'- {name: r, type: git, source: {uri: x}}\n'.repeat(3_000)}jobs:\n- name: j\n  plan: [{get: r}]\n${'# pad\n'.repeat(20_000)}`
    expect(
      discoverer.sniff?.(late.slice(0, 65_536), () => late.slice(-65_536), {name: 'p.yml', chunks: () => [late]}),
    ).toBe(true)
    expect(sniff('jobs:\n- {name: unit, plan: [{get: repo}]}')).toBe(true)
    // Not Concourse: a Kubernetes manifest, a GitHub workflow (jobs, no plan), a task-like file without run.
    expect(sniff('apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, image: nginx}]}')).toBe(false)
    expect(sniff('on: push\njobs:\n  build:\n    steps: [{run: make}]')).toBe(false)
    expect(sniff('on: push\njobs:\n  plan:\n    runs-on: ubuntu-latest')).toBe(false)
    expect(sniff('jobs: # the pipeline\n\n  - name: x\n    plan: []')).toBe(true)
    expect(sniff('platform: linux\ninputs: []')).toBe(false)
    // A large pipeline whose jobs come after the head: its tail tells.
    expect(sniff('resources:\n- name: repo\n  type: git', 'jobs:\n- name: unit\n  plan: []')).toBe(true)
    expect(sniff('kind: Pod', 'jobs:\n- name: unit\n  plan: []')).toBe(false)
    expect(discoverer.identify?.(PIPELINE)).toBe(true)
  })

  it('takes a Concourse file from the k8s-manifest format, which keeps every other YAML file', () => {
    const formats = [k8sManifest, discoverer]
    const kept = (text: string) => sniffing(formats, () => text).map((format) => format.id)
    expect(kept(PIPELINE)).toEqual(['concourse'])
    expect(kept(TASK)).toEqual(['concourse'])
    expect(kept('apiVersion: v1\nkind: ConfigMap')).toEqual(['k8s-manifest'])
    // A head that cannot be read: the format that reads by name only.
    expect(sniffing(formats, () => new Error('unreadable')).map((format) => format.id)).toEqual(['k8s-manifest'])
  })

  it('lists the task and resource type images of a real pipeline, never its credentials (cloudfoundry/bosh-cli)', () => {
    const text = fixture('bosh-cli/ci/pipeline.yml')
    const out = discover(text)
    expect(out.errors).toEqual([])
    // Resource types first, then each job's tasks: an image_resource where it is written, a task's `image:` at the
    // repository of the resource its job fetched it from, each resource once. golang-release-image (only fetched,
    // to rebuild the CI image) and final-docker (only put: the image the pipeline publishes) are not listed.
    expect(rows(out)).toEqual([
      '701:19 frodenas/gcs-resource -> pkg:docker/frodenas/gcs-resource',
      '707:19 dpb587/github-status-resource:master -> pkg:docker/dpb587/github-status-resource@master',
      '712:19 concourse/semver-resource:1.6 -> pkg:docker/concourse/semver-resource@1.6',
      '19:27 concourse/oci-build-task -> pkg:docker/concourse/oci-build-task',
      '662:19 ghcr.io/cloudfoundry/bosh/cli:latest -> pkg:docker/cloudfoundry/bosh/cli@latest?repository_url=ghcr.io',
      '538:19 ghcr.io/cloudfoundry/bosh/warden-cpi -> pkg:docker/cloudfoundry/bosh/warden-cpi?repository_url=ghcr.io',
      '545:19 ghcr.io/cloudfoundry/bosh/main-postgres-15:main -> pkg:docker/cloudfoundry/bosh/main-postgres-15@main?repository_url=ghcr.io',
      '531:19 bosh/security-scanner -> pkg:docker/bosh/security-scanner',
      '670:19 ubuntu -> pkg:docker/library/ubuntu',
      '321:27 concourse/oci-build-task -> pkg:docker/concourse/oci-build-task',
    ])
    // A registry-image source without a tag: Concourse runs the newest semver tag its check finds, so no version.
    const newest =
      "has no tag: Concourse runs the newest semver tag (or latest, when its image is none of those tags'), found when it checks the resource; listed without a version"
    expect(skips(out)).toEqual([
      `701 unresolved-version resource_types[0] gcs-resource: registry-image frodenas/gcs-resource ${newest}`,
      `19 unresolved-version jobs[0] build-bosh-cli-ci-image.plan[1] task build-image.config.image_resource: registry-image concourse/oci-build-task ${newest}`,
      `538 unresolved-version resource warden-cpi-image: registry-image ghcr.io/cloudfoundry/bosh/warden-cpi ${newest}`,
      `531 unresolved-version resource security-scanner-image: registry-image bosh/security-scanner ${newest}`,
      `670 unresolved-version resource ubuntu-image: registry-image ubuntu ${newest}`,
      `321 unresolved-version jobs[11] build.plan[6] task build-image.config.image_resource: registry-image concourse/oci-build-task ${newest}`,
    ])
    expect(out.components[0].version).toBeUndefined()
    expect(out.components.every((c) => c.kind === 'image' && c.origin === 'manifest' && c.scope === undefined)).toBe(
      true,
    )
    const all = JSON.stringify(out)
    for (const secret of ['github_read_write_packages', 'bosh-dockerhub', 'private_key'])
      expect(all).not.toContain(secret)
    expect(sniff(text)).toBe(true)
  })

  it('reads real task configuration files (concourse/oci-build-task, cloudfoundry/bosh-cli)', () => {
    const example = fixture('oci-build-task/example.yml')
    expect(sniff(example)).toBe(true)
    const out = discover(example, 'example.yml')
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual(['7:17 concourse/oci-build-task:master -> pkg:docker/concourse/oci-build-task@master'])
    // A task configuration whose image the pipeline gives (`image:` of the task step): nothing of its own.
    const unit = fixture('bosh-cli/ci/tasks/test-unit.yml')
    expect(sniff(unit)).toBe(true)
    expect(discover(unit, 'ci/tasks/test-unit.yml')).toEqual({components: [], skipped: [], errors: []})
  })

  it('follows every kind of step to the gets and tasks of a job; a task image only from an image resource', () => {
    const out = discover(
      [
        'resource_types:',
        '- name: slack',
        '  type: docker-image',
        '  source: {repository: cfcommunity/slack-notification-resource}',
        '- name: custom',
        '  type: registry-image',
        '  source: {repository: registry.example.com/acme/custom-resource, tag: "2.1", username: acme-bot, password: hunter2}',
        '- name: other',
        '  type: mock',
        '  source: {repository: not/listed}',
        'resources:',
        '- {name: golang, type: registry-image, source: {repository: golang, tag: 1.22-alpine}}',
        '- {name: node, type: docker-image, source: {repository: node, tag: "22"}}',
        '- {name: ruby, type: registry-image, source: {repository: ruby, tag: "3.3"}}',
        '- {name: py, type: registry-image, source: {repository: python}}',
        '- {name: repo, type: git, source: {uri: "https://example.com/acme/app.git"}}',
        '- {name: app-image, type: registry-image, source: {repository: acme/app}}',
        'jobs:',
        '- name: test',
        '  plan:',
        '  - in_parallel:',
        '      steps:',
        '      - get: repo',
        '      - do:',
        '        - get: go-rootfs',
        '          resource: golang',
        '  - try:',
        '      task: unit',
        '      image: go-rootfs',
        '      config: {platform: linux, image_resource: {type: registry-image, source: {repository: overridden}}, run: {path: x}}',
        '  - aggregate:',
        '    - get: node',
        '  - task: lint',
        '    image: node',
        '    file: repo/ci/lint.yml',
        '    on_failure:',
        '      task: report',
        '      config: {platform: linux, image_resource: {type: registry-image, source: {repository: alpine, tag: "3.20"}}, run: {path: x}}',
        '    ensure:',
        '      do:',
        '      - get: ruby',
        '      - task: cleanup',
        '        image: ruby',
        '        file: repo/ci/cleanup.yml',
        '  - task: build',
        '    config: {platform: linux, image_resource: {type: registry-image, source: {repository: acme/builder}, version: {digest: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}}, outputs: [{name: image}], run: {path: build}}',
        '  - task: uses-output',
        '    image: image',
        '    file: repo/ci/x.yml',
        '  - put: app-image',
        '    params: {image: image/image.tar}',
        '  - task: after-put',
        '    image: app-image',
        '    file: repo/ci/y.yml',
        '  on_success:',
        '    task: notify',
        '    image: node',
        '    file: repo/ci/notify.yml',
        '- name: again',
        '  plan:',
        '  - get: node',
        '  - task: again',
        '    image: node',
        '    file: repo/ci/z.yml',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '4:24 cfcommunity/slack-notification-resource:latest -> pkg:docker/cfcommunity/slack-notification-resource@latest',
      '7:24 registry.example.com/acme/custom-resource:2.1 -> pkg:docker/acme/custom-resource@2.1?repository_url=registry.example.com',
      '38:93 alpine:3.20 -> pkg:docker/library/alpine@3.20',
      '46:91 acme/builder@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef -> pkg:docker/acme/builder@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      '12:61 golang:1.22-alpine -> pkg:docker/library/golang@1.22-alpine',
      '13:57 node:22 -> pkg:docker/library/node@22',
      '14:59 ruby:3.3 -> pkg:docker/library/ruby@3.3',
    ])
    const all = JSON.stringify(out)
    for (const secret of ['acme-bot', 'hunter2', 'overridden', 'not/listed', 'acme/app'])
      expect(all).not.toContain(secret)
  })

  it('reports ((vars)), tags chosen at check time (listed without a version) and ytt templates; never guesses them', () => {
    const out = discover(
      [
        'resource_types:',
        '- {name: a, type: registry-image, source: {repository: ((registry))/acme/a}}',
        '- {name: b, type: registry-image, source: {repository: acme/b, tag: ((b-version))}}',
        '- {name: c, type: registry-image, source: ((c-source))}',
        '- {name: d, type: registry-image, source: {repository: acme/d, semver_constraint: "~1.2"}}',
        'resources:',
        '- {name: img, type: registry-image, source: {repository: acme/img}}',
        'jobs:',
        '- name: j',
        '  plan:',
        '  - get: img',
        '  - task: t',
        '    image: ((.:image))',
        '    file: x.yml',
        '  - task: u',
        '    config: {platform: linux, image_resource: {type: ((type)), source: {repository: x}}, run: {path: x}}',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual(['5:56 acme/d -> pkg:docker/acme/d'])
    const filled =
      "holds a ((var)), filled in by Concourse's credential manager or fly set-pipeline -v/-l when the pipeline is set; not guessed"
    expect(skips(out)).toEqual([
      `2 unsupported resource_types[0] a.source.repository "((registry))/acme/a" ${filled}`,
      `3 unsupported resource_types[1] b.source.tag "((b-version))" ${filled}`,
      `4 unsupported resource_types[2] c.source ${filled}`,
      "5 unresolved-version resource_types[3] d: registry-image acme/d has no tag: Concourse runs the newest semver tag within its semver_constraint (or latest, when its image is none of those tags'), found when it checks the resource; listed without a version",
      // A task's `image:` is resolved once its whole job is read, after the job's task configurations.
      `16 unsupported jobs[0] j.plan[2] task u.config.image_resource.type "((type))" ${filled}`,
      `13 unsupported jobs[0] j.plan[1] task t.image "((.:image))" ${filled}`,
    ])
    expect(skips(discover('#@ load("@ytt:data", "data")\n---\njobs:\n- name: x\n  plan: []'))).toEqual([
      '1 unsupported a ytt template (#@ annotations): its values are computed when ytt renders it; render it and scan the result',
    ])
  })

  it('reports what is not a pipeline or task configuration at its line, and reads the rest', () => {
    const out = discover(
      [
        'resource_types: {a: 1}',
        'resources:',
        '- 7',
        '- {name: img, type: registry-image, source: {repository: [x]}}',
        '- {name: img2, type: registry-image, source: {repository: acme/img2, tag: [1]}}',
        '- {name: img3, type: registry-image, source: "text"}',
        'jobs:',
        '- name: no-plan',
        '- name: j',
        '  plan:',
        '  - get: img',
        '  - get: img2',
        '  - get: img3',
        '  - task: a',
        '    image: img',
        '  - task: b',
        '    image: img2',
        '  - task: c',
        '    image: img3',
        '  - task: d',
        '    image: [x]',
        '  - task: e',
        '    config: [x]',
        '  - task: f',
        '    config: {image_resource: oops}',
        '  - do: oops',
        '  - 5',
        '  - task: g',
        '    config: {platform: linux, image_resource: {type: registry-image, source: {repository: "Not An Image"}}}',
        '  - task: h',
        '    config: {platform: linux, image_resource: {type: registry-image, source: {repository: alpine, tag: "3.20"}}}',
      ].join('\n'),
    )
    expect(errors(out).filter((e) => !e.includes('invalid-image-ref'))).toEqual([
      '1:17 invalid-entry resource_types must be a list, not a mapping',
      '3:3 invalid-entry resources[0] must be a mapping, not a number (7)',
      '8:3 invalid-entry jobs[0] no-plan has no plan',
      '23:13 invalid-entry jobs[1] j.plan[7] task e.config must be a task configuration, not a list',
      '25:30 invalid-entry jobs[1] j.plan[8] task f.config.image_resource must be a mapping, not a string',
      '26:9 invalid-entry jobs[1] j.plan[9].do must be a list of steps, not a string',
      '27:5 invalid-entry jobs[1] j.plan[10] must be a step, not a number (5)',
      // Tasks' images once the job is read, in the order of the tasks.
      '4:58 invalid-entry resource img.source.repository must be an image repository, not a list',
      '5:75 invalid-entry resource img2.source.tag must be a tag, not a list',
      '6:46 invalid-entry resource img3.source must be a mapping with a repository, not a string',
      '21:12 invalid-entry jobs[1] j.plan[6] task d.image must name an artifact, not a list',
    ])
    expect(out.errors.filter((e) => e.code === 'invalid-image-ref').map((e) => e.line)).toEqual([29])
    expect(rows(out)).toEqual(['31:91 alpine:3.20 -> pkg:docker/library/alpine@3.20'])
    expect(discover('jobs: [\n').errors.length).toBeGreaterThan(0)
    expect(errors(discover('- a\n- b'))).toEqual([
      '1:1 invalid-entry a Concourse pipeline or task configuration must be a mapping',
    ])
  })

  it('reads many jobs', () => {
    const jobs = Array.from(
      {length: 2000},
      (_, i) => `- {name: j${i}, plan: [{get: img}, {task: t, image: img, file: x}]}`,
    )
    const out = discover(
      ['resources:', '- {name: img, type: registry-image, source: {repository: acme/img}}', 'jobs:', ...jobs].join(
        '\n',
      ),
    )
    expect(rows(out)).toEqual(['2:58 acme/img -> pkg:docker/acme/img'])
  })
})
