/**
 * SPDX 3.0 documents in their JSON-LD serialisation (https://spdx.github.io/spdx-spec/v3.0.1/serializations/): the
 * compact form every SPDX 3 tool writes, a top-level `@context` naming the spdx.org 3.x context and an `@graph`
 * of elements. Read as plain JSON with the lockfile reader (positions, caps, `__proto__` refused): the compact
 * form with the standard context has fixed property names, so no JSON-LD processor (which would fetch the
 * context over the network) is needed; a graph written with another context is an error.
 * Packages (`software_Package`) and relationships become the SPDX 2 shape and are read by
 * ../../sbom-support/spdx.ts, with the same rules:
 * - purl `software_packageUrl` (else an `externalIdentifier` of type `packageUrl`), CPE from `cpe23`/`cpe22`
 *   identifiers; `software_downloadLocation`, `software_homePage`, `externalRef` of type `vcs` for the repository;
 * - the document's `rootElement` and `describes` targets are the subject (local);
 * - `dependsOn` is a run-time dependency unless its `LifecycleScopedRelationship` scope is `development`, `build`
 *   or `test` (then dev); `hasOptionalDependency` optional; `contains`, `hasStaticLink`, `hasDynamicLink`,
 *   `hasProvidedDependency` run time; `hasTest` marks a test (dev).
 */
import {isJsonObject, type JsonObject, type JsonValue} from '../../lockfile-support/json-reader.js'
import {jsonSbomFormat, readSbomJson, trimmedString as str} from '../../sbom-support/json-sbom.js'
import {type SpdxPackage, type SpdxRelationship, spdxComponents} from '../../sbom-support/spdx.js'
import type {DiscoverOutput} from '../../types.js'

const CONTEXT = /https?:\/\/spdx\.org\/rdf\/3\.[0-9.]+\/spdx-context\.jsonld/

export const discoverer = jsonSbomFormat({
  id: 'spdx3-jsonld',
  description: 'SPDX 3.0 JSON-LD document, with a top-level @context of spdx.org/rdf/3',
  key: '@context',
  also: CONTEXT,
  discover: discoverSpdx3,
})

const READ = new Set([
  'type',
  '@type',
  'spdxId',
  '@id',
  'name',
  'software_packageVersion',
  'software_packageUrl',
  'software_downloadLocation',
  'software_homePage',
  'externalIdentifier',
  'externalRef',
  'rootElement',
  'from',
  'to',
  'relationshipType',
  'scope',
])

const DEV_SCOPES = new Set(['development', 'build', 'test'])

export function discoverSpdx3(file: string, text: string): DiscoverOutput {
  // Only elements' identity, package fields and relationships are built: hashes, licences, creation info go
  // (paths hold keys only, no array indices).
  const read = readSbomJson(
    file,
    text,
    (path) =>
      (path.length === 1 && path[0] !== '@context' && path[0] !== '@graph') ||
      (path.length === 2 && path[0] === '@graph' && !READ.has(path[1])),
  )
  if (!read.ok) return read.output
  const {sbom} = read
  const {document, root} = sbom
  // A single context, or a list holding it (some writers wrap it in an array).
  if (!strings(root['@context']).some((context) => CONTEXT.test(context))) {
    const message = '@context is not the SPDX 3 context (https://spdx.org/rdf/3.x/spdx-context.jsonld)'
    return sbom.refuse('unsupported-sbom-version', message, '@context')
  }
  const graph = root['@graph']
  if (!Array.isArray(graph)) return sbom.refuse('invalid-sbom', "'@graph' must be an array", '@graph')
  const packages: SpdxPackage[] = []
  const relationships: SpdxRelationship[] = []
  const subjects: string[] = []
  for (const element of graph) {
    if (!isJsonObject(element)) continue
    const type = str(element.type) ?? str(element['@type'])
    if (type === 'software_Package') packages.push(spdxPackage(element, document.positionOf(element)))
    else if (type === 'SpdxDocument' || type === 'software_Sbom') subjects.push(...strings(element.rootElement))
    else if (type === 'Relationship' || type === 'LifecycleScopedRelationship') {
      const from = str(element.from)
      const kind = str(element.relationshipType)
      if (!from || !kind) continue
      for (const to of strings(element.to)) {
        if (kind === 'describes') subjects.push(to)
        else relationships.push(...asSpdx2(from, kind, to, str(element.scope)))
      }
    }
  }
  const out = spdxComponents(file, packages, relationships, subjects)
  return sbom.output(out.components, out.errors)
}

function spdxPackage(element: JsonObject, position: {line: number; column: number}): SpdxPackage {
  const refs: Array<[string, string, string]> = []
  const purl = str(element.software_packageUrl)
  if (purl) refs.push(['PACKAGE-MANAGER', 'purl', purl])
  for (const id of objects(element.externalIdentifier)) {
    const [type, identifier] = [str(id.externalIdentifierType), str(id.identifier)]
    if (!type || !identifier) continue
    if (type === 'packageUrl' && !purl) refs.push(['PACKAGE-MANAGER', 'purl', identifier])
    else if (type === 'cpe23' || type === 'cpe22') refs.push(['SECURITY', `${type}Type`, identifier])
  }
  for (const ref of objects(element.externalRef))
    if (str(ref.externalRefType) === 'vcs') for (const url of strings(ref.locator)) refs.push(['OTHER', 'vcs', url])
  return {
    id: str(element.spdxId) ?? str(element['@id']),
    name: str(element.name),
    version: str(element.software_packageVersion),
    downloadLocation: str(element.software_downloadLocation),
    homepage: str(element.software_homePage),
    refs,
    position,
  }
}

/** An SPDX 3 relationship as the SPDX 2 relationship of the same meaning (SPDX 3.0.1 Annex: from 2.3). */
function asSpdx2(from: string, kind: string, to: string, scope: string | undefined): SpdxRelationship[] {
  switch (kind) {
    case 'dependsOn':
      return scope && DEV_SCOPES.has(scope) ? [[to, 'DEV_DEPENDENCY_OF', from]] : [[from, 'DEPENDS_ON', to]]
    case 'hasOptionalDependency':
      return [[to, 'OPTIONAL_DEPENDENCY_OF', from]]
    case 'hasProvidedDependency':
      return [[to, 'PROVIDED_DEPENDENCY_OF', from]]
    case 'contains':
      return [[from, 'CONTAINS', to]]
    case 'hasStaticLink':
      return [[from, 'STATIC_LINK', to]]
    case 'hasDynamicLink':
      return [[from, 'DYNAMIC_LINK', to]]
    case 'hasTest':
      return [[to, 'TEST_OF', from]]
    default:
      return []
  }
}

function strings(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function objects(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : []
}
