import {describe, expect, it} from 'vitest'
import {refsAt, scanTree} from '../../../../tests/discover/tree.js'
import {discoverer} from './index.js'
import {splitImage} from '../../image-override.js'
import {applyOverride} from './overrides.js'

const scan = (files: Record<string, string>) => scanTree(files, {discoverers: [discoverer]})

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: app
          image: ${image}
`

describe('kustomize image overrides', () => {
  it('reads a kustomization with a custom tag as kustomize does (the tag read as text)', async () => {
    const inventory = await scan({
      'kustomization.yaml':
        'images:\n- name: nginx\n  newTag: !custom 1.27.0\nconfigMapGenerator:\n- name: x\n  literals: [!vault a]\n',
    })
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory)).toEqual(['nginx:1.27.0 kustomization.yaml:2:9'])
  })

  it("lists the images of a helmCharts entry's valuesInline, as a values file's", async () => {
    const inventory = await scan({
      'kustomization.yaml': [
        'helmCharts:',
        '- name: minecraft',
        '  repo: https://itzg.github.io/minecraft-server-charts',
        '  version: 3.1.3',
        '  valuesInline:',
        '    image:',
        '      repository: itzg/minecraft-server',
        '      tag: java21',
        '',
      ].join('\n'),
    })
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map((c) => `${c.kind} ${c.ref} ${c.locations[0].line}:${c.locations[0].column}`),
    ).toEqual(['image itzg/minecraft-server:java21 7:19', 'chart minecraft@3.1.3 2:9'])
  })

  it('splits references as kustomize does (a port is not a tag)', () => {
    expect(splitImage('localhost:5000/app:1@sha256:ab')).toEqual({
      name: 'localhost:5000/app',
      tag: '1',
      digest: 'sha256:ab',
    })
    expect(splitImage('app@sha256:ab')).toEqual({name: 'app', digest: 'sha256:ab'})
    expect(splitImage('localhost:5000/app')).toEqual({name: 'localhost:5000/app'})
  })

  it('replaces name, and tag or digest together', () => {
    expect(applyOverride('app:1@sha256:aa', {name: 'app', newTag: '2'})).toBe('app:2')
    expect(applyOverride('app:1', {name: 'app', digest: 'sha256:bb'})).toBe('app@sha256:bb')
    expect(applyOverride('app:1', {name: 'app', newName: 'r.example.com/app'})).toBe('r.example.com/app:1')
    expect(applyOverride('app', {name: 'app', newTag: '3', digest: 'sha256:cc'})).toBe('app:3@sha256:cc')
  })
})

describe('kustomization', () => {
  it('matches kustomization file names only', () => {
    expect(
      ['a/kustomization.yaml', 'kustomization.yml', 'Kustomization', 'kustomize.yaml'].map(discoverer.matches),
    ).toEqual([true, true, true, false])
  })

  it('applies overrides to listed resources, through nested kustomizations, in order', async () => {
    const inventory = await scan({
      'base/kustomization.yaml':
        'resources: [app.yaml, other.yaml]\nimages:\n  - name: example/app\n    newName: registry.example.com/app\n',
      'base/app.yaml': deployment('example/app:1.0'),
      'base/other.yaml': deployment('example/other:1.0'),
      'overlay/kustomization.yaml':
        'resources:\n  - ../base\nimages:\n  - name: registry.example.com/app\n    newTag: "2.0"\n',
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([])
    expect(refsAt(inventory)).toEqual([
      // base: rename only, tag from the resource
      'registry.example.com/app:1.0 base/app.yaml:8:18',
      'registry.example.com/app:1.0 base/kustomization.yaml:3:11',
      // overlay: the base's rename, then its own tag; and the pinned override on its own
      'registry.example.com/app:2.0 base/app.yaml:8:18',
      'registry.example.com/app:2.0 base/kustomization.yaml:3:11',
      'registry.example.com/app:2.0 overlay/kustomization.yaml:4:11',
    ])
    expect(inventory.components.every((c) => c.origin === 'kustomize')).toBe(true)
  })

  it("never applies an override to a manifest held in a string (an Argo Workflows resource template's)", async () => {
    const inventory = await scan({
      'workflow.yaml':
        'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: w\nspec:\n  templates:\n  - name: main\n    container:\n      image: example.com/app:1.0\n  - name: job\n    resource:\n      action: create\n      manifest: |\n        apiVersion: v1\n        kind: Pod\n        spec:\n          containers:\n          - name: c\n            image: example.com/app:1.0\n',
      'kustomization.yaml': 'resources:\n- workflow.yaml\nimages:\n- name: example.com/app\n  newTag: "2.0"\n',
    })
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory)).toEqual([
      'example.com/app:2.0 kustomization.yaml:4:9',
      'example.com/app:2.0 workflow.yaml:9:14',
    ])
  })

  it('lists pinned overrides whose resources are absent, and says which resources it could not read', async () => {
    const inventory = await scan({
      'kustomization.yaml': `resources:
  - ./missing
  - github.com/example/repo//deploy?ref=v1
components:
  - ../outside
images:
  - name: example/a
    newTag: v1
  - name: example/b
    newName: example/c
helmCharts:
  - name: cache
    repo: https://charts.example.com
    version: 1.10
`,
    })
    expect(inventory.errors).toEqual([])
    // helm reads `--version 1.10` as the range 1.10.x (kustomize passes it on): no version, the range in ref.
    expect(refsAt(inventory)).toEqual(['cache 1.10 kustomization.yaml:12:11', 'example/a:v1 kustomization.yaml:7:11'])
    const chart = inventory.components.find((c) => c.kind === 'chart')
    expect(chart).toMatchObject({name: 'cache', repository: 'https://charts.example.com'})
    expect(chart?.version).toBeUndefined()
    expect(chart?.purl).toBe('pkg:helm/cache?repository_url=https%3A%2F%2Fcharts.example.com')
    expect(inventory.skipped.map((s) => `${s.line} ${s.reason}`)).toEqual([
      '2 missing-resource',
      '3 remote-resource',
      '5 missing-resource',
      '9 unresolved-version',
    ])
  })

  it('stops on a kustomization cycle', async () => {
    const inventory = await scan({
      'a/kustomization.yaml': 'resources: [../b]\nimages: [{name: x, newTag: "1"}]\n',
      'b/kustomization.yaml': 'resources: [../a, app.yaml]\n',
      'b/app.yaml': deployment('x:0'),
    })
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory)).toEqual(['x:1 a/kustomization.yaml:2:17', 'x:1 b/app.yaml:8:18'])
  })

  it('renders a base once per inclusion, and stops past 1,000 inclusions under one root (a diamond of overlays)', async () => {
    // Each level includes three overlays that each include the next level: 3^8 renders from the top, which never
    // ended at twenty levels. Two inclusions of one base are two renders (overlays with name prefixes do that).
    const files: Record<string, string> = {
      'k8/kustomization.yaml': 'resources: [pod.yaml]\n',
      'k8/pod.yaml': deployment('x:0'),
    }
    for (let i = 0; i < 8; i++) {
      files[`k${i}/kustomization.yaml`] = `resources: [../a${i}, ../b${i}, ../c${i}]\n`
      for (const overlay of ['a', 'b', 'c']) files[`${overlay}${i}/kustomization.yaml`] = `resources: [../k${i + 1}]\n`
    }
    const inventory = await scan(files)
    const roots = inventory.errors.filter((e) => e.code === 'too-many-kustomizations').map((e) => e.file)
    expect(roots).toContain('k0/kustomization.yaml')
    expect(roots).not.toContain('k7/kustomization.yaml')
    expect(inventory.errors.every((e) => e.code === 'too-many-kustomizations')).toBe(true)
    // A resource listed again in one kustomization (kustomize refuses it) is read once: a base listing one manifest
    // 400 times under overlays took 56 s and 3 GB.
    const listedAgain = await scan({
      'base/kustomization.yaml': `resources: [${Array(400).fill('m.yaml').join(', ')}, ./m.yaml, m.yaml/]\nimages: [{name: x, newTag: "1"}]\n`,
      'base/m.yaml': deployment('x:0'),
    })
    expect(listedAgain.errors).toEqual([])
    expect(refsAt(listedAgain)).toEqual(['x:1 base/kustomization.yaml:2:17', 'x:1 base/m.yaml:8:18'])
    // 300 images listed 400 times is 120,000 images, over the 100,000 a root renders: read once, it is 300.
    const many = Array.from({length: 300}, (_, i) => `        - {name: c${i}, image: "x${i}:0"}`).join('\n')
    const manifest = `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n${many}\n`
    const wide = {
      'base/kustomization.yaml': `resources: [${Array(400).fill('m.yaml').join(', ')}]\n`,
      'base/m.yaml': manifest,
    }
    expect((await scan(wide)).errors).toEqual([])
    // Past 100,000 images through distinct overlays of that base: stopped and told.
    const overlays: Record<string, string> = {...wide, 'base/kustomization.yaml': 'resources: [m.yaml]\n'}
    overlays['top/kustomization.yaml'] = `resources: [${Array.from({length: 400}, (_, i) => `../o${i}`).join(', ')}]\n`
    for (let i = 0; i < 400; i++) overlays[`o${i}/kustomization.yaml`] = 'resources: [../base]\n'
    const capped = (await scan(overlays)).errors.filter((e) => e.file === 'top/kustomization.yaml')
    expect(capped.map((e) => e.code)).toEqual(['too-many-kustomizations'])
    const twice = await scan({
      'top/kustomization.yaml': 'resources: [../a, ../b]\n',
      'a/kustomization.yaml': 'resources: [../base]\nimages: [{name: x, newTag: "1"}]\n',
      'b/kustomization.yaml': 'resources: [../base]\nimages: [{name: x, newTag: "2"}]\n',
      'base/kustomization.yaml': 'resources: [app.yaml]\n',
      'base/app.yaml': deployment('x:0'),
    })
    expect(twice.errors).toEqual([])
    expect(refsAt(twice).filter((r) => r.includes('top/'))).toEqual([])
    expect(refsAt(twice)).toContain('x:2 b/kustomization.yaml:2:17')
  })

  it('reports a malformed kustomization with its line', async () => {
    const inventory = await scan({'kustomization.yaml': 'images:\n  - newTag: v1\n'})
    expect(inventory.errors).toEqual([
      {
        file: 'kustomization.yaml',
        line: 2,
        column: 5,
        code: 'invalid-kustomization',
        message: 'no images.0.name (a string is expected)',
      },
    ])
  })
})

describe("kubebuilder's placeholder image (a Makefile sets it with `kustomize edit set image`)", () => {
  const makefile =
    'IMG ?= controller:latest\ndeploy:\n\tcd config/manager && $(KUSTOMIZE) edit set image controller=$(IMG)\n'
  const manager = deployment('controller:latest')

  it('skips an override that leaves the placeholder (newName: controller), and lists no image through it', async () => {
    const inventory = await scan({
      Makefile: makefile,
      'config/manager/manager.yaml': manager,
      'config/manager/kustomization.yaml':
        'resources:\n- manager.yaml\nimages:\n- name: controller\n  newName: controller\n  newTag: latest\n',
      'config/default/kustomization.yaml': 'resources:\n- ../manager\n',
    })
    expect(inventory.components).toEqual([])
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([
      {
        file: 'config/manager/kustomization.yaml',
        line: 4,
        reason: 'unsupported',
        message:
          'image override controller names a placeholder set when the project is built: Makefile:3 runs `kustomize edit set image controller=$(IMG)` in config/manager (make fills it in)',
      },
    ])
  })

  it('lists an override that names a real image, and one no Makefile sets', async () => {
    const inventory = await scan({
      Makefile: makefile,
      'config/manager/manager.yaml': manager,
      'config/manager/kustomization.yaml':
        'resources:\n- manager.yaml\nimages:\n- name: controller\n  newName: quay.io/example/op\n  newTag: v0.0.1\n',
      'other/manager.yaml': manager,
      'other/kustomization.yaml': 'resources:\n- manager.yaml\nimages:\n- name: controller\n  newTag: v2\n',
    })
    expect(inventory.skipped).toEqual([])
    expect(refsAt(inventory)).toEqual([
      'controller:v2 other/kustomization.yaml:4:9',
      'controller:v2 other/manager.yaml:8:18',
      'quay.io/example/op:v0.0.1 config/manager/kustomization.yaml:4:9',
      'quay.io/example/op:v0.0.1 config/manager/manager.yaml:8:18',
    ])
  })
})
