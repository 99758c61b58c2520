import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import {discoverers} from '../../registry.js'
import {discoverer} from './index.js'

const DIGEST = 'sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3'

describe('argocd-source', () => {
  it('claims the names Argo CD reads, and no other format (k8s-manifest) claims them', () => {
    const names = [
      'apps/web/.argocd-source.yaml',
      'apps/web/.argocd-source-web.yaml',
      'apps/web/.argocd-source-team_web.yaml',
      'apps/web/.argocd-source.yml',
      'apps/web/argocd-source.yaml',
    ]
    expect(names.map((name) => discoverer.matches(name))).toEqual([true, true, true, false, false])
    expect(discoverers.filter((format) => format.matches('apps/web/.argocd-source-web.yaml')).map((f) => f.id)).toEqual(
      ['argocd-source'],
    )
  })

  it("lists the images its kustomize overrides pin and its Helm values name (Argo CD Image Updater's write-back)", async () => {
    const inventory = await scanTree(
      {
        'apps/web/.argocd-source-web.yaml': [
          'kustomize:',
          '  images:',
          '    - registry.example.com/team/web:1.4.2',
          `    - cache=registry.example.com/cache@${DIGEST}`,
          '    - worker=registry.example.com/worker',
          'helm:',
          '  parameters:',
          '    - name: image.repository',
          '      value: registry.example.com/team/api',
          '      forcestring: true',
          '    - name: image.tag',
          '      value: v2.0.1',
          '      forcestring: true',
          'namePrefix: prod-',
        ].join('\n'),
      },
      {discoverers},
    )
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map(
        (c) => `${c.locations[0].file}:${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.origin}`,
      ),
    ).toEqual([
      `apps/web/.argocd-source-web.yaml:4:7 registry.example.com/cache@${DIGEST} kustomize`,
      'apps/web/.argocd-source-web.yaml:9:14 registry.example.com/team/api:v2.0.1 helm-values',
      'apps/web/.argocd-source-web.yaml:3:7 registry.example.com/team/web:1.4.2 kustomize',
    ])
    expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '5 unresolved-version .argocd-source-web.yaml image override "worker=registry.example.com/worker" sets no tag or digest: the tag is the one the manifests it applies to write, which are not in this file',
    ])
    expect(inventory.files).toBe(1)
  })

  it('reports what is not an override, and a file that is not a mapping', async () => {
    const inventory = await scanTree(
      {
        '.argocd-source.yaml': 'kustomize:\n  images: quay.io/example/app:1\n',
        'b/.argocd-source.yaml': '- a\n',
      },
      {discoverers: [discoverer]},
    )
    expect(inventory.components).toEqual([])
    expect(inventory.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      '.argocd-source.yaml:2:11 invalid-image-field kustomize.images must be a list of images, found a string',
      expect.stringMatching(/^b\/\.argocd-source\.yaml:1:1 /),
    ])
  })
})
