import {describe, expect, it} from 'vitest'
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

  it('ignores YAML documents that are not Kubernetes objects', async () => {
    const inventory = await scan({'other.yaml': 'services:\n  web:\n    image: nginx\n'})
    expect(inventory).toMatchObject({components: [], errors: [], files: 1})
  })
})
