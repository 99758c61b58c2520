/**
 * The real-world review of GitOps repositories (findings 3, 4b, 7, 10a) through the CLI: a chart's templates deciding
 * the tag an image without one gets, Argo CD's native OCI source, a helmfile release with a templated version.
 */
import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'

describe('inventory (gitops review fixes)', () => {
  it('--json tags prometheus-community images v+appVersion as their templates do; lists Argo CD OCI and helmfile charts', async () => {
    // prometheus-community's node-exporter and admission-webhook charts (helm-values' __fixtures__, real, Apache-2.0);
    // an Argo CD Application as its OCI docs write it and a helmfile release with a templated version (fictional).
    const fixtures = 'src/discover/formats/helm-values/__fixtures__'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-gitops-fixes-'))
    const files: Record<string, string> = {
      'apps/nginx.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: nginx, namespace: argocd}
spec:
  source:
    path: .
    repoURL: oci://registry-1.docker.io/bitnamicharts/nginx
    targetRevision: 15.9.0
`,
      'helmfile.yaml': `repositories:
  - name: prometheus-community
    url: https://prometheus-community.github.io/helm-charts
releases:
  - name: kps
    chart: prometheus-community/kube-prometheus-stack
    version: '{{ .Values.kpsVersion }}'
`,
    }
    for (const chart of ['prometheus-node-exporter', 'prometheus-operator-admission-webhook'])
      for (const file of ['Chart.yaml', 'values.yaml', 'templates/_helpers.tpl'])
        files[`charts/${chart}/${file}`] = await readFile(join(fixtures, chart, file), 'utf8')
    for (const [name, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, name)), {recursive: true})
      await writeFile(join(dir, name), text)
    }
    const json = await inventoryJson(dir)
    // The Application, the helmfile, two Chart.yaml and two values files; the .tpl templates are read for the tags only.
    expect(json.files).toBe(6)
    expect(
      json.components
        .map(
          (c: {
            kind: string
            ref: string
            purl: string
            locations: Array<{file: string; line: number; column: number}>
          }) =>
            `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line}:${c.locations[0].column} ${c.kind} ${c.ref} ${c.purl}`,
        )
        .filter((row: string) => !row.includes('/Chart.yaml:')),
    ).toEqual([
      'helmfile.yaml:6:12 chart kube-prometheus-stack pkg:helm/kube-prometheus-stack?repository_url=https%3A%2F%2Fprometheus-community.github.io%2Fhelm-charts',
      'apps/nginx.yaml:7:14 chart nginx@15.9.0 pkg:helm/nginx@15.9.0?repository_url=oci%3A%2F%2Fregistry-1.docker.io%2Fbitnamicharts',
      'charts/prometheus-operator-admission-webhook/values.yaml:4:15 image quay.io/prometheus-operator/admission-webhook:v0.93.1 pkg:docker/prometheus-operator/admission-webhook@v0.93.1?repository_url=quay.io',
      'charts/prometheus-node-exporter/values.yaml:6:15 image quay.io/prometheus/node-exporter:v1.12.1 pkg:docker/prometheus/node-exporter@v1.12.1?repository_url=quay.io',
    ])
    expect(
      json.skipped
        .filter((s: {reason: string}) => s.reason !== 'helm-template')
        .map(
          (s: {file: string; line: number; reason: string}) => `${s.file.slice(dir.length + 1)}:${s.line} ${s.reason}`,
        ),
    ).toEqual(['helmfile.yaml:7 unresolved-version'])
  })
})
