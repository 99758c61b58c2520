import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import {discoverer} from './index.js'

const scan = (files: Record<string, string>) => scanTree(files, {discoverers: [discoverer]})
/** A chart template whose image tag defaults to the appVersion as it is (the common idiom). */
const DEFAULT_TAG = 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n'

describe('helm-values', () => {
  it('matches values files', () => {
    expect(
      ['chart/values.yaml', 'values.yml', 'values-prod.yaml', 'values.dev.yaml', 'my-values.yaml'].map(
        discoverer.matches,
      ),
    ).toEqual([true, true, true, true, false])
  })

  it("reads values with custom tags as Helm does, as their text (helm-secrets' !vault in helmfile's example)", async () => {
    const text = readFileSync(join(import.meta.dirname, '__fixtures__', 'helmfile-vault', 'values.yaml'), 'utf8')
    const inventory = await scan({'values.yaml': text})
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => `${c.ref} ${c.locations[0].line}`)).toEqual([
      'my.private.docker.registry.local/internal/argocd:1.2.3 16',
    ])
    // The tagged values are never printed.
    expect(JSON.stringify(inventory)).not.toContain('internal/harbor')
  })

  it('composes image blocks as written and normalises them against the global registry', async () => {
    const inventory = await scan({
      'values.yaml': `global:
  image:
    registry: registry.example.com
web:
  image:
    repository: shop/web
    tag: 1.10
controller:
  image:
    image: shop/controller
    digest: sha256:${'a'.repeat(64)}
worker:
  workerImage:
    registry: ghcr.io
    repository: example/worker
    tag: v2
hub:
  image:
    repository: docker.io/example/hub
    tag: "3"
sidecar:
  image: busybox:1.36
ignored:
  image:
    pullPolicy: Always
`,
    })
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map((c) => [
        c.ref,
        c.name,
        c.version ?? null,
        c.digest ?? null,
        c.origin,
        `${c.locations[0].line}:${c.locations[0].column}`,
      ]),
    ).toEqual([
      ['docker.io/example/hub:3', 'docker.io/example/hub', '3', null, 'helm-values', '19:17'],
      ['busybox:1.36', 'docker.io/library/busybox', '1.36', null, 'helm-values', '22:10'],
      ['ghcr.io/example/worker:v2', 'ghcr.io/example/worker', 'v2', null, 'helm-values', '15:17'],
      [
        `shop/controller@sha256:${'a'.repeat(64)}`,
        'registry.example.com/shop/controller',
        null,
        `sha256:${'a'.repeat(64)}`,
        'helm-values',
        '10:12',
      ],
      ['shop/web:1.10', 'registry.example.com/shop/web', '1.10', null, 'helm-values', '6:17'],
    ])
  })

  it('reports an image block whose repository is a list or a mapping, instead of passing it over', async () => {
    const inventory = await scan({
      'values.yaml':
        'image:\n  repository: [1, 2]\n  tag: "1.0"\nworker:\n  image:\n    repository: {a: b}\nok:\n  image:\n    repository: ~\n',
    })
    expect(inventory.components).toEqual([])
    expect(inventory.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'invalid-image-ref'],
      [6, 'invalid-image-ref'],
    ])
  })

  it("takes the chart's appVersion when a block has no tag, and skips when there is none", async () => {
    const withChart = await scan({
      'Chart.yaml': 'name: c\nversion: 1.0.0\nappVersion: "2.4"\n',
      'templates/deployment.yaml': DEFAULT_TAG,
      'values.yaml': 'image:\n  repository: example/app\n',
    })
    expect(withChart.components.map((c) => c.ref)).toEqual(['example/app:2.4'])
    const without = await scan({'values.yaml': 'image:\n  repository: example/app\n  tag: ""\n'})
    expect(without.components).toEqual([])
    expect(without.skipped).toEqual([
      {file: 'values.yaml', line: 2, reason: 'unresolved-version', message: expect.stringContaining('example/app')},
    ])
  })

  it('takes the appVersion of the nearest chart above for the values of its examples/ and ci/ folders', async () => {
    const inventory = await scan({
      'charts/collector/Chart.yaml': 'name: collector\nversion: 1.0.0\nappVersion: 0.158.0\n',
      'charts/collector/templates/deployment.yaml': DEFAULT_TAG,
      'charts/sub/templates/deployment.yaml': DEFAULT_TAG,
      'charts/collector/examples/alternate-config/values.yaml': 'image:\n  repository: example/collector\n',
      'charts/collector/ci/values.yaml': 'image:\n  repository: example/collector-ci\n',
      'charts/sub/Chart.yaml': 'name: sub\nversion: 1.0.0\nappVersion: "9"\n',
      'charts/sub/values.yaml': 'image:\n  repository: example/sub\n',
    })
    expect(inventory.skipped).toEqual([])
    expect(inventory.components.map((c) => `${c.locations[0].file} ${c.ref}`).sort()).toEqual([
      'charts/collector/ci/values.yaml example/collector-ci:0.158.0',
      'charts/collector/examples/alternate-config/values.yaml example/collector:0.158.0',
      'charts/sub/values.yaml example/sub:9',
    ])
  })

  it('skips templated values and reports invalid ones', async () => {
    const inventory = await scan({
      'values.yaml': 'a:\n  image:\n    repository: "{{ .Values.repo }}"\nb:\n  image: Bad/Name:1\n',
    })
    expect(inventory.skipped.map((s) => `${s.line} ${s.reason}`)).toEqual(['3 helm-template'])
    expect(inventory.errors.map((e) => `${e.line}:${e.column} ${e.code}`)).toEqual(['5:10 invalid-image-ref'])
  })

  it('reads global.image as an image block, and a sibling tag beside a plain image string', async () => {
    const inventory = await scan({
      'Chart.yaml': 'name: c\nversion: 1.0.0\nappVersion: v3.1.0\n',
      'templates/_helpers.tpl': '{{- default .Chart.AppVersion .Values.global.image.tag }}\n',
      'values.yaml': [
        'global:',
        '  imageRegistry: quay.io',
        '  image:',
        '    repository: example/server',
        '    tag: ""',
        'legacy:',
        '  image: example/legacy',
        '  tag: 0.9',
        'older:',
        '  image: example/older',
        '  imageTag: "1.1"',
        'pinned:',
        '  image: example/pinned:2.0',
        '  tag: ignored',
        '',
      ].join('\n'),
    })
    expect(inventory.components.map((c) => `${c.locations[0].line} ${c.ref} ${c.name}:${c.version}`)).toEqual([
      '7 example/legacy:0.9 docker.io/example/legacy:0.9',
      '10 example/older:1.1 docker.io/example/older:1.1',
      '13 example/pinned:2.0 docker.io/example/pinned:2.0',
      '4 example/server:v3.1.0 quay.io/example/server:v3.1.0',
    ])
  })

  it("makes the appVersion a tag as the chart's templates do: prometheus-community's v prefix (real charts)", async () => {
    const real = (file: string) => readFileSync(join(import.meta.dirname, '__fixtures__', file), 'utf8')
    const files: Record<string, string> = {}
    for (const chart of ['prometheus-node-exporter', 'prometheus-operator-admission-webhook'])
      for (const file of ['Chart.yaml', 'values.yaml', 'templates/_helpers.tpl'])
        files[`${chart}/${file}`] = real(`${chart}/${file}`)
    const inventory = await scan(files)
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([])
    expect(
      inventory.components
        .map((c) => `${c.locations[0].file}:${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.purl}`)
        .sort(),
    ).toEqual([
      'prometheus-node-exporter/values.yaml:6:15 quay.io/prometheus/node-exporter:v1.12.1 pkg:docker/prometheus/node-exporter@v1.12.1?repository_url=quay.io',
      'prometheus-operator-admission-webhook/values.yaml:4:15 quay.io/prometheus-operator/admission-webhook:v0.93.1 pkg:docker/prometheus-operator/admission-webhook@v0.93.1?repository_url=quay.io',
    ])
  })

  it('lists an image without a version when the templates do not say how its tag is made of the appVersion', async () => {
    const chart = 'name: c\nversion: 1.0.0\napiVersion: v2\nappVersion: 1.4.0\n'
    const values = 'image:\n  repository: example/app\n  tag: ""\nsidecar:\n  image:\n    repository: example/sidecar\n'
    const inventory = await scan({
      // No templates in the tree.
      'none/Chart.yaml': chart,
      'none/values.yaml': values,
      // A template that reads no appVersion for the tag (the image is pulled as latest).
      'plain/Chart.yaml': chart,
      'plain/templates/deployment.yaml': 'image: {{ .Values.image.repository }}\n',
      'plain/values.yaml': 'image:\n  repository: example/plain\n',
      // Two ways, neither naming the block: which is this image's is not known.
      'two/Chart.yaml': chart,
      'two/templates/a.yaml': 'image: "{{ .Values.x.repository }}:{{ .Values.x.tag | default .Chart.AppVersion }}"\n',
      'two/templates/b.yaml':
        'image: "{{ .Values.y.repository }}:{{ .Values.y.tag | default (printf "v%s" .Chart.AppVersion) }}"\n',
      'two/values.yaml': 'images:\n  main:\n    image:\n      repository: example/two\n',
      // The block named: its own way applies, whatever the others do.
      'named/Chart.yaml': chart,
      'named/templates/a.yaml':
        'image: "{{ .Values.image.repository }}:v{{ .Chart.AppVersion }}-alpine"\nversion: {{ .Chart.AppVersion | quote }}\n',
      'named/templates/b.yaml':
        'image: "{{ .Values.sidecar.image.repository }}:{{ .Values.sidecar.image.tag | default .Chart.AppVersion }}"\n',
      'named/values.yaml': values,
      // Passed to a helper that is not read.
      'helper/Chart.yaml': chart,
      'helper/templates/a.yaml': '{{ include "c.image" (list .Values.image .Chart.AppVersion) }}\n',
      'helper/values.yaml': 'image:\n  repository: example/helper\n',
    })
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components
        .map((c) => `${c.locations[0].file}:${c.locations[0].line} ${c.ref} ${c.version} ${c.purl}`)
        .sort(),
    ).toEqual([
      'helper/values.yaml:2 example/helper undefined pkg:docker/example/helper',
      'named/values.yaml:2 example/app:v1.4.0-alpine v1.4.0-alpine pkg:docker/example/app@v1.4.0-alpine',
      'named/values.yaml:6 example/sidecar:1.4.0 1.4.0 pkg:docker/example/sidecar@1.4.0',
      'none/values.yaml:2 example/app undefined pkg:docker/example/app',
      'none/values.yaml:6 example/sidecar undefined pkg:docker/example/sidecar',
      'plain/values.yaml:2 example/plain undefined pkg:docker/example/plain',
      'two/values.yaml:4 example/two undefined pkg:docker/example/two',
    ])
    const notInTree =
      "its chart's templates, which choose the tag, are not in the tree (no templates/ beside Chart.yaml): the tag is not taken from the appVersion (1.4.0); listed without a version"
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      "helper/values.yaml:2 unresolved-version image example/helper has no tag or digest here, and its chart's templates build the tag from .Chart.AppVersion in a way not read here (helper/templates/a.yaml:1: the appVersion is passed to a template helper): the tag is not taken from the appVersion (1.4.0); listed without a version",
      `none/values.yaml:2 unresolved-version image example/app has no tag or digest here, and ${notInTree}`,
      `none/values.yaml:6 unresolved-version image example/sidecar has no tag or digest here, and ${notInTree}`,
      "plain/values.yaml:2 unresolved-version image example/plain has no tag or digest here, and its chart's templates (plain/templates) do not default a tag to .Chart.AppVersion in a way read here: the tag is not taken from the appVersion (1.4.0); listed without a version",
      'two/values.yaml:4 unresolved-version image example/two has no tag or digest here, and its chart\'s templates build the tag from .Chart.AppVersion in more than one way (two/templates/a.yaml:1: appVersion, two/templates/b.yaml:1: "v" + appVersion), and which one is this image\'s is not known here: the tag is not taken from the appVersion (1.4.0); listed without a version',
    ])
  })

  it("puts global.imageRegistry before a block's own registry where the templates give it to Bitnami's common.images.image", async () => {
    // The template is bitnami/charts' nginx (real, ./__fixtures__/SOURCES.md); the values are a fictional override.
    const inventory = await scan({
      'nginx/Chart.yaml': 'apiVersion: v2\nname: nginx\nversion: 22.1.1\nappVersion: 1.29.1\n',
      'nginx/templates/_helpers.tpl': readFileSync(
        join(import.meta.dirname, '__fixtures__', 'bitnami-nginx', 'templates', '_helpers.tpl'),
        'utf8',
      ),
      'nginx/values-mirror.yaml': [
        'global:',
        '  imageRegistry: mirror.example.com',
        'image:',
        '  registry: docker.io',
        '  repository: bitnami/nginx',
        '  tag: 1.29.1-debian-12-r0',
        'metrics:',
        '  image:',
        '    registry: docker.io',
        '    repository: bitnami/nginx-exporter',
        `    digest: sha256:${'d'.repeat(64)}`,
        'other:',
        '  image:',
        '    registry: docker.io',
        '    repository: example/other',
        '    tag: 1.0.0',
        '',
      ].join('\n'),
      // Without a global.imageRegistry the block's registry stays.
      'nginx/values-plain.yaml':
        'global:\n  imageRegistry: ""\nimage:\n  registry: quay.io\n  repository: bitnami/nginx\n  tag: "1.29"\n',
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([])
    expect(
      inventory.components
        .map(
          (c) => `${c.locations[0].file}:${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.name} ${c.purl}`,
        )
        .sort(),
    ).toEqual([
      `nginx/values-mirror.yaml:10:17 docker.io/bitnami/nginx-exporter@sha256:${'d'.repeat(64)} mirror.example.com/bitnami/nginx-exporter pkg:docker/bitnami/nginx-exporter@sha256:${'d'.repeat(64)}?repository_url=mirror.example.com`,
      'nginx/values-mirror.yaml:15:17 docker.io/example/other:1.0.0 docker.io/example/other pkg:docker/example/other@1.0.0',
      'nginx/values-mirror.yaml:5:15 docker.io/bitnami/nginx:1.29.1-debian-12-r0 mirror.example.com/bitnami/nginx pkg:docker/bitnami/nginx@1.29.1-debian-12-r0?repository_url=mirror.example.com',
      'nginx/values-plain.yaml:5:15 quay.io/bitnami/nginx:1.29 quay.io/bitnami/nginx pkg:docker/bitnami/nginx@1.29?repository_url=quay.io',
    ])
  })

  it('reads {repository, tag} blocks under keys not named for an image, and not git or chart repositories', async () => {
    // The redis block is podinfo's (stefanprodan/podinfo charts/podinfo/values.yaml, Apache-2.0); the rest fictional.
    const inventory = await scan({
      'Chart.yaml': 'name: c\nversion: 1.0.0\nappVersion: 6.9.1\n',
      'values.yaml': [
        'redis:',
        '  enabled: false',
        '  repository: redis',
        '  tag: 7.0.7',
        'init:',
        '  registry: quay.io',
        '  repository: example/init',
        `  digest: sha256:${'b'.repeat(64)}`,
        'source:',
        '  repository: https://git.example.com/config.git',
        '  tag: v1.0.0',
        'chart:',
        '  repository: example/chart',
        '  version: 1.2.3',
        'broken:',
        '  repository: Not An Image',
        '  tag: v1',
        'templated:',
        '  repository: example/x',
        '  tag: "{{ .Chart.AppVersion }}"',
        '',
      ].join('\n'),
    })
    expect(inventory.components.map((c) => `${c.locations[0].line} ${c.ref} ${c.name}`)).toEqual([
      '3 redis:7.0.7 docker.io/library/redis',
      `7 quay.io/example/init@sha256:${'b'.repeat(64)} quay.io/example/init`,
    ])
    // A block that is not an image is passed over, neither listed nor an error.
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([])
  })

  it('reports a {repository, tag} block whose tag is empty, not an image with a guessed tag', async () => {
    const inventory = await scan({
      'Chart.yaml': 'name: c\nversion: 1.0.0\nappVersion: 6.9.1\n',
      'templates/deployment.yaml': DEFAULT_TAG,
      'values.yaml': [
        'cache:',
        '  repository: example/cache',
        '  tag: ""',
        'sidecar:',
        '  repository: example/sidecar',
        '  tag:',
        'pinned:',
        '  repository: example/pinned',
        '  tag: ""',
        `  digest: sha256:${'c'.repeat(64)}`,
        'source:',
        '  repository: https://git.example.com/config.git',
        '  tag: ""',
        'image:',
        '  repository: example/app',
        '  tag: ""',
        '',
      ].join('\n'),
    })
    // An `image:` block with an empty tag takes the appVersion, as its templates' `default` does; under another key
    // the tag is not known, and that is said.
    expect(inventory.components.map((c) => `${c.locations[0].line} ${c.ref}`)).toEqual([
      '15 example/app:6.9.1',
      `8 example/pinned@sha256:${'c'.repeat(64)}`,
    ])
    expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      "2 unresolved-version image example/cache under `cache` has an empty tag: its chart's templates choose the tag, which is not known here",
      "5 unresolved-version image example/sidecar under `sidecar` has an empty tag: its chart's templates choose the tag, which is not known here",
    ])
    expect(inventory.errors).toEqual([])
  })

  it("does not give a subchart's image blocks the parent chart's appVersion", async () => {
    const inventory = await scan({
      'Chart.yaml': [
        'name: parent',
        'version: 1.0.0',
        'appVersion: "9.9"',
        'dependencies:',
        '  - name: redis',
        '    version: 19.0.0',
        '    repository: https://charts.example.com',
        '  - name: postgresql',
        '    alias: db',
        '    version: 15.0.0',
        '    repository: oci://registry.example.com/charts',
        '',
      ].join('\n'),
      'templates/deployment.yaml': DEFAULT_TAG,
      'values.yaml': [
        'image:',
        '  repository: example/parent',
        'redis:',
        '  image:',
        '    repository: example/redis',
        'db:',
        '  image:',
        '    repository: example/postgres',
        '    tag: "16.2"',
        '',
      ].join('\n'),
    })
    expect(inventory.components.map((c) => c.ref)).toEqual(['example/parent:9.9', 'example/postgres:16.2'])
    expect(inventory.skipped).toEqual([
      {
        file: 'values.yaml',
        line: 5,
        reason: 'unresolved-version',
        message:
          "image example/redis has no tag or digest here; subchart redis takes it from its own Chart.yaml appVersion, which is not this chart's",
      },
    ])
  })

  it("reads what is under a {repository, tag} block, passes over a subchart's values root, and reads old charts as their templates do", async () => {
    // The mysql block is helm/charts stable/mattermost-team-edition's (a Helm 2 chart: its subchart in
    // requirements.yaml); graylog's repository carries its tag (stable/graylog); kafka's jmx exporter is a digest whose
    // hex is in imageTag (incubator/kafka). Apache-2.0; the rest fictional.
    const inventory = await scan({
      'Chart.yaml': 'apiVersion: v1\nname: c\nversion: 1.0.0\nappVersion: 9.9.9\n',
      'requirements.yaml': 'dependencies:\n- name: mysql\n  version: 1.6.2\n  repository: https://charts.example.com\n',
      'values.yaml': [
        'mysql:',
        '  repository: mysql',
        '  tag: 5.7',
        'cache:',
        '  repository: redis',
        '  tag: 7.0.7',
        '  exporter:',
        '    image:',
        '      repository: oliver006/redis_exporter',
        '      tag: v1.62.0',
        'graylog:',
        '  image:',
        '    repository: "graylog/graylog:3.1"',
        'jmx:',
        '  image: solsson/kafka-prometheus-jmx-exporter@sha256',
        `  imageTag: ${'a'.repeat(64)}`,
        '',
      ].join('\n'),
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => `${c.locations[0].line} ${c.ref}`)).toEqual([
      '13 graylog/graylog:3.1',
      '5 redis:7.0.7',
      '9 oliver006/redis_exporter:v1.62.0',
      `15 solsson/kafka-prometheus-jmx-exporter@sha256:${'a'.repeat(64)}`,
    ])
  })

  it("composes istio's hub/image:tag only when the values beside it settle it, never with docker.io/library or latest", async () => {
    const fixture = (chart: string) =>
      readFileSync(join(import.meta.dirname, '__fixtures__', 'istio', chart, 'values.yaml'), 'utf8')
    const inventory = await scan({
      'ztunnel/values.yaml': fixture('ztunnel'),
      'istio-discovery/values.yaml': fixture('istio-discovery'),
    })
    expect(inventory.errors).toEqual([])
    // ztunnel: `hub: registry.istio.io/testing` (:5), `tag: latest` (:7), `variant: ""`, `image: ztunnel` (:13).
    expect(
      inventory.components.map((c) => [
        c.locations[0].file,
        c.locations[0].line,
        c.locations[0].column,
        c.ref,
        c.name,
        c.version,
      ]),
    ).toEqual([
      [
        'ztunnel/values.yaml',
        13,
        10,
        'registry.istio.io/testing/ztunnel:latest',
        'registry.istio.io/testing/ztunnel',
        'latest',
      ],
    ])
    // istio-discovery: `hub: ""`, `tag: ""` (:12-13) beside `image: pilot` (:17); `global.hub`/`global.tag` (:258/:260);
    // `global.proxy.image: proxyv2` (:334) and `global.proxy_init.image: proxyv2` (:416) with nothing beside them.
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      "istio-discovery/values.yaml:17 unsupported image pilot: the chart's templates combine it with hub (empty here), tag (empty here), global.hub and global.tag, in a way these values do not settle; not listed",
      "istio-discovery/values.yaml:334 unsupported image proxyv2 names no registry, and global.hub and global.tag are set in these values: the chart's templates may combine them with the name, in a way these values do not settle; not listed",
      "istio-discovery/values.yaml:416 unsupported image proxyv2 names no registry, and global.hub and global.tag are set in these values: the chart's templates may combine them with the name, in a way these values do not settle; not listed",
    ])
  })

  it('skips a plain image string whose hub, registry or tag the values leave open', async () => {
    const inventory = await scan({
      'values.yaml': [
        'composed:', // 1
        '  registry: registry.example.com/team',
        '  image: app',
        '  tag: "1.2"',
        'noTag:', // 5
        '  hub: registry.example.com/team',
        '  image: worker',
        '  tag: ""',
        'slash:', // 9
        '  hub: registry.example.com',
        '  image: team/api',
        '  tag: "2.0"',
        'variant:', // 13
        '  hub: registry.example.com/team',
        '  image: proxy',
        '  tag: "1.0"',
        '  variant: debug',
        'emptyTag:', // 18
        '  image: example/job',
        '  tag: ""',
        'scoped:', // 21
        '  global:',
        '    registry: mirror.example.com',
        '  cron:',
        '    image: example/cron',
        '    tag: "3"',
        '  pinned:',
        '    image: example/pinned:4.0',
        '  elsewhere:',
        '    image: ghcr.io/example/tool',
        'settings:', // 31: a `registry:` mapping is another setting, not a hub
        '  registry:',
        '    url: https://registry.example.com',
        '  image: example/tool:5',
        '',
      ].join('\n'),
    })
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map(
        (c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.name}:${c.version}`,
      ),
    ).toEqual([
      '28:12 example/pinned:4.0 docker.io/example/pinned:4.0',
      '34:10 example/tool:5 docker.io/example/tool:5',
      '30:12 ghcr.io/example/tool ghcr.io/example/tool:latest',
      '3:10 registry.example.com/team/app:1.2 registry.example.com/team/app:1.2',
    ])
    expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      "7 unresolved-version image worker: the chart's templates combine it with hub and tag (empty here), and choose the tag, which is not known here; not listed",
      "11 unsupported image team/api: the chart's templates combine it with hub and tag, in a way these values do not settle; not listed",
      "15 unsupported image proxy: the chart's templates combine it with hub and tag, in a way these values do not settle; not listed",
      "19 unresolved-version image example/job has an empty tag beside it: its chart's templates choose the tag, which is not known here",
      "25 unsupported image example/cron names no registry, and global.registry is set in these values: the chart's templates may combine it with the name, in a way these values do not settle; not listed",
    ])
  })
})
