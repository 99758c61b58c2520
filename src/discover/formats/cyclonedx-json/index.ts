/**
 * CycloneDX JSON BOMs, specification 1.0 to 1.7 (https://cyclonedx.org/specification/overview/). Any `.json`
 * file is a candidate; its content decides: a top-level `bomFormat` key in the first or the last 64 KiB (most
 * generators write it first or right after `$schema`, cyclonedx-python last), or a top-level `$schema` naming the
 * CycloneDX schema in the first (../../sbom-support/json-sbom.ts); or an in-toto Statement whose predicate is one
 * (../../sbom-support/in-toto.ts). Components are read by ../../sbom-support/cyclonedx.ts.
 */
import type {ScanError} from '../../../core/model.js'
import {hasTopLevelKey} from '../../json-tree.js'
import {CONSUMED, isJsonObject, type JsonObject, type JsonValue} from '../../lockfile-support/json-reader.js'
import type {Position} from '../../../core/line-index.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {
  CDX_VERSIONS,
  type CdxComponent,
  cdxCollector,
  directRefs,
  skipUnreadJson,
} from '../../sbom-support/cyclonedx.js'
import {jsonSbomFormat, type PredicateType, readSbomJson} from '../../sbom-support/json-sbom.js'
import type {DiscoverOutput} from '../../types.js'

/** A CycloneDX BOM as an in-toto predicate (in-toto's spec/predicates/cyclonedx.md; cosign's `--type cyclonedx`). */
const PREDICATE: PredicateType = {
  // `https://cyclonedx.org/schema`: what cosign before 0.5 wrote (Trivy reads it as CycloneDX too).
  test: /^https:\/\/cyclonedx\.org\/(?:bom(?:\/v1\.[0-7])?|schema)$/,
  name: 'a CycloneDX BOM (https://cyclonedx.org/bom)',
}

export const discoverer = jsonSbomFormat({
  id: 'cyclonedx-json',
  description: 'CycloneDX JSON BOM (1.0-1.7), with a top-level bomFormat',
  key: 'bomFormat',
  // `$schema` naming the CycloneDX BOM schema: only a BOM has it.
  early: (head) => hasTopLevelKey(head, '$schema') && CDX_SCHEMA.test(head),
  predicate: PREDICATE,
  discover: discoverCycloneDxJson,
})

/**
 * The BOM schema (`http://cyclonedx.org/schema/bom-1.6.schema.json`), not any schema of cyclonedx.org: the
 * specification's `cryptography-defs.json` and extension schemas live under the same folder and are no BOMs.
 */
const CDX_SCHEMA = /"\$schema"[ \t\r\n]*:[ \t\r\n]*"https?:\/\/cyclonedx\.org\/schema\/bom-1\.\d+\.schema\.json"/

export function discoverCycloneDxJson(file: string, text: string): DiscoverOutput {
  // The top-level `components` and `dependencies` are read item by item, as the reader has each, and leave the tree:
  // a component becomes a Component at once (its `direct` is settled at the end, by the subject's dependencies), a
  // dependency entry a pair. A BOM of 200,000 components was held whole as a tree, then as records, then as
  // Components: 751 MB peak for 86 MB of JSON (README, Performance).
  let collector = cdxCollector(file)
  let dependencies: Array<[string, string[]]> = []
  const takenErrors: ScanError[] = []
  // One reader for the items of one read (the fast reader's, or the visitor's after a restart).
  let itemReader: Reader | undefined
  const read = readSbomJson(file, text, skipUnreadJson, {
    consumeItem(path, value, position, positionOf) {
      if (path.length !== 1) return false
      if (path[0] === 'components') {
        itemReader ??= new Reader(file, positionOf, takenErrors)
        collector.add(itemReader.component(value, position))
        return true
      }
      if (path[0] !== 'dependencies') return false
      const entry = dependencyEntry(value)
      if (entry) dependencies.push(entry)
      return true
    },
    restart() {
      itemReader = undefined
      collector = cdxCollector(file)
      dependencies = []
      takenErrors.length = 0
    },
    predicate: PREDICATE,
  })
  if (!read.ok) return read.output
  const {sbom} = read
  const {document, root, errors} = sbom
  if (root.bomFormat !== 'CycloneDX') return sbom.refuse('invalid-sbom', 'bomFormat must be "CycloneDX"', 'bomFormat')
  if (typeof root.specVersion !== 'string' || !CDX_VERSIONS.test(root.specVersion)) {
    const message = `specVersion ${JSON.stringify(root.specVersion ?? null)} is not a CycloneDX version this reader knows (1.0-1.7)`
    return sbom.refuse('unsupported-sbom-version', message, 'specVersion')
  }
  errors.push(...takenErrors)
  const metadata = isJsonObject(root.metadata) ? root.metadata : undefined
  const subject = metadata && isJsonObject(metadata.component) ? metadata.component : undefined
  const list = root.components ?? []
  if (!Array.isArray(list)) return sbom.refuse('invalid-sbom', "'components' must be an array", 'components')
  const reader = new Reader(file, document.positionOf, errors)
  // Every object in the list was taken as the reader had it: what is left are items that are not objects, which
  // Reader.components reports (it reads no component there).
  reader.components(list, sbom.at('components'))
  const subjectRead = subject && {
    ...reader.component(subject),
    position: braceAfterKey(text, document.positionOf(subject)),
  }
  const out = collector.finish(subjectRead, directRefs(subjectRead, dependencies, collector.grouping, collector.roots))
  return sbom.output(out.components, out.errors, out.skipped)
}

class Reader {
  constructor(
    private readonly file: string,
    private readonly positionOf: (value: JsonObject) => Position,
    private readonly errors: ScanError[],
  ) {}

  /** The components of `list`, in its order, but those the reader took already (CONSUMED). */
  components(list: JsonValue[], at: {line: number; column: number}): CdxComponent[] {
    const out: CdxComponent[] = []
    list.forEach((item, index) => {
      if (item === CONSUMED) return
      if (isJsonObject(item)) out.push(this.component(item))
      else
        this.errors.push(
          lockfileError(this.file, 'invalid-entry', `components[${index}] must be an object`, at.line, at.column),
        )
    })
    return out
  }

  component(value: {[key: string]: JsonValue}, position = this.positionOf(value)): CdxComponent {
    const nested = value.components
    return {
      ref: text(value['bom-ref']),
      type: text(value.type),
      name: text(value.name),
      group: text(value.group),
      version: text(value.version),
      versionRange: text(value.versionRange),
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

/**
 * The `{` of an object held by a key: the reader places such an object at its key (`"component": {`), while
 * components in a list are placed at their `{`, and every component is located at its `{`. Skips the key, the
 * colon and white space; the key's own position when the text there is not as expected.
 */
function braceAfterKey(source: string, at: {line: number; column: number}): {line: number; column: number} {
  let offset = 0
  for (let line = 1; line < at.line; line++) {
    offset = source.indexOf('\n', offset) + 1
    if (offset === 0) return at
  }
  let i = offset + at.column - 1
  if (source[i] !== '"') return at
  for (i++; i < source.length && source[i] !== '"'; i++) if (source[i] === '\\') i++
  let {line} = at
  let lineStart = offset
  for (i++; i < source.length; i++) {
    const c = source[i]
    if (c === '{') return {line, column: i - lineStart + 1}
    if (c === '\n') {
      line++
      lineStart = i + 1
    } else if (c !== ':' && c !== ' ' && c !== '\t' && c !== '\r') return at
  }
  return at
}

/** A `dependencies` entry as a [ref, dependsOn] pair; an entry not of that shape says nothing. */
function dependencyEntry(entry: JsonObject): [string, string[]] | undefined {
  if (typeof entry.ref !== 'string') return undefined
  const on = Array.isArray(entry.dependsOn) ? entry.dependsOn.filter((r): r is string => typeof r === 'string') : []
  return [entry.ref, on]
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
