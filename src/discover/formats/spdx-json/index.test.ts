import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {brief, formatRunner, readSbomFixture, sbomRow} from '../../../../tests/sbom/support.js'
import {registeredDiscoverer} from '../../../../tests/support/registered.js'
import {discoverer} from './index.js'

const {discover, fixture} = formatRunner(discoverer, 'sbom.spdx.json')

function doc(extra: Record<string, unknown>) {
  return JSON.stringify({spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', ...extra}, null, 2)
}

describe('spdx-json', () => {
  it("reads GitHub's dependency-graph answer ({sbom: …}); a range it could not resolve (4.*.*, >= 3.5.0) is no version", () => {
    const pkg = (id: string, name: string, purl: string, versionInfo?: string) => ({
      SPDXID: `SPDXRef-${id}`,
      name,
      ...(versionInfo ? {versionInfo} : {}),
      downloadLocation: 'NOASSERTION',
      externalRefs: [{referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl}],
    })
    // The shape of `gh api repos/O/R/dependency-graph/sbom` (GitHub's REST docs), fictional names.
    const answer = JSON.stringify(
      {
        sbom: {
          spdxVersion: 'SPDX-2.3',
          SPDXID: 'SPDXRef-DOCUMENT',
          name: 'com.github.quillfeather/lantern',
          packages: [
            pkg('repo', 'com.github.quillfeather/lantern', 'pkg:github/quillfeather/lantern@main', 'main'),
            pkg('checkout', 'actions:checkout', 'pkg:githubactions/actions/checkout@4.%2A.%2A', '4.*.*'),
            pkg('flask', 'pip:flask', 'pkg:pypi/flask', '>= 3.5.0'),
            pkg('ms', 'npm:ms', 'pkg:npm/ms@2.1.3', '2.1.3'),
          ],
          relationships: [
            {spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-repo'},
            {spdxElementId: 'SPDXRef-repo', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-checkout'},
          ],
        },
      },
      null,
      2,
    )
    expect(discoverer.sniff?.(answer)).toBe(true)
    const {components, errors} = discover(answer, 'dependency-graph.sbom.json')
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.version ?? null, c.purl, c.direct ?? null])).toEqual([
      ['quillfeather/lantern', 'main', 'pkg:github/quillfeather/lantern@main', null],
      ['actions/checkout', null, 'pkg:githubactions/actions/checkout', true],
      ['flask', null, 'pkg:pypi/flask', false],
      ['ms', '2.1.3', 'pkg:npm/ms@2.1.3', false],
    ])
  })

  it("says nothing of direct where GitHub's dependency graph relates the repository to every package (all were direct)", () => {
    // google/osv-scanner's export (tests/sbom/__fixtures__/README.md): `R DEPENDS_ON X` for every gem of the
    // Gemfile.lock, activesupport (through github-pages) as well, and no edge between packages.
    const {components, errors} = fixture('github-osv-scanner.spdx.json')
    expect(errors).toEqual([])
    expect(
      components.map((c) => [c.name, c.version ?? null, c.local ?? false, c.direct ?? null, c.locations[0].line]),
    ).toEqual([
      ['google/osv-scanner', null, true, null, 17],
      ['ast', '2.4.2', false, null, 33],
      ['activesupport', '7.0.7', false, null, 49],
      ['github-pages', '228', false, null, 64],
    ])
  })

  it("reads direct from the packages' own edges in a GitHub dependency-graph export that has them", () => {
    const pkg = (id: string) => ({
      SPDXID: `SPDXRef-${id}`,
      name: `npm:${id}`,
      versionInfo: '1.0.0',
      externalRefs: [
        {referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: `pkg:npm/${id}@1.0.0`},
      ],
    })
    const dependsOn = (from: string, to: string) => ({
      spdxElementId: `SPDXRef-${from}`,
      relationshipType: 'DEPENDS_ON',
      relatedSpdxElement: `SPDXRef-${to}`,
    })
    const document = (relationships: object[]) =>
      doc({
        creationInfo: {created: '2026-11-02T10:00:00Z', creators: ['Tool: GitHub.com-Dependency-Graph']},
        name: 'com.github.quillfeather/lantern',
        documentDescribes: ['SPDXRef-repo'],
        packages: [
          {SPDXID: 'SPDXRef-repo', name: 'com.github.quillfeather/lantern'},
          pkg('wick'),
          pkg('flint'),
          pkg('tallow'),
        ],
        relationships,
      })
    const direct = (relationships: object[]) =>
      discover(document(relationships)).components.map((c) => [c.name, c.direct ?? null])
    // The repository relates every package, and one package depends on another: the roots are direct; the one
    // depended on may be direct as well (the export cannot say), so it is not said.
    expect(
      direct([
        dependsOn('repo', 'wick'),
        dependsOn('repo', 'flint'),
        dependsOn('repo', 'tallow'),
        dependsOn('wick', 'tallow'),
      ]),
    ).toEqual([
      ['com.github.quillfeather/lantern', null],
      ['wick', true],
      ['flint', true],
      ['tallow', null],
    ])
    // With a package no edge names: the same (a package outside the graph does not make the others' edges a choice).
    expect(direct([dependsOn('repo', 'wick'), dependsOn('repo', 'tallow'), dependsOn('wick', 'tallow')])).toEqual([
      ['com.github.quillfeather/lantern', null],
      ['wick', true],
      ['flint', null],
      ['tallow', null],
    ])
    // No package depends on another: whatever the repository relates, nothing is said (all of them or some).
    expect(direct([dependsOn('repo', 'wick'), dependsOn('repo', 'flint')]).map(([, d]) => d)).toEqual([
      null,
      null,
      null,
      null,
    ])
    // It relates some and leaves out one another depends on: those it relates are direct, one another depends on is
    // not, one nothing names is not said.
    expect(direct([dependsOn('repo', 'wick'), dependsOn('wick', 'tallow')])).toEqual([
      ['com.github.quillfeather/lantern', null],
      ['wick', true],
      ['flint', null],
      ['tallow', false],
    ])
  })

  it("names by their ecosystem prefix the packages GitHub's dependency graph exported without a purl (pip:…, maven:g:a)", () => {
    // The shape of GitHub's 2023 SBOM export (safedep/vet's fixtures of psf/requests and janusgraph): a package whose
    // version it could not resolve has no externalRefs, its name prefixed with the ecosystem; fictional names.
    const pkg = (id: string, name: string, versionInfo: string, purl?: string) => ({
      SPDXID: `SPDXRef-${id}`,
      name,
      versionInfo,
      downloadLocation: 'NOASSERTION',
      ...(purl
        ? {externalRefs: [{referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl}]}
        : {}),
    })
    const document = (creators: string[]) =>
      doc({
        creationInfo: {created: '2023-08-20T04:47:09Z', creators},
        name: 'com.github.quillfeather/lantern',
        documentDescribes: ['SPDXRef-repo'],
        packages: [
          pkg('repo', 'com.github.quillfeather/lantern', '', 'pkg:github/quillfeather/lantern'),
          pkg('pip-lanternlib', 'pip:lanternlib', '>= 2.5,< 4'),
          pkg('pip-wickfile', 'pip:wickfile', ''),
          pkg('maven-slf4j', 'maven:com.example.logging:glow-api', ''),
          pkg('npm-scoped', 'npm:@acme/flint', '1.4.2'),
          pkg('go-mod', 'go:example.com/acme/tinder', '1.0.0'),
          pkg('actions-x', 'actions:acme/kindle/setup', '2'),
          pkg('pip-httpbin-0.10.0', 'pip:httpbin', '0.10.0', 'pkg:pypi/httpbin@0.10.0'),
          pkg('cargo-x', 'rust:ember', '1.0.0'),
        ],
        relationships: [
          {spdxElementId: 'SPDXRef-repo', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-pip-lanternlib'},
        ],
      })
    const {components, errors, skipped} = discover(document(['Tool: GitHub.com-Dependency-Graph']))
    expect(errors).toEqual([])
    expect(skipped).toEqual([])
    expect(components.map((c) => [c.ecosystem, c.name, c.version ?? null, c.purl ?? null, c.ref])).toEqual([
      ['github', 'quillfeather/lantern', null, 'pkg:github/quillfeather/lantern', 'pkg:github/quillfeather/lantern'],
      ['pypi', 'lanternlib', null, 'pkg:pypi/lanternlib', 'pip:lanternlib@>= 2.5,< 4'],
      ['pypi', 'wickfile', null, 'pkg:pypi/wickfile', 'pip:wickfile'],
      [
        'maven',
        'com.example.logging:glow-api',
        null,
        'pkg:maven/com.example.logging/glow-api',
        'maven:com.example.logging:glow-api',
      ],
      ['npm', '@acme/flint', '1.4.2', 'pkg:npm/%40acme/flint@1.4.2', 'npm:@acme/flint@1.4.2'],
      [
        'golang',
        'example.com/acme/tinder',
        '1.0.0',
        'pkg:golang/example.com/acme/tinder@1.0.0',
        'go:example.com/acme/tinder@1.0.0',
      ],
      [
        'githubactions',
        'acme/kindle/setup',
        '2',
        'pkg:githubactions/acme/kindle/setup@2',
        'actions:acme/kindle/setup@2',
      ],
      ['pypi', 'httpbin', '0.10.0', 'pkg:pypi/httpbin@0.10.0', 'pkg:pypi/httpbin@0.10.0'],
      // A prefix never seen paired with a purl stays as written.
      ['generic', 'rust:ember', '1.0.0', null, 'rust:ember@1.0.0'],
    ])
    // Another tool's `pip:x` name is only a name.
    const other = discover(document(['Tool: acme-sbom-1.0'])).components
    expect(other.find((c) => c.name === 'pip:lanternlib')?.ecosystem).toBe('generic')
  })

  it("lists Go's main module ((devel)) and its in-tree replacements (./staging/…) as local, as go.mod's reader does", () => {
    const golang = (id: string, purl: string, versionInfo: string) => ({
      SPDXID: `SPDXRef-${id}`,
      name: id,
      versionInfo,
      externalRefs: [{referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl}],
    })
    const {components} = discover(
      doc({
        packages: [
          golang('main', 'pkg:golang/example.org/lantern@(devel)', '(devel)'),
          golang('api', 'pkg:golang/./staging/src/example.org/api@(devel)', '(devel)'),
          golang('yaml', 'pkg:golang/sigs.k8s.io/yaml@v1.4.0', 'v1.4.0'),
        ],
      }),
    )
    expect(components.map((c) => [c.name, c.version ?? null, c.local ?? false, c.purl])).toEqual([
      ['example.org/lantern', null, true, 'pkg:golang/example.org/lantern'],
      ['./staging/src/example.org/api', null, true, 'pkg:golang/./staging/src/example.org/api'],
      ['sigs.k8s.io/yaml', 'v1.4.0', false, 'pkg:golang/sigs.k8s.io/yaml@v1.4.0'],
    ])
  })

  it("lists the subject by its name when its purl names no valid image (openvex's example: 'sh256'), with a word", () => {
    const {components, errors, skipped} = discover(
      doc({
        documentDescribes: ['SPDXRef-image'],
        packages: [
          {
            SPDXID: 'SPDXRef-image',
            name: 'lantern-image',
            externalRefs: [
              {
                referenceCategory: 'PACKAGE-MANAGER',
                referenceType: 'purl',
                referenceLocator: 'pkg:oci/image@sh256%3A2603',
              },
            ],
          },
        ],
      }),
    )
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.local])).toEqual([['lantern-image', true]])
    expect((skipped ?? []).map((s) => s.message)).toEqual([
      expect.stringMatching(
        /^purl "pkg:oci\/image@sh256%3A2603" names no valid image: .*; the SBOM's subject is listed by its name, without it$/,
      ),
    ])
  })

  it("reads Trivy's documents: its lockfile and OS packages left out, what the subject reaches through them direct", () => {
    const {components, errors} = fixture('trivy-happy.spdx.json')
    expect(errors).toEqual([])
    expect(
      components.map((c) => [c.name, c.version ?? null, c.direct ?? null, c.local ?? false, c.locations[0].line]),
    ).toEqual([
      // The subject (the image), listed by name.
      ['meven-test-project', null, null, true, 38],
      ['pear/log', '1.13.1', true, false, 87],
      ['org.codehaus.mojo:child-project', '1.0', true, false, 110],
      ['pear/pear_exception', 'v1.0.0', true, false, 133],
      ['bootstrap', '5.0.2', true, false, 156],
      ['github.com/package-url/packageurl-go', 'v0.1.1-0.20220203205134-d70459300c8a', true, false, 179],
      ['alpine/musl', '1.2.3-r0', true, false, 202],
    ])
  })

  it("reads Trivy 0.51+'s documents: what its lockfile package CONTAINS is direct, what those DEPENDS_ON is not", () => {
    const {components, errors} = fixture('trivy-julia.spdx.json')
    expect(errors).toEqual([])
    expect(
      components.map((c) => [c.name, c.version ?? null, c.direct ?? null, c.local ?? false, c.locations[0].line]),
    ).toEqual([
      ['A', '1.9.0', true, false, 38],
      ['B', '1.9.0', false, false, 71],
      ['B', '1.9.0', true, false, 104],
      // The subject (the scanned directory), listed by name.
      ['testdata/fixtures/repo/julia', null, null, true, 137],
    ])
  })

  it("reads Trivy's subject CONTAINS as its CycloneDX's dependsOn: packages found on their own are direct (conda; was unset)", () => {
    const {components, errors} = fixture('trivy-conda.spdx.json')
    expect(errors).toEqual([])
    const row = (c: Component) => [c.name, c.version ?? null, c.direct ?? null, c.local ?? false]
    expect(components.map((c) => [...row(c), c.locations[0].line])).toEqual([
      ['openssl', '1.1.1q', true, false, 15],
      ['pip', '22.2.2', true, false, 44],
      ['testdata/fixtures/repo/conda', null, null, true, 73],
    ])
    // The same scan as Trivy's CycloneDX says it.
    const cdx = registeredDiscoverer('cyclonedx-json').discover(
      {file: 'conda.cdx.json', text: readSbomFixture('trivy-conda-cyclonedx.json')},
      {readText: () => null},
    )
    expect(cdx.components.map(row).sort()).toEqual(components.map(row).sort())
  })

  it("keeps a subject's CONTAINS no dependency in a document of any other tool, and never drops a subject named as Trivy names a lockfile", () => {
    const pkg = (id: string, name: string, purl?: string) => ({
      SPDXID: id,
      name,
      versionInfo: '1.0.0',
      downloadLocation: 'NONE',
      ...(purl
        ? {externalRefs: [{referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl}]}
        : {}),
    })
    const rel = (a: string, type: string, b: string) => ({
      spdxElementId: a,
      relationshipType: type,
      relatedSpdxElement: b,
    })
    const subject = 'SPDXRef-Application-5a2c1e0f9b7d3a11'
    const document = (creators: string[]) =>
      doc({
        creationInfo: {creators, created: '2026-01-01T00:00:00Z'},
        packages: [pkg(subject, 'lantern'), pkg('SPDXRef-Package-1', 'left-pad', 'pkg:npm/left-pad@1.3.0')],
        relationships: [rel('SPDXRef-DOCUMENT', 'DESCRIBES', subject), rel(subject, 'CONTAINS', 'SPDXRef-Package-1')],
      })
    const listed = (out: {components: Component[]}) =>
      out.components.map((c) => [c.name, c.direct ?? null, c.local ?? false])
    expect(listed(discover(document(['Organization: aquasecurity', 'Tool: trivy-0.58.1'])))).toEqual([
      ['lantern', null, true],
      ['left-pad', true, false],
    ])
    expect(listed(discover(document(['Tool: syft-1.13.0'])))).toEqual([
      ['lantern', null, true],
      ['left-pad', null, false],
    ])
  })

  it('sets direct from what the subject DEPENDS_ON (or what is a DEPENDENCY_OF it); nothing when it states none', () => {
    const relationships = [
      {spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-app'},
      {spdxElementId: 'SPDXRef-app', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-a'},
      {spdxElementId: 'SPDXRef-b', relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-app'},
      {spdxElementId: 'SPDXRef-a', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-c'},
    ]
    const packages = ['app', 'a', 'b', 'c'].map((name) => ({SPDXID: `SPDXRef-${name}`, name, versionInfo: '1.0'}))
    const read = (rels: unknown[]) =>
      discover(doc({packages, relationships: rels})).components.map((c) => [c.name, c.scope ?? null, c.direct ?? null])
    expect(read(relationships)).toEqual([
      ['app', null, null],
      ['a', 'prod', true],
      ['b', 'dev', true],
      ['c', 'prod', false],
    ])
    expect(read(relationships.slice(0, 1))).toEqual([
      ['app', null, null],
      ['a', 'prod', null],
      ['b', 'prod', null],
      ['c', 'prod', null],
    ])
  })

  it('reads spdx-examples example 11 (sigs.k8s.io/bom, SPDX 2.3): purls, DESCRIBES subject, DEPENDS_ON targets', () => {
    const {components, errors} = fixture('spdx-example11.spdx.json')
    expect(errors).toEqual([])
    expect(components.map(sbomRow)).toEqual([
      [
        'generic',
        'debian/libselinux1-dev',
        '3.1-3',
        null,
        true,
        'pkg:deb/debian/libselinux1-dev@3.1-3?arch=s390x',
        null,
        '19:5',
      ],
      // downloadLocation is the crates.io index here: a registry, never taken for the crate's repository.
      ['cargo', 'hyper', '0.14', 'prod', false, 'pkg:cargo/hyper@0.14', null, '37:5'],
      ['cargo', 'tokio', '1.19.2', 'prod', false, 'pkg:cargo/tokio@1.19.2', null, '60:5'],
      ['cargo', 'pretty_env_logger', '0.4.0', 'prod', false, 'pkg:cargo/pretty_env_logger@0.4.0', null, '83:5'],
    ])
  })

  it('reads spdx-examples example 9 (SPDX 2.2, Maven): test dependencies are dev, a forge archive states the repository', () => {
    const {components, errors} = fixture('spdx-example9-appbomination.spdx.json')
    expect(errors).toEqual([])
    expect(components.map(sbomRow).filter((r) => r[0] === 'maven')).toEqual([
      [
        'maven',
        'org.hamcrest:hamcrest-core',
        '1.3',
        'prod',
        false,
        'pkg:maven/org.hamcrest/hamcrest-core@1.3',
        null,
        '67:6',
      ],
      [
        'maven',
        'org.apache.commons:commons-lang3',
        '3.4',
        'prod',
        false,
        'pkg:maven/org.apache.commons/commons-lang3@3.4',
        null,
        '87:6',
      ],
      ['maven', 'junit:junit', '4.12', 'dev', false, 'pkg:maven/junit/junit@4.12', null, '108:6'],
      ['maven', 'org.slf4j:slf4j-api', '1.7.21', 'prod', false, 'pkg:maven/org.slf4j/slf4j-api@1.7.21', null, '129:6'],
    ])
    const app = components.find((c) => c.name === 'App-BOM-ination')
    expect([app?.local, app?.statedRepository]).toEqual([
      true,
      {url: 'https://github.com/act-project/App-BOM-ination/archive/refs/tags/1.0.zip', field: 'downloadLocation'},
    ])
  })

  it('takes scope from relationships, a vcs locator or forge home page as the repository, CPEs, NOASSERTION as nothing', () => {
    const pkg = (id: string, extra: Record<string, unknown> = {}) => ({
      SPDXID: `SPDXRef-${id}`,
      name: id,
      versionInfo: '1.0',
      downloadLocation: 'NOASSERTION',
      externalRefs: [
        {referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: `pkg:npm/${id}@1.0`},
      ],
      ...extra,
    })
    const {components, errors} = discover(
      doc({
        documentDescribes: ['SPDXRef-app'],
        packages: [
          pkg('app'),
          pkg('runtime', {downloadLocation: 'git+https://git.example.com/acme/runtime.git@v1.0#lib'}),
          pkg('devtool', {homepage: 'https://github.com/acme/devtool'}),
          pkg('maybe', {homepage: 'https://devtool.example.com'}),
          pkg('both', {
            versionInfo: 'NOASSERTION',
            externalRefs: [
              {
                referenceCategory: 'SECURITY',
                referenceType: 'cpe23Type',
                referenceLocator: 'cpe:2.3:a:acme:both:*:*:*:*:*:*:*:*',
              },
            ],
          }),
        ],
        relationships: [
          {spdxElementId: 'SPDXRef-app', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-runtime'},
          {spdxElementId: 'SPDXRef-devtool', relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-app'},
          {
            spdxElementId: 'SPDXRef-maybe',
            relationshipType: 'OPTIONAL_DEPENDENCY_OF',
            relatedSpdxElement: 'SPDXRef-app',
          },
          {spdxElementId: 'SPDXRef-both', relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-app'},
          {spdxElementId: 'SPDXRef-both', relationshipType: 'RUNTIME_DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-app'},
        ],
      }),
    )
    expect(errors).toEqual([])
    expect(
      components.map((c) => [
        c.name,
        c.version ?? null,
        c.scope ?? null,
        c.local ?? false,
        c.statedRepository?.url ?? null,
      ]),
    ).toEqual([
      ['app', '1.0', null, true, null],
      ['runtime', '1.0', 'prod', false, 'git+https://git.example.com/acme/runtime.git'],
      ['devtool', '1.0', 'dev', false, 'https://github.com/acme/devtool'],
      ['maybe', '1.0', 'optional', false, null],
      ['both', null, 'prod', false, null],
    ])
    expect(components[4].cpe).toBe('cpe:2.3:a:acme:both:*:*:*:*:*:*:*:*')
  })

  it('lists each package once when the fast reader gives up after taking some (the visitor reads it again)', () => {
    // Nesting past the fast reader's 200 levels, after the packages and relationships: the visitor reads it all.
    const text = doc({
      packages: [
        {SPDXID: 'SPDXRef-a', name: 'a', versionInfo: '1.0.0'},
        {SPDXID: 'SPDXRef-b', name: 'b', versionInfo: '2.0.0'},
      ],
      relationships: [
        {spdxElementId: 'SPDXRef-b', relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-a'},
      ],
    }).replace(/\n}$/, `,\n  "documentDescribes": [${'['.repeat(250)}${']'.repeat(250)}]\n}`)
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => `${c.name}@${c.version} ${c.scope}`)).toEqual(['a@1.0.0 prod', 'b@2.0.0 dev'])
  })

  it('reports bad input with file, line and column, and keeps reading the rest', () => {
    expect(discover('{"spdxVersion": "SPDX-3.0"}').errors).toEqual([
      {
        file: 'sbom.spdx.json',
        line: 1,
        column: 2,
        code: 'unsupported-sbom-version',
        message: 'spdxVersion "SPDX-3.0" is not an SPDX version this reader knows (SPDX-2.0 to SPDX-2.3)',
      },
    ])
    expect(discover(doc({packages: {}})).errors[0].message).toBe("'packages' must be an array")
    const mixed = discover(doc({packages: [{SPDXID: 'SPDXRef-a', name: 'a'}, 42, {SPDXID: 'SPDXRef-b'}]}))
    expect(mixed.components.map((c) => c.name)).toEqual(['a'])
    expect(mixed.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [4, 'invalid-entry', 'packages[1] must be an object'],
      [10, 'invalid-entry', 'package without a name or purl'],
    ])
    expect(discover('{"spdxVersion": "SPDX-2.3", "packages": [').errors[0].code).toBe('invalid-json')
    expect(discover('{"spdxVersion": "SPDX-2.3", "__proto__": {}}').errors.map((e) => e.code)).toEqual([
      'forbidden-key',
    ])
  })

  it('claims JSON files by their spdxVersion key only', () => {
    expect(discoverer.matches('sbom.spdx.json')).toBe(true)
    expect(discoverer.sniff?.('{"SPDXID": "SPDXRef-DOCUMENT", "spdxVersion": "SPDX-2.3"')).toBe(true)
    expect(discoverer.sniff?.('{"bomFormat": "CycloneDX"}')).toBe(false)
  })

  it('claims a document whose spdxVersion comes last (microsoft/sbom-tool 2.2), by its tail', () => {
    const text = readSbomFixture('sbom-tool-2.2.manifest.spdx.json')
    const head = text.slice(0, 600)
    expect(discoverer.sniff?.(head)).toBe(false)
    expect(discoverer.sniff?.(head, () => text)).toBe(true)
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map(brief)).toEqual([
      ['nuget', 'Microsoft.Sbom.Targets', '4.0.3', 'prod', false, '24:5'],
      ['nuget', 'Castle.Core', '5.1.1', 'prod', false, '42:5'],
      ['nuget', 'System.Buffers', '4.5.1', 'prod', false, '60:5'],
    ])
  })

  it('claims a document by a top-level SPDXID of SPDXRef-DOCUMENT in its head (Trivy 2022 writes spdxVersion last)', () => {
    const text = readSbomFixture('trivy-2022-fluentd.spdx.json')
    expect(discoverer.sniff?.(text.slice(0, 300))).toBe(true)
    expect(discoverer.sniff?.('{"SPDXID": "SPDXRef-Package-x", "files": [')).toBe(false)
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    // Trivy wrote DESCRIBE (sic): no relationship names the subject, but the image is named as the document is.
    expect(components.map(brief)).toEqual([
      ['docker', 'docker.io/vmware/log-intelligence-fluentd', null, null, true, '20:3'],
      ['gem', 'bar', '0.0.2', 'prod', false, '52:3'],
      ['gem', 'gdbm', '2.0.0', 'prod', false, '74:3'],
    ])
  })

  it("reads Bitnami's SPDX JSON named .spdx-<app>.spdx (syft's bitnami test data)", () => {
    expect(discoverer.matches('opt/bitnami/redis/.spdx-redis.spdx')).toBe(true)
    const text = readSbomFixture('bitnami-redis.spdx')
    expect(discoverer.sniff?.(text)).toBe(true)
    const {components, errors} = discover(text, 'opt/bitnami/redis/.spdx-redis.spdx')
    expect(errors).toEqual([])
    expect(components.map(sbomRow)).toEqual([
      [
        'generic',
        'redis',
        '7.4.0-0',
        null,
        true,
        'pkg:bitnami/redis@7.4.0-0?arch=arm64&distro=debian-12',
        null,
        '13:5',
      ],
    ])
  })

  it('lists a package whose purl packageurl-js refuses by its name with a skip, described or not (was an error, exit 2)', () => {
    const pkg = (id: string, purl: string) => ({
      SPDXID: `SPDXRef-${id}`,
      name: id,
      versionInfo: '1',
      downloadLocation: 'NOASSERTION',
      externalRefs: [{referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl}],
    })
    const packages = [pkg('app', 'pkg:npm/app@1'), pkg('dep', 'pkg:maven/log4j-core@2.14.1')]
    const said = (what: string) =>
      `invalid package URL "pkg:maven/log4j-core@2.14.1": maven requires a "namespace" component; ${what} is listed by its name, without it`
    const cases: Array<[string[], string, boolean, number]> = [
      [['SPDXRef-app', 'SPDXRef-dep'], "the SBOM's subject", true, 22],
      [['SPDXRef-dep'], "the SBOM's subject", true, 21],
      [['SPDXRef-app'], 'the component', false, 21],
    ]
    for (const [describes, what, local, line] of cases) {
      const out = discover(doc({documentDescribes: describes, packages}))
      expect(out.errors).toEqual([])
      expect(
        out.components.map((c) => [c.ecosystem, c.name, c.version ?? null, c.local ?? false, c.purl ?? null]),
      ).toEqual([
        ['npm', 'app', '1', describes.includes('SPDXRef-app'), 'pkg:npm/app@1'],
        ['generic', 'dep', '1', local, null],
      ])
      expect(out.skipped).toEqual([{file: 'sbom.spdx.json', line, reason: 'unsupported', message: said(what)}])
    }
  })

  it("passes over a subject with neither name nor purl (Syft's unknown source) with a skip, and still reads the packages", () => {
    // The shape of Syft's SPDX when it did not know what it scanned (its TestSPDX22JSONRequredProperties golden file:
    // `SPDXRef-DocumentRoot-Unknown-`, name ""); fictional package.
    const out = discover(
      doc({
        name: '.',
        packages: [
          {
            SPDXID: 'SPDXRef-Package-python-lantern',
            name: 'lantern',
            versionInfo: '1.0.1',
            downloadLocation: 'NOASSERTION',
            externalRefs: [
              {referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:pypi/lantern@1.0.1'},
            ],
          },
          {SPDXID: 'SPDXRef-DocumentRoot-Unknown-', name: '', versionInfo: '', downloadLocation: 'NOASSERTION'},
          {SPDXID: 'SPDXRef-Package-nameless', name: '', downloadLocation: 'NOASSERTION'},
        ],
        relationships: [
          {
            spdxElementId: 'SPDXRef-DOCUMENT',
            relationshipType: 'DESCRIBES',
            relatedSpdxElement: 'SPDXRef-DocumentRoot-Unknown-',
          },
        ],
      }),
    )
    expect(out.components.map((c) => c.purl)).toEqual(['pkg:pypi/lantern@1.0.1'])
    expect((out.skipped ?? []).map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      "19 unsupported the SBOM's subject has no name and no purl (the tool that wrote it did not say what it scanned): not listed",
    ])
    // Any other package without name or purl is still an error.
    expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      '25:5 invalid-entry package without a name or purl',
    ])
  })
  it("leaves out a subject whose primaryPackagePurpose is FILE (Syft's scanned file or directory), as its CycloneDX does", () => {
    // The shape of Syft's SPDX of a scanned file (anchore/syft syft/format/spdxjson/testdata/identify/2.3.json: the
    // subject `SPDXRef-DocumentRoot-File-go.mod`, purpose FILE, the file's digest as its version), which was listed
    // as a local generic package `go.mod@sha256:sha256:…`; its CycloneDX puts the same file in a `file` component,
    // left out. A directory's subject (`SPDXRef-DocumentRoot-Directory-.`) is FILE too. Fictional package.
    const subject = (extra: Record<string, unknown>) => ({
      name: 'go.mod',
      SPDXID: 'SPDXRef-DocumentRoot-File-go.mod',
      versionInfo: 'sha256:sha256:dc333f342905248a52e424d8dfd061251d01867d01a4f9d7397144a775ff9ebd',
      downloadLocation: 'NOASSERTION',
      ...extra,
    })
    const text = (root: Record<string, unknown>) =>
      doc({
        name: 'go.mod',
        packages: [
          {
            name: 'example.com/lantern',
            SPDXID: 'SPDXRef-Package-go-module-example.com-lantern-2ff71a67fb024c86',
            versionInfo: 'v1.2.0',
            downloadLocation: 'NOASSERTION',
            externalRefs: [
              {
                referenceCategory: 'PACKAGE-MANAGER',
                referenceType: 'purl',
                referenceLocator: 'pkg:golang/example.com/lantern@v1.2.0',
              },
            ],
          },
          root,
        ],
        relationships: [
          {
            spdxElementId: 'SPDXRef-DocumentRoot-File-go.mod',
            relatedSpdxElement: 'SPDXRef-Package-go-module-example.com-lantern-2ff71a67fb024c86',
            relationshipType: 'CONTAINS',
          },
          {
            spdxElementId: 'SPDXRef-DOCUMENT',
            relatedSpdxElement: 'SPDXRef-DocumentRoot-File-go.mod',
            relationshipType: 'DESCRIBES',
          },
        ],
      })
    const listed = (root: Record<string, unknown>) => {
      const out = discover(text(root))
      expect(out.errors).toEqual([])
      expect(out.skipped ?? []).toEqual([])
      return out.components.map((c) => [c.name, c.local ?? false, c.purl ?? null])
    }
    const lantern = ['example.com/lantern', false, 'pkg:golang/example.com/lantern@v1.2.0']
    expect(listed(subject({primaryPackagePurpose: 'FILE'}))).toEqual([lantern])
    expect(listed(subject({primaryPackagePurpose: 'DEVICE'}))).toEqual([lantern])
    // With a purl it is a package all the same; a software purpose, or none, leaves the subject listed, local.
    const purl = 'pkg:generic/go.mod@1'
    const withPurl = [{referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl}]
    expect(listed(subject({primaryPackagePurpose: 'FILE', externalRefs: withPurl}))).toEqual([
      lantern,
      ['go.mod', true, purl],
    ])
    expect(listed(subject({primaryPackagePurpose: 'APPLICATION'}))).toEqual([lantern, ['go.mod', true, null]])
    expect(listed(subject({}))).toEqual([lantern, ['go.mod', true, null]])
  })
})

describe("spdx-json: Trivy's go.mod main module", () => {
  /**
   * The shape Trivy (pkg/sbom/spdx/marshal.go) gives a go.mod it reads: the subject CONTAINS the go.mod's package
   * (its properties as annotations), which CONTAINS the main module (the `module` line, without a version), which
   * DEPENDS_ON the direct requirements. Fictional names.
   */
  const trivyGoDoc = (type: string) => {
    const annotate = (comment: string) => ({annotator: 'Tool: trivy-0.60.0', annotationType: 'OTHER', comment})
    const go = (id: string, name: string, version?: string) => ({
      SPDXID: `SPDXRef-Package-${id}`,
      name,
      ...(version ? {versionInfo: version} : {}),
      downloadLocation: 'NONE',
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: `pkg:golang/${name}${version ? `@${version}` : ''}`,
        },
      ],
      annotations: [annotate('PkgType: gomod')],
    })
    return doc({
      name: '.',
      creationInfo: {creators: ['Organization: aquasecurity', 'Tool: trivy-0.60.0']},
      packages: [
        {
          SPDXID: 'SPDXRef-Application-1',
          name: 'go.mod',
          downloadLocation: 'NONE',
          annotations: [annotate('Class: lang-pkgs'), annotate(`Type: ${type}`)],
        },
        {SPDXID: 'SPDXRef-Filesystem-1', name: '.', downloadLocation: 'NONE'},
        go('app', 'example.com/app'),
        go('direct', 'example.com/direct', 'v1.2.0'),
        go('indirect', 'example.com/indirect', 'v0.3.0'),
      ],
      relationships: [
        {spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Filesystem-1'},
        {
          spdxElementId: 'SPDXRef-Filesystem-1',
          relationshipType: 'CONTAINS',
          relatedSpdxElement: 'SPDXRef-Application-1',
        },
        {
          spdxElementId: 'SPDXRef-Application-1',
          relationshipType: 'CONTAINS',
          relatedSpdxElement: 'SPDXRef-Package-app',
        },
        {
          spdxElementId: 'SPDXRef-Package-app',
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: 'SPDXRef-Package-direct',
        },
        {
          spdxElementId: 'SPDXRef-Package-direct',
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: 'SPDXRef-Package-indirect',
        },
      ],
    })
  }
  const listed = (components: Component[]) =>
    components.map((c) => [c.name, c.version ?? null, c.direct ?? null, c.local ?? false, c.scope ?? null])

  it('lists the main module as the project itself (local), and what it requires as direct', () => {
    const {components, errors} = discover(trivyGoDoc('gomod'))
    expect(errors).toEqual([])
    // Before: example.com/app listed as a direct prod dependency, example.com/direct as indirect.
    expect(listed(components)).toEqual([
      ['.', null, null, true, null],
      ['example.com/app', null, null, true, null],
      ['example.com/direct', 'v1.2.0', true, false, 'prod'],
      ['example.com/indirect', 'v0.3.0', false, false, 'prod'],
    ])
  })

  it('leaves a module under another lockfile type as Trivy lists it', () => {
    const {components} = discover(trivyGoDoc('gobinary'))
    expect(listed(components).slice(1, 3)).toEqual([
      ['example.com/app', null, true, false, 'prod'],
      ['example.com/direct', 'v1.2.0', false, false, 'prod'],
    ])
  })
})
