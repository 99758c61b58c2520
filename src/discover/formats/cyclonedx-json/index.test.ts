import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {brief, formatRunner, readSbomFixture} from '../../../../tests/sbom/support.js'
import {discoverer} from './index.js'

const {discover, fixture} = formatRunner(discoverer, 'bom.json')

/** kind, ecosystem, name, version, scope, local, purl, stated repository, line:column. */
function rows(components: Component[]) {
  return components.map((c) => [
    c.kind,
    c.ecosystem,
    c.name,
    c.version ?? null,
    c.scope ?? null,
    c.local ?? false,
    c.purl ?? null,
    c.statedRepository?.url ?? null,
    `${c.locations[0].line}:${c.locations[0].column}`,
  ])
}

function bom(components: unknown[], extra: Record<string, unknown> = {}) {
  return JSON.stringify({bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, ...extra, components}, null, 2)
}

describe('cyclonedx-json', () => {
  it("reads the specification's own 1.7 example (valid-bom-1.7.json): pedigree ancestors are not components", () => {
    const {components, errors} = fixture('cdx-spec-valid-bom-1.7.json')
    expect(errors).toEqual([])
    expect(components.map(brief)).toEqual([
      ['generic', 'Acme Application', '9.1.1', null, true, '33:18'],
      ['maven', 'com.acme:tomcat-catalina', '9.0.14', 'prod', false, '75:5'],
      ['maven', 'com.example:myapplication', '1.0.0', 'prod', false, '157:5'],
      ['maven', 'com.example:myframework', '1.0.0', 'prod', false, '243:5'],
    ])
    expect(components[1].purl).toBe('pkg:maven/com.acme/tomcat-catalina@9.0.14?packaging=jar')
  })

  it('reads cyclonedx-npm 1.6 output: the subject local, dev dependencies by the npm taxonomy property, optional scope', () => {
    const {components, errors} = fixture('cdx-npm-dev-dependencies.bom.1.6.json')
    expect(errors).toEqual([])
    const subjectPurl =
      'pkg:npm/demo-dev-dependencies@0.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2FCycloneDX%2Fcyclonedx-node-npm.git'
    expect(rows(components)).toEqual([
      [
        'package',
        'npm',
        'demo-dev-dependencies',
        '0.0.0',
        null,
        true,
        subjectPurl,
        'git+https://github.com/CycloneDX/cyclonedx-node-npm.git',
        '80:18',
      ],
      [
        'package',
        'npm',
        '@types/node',
        '20.14.10',
        'dev',
        false,
        'pkg:npm/%40types/node@20.14.10',
        'git+https://github.com/DefinitelyTyped/DefinitelyTyped.git',
        '125:5',
      ],
      [
        'package',
        'npm',
        '@types/uuid',
        '8.3.4',
        'dev',
        false,
        'pkg:npm/%40types/uuid@8.3.4',
        'git+https://github.com/DefinitelyTyped/DefinitelyTyped.git',
        '180:5',
      ],
      [
        'package',
        'npm',
        'undici-types',
        '5.26.5',
        'dev',
        false,
        'pkg:npm/undici-types@5.26.5',
        'git+https://github.com/nodejs/undici.git',
        '235:5',
      ],
      [
        'package',
        'npm',
        'uuid',
        '8.3.2',
        'dev',
        false,
        'pkg:npm/uuid@8.3.2',
        'git+https://github.com/uuidjs/uuid.git',
        '289:5',
      ],
      [
        'package',
        'npm',
        'uuidv4',
        '6.2.13',
        'optional',
        false,
        'pkg:npm/uuidv4@6.2.13',
        'git://github.com/thenativeweb/uuidv4.git',
        '343:5',
      ],
    ])
    // The purl as written (with cyclonedx-npm's subpath) stays the reference; the stated repository says where.
    expect(components[1].ref).toBe('pkg:npm/%40types/node@20.14.10#types/node')
    expect(components[1].origin).toBe('sbom')
    expect(components[1].statedRepository?.field).toBe('externalReferences[vcs]')
  })

  it('reads nested components (a bundled dependency) at their own line', () => {
    const {components, errors} = fixture('cdx-npm-package-integrity.bom.1.6.json')
    expect(errors).toEqual([])
    expect(rows(components).map((r) => [r[2], r[3], r[8]])).toEqual([
      ['demo-package-integrity', null, '80:18'],
      ['base64-js', '1.0.1', '116:5'],
      ['buffer', '5.4.3', '167:5'],
      ['base64-js', '1.3.1', '218:9'],
      ['ieee754', '1.1.13', '271:5'],
      ['ignore', '5.1.4', '322:5'],
    ])
  })

  it('reads the CycloneDX bom-examples Laravel 1.4 BOM: 62 Composer packages, tools are not components', () => {
    const {components, errors} = fixture('laravel-7.12.0.bom.1.4.json')
    expect(errors).toEqual([])
    expect(components).toHaveLength(63)
    expect(components.filter((c) => c.local).map((c) => c.name)).toEqual(['cyclonedx/cyclonedx-php-composer-demo'])
    expect(components.every((c) => c.ecosystem === 'composer')).toBe(true)
    expect(components.some((c) => c.name.includes('cyclonedx-php-composer') && !c.local)).toBe(false)
    expect(rows(components.slice(1, 4))).toEqual([
      [
        'package',
        'composer',
        'asm89/stack-cors',
        '1.3.0',
        'prod',
        false,
        'pkg:composer/asm89/stack-cors@1.3.0',
        'https://github.com/asm89/stack-cors.git',
        '53:9',
      ],
      [
        'package',
        'composer',
        'brick/math',
        '0.9.3',
        'prod',
        false,
        'pkg:composer/brick/math@0.9.3',
        'https://github.com/brick/math.git',
        '109:9',
      ],
      [
        'package',
        'composer',
        'doctrine/inflector',
        '2.0.6',
        'prod',
        false,
        'pkg:composer/doctrine/inflector@2.0.6',
        'https://github.com/doctrine/inflector.git',
        '159:9',
      ],
    ])
    const laravel = components.find((c) => c.name === 'laravel/framework')
    expect(laravel?.statedRepository?.url).toBe('https://github.com/laravel/framework.git')
  })

  it('maps purl types: images, charts, Maven, GitHub repositories, and generic for the rest; CPEs kept', () => {
    const {components, errors} = discover(
      bom([
        {type: 'container', name: 'nginx', purl: 'pkg:docker/library/nginx@1.25.3?repository_url=docker.io'},
        {
          type: 'container',
          name: 'app',
          purl: 'pkg:oci/app@sha256%3A' + 'a'.repeat(64) + '?repository_url=ghcr.io%2Facme%2Fapp&tag=v1',
        },
        {
          type: 'library',
          name: 'log4j-core',
          group: 'org.apache.logging.log4j',
          version: '2.17.1',
          purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1',
          cpe: 'cpe:2.3:a:apache:log4j:2.17.1:*:*:*:*:*:*:*',
        },
        {type: 'application', name: 'checkout', purl: 'pkg:github/actions/checkout@v4'},
        {type: 'library', name: 'libc6', purl: 'pkg:deb/debian/libc6@2.36?arch=amd64'},
        {
          type: 'library',
          name: 'redis',
          purl: 'pkg:helm/redis@18.1.0?repository_url=https%3A%2F%2Fcharts.bitnami.com%2Fbitnami',
        },
        {type: 'library', name: 'in-house', group: 'acme', version: '3'},
        {type: 'file', name: 'README.md'},
      ]),
    )
    expect(errors).toEqual([])
    expect(rows(components).map((r) => r.slice(0, 4).concat(r[7]))).toEqual([
      ['image', 'docker', 'docker.io/library/nginx', '1.25.3', null],
      ['image', 'docker', 'ghcr.io/acme/app', 'v1', null],
      ['package', 'maven', 'org.apache.logging.log4j:log4j-core', '2.17.1', null],
      ['package', 'github', 'actions/checkout', 'v4', 'https://github.com/actions/checkout'],
      ['package', 'generic', 'debian/libc6', '2.36', null],
      ['chart', 'helm', 'redis', '18.1.0', null],
      ['package', 'generic', 'acme/in-house', '3', null],
    ])
    expect(components[1].digest).toBe(`sha256:${'a'.repeat(64)}`)
    expect(components[2].cpe).toBe('cpe:2.3:a:apache:log4j:2.17.1:*:*:*:*:*:*:*')
    expect(components[4].purl).toBe('pkg:deb/debian/libc6@2.36?arch=amd64')
    expect(components[5].repository).toBe('https://charts.bitnami.com/bitnami')
    expect(components[6].purl).toBeUndefined()
  })

  it('takes scope excluded as dev and a nested component takes its parent scope', () => {
    const {components} = discover(
      bom([
        {
          name: 'tool',
          purl: 'pkg:npm/tool@1.0.0',
          scope: 'excluded',
          components: [{name: 'inner', purl: 'pkg:npm/inner@1.0.0'}],
        },
        {name: 'lib', purl: 'pkg:npm/lib@1.0.0', scope: 'required'},
      ]),
    )
    expect(components.map((c) => [c.name, c.scope])).toEqual([
      ['tool', 'dev'],
      ['inner', 'dev'],
      ['lib', 'prod'],
    ])
  })

  it('ignores known-forge home pages but not vcs references on any git host', () => {
    const {components} = discover(
      bom([
        {name: 'a', purl: 'pkg:npm/a@1.0.0', externalReferences: [{type: 'website', url: 'https://github.com/acme/a'}]},
        {
          name: 'b',
          purl: 'pkg:npm/b@1.0.0',
          externalReferences: [{type: 'vcs', url: 'https://git.example.com/acme/b.git'}],
        },
        {
          name: 'c',
          purl: 'pkg:npm/c@1.0.0',
          externalReferences: [
            {type: 'vcs', url: 'NOASSERTION'},
            {type: 'vcs', url: 'not a url'},
          ],
        },
      ]),
    )
    expect(components.map((c) => c.statedRepository ?? null)).toEqual([
      null,
      {url: 'https://git.example.com/acme/b.git', field: 'externalReferences[vcs]'},
      null,
    ])
  })

  it('lists each component once when the fast reader gives up after taking some (the visitor reads it again)', () => {
    // Nesting past the fast reader's 200 levels, after the components: it gives up there, the visitor reads it all.
    const deep = `${'['.repeat(250)}${']'.repeat(250)}`
    const text = bom([
      {name: 'a', purl: 'pkg:npm/a@1.0.0', 'bom-ref': 'a', components: [{name: 'c', purl: 'pkg:npm/c@3.0.0'}]},
      {name: 'b', purl: 'pkg:npm/b@2.0.0', 'bom-ref': 'b'},
    ]).replace(/\n}$/, `,\n  "zz": ${deep}\n}`)
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => `${c.name}@${c.version}`)).toEqual(['a@1.0.0', 'c@3.0.0', 'b@2.0.0'])
    // Placed by the reader that read them (the visitor's positions after the restart), the nested one too.
    expect(components.map((c) => `${c.locations[0].line}:${c.locations[0].column}`)).toEqual(['6:5', '11:9', '17:5'])
  })

  it('reports bad input with file, line and column, and keeps reading the rest', () => {
    const {components, errors} = discover(
      bom([{name: 'ok', purl: 'pkg:npm/ok@1.0.0'}, {purl: 'pkg:npm/'}, {type: 'library'}, 'text']),
    )
    expect(components.map((c) => c.name)).toEqual(['ok'])
    expect(errors).toEqual([
      // A non-object item has no position of its own: the `components` key is named.
      {file: 'bom.json', line: 5, column: 3, code: 'invalid-entry', message: 'components[3] must be an object'},
      {
        file: 'bom.json',
        line: 10,
        column: 5,
        code: 'invalid-purl',
        message: 'invalid package URL "pkg:npm/": "name" is a required component',
      },
      {file: 'bom.json', line: 13, column: 5, code: 'invalid-entry', message: 'component without a name or purl'},
    ])
    expect(discover('{"bomFormat": "CycloneDX", "specVersion": "2.0"}').errors).toEqual([
      {
        file: 'bom.json',
        line: 1,
        column: 28,
        code: 'unsupported-sbom-version',
        message: 'specVersion "2.0" is not a CycloneDX version this reader knows (1.0-1.7)',
      },
    ])
    expect(discover('{"bomFormat": "SPDX"}').errors[0].code).toBe('invalid-sbom')
    expect(discover('{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": {}}').errors[0].message).toBe(
      "'components' must be an array",
    )
    expect(discover('{"bomFormat": "CycloneDX",').errors[0].code).toBe('invalid-json')
  })

  it('refuses hostile nesting and __proto__ keys without crashing', () => {
    let nested: Record<string, unknown> = {name: 'leaf', purl: 'pkg:npm/leaf@1.0.0'}
    for (let i = 0; i < 70; i++) nested = {name: `n${i}`, purl: `pkg:npm/n${i}@1.0.0`, components: [nested]}
    const deep = discover(bom([nested]))
    expect(deep.errors.map((e) => e.code)).toEqual(['sbom-too-deep'])
    expect(deep.components).toHaveLength(64)
    const proto = discover('{"bomFormat": "CycloneDX", "specVersion": "1.6", "__proto__": {"x": 1}, "components": []}')
    expect(proto.errors.map((e) => e.code)).toEqual(['forbidden-key'])
    expect(discover(`{"bomFormat": "CycloneDX", "components": ${'['.repeat(100_000)}`).errors[0].code).toBe(
      'invalid-json',
    )
  })

  it('claims JSON files by their bomFormat key only', () => {
    expect(discoverer.matches('sbom/bom.cdx.json')).toBe(true)
    expect(discoverer.matches('package-lock.json')).toBe(false)
    expect(
      discoverer.sniff?.('{"$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json", "bomFormat": "CycloneDX"'),
    ).toBe(true)
    expect(discoverer.sniff?.('{"apiVersion": "v1", "kind": "List"}')).toBe(false)
    expect(discoverer.sniff?.('{"spdxVersion": "SPDX-2.3"}')).toBe(false)
  })

  it("reads Trivy's BOMs: its lockfile node left out, what the subject depends on through it direct", () => {
    const {components, errors} = fixture('trivy-npm-cyclonedx.json')
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.version ?? null, c.direct ?? null, c.locations[0].line])).toEqual([
      // The subject (the scanned folder), listed by name as every BOM's, first.
      ['testdata/fixtures/repo/npm', null, null, 22],
      ['asap', '2.0.6', false, 50],
      ['jquery', '3.3.9', true, 67],
      ['js-tokens', '4.0.0', false, 91],
      ['loose-envify', '1.4.0', false, 108],
      ['object-assign', '4.1.1', false, 125],
      ['promise', '8.0.3', true, 142],
      ['prop-types', '15.7.2', false, 166],
      ['react-is', '16.8.6', false, 183],
      ['react', '16.8.6', true, 207],
      ['redux', '4.0.1', true, 231],
      ['scheduler', '0.13.6', false, 255],
      ['symbol-observable', '1.2.0', false, 272],
    ])
  })

  it("reads Trivy's KBOM: cluster nodes left out, the runtime and an old kubelet purl not Go modules, images tagged", () => {
    // The shape of `trivy k8s --format cyclonedx` (aquasecurity/trivy pkg/k8s/scanner/scanner.go and its
    // integration/testdata/fixtures/sbom/minikube-kbom.json), fictionalised: cluster, node and registry names.
    const prop = (name: string, value: string) => ({name: `aquasecurity:trivy:${name}`, value})
    const text = JSON.stringify(
      {
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        version: 1,
        metadata: {
          component: {
            'bom-ref': 'pkg:k8s/k8s.io%2Fkubernetes@1.29.2',
            type: 'platform',
            name: 'k8s.io/kubernetes',
            version: '1.29.2',
            purl: 'pkg:k8s/k8s.io%2Fkubernetes@1.29.2',
            properties: [prop('resource:Name', 'harbor-lights'), prop('resource:Type', 'cluster')],
          },
        },
        components: [
          {
            'bom-ref': 'node-1',
            type: 'platform',
            name: 'lamplighter-1',
            properties: [
              prop('NodeRole', 'worker'),
              prop('resource:Name', 'lamplighter-1'),
              prop('resource:Type', 'node'),
            ],
          },
          {'bom-ref': 'core-1', type: 'application', name: 'node-core-components'},
          {
            'bom-ref': 'pkg:golang/k8s.io/kubelet@1.29.2',
            type: 'application',
            name: 'k8s.io/kubelet',
            version: '1.29.2',
            purl: 'pkg:golang/k8s.io/kubelet@1.29.2',
            properties: [prop('resource:Name', 'k8s.io/kubelet'), prop('resource:Type', 'node')],
          },
          {
            'bom-ref': 'pkg:golang/docker@25.0.3',
            type: 'application',
            name: 'docker',
            version: '25.0.3',
            purl: 'pkg:golang/docker@25.0.3',
            properties: [prop('resource:Name', 'docker'), prop('resource:Type', 'node')],
          },
          {
            'bom-ref': 'pkg:golang/github.com/containerd/containerd@v1.7.13',
            type: 'application',
            name: 'github.com/containerd/containerd',
            version: 'v1.7.13',
            purl: 'pkg:golang/github.com/containerd/containerd@v1.7.13',
            properties: [prop('resource:Name', 'github.com/containerd/containerd'), prop('resource:Type', 'node')],
          },
          {
            'bom-ref': 'pkg:k8s/k8s.io%2Fapiserver@1.29.2',
            type: 'application',
            name: 'k8s.io/apiserver',
            version: '1.29.2',
            purl: 'pkg:k8s/k8s.io%2Fapiserver@1.29.2',
            properties: [prop('resource:Name', 'kube-apiserver-lamplighter-1'), prop('resource:Type', 'controlPlane')],
          },
          {
            'bom-ref': 'apiserver-image',
            type: 'container',
            name: 'registry.example.test/kube-apiserver',
            version: `sha256:${'a'.repeat(64)}`,
            purl: `pkg:oci/kube-apiserver@sha256:${'a'.repeat(64)}?repository_url=registry.example.test%2Fkube-apiserver`,
            properties: [prop('PkgID', 'registry.example.test/kube-apiserver:1.29.2'), prop('PkgType', 'oci')],
          },
        ],
        dependencies: [
          {ref: 'pkg:k8s/k8s.io%2Fkubernetes@1.29.2', dependsOn: ['node-1', 'pkg:k8s/k8s.io%2Fapiserver@1.29.2']},
          {ref: 'node-1', dependsOn: ['core-1']},
          {
            ref: 'core-1',
            dependsOn: [
              'pkg:golang/k8s.io/kubelet@1.29.2',
              'pkg:golang/docker@25.0.3',
              'pkg:golang/github.com/containerd/containerd@v1.7.13',
            ],
          },
          {ref: 'pkg:k8s/k8s.io%2Fapiserver@1.29.2', dependsOn: ['apiserver-image']},
        ],
      },
      null,
      2,
    )
    const {components, errors, skipped} = discover(text, 'kbom.cdx.json')
    expect(errors).toEqual([])
    expect(skipped).toEqual([])
    expect(
      components.map((c) => [c.kind, c.ecosystem, c.name, c.version ?? null, c.purl ?? null, c.ref, c.direct ?? null]),
    ).toEqual([
      [
        'package',
        'generic',
        'k8s.io/kubernetes',
        '1.29.2',
        'pkg:k8s/k8s.io%2Fkubernetes@1.29.2',
        'pkg:k8s/k8s.io%2Fkubernetes@1.29.2',
        null,
      ],
      // The node (lamplighter-1) and node-core-components are no packages; what they hold is the cluster's own.
      ['package', 'generic', 'k8s.io/kubelet', '1.29.2', null, 'pkg:golang/k8s.io/kubelet@1.29.2', true],
      ['package', 'generic', 'docker', '25.0.3', null, 'pkg:golang/docker@25.0.3', true],
      [
        'package',
        'golang',
        'github.com/containerd/containerd',
        'v1.7.13',
        'pkg:golang/github.com/containerd/containerd@v1.7.13',
        'pkg:golang/github.com/containerd/containerd@v1.7.13',
        true,
      ],
      [
        'package',
        'generic',
        'k8s.io/apiserver',
        '1.29.2',
        'pkg:k8s/k8s.io%2Fapiserver@1.29.2',
        'pkg:k8s/k8s.io%2Fapiserver@1.29.2',
        true,
      ],
      // The control-plane image: its tag from Trivy's PkgID, its digest from the purl.
      [
        'image',
        'docker',
        'registry.example.test/kube-apiserver',
        '1.29.2',
        `pkg:docker/kube-apiserver@sha256:${'a'.repeat(64)}?repository_url=registry.example.test&tag=1.29.2`,
        `pkg:oci/kube-apiserver@sha256:${'a'.repeat(64)}?repository_url=registry.example.test%2Fkube-apiserver`,
        false,
      ],
    ])
    expect(components[5].digest).toBe(`sha256:${'a'.repeat(64)}`)
    // A bad % escape in such a purl is not decoded to judge it (decodeURIComponent threw: the whole file failed).
    const bad = discover(
      text.replaceAll('pkg:golang/docker@25.0.3', 'pkg:golang/doc%E0%A4%Aker@25.0.3'),
      'kbom.cdx.json',
    )
    expect(bad.errors).toEqual([])
    expect(bad.components.find((c) => c.ref.startsWith('pkg:golang/doc'))?.ecosystem).toBe('generic')
    expect(components.map((c) => c.locations[0].line)).toEqual([6, 49, 66, 83, 100, 117])
  })

  it('reads a chain of thousands of grouping nodes without running out of stack', () => {
    // Each `node-core-components` hangs under the one before; the package at the end is the subject's own. The
    // recursive walk overflowed the call stack at about 8,000 of them, and the file's components were lost.
    const depth = 20_000
    const core = (i: number) => ({'bom-ref': `core-${i}`, type: 'application', name: 'node-core-components'})
    const bom = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      metadata: {component: {'bom-ref': 'cluster', type: 'platform', name: 'harbor-lights'}},
      components: [
        ...Array.from({length: depth}, (_, i) => core(i)),
        {'bom-ref': 'lantern', type: 'library', name: 'lantern', version: '1.0.0'},
      ],
      dependencies: [
        {ref: 'cluster', dependsOn: ['core-0']},
        ...Array.from({length: depth}, (_, i) => ({
          ref: `core-${i}`,
          dependsOn: [i + 1 < depth ? `core-${i + 1}` : 'lantern'],
        })),
      ],
    })
    const {components, errors} = discover(bom)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.direct ?? null])).toEqual([
      ['harbor-lights', null],
      ['lantern', true],
    ])
  })

  it('keeps a CycloneDX 1.7 versionRange (vers:) in ref, never as a version', () => {
    // The shape of the specification's valid-component-external-with-versionRange.json (1.7 test resources).
    const bom = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.7',
      components: [
        {type: 'library', name: 'libcurl', versionRange: 'vers:generic/>=8.7.1|<9.0.0', isExternal: true},
        {type: 'library', name: 'zlib', version: '1.3.1'},
      ],
    })
    const {components, errors} = discover(bom)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.version ?? null, c.ref])).toEqual([
      ['libcurl', null, 'libcurl@vers:generic/>=8.7.1|<9.0.0'],
      ['zlib', '1.3.1', 'zlib@1.3.1'],
    ])
  })

  it("passes over the specification's other documents under cyclonedx.org/schema/ (cryptography-defs.json): no BOM", () => {
    // CycloneDX/specification schema/cryptography-defs.json (also vendored by cdxgen as data/): an algorithm list.
    const head =
      '{\n  "$schema": "http://cyclonedx.org/schema/cryptography-defs.schema.json",\n  "lastUpdated": "2025-01-01",\n  "algorithms": ['
    expect(discoverer.sniff?.(head)).toBe(false)
    expect(discoverer.sniff?.('{"$schema": "https://cyclonedx.org/schema/bom-1.7.schema.json", "components": [')).toBe(
      true,
    )
  })

  it('claims a BOM whose bomFormat comes last (cyclonedx-python writes keys in alphabetical order), by its tail', () => {
    const text = readSbomFixture('cdx-python-all-extras_lock21_1.6.json')
    // The walk's head stops inside `components` in the real (124 KB) file; the tail holds the key.
    const head = text.slice(0, 600)
    expect(discoverer.sniff?.(head)).toBe(false)
    expect(discoverer.sniff?.(head, () => text)).toBe(true)
    expect(discoverer.sniff?.(head, () => undefined)).toBe(false)
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map(brief)).toEqual([
      ['generic', 'with-extras', '0.1.0', null, true, '119:18'],
      ['pypi', 'arrow', '1.3.0', 'optional', false, '3:5'],
      ['pypi', 'attrs', '25.1.0', 'optional', false, '36:5'],
      ['pypi', 'boolean-py', '4.0', 'optional', false, '69:5'],
    ])
  })

  it('claims by the tail only a bomFormat of the root object, never one nested or inside a string', () => {
    const items = Array.from({length: 3000}, (_, i) => ({type: 'library', name: `x${i}`, purl: `pkg:npm/x${i}@1.0.0`}))
    const late = JSON.stringify({components: items, bomFormat: 'CycloneDX', specVersion: '1.5'})
    const head = late.slice(0, 64 * 1024)
    expect(discoverer.sniff?.(head, () => late.slice(-64 * 1024))).toBe(true)
    expect(discover(late).components).toHaveLength(3000)
    const nested = JSON.stringify({components: items, meta: {bomFormat: 'CycloneDX'}})
    expect(discoverer.sniff?.(head, () => nested.slice(-64 * 1024))).toBe(false)
    const quoted = JSON.stringify({components: items, note: 'a "bomFormat": "CycloneDX" b'})
    expect(discoverer.sniff?.(head, () => quoted.slice(-64 * 1024))).toBe(false)
    const openapi = JSON.stringify({components: items, openapi: '3.1.0', paths: {}})
    expect(discoverer.sniff?.(head, () => openapi.slice(-64 * 1024))).toBe(false)
    // A top-level array is never a BOM, whatever its end holds.
    expect(discoverer.sniff?.(`[${head.slice(1)}`, () => late.slice(-64 * 1024))).toBe(false)
  })

  it('claims a BOM by a top-level $schema naming the CycloneDX schema in its head', () => {
    expect(discoverer.sniff?.('{"$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json", "components": [')).toBe(
      true,
    )
    expect(discoverer.sniff?.('{"$schema": "https://json-schema.org/draft/2020-12/schema", "components": [')).toBe(
      false,
    )
  })

  it('lists githubactions, pub and swift purls in their ecosystems, as the workflow and lockfile formats do', () => {
    const {components, errors} = discover(
      bom([
        {type: 'library', name: 'checkout', purl: 'pkg:githubactions/actions/checkout@v4'},
        {type: 'library', name: 'http', purl: 'pkg:pub/http@1.2.0'},
        {type: 'library', name: 'swift-nio', purl: 'pkg:swift/github.com/apple/swift-nio@2.65.0'},
      ]),
    )
    expect(errors).toEqual([])
    expect(components.map((c) => [c.ecosystem, c.name, c.version, c.purl])).toEqual([
      ['githubactions', 'actions/checkout', 'v4', 'pkg:githubactions/actions/checkout@v4'],
      ['pub', 'http', '1.2.0', 'pkg:pub/http@1.2.0'],
      ['swift', 'github.com/apple/swift-nio', '2.65.0', 'pkg:swift/github.com/apple/swift-nio@2.65.0'],
    ])
  })

  it("names a package as the SBOM spells it (npm's legacy JSONStream), the purl in its canonical form", () => {
    const {components} = discover(
      bom([
        {type: 'library', name: 'JSONStream', purl: 'pkg:npm/JSONStream@1.3.5'},
        {type: 'library', name: 'zope_interface', purl: 'pkg:pypi/zope_interface@6.0'},
        {type: 'library', name: 'node', group: '@types', purl: 'pkg:npm/%40types/node@20.1.0'},
        {type: 'library', name: 'jackson-core', purl: 'pkg:maven/com.fasterxml.jackson.core/jackson-core@2.17.0'},
      ]),
    )
    expect(components.map((c) => [c.name, c.purl])).toEqual([
      ['JSONStream', 'pkg:npm/jsonstream@1.3.5'],
      ['zope_interface', 'pkg:pypi/zope-interface@6.0'],
      ['@types/node', 'pkg:npm/%40types/node@20.1.0'],
      ['com.fasterxml.jackson.core:jackson-core', 'pkg:maven/com.fasterxml.jackson.core/jackson-core@2.17.0'],
    ])
  })

  it("lists cdxgen's subject whose purl is not valid by its name, with a skip saying why (cdxgen bom-hakit.json)", () => {
    const text = readSbomFixture('cdxgen-bom-hakit.json')
    const out = discoverer.discover({file: 'bom-hakit.json', text}, {readText: () => null})
    expect(out.errors).toEqual([])
    expect(out.components.map(brief)).toEqual([
      ['generic', 'HAKit', 'unspecified', null, true, '24:18'],
      ['swift', 'github.com/mxcl/PromiseKit', '6.13.3', 'prod', false, '48:5'],
      ['swift', 'github.com/bgoncal/Starscream', '4.0.8', 'prod', false, '80:5'],
    ])
    expect(out.components[0].purl).toBeUndefined()
    expect(out.skipped).toEqual([
      {
        file: 'bom-hakit.json',
        line: 24,
        reason: 'unsupported',
        message:
          'invalid package URL "pkg:swift/HAKit@unspecified": swift requires a "namespace" component; the SBOM\'s subject is listed by its name, without it',
      },
    ])
  })

  it('keeps a GitHub action subpath in its name and purl, as the github-actions format writes them', () => {
    const text =
      '{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"type":"library","name":"codeql-action","version":"v3","purl":"pkg:githubactions/github/codeql-action@v3#init"},{"type":"library","name":"x","version":"1","purl":"pkg:npm/%40types/node@1#types/node"}]}'
    const out = discoverer.discover({file: 'bom.json', text}, {readText: () => null})
    expect(out.components.map((c) => [c.ecosystem, c.name, c.purl])).toEqual([
      ['githubactions', 'github/codeql-action/init', 'pkg:githubactions/github/codeql-action@v3#init'],
      // Elsewhere a subpath points inside the package: its own purl goes without it.
      ['npm', '@types/node', 'pkg:npm/%40types/node@1'],
    ])
  })

  it('makes a nameless subject with an invalid purl an error, never a component with an empty name', () => {
    const text =
      '{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"type":"application","purl":"pkg:maven/app@latest"}},"components":[{"type":"library","name":"left-pad","version":"1.3.0","purl":"pkg:npm/left-pad@1.3.0"}]}'
    const out = discoverer.discover({file: 'bom.json', text}, {readText: () => null})
    expect(out.components.map((c) => c.name)).toEqual(['left-pad'])
    expect(out.errors?.map((e) => e.code)).toEqual(['invalid-purl'])
  })

  it('lists a top-level component whose purl packageurl-js refuses by what the BOM says, with a skip saying why (was an error, exit 2)', () => {
    // The purls cdxgen wrote for a Maven module without a group and an R package without a version (fictional BOM).
    const {components, errors, skipped} = discover(
      bom(
        [
          {
            type: 'library',
            'bom-ref': 'diff',
            name: 'dependency-diff-check',
            version: 'latest',
            scope: 'optional',
            purl: 'pkg:maven/dependency-diff-check@latest?type=jar',
          },
          {type: 'library', 'bom-ref': 'gg', group: 'cran', name: 'ggplot2', purl: 'pkg:cran/ggplot2'},
          {type: 'library', 'bom-ref': 'ok', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0'},
        ],
        {
          metadata: {component: {'bom-ref': 'app', name: 'app', version: '1.0.0'}},
          dependencies: [{ref: 'app', dependsOn: ['diff', 'ok']}],
        },
      ),
    )
    expect(errors).toEqual([])
    expect(components.map((c) => [...brief(c), c.purl ?? null, c.ref, c.direct ?? null])).toEqual([
      ['generic', 'app', '1.0.0', null, true, '6:18', null, 'app@1.0.0', null],
      [
        'generic',
        'dependency-diff-check',
        'latest',
        'optional',
        false,
        '22:5',
        null,
        'dependency-diff-check@latest',
        true,
      ],
      ['generic', 'cran/ggplot2', null, 'prod', false, '30:5', null, 'cran/ggplot2', false],
      ['npm', 'left-pad', '1.3.0', 'prod', false, '37:5', 'pkg:npm/left-pad@1.3.0', 'pkg:npm/left-pad@1.3.0', true],
    ])
    expect(skipped).toEqual([
      {
        file: 'bom.json',
        line: 22,
        reason: 'unsupported',
        message:
          'invalid package URL "pkg:maven/dependency-diff-check@latest?type=jar": maven requires a "namespace" component; the component is listed by its name, without it',
      },
      {
        file: 'bom.json',
        line: 30,
        reason: 'unsupported',
        message:
          'invalid package URL "pkg:cran/ggplot2": cran requires a "version" component; the component is listed by its name, without it',
      },
    ])
  })

  it('lists a top-level component whose image purl names no image by its name, with a skip (was an error, exit 2)', () => {
    const text =
      '{"bomFormat":"CycloneDX","specVersion":"1.5","components":[\n{"type":"container","name":"image","version":"sh256:2603","purl":"pkg:oci/image@sh256%3A2603"}]}'
    const {components, errors, skipped} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.kind, c.ecosystem, c.name, c.version ?? null, c.ref])).toEqual([
      ['package', 'generic', 'image', 'sh256:2603', 'image@sh256:2603'],
    ])
    expect(skipped?.map((s) => [s.line, s.reason, s.message.replace(/: .*;/, ': …;')])).toEqual([
      [
        2,
        'unsupported',
        'purl "pkg:oci/image@sh256%3A2603" names no valid image: …; the component is listed by its name, without it',
      ],
    ])
  })

  it("lists the subject's own parts whose purl is not valid by their name, with a skip (cdxgen's Gradle sub-projects)", () => {
    // The shape cdxgen writes for a Gradle build that sets no group (lib/cli/index.js: the sub-projects in
    // metadata.component.components, their purls without a namespace), fictional names.
    const module = (name: string, extra: Record<string, unknown> = {}) => ({
      name,
      version: '1.0',
      type: 'application',
      purl: `pkg:maven/${name}@1.0?type=jar`,
      'bom-ref': `pkg:maven/${name}@1.0?type=jar`,
      ...extra,
    })
    const text = bom(
      [{type: 'library', name: 'guava', version: '33.0.0', purl: 'pkg:maven/com.google.guava/guava@33.0.0?type=jar'}],
      {
        metadata: {
          component: module('lantern', {
            components: [module('lantern-core', {components: [module('lantern-core-api')]}), module('lantern-web')],
          }),
        },
        dependencies: [{ref: 'pkg:maven/lantern@1.0?type=jar', dependsOn: ['pkg:maven/lantern-core@1.0?type=jar']}],
      },
    )
    const {components, errors, skipped} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => [...brief(c), c.purl ?? null, c.direct ?? null])).toEqual([
      ['generic', 'lantern', '1.0', null, true, '6:18', null, null],
      ['generic', 'lantern-core', '1.0', 'prod', false, '13:9', null, true],
      ['generic', 'lantern-core-api', '1.0', 'prod', false, '20:13', null, false],
      ['generic', 'lantern-web', '1.0', 'prod', false, '29:9', null, false],
      [
        'maven',
        'com.google.guava:guava',
        '33.0.0',
        'prod',
        false,
        '48:5',
        'pkg:maven/com.google.guava/guava@33.0.0?type=jar',
        null,
      ],
    ])
    const said = (name: string, what: string) =>
      `invalid package URL "pkg:maven/${name}@1.0?type=jar": maven requires a "namespace" component; ${what} is listed by its name, without it`
    expect((skipped ?? []).map((s) => [s.line, s.reason, s.message])).toEqual([
      [6, 'unsupported', said('lantern', "the SBOM's subject")],
      [13, 'unsupported', said('lantern-core', "a component of the SBOM's subject")],
      [20, 'unsupported', said('lantern-core-api', "a component of the SBOM's subject")],
      [29, 'unsupported', said('lantern-web', "a component of the SBOM's subject")],
    ])
  })

  it('locates metadata.component at its {, as every other component, wherever the brace is written', () => {
    const minified = '{"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"component":{"name":"app"}}}'
    expect(discover(minified).components.map(brief)).toEqual([['generic', 'app', null, null, true, '1:70']])
    const apart = '{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {\n  "component" :\n\t{"name": "app"}}}'
    expect(discover(apart).components.map(brief)).toEqual([['generic', 'app', null, null, true, '3:2']])
  })

  it("lists cdxgen's top-level modules without a group by name, with a skip each, not an error (cdxgen ddc-sbom)", () => {
    const {components, errors, skipped} = fixture('cdxgen-ddc-sbom.json')
    expect(errors).toEqual([])
    const modules = components.filter((c) => c.name.startsWith('dependency-diff-check-'))
    expect(
      modules.map((c) => [c.ecosystem, c.name, c.version, c.purl ?? null, c.direct ?? null, c.locations[0].line]),
    ).toEqual([
      ['generic', 'dependency-diff-check-client-starter', 'latest', null, true, 34],
      ['generic', 'dependency-diff-check-common-core', 'latest', null, true, 589],
      ['generic', 'dependency-diff-check-service', 'latest', null, true, 652],
    ])
    const said = (name: string) =>
      `invalid package URL "pkg:maven/${name}@latest?type=jar": maven requires a "namespace" component; the component is listed by its name, without it`
    expect(
      (skipped ?? []).filter((s) => !s.message.includes("SBOM's subject")).map((s) => [s.line, s.message]),
    ).toEqual([
      [34, said('dependency-diff-check-client-starter')],
      [589, said('dependency-diff-check-common-core')],
      [652, said('dependency-diff-check-service')],
    ])
  })

  it("tells direct dependencies by the subject's entry in the dependency graph (cyclonedx-npm)", () => {
    const {components} = fixture('cdx-npm-dev-dependencies.bom.1.6.json')
    expect(components.map((c) => [c.name, c.local ?? false, c.direct ?? null])).toEqual([
      ['demo-dev-dependencies', true, null],
      ['@types/node', false, true],
      ['@types/uuid', false, true],
      ['undici-types', false, false],
      ['uuid', false, true],
      ['uuidv4', false, true],
    ])
  })

  it("says nothing of direct without the subject's entry in the graph", () => {
    const text = bom([{type: 'library', 'bom-ref': 'a', name: 'a'}], {
      metadata: {component: {'bom-ref': 'app', name: 'app'}},
      dependencies: [{ref: 'other', dependsOn: ['a']}],
    })
    expect(discover(text).components.map((c) => [c.name, c.direct ?? null])).toEqual([
      ['app', null],
      ['a', null],
    ])
  })
})

describe("cyclonedx-json: Trivy's go.mod main module", () => {
  /**
   * The shape Trivy (pkg/sbom/io/encode.go) gives a go.mod it reads: the subject depends on the go.mod's node, the
   * node on the main module (the `module` line, marked root, without a version), the main module on the direct
   * requirements. Fictional names.
   */
  const trivyGoBom = (type: string, mainVersion?: string) =>
    JSON.stringify(
      {
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        metadata: {
          component: {
            'bom-ref': 'subject',
            type: 'application',
            name: '.',
            properties: [{name: 'aquasecurity:trivy:SchemaVersion', value: '2'}],
          },
        },
        components: [
          {
            'bom-ref': 'lockfile',
            type: 'application',
            name: 'go.mod',
            properties: [
              {name: 'aquasecurity:trivy:Class', value: 'lang-pkgs'},
              {name: 'aquasecurity:trivy:Type', value: type},
            ],
          },
          {
            'bom-ref': `pkg:golang/example.com/app${mainVersion ? `@${mainVersion}` : ''}`,
            type: 'library',
            name: 'example.com/app',
            ...(mainVersion ? {version: mainVersion} : {}),
            purl: `pkg:golang/example.com/app${mainVersion ? `@${mainVersion}` : ''}`,
          },
          {
            'bom-ref': 'pkg:golang/example.com/direct@v1.2.0',
            type: 'library',
            name: 'example.com/direct',
            version: 'v1.2.0',
            purl: 'pkg:golang/example.com/direct@v1.2.0',
          },
          {
            'bom-ref': 'pkg:golang/example.com/indirect@v0.3.0',
            type: 'library',
            name: 'example.com/indirect',
            version: 'v0.3.0',
            purl: 'pkg:golang/example.com/indirect@v0.3.0',
          },
          {
            'bom-ref': 'pkg:golang/stdlib@v1.22.0',
            type: 'library',
            name: 'stdlib',
            version: 'v1.22.0',
            purl: 'pkg:golang/stdlib@v1.22.0',
          },
        ],
        dependencies: [
          {ref: 'subject', dependsOn: ['lockfile']},
          {ref: 'lockfile', dependsOn: [`pkg:golang/example.com/app${mainVersion ? `@${mainVersion}` : ''}`]},
          {
            ref: `pkg:golang/example.com/app${mainVersion ? `@${mainVersion}` : ''}`,
            dependsOn: ['pkg:golang/example.com/direct@v1.2.0', 'pkg:golang/stdlib@v1.22.0'],
          },
          {ref: 'pkg:golang/example.com/direct@v1.2.0', dependsOn: ['pkg:golang/example.com/indirect@v0.3.0']},
          {ref: 'pkg:golang/example.com/indirect@v0.3.0', dependsOn: []},
          {ref: 'pkg:golang/stdlib@v1.22.0', dependsOn: []},
        ],
      },
      null,
      2,
    )
  const listed = (components: Component[]) =>
    components.map((c) => [c.name, c.version ?? null, c.direct ?? null, c.local ?? false, c.scope ?? null])

  it('lists the main module as the project itself (local), and what it requires as direct', () => {
    const {components, errors} = discover(trivyGoBom('gomod'))
    expect(errors).toEqual([])
    // Before: example.com/app listed as a direct prod dependency, example.com/direct and stdlib as indirect.
    expect(listed(components)).toEqual([
      ['.', null, null, true, null],
      ['example.com/app', null, null, true, null],
      ['example.com/direct', 'v1.2.0', true, false, 'prod'],
      ['example.com/indirect', 'v0.3.0', false, false, 'prod'],
      ['stdlib', 'v1.22.0', true, false, 'prod'],
    ])
  })

  it('leaves a versioned module, and a module under another lockfile type (a Go binary), as Trivy lists them', () => {
    // A Go binary's main module has a version; another type's node says nothing of a go.mod `module` line.
    for (const bom of [trivyGoBom('gomod', 'v1.0.0'), trivyGoBom('gobinary')]) {
      const {components, errors} = discover(bom)
      expect(errors).toEqual([])
      expect(listed(components).slice(1, 3)).toEqual([
        ['example.com/app', bom.includes('"version": "v1.0.0"') ? 'v1.0.0' : null, true, false, 'prod'],
        ['example.com/direct', 'v1.2.0', false, false, 'prod'],
      ])
    }
  })
})
