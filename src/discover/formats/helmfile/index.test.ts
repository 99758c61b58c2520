import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {scanTree} from '../../../../tests/discover/tree.js'
import {discoverer, HELMFILE_TEMPLATE_HINT} from './index.js'

/** Discovers `text` as `file`; `tree` holds the other files of the scanned tree (chart folders' Chart.yaml). */
function discover(text: string, file = 'helmfile.yaml', tree: Record<string, string> = {}) {
  return discoverer.discover(
    {file, text},
    {readText: (f) => tree[f] ?? null, exists: (f) => f in tree},
  ) as Required<DiscoverOutput>
}

const fixture = (path: string) => readFileSync(new URL(`./__fixtures__/${path}`, import.meta.url), 'utf8')

/** `line:column ref version [local] repository purl` of each component. */
const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.version ?? '-'}${c.local ? ' local' : ''} ${c.repository ?? '-'} ${c.purl ?? '-'}`,
  )
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line ?? '-'} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) =>
  out.errors.map((e) => `${e.line ?? '-'}:${e.column ?? '-'} ${e.code} ${e.message}`)

describe('helmfile', () => {
  it('matches helmfile.yaml, helmfile.yml and the YAML files directly in helmfile.d/, and their .gotmpl forms', () => {
    const names = [
      'helmfile.yaml',
      'deploy/helmfile.yml',
      'helmfile.yaml.gotmpl',
      'helmfile.d/00-base.yaml',
      'infra/helmfile.d/apps.yml',
      'helmfile.d/apps.yaml.gotmpl',
    ]
    expect(names.map(discoverer.matches)).toEqual([true, true, true, true, true, true])
    const others = [
      'helmfile.d/values/app.yaml',
      'Helmfile.yaml',
      'helmfile.yaml.bak',
      'helmfile.lock',
      'my-helmfile.yaml',
      'helmfile.d/README.md',
      'values.yaml.gotmpl',
    ]
    expect(others.map(discoverer.matches)).toEqual([false, false, false, false, false, false, false])
  })

  it('reads a release whose values hold a custom tag as helmfile does (go-yaml: the tag read as text)', async () => {
    const inventory = await scanTree(
      {
        'helmfile.yaml': [
          'repositories:',
          '- name: bitnami',
          '  url: https://charts.bitnami.com/bitnami',
          'releases:',
          '- name: web',
          '  chart: bitnami/nginx',
          '  version: 15.0.0',
          '  values:',
          '  - auth:',
          '      password: !vault secret/web#password',
          '',
        ].join('\n'),
      },
      {discoverers: [discoverer]},
    )
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => `${c.name} ${c.version}`)).toEqual(['nginx 15.0.0'])
  })

  it('identifies a helmfile on standard input by its releases, not a Kubernetes object', () => {
    const identify = discoverer.identify!
    expect(identify('repositories:\n- name: a\n  url: https://a\nreleases:\n- name: x\n  chart: a/x\n')).toBe(true)
    expect(identify('releases:\n  - chart: ./charts/app\n')).toBe(true)
    expect(identify('apiVersion: v1\nkind: List\nreleases:\n- chart: a/b\n')).toBe(false)
    expect(identify('releases: []\n')).toBe(false)
  })

  it("lists a real stack's releases with their repositories' URLs (jenkins-infra publick8s)", () => {
    const out = discover(fixture('jenkins-infra/publick8s.yaml'), 'clusters/helmfile.d/publick8s.yaml')
    expect(errors(out)).toEqual([])
    // The values files its releases name are not in this tree (the rendered `.gotmpl` ones never are read).
    expect(out.skipped.map((s) => `${s.line} ${s.reason}`)).toEqual([
      '37 unsupported',
      '38 missing-resource',
      '39 unsupported',
      '47 missing-resource',
      '48 missing-resource',
      '56 missing-resource',
      '64 missing-resource',
      '65 missing-resource',
      '71 missing-resource',
      '72 missing-resource',
      '78 missing-resource',
      '86 missing-resource',
      '94 missing-resource',
    ])
    expect(skips(out).slice(0, 2)).toEqual([
      '37 unsupported release datadog: values file "../config/datadog.yaml.gotmpl" is a Go template (filled in or rendered when the tool runs): the images it sets are not read',
      '38 missing-resource release datadog: values file "../config/publick8s/datadog.yaml" is not a readable file of the scanned tree: the images it sets are not read',
    ])
    expect(rows(out)).toEqual([
      '34:12 datadog@3.239.0 3.239.0 https://helm.datadoghq.com pkg:helm/datadog@3.239.0?repository_url=https%3A%2F%2Fhelm.datadoghq.com',
      '44:12 cert-manager@v1.20.3 v1.20.3 https://charts.jetstack.io pkg:helm/cert-manager@v1.20.3?repository_url=https%3A%2F%2Fcharts.jetstack.io',
      '51:12 acme@0.1.4 0.1.4 https://jenkins-infra.github.io/helm-charts pkg:helm/acme@0.1.4?repository_url=https%3A%2F%2Fjenkins-infra.github.io%2Fhelm-charts',
      '61:12 ingress-nginx@4.11.8 4.11.8 https://kubernetes.github.io/ingress-nginx pkg:helm/ingress-nginx@4.11.8?repository_url=https%3A%2F%2Fkubernetes.github.io%2Fingress-nginx',
      '68:12 ingress-nginx@4.11.8 4.11.8 https://kubernetes.github.io/ingress-nginx pkg:helm/ingress-nginx@4.11.8?repository_url=https%3A%2F%2Fkubernetes.github.io%2Fingress-nginx',
      '75:12 falco@9.1.0 9.1.0 https://falcosecurity.github.io/charts pkg:helm/falco@9.1.0?repository_url=https%3A%2F%2Ffalcosecurity.github.io%2Fcharts',
      '81:12 jenkins@5.9.54 5.9.54 https://charts.jenkins.io pkg:helm/jenkins@5.9.54?repository_url=https%3A%2F%2Fcharts.jenkins.io',
      '91:12 redis-ha@4.34.13 4.34.13 https://dandydeveloper.github.io/charts pkg:helm/redis-ha@4.34.13?repository_url=https%3A%2F%2Fdandydeveloper.github.io%2Fcharts',
    ])
    expect(
      out.components.every((c) => c.kind === 'chart' && c.ecosystem === 'helm' && c.direct && c.origin === 'manifest'),
    ).toBe(true)
  })

  it("reads helmfile's own test files: layered parts, an OCI repository with a path, ranges, ad-hoc dependencies", () => {
    // Three parts: repositories, environments, releases; the local chart folder is not in this tree.
    const layered = discover(fixture('helmfile/issue-2431.yaml'))
    expect(rows(layered)).toEqual(['26:12 karma - local file://./karma -'])
    expect([...errors(layered), ...skips(layered)]).toEqual([])

    // `docker/bitnamicharts/nginx` of an `oci: true` repository is oci://registry-1.docker.io/bitnamicharts/nginx.
    expect(rows(discover(fixture('helmfile/oci-parallel-pull.yaml')))).toEqual([
      '13:12 nginx@18.2.5 18.2.5 oci://registry-1.docker.io/bitnamicharts pkg:helm/nginx@18.2.5?repository_url=oci%3A%2F%2Fregistry-1.docker.io%2Fbitnamicharts',
    ])

    // Versions kept as written (`1.12.x`, `x`), as helm-chart keeps them; a release's `dependencies:` are charts too.
    expect(rows(discover(fixture('helmfile/deps-mr-1011.yaml')))).toEqual([
      '9:12 rook-ceph 1.12.x - https://charts.rook.io/release pkg:helm/rook-ceph?repository_url=https%3A%2F%2Fcharts.rook.io%2Frelease',
      '12:16 raw x - https://charts.helm.sh/incubator pkg:helm/raw?repository_url=https%3A%2F%2Fcharts.helm.sh%2Fincubator',
    ])
  })

  it('lists a chart from a git repository by its vcs_url, and reports a remote helmfile (helmfile examples/remote)', () => {
    const out = discover(fixture('helmfile/remote.yaml'))
    expect(rows(out)).toEqual([
      '10:10 apache - - pkg:helm/apache?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fbitnami%2Fcharts.git%40master',
    ])
    expect(skips(out)).toEqual([
      '2 remote-resource helmfiles[0]: "git::https://github.com/cloudposse/helmfiles.git@releases/echo-server/helmfile.yaml?ref=master" is fetched by helmfile when it runs, not by this scan: its releases are not listed',
    ])
    expect(errors(out)).toEqual([])
  })

  it('skips a part that Go templates make other than YAML, and reads the rest (cloudposse helmfiles, helmfile v0)', () => {
    const out = discover(fixture('cloudposse/cert-manager.yaml'), 'releases/cert-manager/helmfile.yaml')
    expect(out.components).toEqual([])
    expect(errors(out)).toEqual([])
    expect(skips(out)).toEqual([
      `4 helm-template Go template directives ({{ }}) that are not YAML (helmfile before v1 rendered every helmfile as a template; v1 renders only .gotmpl files). ${HELMFILE_TEMPLATE_HINT}`,
      '2 missing-resource bases[0]: "environments.yaml" is not a readable file of the scanned tree: the repositories it may give this file are not read',
    ])
  })

  it('skips .gotmpl helmfiles unread, with a hint to render them', () => {
    const out = discover(
      'releases:\n{{ range .Values.apps }}\n- chart: {{ . }}\n{{ end }}\n',
      'helmfile.d/apps.yaml.gotmpl',
    )
    expect(out).toEqual({
      components: [],
      skipped: [
        {
          file: 'helmfile.d/apps.yaml.gotmpl',
          reason: 'helm-template',
          message: `a Helmfile template (.gotmpl). ${HELMFILE_TEMPLATE_HINT}`,
        },
      ],
      errors: [],
    })
  })

  it('tells charts apart as helmfile does: repository, OCI, local folder, git, URL', () => {
    const out = discover(
      `repositories:
  - name: acme
    url: https://charts.acme.example/stable/
  - name: ghcr
    url: oci://ghcr.io/acme-org/charts/
    oci: true
  - name: ecr
    url: 123456789012.dkr.ecr.eu-west-1.amazonaws.com
    oci: true
releases:
  - {name: a, chart: acme/api, version: ~1.4.0}
  - {name: b, chart: ghcr/worker, version: 2.0.1}
  - {name: c, chart: ecr/team/web, version: "3.1.0@sha256:0123abcd"}
  - {name: d, chart: "oci://registry.example.com/charts/db:15.2.0"}
  - {name: e, chart: "oci://registry.example.com/charts/db:15.2.0", version: 15.3.0}
  - {name: f, chart: "oci://registry.example.com/cache@sha256:feedbeef"}
  - {name: g, chart: ./charts/frontend, version: 0.1.0}
  - {name: h, chart: ../shared/backend/}
  - {name: i, chart: /opt/charts/proxy}
  - {name: j, chart: .}
  - {name: k, chart: mychart}
  - {name: l, chart: one/two/three/four}
  - {name: m, chart: charts/in-tree}
  - {name: n, chart: "https://github.com/acme-org/charts/releases/download/tool-1.2.3/tool-1.2.3-rc.1.tgz"}
  - {name: o, chart: "s3::https://s3.eu-west-1.amazonaws.com/acme-charts/plain.tgz"}
  - {name: p, chart: "git::https://github.com/acme-org/infra.git//charts/queue?ref=v4.0.0"}
  - {name: q, chart: "git::ssh://git@github.com/acme-org/infra.git"}
`,
      'deploy/helmfile.yaml',
      {'deploy/charts/in-tree/Chart.yaml': 'name: in-tree\n'},
    )
    expect(errors(out)).toEqual([])
    expect(skips(out)).toEqual([])
    expect(rows(out)).toEqual([
      '11:22 api ~1.4.0 - https://charts.acme.example/stable pkg:helm/api?repository_url=https%3A%2F%2Fcharts.acme.example%2Fstable',
      '12:22 worker@2.0.1 2.0.1 oci://ghcr.io/acme-org/charts pkg:helm/worker@2.0.1?repository_url=oci%3A%2F%2Fghcr.io%2Facme-org%2Fcharts',
      // A digest after the version, or in the reference, pins the chart: the purl's checksum.
      '13:22 web@3.1.0 3.1.0 oci://123456789012.dkr.ecr.eu-west-1.amazonaws.com/team pkg:helm/web@3.1.0?checksum=sha256%3A0123abcd&repository_url=oci%3A%2F%2F123456789012.dkr.ecr.eu-west-1.amazonaws.com%2Fteam',
      '14:22 db@15.2.0 15.2.0 oci://registry.example.com/charts pkg:helm/db@15.2.0?repository_url=oci%3A%2F%2Fregistry.example.com%2Fcharts',
      '15:22 db@15.3.0 15.3.0 oci://registry.example.com/charts pkg:helm/db@15.3.0?repository_url=oci%3A%2F%2Fregistry.example.com%2Fcharts',
      '16:22 cache@sha256:feedbeef - oci://registry.example.com pkg:helm/cache?checksum=sha256%3Afeedbeef&repository_url=oci%3A%2F%2Fregistry.example.com',
      '17:22 frontend@0.1.0 0.1.0 local file://./charts/frontend -',
      '18:22 backend - local file://../shared/backend/ -',
      '19:22 proxy - local file:///opt/charts/proxy -',
      '20:22 deploy - local file://. -',
      '21:22 mychart - local file://mychart -',
      '22:22 four - local file://one/two/three/four -',
      // Two segments, but a chart folder beside the helmfile: helm installs the folder.
      '23:22 in-tree - local file://charts/in-tree -',
      '24:22 tool@1.2.3-rc.1 1.2.3-rc.1 - pkg:helm/tool@1.2.3-rc.1?download_url=https%3A%2F%2Fgithub.com%2Facme-org%2Fcharts%2Freleases%2Fdownload%2Ftool-1.2.3%2Ftool-1.2.3-rc.1.tgz',
      '25:22 plain - - pkg:helm/plain?download_url=https%3A%2F%2Fs3.eu-west-1.amazonaws.com%2Facme-charts%2Fplain.tgz',
      '26:22 queue - - pkg:helm/queue?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme-org%2Finfra.git%40v4.0.0',
      '27:22 infra - - pkg:helm/infra?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Facme-org%2Finfra.git',
    ])
  })

  it("takes a release's version as helm's --version does: one version, a range (no purl version), or text helm refuses", () => {
    const out = discover(`repositories:
  - {name: acme, url: https://charts.example.com}
  - {name: reg, url: registry.example.com/charts, oci: true}
releases:
  - {name: a, chart: acme/exact, version: v1.2.3}
  - {name: b, chart: acme/caret, version: ^2.0.0}
  - {name: c, chart: acme/latest, version: latest}
  - {name: d, chart: reg/ranged, version: ~3.1}
  - {name: e, chart: oci://registry.example.com/charts/tagged:1.2}
`)
    expect(errors(out)).toEqual([])
    expect(rows(out)).toEqual([
      '5:22 exact@v1.2.3 v1.2.3 https://charts.example.com pkg:helm/exact@v1.2.3?repository_url=https%3A%2F%2Fcharts.example.com',
      '6:22 caret ^2.0.0 - https://charts.example.com pkg:helm/caret?repository_url=https%3A%2F%2Fcharts.example.com',
      '7:22 latest latest - https://charts.example.com pkg:helm/latest?repository_url=https%3A%2F%2Fcharts.example.com',
      '8:22 ranged ~3.1 - oci://registry.example.com/charts pkg:helm/ranged?repository_url=oci%3A%2F%2Fregistry.example.com%2Fcharts',
      // A tag in the reference is one tag, whatever it looks like.
      '9:22 tagged@1.2 1.2 oci://registry.example.com/charts pkg:helm/tagged@1.2?repository_url=oci%3A%2F%2Fregistry.example.com%2Fcharts',
    ])
    expect(skips(out)).toEqual([
      '7 unresolved-version release c: chart latest: version "latest" is neither a version nor a range Helm reads (a semver constraint); listed without a version',
    ])
  })

  it('lists a chart of an undeclared repository without it, saying so; refuses what helm cannot install', () => {
    const out = discover(`repositories:
  - name: acme
    url: https://charts.acme.example
releases:
  - name: grafana
    chart: stable/grafana
    version: 6.1.0
  - name: nested
    chart: acme/team/app
  - name: nested-elsewhere
    chart: other/team/app
  - name: odd
    chart: "hg::https://hg.example.com/charts"
  - name: file
    chart: "file:///srv/charts/app"
  - name: ssh-like
    chart: "git::git@github.com:acme-org/charts.git"
`)
    expect(rows(out)).toEqual(['6:12 grafana@6.1.0 6.1.0 - pkg:helm/grafana@6.1.0'])
    expect(skips(out)).toEqual([
      "6 missing-resource release grafana: chart repository stable is not declared in this file's repositories: (a base, a parent helmfile or `helm repo add` may declare it): chart grafana listed without its repository",
      '11 missing-resource release nested-elsewhere: chart "other/team/app" has a path after its repository, which only an OCI repository (oci: true) takes, and repository other is not declared in this file: not listed',
      '13 unsupported release odd: chart "hg::https://hg.example.com/charts" is a go-getter source of the "hg" getter, not read here; not listed',
      '15 unsupported release file: chart "file:///srv/charts/app" is a URL helmfile neither fetches nor reads as a chart; not listed',
      '17 unsupported release ssh-like: chart "git::git@github.com:acme-org/charts.git" is a go-getter source without a URL scheme after `::`; not listed',
    ])
    expect(errors(out)).toEqual([
      '9:12 invalid-entry release nested: chart "acme/team/app" has a path after its repository, which only an OCI repository (oci: true) takes',
    ])
  })

  it('takes chart and version from release templates as helmfile merges them, and from YAML merge keys', () => {
    const out = discover(`templates:
  base: &base
    chart: acme/api
    version: 1.0.0
  pinned:
    version: 2.0.0
  chained:
    inherit:
      - template: base
    version: 3.0.0
  loop-a:
    inherit: [{template: loop-b}]
  loop-b:
    inherit: [{template: loop-a}]
    chart: acme/loop
defaultInherit: pinned
repositories:
  - name: acme
    url: https://charts.acme.example
releases:
  - name: one
    inherit:
      - template: base
  - name: two
    inherit: [{template: base}, {template: pinned}]
  - name: three
    chart: acme/own
    inherit: [{template: chained}]
  - name: four
    <<: *base
    version: 4.0.0
  - name: five
    inherit: [{template: elsewhere}]
  - name: six
    chart: acme/six
    inherit: [{template: elsewhere}]
  - name: seven
    inherit: [{template: loop-a}]
  - name: eight
    namespace: no-chart
`)
    expect(rows(out)).toEqual([
      // `defaultInherit: pinned` comes first: base's version wins over it.
      '3:12 api@1.0.0 1.0.0 https://charts.acme.example pkg:helm/api@1.0.0?repository_url=https%3A%2F%2Fcharts.acme.example',
      // pinned is named after base: its version wins.
      '3:12 api@2.0.0 2.0.0 https://charts.acme.example pkg:helm/api@2.0.0?repository_url=https%3A%2F%2Fcharts.acme.example',
      // The release's own chart over the template's; chained's version over base's.
      '27:12 own@3.0.0 3.0.0 https://charts.acme.example pkg:helm/own@3.0.0?repository_url=https%3A%2F%2Fcharts.acme.example',
      '3:12 api@4.0.0 4.0.0 https://charts.acme.example pkg:helm/api@4.0.0?repository_url=https%3A%2F%2Fcharts.acme.example',
      '35:12 six@2.0.0 2.0.0 https://charts.acme.example pkg:helm/six@2.0.0?repository_url=https%3A%2F%2Fcharts.acme.example',
      '15:12 loop@2.0.0 2.0.0 https://charts.acme.example pkg:helm/loop@2.0.0?repository_url=https%3A%2F%2Fcharts.acme.example',
    ])
    expect(skips(out)).toEqual([
      '32 missing-resource release five inherits the release template elsewhere, which is not in this file (a base or a parent helmfile may hold it): its chart is not listed',
      '34 missing-resource release six inherits the release template elsewhere, which is not in this file (a base or a parent helmfile may hold it): its chart is listed as the rest of the file gives it',
    ])
    expect(errors(out)).toEqual([
      '12:5 invalid-entry release template loop-a inherits itself (helmfile refuses it)',
      '39:5 invalid-entry release eight has no chart (helmfile refuses it)',
    ])
  })

  it('reports values helmfile fills in when it runs, naming the release and the field, and lists the rest', () => {
    const out = discover(`repositories:
  - name: acme
    url: https://charts.acme.example
  - name: private
    url: '{{ requiredEnv "CHARTS_URL" }}'
releases:
  - name: templated-version
    chart: acme/api
    version: "{{ .Values.apiVersion }}"
  - name: templated-chart
    chart: '{{ .Values.registry }}/api'
  - name: '{{ .Release.Labels.app }}'
    chart: acme/worker
    version: 1.0.0
  - name: private-url
    chart: private/api
  - name: env-version
    chart: oci://registry.example.com/charts/db
    version: '{{ env "DB_CHART_VERSION" }}'
`)
    expect(rows(out)).toEqual([
      '8:12 api - https://charts.acme.example pkg:helm/api?repository_url=https%3A%2F%2Fcharts.acme.example',
      '13:12 worker@1.0.0 1.0.0 https://charts.acme.example pkg:helm/worker@1.0.0?repository_url=https%3A%2F%2Fcharts.acme.example',
      '18:12 db - oci://registry.example.com/charts pkg:helm/db?repository_url=oci%3A%2F%2Fregistry.example.com%2Fcharts',
    ])
    expect(skips(out)).toEqual([
      '9 unresolved-version release templated-version: version "{{ .Values.apiVersion }}" holds a Go template expression, which helmfile fills in when it runs; chart listed without a version',
      '11 unsupported release templated-chart: chart "{{ .Values.registry }}/api" holds a Go template expression, which helmfile fills in when it runs; not listed',
      '16 unsupported release private-url: the URL of chart repository private holds a Go template expression; chart api not listed',
      '19 unresolved-version release env-version: version "{{ env "DB_CHART_VERSION" }}" holds a Go template expression, which helmfile fills in when it runs; chart listed without a version',
    ])
    expect(errors(out)).toEqual([])
  })

  it('never reads nor echoes credentials: userinfo and secret query values leave the URLs', () => {
    const out = discover(`repositories:
  - name: private
    url: https://deploy-bot:s3cr3t-pass@charts.acme.example/private?token=tok-12345&channel=stable
    username: deploy-bot
    password: hunter2-password
    certFile: /secrets/client.pem
  - name: registry
    url: robot:r0b0t-secret@registry.acme.example/charts
    oci: true
    password: another-secret
releases:
  - {name: a, chart: private/api, version: 1.0.0}
  - {name: b, chart: registry/worker, version: 2.0.0}
  - {name: c, chart: "oci://user:oci-pass@ghcr.io/acme-org/cache", version: 3.0.0}
  - {name: d, chart: "git::https://x-token:ghs-git-secret@github.com/acme-org/charts.git@charts/queue?ref=v1"}
  - {name: e, chart: "https://bot:dl-secret@charts.acme.example/pkg/tool-1.0.0.tgz?sig=signed-secret"}
  - {name: f, chart: "{{ .Values.x }}", version: "https://leak:leaked-secret@example.com"}
`)
    expect(out.components.map((c) => c.repository ?? c.purl)).toEqual([
      'https://charts.acme.example/private?token=***&channel=stable',
      'oci://registry.acme.example/charts',
      'oci://ghcr.io/acme-org',
      'pkg:helm/queue?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme-org%2Fcharts.git%40v1',
      'pkg:helm/tool@1.0.0?download_url=https%3A%2F%2Fcharts.acme.example%2Fpkg%2Ftool-1.0.0.tgz%3Fsig%3D***',
    ])
    const text = JSON.stringify(out)
    for (const secret of [
      's3cr3t-pass',
      'tok-12345',
      'hunter2',
      'client.pem',
      'r0b0t-secret',
      'another-secret',
      'oci-pass',
      'ghs-git-secret',
      'dl-secret',
      'signed-secret',
      'deploy-bot',
    ])
      expect(text).not.toContain(secret)
  })

  it('reports wrong types at their line and reads the rest', () => {
    const out = discover(`repositories:
  - just-a-name
  - name: no-url
  - name: listed-url
    url: [https://a.example]
  - name: yes-oci
    url: registry.example.com
    oci: "yes"
  - name: ok
    url: https://charts.acme.example
templates: [not, a, mapping]
defaultInherit: {a: b}
helmfiles:
  - [nested]
  - {path: [a]}
bases: a-string
releases:
  - just-a-string
  - name: chart-map
    chart: {name: api}
  - name: version-list
    chart: ok/api
    version: [1, 2]
  - name: inherit-string
    chart: ok/web
    inherit: base
  - name: bad-inherit-entry
    chart: ok/db
    inherit: [base]
  - name: bad-dependencies
    chart: ok/queue
    dependencies: {chart: ok/x}
  - name: bad-dependency
    chart: ok/cache
    dependencies: [ok/y, {version: 1.0.0}]
  - name: numbers
    chart: 42
    version: 1.10
`)
    expect(errors(out)).toEqual([
      '2:5 invalid-entry repositories[0] must be a mapping with a name',
      '3:5 invalid-entry repositories[1] (no-url): url must be a string',
      '5:10 invalid-entry repositories[2] (listed-url): url must be a string, not a list',
      '8:10 invalid-entry repositories[3] (yes-oci): oci must be true or false, not a string',
      '11:12 invalid-entry templates must be a mapping, not a list',
      '12:17 invalid-entry defaultInherit must be a template name or a list of them',
      '18:5 invalid-entry releases[0] must be a mapping',
      '20:12 invalid-entry release chart-map: chart must be a string, not a mapping',
      '19:5 invalid-entry release chart-map has no chart (helmfile refuses it)',
      '23:14 invalid-entry release version-list: version must be a string, not a list',
      '26:14 invalid-entry release inherit-string: inherit must be a list',
      '29:15 invalid-entry release bad-inherit-entry: inherit[0] must be a mapping with a template name',
      '32:19 invalid-entry release bad-dependencies: dependencies must be a list',
      '35:20 invalid-entry release bad-dependency dependencies[0] must be a mapping',
      '35:26 invalid-entry release bad-dependency dependencies[1] has no chart',
      '14:5 invalid-entry helmfiles[0] must be a path or a mapping with a path',
      '15:5 invalid-entry helmfiles[1] must be a path or a mapping with a path',
      '16:8 invalid-entry bases must be a list, not a string',
    ])
    expect(rows(out)).toEqual([
      '22:12 api - https://charts.acme.example pkg:helm/api?repository_url=https%3A%2F%2Fcharts.acme.example',
      '25:12 web - https://charts.acme.example pkg:helm/web?repository_url=https%3A%2F%2Fcharts.acme.example',
      '28:12 db - https://charts.acme.example pkg:helm/db?repository_url=https%3A%2F%2Fcharts.acme.example',
      '31:12 queue - https://charts.acme.example pkg:helm/queue?repository_url=https%3A%2F%2Fcharts.acme.example',
      '34:12 cache - https://charts.acme.example pkg:helm/cache?repository_url=https%3A%2F%2Fcharts.acme.example',
      // Scalars as written, as helmfile's YAML decoder gives them to string fields: `1.10` is not `1.1`.
      '37:12 42@1.10 1.10 local file://42 -',
    ])
  })

  it('reports a part that is not a mapping, and a YAML error without templates at its line; other parts are read', () => {
    const out = discover(`- a list
---
releases:
  - name: a
    chart: ./a
    version: [unclosed
---
releases:
  - name: b
    chart: ./b
`)
    expect(errors(out).map((e) => e.replace(/ YAML .*/, ' YAML'))).toEqual([
      '7:1 yaml-syntax YAML',
      '1:1 invalid-entry a helmfile part must be a mapping, not a list',
    ])
    expect(rows(out)).toEqual(['10:12 b - local file://./b -'])
  })

  it('never uses __proto__ or constructor as object keys', () => {
    const out = discover(`repositories:
  - name: constructor
    url: https://charts.acme.example
  - name: __proto__
    url: https://evil.example
templates:
  __proto__:
    chart: constructor/polluted
  constructor:
    chart: constructor/api
releases:
  - name: a
    __proto__: {chart: x}
    inherit: [{template: constructor}]
  - name: b
    chart: __proto__/x
  - name: c
    chart: toString/y
`)
    expect(rows(out)).toEqual([
      '10:12 api - https://charts.acme.example pkg:helm/api?repository_url=https%3A%2F%2Fcharts.acme.example',
      '16:12 x - https://evil.example pkg:helm/x?repository_url=https%3A%2F%2Fevil.example',
      '18:12 y - - pkg:helm/y',
    ])
    expect(errors(out).map((e) => e.split(' ').slice(0, 2).join(' '))).toEqual([
      '7:3 forbidden-key',
      '13:5 forbidden-key',
    ])
    expect(({} as Record<string, unknown>).chart).toBeUndefined()
  })

  it('reads 10,000 releases', () => {
    const releases = Array.from(
      {length: 10_000},
      (_, i) => `  - name: r${i}\n    chart: acme/chart-${i}\n    version: 1.0.${i}\n`,
    ).join('')
    const out = discover(`repositories:\n  - name: acme\n    url: https://charts.acme.example\nreleases:\n${releases}`)
    expect(out.components).toHaveLength(10_000)
    expect(rows(out).at(-1)).toBe(
      '30003:12 chart-9999@1.0.9999 1.0.9999 https://charts.acme.example pkg:helm/chart-9999@1.0.9999?repository_url=https%3A%2F%2Fcharts.acme.example',
    )
    expect([...errors(out), ...skips(out)]).toEqual([])
  })

  it('reports other helmfiles and bases it does not read, not those named as helmfiles', () => {
    const out = discover(`helmfiles:
  - apps/helmfile.yaml
  - path: ./platform/helmfile.d/*.yaml
  - path: "releases/*/helmfile.yaml.gotmpl"
  - path: releases/api.yaml
  - "{{ .Values.stack }}/helmfile.yaml"
  - https://example.com/helmfile.yaml
bases:
  - ../common/helmfile.yaml
  - environments.yaml
  - git::https://github.com/acme-org/helmfiles.git@bases/repositories.yaml?ref=v1
`)
    expect(skips(out)).toEqual([
      '5 missing-resource helmfiles: "releases/api.yaml" is not a readable file of the scanned tree: its releases are not listed',
      '6 unsupported helmfiles[4]: the path "{{ .Values.stack }}/helmfile.yaml" holds a Go template expression; not read: its releases are not listed',
      '7 remote-resource helmfiles[5]: "https://example.com/helmfile.yaml" is fetched by helmfile when it runs, not by this scan: its releases are not listed',
      '10 missing-resource bases[1]: "environments.yaml" is not a readable file of the scanned tree: the repositories it may give this file are not read',
      '11 remote-resource bases[2]: "git::https://github.com/acme-org/helmfiles.git@bases/repositories.yaml?ref=v1" is fetched by helmfile when it runs, not by this scan: the repositories and templates it may give this file are not read',
    ])
    expect([...errors(out), ...rows(out)]).toEqual([])
  })

  it('reads a sub-helmfile of the tree named otherwise, its releases located in it, once along a chain', () => {
    const tree = {
      'releases/api.yaml': `repositories:
- name: acme
  url: https://charts.example.com/acme
releases:
- name: api
  chart: acme/api
  version: 2.0.0
helmfiles:
- ../stacks/loop.yaml
`,
      'stacks/loop.yaml': 'helmfiles:\n- ../releases/api.yaml\n',
    }
    const out = discover('helmfiles:\n- releases/api.yaml\n- path: releases/missing.yaml\n', 'helmfile.yaml', tree)
    const locations = out.components.map((c) => `${c.locations[0].file}:${c.locations[0].line} ${c.purl}`)
    expect(locations).toEqual([
      'releases/api.yaml:6 pkg:helm/api@2.0.0?repository_url=https%3A%2F%2Fcharts.example.com%2Facme',
    ])
    expect(out.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      'stacks/loop.yaml:2 unsupported helmfiles: "../releases/api.yaml" is read through this file already, or too deep (8 helmfiles): not read again',
      'helmfile.yaml:3 missing-resource helmfiles: "releases/missing.yaml" is not a readable file of the scanned tree: its releases are not listed',
    ])
  })

  it('reports a chart reference that names no chart, instead of failing on it (found by fuzzing)', () => {
    const out = discover(`repositories: [{name: acme, url: 'https://charts.example.com'}]
releases:
- name: a
  chart: acme/
- name: b
  chart: acme//x
- name: c
  chart: oci://registry.example.com/
`)
    expect(out.components).toEqual([])
    expect(skips(out)).toEqual([
      '4 unsupported release a: chart "acme/" is a repository reference that names no chart; not listed',
      '6 unsupported release b: chart "acme//x" is a repository reference that names no chart; not listed',
      '8 unsupported release c: chart "oci://registry.example.com/" is an OCI reference that names no chart; not listed',
    ])
  })

  it('reads the files a helmfiles: glob matches, as helmfile expands it, each once', async () => {
    const release = (name: string) =>
      `releases:\n- name: ${name}\n  chart: oci://charts.example.com/${name}\n  version: 1.0.0\n`
    const inventory = await scanTree(
      {
        'helmfile.yaml': [
          'helmfiles:',
          '- releases/*.yaml',
          '- path: "apps/**/helmfile.yaml"',
          '- stacks/*.yml',
          '- "releases/{api,web}.yaml"',
          '',
        ].join('\n'),
        'releases/api.yaml': release('api'),
        'releases/web.yaml': release('web'),
        'releases/.hidden.yaml': release('hidden'),
        'releases/notes.txt': 'not a helmfile',
        'apps/shop/helmfile.yaml': release('shop'),
        'apps/shop/cart/helmfile.yaml': release('cart'),
      },
      {discoverers: [discoverer]},
    )
    expect(inventory.errors).toEqual([])
    // Each release once: the apps' helmfile.yaml files are the walk's, the releases/ files the glob's (read once
    // although two entries match them: the components merge).
    expect(
      inventory.components.map((c) => `${c.name} ${c.locations.map((l) => `${l.file}:${l.line}`).join(' ')}`),
    ).toEqual([
      'api releases/api.yaml:3',
      'cart apps/shop/cart/helmfile.yaml:3',
      'shop apps/shop/helmfile.yaml:3',
      'web releases/web.yaml:3',
    ])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      'helmfile.yaml:4 missing-resource helmfiles[2]: "stacks/*.yml" matches no file of the scanned tree (helmfile warns and passes over it): no releases are listed from it',
    ])
  })

  it("takes the repositories of the tree's bases, under the file's own, and says their templates are not applied", () => {
    const tree = {
      'bases/repositories.yaml':
        'repositories:\n- name: acme\n  url: https://charts.example.com/acme\n- name: other\n  url: https://other.example.com\n',
      'bases/templates.yaml': 'templates:\n  default: {namespace: x}\nrepositories:\n- name: broken\n',
    }
    const out = discover(
      `bases:
- bases/repositories.yaml
- bases/templates.yaml
repositories:
- name: other
  url: https://charts.example.org/own
releases:
- name: api
  chart: acme/api
  version: 1.0.0
- name: web
  chart: other/web
  version: 2.0.0
`,
      'helmfile.yaml',
      tree,
    )
    expect(rows(out)).toEqual([
      '9:10 api@1.0.0 1.0.0 https://charts.example.com/acme pkg:helm/api@1.0.0?repository_url=https%3A%2F%2Fcharts.example.com%2Facme',
      '12:10 web@2.0.0 2.0.0 https://charts.example.org/own pkg:helm/web@2.0.0?repository_url=https%3A%2F%2Fcharts.example.org%2Fown',
    ])
    expect(skips(out)).toEqual([
      '3 unsupported bases: "bases/templates.yaml" gives release templates, which are not applied to this file\'s releases (its repositories are)',
    ])
    // The base's own problem names the base.
    expect(out.errors.map((e) => `${e.file}:${e.line} ${e.code}`)).toEqual(['bases/templates.yaml:4 invalid-entry'])
  })

  it("lists the images of a release's values, merged in order, each where its latest value is; set: is not read", () => {
    const out = discover(
      [
        'repositories:',
        '  - name: example',
        '    url: https://charts.example.com',
        'releases:',
        '  - name: cache',
        '    chart: example/cache',
        '    version: 1.4.0',
        '    values:',
        '      - values/cache.yaml',
        '      - image:',
        '          registry: registry.example.com',
        '          repository: team/cache',
        '          tag: 7.2.4',
        '        metrics:',
        '          image:',
        '            repository: team/cache-exporter',
        '      - image:',
        '          tag: 7.2.5',
        '    set:',
        '      - name: sidecar.image',
        '        value: registry.example.com/sidecar:1.0',
      ].join('\n'),
    )
    expect(errors(out)).toEqual([])
    expect(rows(out)).toEqual([
      '6:12 cache@1.4.0 1.4.0 https://charts.example.com pkg:helm/cache@1.4.0?repository_url=https%3A%2F%2Fcharts.example.com',
      '18:16 registry.example.com/team/cache:7.2.5 7.2.5 - pkg:docker/team/cache@7.2.5?repository_url=registry.example.com',
    ])
    expect(out.components[1].origin).toBe('helm-values')
    expect(skips(out)).toEqual([
      '9 missing-resource release cache: values file "values/cache.yaml" is not a readable file of the scanned tree: the images it sets are not read',
      '16 unresolved-version image team/cache-exporter has no tag or digest here and the appVersion of chart example/cache, which it would take, is not in the tree',
    ])
  })

  it("layers a release's values files over its local chart's values.yaml, as helm deploys them", async () => {
    const inventory = await scanTree({
      'deploy/helmfile.yaml': [
        'releases:',
        '  - name: web',
        '    chart: ../charts/web',
        '    values:',
        '      - config/prod.yaml',
        '      - values-metrics.yaml',
        '      - worker:',
        '          image:',
        '            tag: 3.2.0',
        '',
      ].join('\n'),
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
      'charts/web/values.yaml': [
        'image:',
        '  repository: example/web',
        '  tag: 1.0.0',
        'worker:',
        '  image:',
        '    repository: example/worker',
        '    tag: 3.1.0',
        'cache:',
        '  image:',
        '    repository: example/cache',
        '    tag: 7.0.0',
        '',
      ].join('\n'),
      'deploy/config/prod.yaml': 'image:\n  tag: 2.0.0\nsidecar:\n  image: example/sidecar:0.9\ncache: null\n',
      'deploy/values-metrics.yaml': 'metrics:\n  image:\n    repository: example/metrics\n    tag: 0.5.0\n',
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([])
    // The release: web 2.0.0 (prod.yaml's tag over the chart's repository), worker 3.2.0 (the helmfile's own), the
    // sidecar prod.yaml adds. The chart's values.yaml and values-metrics.yaml are read alone by helm-values too: the
    // chart's defaults (web 1.0.0, worker 3.1.0, cache 7.0.0) are listed there, not as the release's.
    expect(
      inventory.components.map(
        (c) => `${c.ref} ${c.origin} ${c.locations.map((l) => `${l.file}:${l.line}:${l.column}`).join(' ')}`,
      ),
    ).toEqual([
      'example/cache:7.0.0 helm-values charts/web/values.yaml:10:17',
      'example/metrics:0.5.0 helm-values deploy/values-metrics.yaml:3:17',
      'example/sidecar:0.9 helm-values deploy/config/prod.yaml:4:10',
      'example/web:1.0.0 helm-values charts/web/values.yaml:2:15',
      'example/web:2.0.0 helm-values deploy/config/prod.yaml:2:8',
      'example/worker:3.1.0 helm-values charts/web/values.yaml:6:17',
      'example/worker:3.2.0 helm-values deploy/helmfile.yaml:9:18',
      'web manifest deploy/helmfile.yaml:3:12',
    ])
  })

  it('reads a values file of the tree as its own release reads it, and says what it cannot read', () => {
    const tree = {
      'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 0.1.0\n',
      'charts/api/values.yaml': 'image:\n  repository: example/api\n  tag: 1.0.0\n',
      'env/prod.yaml': 'image:\n  registry: registry.example.com\n',
      'env/broken.yaml': 'image: [\n',
      'env/list.yaml': '- a\n',
    }
    const out = discover(
      [
        'repositories:',
        '  - name: example',
        '    url: https://charts.example.com',
        'releases:',
        '  - name: api',
        '    chart: charts/api',
        '    values:',
        '      - env/prod.yaml',
        '      - https://config.example.com/api.yaml',
        '      - git::https://example.com/org/config.git@api.yaml?ref=v1',
        '      - env/{{ .Environment.Name }}.yaml',
        '      - env/api.yaml.gotmpl',
        '      - /etc/api.yaml',
        '      - ../outside.yaml',
        '      - env/missing.yaml',
        '      - env/broken.yaml',
        '      - env/list.yaml',
        '  - name: other',
        '    chart: example/other',
        '    values: [env/prod.yaml]',
      ].join('\n'),
      'helmfile.yaml',
      tree,
    )
    expect(rows(out)).toEqual([
      '6:12 api - local file://charts/api -',
      '2:13 registry.example.com/example/api:1.0.0 1.0.0 - pkg:docker/example/api@1.0.0?repository_url=registry.example.com',
      '19:12 other - https://charts.example.com pkg:helm/other?repository_url=https%3A%2F%2Fcharts.example.com',
    ])
    expect(out.components[1].locations[0].file).toBe('env/prod.yaml')
    const not = 'the images it sets are not read'
    expect(skips(out)).toEqual([
      `9 remote-resource release api: values file "https://config.example.com/api.yaml" is fetched by the tool when it runs, not by this scan: ${not}`,
      `10 remote-resource release api: values file "git::https://example.com/org/config.git@api.yaml?ref=v1" is fetched by the tool when it runs, not by this scan: ${not}`,
      `11 unsupported release api: values file "env/{{ .Environment.Name }}.yaml" is a Go template (filled in or rendered when the tool runs): ${not}`,
      `12 unsupported release api: values file "env/api.yaml.gotmpl" is a Go template (filled in or rendered when the tool runs): ${not}`,
      `13 unsupported release api: values file "/etc/api.yaml" is an absolute path, outside the scanned tree: ${not}`,
      `14 missing-resource release api: values file "../outside.yaml" is outside the scanned tree: ${not}`,
      `15 missing-resource release api: values file "env/missing.yaml" is not a readable file of the scanned tree: ${not}`,
    ])
    // The file's own problems name it, once.
    expect(out.errors.map((e) => `${e.file}:${e.line} ${e.code}`)).toEqual([
      'env/broken.yaml:2 yaml-syntax',
      'env/list.yaml:1 invalid-entry',
    ])
  })
})
