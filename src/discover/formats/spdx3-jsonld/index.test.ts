import {describe, expect, it} from 'vitest'
import {formatRunner, readSbomFixture, sbomRow} from '../../../../tests/sbom/support.js'
import {registeredDiscoverer} from '../../../../tests/support/registered.js'
import {discoverer} from './index.js'

const {discover, fixture} = formatRunner(discoverer, 'sbom.spdx3.json')

const CONTEXT = 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld'

function graph(elements: unknown[]) {
  return JSON.stringify({'@context': CONTEXT, '@graph': elements}, null, 2)
}

describe('spdx3-jsonld', () => {
  it('reads spdx-examples example 11 in SPDX 3.0.1: root element local, build-scoped dependsOn as dev', () => {
    const {components, errors} = fixture('spdx3-example11.spdx3.json')
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
        '215:6',
      ],
      ['cargo', 'hyper', '0.14', 'dev', false, 'pkg:cargo/hyper@0.14', null, '224:6'],
      ['cargo', 'tokio', '1.19.2', 'dev', false, 'pkg:cargo/tokio@1.19.2', null, '233:6'],
      ['cargo', 'pretty_env_logger', '0.4.0', 'dev', false, 'pkg:cargo/pretty_env_logger@0.4.0', null, '242:6'],
    ])
  })

  it('gives example 9 the same packages, scopes and repositories as its SPDX 2.2 form', () => {
    const {components, errors} = fixture('spdx3-example9-appbomination.spdx3.json')
    expect(errors).toEqual([])
    // The SPDX 2 reader, as discovery registers it (plug-ins do not import each other).
    const spdx2 = registeredDiscoverer('spdx-json')
    const name = 'spdx-example9-appbomination.spdx.json'
    const v2 = formatRunner(spdx2, name).discover(readSbomFixture(name))
    const withoutLine = (row: unknown[]) => row.slice(0, -1)
    const sorted = (rows: unknown[][]) => rows.map(withoutLine).sort((a, b) => String(a[1]).localeCompare(String(b[1])))
    expect(sorted(components.map(sbomRow))).toEqual(sorted(v2.components.map(sbomRow)))
    expect(components.find((c) => c.name === 'junit:junit')?.scope).toBe('dev')
  })

  it('reads externalIdentifier purls and CPEs, vcs references, optional and test relationships', () => {
    const id = (n: string) => `https://example.com/spdx/${n}`
    const {components, errors} = discover(
      graph([
        {type: 'SpdxDocument', spdxId: id('doc'), rootElement: [id('app')]},
        {type: 'software_Package', spdxId: id('app'), name: 'app'},
        {
          type: 'software_Package',
          spdxId: id('lib'),
          name: 'lib',
          software_packageVersion: '2.0.0',
          externalIdentifier: [
            {type: 'ExternalIdentifier', externalIdentifierType: 'packageUrl', identifier: 'pkg:npm/lib@2.0.0'},
            {
              type: 'ExternalIdentifier',
              externalIdentifierType: 'cpe23',
              identifier: 'cpe:2.3:a:example:lib:2.0.0:*:*:*:*:*:*:*',
            },
          ],
          externalRef: [
            {type: 'ExternalRef', externalRefType: 'vcs', locator: ['https://git.example.com/acme/lib.git']},
          ],
        },
        {type: 'software_Package', spdxId: id('maybe'), name: 'maybe', software_packageUrl: 'pkg:npm/maybe@1.0.0'},
        {type: 'software_Package', spdxId: id('check'), name: 'check', software_packageUrl: 'pkg:npm/check@1.0.0'},
        {type: 'Relationship', from: id('app'), relationshipType: 'dependsOn', to: [id('lib')]},
        {type: 'Relationship', from: id('app'), relationshipType: 'hasOptionalDependency', to: [id('maybe')]},
        {type: 'Relationship', from: id('app'), relationshipType: 'hasTest', to: [id('check')]},
      ]),
    )
    expect(errors).toEqual([])
    expect(
      components.map((c) => [
        c.name,
        c.scope ?? null,
        c.local ?? false,
        c.purl ?? null,
        c.statedRepository?.url ?? null,
      ]),
    ).toEqual([
      ['app', null, true, null, null],
      ['lib', 'prod', false, 'pkg:npm/lib@2.0.0', 'https://git.example.com/acme/lib.git'],
      ['maybe', 'optional', false, 'pkg:npm/maybe@1.0.0', null],
      ['check', 'dev', false, 'pkg:npm/check@1.0.0', null],
    ])
    expect(components[1].cpe).toBe('cpe:2.3:a:example:lib:2.0.0:*:*:*:*:*:*:*')
  })

  it('lists each package once when the fast reader gives up after taking some, identifiers named before or after', () => {
    const elements = [
      {
        type: 'software_Package',
        spdxId: 'urn:a',
        name: 'a',
        software_packageVersion: '1.0.0',
        externalIdentifier: ['urn:id-a'],
      },
      {
        type: 'ExternalIdentifier',
        spdxId: 'urn:id-a',
        externalIdentifierType: 'packageUrl',
        identifier: 'pkg:npm/a@1.0.0',
      },
      {type: 'software_Package', spdxId: 'urn:b', name: 'b', software_packageUrl: 'pkg:npm/b@2.0.0'},
    ]
    // Nesting past the fast reader's 200 levels, after the graph: it gives up there, the visitor reads it all.
    const text = graph(elements).replace(/\n}$/, `,\n  "zz": ${'['.repeat(250)}${']'.repeat(250)}\n}`)
    for (const document of [graph(elements), text]) {
      const {components, errors} = discover(document)
      expect(errors).toEqual([])
      expect(components.map((c) => c.purl)).toEqual(['pkg:npm/a@1.0.0', 'pkg:npm/b@2.0.0'])
    }
  })

  it('refuses another context or a graph that is not an array, naming file and line', () => {
    expect(discover(JSON.stringify({'@context': 'https://example.com/other.jsonld', '@graph': []})).errors).toEqual([
      {
        file: 'sbom.spdx3.json',
        line: 1,
        column: 2,
        code: 'unsupported-sbom-version',
        message: '@context is not the SPDX 3 context (https://spdx.org/rdf/3.x/spdx-context.jsonld)',
      },
    ])
    expect(discover(JSON.stringify({'@context': CONTEXT, '@graph': {}})).errors[0].message).toBe(
      "'@graph' must be an array",
    )
    expect(discover(JSON.stringify({'@context': [CONTEXT], '@graph': []})).errors).toEqual([])
    expect(discover(`{"@context": "${CONTEXT}", "@graph": [`).errors[0].code).toBe('invalid-json')
  })

  it('claims JSON files whose head has the SPDX 3 context', () => {
    expect(discoverer.sniff?.(`{"@context" : "${CONTEXT}", "@graph" : [`)).toBe(true)
    expect(discoverer.sniff?.('{"@context": "https://schema.org", "@graph": []}')).toBe(false)
    expect(discoverer.sniff?.('{"spdxVersion": "SPDX-2.3"}')).toBe(false)
  })

  it('reads microsoft/sbom-tool 3.0 output: the .json context, ExternalIdentifier elements by reference, SPDX 2 relationship names', () => {
    const text = readSbomFixture('sbom-tool-3.0.manifest.spdx.json')
    expect(discoverer.sniff?.(text.slice(0, 200))).toBe(true)
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map(sbomRow)).toEqual([
      ['nuget', 'Serilog.Sinks.Async', '2.1.0', 'prod', false, 'pkg:nuget/Serilog.Sinks.Async@2.1.0', null, '6:5'],
      [
        'nuget',
        'Microsoft.ComponentDetection.Orchestrator',
        '5.2.19',
        'prod',
        false,
        'pkg:nuget/Microsoft.ComponentDetection.Orchestrator@5.2.19',
        null,
        '26:5',
      ],
      [
        'generic',
        'Microsoft/spdx.org/sbom-tool sample',
        '4.0.3',
        null,
        true,
        'pkg:swid/Microsoft/spdx.org/sbom-tool%20sample@4.0.3?tag_id=2d7ec67d-6477-4811-b1b0-8dfb4eaebea0',
        null,
        '53:5',
      ],
    ])
  })

  it('claims any spdx.org/rdf/3 context, so that another one is an error rather than silence', () => {
    const other = '{"@context": "https://spdx.org/rdf/3.0.1/terms/other.jsonld", "@graph": []}'
    expect(discoverer.sniff?.(other)).toBe(true)
    expect(discover(other).errors.map((e) => e.code)).toEqual(['unsupported-sbom-version'])
  })

  it('maps usesTool to dev (unless its scope is runtime) and hasOptionalComponent to optional, as in SPDX 2', () => {
    const pkg = (id: string) => ({type: 'software_Package', spdxId: id, name: id})
    const rel = (relationshipType: string, to: string, scope?: string) => ({
      type: scope ? 'LifecycleScopedRelationship' : 'Relationship',
      from: 'app',
      relationshipType,
      to: [to],
      ...(scope ? {scope} : {}),
    })
    const {components} = discover(
      graph([
        {type: 'SpdxDocument', rootElement: ['app']},
        pkg('app'),
        pkg('gcc'),
        pkg('jest'),
        pkg('lib'),
        pkg('helper'),
        rel('usesTool', 'gcc', 'build'),
        rel('hasOptionalComponent', 'jest'),
        rel('usesTool', 'helper'),
        rel('usesTool', 'lib', 'runtime'),
      ]),
    )
    expect(components.map((c) => [c.name, c.scope ?? null])).toEqual([
      ['app', null],
      ['gcc', 'dev'],
      ['jest', 'optional'],
      ['lib', 'prod'],
      ['helper', 'dev'],
    ])
  })

  it('says what is missing when a document has no @graph (a lone element, as in spdx-3-model examples)', () => {
    const lone = JSON.stringify({'@context': CONTEXT, type: 'software_Package', spdxId: 'urn:x:p', name: 'p'})
    expect(discover(lone).errors.map((e) => e.message)).toEqual([
      "no '@graph': the serialisation lists SPDX 3 elements under @graph (a lone element is not read)",
    ])
  })

  it('claims a JSON-LD document by its @context only, not by a link to the SPDX vocabulary elsewhere', () => {
    const sniff = (head: string) => discoverer.sniff?.(head, () => undefined)
    expect(sniff('{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}')).toBe(true)
    expect(sniff('{"@context": ["https://spdx.org/rdf/3.0.0/spdx-context.jsonld"], "@graph": []}')).toBe(true)
    // Another SPDX 3 context is claimed, so that it is told (unsupported-sbom-version), never passed over.
    expect(sniff('{"@context": "https://spdx.org/rdf/3.1/other.jsonld"}')).toBe(true)
    expect(
      sniff('{"@context": "https://schema.org", "@type": "Dataset", "url": "https://spdx.org/rdf/3.0.1/terms/Core/"}'),
    ).toBe(false)
    // A long context list (here over 2,000 characters, the SPDX context its ninth entry) is claimed too.
    const others = Array.from({length: 8}, (_, i) => `"https://example.org/contexts/${'x'.repeat(300)}/${i}.jsonld"`)
    const long = `{"@context": [${others.join(', ')}, "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"], "@graph": []}`
    expect(sniff(long)).toBe(true)
  })

  it('claims a context written with escapes (PHP writes `https:\\/\\/`), its value decoded; not another one', () => {
    const sniff = (head: string) => discoverer.sniff?.(head, () => undefined)
    expect(sniff('{"@context": "https:\\/\\/spdx.org\\/rdf\\/3.0.1\\/spdx-context.jsonld", "@graph": []}')).toBe(true)
    expect(
      sniff('{"\\u0040context": ["https:\\/\\/spdx.org\\/rdf\\/3.0.1\\/spdx-context.jsonld"], "@graph": []}'),
    ).toBe(true)
    expect(sniff('{"@context": "https:\\/\\/schema.org", "url": "https:\\/\\/spdx.org\\/rdf\\/3.0.1\\/"}')).toBe(false)
    // The same in the tail of a longer document, its @context written last.
    const tail = '"name": "x"}], "@context": "https:\\/\\/spdx.org\\/rdf\\/3.0.1\\/spdx-context.jsonld"}'
    expect(discoverer.sniff?.('{"@graph": [{"type": "software_Package",', () => tail)).toBe(true)
    expect(
      discoverer.sniff?.('{"@graph": [{"type": "software_Package",', () => tail.replace('spdx.org', 'example.org')),
    ).toBe(false)
  })
})
