/** The images GitOps objects' kustomize overrides pin (./gitops-image-overrides.ts), read through the manifest formats. */
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../tests/discover/tree.js'
import {discoverer as k8sJson} from './formats/k8s-json/index.js'
import {discoverer as k8sManifest} from './formats/k8s-manifest/index.js'
import {parseSetImage} from './image-override.js'

const scan = (files: Record<string, string>) => scanTree(files, {discoverers: [k8sManifest, k8sJson]})

const images = (inventory: Awaited<ReturnType<typeof scan>>) =>
  inventory.components
    .filter((c) => c.kind === 'image')
    .map((c) => `${c.locations.map((l) => `${l.file}:${l.line}:${l.column}`).join(',')} ${c.ref} ${c.origin}`)

const skips = (inventory: Awaited<ReturnType<typeof scan>>) =>
  inventory.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)

const DIGEST = 'sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3'

describe('GitOps image overrides', () => {
  it("reads an argument of `kustomize edit set image` as kustomize's parse does", () => {
    expect(parseSetImage('node:8.15.0')).toEqual({name: 'node', newTag: '8.15.0'})
    expect(parseSetImage('postgres=eu.gcr.io/my-project/postgres:latest')).toEqual({
      name: 'postgres',
      newName: 'eu.gcr.io/my-project/postgres',
      newTag: 'latest',
    })
    expect(parseSetImage(`my-app=my-registry/my-app@${DIGEST}`)).toEqual({
      name: 'my-app',
      newName: 'my-registry/my-app',
      digest: DIGEST,
    })
    expect(parseSetImage(`alpine@${DIGEST}`)).toEqual({name: 'alpine', digest: DIGEST})
    expect(parseSetImage('mysql=mariadb')).toEqual({name: 'mysql', newName: 'mariadb'})
    // A registry's port is no tag: `localhost:5000/app` without `=` is refused, as kustomize refuses it.
    expect(parseSetImage('localhost:5000/app:1.2')).toEqual({name: 'localhost:5000/app', newTag: '1.2'})
    expect(parseSetImage('localhost:5000/app')).toBeUndefined()
    // `*` keeps what the resource writes.
    expect(parseSetImage('app=*:1.2')).toEqual({name: 'app', newTag: '1.2'})
    expect(parseSetImage('app=registry.example.com/app:*')).toEqual({name: 'app', newName: 'registry.example.com/app'})
    expect(parseSetImage('justaname')).toBeUndefined()
    // Two `=`: not split, and then not a name:tag kustomize reads.
    expect(parseSetImage('a=b=c')).toBeUndefined()
  })

  it("lists the images a Flux Kustomization's spec.images and a HelmRelease's post-renderers pin, at the override", async () => {
    const inventory = await scan({
      'clusters/prod/apps.yaml': [
        'apiVersion: kustomize.toolkit.fluxcd.io/v1',
        'kind: Kustomization',
        'metadata:',
        '  name: podinfo',
        'spec:',
        '  path: ./kustomize',
        '  sourceRef:',
        '    kind: GitRepository',
        '    name: podinfo',
        '  images:',
        '    - name: ghcr.io/example/podinfo',
        '      newName: registry.example.com/podinfo',
        '      newTag: 6.7.0',
        '    - name: nginx',
        `      digest: ${DIGEST}`,
        '    - name: redis',
        '      newName: registry.example.com/redis',
        '---',
        'apiVersion: helm.toolkit.fluxcd.io/v2',
        'kind: HelmRelease',
        'metadata:',
        '  name: web',
        'spec:',
        '  chartRef:',
        '    kind: OCIRepository',
        '    name: web',
        '  postRenderers:',
        '    - kustomize:',
        '        images:',
        '          - name: docker.io/example/web',
        '            newTag: "1.27.3"',
        '---',
        'apiVersion: source.toolkit.fluxcd.io/v1',
        'kind: OCIRepository',
        'metadata:',
        '  name: web',
        'spec:',
        '  url: oci://registry.example.com/charts/web',
        '  ref:',
        '    tag: 2.0.0',
      ].join('\n'),
    })
    expect(inventory.errors).toEqual([])
    expect(images(inventory)).toEqual([
      'clusters/prod/apps.yaml:30:19 docker.io/example/web:1.27.3 kustomize',
      `clusters/prod/apps.yaml:14:13 nginx@${DIGEST} kustomize`,
      'clusters/prod/apps.yaml:11:13 registry.example.com/podinfo:6.7.0 kustomize',
    ])
    expect(skips(inventory)).toEqual([
      'clusters/prod/apps.yaml:16 unresolved-version Flux Kustomization image override redis sets no tag or digest: the tag is the one the manifests it applies to write, which are not in this file',
    ])
    // The chart is still the release's.
    expect(inventory.components.filter((c) => c.kind === 'chart').map((c) => c.ref)).toEqual(['web@2.0.0'])
  })

  it("lists the images an Argo CD Application's kustomize.images pin; reports what Argo CD or a generator fills in", async () => {
    const inventory = await scan({
      'apps/guestbook.yaml': [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Application',
        'metadata:',
        '  name: guestbook',
        'spec:',
        '  source:',
        '    repoURL: https://git.example.com/apps.git',
        '    path: guestbook',
        '    kustomize:',
        '      images:',
        '        - quay.io/example/guestbook:0.2',
        `        - my-app=registry.example.com/team/my-app@${DIGEST}`,
        '        - other=registry.example.com/other',
        '        - build=registry.example.com/$ARGOCD_APP_NAME:1.0',
        '        - justaname',
        '---',
        'apiVersion: argoproj.io/v1alpha1',
        'kind: ApplicationSet',
        'metadata:',
        '  name: envs',
        'spec:',
        '  generators:',
        '    - list:',
        '        elements:',
        '          - env: dev',
        '  template:',
        '    spec:',
        '      sources:',
        '        - repoURL: https://git.example.com/apps.git',
        "          path: 'envs/{{env}}'",
        '          kustomize:',
        '            images:',
        "              - 'registry.example.com/app:{{env}}'",
        '              - registry.example.com/sidecar:3.1',
      ].join('\n'),
    })
    expect(images(inventory)).toEqual([
      'apps/guestbook.yaml:11:11 quay.io/example/guestbook:0.2 kustomize',
      'apps/guestbook.yaml:34:17 registry.example.com/sidecar:3.1 kustomize',
      `apps/guestbook.yaml:12:11 registry.example.com/team/my-app@${DIGEST} kustomize`,
    ])
    expect(skips(inventory)).toEqual([
      'apps/guestbook.yaml:13 unresolved-version Argo CD Application image override "other=registry.example.com/other" sets no tag or digest: the tag is the one the manifests it applies to write, which are not in this file',
      'apps/guestbook.yaml:14 unsupported Argo CD Application image override "build=registry.example.com/$ARGOCD_APP_NAME:1.0": Argo CD substitutes its build environment ($ARGOCD_APP_NAME...) in it when it builds the application; not guessed',
      'apps/guestbook.yaml:33 unsupported Argo CD ApplicationSet image override "registry.example.com/app:{{env}}": a value is filled in by the ApplicationSet\'s generators ({{ }}); not read',
    ])
    expect(inventory.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      'apps/guestbook.yaml:15:11 invalid-image-field spec.source.kustomize.images: "justaname" is not an image override kustomize reads (name=image, image:tag or image@digest)',
    ])
  })

  it('reads the same objects written as JSON (kubectl get -o json), and reports entries that are not overrides', async () => {
    const inventory = await scan({
      'flux.json': JSON.stringify(
        {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          metadata: {name: 'apps'},
          spec: {
            path: './apps',
            images: [{name: 'app', newTag: '2.1.0'}, 'app:1', {newTag: '1'}, {name: 'x', newTag: {}}],
          },
        },
        null,
        2,
      ),
    })
    expect(images(inventory)).toEqual(['flux.json:11:17 app:2.1.0 kustomize'])
    expect(inventory.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '14:7 an entry of spec.images must be a mapping, found a string',
      '15:7 an entry of spec.images has no name',
      '20:19 newTag of spec.images must be a string, found a mapping',
    ])
  })
})
