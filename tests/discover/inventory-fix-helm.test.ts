import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'

interface Row {
  kind: string
  ref: string
  version?: string
  purl?: string
  local?: boolean
  locations: Array<{file: string; line: number; column: number}>
}

describe('stewards inventory: Helm values hubs and Chart.yaml ranges (real-world review)', () => {
  it("--json lists istio's values and prometheus-community's charts without invented images, versions or purls", async () => {
    // istio's ztunnel and istio-discovery values (helm-values/__fixtures__) and prometheus-community's prometheus
    // and kube-prometheus-stack Chart.yaml / Chart.lock (helm-chart/__fixtures__), under their real names.
    const formats = 'src/discover/formats'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-fix-helm-'))
    const files = [
      ['helm-values/__fixtures__/istio/ztunnel/values.yaml', 'ztunnel/values.yaml'],
      ['helm-values/__fixtures__/istio/istio-discovery/values.yaml', 'istio-discovery/values.yaml'],
      ['helm-chart/__fixtures__/prometheus-community/prometheus/Chart.yaml', 'prometheus/Chart.yaml'],
      ['helm-chart/__fixtures__/prometheus-community/prometheus/Chart.lock', 'prometheus/Chart.lock'],
      [
        'helm-chart/__fixtures__/prometheus-community/kube-prometheus-stack/Chart.yaml',
        'kube-prometheus-stack/Chart.yaml',
      ],
    ]
    for (const [from, to] of files) {
      await mkdir(join(dir, to, '..'), {recursive: true})
      await writeFile(join(dir, to), await readFile(join(formats, from), 'utf8'))
    }
    const json = await inventoryJson(dir)
    // Each file read once, by its own format (none as a Kubernetes manifest).
    expect(json.files).toBe(5)
    expect(json.errors).toEqual([])
    expect(
      (json.components as Row[]).map(
        (c) =>
          `${c.locations.map((l) => `${l.file.slice(dir.length + 1)}:${l.line}:${l.column}`).join(' ')} ${c.kind} ${c.ref} ${c.version ?? '-'}${c.local ? ' local' : ''} ${c.purl ?? '-'}`,
      ),
    ).toEqual([
      'prometheus/Chart.yaml:34:11 chart alertmanager 1.42.* - pkg:helm/alertmanager?repository_url=https%3A%2F%2Fprometheus-community.github.io%2Fhelm-charts',
      'prometheus/Chart.lock:2:9 chart alertmanager@1.42.0 1.42.0 pkg:helm/alertmanager@1.42.0?repository_url=https%3A%2F%2Fprometheus-community.github.io%2Fhelm-charts',
      'kube-prometheus-stack/Chart.yaml:51:11 chart crds@0.0.0 0.0.0 local -',
      'kube-prometheus-stack/Chart.yaml:62:11 chart grafana@12.11.1 12.11.1 pkg:helm/grafana@12.11.1?repository_url=https%3A%2F%2Fgrafana-community.github.io%2Fhelm-charts',
      'prometheus/Chart.yaml:38:11 chart kube-state-metrics 8.4.* - pkg:helm/kube-state-metrics?repository_url=https%3A%2F%2Fprometheus-community.github.io%2Fhelm-charts',
      'kube-prometheus-stack/Chart.yaml:54:11 prometheus/Chart.lock:5:9 chart kube-state-metrics@8.4.0 8.4.0 pkg:helm/kube-state-metrics@8.4.0?repository_url=https%3A%2F%2Fprometheus-community.github.io%2Fhelm-charts',
      'prometheus/Chart.yaml:42:11 chart prometheus-node-exporter 4.56.* - pkg:helm/prometheus-node-exporter?repository_url=https%3A%2F%2Fprometheus-community.github.io%2Fhelm-charts',
      'kube-prometheus-stack/Chart.yaml:58:11 prometheus/Chart.lock:8:9 chart prometheus-node-exporter@4.56.1 4.56.1 pkg:helm/prometheus-node-exporter@4.56.1?repository_url=https%3A%2F%2Fprometheus-community.github.io%2Fhelm-charts',
      'prometheus/Chart.yaml:46:11 chart prometheus-pushgateway 3.8.* - pkg:helm/prometheus-pushgateway?repository_url=https%3A%2F%2Fprometheus-community.github.io%2Fhelm-charts',
      'prometheus/Chart.lock:11:9 chart prometheus-pushgateway@3.8.0 3.8.0 pkg:helm/prometheus-pushgateway@3.8.0?repository_url=https%3A%2F%2Fprometheus-community.github.io%2Fhelm-charts',
      'kube-prometheus-stack/Chart.yaml:66:11 chart prometheus-windows-exporter 0.12.* - pkg:helm/prometheus-windows-exporter?repository_url=https%3A%2F%2Fprometheus-community.github.io%2Fhelm-charts',
      'ztunnel/values.yaml:13:10 image registry.istio.io/testing/ztunnel:latest latest pkg:docker/testing/ztunnel@latest?repository_url=registry.istio.io',
    ])
    expect(
      json.skipped.map(
        (s: {file: string; line: number; reason: string; message: string}) =>
          `${s.file.slice(dir.length + 1)}:${s.line} ${s.reason} ${s.message}`,
      ),
    ).toEqual([
      "istio-discovery/values.yaml:17 unsupported image pilot: the chart's templates combine it with hub (empty here), tag (empty here), global.hub and global.tag, in a way these values do not settle; not listed",
      "istio-discovery/values.yaml:334 unsupported image proxyv2 names no registry, and global.hub and global.tag are set in these values: the chart's templates may combine them with the name, in a way these values do not settle; not listed",
      "istio-discovery/values.yaml:416 unsupported image proxyv2 names no registry, and global.hub and global.tag are set in these values: the chart's templates may combine them with the name, in a way these values do not settle; not listed",
    ])
  })

  it('--json lists one chart for a repository URL written with and without its trailing slash, as Helm reaches it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stewards-fix-helm-'))
    const chart = (name: string, repository: string) =>
      `apiVersion: v2\nname: ${name}\nversion: 1.0.0\ndependencies:\n  - name: cache\n    version: 18.1.0\n    repository: ${repository}\n`
    const files: Array<[string, string]> = [
      ['a/Chart.yaml', chart('a', 'https://charts.example.test/stable/')],
      ['b/Chart.yaml', chart('b', 'https://charts.example.test/stable')],
      ['c/Chart.yaml', chart('c', 'oci://registry.example.test/charts//')],
      ['d/Chart.yaml', chart('d', 'oci://registry.example.test/charts')],
      // The path's slashes only: a query is kept as written (Helm keeps it when it joins index.yaml to the path).
      ['f/Chart.yaml', chart('f', 'https://charts.example.test/q/?prefix=stable/')],
      ['g/Chart.yaml', chart('g', 'https://charts.example.test/q?prefix=stable/')],
    ]
    for (const [file, text] of files) {
      await mkdir(join(dir, file, '..'), {recursive: true})
      await writeFile(join(dir, file), text)
    }
    const json = await inventoryJson(dir)
    const charts = (json.components as Array<Row & {repository?: string}>).map((c) => ({
      purl: c.purl,
      repository: c.repository,
      files: c.locations.map((l) => l.file.split('/').at(-2)),
    }))
    expect(charts).toEqual([
      {
        purl: 'pkg:helm/cache@18.1.0?repository_url=https%3A%2F%2Fcharts.example.test%2Fq%3Fprefix%3Dstable%2F',
        repository: 'https://charts.example.test/q?prefix=stable/',
        files: ['f', 'g'],
      },
      {
        purl: 'pkg:helm/cache@18.1.0?repository_url=https%3A%2F%2Fcharts.example.test%2Fstable',
        repository: 'https://charts.example.test/stable',
        files: ['a', 'b'],
      },
      {
        purl: 'pkg:helm/cache@18.1.0?repository_url=oci%3A%2F%2Fregistry.example.test%2Fcharts',
        repository: 'oci://registry.example.test/charts',
        files: ['c', 'd'],
      },
    ])
  })
})
