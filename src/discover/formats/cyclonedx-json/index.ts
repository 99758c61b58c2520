/**
 * CycloneDX JSON BOMs, specification 1.0 to 1.7 (https://cyclonedx.org/specification/overview/). Any `.json`
 * file is a candidate; its content decides: a top-level `bomFormat` key in the first 64 KiB (generators write it
 * first or right after `$schema`). Components are read by ../../sbom-support/cyclonedx.ts.
 */
import type {ScanError} from '../../../core/model.js'
import {isJsonManifestCandidate} from '../../file-names.js'
import {hasTopLevelKey} from '../../json-tree.js'
import {isJsonObject, type JsonDocument, type JsonValue, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {
  CDX_VERSIONS,
  type CdxComponent,
  cdxComponents,
  UNREAD_FIELDS,
  UNREAD_SECTIONS,
} from '../../sbom-support/cyclonedx.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'cyclonedx-json',
  description: 'CycloneDX JSON BOM (1.0-1.7), with a top-level bomFormat',
  // The same candidates as Kubernetes JSON (lockfiles and tool configuration are never BOMs); content decides.
  matches: isJsonManifestCandidate,
  sniff: (head) => hasTopLevelKey(head, 'bomFormat'),
  discover: ({file, text}) => discoverCycloneDxJson(file, text),
}

export function discoverCycloneDxJson(file: string, text: string): DiscoverOutput {
  const read = readLockfileJson(file, text, {
    skip: (path) =>
      (path.length === 1 && UNREAD_SECTIONS.has(path[0])) ||
      UNREAD_FIELDS.has(path[path.length - 1]) ||
      (path[0] === 'metadata' && path.length === 2 && path[1] !== 'component'),
  })
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root, errors} = read
  const at = (key: string) => document.topLevelKeys.get(key) ?? {line: 1, column: 1}
  if (root.bomFormat !== 'CycloneDX') {
    const {line, column} = at('bomFormat')
    return {
      components: [],
      errors: [...errors, lockfileError(file, 'invalid-sbom', 'bomFormat must be "CycloneDX"', line, column)],
    }
  }
  if (typeof root.specVersion !== 'string' || !CDX_VERSIONS.test(root.specVersion)) {
    const {line, column} = at('specVersion')
    const message = `specVersion ${JSON.stringify(root.specVersion ?? null)} is not a CycloneDX version this reader knows (1.0-1.7)`
    return {components: [], errors: [...errors, lockfileError(file, 'unsupported-sbom-version', message, line, column)]}
  }
  const metadata = isJsonObject(root.metadata) ? root.metadata : undefined
  const subject = metadata && isJsonObject(metadata.component) ? metadata.component : undefined
  const list = root.components ?? []
  if (!Array.isArray(list)) {
    const {line, column} = at('components')
    return {
      components: [],
      errors: [...errors, lockfileError(file, 'invalid-sbom', "'components' must be an array", line, column)],
    }
  }
  const reader = new Reader(file, document, errors)
  const out = cdxComponents(file, subject && reader.component(subject), reader.components(list, at('components')))
  return {components: out.components, errors: [...errors, ...out.errors], skipped: out.skipped}
}

class Reader {
  constructor(
    private readonly file: string,
    private readonly document: JsonDocument,
    private readonly errors: ScanError[],
  ) {}

  components(list: JsonValue[], at: {line: number; column: number}): CdxComponent[] {
    const out: CdxComponent[] = []
    list.forEach((item, index) => {
      if (isJsonObject(item)) out.push(this.component(item))
      else
        this.errors.push(
          lockfileError(this.file, 'invalid-entry', `components[${index}] must be an object`, at.line, at.column),
        )
    })
    return out
  }

  component(value: {[key: string]: JsonValue}): CdxComponent {
    const position = this.document.positionOf(value)
    const nested = value.components
    return {
      type: text(value.type),
      name: text(value.name),
      group: text(value.group),
      version: text(value.version),
      purl: text(value.purl),
      cpe: text(value.cpe),
      scope: text(value.scope),
      references: pairs(value.externalReferences, 'type', 'url'),
      properties: pairs(value.properties, 'name', 'value'),
      components: Array.isArray(nested) ? this.components(nested, position) : [],
      position,
    }
  }
}

function text(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function pairs(value: JsonValue | undefined, first: string, second: string): Array<[string, string]> {
  if (!Array.isArray(value)) return []
  const out: Array<[string, string]> = []
  for (const item of value) {
    if (!isJsonObject(item)) continue
    const a = item[first]
    const b = item[second]
    if (typeof a === 'string' && typeof b === 'string') out.push([a, b])
  }
  return out
}
