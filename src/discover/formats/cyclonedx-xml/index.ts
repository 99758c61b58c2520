/**
 * CycloneDX XML BOMs, specification 1.0 to 1.7 (namespace `http://cyclonedx.org/schema/bom/1.x`). Any `.xml`
 * file is a candidate; its head decides: a `<bom` root element in a CycloneDX namespace within the first 64 KiB.
 * Read with ../../sbom-support/xml.ts (saxes: positions, no DTD, no entities); components by
 * ../../sbom-support/cyclonedx.ts, the same rules as the JSON format.
 */
import {CDX_VERSIONS, type CdxComponent, cdxCollector, directRefs, skipUnreadXml} from '../../sbom-support/cyclonedx.js'
import {child, childText, children, readXml, type XmlElement} from '../../sbom-support/xml.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {SBOM_FILE} from '../../sbom-support/json-sbom.js'

const NAMESPACE = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/

export const discoverer: Discoverer = {
  id: 'cyclonedx-xml',
  description: 'CycloneDX XML BOM (1.0-1.7), a <bom> in a cyclonedx.org namespace',
  matches: (file) => (/\.xml$/i.test(file) && !/(^|\/)(pom|AndroidManifest)\.xml$/.test(file)) || SBOM_FILE.test(file),
  sniff: (head) =>
    /<(?:[A-Za-z_][\w.-]*:)?bom[\s>][^>]*xmlns(?::[\w.-]+)?=["']http:\/\/cyclonedx\.org\/schema\/bom\//.test(head),
  discover: ({file, text}) => discoverCycloneDxXml(file, text),
}

export function discoverCycloneDxXml(file: string, text: string): DiscoverOutput {
  // Top-level components become components as each closes (cdxCollector: `direct` is set once the dependencies are
  // read), so neither their element trees nor records of them are all kept at once.
  let collector = cdxCollector(file)
  const document = readXml(text, {
    skip: skipUnreadXml,
    consume: (element, parent, depth) => {
      if (depth !== 2 || element.name !== 'component' || parent.name !== 'components' || element.uri !== parent.uri)
        return false
      collector.add(component(element))
      return true
    },
    restart: () => {
      collector = cdxCollector(file)
    },
  })
  if (!document.ok) {
    const {line, column, message} = document
    return {components: [], errors: [{file, line, column, code: 'invalid-xml', message}]}
  }
  const bom = document.root
  const version = NAMESPACE.exec(bom.uri)?.[1]
  if (bom.name !== 'bom' || version === undefined || !CDX_VERSIONS.test(version)) {
    const message = `not a CycloneDX 1.0-1.7 BOM: root <${bom.name}> in namespace "${bom.uri}"`
    return {
      components: [],
      errors: [{file, line: bom.line, column: bom.column, code: 'unsupported-sbom-version', message}],
    }
  }
  const metadata = child(bom, 'metadata')
  const subject = metadata && child(metadata, 'component')
  const subjectRead = subject && component(subject)
  const graph = child(bom, 'dependencies')
  const entries = graph
    ? children(graph, 'dependency').flatMap(
        (d): Array<[string, string[]]> =>
          d.attributes.ref
            ? [[d.attributes.ref, children(d, 'dependency').flatMap((on) => on.attributes.ref || [])]]
            : [],
      )
    : []
  const out = collector.finish(subjectRead, directRefs(subjectRead, entries, collector.grouping, collector.roots))
  return {components: out.components, errors: out.errors, skipped: out.skipped}
}

function components(list: XmlElement): CdxComponent[] {
  return children(list, 'component').map(component)
}

function component(element: XmlElement): CdxComponent {
  const references = child(element, 'externalReferences')
  const properties = child(element, 'properties')
  const nested = child(element, 'components')
  const attributes = element.attributes
  return {
    ref: attributes['bom-ref'] || undefined,
    type: attributes.type || undefined,
    name: childText(element, 'name'),
    group: childText(element, 'group'),
    version: childText(element, 'version'),
    versionRange: childText(element, 'versionRange'),
    purl: childText(element, 'purl'),
    cpe: childText(element, 'cpe'),
    scope: childText(element, 'scope'),
    references: references
      ? children(references, 'reference').flatMap((r): Array<[string, string]> => {
          const url = childText(r, 'url')
          return r.attributes.type && url ? [[r.attributes.type, url]] : []
        })
      : [],
    properties: properties
      ? children(properties, 'property').flatMap(
          (p): Array<[string, string]> => (p.attributes.name ? [[p.attributes.name, p.text.trim()]] : []),
        )
      : [],
    components: nested ? components(nested) : [],
    position: {line: element.line, column: element.column},
  }
}
