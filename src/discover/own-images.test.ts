import {rm} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {makeTree, refsAt, scanTree} from '../../tests/discover/tree.js'
import {discoverPaths} from './index.js'

const pod = (...images: string[]) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n${images.map((image, i) => `  - name: c${i}\n    image: ${image}\n`).join('')}`

const skaffold = (...images: string[]) =>
  `apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n${images.map((image) => `  - image: ${image}\n`).join('')}manifests:\n  rawYaml:\n  - k8s/*.yaml\n`

/** A configuration that names no file it deploys: its images are its folder's and the folders' below it. */
const skaffoldBuildOnly = (...images: string[]) =>
  `apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n${images.map((image) => `  - image: ${image}\n`).join('')}`

const DIGEST = `sha256:${'a'.repeat(64)}`

const own = (file: string, line: number, message: string) => ({file, line, reason: 'unsupported', message})
const skaffoldWords = (ref: string, at: string, image: string) =>
  `image ${ref} is the project's own: ${at} builds it (build.artifacts[].image ${image}), and Skaffold replaces it with the image it builds when it deploys: not listed`

describe("images a Skaffold configuration builds, named by the project's manifests", () => {
  it('are not listed, once said per file and image; a pinned digest, another image, another folder are', async () => {
    const inventory = await scanTree({
      'app/skaffold.yaml': skaffold('ghcr.io/example-org/web', 'example-api'),
      'app/k8s/web.yaml': pod(
        'ghcr.io/example-org/web:dev',
        // The same image again, and by its normalised name.
        'ghcr.io/example-org/web',
        'docker.io/library/example-api:1.0',
        // Skaffold leaves an image pinned by digest as written.
        `example-api@${DIGEST}`,
        'ghcr.io/example-org/sidecar:1.0',
      ),
      // Outside the configuration's folder: no image of its.
      'other/pod.yaml': pod('example-api:2.0'),
    })
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory)).toEqual([
      'example-api:2.0 other/pod.yaml:8:12',
      `example-api@${DIGEST} app/k8s/web.yaml:14:12`,
      'ghcr.io/example-org/sidecar:1.0 app/k8s/web.yaml:16:12',
    ])
    expect(inventory.skipped).toEqual([
      own(
        'app/k8s/web.yaml',
        8,
        skaffoldWords('ghcr.io/example-org/web:dev', 'app/skaffold.yaml:5', 'ghcr.io/example-org/web'),
      ),
      own(
        'app/k8s/web.yaml',
        12,
        skaffoldWords('docker.io/library/example-api:1.0', 'app/skaffold.yaml:6', 'example-api'),
      ),
    ])
  })

  it("the artifacts of profiles, and those a profile's patch adds, in any skaffold*.yaml of the folder", async () => {
    const config =
      'apiVersion: skaffold/v4beta11\nkind: Config\nprofiles:\n- name: a\n  build:\n    artifacts:\n    - image: example-a\n- name: b\n  patches:\n  - op: add\n    path: /build/artifacts/1\n    value:\n      image: example-b\n  - op: replace\n    path: /build/artifacts/0/image\n    value: example-c\n  - op: remove\n    path: /build/artifacts/0/image\n    value: example-d\n'
    const inventory = await scanTree({
      'skaffold-dev.yaml': config,
      'deploy/pod.yaml': pod('example-a', 'example-b', 'example-c', 'example-d'),
    })
    expect(refsAt(inventory)).toEqual(['example-d deploy/pod.yaml:14:12'])
    expect(inventory.skipped.map((s) => s.message)).toEqual([
      skaffoldWords('example-a', 'skaffold-dev.yaml:7', 'example-a'),
      "image example-b is the project's own: skaffold-dev.yaml:13 builds it (a profile's patch of /build/artifacts/1 to example-b), and Skaffold replaces it with the image it builds when it deploys: not listed",
      "image example-c is the project's own: skaffold-dev.yaml:16 builds it (a profile's patch of /build/artifacts/0/image to example-c), and Skaffold replaces it with the image it builds when it deploys: not listed",
    ])
  })

  it('a kustomization override to it, Helm values and JSON manifests of the folder: not listed either', async () => {
    const inventory = await scanTree({
      'skaffold.yaml': skaffoldBuildOnly('ghcr.io/example-org/web'),
      'k8s/kustomization.yaml':
        'resources:\n- pod.yaml\nimages:\n- name: placeholder\n  newName: ghcr.io/example-org/web\n  newTag: dev\n',
      'k8s/pod.yaml': pod('placeholder'),
      'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\nappVersion: 1.0.0\n',
      'chart/values.yaml': 'image:\n  repository: ghcr.io/example-org/web\n  tag: dev\n',
      'pod.json': JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {name: 'a'},
        spec: {containers: [{name: 'a', image: 'ghcr.io/example-org/web:1'}]},
      }),
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.components).toEqual([])
    expect(inventory.skipped.map((s) => [s.file, s.line])).toEqual([
      ['chart/values.yaml', 2],
      ['k8s/kustomization.yaml', 4],
      ['pod.json', 1],
    ])
    expect(inventory.skipped[0].message).toBe(
      skaffoldWords('ghcr.io/example-org/web:dev', 'skaffold.yaml:5', 'ghcr.io/example-org/web'),
    )
  })

  it('only in the files a configuration deploys when it names them (rawYaml, kubectl manifests, chartPath, a profile patch)', async () => {
    const inventory = await scanTree({
      // rawYaml: the root's k8s/*.yaml only, not deploy/prod/db.yaml, nor a k8s/ subfolder.
      'skaffold.yaml': skaffold('postgres'),
      'k8s/db.yaml': pod('postgres:15.4'),
      'k8s/extra/db.yaml': pod('postgres:15.5'),
      'deploy/prod/db.yaml': pod('postgres:15.6'),
      // v1: deploy.kubectl.manifests and a chart, relative to the configuration's folder.
      'v1/skaffold.yaml':
        'apiVersion: skaffold/v1\nkind: Config\nbuild:\n  artifacts:\n  - image: web\ndeploy:\n  kubectl:\n    manifests:\n    - pods/web.yaml\n  helm:\n    releases:\n    - name: web\n      chartPath: charts/web\n    - name: up\n      chartPath: stable/up\n      remote: true\n',
      'v1/pods/web.yaml': pod('web:1'),
      'v1/pods/other.yaml': pod('web:2'),
      // kustomize: an overlay takes its bases from other folders (../../base): the folder and below.
      'kz/skaffold.yaml':
        'apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n  - image: kz\nmanifests:\n  kustomize:\n    paths: [overlays/dev]\n',
      'kz/base/pod.yaml': pod('kz:1'),
      // A profile's patch adds a rawYaml glob (Skaffold's profile-patches example): its files are deployed too.
      'pp/skaffold.yaml':
        "apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n  - image: base\nmanifests:\n  rawYaml: ['base/*.yaml']\nprofiles:\n- name: hello\n  patches:\n  - op: add\n    path: /build/artifacts/1\n    value: {image: hello}\n  - op: add\n    path: /manifests/rawYaml/1\n    value: 'hello/*.yaml'\n",
      'pp/hello/pod.yaml': pod('hello:1'),
      'pp/other/pod.yaml': pod('hello:2'),
      'v1/charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      'v1/charts/web/values.yaml': 'image:\n  repository: web\n  tag: "4"\n',
      'v1/charts/other/Chart.yaml': 'apiVersion: v2\nname: other\nversion: 1.0.0\n',
      'v1/charts/other/values.yaml': 'image:\n  repository: web\n  tag: "5"\n',
      // A templated path: its folder and below, as for none.
      'tpl/skaffold.yaml':
        'apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n  - image: tpl\nmanifests:\n  rawYaml:\n  - "{{.DIR}}/*.yaml"\n',
      'tpl/any/pod.yaml': pod('tpl:1'),
    })
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory)).toEqual([
      'hello:2 pp/other/pod.yaml:8:12',
      'postgres:15.5 k8s/extra/db.yaml:8:12',
      'postgres:15.6 deploy/prod/db.yaml:8:12',
      'up v1/skaffold.yaml:15:18',
      'web v1/skaffold.yaml:13:18',
      'web:2 v1/pods/other.yaml:8:12',
      'web:5 v1/charts/other/values.yaml:2:15',
    ])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line}`)).toEqual([
      'k8s/db.yaml:8',
      'kz/base/pod.yaml:8',
      'pp/hello/pod.yaml:8',
      'tpl/any/pod.yaml:8',
      'v1/charts/web/values.yaml:2',
      'v1/pods/web.yaml:8',
      // The skaffold format's: `remote: true` chart of a repository the machine added.
      'v1/skaffold.yaml:15',
    ])
  })

  it("matches an artifact's name as Skaffold does: lowercased, without ko's prefix", async () => {
    const inventory = await scanTree({
      'skaffold.yaml': skaffold('Example-Org/App:Dev', 'ko://example.com/cmd/tool'),
      'k8s/pod.yaml': pod('example-org/app:1.0', 'example.com/cmd/tool:2'),
    })
    expect(inventory.components).toEqual([])
    expect(inventory.skipped.map((s) => [s.file, s.line])).toEqual([
      ['k8s/pod.yaml', 8],
      ['k8s/pod.yaml', 10],
    ])
  })

  it('reads no configuration above the scanned folder', async () => {
    const dir = await makeTree({
      'skaffold.yaml': skaffold('example-api'),
      Tiltfile: "docker_build('example-api', '.')\n",
      'sub/pod.yaml': pod('example-api:1.0'),
    })
    try {
      const inventory = await discoverPaths([join(dir, 'sub')])
      expect(inventory.components.map((c) => c.ref)).toEqual(['example-api:1.0'])
      expect(inventory.skipped).toEqual([])
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })

  it('a configuration that is not YAML, not Skaffold, or not a file leaves the images listed, with no crash', async () => {
    const inventory = await scanTree({
      'a/skaffold.yaml': 'apiVersion: skaffold/v4beta11\nkind: Config\nbuild: [\n',
      'a/pod.yaml': pod('example-a'),
      'b/skaffold.yaml': 'apiVersion: v1\nkind: ConfigMap\nbuild:\n  artifacts:\n  - image: example-b\n',
      'b/pod.yaml': pod('example-b'),
      'c/skaffold.yml/README': 'a folder named so\n',
      'c/Tiltfile/README': 'a folder named so\n',
      'c/pod.yaml': pod('example-c'),
    })
    expect(inventory.components.map((c) => c.ref).sort()).toEqual(['example-a', 'example-b', 'example-c'])
  })
})

describe('images a Tiltfile builds, named by the manifests of its folder', () => {
  it('docker_build and custom_build, literal refs, at any tag or digest', async () => {
    const inventory = await scanTree({
      'dev/Tiltfile':
        "load('ext://restart_process', 'docker_build_with_restart')\ndocker_build('ghcr.io/example-org/tilt-app', '.')\ncustom_build(\n  ref='example-custom',\n  command='make image',\n  deps=['.'],\n)\nk8s_yaml('k8s/app.yaml')\n",
      'dev/k8s/app.yaml': pod('ghcr.io/example-org/tilt-app:dev', `example-custom@${DIGEST}`, 'example-other:1'),
    })
    expect(refsAt(inventory)).toEqual([
      'example-other:1 dev/k8s/app.yaml:12:12',
      // The Tiltfile's extension, listed by the tiltfile format.
      'ext://restart_process dev/Tiltfile:1:6',
    ])
    expect(inventory.skipped).toEqual([
      own(
        'dev/k8s/app.yaml',
        8,
        "image ghcr.io/example-org/tilt-app:dev is the project's own: dev/Tiltfile:2 builds it (docker_build('ghcr.io/example-org/tilt-app')), and Tilt replaces it with the image it builds when it deploys: not listed",
      ),
      own(
        'dev/k8s/app.yaml',
        10,
        `image example-custom@${DIGEST} is the project's own: dev/Tiltfile:4 builds it (custom_build('example-custom')), and Tilt replaces it with the image it builds when it deploys: not listed`,
      ),
    ])
  })

  it("a Tiltfile's literal k8s_yaml and helm paths scope its images; a computed k8s_yaml argument, the folder", async () => {
    const inventory = await scanTree({
      Tiltfile:
        "docker_build('tapp', '.')\nk8s_yaml('k8s/a.yaml')\nk8s_yaml(['k8s/b.yaml', 'more/'])\nhelm('./chart')\n",
      'k8s/a.yaml': pod('tapp:1'),
      'k8s/b.yaml': pod('tapp:2'),
      'k8s/c.yaml': pod('tapp:3'),
      'more/x/pod.yaml': pod('tapp:4'),
      'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 1.0.0\n',
      'chart/values.yaml': 'image:\n  repository: tapp\n  tag: "5"\n',
      'deploy/prod/db.yaml': pod('tapp:6'),
      'computed/Tiltfile': "docker_build('capp', '.')\nk8s_yaml(kustomize('overlay'))\nk8s_yaml('k8s/a.yaml')\n",
      'computed/any/pod.yaml': pod('capp:1'),
    })
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory)).toEqual([
      'chart Tiltfile:4:6',
      'tapp:3 k8s/c.yaml:8:12',
      'tapp:6 deploy/prod/db.yaml:8:12',
    ])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line}`)).toEqual([
      'chart/values.yaml:2',
      'computed/any/pod.yaml:8',
      'k8s/a.yaml:8',
      'k8s/b.yaml:8',
      'more/x/pod.yaml:8',
    ])
  })

  it('a Tiltfile of 900 KB that is no Starlark, or a long skaffold.yaml, is read at once', async () => {
    const inventory = await scanTree({
      Tiltfile: `docker_build('example-app', '.')\n${'docker_build((('.repeat(60_000)}'"`,
      'skaffold.yaml': `apiVersion: skaffold/v4beta11\nkind: Config\nprofiles:\n${'- patches:\n  - {op: add, path: /build/artifacts/-, value: {image: x}}\n'.repeat(10_000)}`,
      'pod.yaml': pod('example-app', 'x'),
    })
    expect(inventory.components).toEqual([])
  })
})
