import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {img, resolveOffline, summarise, tempCacheDir} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolveComponents} from '../../engine.js'
import {defaultRulesDir, loadKnownImages, resolver} from './index.js'

describe('known-images', () => {
  it('maps well-known images without labels, citing a source for each', async () => {
    const run = await resolveOffline(
      [
        img('registry.k8s.io/kube-apiserver', 'v1.35.0'),
        img('registry.k8s.io/etcd', '3.6.8-0'),
        img('registry.k8s.io/ingress-nginx/kube-webhook-certgen', 'v1.6.9'),
        img('quay.io/prometheus/node-exporter', 'v1.12.1'),
        img('docker.io/volcanosh/vc-scheduler', 'latest'),
        img('docker.io/library/busybox', '1.28'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'registry.k8s.io/kube-apiserver@v1.35.0':
        'github.com/kubernetes/kubernetes (cmd/kube-apiserver) high known-images',
      'registry.k8s.io/etcd@3.6.8-0': 'github.com/kubernetes/kubernetes (cluster/images/etcd) high known-images',
      'registry.k8s.io/ingress-nginx/kube-webhook-certgen@v1.6.9':
        'github.com/kubernetes/ingress-nginx high known-images',
      'quay.io/prometheus/node-exporter@v1.12.1': 'github.com/prometheus/node_exporter high known-images',
      'docker.io/volcanosh/vc-scheduler@latest': 'github.com/volcano-sh/volcano high known-images',
      'docker.io/library/busybox@1.28': 'unresolved: no-label',
    })
    const kubernetes = run.groups.find((g) => g.repo === 'github.com/kubernetes/kubernetes')!
    expect(kubernetes.resolutions!.map((r) => r.evidence)).toEqual([
      'known image: https://github.com/kubernetes/kubernetes/tree/master/cluster/images/etcd',
      'known image: https://kubernetes.io/releases/download/',
    ])
    expect(kubernetes.directories).toEqual(['cluster/images/etcd', 'cmd/kube-apiserver'])
  })

  it('every shipped entry has an https citation and a valid repository', async () => {
    const entries = await loadKnownImages(defaultRulesDir)
    expect(entries.length).toBeGreaterThanOrEqual(25)
    for (const entry of entries) {
      expect(String(entry.extra.cite)).toMatch(/^https:\/\//)
      expect(entry.repo).toMatch(/^github\.com\/[^/]+\/[^/]+$/)
    }
  })

  it('a malformed map is a usage error naming the file, line and key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'known-'))
    await writeFile(
      join(dir, 'known-images.yaml'),
      'mappings:\n  - match: a/b\n    repo: github.com/o/n\n    cite: https://example.com\n  - match: c/d\n    repo: github.com/o/n\n    cite: https://example.com\n    notes: typo\n',
    )
    await expect(
      resolveComponents([img('a.io/b', '1')], {cacheDir: await tempCacheDir(), offline: true, rulesDir: dir}, [
        resolver,
      ]),
    ).rejects.toThrow("rules/resolve/known-images.yaml:8:5: mappings[1]: unknown key 'notes'")
  })
})
