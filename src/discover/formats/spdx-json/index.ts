/**
 * SPDX 2.2 and 2.3 documents in JSON (https://spdx.github.io/spdx-spec/v2.3/conformance/). Any `.json` file is
 * a candidate; its content decides: a top-level `spdxVersion` key in the first 64 KiB. Packages become
 * components by ../../sbom-support/spdx.ts; files and snippets are not components and are not read.
 */
import {isJsonManifestCandidate} from '../../file-names.js'
import {hasTopLevelKey} from '../../json-tree.js'
import {isJsonObject, type JsonValue, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {SPDX2_VERSIONS, type SpdxPackage, type SpdxRelationship, spdxComponents} from '../../sbom-support/spdx.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'spdx-json',
  description: 'SPDX 2.2/2.3 JSON document, with a top-level spdxVersion',
  // The same candidates as Kubernetes JSON (lockfiles and tool configuration are never SBOMs); content decides.
  matches: isJsonManifestCandidate,
  sniff: (head) => hasTopLevelKey(head, 'spdxVersion'),
  discover: ({file, text}) => discoverSpdxJson(file, text),
}

const READ_TOP = new Set(['spdxVersion', 'SPDXID', 'packages', 'relationships', 'documentDescribes'])
const READ_PACKAGE = new Set(['SPDXID', 'name', 'versionInfo', 'downloadLocation', 'homepage', 'externalRefs'])

export function discoverSpdxJson(file: string, text: string): DiscoverOutput {
  const read = readLockfileJson(file, text, {
    // Only what becomes a component is built: files, snippets, licence texts and checksums are dropped unread.
    skip: (path) =>
      (path.length === 1 && !READ_TOP.has(path[0])) ||
      (path.length === 2 && path[0] === 'packages' && !READ_PACKAGE.has(path[1])),
  })
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root, errors} = read
  const at = (key: string) => document.topLevelKeys.get(key) ?? {line: 1, column: 1}
  if (typeof root.spdxVersion !== 'string' || !SPDX2_VERSIONS.test(root.spdxVersion)) {
    const {line, column} = at('spdxVersion')
    const message = `spdxVersion ${JSON.stringify(root.spdxVersion ?? null)} is not an SPDX version this reader knows (SPDX-2.0 to SPDX-2.3)`
    return {components: [], errors: [...errors, lockfileError(file, 'unsupported-sbom-version', message, line, column)]}
  }
  for (const key of ['packages', 'relationships', 'documentDescribes']) {
    if (root[key] !== undefined && !Array.isArray(root[key])) {
      const {line, column} = at(key)
      return {
        components: [],
        errors: [...errors, lockfileError(file, 'invalid-sbom', `'${key}' must be an array`, line, column)],
      }
    }
  }
  const packages: SpdxPackage[] = []
  for (const [index, item] of ((root.packages ?? []) as JsonValue[]).entries()) {
    if (!isJsonObject(item)) {
      const {line, column} = at('packages')
      errors.push(lockfileError(file, 'invalid-entry', `packages[${index}] must be an object`, line, column))
      continue
    }
    packages.push({
      id: str(item.SPDXID),
      name: str(item.name),
      version: str(item.versionInfo),
      downloadLocation: str(item.downloadLocation),
      homepage: str(item.homepage),
      refs: Array.isArray(item.externalRefs)
        ? item.externalRefs.flatMap((ref): Array<[string, string, string]> => {
            if (!isJsonObject(ref)) return []
            const [category, type, locator] = [ref.referenceCategory, ref.referenceType, ref.referenceLocator]
            return typeof type === 'string' && typeof locator === 'string'
              ? [[typeof category === 'string' ? category : '', type, locator]]
              : []
          })
        : [],
      position: document.positionOf(item),
    })
  }
  const relationships = ((root.relationships ?? []) as JsonValue[]).flatMap((r): SpdxRelationship[] => {
    if (!isJsonObject(r)) return []
    const [a, type, b] = [r.spdxElementId, r.relationshipType, r.relatedSpdxElement]
    return typeof a === 'string' && typeof type === 'string' && typeof b === 'string' ? [[a, type, b]] : []
  })
  const describes = ((root.documentDescribes ?? []) as JsonValue[]).filter((d): d is string => typeof d === 'string')
  const out = spdxComponents(file, packages, relationships, describes)
  return {components: out.components, errors: [...errors, ...out.errors]}
}

function str(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}
