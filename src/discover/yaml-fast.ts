/**
 * The positioned tree of ./yaml-tree.ts for a plain YAML document, built from js-yaml's `listener` events. Every
 * process reads its files once, with parsers that have not warmed up: js-yaml runs anyway (lockfiles, skimmed
 * documents), and building trees with it instead of the `yaml` library as well saves a second parser's cold start
 * (most of the cost of the few documents that hold images). It gives what ./yaml.ts gives:
 * - each node's line and column where its content starts (after spaces, comments and a tag), an empty value where
 *   its key's `:` ends;
 * - scalars resolved as the `yaml` library's core schema resolves them (js-yaml reads them as text: the failsafe
 *   schema), plain ones keeping their source text (`1.10` is not `1.1`);
 * - mapping keys that are collections (`{{ }}` templates) noted by line and left out.
 * Anything else returns undefined and ./yaml.ts reads the document with the `yaml` library, which reports problems
 * with their positions: what js-yaml refuses (syntax, duplicate keys, unknown tags), anchors and aliases (their
 * expansion is measured there), merge keys (applied there as Kubernetes applies them), nesting deeper than the
 * limit, flow mappings with a key and no value (js-yaml composes no node for the value), and flow sequences of pairs
 * (`[a: b]`, whose mappings js-yaml composes no node for).
 */
import {FAILSAFE_SCHEMA, load, type Schema, Type, YAMLException} from 'js-yaml'
import type {YamlMap, YamlNode, YamlScalar} from './yaml-tree.js'

interface ListenerState {
  position: number
  line: number
  lineStart: number
  kind: string | null
  result: unknown
  /** The node's tag when it closes (js-yaml restores it after a collection's children). */
  tag?: string | null
}

/** GitLab CI's one local tag (`!reference [job, key]`), read by the gitlab-ci format and in manifests alike. */
export const GITLAB_TAGS: ReadonlySet<string> = new Set(['!reference'])

/** By set of tags (callers pass a constant set), then by base schema. */
const tagSchemas = new WeakMap<ReadonlySet<string>, Map<Schema, Schema>>()

/**
 * `base` extended with local tags (`!reference`) read as untagged nodes of any kind: the schema a caller that
 * accepts them (YamlReadOptions.localTags) has js-yaml read with. Made once for each set and base: it is asked for
 * each document of every manifest.
 */
export function withLocalTags(base: Schema, tags: ReadonlySet<string> | undefined): Schema {
  if (!tags || tags.size === 0) return base
  let made = tagSchemas.get(tags)
  if (!made) {
    made = new Map()
    tagSchemas.set(tags, made)
  }
  let schema = made.get(base)
  if (!schema) {
    const kinds = ['scalar', 'sequence', 'mapping'] as const
    schema = base.extend([...tags].flatMap((tag) => kinds.map((kind) => new Type(tag, {kind}))))
    made.set(base, schema)
  }
  return schema
}

/** By prefix, then by base schema: the base with unknown tags read as untagged (withUnknownLocalTags). */
const unknownTagSchemas = new Map<string, Map<Schema, Schema>>()

/**
 * `base` with every local tag it does not know (`!Ref`, `!vault`, `!binary`: a tag written with one `!`) read as the
 * same node untagged, as go-yaml reads a tag it does not resolve: a scalar is its text (`resolve` in yaml.v2's
 * resolve.go: `if !resolvableTag(tag) { return tag, in }`), a collection is itself (its tag is not looked at). Tags of
 * the YAML namespace (`!!int`, `!!python/object`) are left as `base` reads them (js-yaml's multi types match a
 * tag by its prefix, after the tags `base` knows by name). The schema a caller that keeps unknown tags quietly
 * (YamlReadOptions.keepUnknownTags) has js-yaml read with. `prefix` `''`: every tag `base` does not know, for a
 * check that only measures the text (the depth probe), the `yaml` library reading the document after it.
 */
export function withUnknownLocalTags(base: Schema, prefix: '!' | '' = '!'): Schema {
  let byBase = unknownTagSchemas.get(prefix)
  if (!byBase) {
    byBase = new Map()
    unknownTagSchemas.set(prefix, byBase)
  }
  let schema = byBase.get(base)
  if (!schema) {
    schema = base.extend([
      // Nothing written (`key: !foo`): an empty string, as go-yaml and the `yaml` library read it (not null).
      new Type(prefix, {kind: 'scalar', multi: true, construct: (data: string | null) => data ?? ''}),
      new Type(prefix, {kind: 'sequence', multi: true}),
      new Type(prefix, {kind: 'mapping', multi: true}),
    ])
    byBase.set(base, schema)
  }
  return schema
}

interface Frame {
  /** Where js-yaml started composing the node: before the spaces, comments and properties that precede it. */
  position: number
  line: number
  lineStart: number
  children: YamlNode[]
  /** js-yaml's value of each child, in step with `children`. */
  values: unknown[]
}

class GiveUp extends Error {}

/** Core schema (YAML 1.2.2 §10.3.2) as the `yaml` library implements it (its schema/core and schema/common). */
const NULL = /^(?:~|[Nn]ull|NULL)?$/
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/
const NUMBER = [
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
]

/** The tree of one document; undefined when ./yaml.ts must read it with the `yaml` library. */
export function fastTree(
  source: string,
  lineOffset: number,
  maxDepth: number,
  localTags?: ReadonlySet<string>,
  /** Unknown local tags read as untagged (withUnknownLocalTags), for a caller that keeps them quietly. */
  unknownLocalTags = false,
): {root: YamlNode; complexKeyLines: number[]} | undefined {
  const stack: Frame[] = []
  const complex: number[] = []
  let root: YamlNode | null = null
  const listener = (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      if (stack.length > maxDepth) throw new GiveUp()
      stack.push({position: state.position, line: state.line, lineStart: state.lineStart, children: [], values: []})
      return
    }
    const frame = stack.pop()!
    // A document or block that starts with a flow collection (`{a: 1}` at the top): js-yaml composes it once more as
    // the would-be key of a block mapping and keeps that very value. The node is the collection itself.
    const node =
      frame.children.length === 1 && frame.values[0] === state.result && typeof state.result === 'object'
        ? frame.children[0]
        : build(source, frame, state, lineOffset, complex)
    if (state.tag && localTags?.has(state.tag)) node.tag = state.tag
    const parent = stack[stack.length - 1]
    if (parent) {
      parent.children.push(node)
      parent.values.push(state.result)
    } else root = node
  }
  try {
    const base = unknownLocalTags ? withUnknownLocalTags(FAILSAFE_SCHEMA) : FAILSAFE_SCHEMA
    load(source, {schema: withLocalTags(base, localTags), listener} as Parameters<typeof load>[1])
  } catch (error) {
    if (error instanceof GiveUp || error instanceof YAMLException || error instanceof RangeError) return undefined
    throw error
  }
  const top = root as YamlNode | null
  const empty = top === null || (top.type === 'scalar' && top.kind === 'null' && top.text === '')
  const tree = empty ? emptyDocument(source, lineOffset) : top
  return tree ? {root: tree, complexKeyLines: complex} : undefined
}

/** An empty document (`---` and nothing): the `yaml` library places its empty root after the marker and its spaces. */
function emptyDocument(source: string, lineOffset: number): YamlScalar | undefined {
  const marker = /^---(?=[ \t\r\n]|$)[ \t]*/m.exec(source)
  if (!marker) return undefined
  const offset = marker.index + marker[0].length
  let line = 1
  for (let i = source.indexOf('\n'); i !== -1 && i < marker.index; i = source.indexOf('\n', i + 1)) line++
  const lineStart = source.lastIndexOf('\n', marker.index) + 1
  return {type: 'scalar', line: line + lineOffset, column: offset - lineStart + 1, kind: 'null', text: ''}
}

function build(source: string, frame: Frame, state: ListenerState, lineOffset: number, complex: number[]): YamlNode {
  // An empty node (`key:` and nothing) sits where js-yaml started it, as the `yaml` library places it.
  if (state.kind === null) {
    if (state.result !== null) throw new GiveUp() // an alias
    return {type: 'scalar', ...at(frame, frame.position, lineOffset, source), kind: 'null', text: ''}
  }
  const start = contentStart(source, frame.position)
  const tagged = source.charCodeAt(start) === 0x21
  const content = tagged ? contentStart(source, afterTag(source, start)) : start
  const position = at(frame, content, lineOffset, source)
  if (state.kind === 'sequence') {
    // A flow sequence of pairs (`[get: a, task: b]`): js-yaml makes each pair a mapping without composing it as a node,
    // so its key and value arrive as two children. The `yaml` library reads it.
    if (frame.children.length !== (state.result as unknown[]).length) throw new GiveUp()
    return {type: 'seq', ...position, items: frame.children}
  }
  if (state.kind === 'mapping') return mapping(frame, state.result as object, position, complex)
  const value = state.result as string
  const first = source.charCodeAt(content)
  // Tagged (failsafe knows only !!str; an unknown local tag, when asked, is text), quoted (" ') and block (| >) scalars
  // are strings; plain ones are resolved by the core schema.
  if (tagged || first === 0x22 || first === 0x27 || first === 0x7c || first === 0x3e)
    return {type: 'scalar', ...position, kind: 'string', text: value}
  return {type: 'scalar', ...position, ...plainScalar(value)}
}

function plainScalar(text: string): Pick<YamlScalar, 'kind' | 'text'> {
  if (NULL.test(text)) return {kind: 'null', text}
  if (BOOL.test(text)) return {kind: 'boolean', text}
  if (NUMBER.some((pattern) => pattern.test(text))) return {kind: 'number', text}
  return {kind: 'string', text}
}

function mapping(frame: Frame, result: object, position: {line: number; column: number}, complex: number[]): YamlMap {
  const children = frame.children
  // A flow key without a value has no value node: keys and values would not pair up.
  if (children.length !== 2 * Object.keys(result).length) throw new GiveUp()
  const map: YamlMap = {type: 'map', ...position, entries: new Map()}
  for (let i = 0; i < children.length; i += 2) {
    const key = children[i]
    // A key with a local tag (`!reference b:`) is no name either: the tag would be lost with the key's text.
    if (key.type !== 'scalar' || key.tag !== undefined) {
      complex.push(key.line)
      continue
    }
    // `<<` is a merge key: applied by the `yaml` library's reading, as Kubernetes applies it.
    if (key.text === '<<') throw new GiveUp()
    map.entries.set(key.text, children[i + 1])
  }
  return map
}

/** Skips spaces, line breaks and comments to where the node (its tag, or its content) starts. */
function contentStart(source: string, position: number): number {
  let i = position
  for (;;) {
    const c = source.charCodeAt(i)
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++
    else if (c === 0x23 /* # */) {
      const end = source.indexOf('\n', i)
      i = end < 0 ? source.length : end
    } else if (c === 0x26 /* & */ || c === 0x2a /* * */) {
      throw new GiveUp()
    } else return i
  }
}

function afterTag(source: string, start: number): number {
  let i = start
  while (i < source.length && !/[ \t\r\n]/.test(source[i])) i++
  return i
}

function at(frame: Frame, offset: number, lineOffset: number, source: string): {line: number; column: number} {
  // Count the line breaks between where js-yaml started the node and where its content starts.
  let line = frame.line
  let lineStart = frame.lineStart
  for (let i = frame.position; i < offset; i++) {
    if (source.charCodeAt(i) === 0x0a) {
      line++
      lineStart = i + 1
    }
  }
  return {line: line + 1 + lineOffset, column: offset - lineStart + 1}
}
