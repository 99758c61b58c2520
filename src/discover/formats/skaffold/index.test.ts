import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import {discoverers} from '../../registry.js'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = 'skaffold.yaml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const fixture = (path: string) => readFileSync(new URL(`./__fixtures__/skaffold/${path}`, import.meta.url), 'utf8')

/** `line:column ref version [local] repository purl` of each component. */
const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line}:${c.locations[0].column} ${c.kind} ${c.ref} ${c.version ?? '-'}${c.local ? ' local' : ''} ${c.repository ?? '-'} ${c.purl ?? '-'}`,
  )
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line ?? '-'} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) =>
  out.errors.map((e) => `${e.line ?? '-'}:${e.column ?? '-'} ${e.code} ${e.message}`)

describe('skaffold', () => {
  it('reads a YAML file whose head is a Skaffold Config, whatever its name, and k8s-manifest then leaves it', async () => {
    const text =
      'apiVersion: skaffold/v4beta13\nkind: Config\nmanifests:\n  helm:\n    releases:\n      - name: db\n        remoteChart: oci://registry.example.com/charts/postgres\n        version: 1.4.2\n'
    const inventory = await scanTree(
      {
        'skaffold.yaml': text,
        'deploy/skaffold-db.yml': text,
        'k8s/pod.yaml':
          'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: a, image: "registry.example.com/app:1.0"}]\n',
      },
      {discoverers},
    )
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map((c) => `${c.ref} ${c.locations.map((l) => `${l.file}:${l.line}`).join(' ')}`),
    ).toEqual([
      'postgres@1.4.2 deploy/skaffold-db.yml:7 skaffold.yaml:7',
      'registry.example.com/app:1.0 k8s/pod.yaml:5',
    ])
    expect(discoverer.sniff?.('apiVersion: v1\nkind: Config\n')).toBe(false)
    expect(discoverer.sniff?.("apiVersion: 'skaffold/v2beta26'\nkind: Config\n")).toBe(true)
    expect(discoverer.sniff?.('apiVersion: skaffold/v4beta1\nkind: Pod\n')).toBe(false)
  })

  it("lists a chart from a `repo:` URL (Skaffold's helm-remote-repo example)", () => {
    const out = discover(fixture('helm-remote-repo.yaml'))
    expect(rows(out)).toEqual([
      '10:20 chart redis - https://charts.bitnami.com/bitnami pkg:helm/redis?repository_url=https%3A%2F%2Fcharts.bitnami.com%2Fbitnami',
    ])
    expect(skips(out)).toEqual([])
    expect(errors(out)).toEqual([])
  })

  it('lists local charts of releases and of profiles, and reports a templated chartPath (Skaffold integration test data)', () => {
    const out = discover(fixture('helm-profiles.yaml'))
    expect(rows(out)).toEqual([
      '15:18 chart skaffold-helm - local file://skaffold-helm -',
      '26:20 chart skaffold-helm - local file://skaffold-helm -',
      '35:22 chart skaffold-helm - local file://skaffold-helm -',
      '48:22 chart skaffold-helm - local file://skaffold-helm -',
    ])
    expect(skips(out)).toEqual([
      '54 unsupported profile helm-templating-charPath of configuration 1: release skaffold-helm: chartPath "{{.FOO}}" holds a template Skaffold fills in when it runs; chart not listed',
    ])
    expect(errors(out)).toEqual([])
  })

  it('does not list the images it builds: not as artifacts, nor when setValues names one (Skaffold examples)', () => {
    expect(rows(discover(fixture('microservices.yaml')))).toEqual([])
    const templated = discover(fixture('templated-fields.yaml'))
    expect(rows(templated)).toEqual(['21:20 chart charts - local file://charts -'])
    expect(skips(templated)).toEqual([])
  })

  it('reports an oci:// remoteChart that names no chart (Skaffold diagnose test data, a v2 schema)', () => {
    const out = discover(fixture('not-all-envs-set.yaml'))
    expect(rows(out)).toEqual([])
    expect(skips(out)).toEqual([
      '18 unsupported configuration cio-cloud-project-mgmt-api: release test-release: remoteChart "oci://test-chart" is an OCI reference that names no chart; not listed',
      '17 unsupported configuration cio-cloud-project-mgmt-api: release test-release: values file "{{.AAA}}/test-values.yaml" is a Go template (filled in or rendered when the tool runs): the images it sets are not read',
    ])
  })

  it('reads OCI charts, repo/chart of a machine repository, v1 `remote: true`, versions, ranges and templates', () => {
    const out = discover(
      [
        'apiVersion: skaffold/v4beta13',
        'kind: Config',
        'metadata:',
        '  name: app',
        'deploy:',
        '  helm:',
        '    releases:',
        '      - name: cache',
        '        remoteChart: oci://registry.example.com/charts/valkey',
        '        version: 2.1.0',
        '      - name: ingress',
        '        remoteChart: example-org/ingress',
        '        version: ~4.11.0',
        '      - name: web',
        '        remoteChart: web',
        '        repo: https://user:secret@charts.example.com/stable',
        '        version: "{{.WEB_VERSION}}"',
        '      - name: pinned',
        '        remoteChart: oci://registry.example.com/charts/api:3.0.0',
        '      - name: nothing',
        '        namespace: x',
        '---',
        'apiVersion: skaffold/v1',
        'kind: Config',
        'deploy:',
        '  helm:',
        '    releases:',
        '      - name: legacy',
        '        chartPath: stable/redis',
        '        remote: true',
        '        version: 10.5.7',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '9:22 chart valkey@2.1.0 2.1.0 oci://registry.example.com/charts pkg:helm/valkey@2.1.0?repository_url=oci%3A%2F%2Fregistry.example.com%2Fcharts',
      '12:22 chart ingress ~4.11.0 - - pkg:helm/ingress',
      '15:22 chart web - https://charts.example.com/stable pkg:helm/web?repository_url=https%3A%2F%2Fcharts.example.com%2Fstable',
      '19:22 chart api@3.0.0 3.0.0 oci://registry.example.com/charts pkg:helm/api@3.0.0?repository_url=oci%3A%2F%2Fregistry.example.com%2Fcharts',
      '29:20 chart redis@10.5.7 10.5.7 - pkg:helm/redis@10.5.7',
    ])
    expect(skips(out)).toEqual([
      '12 missing-resource configuration app: release ingress: chart repository example-org is one `helm repo add` declares on the machine, not in this file: chart ingress listed without its repository',
      '17 unresolved-version configuration app: release web: version "{{.WEB_VERSION}}" holds a template Skaffold fills in when it runs; chart listed without a version',
      '29 missing-resource configuration 2: release legacy: chart repository stable is one `helm repo add` declares on the machine, not in this file: chart redis listed without its repository',
    ])
    expect(errors(out)).toEqual([
      '20:9 invalid-entry configuration app: release nothing has neither chartPath nor remoteChart (Skaffold refuses it)',
    ])
  })

  it('lists the images setValues give a chart, and the images builders and verify containers pull', () => {
    const out = discover(
      [
        'apiVersion: skaffold/v4beta13',
        'kind: Config',
        'build:',
        '  artifacts:',
        '    - image: ghcr.io/example-org/app',
        '      buildpacks:',
        '        builder: gcr.io/buildpacks/builder:v1',
        '    - image: ghcr.io/example-org/worker',
        '      ko:',
        '        fromImage: cgr.dev/chainguard/static:latest',
        '    - image: ghcr.io/example-org/job',
        '      jib:',
        '        fromImage: ghcr.io/example-org/app',
        'manifests:',
        '  helm:',
        '    releases:',
        '      - name: app',
        '        chartPath: deploy/chart',
        '        setValues:',
        '          image.repository: ghcr.io/example-org/app',
        '          image.tag: dev',
        '          proxy.image.repository: registry.example.com/envoy',
        '          proxy.image.tag: v1.31.0',
        '          sidecar:',
        '            image: registry.example.com/sidecar:2.0',
        'verify:',
        '  - name: smoke',
        '    container:',
        '      name: smoke',
        '      image: registry.example.com/curl:8.9.1',
        'customActions:',
        '  - name: seed',
        '    containers:',
        '      - name: seed',
        '        image: "{{.SEED_IMAGE}}"',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '18:20 chart chart - local file://deploy/chart -',
      '22:35 image registry.example.com/envoy:v1.31.0 v1.31.0 - pkg:docker/envoy@v1.31.0?repository_url=registry.example.com',
      '25:20 image registry.example.com/sidecar:2.0 2.0 - pkg:docker/sidecar@2.0?repository_url=registry.example.com',
      '7:18 image gcr.io/buildpacks/builder:v1 v1 - pkg:docker/buildpacks/builder@v1?repository_url=gcr.io',
      '10:20 image cgr.dev/chainguard/static:latest latest - pkg:docker/chainguard/static@latest?repository_url=cgr.dev',
      '30:14 image registry.example.com/curl:8.9.1 8.9.1 - pkg:docker/curl@8.9.1?repository_url=registry.example.com',
    ])
    expect(skips(out)).toEqual([
      '35 unsupported configuration 1: customActions[0] image "{{.SEED_IMAGE}}" holds a template Skaffold fills in when it runs: not listed',
    ])
    expect(errors(out)).toEqual([])
  })

  it('reports remote and outside configurations it requires, and profile patches of what it reads', () => {
    const out = discover(
      [
        'apiVersion: skaffold/v4beta13',
        'kind: Config',
        'requires:',
        '  - path: ./services/api',
        '  - path: ../../platform',
        '  - git:',
        '      repo: https://github.com/example-org/platform',
        '      path: skaffold.yaml',
        'profiles:',
        '  - name: prod',
        '    patches:',
        '      - op: replace',
        '        path: /manifests/helm/releases/0/version',
        '        value: 2.0.0',
        '      - op: add',
        '        path: /portForward/0',
        '        value: {}',
      ].join('\n'),
      'deploy/skaffold.yaml',
    )
    expect(rows(out)).toEqual([])
    expect(skips(out)).toEqual([
      '5 missing-resource configuration 1: requires[1].path "../../platform" is outside the scanned tree: its releases and images are not listed',
      '6 remote-resource configuration 1: requires[2].git: a configuration Skaffold fetches when it runs, not this scan: its releases and images are not listed',
      "12 unsupported profile prod of configuration 1: patch of /manifests/helm/releases/0/version is not applied (profiles' JSON patches are not read): the charts and images it changes are listed as the configuration writes them",
    ])
  })

  it('says what is wrong with a bad file, at its line, and reads the rest', () => {
    const out = discover(
      [
        'apiVersion: skaffold/v4beta13',
        'kind: Config',
        'deploy:',
        '  helm:',
        '    releases: {name: x}',
        'profiles:',
        '  - name: dev',
        '    manifests:',
        '      helm:',
        '        releases:',
        '          - name: ok',
        '            chartPath: [a]',
        '          - name: fine',
        '            chartPath: ./charts/fine',
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        '---',
        '- not: a mapping',
      ].join('\n'),
    )
    expect(rows(out)).toEqual(['14:24 chart fine - local file://./charts/fine -'])
    expect(errors(out)).toEqual([
      '19:1 invalid-entry a Skaffold configuration must be a mapping',
      '5:15 invalid-entry configuration 1: deploy.helm.releases must be a list, not a mapping',
      '12:24 invalid-entry profile dev of configuration 1: release ok: chartPath must be a string, not a list',
      '11:13 invalid-entry profile dev of configuration 1: release ok has neither chartPath nor remoteChart (Skaffold refuses it)',
    ])
    expect(skips(out)).toEqual([
      '16 unsupported document 2 is not a Skaffold configuration (apiVersion v1, kind ConfigMap): not read',
    ])
    // An item of verify[] (or artifacts, releases, profiles) that is no mapping is said, never passed over.
    expect(errors(discover('apiVersion: skaffold/v4beta11\nkind: Config\nverify:\n  - just-a-name\n'))).toEqual([
      '4:5 invalid-entry configuration 1: verify[0] must be a mapping',
    ])
    expect(errors(discover('apiVersion: skaffold/v4\nkind: Config\ndeploy: [\n')).map((e) => e.split(' ')[1])).toEqual([
      'yaml-syntax',
    ])
  })

  it('drops only its own image of a setValues flow mapping, not the other images set on the same line', () => {
    const out = discover(
      [
        'apiVersion: skaffold/v4beta13',
        'kind: Config',
        'build:',
        '  artifacts:',
        '    - image: myapp',
        'deploy:',
        '  helm:',
        '    releases:',
        '      - name: app',
        '        chartPath: ./chart',
        '        setValues: {image: "myapp:dev", side.image.repository: quay.io/evil/thing, db.image: "quay.io/x/db:1"}',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '10:20 chart chart - local file://./chart -',
      '11:94 image quay.io/x/db:1 1 - pkg:docker/x/db@1?repository_url=quay.io',
    ])
    expect(skips(out)).toEqual([
      '11 unresolved-version image quay.io/evil/thing has no tag or digest here and configuration 1: release app: setValues: the appVersion of the chart, which it would take, is not in this file',
    ])
    expect(errors(out)).toEqual([])
  })

  it('reads the overrides values tree of a release under its setValues, and reports setValueTemplates it cannot fill in', () => {
    const out = discover(
      [
        'apiVersion: skaffold/v4beta13',
        'kind: Config',
        'build:',
        '  artifacts:',
        '    - image: myapp',
        'deploy:',
        '  helm:',
        '    releases:',
        '      - name: db',
        '        chartPath: ./chart',
        '        overrides:',
        '          image:',
        '            repository: quay.io/upstream/db',
        '            tag: "1.0"',
        '          app:',
        '            image: {repository: myapp, tag: dev}',
        '          metrics:',
        '            image:',
        '              repository: quay.io/upstream/exporter',
        '          api:',
        '            image: {repository: quay.io/upstream/api, tag: "3.0"}',
        '          web:',
        '            image: {repository: quay.io/upstream/web, tag: "2.0"}',
        '        setValues:',
        '          image.tag: "1.1"',
        '        setValueTemplates:',
        '          app.image.repository: "{{.IMAGE_REPO_myapp}}"',
        '          app.image.tag: "{{.IMAGE_TAG_myapp}}@{{.IMAGE_DIGEST_myapp}}"',
        '          api.image.repository: "{{.IMAGE_REPO_myapp}}"',
        '          api.image.tag: "{{.IMAGE_TAG_myapp}}"',
        '          web.image.tag: "{{.IMAGE_TAG_myapp}}"',
        '          proxy.image: "{{.PROXY_IMAGE}}"',
        '          side.image: quay.io/upstream/side:2.0',
        '      - name: bad',
        '        chartPath: ./chart',
        '        overrides: [x]',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '10:20 chart chart - local file://./chart -',
      // At the setValues tag, which decides it over the overrides' repository and tag.
      '25:22 image quay.io/upstream/db:1.1 1.1 - pkg:docker/upstream/db@1.1?repository_url=quay.io',
      '33:23 image quay.io/upstream/side:2.0 2.0 - pkg:docker/upstream/side@2.0?repository_url=quay.io',
      '35:20 chart chart - local file://./chart -',
    ])
    expect(skips(out)).toEqual([
      '32 unsupported configuration 1: release db: setValueTemplates proxy.image "{{.PROXY_IMAGE}}" holds a template Skaffold fills in when it runs: not read',
      '19 unresolved-version image quay.io/upstream/exporter has no tag or digest here and configuration 1: release db: overrides and setValues and setValueTemplates: the appVersion of the chart, which it would take, is not in this file',
      // Its tag is the one Skaffold builds (IMAGE_TAG_myapp), not the overrides' 2.0: no tag here. api's repository
      // and tag are the built image's: the project's own, not listed. Told at the setValueTemplates tag that unsets it.
      '31 unresolved-version image quay.io/upstream/web has no tag or digest here and configuration 1: release db: overrides and setValues and setValueTemplates: the appVersion of the chart, which it would take, is not in this file',
    ])
    expect(errors(out)).toEqual([
      '36:20 invalid-entry configuration 1: release bad: overrides must be a mapping, not a list',
    ])
  })

  it('reads setValues of many keys at once, and passes over a key too deep to be a value', () => {
    const keys = Array.from({length: 20_000}, (_, i) => `          k${i}.image: registry.example.com/k${i}:1.0`)
    const out = discover(
      [
        'apiVersion: skaffold/v4beta13',
        'kind: Config',
        'deploy:',
        '  helm:',
        '    releases:',
        '      - name: many',
        '        chartPath: ./chart',
        '        setValues:',
        `          ${Array.from({length: 100}, () => 'a').join('.')}: x`,
        '          api.image: registry.example.com/api:1.2.3',
        '          api.image.tag: 1.2.4',
        ...keys,
      ].join('\n'),
    )
    expect(errors(out)).toEqual([])
    // `api.image` is a string, then `api.image.tag` replaces it with a mapping of a tag alone, as `helm --set` does.
    expect(rows(out).slice(0, 3)).toEqual([
      '7:20 chart chart - local file://./chart -',
      '12:21 image registry.example.com/k0:1.0 1.0 - pkg:docker/k0@1.0?repository_url=registry.example.com',
      '13:21 image registry.example.com/k1:1.0 1.0 - pkg:docker/k1@1.0?repository_url=registry.example.com',
    ])
    expect(out.components.length).toBe(20_001)
    expect(skips(out)).toEqual([
      `9 unsupported configuration 1: release many: setValues: value key "${Array.from({length: 100}, () => 'a').join('.')}" is more than 64 keys deep: not read`,
    ])
  })

  it("takes an image another configuration of the file builds as the project's own (multi-config)", () => {
    const out = discover(
      [
        'apiVersion: skaffold/v4beta13',
        'kind: Config',
        'metadata: {name: base}',
        'build:',
        '  artifacts:',
        '    - image: ghcr.io/example-org/base',
        '---',
        'apiVersion: skaffold/v4beta13',
        'kind: Config',
        'metadata: {name: app}',
        'requires: [{configs: [base]}]',
        'build:',
        '  artifacts:',
        '    - image: ghcr.io/example-org/app',
        '      ko:',
        '        fromImage: ghcr.io/example-org/base:latest',
        '    - image: ghcr.io/example-org/tool',
        '      ko:',
        '        fromImage: cgr.dev/chainguard/static:latest',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '19:20 image cgr.dev/chainguard/static:latest latest - pkg:docker/chainguard/static@latest?repository_url=cgr.dev',
    ])
  })

  it("layers a release's valuesFiles over its chartPath's values.yaml, under overrides and setValues, as helm merges them", async () => {
    const inventory = await scanTree(
      {
        'app/skaffold.yaml': [
          'apiVersion: skaffold/v4beta13',
          'kind: Config',
          'manifests:',
          '  helm:',
          '    releases:',
          '      - name: web',
          '        chartPath: ../charts/web',
          '        overrides:',
          '          worker: {image: {tag: 3.2.0}}',
          '        valuesFiles:',
          '          - env/prod.yaml',
          '          - https://config.example.com/web.yaml',
          '          - "{{.ENV}}.yaml"',
          '          - env/missing.yaml',
          '        setValues:',
          '          cache.image.tag: 7.1.0',
          '',
        ].join('\n'),
        'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
        'charts/web/values.yaml': [
          'image:',
          '  repository: example/web',
          '  tag: 1.0.0',
          'worker:',
          '  image:',
          '    repository: example/worker',
          '    tag: 3.1.0',
          'cache:',
          '  image:',
          '    repository: example/cache',
          '    tag: 7.0.0',
          '',
        ].join('\n'),
        // Under the overrides: Skaffold passes each values file first, then its overrides file (`-f` each).
        'app/env/prod.yaml': 'image:\n  tag: 2.0.0\nworker:\n  image:\n    tag: 3.3.0\n',
      },
      {discoverers: [discoverer]},
    )
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      'app/skaffold.yaml:12 remote-resource configuration 1: release web: values file "https://config.example.com/web.yaml" is fetched by the tool when it runs, not by this scan: the images it sets are not read',
      'app/skaffold.yaml:13 unsupported configuration 1: release web: values file "{{.ENV}}.yaml" is a Go template (filled in or rendered when the tool runs): the images it sets are not read',
      'app/skaffold.yaml:14 missing-resource configuration 1: release web: values file "env/missing.yaml" is not a readable file of the scanned tree: the images it sets are not read',
    ])
    // The release's images as helm deploys them, each where its deciding value is; the chart's defaults (read alone
    // by helm-values, not run here) are not the release's.
    expect(
      inventory.components.map(
        (c) => `${c.ref} ${c.locations.map((l) => `${l.file}:${l.line}:${l.column}`).join(' ')}`,
      ),
    ).toEqual([
      'example/cache:7.1.0 app/skaffold.yaml:16:28',
      'example/web:2.0.0 app/env/prod.yaml:2:8',
      'example/worker:3.2.0 app/skaffold.yaml:9:33',
      'web app/skaffold.yaml:7:20',
    ])
  })
})
