import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
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
})
