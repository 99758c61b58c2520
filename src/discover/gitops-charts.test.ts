/** The charts GitOps objects install (./gitops-charts.ts), read through the Kubernetes manifest format. */
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../tests/discover/tree.js'
import {discoverer} from './formats/k8s-manifest/index.js'

const scan = (files: Record<string, string>) => scanTree(files, {discoverers: [discoverer]})

const rows = (inventory: Awaited<ReturnType<typeof scan>>) =>
  inventory.components.map(
    (c) => `${c.kind} ${c.locations.map((l) => `${l.file}:${l.line}:${l.column}`).join(',')} ${c.ref} ${c.purl}`,
  )

describe('gitops charts', () => {
  it('lists an Argo CD native OCI source (no chart:, path: .) as the chart the oci:// URL ends with', async () => {
    // The first document is the Argo CD docs' own example (docs/user-guide/oci.md lines 29-44 at argoproj/argo-cd
    // 37ee0097cf851bc2dd7665fc081bbce61a7e836e, Apache-2.0, its trailing space after the URL kept); the rest fictional.
    const inventory = await scan({
      'apps/nginx.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: nginx
spec:
  project: default
  source:
    path: .
    repoURL: oci://registry-1.docker.io/bitnamicharts/nginx 
    targetRevision: 15.9.0
    helm:
      valuesObject:
        some-value: foo
  destination:
    name: "in-cluster"
    namespace: nginx
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: app}
spec:
  sources:
    - repoURL: oci://carol:secret@registry.example.com/charts/app/
      path: ./
      targetRevision: 2.x
      helm:
        valuesObject:
          image: {repository: example/app}
    - repoURL: oci://registry.example.com/manifests/app
      path: overlays/prod
      targetRevision: 1.0.0
    - repoURL: oci://registry.example.com
      path: .
      targetRevision: 1.0.0
---
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: set}
spec:
  template:
    spec:
      source:
        repoURL: 'oci://registry.example.com/charts/{{name}}'
        path: .
        targetRevision: 1.0.0
`,
    })
    expect(rows(inventory)).toEqual([
      'chart apps/nginx.yaml:23:16 app 2.x pkg:helm/app?repository_url=oci%3A%2F%2Fregistry.example.com%2Fcharts',
      'chart apps/nginx.yaml:9:14 nginx@15.9.0 pkg:helm/nginx@15.9.0?repository_url=oci%3A%2F%2Fregistry-1.docker.io%2Fbitnamicharts',
    ])
    // A subpath of an OCI artifact is a folder of it, not a chart; `oci://host` alone names no chart.
    expect(inventory.errors).toEqual([
      {
        file: 'apps/nginx.yaml',
        line: 32,
        column: 16,
        code: 'invalid-entry',
        message: 'a GitOps object installs a chart it does not name',
      },
    ])
    expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '28 unresolved-version image example/app has no tag or digest here and the appVersion of chart app, which it would take, is not in the tree',
      "43 unsupported ApplicationSet chart {{name}}: a value is filled in by the ApplicationSet's generators ({{ }}); not read",
    ])
  })

  it("sets an Application's helm.parameters as helm --set does: list indexes and escaped dots reach the image", async () => {
    // Argo CD hands each parameter to Helm as `--set name=value` (../set-values.ts reads them as Helm does).
    const inventory = await scan({
      'argo/app.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: web}
spec:
  source:
    repoURL: https://charts.example.com
    chart: web
    targetRevision: 1.0.0
    helm:
      valuesObject:
        sidecars:
          - name: proxy
            image: {repository: quay.io/acme/proxy, tag: "1.0"}
      parameters:
        - name: sidecars[0].image.tag
          value: "1.1"
        - name: workers[1].image
          value: quay.io/acme/worker:2.0
        - name: nodeSelector.kubernetes\\.io/arch.image
          value: quay.io/acme/arch:3.0
        - name: broken[x].image
          value: quay.io/acme/never:1.0
`,
    })
    expect(rows(inventory).filter((row) => row.startsWith('image'))).toEqual([
      // The key `kubernetes.io/arch`, one key (its dot escaped), under nodeSelector.
      'image argo/app.yaml:20:18 quay.io/acme/arch:3.0 pkg:docker/acme/arch@3.0?repository_url=quay.io',
      // The tag the parameter sets on the first list item, over the values'.
      'image argo/app.yaml:13:33 quay.io/acme/proxy:1.1 pkg:docker/acme/proxy@1.1?repository_url=quay.io',
      'image argo/app.yaml:18:18 quay.io/acme/worker:2.0 pkg:docker/acme/worker@2.0?repository_url=quay.io',
    ])
    expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '21 unsupported Argo CD parameter broken[x].image is not applied (its name has a list index that is not a number): an image it sets is reported as the values give it',
    ])
    expect(inventory.errors).toEqual([])
  })

  it("fills an ApplicationSet's chart from the values its generators write (lists, clusters' values, merge, matrix)", async () => {
    // gitops-bridge's addon ApplicationSets: a Merge of Cluster generators whose `values` name the chart; the base
    // generator's values, with each other generator's laid over them (staging pins another version).
    const merged = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: addons-cert-manager}
spec:
  generators:
    - merge:
        mergeKeys: [server]
        generators:
          - clusters:
              values:
                addonChart: cert-manager
                addonChartVersion: v1.14.3
                addonChartRepository: https://charts.jetstack.io
          - clusters:
              selector: {matchLabels: {environment: staging}}
              values:
                addonChartVersion: v1.13.0
  template:
    metadata: {name: 'addon-{{name}}-{{values.addonChart}}'}
    spec:
      sources:
        - chart: '{{values.addonChart}}'
          repoURL: '{{values.addonChartRepository}}'
          targetRevision: '{{values.addonChartVersion}}'
`
    const listed = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: guestbook}
spec:
  goTemplate: true
  generators:
    - list:
        elements:
          - {cluster: dev, version: 1.0.0}
          - {cluster: prod, version: 1.1.0}
          - {cluster: old, version: 2.5}
          - {cluster: edge}
  template:
    spec:
      source:
        chart: guestbook
        repoURL: https://charts.example.com
        targetRevision: '{{.version}}'
`
    const unknown = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: from-git}
spec:
  generators:
    - git: {repoURL: https://git.example.com/config.git, files: [{path: 'apps/*.json'}]}
  template:
    spec:
      source: {chart: '{{chart}}', repoURL: https://charts.example.com, targetRevision: 1.0.0}
`
    const inventory = await scan({'merged.yaml': merged, 'listed.yaml': listed, 'unknown.yaml': unknown})
    expect(rows(inventory)).toEqual([
      'chart merged.yaml:22:18 cert-manager@v1.13.0 pkg:helm/cert-manager@v1.13.0?repository_url=https%3A%2F%2Fcharts.jetstack.io',
      'chart merged.yaml:22:18 cert-manager@v1.14.3 pkg:helm/cert-manager@v1.14.3?repository_url=https%3A%2F%2Fcharts.jetstack.io',
      // `2.5` is a range to helm's --version (Masterminds semver): listed without a version, kept in ref.
      'chart listed.yaml:16:16 guestbook 2.5 pkg:helm/guestbook?repository_url=https%3A%2F%2Fcharts.example.com',
      'chart listed.yaml:16:16 guestbook@1.0.0 pkg:helm/guestbook@1.0.0?repository_url=https%3A%2F%2Fcharts.example.com',
      'chart listed.yaml:16:16 guestbook@1.1.0 pkg:helm/guestbook@1.1.0?repository_url=https%3A%2F%2Fcharts.example.com',
    ])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.message}`)).toEqual([
      "unknown.yaml:9 ApplicationSet chart {{chart}}: a value is filled in by the ApplicationSet's generators ({{ }}); not read",
    ])
  })

  it("skips an ApplicationSet's helm.values that its generators' {{ }} make YAML only once filled in; an Application's are errors", async () => {
    // The shape of aws-ia/terraform-aws-eks-blueprints' patterns/blue-green-upgrade/bootstrap/workloads.yaml (a
    // goTemplate ApplicationSet whose values write `key: {{ default "0" .x }}`), fictional names.
    const source = `      source:
        repoURL: https://charts.example.com
        chart: workloads
        targetRevision: 1.0.0
        helm:
          values: |
            image: registry.example.com/team/web:1.2.3
            weight: {{default "0" .metadata.annotations.weight}}
            url: {{ if .x }} http://{{ .x }}{{ end }}
`
    const inventory = await scan({
      'set.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: workloads}
spec:
  goTemplate: true
  template:
    spec:
${source}`,
      // An Application's values are given to Helm as written: not YAML, an error.
      'app.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: workloads}
spec:
${source.replace(/^ {4}/gm, '')}`,
    })
    expect(rows(inventory)).toEqual([
      'chart app.yaml:7:12,set.yaml:10:16 workloads@1.0.0 pkg:helm/workloads@1.0.0?repository_url=https%3A%2F%2Fcharts.example.com',
    ])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      "set.yaml:13 unsupported helm.values: filled in by the ApplicationSet's generators ({{ }}) before Helm reads them, and not YAML as written (YAML Unexpected scalar at node end at line 16); not read",
    ])
    expect(inventory.errors.map((e) => `${e.file}:${e.line} ${e.code}`)).toEqual(['app.yaml:13 yaml-syntax'])
  })

  it('names a Flux chart written with a path in an OCI HelmRepository by its last part, the path going to the repository', async () => {
    // bjw-s-labs/home-ops's actions-runner-controller runners: `chart: actions-runner-controller-charts/gha-runner-scale-set`.
    const inventory = await scan({
      'runners.yaml': `apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata: {name: actions-runner-controller, namespace: flux-system}
spec: {type: oci, url: oci://ghcr.io/actions}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: runners, namespace: dev}
spec:
  chart:
    spec:
      chart: actions-runner-controller-charts/gha-runner-scale-set
      version: 0.8.1
      sourceRef: {kind: HelmRepository, name: actions-runner-controller, namespace: flux-system}
`,
    })
    expect(inventory.skipped).toEqual([])
    expect(inventory.components.map((c) => c.purl)).toEqual([
      'pkg:helm/gha-runner-scale-set@0.8.1?repository_url=oci%3A%2F%2Fghcr.io%2Factions%2Factions-runner-controller-charts',
    ])
  })

  it("says why a release's source is not taken: nowhere, defined with other URLs as near as each other, or without a URL", async () => {
    const repository = (name: string, url?: string) =>
      `apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata: {name: ${name}, namespace: flux-system}
spec: {${url ? `url: ${url}` : 'interval: 1h'}}
`
    const release = (name: string, source: string) =>
      `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: ${name}, namespace: apps}
spec:
  chart:
    spec:
      chart: ${name}
      version: 1.0.0
      sourceRef: {kind: HelmRepository, name: ${source}, namespace: flux-system}
`
    const inventory = await scan({
      'apps/web/release.yaml': `${release('web', 'shared')}---\n${release('api', 'nowhere')}---\n${release('db', 'bare')}`,
      'sources/a/shared.yaml': repository('shared', 'https://charts-a.example.com'),
      'sources/b/shared.yaml': repository('shared', 'https://charts-b.example.com'),
      'apps/web/bare.yaml': repository('bare'),
    })
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      'apps/web/release.yaml:7 missing-resource HelmRelease apps/web: its HelmRepository flux-system/shared is defined 2 times in the scanned tree with different URLs, none nearer the release than the others (sources/a/shared.yaml, sources/b/shared.yaml): which one applies depends on the cluster: chart web listed without its repository',
      'apps/web/release.yaml:17 missing-resource HelmRelease apps/api: its HelmRepository flux-system/nowhere is not in the scanned tree: chart api listed without its repository',
      'apps/web/release.yaml:27 missing-resource HelmRelease apps/db: its HelmRepository flux-system/bare (apps/web/bare.yaml) has no spec.url: chart db listed without its repository',
    ])
    expect(inventory.components.map((c) => c.purl)).toEqual([
      'pkg:helm/api@1.0.0',
      'pkg:helm/db@1.0.0',
      'pkg:helm/web@1.0.0',
    ])
  })
})
