import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const fixtures = join(import.meta.dirname, '__fixtures__', 'kube-prometheus')
const real = (name: string) => readFileSync(join(fixtures, name), 'utf8')

/** A tree of files by path; the format reads `file` of it. */
function discover(file: string, files: Record<string, string>) {
  return discoverer.discover(
    {file, text: files[file]},
    {readText: (f) => files[f] ?? null, exists: (f) => f in files},
  ) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.name}@${c.version ?? '-'} ${c.direct}`)

describe('jsonnet-bundler', () => {
  it('claims jsonnetfile.json and jsonnetfile.lock.json only', () => {
    expect(
      ['jsonnetfile.json', 'a/jsonnetfile.lock.json', 'jsonnetfile.lock', 'my-jsonnetfile.json'].map(
        discoverer.matches,
      ),
    ).toEqual([true, true, false, false])
  })

  it("lists kube-prometheus's locked libraries at their commits, direct where its jsonnetfiles name them", () => {
    // prometheus-operator/kube-prometheus (see __fixtures__/SOURCES.md): the root jsonnetfile.json names
    // grafana/jsonnet-libs' mixin-utils and the local jsonnet/kube-prometheus, whose own jsonnetfile.json names the rest.
    const tree = {
      'jsonnetfile.json': real('jsonnetfile.json'),
      'jsonnetfile.lock.json': real('jsonnetfile.lock.json'),
      'jsonnet/kube-prometheus/jsonnetfile.json': real('kube-prometheus.jsonnetfile.json'),
    }
    const out = discover('jsonnetfile.lock.json', tree)
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(out.components).toHaveLength(21)
    expect(rows(out).slice(0, 4)).toEqual([
      '6:9 github.com/brancz/kubernetes-grafana@5698c8940b6dadca3f42107b7839557bc041761f true',
      '16:9 github.com/etcd-io/etcd@ee043b39e1757fede7cb7f261c1b547d8b188194 true',
      '26:9 github.com/grafana/grafana@2b30af9c5def5e8de5a0bf033cb77ea6e28cd7ce true',
      // A dependency of grafana's mixin, not named by the project: not direct.
      '36:9 github.com/grafana/grafonnet-lib@a1d61cce1da59c71409b99b5c7568511fec661ea false',
    ])
    const mixin = out.components.find((c) => c.ref.startsWith('github.com/grafana/jsonnet-libs/mixin-utils@'))
    expect(mixin).toMatchObject({
      kind: 'package',
      ecosystem: 'generic',
      version: '414774b1104f1fb123b5657dc81443283f696f9c',
      direct: true,
      origin: 'lockfile',
      purl: 'pkg:generic/github.com/grafana/jsonnet-libs@414774b1104f1fb123b5657dc81443283f696f9c?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fgrafana%2Fjsonnet-libs.git%40414774b1104f1fb123b5657dc81443283f696f9c',
    })
    // The lock lists them: neither jsonnetfile.json lists them again.
    expect(discover('jsonnetfile.json', tree).components).toEqual([])
    expect(discover('jsonnet/kube-prometheus/jsonnetfile.json', tree).components).toEqual([])
  })

  it('lists a jsonnetfile.json without a lock at its branches and tags, unversioned, said once', () => {
    const out = discover('lib/jsonnetfile.json', {'lib/jsonnetfile.json': real('kube-prometheus.jsonnetfile.json')})
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.ref} ${c.version} ${c.direct} ${c.origin}`).slice(0, 3)).toEqual([
      'github.com/brancz/kubernetes-grafana/grafana@master undefined true manifest',
      'github.com/grafana/grafana/grafana-mixin@main undefined true manifest',
      'github.com/etcd-io/etcd/contrib/mixin@main undefined true manifest',
    ])
    expect(out.skipped.map((s) => `${s.reason} ${s.message}`)).toEqual([
      `unresolved-version ${out.components.length} libraries are named at a branch or tag, which jsonnetfile.lock.json (not beside this file) would pin to a commit: listed without a version; run \`jb install\` and scan the lock`,
    ])
  })

  it('reports entries that are not dependencies at their place and reads the others', () => {
    const text = JSON.stringify(
      {
        version: 1,
        dependencies: [
          'x',
          {source: {git: {remote: 'https://git.example.com/team/lib.git', subdir: 'lib'}}, version: 7},
          {source: {svn: {}}, version: 'v1'},
          {source: {git: {remote: '../relative'}}, version: 'v1'},
          {source: {git: {remote: 'git@git.example.com:team/other.git'}}, version: 'v2.0.0'},
        ],
      },
      null,
      2,
    )
    const out = discover('jsonnetfile.json', {'jsonnetfile.json': text})
    expect(out.errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
      '3 invalid-entry dependencies[0]: must be an object',
      '5 invalid-entry dependencies[1]: `version` must be a string',
      '14 invalid-entry dependencies[2]: `source` must be `{git: {remote, subdir}}` or `{local: {directory}}`',
      '20 invalid-entry dependencies[3]: `source.git.remote` "../relative" is not a repository URL',
    ])
    expect(out.components.map((c) => c.ref)).toEqual(['git.example.com/team/other@v2.0.0'])
    expect(
      discover('jsonnetfile.json', {'jsonnetfile.json': '{"dependencies": {}}'}).errors.map((e) => e.code),
    ).toEqual(['invalid-lockfile'])
    expect(discover('jsonnetfile.json', {'jsonnetfile.json': '[1'}).errors.map((e) => e.code)).toEqual(['invalid-json'])
    // jb reads an empty file as an empty spec (grafana/jsonnet-libs' ceph-mixin/jsonnetfile.json is 0 bytes).
    expect(discover('jsonnetfile.json', {'jsonnetfile.json': ''})).toEqual({components: [], skipped: [], errors: []})
    expect(discover('jsonnetfile.json', {'jsonnetfile.json': '\n'}).errors).toEqual([])
  })
})
