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

  it("lists the images a chart's annotations name: Artifact Hub's artifacthub.io/images and Bitnami's images", async () => {
    // The annotations are Artifact Hub's documented example (artifacthub/hub docs/helm_annotations.md, Apache-2.0),
    // the `images` one in the form Bitnami's charts write it; the chart itself is fictional.
    const inventory = await scan({
      'Chart.yaml': `apiVersion: v2
name: shop
version: 1.0.0
annotations:
  artifacthub.io/changes: |
    - Added cool feature
    - Fixed minor bug
  artifacthub.io/containsSecurityUpdates: "true"
  artifacthub.io/images: |
    - name: img1
      image: repo/img1:1.0.0
    - name: img2
      image: repo/img2:2.0.0
      whitelisted: true
  artifacthub.io/license: Apache-2.0
  images: |
    - name: img1
      image: repo/img1:1.0.0
    - name: os-shell
      image: docker.io/example/os-shell:12-debian-12-r1
`,
      'quoted/Chart.yaml': `apiVersion: v2
name: quoted
version: 1.0.0
annotations:
  artifacthub.io/images: "- name: app\\n  image: ghcr.io/example/app:v3\\n- name: tpl\\n  image: ghcr.io/example/tpl:{{ .Chart.AppVersion }}"
  images: "nginx, redis"
`,
    })
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map(
        (c) => `${c.ref} ${c.origin} ${c.locations.map((l) => `${l.file}:${l.line}:${l.column}`).join(' ')}`,
      ),
    ).toEqual([
      'docker.io/example/os-shell:12-debian-12-r1 helm-chart Chart.yaml:20:14',
      'repo/img1:1.0.0 helm-chart Chart.yaml:11:14 Chart.yaml:18:14',
      'repo/img2:2.0.0 helm-chart Chart.yaml:13:14',
      // A quoted string's entries are all placed at the string: the file tells no more.
      'ghcr.io/example/app:v3 helm-chart quoted/Chart.yaml:5:26',
    ])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.reason}`)).toEqual([
      'quoted/Chart.yaml:5 helm-template',
    ])
  })

  it('reports an artifacthub.io/images annotation that is not a list of images, by its line', async () => {
    const inventory = await scan({
      'Chart.yaml': `apiVersion: v2
name: shop
version: 1.0.0
annotations:
  artifacthub.io/images: |
    name: img1
    image: repo/img1:1.0.0
`,
      'b/Chart.yaml': `apiVersion: v2
name: b
version: 1.0.0
annotations:
  artifacthub.io/images: |
    - name: img1
    - name: img2
      image: "not an image"
    - name: img3
      image: [a, b
`,
      'c/Chart.yaml': `apiVersion: v2
name: c
version: 1.0.0
annotations:
  artifacthub.io/images: |
    - name: img1
    - name: img2
      image: "Not An Image"
`,
    })
    expect(inventory.components).toEqual([])
    expect(inventory.errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`)).toEqual([
      'Chart.yaml:6 invalid-chart annotation artifacthub.io/images is not a list of {name, image}',
      'b/Chart.yaml:11 yaml-syntax YAML Flow sequence in block collection must be sufficiently indented and end with a ]',
      'c/Chart.yaml:6 invalid-chart annotation artifacthub.io/images: an entry without an image',
      'c/Chart.yaml:8 invalid-image-ref invalid image reference "Not An Image": repository name must be lowercase',
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
