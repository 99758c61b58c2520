/**
 * SPDX 2.2 and 2.3 documents in JSON (https://spdx.github.io/spdx-spec/v2.3/conformance/). Any `.json` file is
 * a candidate; its content decides: a top-level `spdxVersion` key in the first or the last 64 KiB (microsoft/sbom-tool
 * and older Trivy write it last), or a top-level `"SPDXID": "SPDXRef-DOCUMENT"` in the first
 * (../../sbom-support/json-sbom.ts); or an in-toto Statement whose predicate is one (../../sbom-support/in-toto.ts). Packages become
 * components by ../../sbom-support/spdx.ts; files and snippets are not components and are not read.
 */
import {hasTopLevelKey} from '../../json-tree.js'
import {CONSUMED, isJsonObject, type JsonObject, type JsonValue} from '../../lockfile-support/json-reader.js'
import type {Position} from '../../../core/line-index.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {type PredicateType, jsonSbomFormat, readSbomJson, trimmedString as str} from '../../sbom-support/json-sbom.js'
import {SPDX2_VERSIONS, type SpdxPackage, type SpdxRelationship, spdxComponents} from '../../sbom-support/spdx.js'
import type {DiscoverOutput} from '../../types.js'

/** An SPDX 2 document as an in-toto predicate (BuildKit's `sbom.spdx.json`; in-toto's spec/predicates/spdx.md). */
const PREDICATE: PredicateType = {
  test: /^https:\/\/spdx\.dev\/Document(?:\/v2\.[0-3])?$/,
  name: 'an SPDX 2 document (https://spdx.dev/Document)',
}

export const discoverer = jsonSbomFormat({
  id: 'spdx-json',
  description: 'SPDX 2.2/2.3 JSON document, with a top-level spdxVersion',
  key: 'spdxVersion',
  // Bitnami images ship SPDX JSON as /opt/bitnami/<app>/.spdx-<app>.spdx; spdx-tag-value reads the other `.spdx`.
  alsoNamed: /\.spdx$/i,
  // The document's own identifier, which SPDX 2 fixes: only an SPDX 2 document has it (Trivy wrote it first).
  early: (head) => hasTopLevelKey(head, 'SPDXID') && /"SPDXID"[ \t\r\n]*:[ \t\r\n]*"SPDXRef-DOCUMENT"/.test(head),
  predicate: PREDICATE,
  discover: discoverSpdxJson,
})

const READ_TOP = new Set([
  'spdxVersion',
  'SPDXID',
  'name',
  'packages',
  'relationships',
  'documentDescribes',
  '@context',
  'creationInfo',
])
const READ_PACKAGE = new Set([
  'SPDXID',
  'name',
  'versionInfo',
  'downloadLocation',
  'homepage',
  'externalRefs',
  'annotations',
  'primaryPackagePurpose',
])

export function discoverSpdxJson(file: string, text: string): DiscoverOutput {
  // Only what becomes a component is built: files, snippets, licence texts and checksums are dropped unread. The
  // top-level `packages` and `relationships` are read item by item, as the reader has each, and leave the tree (a
  // document of 200,000 packages was held whole as a tree first: 605 MB peak for 87 MB of JSON).
  let packages: SpdxPackage[] = []
  let relationships: SpdxRelationship[] = []
  const read = readSbomJson(
    file,
    text,
    (path) =>
      (path.length === 1 && !READ_TOP.has(path[0])) ||
      (path.length === 2 && path[0] === 'packages' && !READ_PACKAGE.has(path[1])),
    {
      consumeItem(path, value, position) {
        if (path.length !== 1) return false
        if (path[0] === 'packages') packages.push(spdxPackage(value, position))
        else if (path[0] === 'relationships') relationships.push(...relationship(value))
        else return false
        return true
      },
      restart() {
        packages = []
        relationships = []
      },
      predicate: PREDICATE,
    },
  )
  if (!read.ok) return read.output
  const {sbom} = read
  const {root, errors} = sbom
  if (root.spdxVersion === undefined && root['@context'] !== undefined) {
    const message =
      'an SPDX 3 document (JSON-LD, @context) where an SPDX 2 one was expected: read as SPDX 3 in a file of its own, or in a Statement whose predicateType is https://spdx.dev/Document/v3.0'
    return sbom.refuse('unsupported-sbom-version', message, '@context')
  }
  if (typeof root.spdxVersion !== 'string' || !SPDX2_VERSIONS.test(root.spdxVersion)) {
    const message = `spdxVersion ${JSON.stringify(root.spdxVersion ?? null)} is not an SPDX version this reader knows (SPDX-2.0 to SPDX-2.3)`
    return sbom.refuse('unsupported-sbom-version', message, 'spdxVersion')
  }
  for (const key of ['packages', 'relationships', 'documentDescribes']) {
    if (root[key] !== undefined && !Array.isArray(root[key]))
      return sbom.refuse('invalid-sbom', `'${key}' must be an array`, key)
  }
  // Every object in the list was taken as the reader had it: what is left are items that are not objects, each an
  // error.
  for (const [index, item] of ((root.packages ?? []) as JsonValue[]).entries()) {
    if (item === CONSUMED) continue
    const {line, column} = sbom.at('packages')
    errors.push(lockfileError(file, 'invalid-entry', `packages[${index}] must be an object`, line, column))
  }
  const describes = ((root.documentDescribes ?? []) as JsonValue[]).filter((d): d is string => typeof d === 'string')
  const creators =
    isJsonObject(root.creationInfo) && Array.isArray(root.creationInfo.creators) ? root.creationInfo.creators : []
  const tools = creators.filter((c): c is string => typeof c === 'string')
  const out = spdxComponents(file, packages, relationships, describes, str(root.name), tools)
  return sbom.output(out.components, out.errors, out.skipped)
}

function spdxPackage(item: JsonObject, position: Position): SpdxPackage {
  return {
    id: str(item.SPDXID),
    name: str(item.name),
    version: str(item.versionInfo),
    downloadLocation: str(item.downloadLocation),
    homepage: str(item.homepage),
    ...(typeof item.primaryPackagePurpose === 'string' ? {purpose: item.primaryPackagePurpose} : {}),
    refs: Array.isArray(item.externalRefs)
      ? item.externalRefs.flatMap((ref): Array<[string, string, string]> => {
          if (!isJsonObject(ref)) return []
          const [category, type, locator] = [ref.referenceCategory, ref.referenceType, ref.referenceLocator]
          return typeof type === 'string' && typeof locator === 'string'
            ? [[typeof category === 'string' ? category : '', type, locator]]
            : []
        })
      : [],
    // Only their comments: Trivy writes its properties there (`Type: gomod`, ../../sbom-support/spdx.ts projectRoots).
    ...(Array.isArray(item.annotations)
      ? {
          annotations: item.annotations.flatMap((annotation) =>
            isJsonObject(annotation) && typeof annotation.comment === 'string' ? [annotation.comment] : [],
          ),
        }
      : {}),
    position,
  }
}

/** A relationship entry as [element, type, related]; none when it is not of that shape. */
function relationship(r: JsonObject): SpdxRelationship[] {
  const [a, type, b] = [r.spdxElementId, r.relationshipType, r.relatedSpdxElement]
  return typeof a === 'string' && typeof type === 'string' && typeof b === 'string' ? [[a, type, b]] : []
}
