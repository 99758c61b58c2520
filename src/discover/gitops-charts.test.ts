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
})
