// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {discoverPaths} from '../../index.js'
import {refsAt, scanTree} from '../../../../tests/discover/tree.js'
import {schemaDocument} from '../../k8s-images.js'
import {discoverer} from './index.js'

const scan = (files: Record<string, string>) => scanTree(files, {discoverers: [discoverer]})

describe('k8s-manifest', () => {
  it('claims YAML files that no other format reads', () => {
    expect(['deploy/app.yaml', 'x.yml'].map(discoverer.matches)).toEqual([true, true])
    expect(
      [
        'kustomization.yaml',
        'Chart.yaml',
        'values.yaml',
        'values-prod.yaml',
        'pnpm-lock.yaml',
        'mkdocs.yml',
        '.github/workflows/ci.yaml',
        'a.json',
      ].map(discoverer.matches),
    ).toEqual([false, false, false, false, false, false, false, false])
  })

  it("reports a ytt template once, never as a broken manifest (cf-for-k8s's api_server_deployment.yml)", async () => {
    const text = readFileSync(new URL('./__fixtures__/cf-for-k8s/api_server_deployment.yml', import.meta.url), 'utf8')
    const ytt = await scan({'config/api_server_deployment.yml': text})
    expect(ytt.components).toEqual([])
    expect(ytt.errors).toEqual([])
    expect(ytt.skipped.map((s) => [s.file, s.line, s.reason, s.message])).toEqual([
      [
        'config/api_server_deployment.yml',
        1,
        'unsupported',
        'a ytt template (#@ annotations): its values are computed when ytt renders it; render it and scan the result',
      ],
    ])
    // Annotations ytt writes without a space (`#@overlay/match`, `#@data/values`), indented or not.
    const overlay = await scan({
      'o.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  #@overlay/match by="name"\n  containers: []\n',
    })
    expect(overlay.skipped.map((s) => s.line)).toEqual([4])
    // ytt overlays carried as a string (kapp-controller's examples/simple-app-git/2.yml: a Secret's `values2.yml: |`)
    // are the manifest's data, applied as they are: read.
    const carried = await scan({
      'app.yml':
        'apiVersion: v1\nkind: Secret\nstringData:\n  values2.yml: |\n    #@data/values\n    ---\n    hello_msg: updated\n  fix.yml: |-\n    #@ load("@ytt:overlay", "overlay")\n---\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: nginx:1.27\n',
    })
    expect(carried.skipped).toEqual([])
    expect(refsAt(carried)).toEqual(['nginx:1.27 app.yml:15:12'])
    // After a block scalar, an annotation at the key's indentation or less is one.
    const after = await scan({'t.yml': 'a: |\n  #@ text\n#@ load("@ytt:data", "data")\nb: 1\n'})
    expect(after.skipped.map((s) => s.line)).toEqual([3])
    // A `#@` inside a value or a comment that is no annotation (`#@example.com`) is plain YAML: read.
    const plain = await scan({
      'p.yaml':
        'apiVersion: v1\nkind: Pod\n# contact #@ops\n#@example.com\nspec:\n  containers:\n  - image: nginx:1.27\n',
    })
    expect(plain.skipped).toEqual([])
    expect(refsAt(plain)).toEqual(['nginx:1.27 p.yaml:7:12'])
  })

  it('reports YAML templates of Kubernetes manifests (*.yaml.j2), passes over other ones, and gives Jinja no Helm hint', async () => {
    expect(
      ['kubernetes/apps/app.yaml.j2', 'x.yml.tmpl', 'helmfile.yaml.gotmpl', 'roles/x/templates/a.txt.j2'].map(
        discoverer.matches,
      ),
    ).toEqual([true, true, false, false])
    const out = await scan({
      'kubernetes/apps/app.yaml.j2': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: #{ replicas }#\n',
      'roles/prometheus/templates/prometheus.yml.j2': 'global:\n  scrape_interval: {{ interval }}\n',
      'roles/cilium/templates/pool.yaml':
        'apiVersion: cilium.io/v2alpha1\nkind: CiliumLoadBalancerIPPool\nspec:\n  blocks:\n{% for cidr in pool %}\n    - cidr: {{ cidr }}\n{% endfor %}\n',
    })
    expect(out.errors).toEqual([])
    expect(out.skipped.map((s) => `${s.file} ${s.reason} ${s.message}`)).toEqual([
      'kubernetes/apps/app.yaml.j2 unsupported app.yaml.j2 is a template (.j2) of YAML objects with apiVersion and kind: render it and scan the result',
      'roles/cilium/templates/pool.yaml unsupported Jinja template directives ({% %}, {{ }}) that are not YAML: render it and scan the result',
    ])
  })

  it('finds containers, init, ephemeral and volume images of workloads, Lists and custom resources', async () => {
    const inventory = await scan({
      'app.yaml': `apiVersion: apps/v1
kind: StatefulSet
spec:
  template:
    spec:
      initContainers: [{name: init, image: "registry.example.com/init:1"}]
      containers:
        - name: main
          image: registry.example.com/main:2
      volumes:
        - name: data
          image: {reference: registry.example.com/data:3}
---
apiVersion: v1
kind: PodList
items:
  - apiVersion: v1
    kind: Pod
    spec:
      ephemeralContainers:
        - {name: dbg, image: busybox}
---
apiVersion: tekton.dev/v1
kind: Task
spec:
  steps:
    - name: build
      image: registry.example.com/builder:4
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
spec:
  image: quay.io/prometheus/alertmanager:v0.27.0
`,
    })
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory)).toEqual([
      'busybox app.yaml:21:30',
      'quay.io/prometheus/alertmanager:v0.27.0 app.yaml:33:10',
      'registry.example.com/builder:4 app.yaml:28:14',
      'registry.example.com/data:3 app.yaml:12:30',
      'registry.example.com/init:1 app.yaml:6:44',
      'registry.example.com/main:2 app.yaml:9:18',
    ])
    const byRef = Object.fromEntries(inventory.components.map((c) => [c.ref, c]))
    expect(byRef.busybox).toMatchObject({
      name: 'docker.io/library/busybox',
      version: 'latest',
      origin: 'manifest',
      purl: 'pkg:docker/library/busybox@latest',
    })
    expect(byRef['quay.io/prometheus/alertmanager:v0.27.0'].origin).toBe('operator-field')
  })

  it("lists Dragonfly's image, kind's node images and k3d's cluster image (their configuration as written in their docs)", async () => {
    const out = await scan({
      'dragonfly.yaml':
        'apiVersion: dragonflydb.io/v1alpha1\nkind: Dragonfly\nmetadata:\n  name: cache\nspec:\n  image: docker.dragonflydb.io/dragonflydb/dragonfly:v1.21.2\n',
      'kind.yaml':
        'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  image: kindest/node:v1.31.0\n- role: worker\n- role: worker\n  image: kindest/node:v1.30.4\n',
      'k3d.yaml':
        'apiVersion: k3d.io/v1alpha5\nkind: Simple\nmetadata:\n  name: dev\nimage: docker.io/rancher/k3s:v1.27.1-k3s1\n',
    })
    expect(out.errors).toEqual([])
    expect(refsAt(out)).toEqual([
      'docker.dragonflydb.io/dragonflydb/dragonfly:v1.21.2 dragonfly.yaml:6:10',
      'docker.io/rancher/k3s:v1.27.1-k3s1 k3d.yaml:5:8',
      'kindest/node:v1.30.4 kind.yaml:8:10',
      'kindest/node:v1.31.0 kind.yaml:5:10',
    ])
    expect(new Set(out.components.map((c) => c.origin))).toEqual(new Set(['operator-field']))
  })

  it("lists CloudNativePG's extension and catalog images, Strimzi's component images, Tekton StepActions' and scorecard tests' images", async () => {
    const out = await scan({
      // cloudnative-pg docs/src/imagevolume_extensions.md and image_catalog.md.
      'cnpg.yaml': `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: cluster-example
spec:
  imageName: ghcr.io/cloudnative-pg/postgresql:18.1-minimal-trixie
  postgresql:
    extensions:
      - name: pgvector
        image:
          reference: ghcr.io/cloudnative-pg/pgvector:0.8.1-18-trixie
      - name: fromcatalog
---
apiVersion: postgresql.cnpg.io/v1
kind: ImageCatalog
metadata:
  name: my-catalog
spec:
  images:
    - major: 18
      image: ghcr.io/cloudnative-pg/postgresql:18.6-system-trixie
      extensions:
        - name: foo
          image:
            reference: registry.example.com/foo:1.0
  componentImages:
    - key: pgbouncer
      image: ghcr.io/cloudnative-pg/pgbouncer:1.25.1
`,
      'kafka.yaml': `apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata:
  name: my-cluster
spec:
  kafka:
    image: quay.io/strimzi/kafka:0.45.0-kafka-3.9.0
  entityOperator:
    topicOperator:
      image: quay.io/strimzi/operator:0.45.0
    userOperator: {}
  cruiseControl:
    image: registry.example.com/cruise-control:1
  kafkaExporter:
    image: registry.example.com/kafka-exporter:2
`,
      'stepaction.yaml':
        'apiVersion: tekton.dev/v1beta1\nkind: StepAction\nmetadata:\n  name: step\nspec:\n  image: alpine:3.20\n  script: echo hi\n',
      // operator-sdk testdata/go/v4/memcached-operator/bundle/tests/scorecard/config.yaml.
      'scorecard.yaml': `apiVersion: scorecard.operatorframework.io/v1alpha3
kind: Configuration
metadata:
  name: config
stages:
- parallel: true
  tests:
  - entrypoint:
    - scorecard-test
    - basic-check-spec
    image: quay.io/operator-framework/scorecard-test:v1.42.3
    labels:
      suite: basic
`,
    })
    expect(out.errors).toEqual([])
    expect(refsAt(out)).toEqual([
      'alpine:3.20 stepaction.yaml:6:10',
      'ghcr.io/cloudnative-pg/pgbouncer:1.25.1 cnpg.yaml:28:14',
      'ghcr.io/cloudnative-pg/pgvector:0.8.1-18-trixie cnpg.yaml:11:22',
      'ghcr.io/cloudnative-pg/postgresql:18.1-minimal-trixie cnpg.yaml:6:14',
      'ghcr.io/cloudnative-pg/postgresql:18.6-system-trixie cnpg.yaml:21:14',
      'quay.io/operator-framework/scorecard-test:v1.42.3 scorecard.yaml:11:12',
      'quay.io/strimzi/kafka:0.45.0-kafka-3.9.0 kafka.yaml:7:12',
      'quay.io/strimzi/operator:0.45.0 kafka.yaml:10:14',
      'registry.example.com/cruise-control:1 kafka.yaml:13:12',
      'registry.example.com/foo:1.0 cnpg.yaml:25:24',
      'registry.example.com/kafka-exporter:2 kafka.yaml:15:12',
    ])
    expect(new Set(out.components.map((c) => c.origin))).toEqual(new Set(['operator-field']))
  })

  it('lists the auto-instrumentation images of an OpenTelemetry Instrumentation (the operator injects them)', async () => {
    const inventory = await scan({
      'instrumentation.yaml': `apiVersion: opentelemetry.io/v1alpha1
kind: Instrumentation
metadata:
  name: default
spec:
  exporter:
    endpoint: http://collector.example.com:4317
  java:
    image: ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.10.0
    extensions:
    - image: example.com/java-extension:3
      dir: /extensions
  python:
    env:
    - name: OTEL_LOGS_EXPORTER
      value: otlp
  nodejs:
    image: example.com/node-agent:1
`,
    })
    expect(refsAt(inventory)).toEqual([
      'example.com/java-extension:3 instrumentation.yaml:11:14',
      'example.com/node-agent:1 instrumentation.yaml:18:12',
      'ghcr.io/open-telemetry/opentelemetry-operator/autoinstrumentation-java:2.10.0 instrumentation.yaml:9:12',
    ])
    expect(inventory.components.map((c) => c.origin)).toEqual(['operator-field', 'operator-field', 'operator-field'])
  })

  it("lists the images an operator deploys: a CSV's relatedImages and RELATED_IMAGE_* variables (OLM's conventions)", async () => {
    // The forms are those of OLM's and Operator SDK's documentation for operators in disconnected clusters (a CSV's
    // `spec.relatedImages`; an operand's image given to the manager as `RELATED_IMAGE_*`); the names are fictional.
    const digest = `sha256:${'d'.repeat(64)}`
    const inventory = await scan({
      'bundle/manifests/shop-operator.clusterserviceversion.yaml': `apiVersion: operators.coreos.com/v1alpha1
kind: ClusterServiceVersion
metadata:
  name: shop-operator.v1.2.0
spec:
  install:
    strategy: deployment
    spec:
      deployments:
        - name: shop-operator
          spec:
            template:
              spec:
                containers:
                  - name: manager
                    image: quay.io/example/shop-operator@${digest}
                    env:
                      - name: RELATED_IMAGE_DB
                        value: quay.io/example/shop-db:15.4
                      - name: WATCH_NAMESPACE
                        valueFrom: {fieldRef: {fieldPath: "metadata.annotations['olm.targetNamespaces']"}}
  relatedImages:
    - name: shop-operator
      image: quay.io/example/shop-operator@${digest}
    - name: db
      image: quay.io/example/shop-db:15.4
    - name: exporter
      image: quay.io/example/shop-exporter:0.9.1
    - name: not-pinned-yet
      image: ""
    - name: no-image
`,
      'config/manager/manager.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller-manager
spec:
  template:
    spec:
      containers:
        - name: manager
          image: controller:latest
          env:
            - name: RELATED_IMAGE_CACHE
              value: ghcr.io/example/cache:7.2
            - name: RELATED_IMAGE_FROM_CONFIG
              valueFrom: {configMapKeyRef: {name: images, key: cache}}
            - name: RELATED_IMAGE_UNSET
              value: ""
            - name: DEFAULT_IMAGE
              value: ghcr.io/example/not-by-convention:1.0
`,
      'other.yaml': `apiVersion: example.com/v1
kind: ClusterServiceVersion
spec:
  relatedImages:
    - name: x
      image: ghcr.io/example/not-olm:1.0
`,
    })
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory)).toEqual([
      'controller:latest config/manager/manager.yaml:10:18',
      'ghcr.io/example/cache:7.2 config/manager/manager.yaml:13:22',
      'quay.io/example/shop-db:15.4 bundle/manifests/shop-operator.clusterserviceversion.yaml:19:32',
      'quay.io/example/shop-exporter:0.9.1 bundle/manifests/shop-operator.clusterserviceversion.yaml:28:14',
      `quay.io/example/shop-operator@${digest} bundle/manifests/shop-operator.clusterserviceversion.yaml:16:28`,
    ])
    // The operator's own image and the database's, named by its deployment, are not listed again from relatedImages.
    expect(inventory.components.map((c) => `${c.name} ${c.origin}`)).toEqual([
      'docker.io/library/controller manifest',
      'ghcr.io/example/cache operator-field',
      'quay.io/example/shop-db operator-field',
      'quay.io/example/shop-exporter operator-field',
      'quay.io/example/shop-operator manifest',
    ])
  })

  it('lists Crossplane packages, KubeVirt container disks and CDI registry imports (docker:// URLs)', async () => {
    // In the forms docs.crossplane.io (packages) and kubevirt.io's user guide (container disks) give; names fictional.
    const inventory = await scan({
      'crossplane.yaml': `apiVersion: pkg.crossplane.io/v1
kind: Provider
metadata:
  name: provider-example
spec:
  package: xpkg.example.com/example-org/provider-example:v1.1.0
---
apiVersion: pkg.crossplane.io/v1beta1
kind: Function
metadata:
  name: function-example
spec:
  package: xpkg.example.com/example-org/function-example:v0.2.0
`,
      'vm.yaml': `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: shop-vm
spec:
  template:
    spec:
      domain:
        devices: {}
      volumes:
        - name: containerdisk
          containerDisk:
            image: quay.io/example/shop-disk:v1.4.0
        - name: cloudinitdisk
          cloudInitNoCloud:
            userData: "#cloud-config"
  dataVolumeTemplates:
    - metadata: {name: base}
      spec:
        source:
          registry:
            url: docker://quay.io/example/base-disk:40
`,
      'dv.yaml': `apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: shop-data
spec:
  source:
    registry:
      url: "docker://quay.io/example/shop-data:1.2"
---
apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: from-archive
spec:
  source:
    registry:
      url: "oci-archive:///data/disk.tar"
`,
    })
    expect(inventory.errors).toEqual([])
    // A CDI URL's image is what is pulled (named without the scheme); the reference keeps it as written.
    expect(inventory.components.find((c) => c.ref.includes('shop-data'))?.name).toBe('quay.io/example/shop-data')
    expect(refsAt(inventory)).toEqual([
      'docker://quay.io/example/base-disk:40 vm.yaml:22:18',
      'docker://quay.io/example/shop-data:1.2 dv.yaml:8:12',
      'quay.io/example/shop-disk:v1.4.0 vm.yaml:13:20',
      'xpkg.example.com/example-org/function-example:v0.2.0 crossplane.yaml:13:12',
      'xpkg.example.com/example-org/provider-example:v1.1.0 crossplane.yaml:6:12',
    ])
  })

  it("pulls a Crossplane package without a registry from Crossplane's (xpkg.upbound.io); an image volume may name none", async () => {
    const inventory = await scan({
      'provider.yaml': `apiVersion: pkg.crossplane.io/v1
kind: Provider
metadata:
  name: provider-aws
spec:
  package: crossplane/provider-aws:v0.22.0
`,
      'pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      image: nginx:1.27
  volumes:
    - name: data
      image:
        pullPolicy: IfNotPresent
`,
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => `${c.ref} ${c.name}`)).toEqual([
      'nginx:1.27 docker.io/library/nginx',
      'crossplane/provider-aws:v0.22.0 xpkg.upbound.io/crossplane/provider-aws',
    ])
  })

  it('lists Tekton bundles: the bundles resolver of a taskRef or pipelineRef, and the older bundle field', async () => {
    // In the forms of tekton.dev's bundle resolver documentation; names fictional.
    const inventory = await scan({
      'run.yaml': `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: build
spec:
  pipelineRef:
    resolver: bundles
    params:
      - name: bundle
        value: docker.io/example/simple-pipeline:1.0
      - name: name
        value: simple-pipeline
---
apiVersion: tekton.dev/v1beta1
kind: Pipeline
metadata:
  name: p
spec:
  tasks:
    - name: hello
      taskRef:
        name: echo-task
        bundle: docker.io/example/echo-bundle:v2
    - name: from-git
      taskRef:
        resolver: git
        params:
          - name: url
            value: https://git.example.com/tasks.git
`,
    })
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory)).toEqual([
      'docker.io/example/echo-bundle:v2 run.yaml:23:17',
      'docker.io/example/simple-pipeline:1.0 run.yaml:10:16',
    ])
    expect(inventory.components.map((c) => c.origin)).toEqual(['operator-field', 'operator-field'])
  })

  it('does not read the schemas of CustomResourceDefinitions', async () => {
    const inventory = await scan({
      'crd.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec:
  versions:
    - schema:
        openAPIV3Schema:
          properties:
            containers: {type: array, items: {properties: {image: {type: string}}}}
            image: {type: string, default: "x:1"}
`,
    })
    expect(inventory).toMatchObject({components: [], errors: [], skipped: []})
  })

  it('recognises a CustomResourceDefinition by its top-level lines, so its schema is never parsed', () => {
    const crd =
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: x\nspec:\n  a: 1\n'
    expect(schemaDocument(crd)).toEqual({apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition'})
    expect(schemaDocument(crd.replaceAll('\n', '\r\n'))).toEqual({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
    })
    // A second kind, a quoted top-level key or no apiVersion: read as any other document.
    expect(schemaDocument(`${crd}kind: Pod\n`)).toBeUndefined()
    expect(schemaDocument(`${crd}"kind": Pod\n`)).toBeUndefined()
    expect(schemaDocument(crd.replace(/^apiVersion.*\n/, ''))).toBeUndefined()
    expect(schemaDocument('apiVersion: v1\nkind: Pod\n')).toBeUndefined()
  })

  it('reports image fields that are not strings and invalid references, with line and column', async () => {
    const inventory = await scan({
      'bad.yaml': `apiVersion: v1
kind: Pod
spec:
  containers:
    - {name: a, image: 1.10}
    - {name: b, image: [x, y]}
    - {name: c, image: null}
    - {name: d, image: NGINX:1}
    - {name: e, image: ok.example.com/e:1}
`,
    })
    expect(inventory.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      '5:24 invalid-image-field image field (containers) must be a string, found a number (1.10)',
      '6:24 invalid-image-field image field (containers) must be a string, found a list',
      '7:24 invalid-image-field image field (containers) must be a string, found null',
      '8:24 invalid-image-ref invalid image reference "NGINX:1": repository name must be lowercase',
    ])
    expect(refsAt(inventory)).toEqual(['ok.example.com/e:1 bad.yaml:9:24'])
  })

  it('skips Helm templates with a hint to render them, and template values inside valid YAML', async () => {
    const inventory = await scan({
      'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
      'chart/templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\n',
      'raw/tpl.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n',
      'raw/quoted.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: "{{ .Values.image }}"\n',
      'raw/env.yaml': `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: ${'$'}{REGISTRY}/app:1\n`,
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.components).toEqual([])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line ?? ''} ${s.reason}`)).toEqual([
      'chart/templates/deploy.yaml: helm-template',
      'raw/env.yaml:5 unsupported',
      'raw/quoted.yaml:5 helm-template',
      'raw/tpl.yaml: helm-template',
    ])
    expect(inventory.skipped[0].message).toContain('helm template')
  })

  it("skips ko's ko:// images (built from Go source when applied), not an invalid reference (tektoncd/pipeline)", async () => {
    const inventory = await scan({
      'config/controller.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: controller}
spec:
  template:
    spec:
      containers:
        - name: controller
          image: ko://github.com/example-org/pipeline/cmd/controller
        - name: sidecar
          image: registry.example.com/sidecar:1.0
`,
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => c.ref)).toEqual(['registry.example.com/sidecar:1.0'])
    expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '9 unsupported image "ko://github.com/example-org/pipeline/cmd/controller" is built by ko from the Go package github.com/example-org/pipeline/cmd/controller when the manifest is applied (ko resolve / ko apply): scan the manifests ko resolve writes for the images it pushes',
    ])
  })

  it('skips, once, a file that is not valid YAML and writes no apiVersion and kind: no object kubectl could apply', async () => {
    const inventory = await scan({
      // A design document (apache/camel-k's docs/threat-model.yaml has this shape) and an Ansible task list whose
      // unquoted {{ }} breaks YAML: neither names an apiVersion and a kind.
      'docs/threat-model.yaml': 'threats:\n  - name: a\n    description: b: c\n      x: y\n',
      'site.yml': '- hosts: all\n  tasks:\n    - debug: msg={{ x }}: y\n      z: w\n',
      // Writing both keys anywhere (block or flow, quoted or not) keeps the file a manifest: its problems are errors.
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nspec: [\n',
      'flow.yaml': '{"apiVersion": "v1", "kind": "Pod", "spec": [}\n',
      'tpl.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {{ .Values.x }}: y\n  z: w\n',
      // Valid YAML whose {{ }} became mapping keys (ansible/awx's inventory.yml template), no object: nothing to say.
      'inventory.yml': 'all:\n  hosts:\n    {{ host }}:\n      port: 1\n',
      // Plain YAML with a complex key, no template: no object, nothing to say.
      'complex.yaml': '? [a, b]\n: c\n',
    })
    expect(inventory.errors.map((e) => `${e.file}:${e.line} ${e.code}`)).toEqual([
      'flow.yaml:1 yaml-syntax',
      'flow.yaml:1 yaml-syntax',
      'pod.yaml:4 yaml-syntax',
    ])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line ?? ''} ${s.reason} ${s.message}`)).toEqual([
      'docs/threat-model.yaml:3 unsupported not valid YAML (line 3:18: YAML Nested mappings are not allowed in compact mappings), and no Kubernetes object in it (no apiVersion and kind): not read as a manifest',
      'inventory.yml:3 unsupported template directives ({{ }}) that YAML reads as mappings used as keys (line 3), and no Kubernetes object in it (no apiVersion and kind): not read as a manifest',
      'site.yml:3 unsupported not valid YAML (line 3:14: YAML Nested mappings are not allowed in compact mappings), and no Kubernetes object in it (no apiVersion and kind): not read as a manifest',
      'tpl.yaml: helm-template Go template directives ({{ }}) that are not YAML. Helm templates are not rendered: run `helm template` and scan its output',
    ])
  })

  it('reads custom tags as kubectl does: no error in a file that is no Kubernetes object, the text of a tagged image', async () => {
    const real = fileURLToPath(new URL('./__fixtures__/dependabot-core', import.meta.url))
    const cassettes = await discoverPaths([real], {discoverers: [discoverer]})
    // A Ruby VCR cassette (`!binary`) and a Dependabot config with `!ruby/object:DateTime`: nothing to list, no error.
    expect(cassettes).toMatchObject({components: [], errors: [], skipped: [], files: 2})
    const inventory = await scan({
      // CloudFormation (`!Ref`, `!Sub`, `!GetAtt`, `!If`), Ansible Vault (`!vault`).
      'cfn/template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${AWS::StackName}-data'
      Tags: !If [IsProd, [], !Ref 'AWS::NoValue']
Outputs:
  Arn: !GetAtt Bucket.Arn
`,
      'group_vars/all.yml': 'db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6232\n',
      // A Kubernetes object: go-yaml gives a tagged scalar its text and never looks at a collection's tag.
      'pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: tagged
  annotations: !custom {a: b}
spec:
  containers: !list
    - name: app
      image: !pinned registry.example.com/app:1.2
    - name: side
      image: !<!vault> nginx:1.27
    - {name: global, image: !!python/str registry.example.com/global:3}
`,
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.files).toBe(3)
    expect(refsAt(inventory)).toEqual([
      'nginx:1.27 pod.yaml:11:24',
      'registry.example.com/app:1.2 pod.yaml:9:22',
      'registry.example.com/global:3 pod.yaml:12:42',
    ])
  })

  it('reads an image tagged !!binary as kubectl does (go-yaml decodes it into the string field), and reports base64 Go refuses, at the value after the tag', async () => {
    const inventory = await scan({
      'pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: binary
spec:
  containers:
  - name: a
    image: !!binary ZXhhbXBsZS5vcmcveDox
  - name: b
    image: !!binary |
      ZXhhbXBsZS5v
      cmcveToy
  - name: c
    image: !!binary "ZXhh bXBs"
  - name: d
    image: !!binary //79
`,
      'provider.yaml':
        'apiVersion: pkg.crossplane.io/v1\nkind: Provider\nmetadata:\n  name: p\nspec:\n  package: !!binary ZXhhbXBsZS9wcm92aWRlcjp2MQ==\n',
    })
    // Line breaks inside the base64 are skipped, as Go's base64.StdEncoding skips them; a space is refused.
    expect(
      inventory.components.map((c) => [c.ref, c.name, c.version, c.locations.map((l) => `${l.line}:${l.column}`)]),
    ).toEqual([
      ['example.org/x:1', 'example.org/x', '1', ['8:21']],
      ['example.org/y:2', 'example.org/y', '2', ['10:21']],
      ['example/provider:v1', 'xpkg.upbound.io/example/provider', 'v1', ['6:21']],
    ])
    expect(inventory.errors.map((e) => [e.file, e.line, e.column, e.code, e.message])).toEqual([
      [
        'pod.yaml',
        14,
        21,
        'invalid-image-field',
        'image field (containers) is a !!binary value that is not base64 (kubectl refuses the file)',
      ],
      [
        'pod.yaml',
        16,
        21,
        'invalid-image-field',
        'image field (containers) is a !!binary value that decodes to bytes that are not UTF-8 text',
      ],
    ])
  })

  it('lists the images of the manifests Argo Workflows resource templates create, at their place in the file (argo-workflows examples)', async () => {
    const dir = fileURLToPath(new URL('./__fixtures__/argo-workflows', import.meta.url))
    const inventory = await discoverPaths([dir], {discoverers: [discoverer]})
    const real = JSON.parse(JSON.stringify(inventory).replaceAll(`${dir}/`, ''))
    expect(refsAt(real)).toEqual([
      'curlimages/curl:latest daemoned-stateful-set-with-service.yaml:92:16',
      'nginx:1.13 daemoned-stateful-set-with-service.yaml:75:29',
      'python:alpine3.23 k8s-jobs.yaml:49:24',
    ])
    expect(real.errors).toEqual([])
    // `workflows.argoproj.io/workflow: {{workflow.name}}`: a mapping to YAML until Argo fills it in.
    expect(real.skipped).toEqual([
      {
        file: 'k8s-resource-log-selector.yaml',
        line: 24,
        reason: 'unsupported',
        message:
          'the manifest of a resource template holds parameters ({{ }}) that Argo Workflows fills in when the Workflow runs, outside quotes (YAML reads them as mappings, or fails on them, until then): its images are not read',
      },
    ])
  })

  it('reads a resource template manifest as kubectl does: JSON in a string, every document, parameters filled in when it runs', async () => {
    // A Job, as a literal block's lines at the indentation of `manifest: |` + 2.
    const job = (image: string) =>
      ['apiVersion: batch/v1', 'kind: Job', 'spec:', '  template:', '    spec:', '      containers:', '      - name: c']
        .concat(`        image: ${image}`)
        .map((line) => `          ${line}\n`)
        .join('')
    const inventory = await scan({
      'cron.yaml': `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: nightly
spec:
  schedule: "0 0 * * *"
  workflowSpec:
    templates:
    - name: json
      resource:
        action: apply
        manifest: "{\\"apiVersion\\": \\"v1\\", \\"kind\\": \\"Pod\\", \\"spec\\": {\\"containers\\": [{\\"name\\": \\"c\\", \\"image\\": \\"example.com/json:1\\"}]}}"
    - name: two
      resource:
        action: create
        manifest: |
${job('example.com/first:1')}          ---
${job('"{{inputs.parameters.image}}"')}    - name: gone
      resource:
        action: delete
        manifest: |
${job('example.com/deleted:1')}    - name: steps
      steps:
      - - name: inline
          inline:
            resource:
              action: create
              manifest: |
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata:
                  generateName: child-
                spec:
                  templates:
                  - name: main
                    container:
                      image: example.com/child:2
`,
    })
    expect(refsAt(inventory)).toEqual([
      'example.com/child:2 cron.yaml:61:30',
      'example.com/first:1 cron.yaml:24:26',
      'example.com/json:1 cron.yaml:12:19',
    ])
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([
      {
        file: 'cron.yaml',
        line: 33,
        reason: 'unsupported',
        message:
          'image "{{inputs.parameters.image}}" holds parameters ({{ }}) that Argo Workflows fills in when the CronWorkflow runs: not guessed',
      },
    ])
  })

  it('reports a key written twice in a workflow with parameters, not a Helm template (argo-workflows examples/k8s-patch-json-workflow.yaml)', async () => {
    const inventory = await scan({
      'wf.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  annotations:
    a: b
  generateName: patch-
  annotations:
    c: d
spec:
  templates:
  - name: main
    container:
      image: example.com/app:1
      args: ["{{workflow.name}}"]
`,
    })
    expect(refsAt(inventory)).toEqual(['example.com/app:1 wf.yaml:13:14'])
    // Argo's strict reading (workflow/common/parse.go, YAMLToJSONStrict) refuses it.
    expect(inventory.errors).toEqual([
      {
        file: 'wf.yaml',
        line: 7,
        column: 3,
        code: 'yaml-duplicate-key',
        message: "YAML duplicate key 'annotations' (the last value is used)",
      },
    ])
    expect(inventory.skipped).toEqual([])
  })

  it('tells, not lists, the images of a patch naming no kind (the object is named by its flags); a patch naming one is read', async () => {
    const inventory = await scan({
      'wf.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: patch-
spec:
  templates:
  - name: by-flags
    resource:
      action: patch
      mergeStrategy: merge
      flags: [deployment, web]
      manifest: |
        spec:
          template:
            spec:
              containers:
              - name: web
                image: example.com/web:2
  - name: labels
    resource:
      action: patch
      mergeStrategy: json
      manifest: |
        - op: add
          path: /metadata/labels/team
          value: shop
  - name: typed
    resource:
      action: patch
      manifest: |
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          template:
            spec:
              containers:
              - name: api
                image: example.com/api:3
`,
    })
    expect(refsAt(inventory)).toEqual(['example.com/api:3 wf.yaml:40:24'])
    expect(inventory.skipped).toEqual([
      {
        file: 'wf.yaml',
        line: 12,
        reason: 'unsupported',
        message:
          'the manifest of a patch resource template names no apiVersion and kind (the object patched is named by its flags): images it may set are not read',
      },
    ])
  })

  it('reports a resource template manifest kubectl would refuse at its line, and the rest of the file is read', async () => {
    const inventory = await scan({
      'wf.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: broken-
spec:
  templates:
  - name: main
    container:
      image: "{{inputs.parameters.image}}"
  - name: create
    resource:
      action: create
      manifest: |
        apiVersion: v1
        kind: Pod
        spec:
          containers:
          - name: c
            image: [example.com/app:1
  - name: fixed
    container:
      image: example.com/fixed:1
`,
    })
    expect(refsAt(inventory)).toEqual(['example.com/fixed:1 wf.yaml:22:14'])
    // Not a Helm template for its `{{ }}` elsewhere: the file itself is YAML.
    expect(inventory.errors).toEqual([
      {
        file: 'wf.yaml',
        line: 20,
        column: 9,
        code: 'yaml-syntax',
        message:
          'resource template manifest: YAML Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ])
    expect(inventory.skipped.map((s) => s.line)).toEqual([9])
  })

  it('lists a Crossplane package written as JSON (`"package":`), in a YAML file and in a resource template manifest', async () => {
    const json =
      '{"apiVersion":"pkg.crossplane.io/v1","kind":"Provider","metadata":{"name":"p"},"spec":{"package":"xpkg.example.com/example-org/provider-a:v1.0.0"}}'
    const inventory = await scan({
      'provider.yaml': `${json}\n`,
      'wf.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: provider-
spec:
  templates:
  - name: a
    resource:
      action: create
      manifest: '${json.replace('provider-a', 'provider-b')}'
`,
    })
    expect(refsAt(inventory)).toEqual([
      'xpkg.example.com/example-org/provider-a:v1.0.0 provider.yaml:1:98',
      'xpkg.example.com/example-org/provider-b:v1.0.0 wf.yaml:10:17',
    ])
    expect(inventory.skipped).toEqual([])
    expect(inventory.errors).toEqual([])
  })

  it('reads a resource template manifest an alias repeats at each alias, up to the size of the file: one skip says where it stopped', async () => {
    // Each `*m` is a string of its own, placed at its alias; read again and again, 400 of them made a 181 KB file
    // take 26 s. The manifests at one depth may add up to the file's characters: beyond, they are not read.
    const workflow = (aliases: number) =>
      `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: aliased-
spec:
  templates:
  - name: a
    resource:
      action: create
      manifest: &m |
        apiVersion: v1
        kind: Pod
        # ${'x'.repeat(150)}
        spec:
          containers:
          - name: c
            image: example.com/app:1
${Array.from({length: aliases}, (_, i) => `  - name: t${i}\n    resource: {action: create, manifest: *m}\n`).join('')}`
    const twice = await scan({'wf.yaml': workflow(1)})
    expect(refsAt(twice)).toEqual(['example.com/app:1 wf.yaml:17:20', 'example.com/app:1 wf.yaml:19:42'])
    expect(twice.skipped).toEqual([])
    const thrice = await scan({'wf.yaml': workflow(2)})
    expect(refsAt(thrice)).toEqual(['example.com/app:1 wf.yaml:17:20', 'example.com/app:1 wf.yaml:19:42'])
    expect(thrice.errors).toEqual([])
    expect(thrice.skipped.map((s) => [s.file, s.line, s.reason, s.message])).toEqual([
      [
        'wf.yaml',
        21,
        'unsupported',
        "the manifests of resource templates add up to more than the file's 581 characters (YAML aliases repeat them): this one and those after it are not read",
      ],
    ])
  })

  it("skips an Argo Workflows or Rollouts analysis image its parameters fill in when it runs, without Helm's hint (argo-workflows examples/loops-maps.yaml)", async () => {
    const out = await scan({
      'loops-maps.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: loops-maps-
spec:
  entrypoint: loop-map-example
  templates:
  - name: cat-os-release
    inputs:
      parameters:
      - name: image
      - name: tag
    container:
      image: "{{inputs.parameters.image}}:{{inputs.parameters.tag}}"
      command: [cat]
  - name: fixed
    container:
      image: alpine:3.20
`,
      // An Argo Rollouts job metric, its image an argument of the template.
      'analysis.yaml': `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: slo
spec:
  args:
  - name: checker_image
  metrics:
  - name: slo
    provider:
      job:
        spec:
          template:
            spec:
              containers:
              - name: check
                image: "{{args.checker_image}}"
`,
    })
    expect(out.errors).toEqual([])
    expect(refsAt(out)).toEqual(['alpine:3.20 loops-maps.yaml:18:14'])
    expect(out.skipped).toEqual([
      {
        file: 'analysis.yaml',
        line: 17,
        reason: 'unsupported',
        message:
          'image "{{args.checker_image}}" holds parameters ({{ }}) that Argo Rollouts fills in when an analysis runs: not guessed',
      },
      {
        file: 'loops-maps.yaml',
        line: 14,
        reason: 'unsupported',
        message:
          'image "{{inputs.parameters.image}}:{{inputs.parameters.tag}}" holds parameters ({{ }}) that Argo Workflows fills in when the Workflow runs: not guessed',
      },
    ])
  })

  it('ignores YAML documents that are not Kubernetes objects', async () => {
    const inventory = await scan({'other.yaml': 'services:\n  web:\n    image: nginx\n'})
    expect(inventory).toMatchObject({components: [], errors: [], files: 1})
  })

  describe('charts that GitOps controllers install', () => {
    const chartRows = (inventory: {
      components: Array<{kind: string; purl?: string; locations: Array<{file: string; line: number; column: number}>}>
    }) =>
      inventory.components
        .filter((c) => c.kind === 'chart')
        .map((c) => `${c.locations[0].file}:${c.locations[0].line}:${c.locations[0].column} ${c.purl}`)

    it("lists a real Flux example's releases: an OCIRepository in the same file, a HelmRepository beside it (fluxcd example)", async () => {
      const dir = fileURLToPath(new URL('./__fixtures__/flux2-kustomize-helm-example', import.meta.url))
      const inventory = await discoverPaths([dir], {discoverers: [discoverer]})
      expect(inventory.errors).toEqual([])
      expect(inventory.skipped).toEqual([])
      expect(chartRows(inventory).map((row) => row.slice(dir.length + 1))).toEqual([
        'infrastructure/controllers/cert-manager.yaml:38:11 pkg:helm/cert-manager?repository_url=oci%3A%2F%2Fquay.io%2Fjetstack%2Fcharts',
        'infrastructure/controllers/envoy-gateway.yaml:39:11 pkg:helm/gateway-helm?repository_url=oci%3A%2F%2Fdocker.io%2Fenvoyproxy',
        // Flux's default version is the newest (`*`): none is named.
        'apps/base/podinfo/release.yaml:11:14 pkg:helm/podinfo?repository_url=https%3A%2F%2Fstefanprodan.github.io%2Fpodinfo',
      ])
    })

    it('lists the charts of Argo CD applications and application sets, and reports what generators fill in', async () => {
      const inventory = await scan({
        'argo/apps.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: ingress, namespace: argocd}
spec:
  source:
    repoURL: https://charts.example.com/stable
    chart: acme-ingress
    targetRevision: 4.11.2
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: multi}
spec:
  sources:
    - repoURL: registry.example.com/charts
      chart: acme-db
      targetRevision: 1.2.*
    - repoURL: https://git.example.com/acme/values.git
      path: environments/prod
      targetRevision: main
---
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: addons}
spec:
  template:
    spec:
      source:
        repoURL: https://charts.example.com/stable
        chart: '{{values.addon}}'
        targetRevision: 1.0.0
`,
      })
      expect(inventory.errors).toEqual([])
      expect(chartRows(inventory)).toEqual([
        // No scheme: Argo CD's form for an OCI registry.
        'argo/apps.yaml:16:14 pkg:helm/acme-db?repository_url=oci%3A%2F%2Fregistry.example.com%2Fcharts',
        'argo/apps.yaml:7:12 pkg:helm/acme-ingress@4.11.2?repository_url=https%3A%2F%2Fcharts.example.com%2Fstable',
      ])
      expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
        "30 unsupported ApplicationSet chart {{values.addon}}: a value is filled in by the ApplicationSet's generators ({{ }}); not read",
      ])
    })

    it('lists a chart at a range without a version (the range in its ref) and reports a version Helm does not read', async () => {
      const inventory = await scan({
        'argo/ranges.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: ranged}
spec:
  source:
    repoURL: https://charts.example.com/stable
    chart: acme-ranged
    targetRevision: ">=1.2.0 <2.0.0"
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: branch}
spec:
  source:
    repoURL: https://charts.example.com/stable
    chart: acme-branch
    targetRevision: main
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: any}
spec:
  chart:
    spec:
      chart: acme-any
      version: "*"
`,
      })
      expect(inventory.errors).toEqual([])
      expect(inventory.components.map((c) => `${c.ref} ${c.version ?? '-'} ${c.purl}`)).toEqual([
        'acme-any - pkg:helm/acme-any',
        'acme-branch main - pkg:helm/acme-branch?repository_url=https%3A%2F%2Fcharts.example.com%2Fstable',
        'acme-ranged >=1.2.0 <2.0.0 - pkg:helm/acme-ranged?repository_url=https%3A%2F%2Fcharts.example.com%2Fstable',
      ])
      expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
        '16 unresolved-version Application chart acme-branch: version "main" is neither a version nor a range Helm reads (a semver constraint); listed without a version',
      ])
    })

    it('reports a Flux source found nowhere, a chart of a Git repository, and follows a HelmChart to its repository', async () => {
      const inventory = await scan({
        'flux/releases.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: lost, namespace: apps}
spec:
  chart:
    spec:
      chart: acme-lost
      version: 2.0.0
      sourceRef: {kind: HelmRepository, name: elsewhere}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: from-git, namespace: apps}
spec:
  chart:
    spec:
      chart: ./charts/acme
      sourceRef: {kind: GitRepository, name: acme-repo}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: via-chart, namespace: apps}
spec:
  chartRef: {kind: HelmChart, name: acme-web}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmChart
metadata: {name: acme-web, namespace: apps}
spec:
  chart: acme-web
  version: 3.1.0
  sourceRef: {kind: HelmRepository, name: acme}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: other-namespace, namespace: apps}
spec:
  chart:
    spec:
      chart: acme-api
      sourceRef: {kind: HelmRepository, name: acme, namespace: elsewhere}
`,
        'flux/sources.yaml': `apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata: {name: acme, namespace: apps}
spec:
  url: https://charts.example.com/acme
`,
      })
      expect(inventory.errors).toEqual([])
      expect(chartRows(inventory)).toEqual([
        'flux/releases.yaml:40:14 pkg:helm/acme-api',
        'flux/releases.yaml:7:14 pkg:helm/acme-lost@2.0.0',
        'flux/releases.yaml:24:37 pkg:helm/acme-web@3.1.0?repository_url=https%3A%2F%2Fcharts.example.com%2Facme',
      ])
      expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
        '7 missing-resource HelmRelease apps/lost: its HelmRepository apps/elsewhere is not in the scanned tree: chart acme-lost listed without its repository',
        "17 unsupported HelmRelease apps/from-git: chart ./charts/acme is a folder of the GitRepository acme-repo, not a chart repository's chart; not listed",
        '40 missing-resource HelmRelease apps/other-namespace: its HelmRepository elsewhere/acme is not in the scanned tree: chart acme-api listed without its repository',
      ])
    })

    it('reads the values a release gives its chart for images, as a values file; a block without a tag is reported', async () => {
      const inventory = await scan({
        'deploy/releases.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: web, namespace: apps}
spec:
  chart:
    spec:
      chart: acme-web
      version: 1.0.0
      sourceRef: {kind: HelmRepository, name: acme}
  values:
    image:
      registry: registry.example.com
      repository: acme/web
      tag: 2.3.4
    sidecar:
      image:
        repository: acme/proxy
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata: {name: acme, namespace: apps}
spec:
  url: https://charts.example.com/acme
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: db}
spec:
  source:
    repoURL: https://charts.example.com/acme
    chart: acme-db
    targetRevision: 5.0.0
    helm:
      valuesObject:
        image: {repository: acme/db, tag: '16.1'}
`,
      })
      expect(inventory.errors).toEqual([])
      expect(refsAt(inventory)).toEqual([
        'acme-db@5.0.0 deploy/releases.yaml:31:12',
        'acme-web@1.0.0 deploy/releases.yaml:7:14',
        'acme/db:16.1 deploy/releases.yaml:35:29',
        'registry.example.com/acme/web:2.3.4 deploy/releases.yaml:13:19',
      ])
      expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
        '17 unresolved-version image acme/proxy has no tag or digest here and the appVersion of chart acme-web, which it would take, is not in the tree',
      ])
    })

    it("lists an image in a release's values once, as values, when the values hold a pod template (onedr0p/home-ops)", async () => {
      const inventory = await scan({
        'runners/helmrelease.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: home-ops-runner}
spec:
  chart:
    spec: {chart: gha-runner-scale-set, version: 0.12.1}
  values:
    template:
      spec:
        containers:
          - name: runner
            image: ghcr.io/home-operations/actions-runner:2.336.0
`,
      })
      expect(
        inventory.components
          .filter((c) => c.kind === 'image')
          .map((c) => `${c.ref} ${c.origin} ${c.locations.map((l) => `${l.line}:${l.column}`).join(' ')}`),
      ).toEqual(['ghcr.io/home-operations/actions-runner:2.336.0 helm-values 12:20'])
    })

    it("says an image in an ApplicationSet's values is filled in by its generators, not a Helm template", async () => {
      const inventory = await scan({
        'argo/set.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: apps}
spec:
  template:
    spec:
      source:
        repoURL: https://charts.example.com/acme
        chart: acme-web
        targetRevision: 1.0.0
        helm:
          valuesObject:
            image: {repository: acme/web, tag: "{{ .values.tag }}"}
`,
      })
      expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
        '13 unsupported image "acme/web {{ .values.tag }}" holds a value the ApplicationSet\'s generators fill in ({{ }}); not read',
      ])
    })

    it('finds a Flux source in another folder of the tree; one defined twice with other URLs is not guessed', async () => {
      const release = (name: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: ${name}, namespace: default}
spec:
  chartRef: {kind: OCIRepository, name: app-template, namespace: flux-system}
`
      const source = (tag: string, url: string) => `apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata: {name: app-template, namespace: flux-system}
spec:
  layerSelector: {mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip, operation: copy}
  ref: {tag: ${tag}}
  url: ${url}
`
      // billimek/k8s-gitops's shape: releases under apps/, the source under setup/flux/repositories/.
      const inventory = await scan({
        'apps/default/echo/release.yaml': release('echo'),
        'apps/media/plex/helm-release.yaml': release('plex'),
        'setup/flux/repositories/app-template.yaml': source('5.1.0', 'oci://ghcr.io/bjw-s-labs/helm/app-template'),
      })
      expect(inventory.skipped).toEqual([])
      expect(inventory.components.map((c) => `${c.purl} ${c.locations.map((l) => l.file).join(' ')}`)).toEqual([
        'pkg:helm/app-template@5.1.0?repository_url=oci%3A%2F%2Fghcr.io%2Fbjw-s-labs%2Fhelm apps/default/echo/release.yaml apps/media/plex/helm-release.yaml',
      ])
      const twice = await scan({
        'apps/default/echo/release.yaml': release('echo'),
        'clusters/a/app-template.yaml': source('5.1.0', 'oci://ghcr.io/bjw-s-labs/helm/app-template'),
        'clusters/b/app-template.yaml': source('4.0.0', 'oci://registry.example.com/mirror/app-template'),
      })
      expect(twice.components).toEqual([])
      expect(twice.skipped.map((s) => s.reason)).toEqual(['missing-resource'])
      // Each cluster's release takes its own cluster's source (bjw-s-labs/home-ops's kubernetes/main and kubernetes/nas).
      const clusters = await scan({
        'clusters/a/apps/echo.yaml': release('echo'),
        'clusters/b/apps/echo.yaml': release('echo'),
        'clusters/a/flux/app-template.yaml': source('5.1.0', 'oci://ghcr.io/bjw-s-labs/helm/app-template'),
        'clusters/b/flux/app-template.yaml': source('4.0.0', 'oci://registry.example.com/mirror/app-template'),
      })
      expect(clusters.skipped).toEqual([])
      expect(clusters.components.map((c) => `${c.purl} ${c.locations.map((l) => l.file).join(' ')}`)).toEqual([
        'pkg:helm/app-template@4.0.0?repository_url=oci%3A%2F%2Fregistry.example.com%2Fmirror clusters/b/apps/echo.yaml',
        'pkg:helm/app-template@5.1.0?repository_url=oci%3A%2F%2Fghcr.io%2Fbjw-s-labs%2Fhelm clusters/a/apps/echo.yaml',
      ])
    })

    it("takes an OCIRepository's version as Flux does (digest, then semver, then tag) and keeps a digest pin", async () => {
      const inventory = await scan({
        'flux/oci.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: podinfo}
spec:
  chartRef: {kind: OCIRepository, name: podinfo}
---
apiVersion: source.toolkit.fluxcd.io/v1beta2
kind: OCIRepository
metadata: {name: podinfo}
spec:
  url: oci://ghcr.io/stefanprodan/charts/podinfo
  ref: {tag: latest, semver: ">=6.0.0"}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: pinned}
spec:
  chartRef: {kind: OCIRepository, name: pinned}
---
apiVersion: source.toolkit.fluxcd.io/v1beta2
kind: OCIRepository
metadata: {name: pinned}
spec:
  url: oci://registry.example.com/charts/pinned
  ref: {tag: "1.0.0", digest: "sha256:0123456789abcdef"}
`,
      })
      expect(inventory.errors).toEqual([])
      expect(chartRows(inventory)).toEqual([
        'flux/oci.yaml:18:41 pkg:helm/pinned?checksum=sha256%3A0123456789abcdef&repository_url=oci%3A%2F%2Fregistry.example.com%2Fcharts',
        'flux/oci.yaml:5:41 pkg:helm/podinfo?repository_url=oci%3A%2F%2Fghcr.io%2Fstefanprodan%2Fcharts',
      ])
    })

    it('lists an Argo CD OCI chart written with a path by its last part, and never the credentials of its repoURL', async () => {
      const inventory = await scan({
        'argo/oci.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: app}
spec:
  sources:
    - repoURL: oci://ghcr.io/acme/charts
      chart: team/app
      targetRevision: 1.2.3
    - repoURL: https://user:hunter2@charts.example.com/repo
      chart: web
      targetRevision: 2.0.0
`,
      })
      expect(chartRows(inventory)).toEqual([
        'argo/oci.yaml:7:14 pkg:helm/app@1.2.3?repository_url=oci%3A%2F%2Fghcr.io%2Facme%2Fcharts%2Fteam',
        'argo/oci.yaml:10:14 pkg:helm/web@2.0.0?repository_url=https%3A%2F%2Fcharts.example.com%2Frepo',
      ])
      expect(JSON.stringify(inventory)).not.toContain('hunter2')
    })

    it("reads Argo CD's values string or valuesObject (one or the other, as Argo CD), parameters over them, placed in the file", async () => {
      const inventory = await scan({
        'argo/apps.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: web}
spec:
  source:
    repoURL: https://charts.example.com/acme
    chart: acme-web
    targetRevision: 1.0.0
    helm:
      values: |
        image:
          repository: acme/web
          tag: "1.0"
        worker:
          image: {repository: acme/worker, tag: "2.0"}
        cache:
          image: {repository: acme/cache, tag: "3.0"}
      parameters:
        - name: image.tag
          value: "1.1"
        - name: cache
          value: null
        - name: jobs[x].image.tag
          value: "9"
        - name: hosts[0].host
          value: example.com
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: quoted}
spec:
  sources:
    - repoURL: https://git.example.com/acme/deploy.git
      path: charts/api
      helm:
        values: "image:\\n  repository: acme/api\\n  tag: '4.0'\\n"
    - repoURL: https://git.example.com/acme/deploy.git
      path: charts/bad
      helm:
        values: |
          image: [unclosed
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: object}
spec:
  source:
    repoURL: https://git.example.com/acme/deploy.git
    path: charts/db
    helm:
      values: |
        image: {repository: acme/ignored, tag: "0.1"}
      valuesObject:
        image: {repository: acme/db, tag: "5.0"}
`,
      })
      expect(refsAt(inventory)).toEqual([
        'acme-web@1.0.0 argo/apps.yaml:7:12',
        // The quoted string: at the string. The literal block: at the repository's line and column in the file.
        'acme/api:4.0 argo/apps.yaml:36:17',
        // valuesObject, with the values string beside it ignored (acme/ignored is not listed).
        'acme/db:5.0 argo/apps.yaml:54:29',
        // The image.tag parameter over the string's; the cache block removed by a null parameter.
        'acme/web:1.1 argo/apps.yaml:12:23',
        'acme/worker:2.0 argo/apps.yaml:15:31',
      ])
      // A name Helm refuses (`[x]`) is reported where it may set an image; hosts[0].host can set no image.
      expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
        '23 unsupported Argo CD parameter jobs[x].image.tag is not applied (its name has a list index that is not a number): an image it sets is reported as the values give it',
      ])
      // The unclosed flow sequence of the last values string, told where its parser found the string ended.
      expect(inventory.errors.map((e) => `${e.line}:${e.column} ${e.code}`)).toEqual(['42:11 yaml-syntax'])
    })

    it('reports an OCIRepository whose URL names no chart, instead of failing on it (found by fuzzing)', async () => {
      const inventory = await scan({
        'flux/release.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: a}
spec:
  chartRef: {kind: OCIRepository, name: o}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata: {name: o}
spec: {url: 'oci://registry.example.com/charts/'}
`,
      })
      expect(inventory.components).toEqual([])
      expect(inventory.errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
        '5 invalid-entry a GitOps object installs a chart it does not name',
      ])
    })
  })
})

describe('images kustomize replaces (kubebuilder and Operator SDK projects)', () => {
  const manager = (image: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: controller-manager\nspec:\n  template:\n    spec:\n      containers:\n      - name: manager\n        image: ${image}\n`
  // kubebuilder's scaffold (testdata/project-v4): `make deploy IMG=...` runs this before `kustomize build`.
  const makefile =
    'IMG ?= controller:latest\n\n.PHONY: deploy\ndeploy: kustomize\n\tcd config/manager && "$(KUSTOMIZE)" edit set image controller=${IMG}\n\t"$(KUSTOMIZE)" build config/default | kubectl apply -f -\n'

  it("skips kubebuilder's controller:latest, a placeholder the Makefile sets, with or without the override make wrote", async () => {
    const withOverride = await scan({
      Makefile: makefile,
      'config/manager/manager.yaml': manager('controller:latest'),
      'config/manager/kustomization.yaml':
        'resources:\n- manager.yaml\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n- name: controller\n  newName: controller\n  newTag: latest\n',
      'config/default/kustomization.yaml': 'resources:\n- ../manager\n',
    })
    const placeholder =
      'image controller:latest is a placeholder set when the project is built: Makefile:5 runs `kustomize edit set image controller=${IMG}` in config/manager, whose kustomization builds this file (make fills it in)'
    expect(withOverride.components).toEqual([])
    expect(withOverride.errors).toEqual([])
    expect(withOverride.skipped).toEqual([
      {file: 'config/manager/manager.yaml', line: 10, reason: 'unsupported', message: placeholder},
    ])
    // Older scaffolds: no `images:` until `make deploy` writes it.
    const without = await scan({
      Makefile: makefile.replace('cd config/manager &&', '(cd config/manager && \\\n\t  '),
      'config/manager/manager.yaml': manager('controller:latest'),
      'config/manager/kustomization.yaml': 'resources:\n- manager.yaml\n',
    })
    expect(without.components).toEqual([])
    expect(without.skipped).toEqual([
      {file: 'config/manager/manager.yaml', line: 10, reason: 'unsupported', message: placeholder},
    ])
  })

  it('lists no image a kustomization that builds the file renames or pins (the kustomization format lists its image)', async () => {
    const inventory = await scan({
      Makefile: makefile,
      // Operator SDK's testdata/go/v4/memcached-operator: the override make wrote names the real image.
      'config/manager/manager.yaml': manager('controller:latest'),
      'config/manager/kustomization.yaml':
        'resources:\n- manager.yaml\nimages:\n- name: controller\n  newName: quay.io/example/memcached-operator\n  newTag: v0.0.1\n',
      // An override in the kustomization that builds the file through the folder it lists.
      'deploy/app/deployment.yaml': manager('example/app:1.0'),
      'deploy/app/kustomization.yaml': 'resources:\n- deployment.yaml\n',
      'deploy/prod/kustomization.yaml': 'resources:\n- ../app\nimages:\n- name: example/app\n  newTag: "2.0"\n',
      // A folder written with its trailing slash, as kustomize takes it.
      'web/base/deployment.yaml': manager('example/web:1.0'),
      'web/base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
      'web/prod/kustomization.yaml': 'resources:\n- ../base/\nimages:\n- name: example/web\n  newTag: "2.0"\n',
    })
    expect(inventory.components).toEqual([])
    expect(inventory.skipped).toEqual([])
  })

  it("finds the overlays of kustomize's own layout (someApp/base built by someApp/overlays/<variant>)", async () => {
    const overlays = {
      'app/base/deployment.yaml': manager('example/app:1.0'),
      'app/base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
      'app/overlays/production/kustomization.yaml':
        'resources:\n- ../../base\nimages:\n- name: example/app\n  newTag: "2.0"\n',
    }
    // Every overlay pins it: the kustomization format lists what they deploy.
    const pinned = await scan({
      ...overlays,
      'app/overlays/staging/kustomization.yaml':
        'resources:\n- ../../base\nimages:\n- name: example/app\n  newTag: "2.1"\n',
    })
    expect(refsAt(pinned)).toEqual([])
    // One deploys the base's image as written.
    const written = await scan({...overlays, 'app/overlays/staging/kustomization.yaml': 'resources:\n- ../../base\n'})
    expect(refsAt(written)).toEqual(['example/app:1.0 app/base/deployment.yaml:10:16'])
  })

  it('lists an image as written when a kustomization that builds it leaves it, or none builds it, or no Makefile sets it', async () => {
    const inventory = await scan({
      // Two overlays of one base: one pins the tag, the other deploys the base's image as written.
      'k/base/deployment.yaml': manager('example/app:1.0'),
      'k/base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
      'k/dev/kustomization.yaml': 'resources:\n- ../base\nimages:\n- name: example/app\n  newTag: "2.0"\n',
      'k/prod/kustomization.yaml': 'resources:\n- ../base\n',
      // Named in a kustomization but not listed by it; a `cd` to another folder; a comment.
      'other/manager.yaml': manager('controller:latest'),
      'other/kustomization.yaml': 'resources:\n- service.yaml\n',
      Makefile:
        '# cd other && kustomize edit set image controller=${IMG}\nx:\n\tcd config && kustomize edit set image controller=${IMG}\n',
      'plain/pod.yaml': manager('nginx:1.27'),
    })
    expect(refsAt(inventory)).toEqual([
      'controller:latest other/manager.yaml:10:16',
      'example/app:1.0 k/base/deployment.yaml:10:16',
      'nginx:1.27 plain/pod.yaml:10:16',
    ])
    expect(inventory.skipped).toEqual([])
  })

  it('lists the image of a manifest an Argo Workflows resource template holds as written: no override reaches a string', async () => {
    const inventory = await scan({
      'wf/workflow.yaml':
        'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: w\nspec:\n  templates:\n  - name: main\n    container:\n      image: example.com/app:1.0\n  - name: job\n    resource:\n      action: create\n      manifest: |\n        apiVersion: v1\n        kind: Pod\n        spec:\n          containers:\n          - name: c\n            image: example.com/app:1.0\n',
      'wf/kustomization.yaml': 'resources:\n- workflow.yaml\nimages:\n- name: example.com/app\n  newTag: "2.0"\n',
    })
    // The container's image is the kustomization format's (with its override), the manifest's is the one written.
    expect(refsAt(inventory)).toEqual(['example.com/app:1.0 wf/workflow.yaml:19:20'])
    expect(inventory.skipped).toEqual([])
  })

  // kubebuilder's `make build-installer` (testdata/project-v4/Makefile): the set, then the build written to a file.
  const installer =
    'IMG ?= controller:latest\n\n.PHONY: build-installer\nbuild-installer: manifests generate kustomize ## Generate a consolidated YAML.\n\tmkdir -p dist\n\tcd config/manager && "$(KUSTOMIZE)" edit set image controller=${IMG}\n\t"$(KUSTOMIZE)" build config/default > dist/install.yaml\n'
  const bundle = (image: string) =>
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: system\n---\n${manager(image)}---\n${manager('example.com/proxy:1.0').replace('controller-manager', 'proxy')}`
  const scaffold = {
    'config/manager/manager.yaml': manager('controller:latest'),
    'config/manager/kustomization.yaml':
      'resources:\n- manager.yaml\nimages:\n- name: controller\n  newName: controller\n  newTag: latest\n',
    'config/default/kustomization.yaml': 'resources:\n- ../crd\n- ../manager\n',
  }

  it("skips the placeholder in the install bundle kubebuilder's make build-installer renders, and lists the others", async () => {
    const inventory = await scan({...scaffold, Makefile: installer, 'dist/install.yaml': bundle('controller:latest')})
    expect(refsAt(inventory)).toEqual(['example.com/proxy:1.0 dist/install.yaml:26:16'])
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([
      {
        file: 'config/manager/manager.yaml',
        line: 10,
        reason: 'unsupported',
        message:
          'image controller:latest is a placeholder set when the project is built: Makefile:6 runs `kustomize edit set image controller=${IMG}` in config/manager, whose kustomization builds this file (make fills it in)',
      },
      {
        file: 'dist/install.yaml',
        line: 15,
        reason: 'unsupported',
        message:
          'image controller:latest is a placeholder set when the project is built: Makefile:6 runs `kustomize edit set image controller=${IMG}` in config/manager, and line 7 writes this file with `kustomize build config/default` (make fills it in)',
      },
    ])
    // Older scaffolds append to the file (`>>`) after writing the CRDs; a tag from `IMG ?= controller:$(VERSION)`.
    const appended = await scan({
      ...scaffold,
      Makefile:
        'build-installer: manifests\n\tmkdir -p dist\n\t@if [ -d "config/crd" ]; then \\\n\t\t$(KUSTOMIZE) build config/crd > dist/install.yaml; \\\n\tfi\n\techo "---" >> dist/install.yaml\n\n\t# the manager\n\tcd config/manager && $(KUSTOMIZE) edit set image controller=${IMG}\n\t$(KUSTOMIZE) build config/default >> ./dist/install.yaml\n',
      'dist/install.yaml': bundle('controller:0.1.0'),
    })
    expect(refsAt(appended)).toEqual(['example.com/proxy:1.0 dist/install.yaml:26:16'])
    expect(appended.skipped.filter((s) => s.file === 'dist/install.yaml')).toEqual([
      {
        file: 'dist/install.yaml',
        line: 15,
        reason: 'unsupported',
        message:
          'image controller:0.1.0 is a placeholder set when the project is built: Makefile:9 runs `kustomize edit set image controller=${IMG}` in config/manager, and line 10 writes this file with `kustomize build config/default` (make fills it in)',
      },
    ])
  })

  it('skips the placeholder in a build kustomize writes with -o or --output, to a file or a folder', async () => {
    const inventory = await scan({
      ...scaffold,
      // kubernetes-sigs/lws's `artifacts` target; a folder output writes one file per object.
      Makefile:
        'artifacts: kustomize\n\tcd config/manager && $(KUSTOMIZE) edit set image controller=${IMG}\n\t$(KUSTOMIZE) build config/default -o artifacts/manifests.yaml\n\t$(KUSTOMIZE) build config/default --output=out/\n',
      'artifacts/manifests.yaml': manager('controller:latest'),
      'out/apps_v1_deployment_controller-manager.yaml': manager('controller:latest'),
    })
    expect(refsAt(inventory)).toEqual([])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.message.split(': ')[1]}`)).toEqual([
      'artifacts/manifests.yaml:10 Makefile:2 runs `kustomize edit set image controller=${IMG}` in config/manager, and line 3 writes this file with `kustomize build config/default` (make fills it in)',
      'config/manager/manager.yaml:10 Makefile:2 runs `kustomize edit set image controller=${IMG}` in config/manager, whose kustomization builds this file (make fills it in)',
      'out/apps_v1_deployment_controller-manager.yaml:10 Makefile:2 runs `kustomize edit set image controller=${IMG}` in config/manager, and line 4 writes this file with `kustomize build config/default` (make fills it in)',
    ])
  })

  it('lists the image of a rendered bundle that make set, or that no set on the way to the file names', async () => {
    // Rendered with a real IMG: the image make set is the one written.
    const real = await scan({
      ...scaffold,
      Makefile: installer,
      'dist/install.yaml': bundle('ghcr.io/example/op:v1.2.0'),
    })
    expect(refsAt(real).filter((r) => r.includes(' dist/'))).toEqual([
      'example.com/proxy:1.0 dist/install.yaml:26:16',
      'ghcr.io/example/op:v1.2.0 dist/install.yaml:15:16',
    ])
    const inventory = await scan({
      ...scaffold,
      Makefile:
        // The set in another rule's recipe; a build of a kustomization that does not build config/manager; a build
        // piped to kubectl; a comment.
        'deploy:\n\tcd config/manager && $(KUSTOMIZE) edit set image controller=${IMG}\n\n' +
        'installer:\n\t$(KUSTOMIZE) build config/default > dist/a.yaml\n' +
        'other:\n\tcd config/manager && $(KUSTOMIZE) edit set image controller=${IMG}\n\t$(KUSTOMIZE) build config/crd > dist/b.yaml\n' +
        '\t$(KUSTOMIZE) build config/default | tee dist/c.yaml\n\t# $(KUSTOMIZE) build config/default > dist/d.yaml\n',
      'config/crd/kustomization.yaml': 'resources: []\n',
      'dist/a.yaml': manager('controller:latest'),
      'dist/b.yaml': manager('controller:latest'),
      'dist/c.yaml': manager('controller:latest'),
      'dist/d.yaml': manager('controller:latest'),
    })
    expect(refsAt(inventory).filter((r) => r.startsWith('controller'))).toEqual([
      'controller:latest dist/a.yaml:10:16',
      'controller:latest dist/b.yaml:10:16',
      'controller:latest dist/c.yaml:10:16',
      'controller:latest dist/d.yaml:10:16',
    ])
    expect(inventory.skipped.map((s) => s.file)).toEqual(['config/manager/manager.yaml'])
  })
})
