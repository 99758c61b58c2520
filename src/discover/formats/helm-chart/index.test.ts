import {rm} from 'node:fs/promises'
import {gzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {makeTree, scanTree} from '../../../../tests/discover/tree.js'
import {runCli} from '../../../../tests/support/cli.js'
import {discoverer} from './index.js'

const scan = (files: Record<string, string | Uint8Array>) => scanTree(files, {discoverers: [discoverer]})

describe('helm-chart', () => {
  it('matches Chart.yaml, Chart.lock and Helm 2 requirements files', () => {
    expect(
      ['c/Chart.yaml', 'Chart.lock', 'requirements.yaml', 'requirements.lock', 'chart.yaml'].map(discoverer.matches),
    ).toEqual([true, true, true, true, false])
  })

  it('lists dependencies as chart components, merging Chart.yaml and Chart.lock entries that agree', async () => {
    const inventory = await scan({
      'Chart.yaml': `apiVersion: v2
name: shop
version: 1.0.0
dependencies:
  - name: queue
    version: 1.10
    repository: https://charts.example.com
  - name: common
    version: ~2.1.0
    repository: oci://registry.example.com/charts
  - name: extras
    version: 0.1.0
    repository: file://../extras
`,
      'Chart.lock': `dependencies:
- name: queue
  repository: https://charts.example.com
  version: "1.10"
- name: common
  repository: oci://registry.example.com/charts
  version: 2.1.3
`,
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.components).toEqual([
      {
        kind: 'chart',
        ecosystem: 'helm',
        name: 'common',
        version: '2.1.3',
        purl: 'pkg:helm/common@2.1.3?repository_url=oci%3A%2F%2Fregistry.example.com%2Fcharts',
        ref: 'common@2.1.3',
        origin: 'helm-chart',
        repository: 'oci://registry.example.com/charts',
        locations: [{file: 'Chart.lock', line: 5, column: 9}],
      },
      expect.objectContaining({
        name: 'common',
        version: '~2.1.0',
        locations: [{file: 'Chart.yaml', line: 8, column: 11}],
      }),
      expect.objectContaining({name: 'extras', version: '0.1.0', local: true, repository: 'file://../extras'}),
      expect.objectContaining({
        name: 'queue',
        version: '1.10',
        locations: [
          {file: 'Chart.lock', line: 2, column: 9},
          {file: 'Chart.yaml', line: 5, column: 11},
        ],
      }),
    ])
  })

  it('reports a dependency without a name', async () => {
    const inventory = await scan({'Chart.yaml': 'name: x\ndependencies:\n  - version: 1.0.0\n'})
    expect(inventory.components).toEqual([])
    expect(inventory.errors).toEqual([
      {
        file: 'Chart.yaml',
        line: 3,
        column: 5,
        code: 'invalid-chart',
        message: expect.stringContaining('dependencies.0.name'),
      },
    ])
  })

  describe('packaged subcharts (charts/*.tgz, as `helm dependency build` writes them)', () => {
    const chart = 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: cache\n    version: 1.0.0\n'
    const archive = gzipSync('cache/Chart.yaml\0')

    it("are each an error naming the archive, beside the chart's own dependencies", async () => {
      const inventory = await scan({
        'app/Chart.yaml': chart,
        'app/Chart.lock': 'dependencies:\n- name: cache\n  version: 1.0.0\n',
        'app/charts/cache-1.0.0.tgz': archive,
        'app/charts/cache-1.0.0.tgz.prov': 'signature',
        'app/charts/queue-2.0.0.tgz': archive,
        // an unpacked subchart is read as any chart
        'app/charts/local/Chart.yaml': 'apiVersion: v2\nname: local\nversion: 1.0.0\n',
      })
      expect(inventory.components.map((c) => c.ref)).toEqual(['cache@1.0.0'])
      expect(inventory.errors).toEqual(
        ['app/charts/cache-1.0.0.tgz', 'app/charts/queue-2.0.0.tgz'].map((file) => ({
          file,
          code: 'chart-archive-not-read',
          message:
            'a packaged subchart; its images and dependencies are not read (unpack it into a folder to scan them)',
        })),
      )
    })

    it('are not reported outside a chart (a chart repository publishing archives)', async () => {
      const inventory = await scan({
        'repo/charts/cache-1.0.0.tgz': archive,
        'repo/index.yaml': 'apiVersion: v1\nentries: {}\n',
      })
      expect(inventory.errors).toEqual([])
    })

    it('are left out, as any file, by --exclude (of the archive or a folder above it) and --include', async () => {
      const files = {'app/Chart.yaml': chart, 'app/charts/cache-1.0.0.tgz': archive}
      for (const options of [{exclude: ['*.tgz']}, {exclude: ['app/charts']}, {include: ['Chart.yaml']}]) {
        const inventory = await scanTree(files, {discoverers: [discoverer], ...options})
        expect(inventory.errors).toEqual([])
      }
      const kept = await scanTree(files, {discoverers: [discoverer], exclude: ['other/**']})
      expect(kept.errors.map((e) => e.file)).toEqual(['app/charts/cache-1.0.0.tgz'])
    })

    it('make the inventory incomplete (exit 2)', async () => {
      const dir = await makeTree({'Chart.yaml': chart, 'charts/cache-1.0.0.tgz': archive})
      try {
        const result = await runCli(['inventory', dir])
        expect(result.code).toBe(2)
        expect(result.stderr).toContain(`error: ${dir}/charts/cache-1.0.0.tgz: a packaged subchart;`)
      } finally {
        await rm(dir, {recursive: true, force: true})
      }
    })
  })
})
