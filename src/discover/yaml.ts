/**
 * The one YAML reader of every format. The `yaml` library parses; this module adds what Kubernetes inputs
 * need: merge keys (`<<`) applied as Kubernetes (go-yaml) does, every error and warning of each document
 * reported (duplicate keys, unknown tags such as `!!python/object`), scalars kept as source text
 * (`1.10` is not `1.1`), positions on every node, and limits so hostile files end in an error, not a hang:
 * a document count, a nesting depth, and an alias budget on the size of the expanded tree.
 */
import {
  Composer,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
  type Scalar,
  type YAMLMap,
} from 'yaml'
import type {ErrorCode} from '../core/errors.js'
import type {ScanError} from '../core/model.js'
import type {YamlMap, YamlNode, YamlScalar} from './yaml-tree.js'

export interface YamlDocument {
  /** 0-based index of the document in the stream. */
  index: number
  /** 1-based line where the document starts. */
  line: number
  /** null for an empty document. */
  root: YamlNode | null
}

export interface YamlReadResult {
  documents: YamlDocument[]
  errors: ScanError[]
  /** Lines of mapping keys that are collections: never in Kubernetes objects, typical of `{{ }}` templates. */
  complexKeyLines: number[]
}

export interface YamlLimits {
  maxDocuments: number
  maxDepth: number
  /** An expanded document may hold this many nodes, or `aliasFactor` times its written nodes if more. */
  minExpandedNodes: number
  aliasFactor: number
}

/** Generous for real manifests (the largest public install bundles hold a few hundred documents). */
export const DEFAULT_YAML_LIMITS: YamlLimits = {
  maxDocuments: 5000,
  maxDepth: 256,
  minExpandedNodes: 100_000,
  aliasFactor: 10,
}

/** Keys that would reach Object.prototype if a later step built plain objects from the tree. */
const UNSAFE_KEYS = new Set(['__proto__'])

class YamlProblem extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly offset: number | undefined,
  ) {
    super(message)
  }
}

export interface YamlReadOptions {
  limits?: YamlLimits
  /**
   * Documents of these kinds keep only their top-level scalars (apiVersion, kind): CustomResourceDefinitions are
   * most of the bytes of install bundles and hold schemas, not images.
   */
  shallowKinds?: ReadonlySet<string>
}

/** Reads every document of a YAML stream; a broken document becomes an error, the others are still returned. */
export function readYaml(text: string, file: string, options: YamlReadOptions = {}): YamlReadResult {
  const limits = options.limits ?? DEFAULT_YAML_LIMITS
  const lines = new LineCounter()
  const composer = new Composer({merge: true, uniqueKeys: true, prettyErrors: false, strict: true})
  const documents: YamlDocument[] = []
  const errors: ScanError[] = []
  const complexKeyLines: number[] = []
  const error = (code: ErrorCode, message: string, offset: number | undefined): void => {
    const pos = offset === undefined ? undefined : lines.linePos(offset)
    errors.push({file, ...(pos ? {line: pos.line, column: pos.col} : {}), code, message})
  }
  let index = 0
  for (const doc of composer.compose(new Parser(lines.addNewLine).parse(text))) {
    const start = doc.contents?.range?.[0] ?? doc.range[0]
    if (index >= limits.maxDocuments) {
      error(
        'yaml-too-many-documents',
        `more than ${limits.maxDocuments} YAML documents; the rest of the file is not read`,
        start,
      )
      break
    }
    const problems = [...doc.errors, ...doc.warnings]
    if (problems.length > 0) {
      for (const p of problems)
        error(yamlCode(p.code), `YAML ${p.code === 'DUPLICATE_KEY' ? 'duplicate key' : p.message}`, p.pos[0])
    } else {
      try {
        const converter = new Converter(doc, lines, limits, complexKeyLines)
        const root = doc.contents ? converter.document(doc.contents, options.shallowKinds) : null
        documents.push({index, line: lines.linePos(start).line, root})
      } catch (e) {
        if (!(e instanceof YamlProblem)) throw e
        error(e.code, e.message, e.offset ?? start)
      }
    }
    index++
  }
  return {documents, errors, complexKeyLines}
}

function yamlCode(code: string): ErrorCode {
  if (code === 'DUPLICATE_KEY') return 'yaml-duplicate-key'
  if (code === 'TAG_RESOLVE_FAILED') return 'yaml-unsupported-tag'
  return 'yaml-syntax'
}

/** Converts one document; aliases share the converted node, so expansion costs nothing until it is measured. */
class Converter {
  private readonly done = new Map<Node, YamlNode>()
  private readonly active = new Set<Node>()
  private written = 0

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly limits: YamlLimits,
    private readonly complexKeyLines: number[],
  ) {}

  document(contents: Node, shallowKinds?: ReadonlySet<string>): YamlNode {
    if (shallowKinds && isMap(contents)) {
      const kind = contents.get('kind')
      if (typeof kind === 'string' && shallowKinds.has(kind)) return this.shallow(contents)
    }
    const root = this.node(contents, 0)
    const budget = Math.max(this.limits.minExpandedNodes, this.limits.aliasFactor * this.written)
    if (expandedSize(root, budget, new Map()) > budget) {
      throw new YamlProblem(
        'yaml-alias-budget',
        `YAML aliases expand this document beyond ${budget} nodes (an alias bomb?); the document is not read`,
        contents.range?.[0],
      )
    }
    return root
  }

  private shallow(contents: YAMLMap): YamlMap {
    const map: YamlMap = {type: 'map', ...this.position(contents), entries: new Map()}
    for (const pair of contents.items) {
      if (isScalar(pair.key) && isScalar(pair.value))
        map.entries.set(scalarText(pair.key).text, this.node(pair.value, 1))
    }
    return map
  }

  private node(node: Node, depth: number): YamlNode {
    if (isAlias(node)) {
      const target = node.resolve(this.doc)
      if (!target) throw new YamlProblem('yaml-syntax', `YAML alias *${node.source} has no anchor`, node.range?.[0])
      return this.node(target, depth)
    }
    const seen = this.done.get(node)
    if (seen) return seen
    if (this.active.has(node))
      throw new YamlProblem('yaml-syntax', 'YAML alias refers to its own ancestor', node.range?.[0])
    if (depth > this.limits.maxDepth)
      throw new YamlProblem('yaml-too-deep', `YAML nested deeper than ${this.limits.maxDepth} levels`, node.range?.[0])
    this.written++
    this.active.add(node)
    const converted = this.convert(node, depth)
    this.active.delete(node)
    this.done.set(node, converted)
    return converted
  }

  private convert(node: Node, depth: number): YamlNode {
    const pos = this.position(node)
    if (isScalar(node)) return {type: 'scalar', ...pos, ...scalarText(node)}
    if (isSeq(node)) return {type: 'seq', ...pos, items: node.items.map((item) => this.node(item as Node, depth + 1))}
    if (!isMap(node)) throw new YamlProblem('yaml-syntax', 'unsupported YAML node', node.range?.[0])
    const map: YamlMap = {type: 'map', ...pos, entries: new Map()}
    const merges: Node[] = []
    for (const pair of node.items) {
      const key = pair.key as Node | null
      const value = (pair.value as Node | null) ?? null
      if (isScalar(key) && typeof key.value === 'symbol') {
        if (value) merges.push(value)
        continue
      }
      // Kubernetes objects only have string keys; complex keys (`? [a, b]`, `{{ x }}`) are noted and ignored.
      if (!isScalar(key)) {
        if (key) this.complexKeyLines.push(this.position(key).line)
        continue
      }
      const name = scalarText(key).text
      if (UNSAFE_KEYS.has(name))
        throw new YamlProblem('yaml-unsafe-key', `YAML key "${name}" is not allowed`, key.range?.[0])
      map.entries.set(name, value ? this.node(value, depth + 1) : this.empty(key))
    }
    // Explicit keys win over merged ones; among merged maps the earlier wins (https://yaml.org/type/merge.html).
    for (const source of merges) {
      for (const merged of this.mergeSources(source, depth)) {
        for (const [k, v] of merged.entries) if (!map.entries.has(k)) map.entries.set(k, v)
      }
    }
    return map
  }

  private mergeSources(source: Node, depth: number): YamlMap[] {
    const converted = this.node(source, depth + 1)
    const list = converted.type === 'seq' ? converted.items : [converted]
    return list.map((item) => {
      if (item.type !== 'map')
        throw new YamlProblem(
          'yaml-syntax',
          'YAML merge key (<<) needs a mapping or a list of mappings',
          source.range?.[0],
        )
      return item
    })
  }

  private empty(near: Node): YamlScalar {
    return {type: 'scalar', ...this.position(near), kind: 'null', text: ''}
  }

  private position(node: Node): {line: number; column: number} {
    const pos = this.lines.linePos(node.range?.[0] ?? 0)
    return {line: pos.line, column: pos.col}
  }
}

function scalarText(node: Scalar): Pick<YamlScalar, 'kind' | 'text'> {
  const value = node.value
  const plain = node.type === 'PLAIN' || node.type === undefined
  const source = typeof node.source === 'string' ? node.source : String(value)
  if (value === null || value === undefined) return {kind: 'null', text: plain ? source : ''}
  if (typeof value === 'string') return {kind: 'string', text: value}
  const kind =
    typeof value === 'number' || typeof value === 'bigint' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'other'
  return {kind, text: plain ? source : String(value)}
}

/** Size of the tree with aliases expanded, stopping as soon as it passes the budget. */
function expandedSize(node: YamlNode, budget: number, memo: Map<YamlNode, number>): number {
  const known = memo.get(node)
  if (known !== undefined) return known
  let size = 1
  const children = node.type === 'map' ? node.entries.values() : node.type === 'seq' ? node.items.values() : [].values()
  for (const child of children) {
    size += expandedSize(child, budget, memo)
    if (size > budget) break
  }
  memo.set(node, size)
  return size
}
