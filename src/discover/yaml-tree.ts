import {bareObject} from '../core/bare-object.js'
/** A YAML document as the formats read it: every node keeps its line and column, scalars their source text. */

export interface Position {
  line: number
  column: number
}

export interface YamlScalar extends Position {
  type: 'scalar'
  /** What the core schema would resolve it to; image fields must be strings. */
  kind: 'string' | 'number' | 'boolean' | 'null' | 'other'
  /** Source text of plain scalars (`1.10` stays `1.10`), the value of quoted and block scalars. */
  text: string
  /**
   * A local tag the reader was asked to accept (YamlReadOptions.localTags), as written: `!reference`; or `!!binary`,
   * when the reader was asked to keep such scalars as written (YamlReadOptions.keepBinary).
   */
  tag?: string
}

export interface YamlMap extends Position {
  type: 'map'
  entries: Map<string, YamlNode>
  /** As YamlScalar.tag. */
  tag?: string
}

export interface YamlSeq extends Position {
  type: 'seq'
  items: YamlNode[]
  /** As YamlScalar.tag. */
  tag?: string
}

export type YamlNode = YamlScalar | YamlMap | YamlSeq

export function isMap(node: YamlNode | null | undefined): node is YamlMap {
  return node?.type === 'map'
}

export function isSeq(node: YamlNode | null | undefined): node is YamlSeq {
  return node?.type === 'seq'
}

/**
 * Absent, or written empty or null (`key:`, `key: ~`): nothing given, which a format reads as not written. Typed as a
 * guard for `undefined` so that past `if (isAbsent(node)) return` the node is known to be given.
 */
export function isAbsent(node: YamlNode | undefined): node is undefined {
  return node === undefined || (node.type === 'scalar' && node.kind === 'null')
}

export function isScalar(node: YamlNode | null | undefined): node is YamlScalar {
  return node?.type === 'scalar'
}

/** The node at a path of map keys (and list indices), or undefined. */
export function at(node: YamlNode | null | undefined, ...path: Array<string | number>): YamlNode | undefined {
  let current = node ?? undefined
  for (const key of path) {
    if (isMap(current)) current = current.entries.get(String(key))
    else if (isSeq(current) && typeof key === 'number') current = current.items[key]
    else return undefined
  }
  return current
}

/** The deepest existing node along a path: where to point an error about that path. */
export function nearest(node: YamlNode, path: ReadonlyArray<PropertyKey>): YamlNode {
  let current = node
  for (const key of path) {
    const next = typeof key === 'symbol' ? undefined : at(current, key)
    if (!next) break
    current = next
  }
  return current
}

/** A string-valued scalar's text (numbers, booleans as written); undefined for null, missing or collections. */
export function text(node: YamlNode | undefined): string | undefined {
  if (!isScalar(node) || node.kind === 'null') return undefined
  return node.text
}

/** A non-empty string scalar only (a number where a name is expected is not a name). */
export function stringValue(node: YamlNode | undefined): string | undefined {
  return isScalar(node) && node.kind === 'string' && node.text !== '' ? node.text : undefined
}

/** Plain JS view for schema validation: scalars become their text (null stays null). */
export function toPlain(node: YamlNode): unknown {
  if (node.type === 'scalar') return node.kind === 'null' ? null : node.text
  if (node.type === 'seq') return node.items.map(toPlain)
  const out = bareObject()
  for (const [key, value] of node.entries) out[key] = toPlain(value)
  return out
}

/** Describes a node's type for error messages. */
export function describe(node: YamlNode | undefined): string {
  if (node === undefined) return 'nothing'
  if (node.type === 'scalar')
    return node.kind === 'null' ? 'null' : node.kind === 'string' ? 'a string' : `a ${node.kind} (${node.text})`
  return node.type === 'map' ? 'a mapping' : 'a list'
}
