import {describe, expect, it} from 'vitest'
import type {Component} from '../../../core/model.js'
import {brief, formatRunner, readSbomFixture} from '../../../../tests/sbom/support.js'
import {registeredDiscoverer} from '../../../../tests/support/registered.js'
import {discoverer} from './index.js'

const {discover, fixture} = formatRunner(discoverer, 'bom.xml')

const read = readSbomFixture

/** Everything but the location: what the JSON and XML forms of one BOM must agree on. */
/** Every field but the locations, in key order: a format's key order is not what it says (merge.ts writes its own). */
function identity(c: Component) {
  const fields = Object.entries({...c, ref: c.ref.replace(/#.*$/, '')}).filter(([key]) => key !== 'locations')
  return JSON.stringify(fields.sort(([a], [b]) => (a < b ? -1 : 1)))
}

const NS = 'http://cyclonedx.org/schema/bom/1.6'

describe('cyclonedx-xml', () => {
  it("reads the specification's own 1.7 example (valid-bom-1.7.xml): pedigree ancestors are not components", () => {
    const {components, errors} = fixture('cdx-spec-valid-bom-1.7.xml')
    expect(errors).toEqual([])
    expect(components.map(brief)).toEqual([
      ['generic', 'Acme Application', '9.1.1', null, true, '26:9'],
      ['maven', 'com.acme:tomcat-catalina', '9.0.14', 'prod', false, '52:9'],
      ['maven', 'com.example:myapplication', '1.0.0', 'prod', false, '111:9'],
      ['maven', 'com.example:myframework', '1.0.0', 'prod', false, '171:9'],
    ])
    expect(components[1].purl).toBe('pkg:maven/com.acme/tomcat-catalina@9.0.14?packaging=jar')
  })

  it('reads cyclonedx-npm 1.5 XML: the subject local, dev dependencies, optional scope, at each <component>', () => {
    const {components, errors} = discover(read('cdx-npm-dev-dependencies.bom.1.5.xml'))
    expect(errors).toEqual([])
    expect(
      components.map((c) => [
        c.name,
        c.version,
        c.scope ?? null,
        c.local ?? false,
        c.statedRepository?.url,
        `${c.locations[0].line}:${c.locations[0].column}`,
      ]),
    ).toEqual([
      ['demo-dev-dependencies', '0.0.0', null, true, 'git+https://github.com/CycloneDX/cyclonedx-node-npm.git', '64:5'],
      ['@types/node', '20.14.10', 'dev', false, 'git+https://github.com/DefinitelyTyped/DefinitelyTyped.git', '95:5'],
      ['@types/uuid', '8.3.4', 'dev', false, 'git+https://github.com/DefinitelyTyped/DefinitelyTyped.git', '132:5'],
      ['undici-types', '5.26.5', 'dev', false, 'git+https://github.com/nodejs/undici.git', '169:5'],
      ['uuid', '8.3.2', 'dev', false, 'git+https://github.com/uuidjs/uuid.git', '205:5'],
      ['uuidv4', '6.2.13', 'optional', false, 'git://github.com/thenativeweb/uuidv4.git', '241:5'],
    ])
  })

  it('reads nested components at their own <component> line', () => {
    const {components, errors} = discover(read('cdx-npm-package-integrity.bom.1.6.xml'))
    expect(errors).toEqual([])
    expect(
      components.map((c) => [c.name, c.version ?? null, `${c.locations[0].line}:${c.locations[0].column}`]),
    ).toEqual([
      ['demo-package-integrity', null, '64:5'],
      ['base64-js', '1.0.1', '89:5'],
      ['buffer', '5.4.3', '125:5'],
      ['base64-js', '1.3.1', '161:9'],
      ['ieee754', '1.1.13', '199:5'],
      ['ignore', '5.1.4', '235:5'],
    ])
  })

  it('gives the same components as the JSON form of the same BOM (bom-examples Laravel 1.4, cyclonedx-npm 1.6)', () => {
    for (const [xml, json] of [
      ['laravel-7.12.0.bom.1.4.xml', 'laravel-7.12.0.bom.1.4.json'],
      ['cdx-npm-package-integrity.bom.1.6.xml', 'cdx-npm-package-integrity.bom.1.6.json'],
    ]) {
      const fromXml = discover(read(xml), 'bom')
      const fromJson = formatRunner(registeredDiscoverer('cyclonedx-json'), 'bom').discover(read(json))
      expect(fromXml.errors).toEqual([])
      expect(fromXml.components.map(identity)).toEqual(fromJson.components.map(identity))
    }
    const laravel = discover(read('laravel-7.12.0.bom.1.4.xml')).components
    expect(laravel).toHaveLength(63)
    expect(laravel.slice(1, 3).map((c) => [c.name, c.statedRepository?.url, c.locations[0].line])).toEqual([
      ['asm89/stack-cors', 'https://github.com/asm89/stack-cors.git', 41],
      ['brick/math', 'https://github.com/brick/math.git', 79],
    ])
  })

  it('refuses DOCTYPEs (no entity expansion, no external entities) and reports malformed XML with line and column', () => {
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<bom xmlns="${NS}"><components><component type="library"><name>&b;</name></component></components></bom>`
    expect(discover(laughs).errors).toEqual([
      {
        file: 'bom.xml',
        line: 2,
        column: 1,
        code: 'invalid-xml',
        message: 'DOCTYPE declarations are refused (no entity expansion, no external entities in SBOMs)',
      },
    ])
    const external = `<!DOCTYPE bom SYSTEM "http://127.0.0.1:9/evil.dtd">\n<bom xmlns="${NS}"/>`
    expect(discover(external).errors.map((e) => e.code)).toEqual(['invalid-xml'])
    const undefinedEntity = `<bom xmlns="${NS}">\n<components><component><name>&xxe;</name></component></components></bom>`
    expect(discover(undefinedEntity).errors).toEqual([
      {file: 'bom.xml', line: 2, column: 35, code: 'invalid-xml', message: 'invalid XML: undefined entity.'},
    ])
    expect(discover(`<bom xmlns="${NS}"><components>`).errors[0].code).toBe('invalid-xml')
    expect(discover(`${'<a>'.repeat(300)}`).errors[0].message).toBe('XML nested deeper than 256 levels')
  })

  it('reports a BOM of an unknown version, a component without name or purl, and an invalid purl', () => {
    expect(discover('<bom xmlns="http://cyclonedx.org/schema/bom/2.0"/>').errors[0]).toMatchObject({
      code: 'unsupported-sbom-version',
      line: 1,
      column: 1,
    })
    const {components, errors, skipped} = discover(
      `<bom xmlns="${NS}">\n  <components>\n    <component type="library"><version>1</version></component>\n    <component type="library"><name>x</name><purl>pkg:/x</purl></component>\n    <component type="library"><name>ok</name><purl>pkg:npm/ok@1.0.0</purl></component>\n    <component type="library"><purl>pkg:/y</purl></component>\n  </components>\n</bom>`,
    )
    // A component whose purl is not valid is listed by its name, with a skip; without a name, it is an error.
    expect(
      components.map((c) => [c.ecosystem, c.name, c.purl ?? null, `${c.locations[0].line}:${c.locations[0].column}`]),
    ).toEqual([
      ['generic', 'x', null, '4:5'],
      ['npm', 'ok', 'pkg:npm/ok@1.0.0', '5:5'],
    ])
    expect(skipped).toEqual([
      {
        file: 'bom.xml',
        line: 4,
        reason: 'unsupported',
        message:
          'invalid package URL "pkg:/x": "name" is a required component; the component is listed by its name, without it',
      },
    ])
    expect(errors.map((e) => [e.code, e.line, e.column])).toEqual([
      ['invalid-entry', 3, 5],
      ['invalid-purl', 6, 5],
    ])
  })

  it('claims XML files whose head opens a CycloneDX <bom>', () => {
    expect(discoverer.matches('bom.xml')).toBe(true)
    expect(discoverer.matches('java/pom.xml')).toBe(false)
    expect(discoverer.sniff?.(`<?xml version="1.0"?>\n<bom xmlns="${NS}" serialNumber="urn:uuid:x" version="1">`)).toBe(
      true,
    )
    expect(discoverer.sniff?.(`<cdx:bom xmlns:cdx="${NS}">`)).toBe(true)
    expect(discoverer.sniff?.('<project xmlns="http://maven.apache.org/POM/4.0.0">')).toBe(false)
  })

  it("lists cdxgen's top-level modules without a group by name, with a skip each, not an error (cdxgen ddc-sbom)", () => {
    const {components, errors, skipped} = fixture('cdxgen-ddc-sbom.xml')
    expect(errors).toEqual([])
    const modules = components.filter((c) => c.name.startsWith('dependency-diff-check-'))
    expect(
      modules.map((c) => [c.ecosystem, c.name, c.version, c.purl ?? null, c.direct ?? null, c.locations[0].line]),
    ).toEqual([
      // This BOM's subject depends on the service only (its JSON twin lists all three).
      ['generic', 'dependency-diff-check-client-starter', 'latest', null, false, 29],
      ['generic', 'dependency-diff-check-common-core', 'latest', null, false, 326],
      ['generic', 'dependency-diff-check-service', 'latest', null, true, 363],
    ])
    const said = (name: string) =>
      `invalid package URL "pkg:maven/${name}@latest?type=jar": maven requires a "namespace" component; the component is listed by its name, without it`
    expect(
      (skipped ?? []).filter((s) => !s.message.includes("SBOM's subject")).map((s) => [s.line, s.message]),
    ).toEqual([
      [29, said('dependency-diff-check-client-starter')],
      [326, said('dependency-diff-check-common-core')],
      [363, said('dependency-diff-check-service')],
    ])
  })

  it("tells direct dependencies by the subject's entry in the dependency graph (cyclonedx-npm)", () => {
    const {components} = fixture('cdx-npm-dev-dependencies.bom.1.5.xml')
    expect(components.map((c) => [c.name, c.local ?? false, c.direct ?? null])).toEqual([
      ['demo-dev-dependencies', true, null],
      ['@types/node', false, true],
      ['@types/uuid', false, true],
      ['undici-types', false, false],
      ['uuid', false, true],
      ['uuidv4', false, true],
    ])
  })
})
