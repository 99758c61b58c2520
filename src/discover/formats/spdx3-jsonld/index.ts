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
import {jsonSbomFormat, type PredicateType, readSbomJson, trimmedString as str} from '../../sbom-support/json-sbom.js'
import {type SpdxPackage, type SpdxRelationship, spdxComponents} from '../../sbom-support/spdx.js'
import type {DiscoverOutput} from '../../types.js'
import {appendAll} from '../../../core/arrays.js'

/** The standard context, and the `.json` name microsoft/sbom-tool 4 writes for it (the same vocabulary). */
const CONTEXT = /^https?:\/\/spdx\.org\/rdf\/3\.[0-9.]+\/spdx-context\.json(?:ld)?$/

/** Any SPDX 3 context, for the claim. */
const SPDX_RDF_3 = /^https?:\/\/spdx\.org\/rdf\/3/

/**
 * Claimed by any spdx.org/rdf/3 context in the head, so that a document written with another one is told (an
 * `unsupported-sbom-version` error), never passed over.
 */
/** An SPDX 3 document as an in-toto predicate: `https://spdx.dev/Document/v3.0` (spdx-json takes 2.x and no version). */
const PREDICATE: PredicateType = {
  test: /^https:\/\/spdx\.dev\/Document\/v3(?:\.\d+)*$/,
  name: 'an SPDX 3 document (https://spdx.dev/Document/v3.0)',
}

export const discoverer = jsonSbomFormat({
  id: 'spdx3-jsonld',
  description: 'SPDX 3.0 JSON-LD document, with a top-level @context of spdx.org/rdf/3',
  key: '@context',
  // The context's own value names spdx.org/rdf/3 (a string, or a string in a list): a document that only links to
  // the vocabulary elsewhere (a schema.org dataset's url) is not claimed.
  also: /"@context"\s*:\s*(?:\[[^\]]{0,2000}?)?"https?:\/\/spdx\.org\/rdf\/3/,
  // The same, of the value decoded (`"https:\/\/spdx.org\/rdf\/3.0.1\/spdx-context.jsonld"`, a key written with escapes).
  claims: (values) => values.some((value) => SPDX_RDF_3.test(value.trim())),
  predicate: PREDICATE,
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
  'externalIdentifierType',
  'identifier',
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
  // (paths hold keys only, no array indices). Each element of `@graph` is taken as the reader has it and leaves the
  // tree (a document of 200,000 packages was held whole as a tree first: 577 MB peak for 81 MB of JSON).
  let graphRead = new GraphRead()
  const read = readSbomJson(
    file,
    text,
    (path) =>
      (path.length === 1 && path[0] !== '@context' && path[0] !== '@graph') ||
      (path.length === 2 && path[0] === '@graph' && !READ.has(path[1])),
    {
      consumeItem(path, value, position) {
        if (path.length !== 1 || path[0] !== '@graph') return false
        graphRead.add(value, position)
        return true
      },
      restart() {
        graphRead = new GraphRead()
      },
      predicate: PREDICATE,
    },
  )
  if (!read.ok) return read.output
  const {sbom} = read
  const {root} = sbom
  // A single context, or a list holding it (some writers wrap it in an array).
  if (!strings(root['@context']).some((context) => CONTEXT.test(context.trim()))) {
    const message = '@context is not the SPDX 3 context (https://spdx.org/rdf/3.x/spdx-context.jsonld)'
    return sbom.refuse('unsupported-sbom-version', message, '@context')
  }
  const graph = root['@graph']
  if (graph === undefined) {
    const message = "no '@graph': the serialisation lists SPDX 3 elements under @graph (a lone element is not read)"
    return sbom.refuse('invalid-sbom', message, '@context')
  }
  if (!Array.isArray(graph)) return sbom.refuse('invalid-sbom', "'@graph' must be an array", '@graph')
  // Every object in the graph was taken as the reader had it; anything else in it says nothing.
  const out = spdxComponents(file, graphRead.packages(), graphRead.relationships, graphRead.subjects)
  return sbom.output(out.components, out.errors, out.skipped)
}

type Position = {line: number; column: number}

/** What the elements of a graph say, gathered one element at a time, in the graph's order. */
class GraphRead {
  /** Packages read, or kept as they are (with their position) until every ExternalIdentifier is known. */
  private readonly read: Array<SpdxPackage | [JsonObject, Position]> = []
  private readonly identifiers = new Map<string, JsonObject>()
  readonly relationships: SpdxRelationship[] = []
  readonly subjects: string[] = []

  add(element: JsonObject, position: Position): void {
    const type = str(element.type) ?? str(element['@type'])
    if (type === 'software_Package') {
      // An identifier named by reference may come later in the graph: such a package is read at the end.
      const named =
        Array.isArray(element.externalIdentifier) && element.externalIdentifier.some((item) => typeof item === 'string')
      this.read.push(named ? [element, position] : spdxPackage(element, position, this.identifiers))
    } else if (type === 'ExternalIdentifier') {
      const id = str(element.spdxId) ?? str(element['@id'])
      if (id) this.identifiers.set(id, element)
    } else if (type === 'SpdxDocument' || type === 'software_Sbom')
      appendAll(this.subjects, strings(element.rootElement))
    else if (type === 'Relationship' || type === 'LifecycleScopedRelationship') {
      const from = str(element.from)
      const kind = str(element.relationshipType)
      if (!from || !kind) return
      for (const to of strings(element.to)) {
        if (kind === 'describes' || kind === 'DESCRIBES') this.subjects.push(to)
        else this.relationships.push(...asSpdx2(from, kind, to, str(element.scope)))
      }
    }
  }

  packages(): SpdxPackage[] {
    return this.read.map((item) => (Array.isArray(item) ? spdxPackage(item[0], item[1], this.identifiers) : item))
  }
}

function spdxPackage(
  element: JsonObject,
  position: {line: number; column: number},
  identifiers: ReadonlyMap<string, JsonObject>,
): SpdxPackage {
  const refs: Array<[string, string, string]> = []
  const purl = str(element.software_packageUrl)
  if (purl) refs.push(['PACKAGE-MANAGER', 'purl', purl])
  const ids = Array.isArray(element.externalIdentifier) ? element.externalIdentifier : []
  let hasPurl = purl !== undefined
  for (const item of ids) {
    const id = typeof item === 'string' ? identifiers.get(item) : isJsonObject(item) ? item : undefined
    if (!id) continue
    const [type, identifier] = [str(id.externalIdentifierType), str(id.identifier)]
    if (!type || !identifier) continue
    if ((type === 'packageUrl' || type === 'purl') && !hasPurl) {
      refs.push(['PACKAGE-MANAGER', 'purl', identifier])
      hasPurl = true
    } else if (type === 'cpe23' || type === 'cpe22') refs.push(['SECURITY', `${type}Type`, identifier])
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

/**
 * An SPDX 3 relationship as the SPDX 2 relationship of the same meaning (SPDX 3.0.1 Annex: from 2.3). An SPDX 2
 * type written as such (microsoft/sbom-tool writes `DEPENDS_ON`) keeps its SPDX 2 meaning.
 */
function asSpdx2(from: string, kind: string, to: string, scope: string | undefined): SpdxRelationship[] {
  if (/^[A-Z][A-Z_]*$/.test(kind)) return [[from, kind, to]]
  switch (kind) {
    case 'dependsOn':
      return scope && DEV_SCOPES.has(scope) ? [[to, 'DEV_DEPENDENCY_OF', from]] : [[from, 'DEPENDS_ON', to]]
    case 'hasOptionalDependency':
      return [[to, 'OPTIONAL_DEPENDENCY_OF', from]]
    case 'hasOptionalComponent':
      return [[to, 'OPTIONAL_COMPONENT_OF', from]]
    case 'usesTool':
      // BUILD_TOOL_OF, DEV_TOOL_OF, TEST_TOOL_OF in SPDX 2; a tool used at run time is needed then.
      return scope === 'runtime' ? [[from, 'DEPENDS_ON', to]] : [[to, 'DEV_TOOL_OF', from]]
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
