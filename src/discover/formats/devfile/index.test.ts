import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const fixtures = join(import.meta.dirname, '__fixtures__')

function discover(text: string, file = 'devfile.yaml', files: Record<string, string> = {}) {
  return discoverer.discover({file, text}, {readText: (path) => files[path] ?? null}) as Required<DiscoverOutput>
}

const fixture = (path: string) => readFileSync(join(fixtures, path), 'utf8')
const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.scope} -> ${c.purl}`)
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

const BUILT = (what: string, ref: string, component: string) =>
  `${what} "${ref}" is the image the image component ${component} builds from a Dockerfile of the repository: not pulled, not listed (the dockerfile format lists its base images)`

describe('devfile', () => {
  it('claims devfile.yaml and .devfile.yaml (and the .yml names odo reads) anywhere, nothing else', () => {
    expect(
      [
        'devfile.yaml',
        '.devfile.yaml',
        'a/devfile.yml',
        'a/.devfile.yml',
        'devfile-deploy.yaml',
        'mydevfile.yaml',
        'devfile.yaml.bak',
        'Devfile.yaml',
      ].map(discoverer.matches),
    ).toEqual([true, true, true, true, false, false, false, false])
    expect(discoverer.identify?.('schemaVersion: 2.2.0\nmetadata: {}\n')).toBe(true)
    expect(discoverer.identify?.('apiVersion: apps/v1\nkind: Deployment\n')).toBe(false)
  })

  it("replaces the file's variables in a container image (devfile/registry, stacks/java-openliberty)", () => {
    const out = discover(fixture('java-openliberty/devfile.yaml'))
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    // `icr.io/appcafe/open-liberty-devfile-stack:{{liberty-version}}`, liberty-version: '22.0.0.1' (line 43).
    expect(rows(out)).toEqual([
      '50:14 icr.io/appcafe/open-liberty-devfile-stack:{{liberty-version}} dev -> pkg:docker/appcafe/open-liberty-devfile-stack@22.0.0.1?repository_url=icr.io',
    ])
    expect(out.components[0]).toMatchObject({
      kind: 'image',
      ecosystem: 'docker',
      origin: 'manifest',
      version: '22.0.0.1',
    })
  })

  it("leaves a manifest file to the Kubernetes format, saying it does not replace the devfile's variables (devfile/registry's .devfile.yaml)", () => {
    const deployment = fixture('devfile-registry/.ci/deploy/resources/deployment.yaml')
    const out = discover(fixture('devfile-registry/.devfile.yaml'), '.devfile.yaml', {
      '.ci/deploy/resources/deployment.yaml': deployment,
    })
    expect(out.errors).toEqual([])
    // The image component builds `{{indexImageName}}:{{indexImageTag}}` from .ci/Dockerfile (a Dockerfile by name): not
    // listed. The service, configmap, ingress and route files are not there: nothing to say of them.
    expect(rows(out)).toEqual([
      '46:14 registry.access.redhat.com/ubi8/go-toolset:1.24.4-1754328509 dev -> pkg:docker/ubi8/go-toolset@1.24.4-1754328509?repository_url=registry.access.redhat.com',
    ])
    expect(skips(out)).toEqual([
      `50 unsupported components[2].kubernetes.uri ".ci/deploy/resources/deployment.yaml": read by the Kubernetes manifest format, which does not replace this devfile's {{variables}}: it reports them as templates, and the images written with them are not listed`,
    ])
  })

  it('says so too when the scanned folder is given as ../project (paths start with ../)', () => {
    // `stewards inventory ../devfile-registry`: every path starts with `../`; the skip went missing.
    const out = discover(fixture('devfile-registry/.devfile.yaml'), '../registry/.devfile.yaml', {
      '../registry/.ci/deploy/resources/deployment.yaml': fixture(
        'devfile-registry/.ci/deploy/resources/deployment.yaml',
      ),
    })
    expect(out.errors).toEqual([])
    expect(skips(out)).toEqual([
      `50 unsupported components[2].kubernetes.uri ".ci/deploy/resources/deployment.yaml": read by the Kubernetes manifest format, which does not replace this devfile's {{variables}}: it reports them as templates, and the images written with them are not listed`,
    ])
  })

  it('reads the images of inlined manifests (several documents), those the image components build reported, as odo selects them (redhat-developer/odo)', () => {
    const out = discover(fixture('odo/devfile-image-names-as-selectors.yaml'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '95:14 registry.access.redhat.com/ubi8/nodejs-16:latest dev -> pkg:docker/ubi8/nodejs-16@latest?repository_url=registry.access.redhat.com',
      '131:26 {{ CONTAINER_IMAGE_RELATIVE_NOT_MATCHING_AND_NOT_USED_IN_IMAGE_COMP }} dev -> pkg:docker/library/nodejs-devtools007@latest',
      '157:28 {{ CONTAINER_IMAGE_RELATIVE_NOT_MATCHING_AND_NOT_USED_IN_IMAGE_COMP }} dev -> pkg:docker/library/nodejs-devtools007@latest',
    ])
    const selected = (ref: string) =>
      `components[5].openshift.inlined: image "${ref}": odo puts the image the image component relative-image builds in its place (its relative imageName "nodejs-devtools:1.2.3-my-tag" selects every image named nodejs-devtools, whatever its registry, tag or digest): not listed; a tool that builds no image components (Che) pulls it as written`
    const what = 'components[5].openshift.inlined: image'
    expect(skips(out)).toEqual([
      `124 unsupported ${selected('quay.io/{{ CONTAINER_IMAGE_RELATIVE }}@sha256:26c68657ccce2cb0a31b330cb0be2b5e108d467f641c62e13ab40cbec258c68d')}`,
      `126 unsupported ${BUILT(what, '{{ CONTAINER_IMAGE_ABSOLUTE_NOT_MATCHING_RELATIVE }}', 'absolute-image-not-matching-relative')}`,
      `129 unsupported ${BUILT(what, '{{ CONTAINER_IMAGE_ABSOLUTE }}', 'absolute-image')}`,
      `150 unsupported ${selected('{{ CONTAINER_IMAGE_RELATIVE }}')}`,
      `152 unsupported ${BUILT(what, '{{ CONTAINER_IMAGE_ABSOLUTE_NOT_MATCHING_RELATIVE }}', 'absolute-image-not-matching-relative')}`,
      `155 unsupported ${BUILT(what, '{{ CONTAINER_IMAGE_ABSOLUTE }}', 'absolute-image')}`,
    ])
  })

  it('reads an unquoted {{VARIABLE}} image once replaced, as the devfile library does (odo)', () => {
    const out = discover(fixture('odo/devfile-deploy-with-multiple-resources.yaml'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '57:14 registry.access.redhat.com/ubi8/nodejs-14:latest dev -> pkg:docker/ubi8/nodejs-14@latest?repository_url=registry.access.redhat.com',
    ])
    expect(skips(out)).toEqual([
      `89 unsupported ${BUILT('components[2].kubernetes.inlined: image', '{{CONTAINER_IMAGE}}', 'outerloop-build')}`,
    ])
  })

  it('reports the parent devfile and lists the images its overrides write (odo)', () => {
    const out = discover(fixture('odo/devfile-with-parent.yaml'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '11:16 maven:3.6-adoptopenjdk-11-openj9 dev -> pkg:docker/library/maven@3.6-adoptopenjdk-11-openj9',
    ])
    expect(skips(out)).toEqual([
      '7 unsupported parent: the devfile at https://github.com/OpenLiberty/application-stack/releases/download/maven-0.7.0/devfile.yaml: another devfile, not read; the images of its components are not listed (those parent.components override are)',
    ])
  })

  it('reports wrong types at their line and column, and reads the rest', () => {
    const out = discover(WRONG)
    expect(errors(out)).toEqual([
      '2:12 invalid-entry variables must be a mapping of names to strings, not a list',
      '4:5 invalid-entry components[0] must be a component (a mapping), not a string',
      '16:24 invalid-entry components[6].image.imageName must be an image name, not a list',
      '16:47 invalid-entry components[6].image.dockerfile.uri must be a path, not a list',
      '18:40 invalid-entry components[7].image.dockerfile must be a mapping, not a string',
      '29:9 invalid-entry parent must be a mapping (id, uri or kubernetes), not a list',
      '6:16 invalid-entry components[1].container must be a mapping, not a string',
      '8:16 invalid-entry components[2].container has no image',
      '10:24 invalid-entry components[3].container.image must be an image name, not a list',
      '12:27 invalid-entry components[4].kubernetes.inlined must be a string holding Kubernetes manifests, not a mapping',
      '14:22 invalid-entry components[5].openshift.uri must be a path or URL, not a number (42)',
      // A quoted (not literal) manifest: its nodes are placed at the string.
      '21:16 invalid-image-field image field (containers) must be a string, found a list',
      // A literal block's lines are the file's.
      "27:9 yaml-duplicate-key inlined manifest: YAML duplicate key 'kind' (the last value is used)",
    ])
    expect(rows(out)).toEqual([
      '21:16 busybox:1.36 dev -> pkg:docker/library/busybox@1.36',
      '28:46 x:1 dev -> pkg:docker/library/x@1',
    ])
    expect(out.skipped).toEqual([])
  })

  it('replaces nothing in a 2.0.0 devfile, reports a devfile 1.x and a file without schemaVersion', () => {
    const old = discover('schemaVersion: 2.0.0\ncomponents:\n  - name: a\n    container: {image: "acme/{{x}}:1"}\n')
    expect(skips(old)).toEqual([
      '4 unset-variable components[0].container.image "acme/{{x}}:1": schemaVersion 2.0.0 has no variables: the devfile library leaves {{x}} as written',
    ])
    expect(skips(discover('apiVersion: 1.0.0\ncomponents:\n  - type: dockerimage\n    image: x\n'))).toEqual([
      "1 unsupported a devfile 1.0.0 (Eclipse Che 7's format, before schemaVersion 2): not read",
    ])
    expect(errors(discover('schemaVersion: 2.2\nparent:\n'))).toEqual([
      '1:16 invalid-entry schemaVersion must be a version string (2.x.y), not a number (2.2)',
    ])
    expect(errors(discover('metadata: {name: x}\n---\n- a\n'))).toEqual([
      '3:1 invalid-entry a devfile must be a mapping',
      '1:1 invalid-entry a devfile needs a schemaVersion (2.x.y)',
    ])
  })

  it('places an image of a line a replacement changed at its column when it starts before the first {{, else at the line', () => {
    const out = discover(
      [
        'schemaVersion: 2.2.0',
        'variables: {N: app, IMG: "nginx:1.27"}',
        'components:',
        '  - name: k',
        '    kubernetes:',
        '      inlined: |',
        '        apiVersion: v1',
        '        kind: Pod',
        '        spec:',
        '          containers:',
        '            - {name: "{{N}}", image: "{{IMG}}"}',
        '            - name: b',
        '              image: "{{IMG}}-alpine"  # pinned',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    // Line 11: the image starts after `{{N}}`, whose replacement moved it: the line's first column, the value replaced.
    expect(rows(out)).toEqual([
      '11:13 nginx:1.27 dev -> pkg:docker/library/nginx@1.27',
      '13:22 {{IMG}}-alpine dev -> pkg:docker/library/nginx@1.27-alpine',
    ])
  })

  it('reports a variable whose value holds {{ (the library may replace it again), and places a manifest whose lines moved at the string', () => {
    const out = discover(
      [
        'schemaVersion: 2.2.0',
        'variables: {m: "a\\nb", a: "nginx:2", b: "x{{a}}"}',
        'components:',
        '  - {name: c, container: {image: "{{b}}"}}',
        '  - name: k',
        '    kubernetes:',
        '      inlined: |',
        '        apiVersion: v1',
        '        kind: Pod',
        '        metadata: {name: p, annotations: {note: "{{m}}"}}',
        '        spec: {containers: [{name: a, image: "{{a}}"}]}',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    // `{{m}}` holds a line break: the lines after it moved, and the image is placed at the string.
    expect(rows(out)).toEqual(['7:16 nginx:2 dev -> pkg:docker/library/nginx@2'])
    expect(skips(out)).toEqual([
      '4 unsupported components[0].container.image "{{b}}": the value of b holds {{…}}, which the devfile library may or may not replace again (it depends on the order of the references): not guessed',
    ])
  })

  it('refuses replacements that would make a manifest of megabytes, without reading it', () => {
    const lines = Array.from({length: 1200}, (_, i) => `        # {{a}} ${i}`)
    const text = [
      'schemaVersion: 2.2.0',
      `variables: {a: "${'x'.repeat(4000)}"}`,
      'components:',
      '  - name: k',
      '    kubernetes:',
      '      inlined: |',
      ...lines,
      '        apiVersion: v1',
    ].join('\n')
    const out = discover(text)
    expect(errors(out)).toEqual([
      '6:16 invalid-variable components[0].kubernetes.inlined: its variables expand it beyond 4 MB; not read',
    ])
  })

  it('reports builds, remote and unread files, plugins and undefined variables; credentials are never echoed', () => {
    const out = discover(INVENTED)
    expect(errors(out)).toEqual(['5:8 invalid-entry variables.NUM must be a string (quote it), not a number (3)'])
    expect(rows(out)).toEqual([
      '22:14 {{ REG }}/tools:{{TAG}} dev -> pkg:docker/acme/tools@1.4?repository_url=registry.example.com',
      '68:22 postgres:16 dev -> pkg:docker/library/postgres@16',
      '15:16 {{REG}}/{{BASE}}:{{TAG}} dev -> pkg:docker/acme/base@1.4?repository_url=registry.example.com',
    ])
    const unread = 'not read: the base images of the image it builds are not listed'
    const unset = (what: string, name: string) =>
      `${what}: {{${name}}} is not defined in this file's variables (the parent devfile may define it); set by the tool (odo --var) or not at all: not guessed`
    expect(skips(out)).toEqual([
      '33 unsupported components[2].image.dockerfile.uri "docker/app.df": the dockerfile format reads such files by name (Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile), not this one: the base images of the image it builds are not listed',
      `40 remote-resource components[3].image.dockerfile.git: the node/Dockerfile of the git repository https://github.com/example/dockerfiles.git, ${unread}`,
      `48 unsupported components[4].image.dockerfile.devfileRegistry: the Dockerfile of "java" in the devfile registry https://registry.example.com, ${unread}`,
      `54 remote-resource components[5].image.dockerfile.uri "https://example.com/Dockerfile": a Dockerfile fetched from a URL, ${unread}`,
      '7 unsupported parent: the devfile "nodejs" version 2.1.1 of the registry https://registry.example.com: another devfile, not read; the images of its components are not listed (those parent.components override are)',
      `28 unset-variable ${unset('components[1].container.image "{{REG}}/x:{{MISSING}}"', 'MISSING')}`,
      `66 unset-variable ${unset('components[6].kubernetes.inlined, line 66', 'UNSET')}`,
      `64 unsupported ${BUILT('components[6].kubernetes.inlined: image', '{{REG}}/app:{{TAG}}', 'build')}`,
      '76 remote-resource components[7].openshift.uri "https://example.com/manifests.yaml": manifests fetched from a URL, not read: their images are not listed',
      '79 unsupported components[8].kubernetes.uri "kubernetes/notes.txt": the Kubernetes manifest format does not read a file of that name: its images are not listed',
      '82 unsupported components[9].plugin: the devfile at https://example.com/plugin.yaml: another devfile, not read; the images of its components are not listed',
    ])
    const all = JSON.stringify(out)
    for (const secret of ['hunter2', 's3cret-token', 'very-secret-pw', 'DB_PASSWORD']) expect(all).not.toContain(secret)
  })
})

const INVENTED = `schemaVersion: 2.2.0
variables:
  TAG: "1.4"
  REG: registry.example.com/acme
  NUM: 3
parent:
  id: nodejs
  registryUrl: https://registry.example.com
  version: 2.1.1
  variables:
    BASE: base
  components:
    - name: runtime
      container:
        image: "{{REG}}/{{BASE}}:{{TAG}}"
    - name: keep
      container:
        memoryLimit: 1Gi
components:
  - name: tools
    container:
      image: "{{ REG }}/tools:{{TAG}}"
      env:
        - name: DB_PASSWORD
          value: hunter2-secret
  - name: undefined-var
    container:
      image: "{{REG}}/x:{{MISSING}}"
  - name: build
    image:
      imageName: "{{REG}}/app:{{TAG}}"
      dockerfile:
        uri: docker/app.df
        args: ["--build-arg", "TOKEN=s3cret-token"]
  - name: build2
    image:
      imageName: other
      dockerfile:
        git:
          remotes:
            origin: https://github.com/example/dockerfiles.git
          fileLocation: node/Dockerfile
  - name: build3
    image:
      imageName: third:1
      dockerfile:
        devfileRegistry:
          id: java
          registryUrl: https://registry.example.com
  - name: build4
    image:
      imageName: fourth:1
      dockerfile:
        uri: https://example.com/Dockerfile
  - name: deploy
    kubernetes:
      inlined: |
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: app
              image: {{REG}}/app:{{TAG}}
            - name: side
              image: {{UNSET}}
            - name: db
              image: postgres:16
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: s}
        stringData: {password: very-secret-pw}
  - name: remote
    openshift:
      uri: https://example.com/manifests.yaml
  - name: local
    kubernetes:
      uri: kubernetes/notes.txt
  - name: plug
    plugin:
      uri: https://example.com/plugin.yaml
  - name: vol
    volume: {size: 1Gi}
`

const WRONG = `schemaVersion: 2.1.0
variables: [a]
components:
  - just-a-string
  - name: c1
    container: nginx
  - name: c2
    container: {memoryLimit: 1Gi}
  - name: c3
    container: {image: [x]}
  - name: k1
    kubernetes: {inlined: {kind: Pod}}
  - name: k2
    openshift: {uri: 42}
  - name: i1
    image: {imageName: [x], dockerfile: {uri: [y]}}
  - name: i2
    image: {imageName: ok, dockerfile: yes}
  - name: k3
    kubernetes:
      inlined: "apiVersion: v1\\nkind: Pod\\nmetadata: {name: q}\\nspec: {containers: [{name: a, image: [1]}, {name: b, image: 'busybox:1.36'}]}"
  - name: k4
    kubernetes:
      inlined: |
        apiVersion: v1
        kind: Pod
        kind: Pod
        spec: {containers: [{name: a, image: "x:1"}]}
parent: [x]
`
