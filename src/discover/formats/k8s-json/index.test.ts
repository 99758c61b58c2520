import {describe, expect, it} from 'vitest'
import {refsAt, scanTree} from '../../../../tests/discover/tree.js'
import {discoverer} from './index.js'

/** `kubectl get pods -A -o json`: a List of Pods, 4-space indented, keys sorted, status included. */
function kubectlPods(count: number): string {
  const items = Array.from({length: count}, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {annotations: {note: 'x'.repeat(2000)}, name: `app-${i}`, namespace: `ns-${i % 10}`},
    spec: {
      containers: [{image: `registry.example.com/team/app-${i % 25}:1.${i % 4}.0`, name: 'app'}],
      nodeName: 'node-1',
    },
    status: {
      containerStatuses: [
        {
          image: `registry.example.com/team/app-${i % 25}:1.${i % 4}.0`,
          imageID: 'registry.example.com/x@sha256:00',
          name: 'app',
        },
      ],
    },
  }))
  return `${JSON.stringify({apiVersion: 'v1', items, kind: 'List', metadata: {resourceVersion: ''}}, null, 4)}\n`
}

describe('k8s-json', () => {
  it('is a candidate for any .json name but lockfiles of other formats and well-known configuration', () => {
    expect(['deploy.json', 'k8s/pods.JSON', 'snapshot.json'].map(discoverer.matches)).toEqual([true, true, true])
    expect(
      [
        'package-lock.json',
        'npm-shrinkwrap.json',
        'package.json',
        'tsconfig.build.json',
        'app.yaml',
        'Pipfile.lock',
      ].map(discoverer.matches),
    ).toEqual([false, false, false, false, false, false])
  })

  it('reads one object and Lists with the same images and positions as YAML manifests', async () => {
    const pod = {
      kind: 'Pod',
      apiVersion: 'v1',
      spec: {
        initContainers: [{name: 'init', image: 'registry.example.com/init:1'}],
        containers: [{name: 'main', image: 'registry.example.com/main:2'}],
        volumes: [{name: 'data', image: {reference: 'registry.example.com/data:3'}}],
      },
    }
    const list = {
      apiVersion: 'v1',
      items: [
        {
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'Alertmanager',
          spec: {image: 'quay.io/prometheus/alertmanager:v0.27.0'},
        },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          spec: {template: {spec: {containers: [{name: 'w', image: 'busybox'}]}}},
        },
      ],
      kind: 'List',
    }
    const inventory = await scanTree({
      'pod.json': JSON.stringify(pod, null, 2),
      'k8s/list.json': JSON.stringify(list, null, 4),
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([])
    expect(inventory.files).toBe(2)
    expect(refsAt(inventory)).toEqual([
      'busybox k8s/list.json:20:42',
      'quay.io/prometheus/alertmanager:v0.27.0 k8s/list.json:8:26',
      'registry.example.com/data:3 pod.json:21:24',
      'registry.example.com/init:1 pod.json:8:18',
      'registry.example.com/main:2 pod.json:14:18',
    ])
    const byRef = Object.fromEntries(inventory.components.map((c) => [c.ref, c]))
    expect(byRef.busybox).toMatchObject({name: 'docker.io/library/busybox', version: 'latest', origin: 'manifest'})
    expect(byRef['quay.io/prometheus/alertmanager:v0.27.0'].origin).toBe('operator-field')
  })

  it('reads kubectl get pods -A -o json output of a few MB; status images are not declarations', async () => {
    const text = kubectlPods(1500)
    expect(text.length).toBeGreaterThan(3_000_000)
    const inventory = await scanTree({'cluster.json': text})
    expect(inventory.errors).toEqual([])
    expect(inventory.components).toHaveLength(100)
    const first = inventory.components.find((c) => c.ref === 'registry.example.com/team/app-0:1.0.0')
    // 1500 pods over 100 distinct images: each image in 15 pods, found in spec.containers only
    expect(first?.locations).toHaveLength(15)
    expect(first?.locations[0]).toEqual({file: 'cluster.json', line: 17, column: 34})
  })

  it('passes over JSON that is not a Kubernetes object silently, and leaves lockfiles and package.json to their own formats', async () => {
    const inventory = await scanTree({
      'package.json': '{"name": "app", "dependencies": {"left-pad": "1.3.0"}}',
      'tsconfig.json': '{\n  // comments are fine here\n  "compilerOptions": {"strict": true},\n}',
      '.vscode/settings.json': '{\n  // "apiVersion": "v1"\n  "editor.tabSize": 2,\n}',
      'data/list.json': '[{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"image": "nginx"}]}}]',
      'data/schema.json': '{"properties": {"apiVersion": {"type": "string"}, "containers": [{"image": "nginx"}]}}',
      'data/number.json': '42',
      'data/empty.json': '',
      'data/broken.json': '{"a": [1, 2',
      'data/binary.json': new Uint8Array([0x7b, 0x00, 0x01, 0x02]),
      'data/utf16.json': Buffer.from('\ufeff{"apiVersion": "v1", "kind": "Pod"}', 'utf16le'),
      'package-lock.json': JSON.stringify({
        name: 'app',
        lockfileVersion: 3,
        packages: {
          '': {name: 'app'},
          'node_modules/left-pad': {
            version: '1.3.0',
            resolved: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz',
          },
        },
      }),
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([])
    // package-lock.json and package.json, each read by its own format (npm-package-lock, npm-package-json), and the
    // UTF-16 Pod (its byte-order mark says how to read it; it names no image).
    expect(inventory.files).toBe(3)
    expect(inventory.components.map((c) => `${c.purl} ${c.locations.map((l) => l.file).join(',')}`)).toEqual([
      'pkg:npm/left-pad@1.3.0 package.json',
      'pkg:npm/left-pad@1.3.0 package-lock.json',
    ])
  })

  it('sniffs before the size limit: only a large Kubernetes JSON file is an error (too large)', async () => {
    const data = JSON.stringify({rows: Array.from({length: 500}, (_, i) => ({id: i, apiVersion: 'v1'}))})
    const inventory = await scanTree({'rows.json': data, 'pods.json': kubectlPods(3)}, {maxFileSize: 2000})
    expect(data.length).toBeGreaterThan(2000)
    // a file a format reads that is not read completely makes the run incomplete
    expect(inventory.errors.map((e) => `${e.file} ${e.code}`)).toEqual(['pods.json too-large'])
    expect(inventory.components).toEqual([])
    expect(inventory.skipped).toEqual([])
  })

  it('reports broken Kubernetes JSON and bad image fields with line and column; skips templates', async () => {
    const inventory = await scanTree({
      'broken.json': '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "spec": {"containers": [{"image": "a:1"},]}\n}',
      'dup.json': '{"apiVersion": "v1", "kind": "Pod",\n "kind": "Service"}',
      'fields.json':
        '{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [\n  {"image": 1.10},\n  {"image": "NGINX:1"},\n  {"image": "ok.example.com/e:1"}\n]}}',
      'tpl.json': '{"apiVersion": "v1", "kind": "Pod", "spec": {{ toJson .Values.spec }}}',
      'quoted.json': '{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"image": "{{ .Values.image }}"}]}}',
    })
    expect(inventory.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      'broken.json:4:44 json-syntax invalid JSON: a value expected',
      'dup.json:2:2 json-duplicate-key JSON duplicate key "kind"',
      'fields.json:2:13 invalid-image-field image field (containers) must be a string, found a number (1.10)',
      'fields.json:3:13 invalid-image-ref invalid image reference "NGINX:1": repository name must be lowercase',
    ])
    expect(refsAt(inventory)).toEqual(['ok.example.com/e:1 fields.json:4:13'])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line ?? ''} ${s.reason}`)).toEqual([
      'quoted.json:1 helm-template',
      'tpl.json: helm-template',
    ])
  })

  it("reads an Argo workflow's resource template manifest, placed at its string, and skips its parameters as Argo's", async () => {
    const workflow = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: {generateName: 'x-'},
      spec: {
        templates: [
          {name: 'a', container: {image: '{{inputs.parameters.image}}'}},
          {
            name: 'b',
            resource: {
              action: 'create',
              manifest: JSON.stringify({
                apiVersion: 'batch/v1',
                kind: 'Job',
                spec: {template: {spec: {containers: [{name: 'c', image: 'example.com/job:1'}]}}},
              }),
            },
          },
        ],
      },
    }
    const inventory = await scanTree({'wf.json': JSON.stringify(workflow, null, 2)}, {discoverers: [discoverer]})
    expect(refsAt(inventory)).toEqual(['example.com/job:1 wf.json:19:23'])
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([
      {
        file: 'wf.json',
        line: 12,
        reason: 'unsupported',
        message:
          'image "{{inputs.parameters.image}}" holds parameters ({{ }}) that Argo Workflows fills in when the Workflow runs: not guessed',
      },
    ])
  })

  it('lists the charts of Argo CD applications as kubectl get applications -o json writes them', async () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: {name: 'ingress', namespace: 'argocd'},
          spec: {
            source: {repoURL: 'https://charts.example.com/stable', chart: 'acme-ingress', targetRevision: '4.11.2'},
          },
        },
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: {name: 'config', namespace: 'argocd'},
          spec: {source: {repoURL: 'https://git.example.com/acme/config.git', path: 'prod', targetRevision: 'main'}},
        },
      ],
    }
    const inventory = await scanTree({'cluster/applications.json': JSON.stringify(list, null, 2)})
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map((c) => `${c.kind} ${c.purl} ${c.locations[0].file}:${c.locations[0].line}`),
    ).toEqual([
      'chart pkg:helm/acme-ingress@4.11.2?repository_url=https%3A%2F%2Fcharts.example.com%2Fstable cluster/applications.json:15',
    ])
  })
})
