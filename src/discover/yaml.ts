/**
 * The one YAML reader of every format. The `yaml` library parses; this module adds what Kubernetes inputs
 * need: merge keys (`<<`) applied as Kubernetes (go-yaml) does, every error and warning of each document
 * reported (duplicate keys, unknown tags such as `!!python/object`), scalars kept as source text
 * (`1.10` is not `1.1`), positions on every node, and limits so hostile files end in an error, not a hang:
 * a nesting depth and an alias budget on the size of the expanded tree. `__proto__` keys are reported and
 * left out; the rest of their document is kept.
 *
 * A stream is cut into documents at its `---` / `...` marker lines before anything is parsed (./yaml-split.ts),
 * so documents are read one at a time, however many there are. A caller may have documents `skim`med: checked
 * by js-yaml (syntax, duplicate keys, tags; about ten times faster, no positions) and returned as plain values
 * (a document js-yaml refuses is read again with positions, to report its problems),
 * for documents whose text shows they cannot hold what the caller looks for (a CustomResourceDefinition).
 */
import {DEFAULT_SCHEMA, load as loadPlain, type Schema, YAMLException} from 'js-yaml'
import type {Document, Node, Scalar, Tags, YAMLMap} from 'yaml'
import type {ErrorCode} from '../core/errors.js'
import type {ScanError} from '../core/model.js'
import {appendAll} from '../core/arrays.js'
import {cappedErrors, MAX_FILE_ERRORS} from './file-errors.js'
import {goBinaryText} from './go-binary.js'
import {fastTree, withLocalTags, withUnknownLocalTags} from './yaml-fast.js'

export {GITLAB_TAGS} from './yaml-fast.js'
import {yamlLibrary} from '../core/lazy-require.js'
import {probeYamlDepth} from '../core/yaml-depth.js'
import {addDuplicateKeyErrors} from '../core/yaml-unique-keys.js'
import {splitDocuments} from './yaml-split.js'
import {isMap, isScalar, type YamlMap, type YamlNode, type YamlScalar, type YamlSeq} from './yaml-tree.js'

export interface YamlDocument {
  /** 0-based index of the document in the stream. */
  index: number
  /** 1-based line where the document starts. */
  line: number
  /** null for an empty document, and for a skimmed one. */
  root: YamlNode | null
  /** A skimmed document (YamlReadOptions.skim): its plain value, as js-yaml loads it. */
  plain?: unknown
}

export interface YamlReadResult {
  documents: YamlDocument[]
  errors: ScanError[]
  /** Lines of mapping keys that are collections: never in Kubernetes objects, typical of `{{ }}` templates. */
  complexKeyLines: number[]
}

export interface YamlLimits {
  maxDepth: number
  /** An expanded document may hold this many nodes, or `aliasFactor` times its written nodes if more. */
  minExpandedNodes: number
  aliasFactor: number
  /** Documents in one file; the rest of the file is not read (`yaml-too-many-documents`). */
  maxDocuments: number
  /**
   * A document js-yaml cannot give the tree of (a problem, anchors, aliases, merge or `__proto__` keys) is read with
   * the `yaml` library, which holds about 60 bytes for each byte of the document (a 3.8 MB ConfigMap: 260 MB peak
   * RSS, a 37 MB one 1.8 GB). Past this size such a document is not read: js-yaml's problem is reported at its
   * place, or `yaml-document-too-large`.
   */
  maxLibraryBytes: number
  /**
   * A document given a tree with positions (js-yaml's events, ./yaml-fast.ts) takes about 30 bytes of memory for each
   * byte of it (a 26 MB workflow: 750 MB peak RSS). Past this size a document is not read (`yaml-document-too-large`),
   * so that a file under --max-file-size cannot take the process past the 512 MB the bench holds it to.
   */
  maxTreeBytes: number
}

export const DEFAULT_YAML_LIMITS: YamlLimits = {
  maxDepth: 256,
  minExpandedNodes: 100_000,
  aliasFactor: 10,
  // Ten times the bench's 10,000-document manifest; each document costs a few hundred bytes even when empty.
  maxDocuments: 100_000,
  // About 130 MB through the library; real documents that need it (Helm values, Compose files with anchors) are
  // kilobytes, and the largest CustomResourceDefinitions, about 1.5 MB, are read by js-yaml.
  maxLibraryBytes: 2 * 1024 * 1024,
  // Five times the largest object Kubernetes stores (etcd's default request limit, 1.5 MiB); CI files, Compose files
  // and Helm values are kilobytes. Documents skimmed or recognised (CustomResourceDefinitions) build no tree.
  maxTreeBytes: 8 * 1024 * 1024,
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
  /**
   * Called with each document's source text: true to skim it (checked, returned as `plain`, no tree). Documents
   * with anchors or `__proto__` keys are never skimmed: aliases are measured and forbidden keys reported on the tree.
   */
  skim?(source: string): boolean
  /**
   * Called first with each document's source text: a plain value when the text alone tells all the caller needs
   * (a CustomResourceDefinition's apiVersion and kind). The document is then not parsed at all; it is returned
   * with that value as `plain`.
   */
  recognise?(source: string): unknown
  /** Called with a skimmed document's plain value and source: true when it needs the full tree after all. */
  needsTree?(plain: unknown, source: string): boolean
  /** `yaml`: every tree from the `yaml` library, never from js-yaml (./yaml-fast.ts); for tests that compare them. */
  parser?: 'yaml'
  /**
   * Local tags the caller reads (GitLab CI's `!reference [job, key]`): a node so tagged is read as the same node
   * untagged, with `tag` set, instead of a `yaml-unsupported-tag` error. Other tags are still errors.
   */
  localTags?: ReadonlySet<string>
  /**
   * An unknown tag (`!foo`): its node is read as untagged and the rest of the document is kept, as go-yaml reads it
   * (a scalar is its text, a collection itself); without this the document is not read. `true`: the tag is still
   * reported (`yaml-unsupported-tag`), as Compose's reader is told about. `'quietly'`: not reported, for a caller
   * whose tool reads such a tag without a word (kubectl, through sigs.k8s.io/yaml over go-yaml v2), and js-yaml's
   * fast paths read local ones (`!Ref`) as untagged too (./yaml-fast.ts withUnknownLocalTags).
   */
  keepUnknownTags?: boolean | 'quietly'
  /**
   * A mapping taken through an alias (`b: *a`) is located at the alias, as a scalar always is: a node of its own with
   * the alias's position and the anchored mapping's entries (shared, not copied: nothing is expanded). For a caller
   * that tells the uses of one mapping apart by their positions (Compose's services); without this the mapping is
   * shared, located where it is written.
   */
  locateAliasedMaps?: boolean
  /**
   * A `!!binary` scalar is kept as written, for a caller that decodes it as its own tool does (Compose: go-yaml's
   * base64 decoding): `tag` `!!binary`, `kind` `other`, `text` its content (line breaks and all, not decoded).
   * Without this its text is the `yaml` library's reading: the source of a plain scalar, the decoded bytes of others.
   */
  keepBinary?: boolean
  /**
   * A list item that is a mapping of one merge key whose value is a list (`- <<: *paths`) is replaced by that list's
   * items, as Woodpecker's YAML reader (github.com/6543/xyaml, "merge sequences") splices them. Without this such an
   * item is a `yaml-syntax` error, as YAML's merge type and go-yaml have it.
   */
  mergeSequences?: boolean
}

/** An anchor (`&name` where a node may start); URLs' `&` sit inside words and a shell's `&&` is not one. */
const ANCHOR = /(?:^|[\s[{,])&[^\s[\]{},&]/

/** Problems of a file not listed, and the codes of those listed (the first of each code is always listed). */
interface Unlisted {
  count: number
  codes: Set<string>
  /** Where the first problem not listed is. */
  first?: {line: number; column: number}
}

/** Reads every document of a YAML stream; a broken document becomes an error, the others are still returned. */
export function readYaml(text: string, file: string, options: YamlReadOptions = {}): YamlReadResult {
  const limits = options.limits ?? DEFAULT_YAML_LIMITS
  const result: YamlReadResult = {documents: [], errors: [], complexKeyLines: []}
  // Problems past the listed ones, told in one error at the end (./file-errors.ts).
  const unlisted: Unlisted = {count: 0, codes: new Set()}
  let index = 0
  for (const part of splitDocuments(text)) {
    if (index >= limits.maxDocuments) {
      result.errors.push({
        file,
        line: part.contentLine || part.line,
        code: 'yaml-too-many-documents',
        message: `more than ${limits.maxDocuments} YAML documents in one file; the rest of the file is not read`,
      })
      break
    }
    const source = text.slice(part.start, part.end)
    const recognised = part.content ? options.recognise?.(source) : undefined
    if (recognised !== undefined) {
      result.documents.push({index: index++, line: part.contentLine || part.line, root: null, plain: recognised})
      continue
    }
    if (part.content && options.skim?.(source) && !source.includes('__proto__') && !ANCHOR.test(source)) {
      const plain = skim(source, options)
      if (plain !== FAILED && !options.needsTree?.(plain, source)) {
        result.documents.push({index: index++, line: part.contentLine || part.line, root: null, plain})
        continue
      }
    }
    // Documents js-yaml refuses are read again here, so their problems are told as for any other document.
    index = readDocuments(source, part.line - 1, file, index, limits, options, result, unlisted)
  }
  if (unlisted.count > 0) result.errors = cappedErrors(result.errors, unlisted.count, unlisted.first)
  return result
}

const FAILED = Symbol('failed')

/**
 * The js-yaml schema `options` read with: `base` and the caller's local tags, and unknown local tags read as untagged
 * when the caller keeps them quietly. For the depth probe (`probe`), any unknown tag when the caller keeps them at
 * all: the `yaml` library reads the document next, and reports its tags or not, so no tag may keep it from it.
 */
function jsYamlSchema(
  base: Schema,
  options: Pick<YamlReadOptions, 'localTags' | 'keepUnknownTags'>,
  probe = false,
): Schema {
  if (probe && options.keepUnknownTags) return withLocalTags(withUnknownLocalTags(base, ''), options.localTags)
  return withLocalTags(options.keepUnknownTags === 'quietly' ? withUnknownLocalTags(base) : base, options.localTags)
}

function skim(source: string, options: YamlReadOptions): unknown {
  try {
    return loadPlain(source, {schema: jsYamlSchema(DEFAULT_SCHEMA, options)})
  } catch (error) {
    // Syntax errors, duplicate keys, unknown tags; a RangeError when hostile nesting overflows its recursion.
    if (error instanceof YAMLException || error instanceof RangeError) return FAILED
    throw error
  }
}

/** Composes the documents of one part of the stream with positions; returns the next document index. */
function readDocuments(
  source: string,
  lineOffset: number,
  file: string,
  index: number,
  limits: YamlLimits,
  options: YamlReadOptions,
  result: YamlReadResult,
  unlisted: Unlisted,
): number {
  if (source.length > limits.maxTreeBytes) {
    result.errors.push({
      file,
      line: lineOffset + 1,
      code: 'yaml-document-too-large',
      message: `a YAML document of ${source.length} characters is over the ${limits.maxTreeBytes}-character limit of a document read with positions (about 30 bytes of memory for each), and is not read`,
    })
    return index + 1
  }
  // fastTree leaves anchors and aliases to the yaml library itself.
  if (options.parser !== 'yaml' && !source.includes('__proto__')) {
    const fast = fastTree(source, lineOffset, limits.maxDepth, options.localTags, options.keepUnknownTags === 'quietly')
    if (fast) {
      const shallow = shallowOf(fast.root, options.shallowKinds)
      if (!shallow) appendAll(result.complexKeyLines, fast.complexKeyLines)
      result.documents.push({index, line: fast.root.line, root: shallow ?? fast.root})
      return index + 1
    }
  }
  if (source.length > limits.maxLibraryBytes) {
    result.errors.push({
      file,
      ...libraryRefusal(source, lineOffset, limits, options.localTags, options.keepUnknownTags),
    })
    return index + 1
  }
  // Nesting the library would build in full before the Converter could refuse it (core/yaml-depth.ts). Four times
  // the limit: js-yaml counts nodes a little differently, and anything between is refused by the Converter.
  const depth = probeYamlDepth(source, 4 * limits.maxDepth, jsYamlSchema(DEFAULT_SCHEMA, options, true))
  if (depth.kind !== 'ok') {
    const tooDeep = {
      line: lineOffset + 1,
      code: 'yaml-too-deep' as const,
      message: `YAML nested deeper than ${limits.maxDepth} levels`,
    }
    result.errors.push({file, ...(depth.kind === 'too-deep' ? tooDeep : jsYamlProblem(depth.error, lineOffset, ''))})
    return index + 1
  }
  const {Composer, LineCounter, Parser} = yamlLibrary()
  const lines = new LineCounter()
  // Duplicate keys are found by ../core/yaml-unique-keys.ts: the library's own check is quadratic.
  const composer = new Composer({
    merge: true,
    uniqueKeys: false,
    prettyErrors: false,
    strict: true,
    ...(options.localTags ? {customTags: libraryTags(options.localTags)} : {}),
  })
  const position = (offset: number): {line: number; col: number} => {
    const pos = lines.linePos(offset)
    return {line: pos.line + lineOffset, col: pos.col}
  }
  const error = (code: ErrorCode, message: string, offset: number | undefined): void => {
    // Past the listed ones, counted only (./file-errors.ts tells how many more), but the first of each kind.
    if (result.errors.length > MAX_FILE_ERRORS && unlisted.codes.has(code)) {
      unlisted.count++
      if (unlisted.first === undefined && offset !== undefined) {
        const {line, col} = position(offset)
        unlisted.first = {line, column: col}
      }
      return
    }
    const pos = offset === undefined ? undefined : position(offset)
    unlisted.codes.add(code)
    result.errors.push({file, ...(pos ? {line: pos.line, column: pos.col} : {}), code, message})
  }
  const docs = composer.compose(new Parser(lines.addNewLine).parse(source))
  for (;;) {
    // The library makes an Error for each problem it finds: without a stack trace each (a file of two million
    // duplicate keys took 4 GB, most of it stack traces nobody reads). Only while it composes: an internal error
    // of ours keeps its trace.
    const traces = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    let step: IteratorResult<Document.Parsed>
    try {
      step = docs.next()
    } finally {
      Error.stackTraceLimit = traces
    }
    if (step.done) break
    const doc = step.value
    addDuplicateKeyErrors(doc)
    const start = doc.contents?.range?.[0] ?? doc.range[0]
    const problems = [...doc.errors, ...doc.warnings]
    for (const p of problems) {
      if (options.keepUnknownTags === 'quietly' && p.code === 'TAG_RESOLVE_FAILED') continue
      // The stack ran out where it ran out: a place that depends on the caller's stack and on what the JIT has
      // compiled so far, not on the file. The document's start is the same on every run.
      const offset = p.code === 'RESOURCE_EXHAUSTION' ? start : p.pos[0]
      const message =
        p.code === 'DUPLICATE_KEY' ? `duplicate key '${keyAt(source, offset)}' (the last value is used)` : p.message
      error(yamlCode(p.code), `YAML ${message}`, offset)
    }
    // A key written twice leaves the document readable: the last value is kept, and the error is reported; so does an
    // unknown tag for a caller that reads its node as untagged (keepUnknownTags).
    const kept = (code: string) =>
      code === 'DUPLICATE_KEY' || (options.keepUnknownTags && code === 'TAG_RESOLVE_FAILED')
    if (problems.every((p) => kept(p.code))) {
      try {
        const converter = new Converter(doc, position, limits, result.complexKeyLines, error, options)
        const root = doc.contents ? converter.document(doc.contents, options.shallowKinds) : null
        result.documents.push({index, line: position(start).line, root})
      } catch (e) {
        if (!(e instanceof YamlProblem)) throw e
        error(e.code, e.message, e.offset ?? start)
      }
    }
    index++
  }
  return index
}

/**
 * Why a document over `maxLibraryBytes` that js-yaml could not give the tree of is not read: js-yaml's problem, at
 * its place; else what made it need the library.
 */
export function libraryRefusal(
  source: string,
  lineOffset: number,
  limits: YamlLimits,
  localTags?: ReadonlySet<string>,
  keepUnknownTags?: YamlReadOptions['keepUnknownTags'],
): {line?: number; column?: number; code: ErrorCode; message: string} {
  const max = limits.maxLibraryBytes
  const notRead = `the document (${source.length} characters) is over the ${max}-character limit of a document with a problem, and is not read`
  const tooDeep = {
    line: lineOffset + 1,
    code: 'yaml-too-deep' as const,
    message: `YAML nested deeper than ${limits.maxDepth} levels; ${notRead}`,
  }
  try {
    // The default schema, as the library's core one knows `!!int` and the like; js-yaml's own depth limit.
    const schema = jsYamlSchema(DEFAULT_SCHEMA, {localTags, keepUnknownTags})
    loadPlain(source, {schema, maxDepth: limits.maxDepth} as Parameters<typeof loadPlain>[1])
  } catch (error) {
    if (error instanceof RangeError) return tooDeep
    if (!(error instanceof YAMLException)) throw error
    if (error.reason.startsWith('nesting exceeded maxDepth')) return tooDeep
    return jsYamlProblem(error, lineOffset, `; ${notRead}`)
  }
  return {
    line: lineOffset + 1,
    code: 'yaml-document-too-large',
    message: `a YAML document with anchors, aliases, merge keys or \`__proto__\` keys (${source.length} characters) is over the ${max}-character limit of such a document, and is not read`,
  }
}

/**
 * The key written at `offset` as the file writes it (quotes kept), to its `:` or the end of its line, at most 80
 * characters: which key a duplicate-key error is about. A complex key (`? …`) is named by its first line.
 */
function keyAt(source: string, offset: number): string {
  const end = source.slice(offset, offset + 200).search(/:(?:\s|$)|\r|\n/)
  const key = source.slice(offset, end === -1 ? offset + 80 : offset + Math.min(end, 80)).trim()
  return key === '' ? '(empty)' : key.length === 80 ? `${key}…` : key
}

/** js-yaml's problem with a document, at its place, as an error of this reader (`note` ends its message). */
function jsYamlProblem(
  error: YAMLException,
  lineOffset: number,
  note: string,
): {line?: number; column?: number; code: ErrorCode; message: string} {
  const {reason, mark} = error
  const duplicate = reason.startsWith('duplicated mapping key')
  const code = duplicate
    ? 'yaml-duplicate-key'
    : reason.startsWith('unknown tag')
      ? 'yaml-unsupported-tag'
      : 'yaml-syntax'
  const at = mark ? {line: mark.line + 1 + lineOffset, column: mark.column + 1} : {line: lineOffset + 1}
  return {...at, code, message: `YAML ${duplicate ? 'duplicate key' : reason}${note}`}
}

/** A document of a shallow kind keeps its top-level scalars only, as Converter.shallow keeps them. */
function shallowOf(root: YamlNode, kinds: ReadonlySet<string> | undefined): YamlMap | undefined {
  if (!kinds || root.type !== 'map') return undefined
  const kind = root.entries.get('kind')
  if (kind?.type !== 'scalar' || kind.kind !== 'string' || !kinds.has(kind.text)) return undefined
  const map: YamlMap = {type: 'map', line: root.line, column: root.column, entries: new Map()}
  for (const [key, value] of root.entries) if (value.type === 'scalar') map.entries.set(key, value)
  return map
}

/** The `yaml` library's tags for local tags read as untagged nodes: a scalar keeps its text, a collection is itself. */
function libraryTags(localTags: ReadonlySet<string>): Tags {
  return [...localTags].flatMap((tag) => [
    {tag, default: false, resolve: (value: string) => value},
    {tag, default: false, collection: 'seq' as const},
    {tag, default: false, collection: 'map' as const},
  ])
}

function yamlCode(code: string): ErrorCode {
  if (code === 'DUPLICATE_KEY') return 'yaml-duplicate-key'
  if (code === 'TAG_RESOLVE_FAILED') return 'yaml-unsupported-tag'
  return 'yaml-syntax'
}

/** Converts one document; aliases share the converted node, so expansion costs nothing until it is measured. */
/** The yaml library's node tests, loaded with it. */
function nodes(): Pick<typeof import('yaml'), 'isAlias' | 'isMap' | 'isScalar' | 'isSeq'> {
  return yamlLibrary()
}

class Converter {
  private readonly done = new Map<Node, YamlNode>()
  private readonly active = new Set<Node>()
  private written = 0
  /** What each alias of the document stands for, found in one walk (aliasTarget). */
  private aliasTargets: Map<Node, Node | undefined> | undefined

  constructor(
    private readonly doc: Document.Parsed,
    private readonly linePos: (offset: number) => {line: number; col: number},
    private readonly limits: YamlLimits,
    private readonly complexKeyLines: number[],
    /** Problems that leave the rest of the document readable (a forbidden key). */
    private readonly report: (code: ErrorCode, message: string, offset: number | undefined) => void,
    /** The reader's options the tree follows: local tags, aliased mappings located, `!!binary` kept. */
    private readonly options: Pick<
      YamlReadOptions,
      'localTags' | 'locateAliasedMaps' | 'keepBinary' | 'mergeSequences'
    > = {},
  ) {}

  document(contents: Node, shallowKinds?: ReadonlySet<string>): YamlNode {
    if (shallowKinds && nodes().isMap(contents)) {
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
      if (nodes().isScalar(pair.key) && nodes().isScalar(pair.value))
        map.entries.set(scalarText(pair.key).text, this.node(pair.value, 1))
    }
    return map
  }

  private node(node: Node, depth: number): YamlNode {
    if (nodes().isAlias(node)) {
      const target = this.aliasTarget(node)
      if (!target) throw new YamlProblem('yaml-syntax', `YAML alias *${node.source} has no anchor`, node.range?.[0])
      const resolved = this.node(target, depth)
      // A scalar is located where the alias uses it (`uses: *checkout` on its own line); a collection stays shared,
      // so an alias bomb still costs nothing until it is measured. A mapping, when asked (locateAliasedMaps), is
      // located at the alias too: a node of its own that shares the entries, made once for each alias written.
      const here = resolved.type === 'scalar' || (resolved.type === 'map' && this.options.locateAliasedMaps)
      return here ? {...resolved, ...this.position(node)} : resolved
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

  /**
   * The node an alias stands for: the last node before it with its anchor, as the library's `Alias.resolve` finds it.
   * That walks the document from its start for each alias: 20,000 aliases in 100 KB took 50 seconds. Here one walk
   * in document order (a node before what it holds, a key before its value) indexes every alias.
   */
  private aliasTarget(alias: Node & {source: string}): Node | undefined {
    if (this.aliasTargets === undefined) {
      const targets = new Map<Node, Node | undefined>()
      const anchors = new Map<string, Node>()
      const {isAlias, visit} = yamlLibrary()
      visit(this.doc, {
        Node(_key, node) {
          if (isAlias(node)) targets.set(node, anchors.get(node.source))
          else if (node.anchor) anchors.set(node.anchor, node)
        },
      })
      this.aliasTargets = targets
    }
    return this.aliasTargets.get(alias)
  }

  private convert(node: Node, depth: number): YamlNode {
    const pos = {...this.position(node), ...(node.tag && this.options.localTags?.has(node.tag) ? {tag: node.tag} : {})}
    if (nodes().isScalar(node)) {
      if (this.options.keepBinary && node.tag === BINARY_TAG)
        return {type: 'scalar', ...pos, kind: 'other', text: String(node.source ?? ''), tag: '!!binary'}
      return {type: 'scalar', ...pos, ...scalarText(node)}
    }
    if (nodes().isSeq(node)) {
      if (!this.options.mergeSequences)
        return {type: 'seq', ...pos, items: node.items.map((item) => this.node(item as Node, depth + 1))}
      const items: YamlNode[] = []
      for (const item of node.items as Node[]) {
        const merged = this.mergedSequence(item, depth)
        // A loop, not a spread: a long merged list would overflow the call's arguments.
        if (merged) for (const spliced of merged.items) items.push(spliced)
        else items.push(this.node(item, depth + 1))
      }
      return {type: 'seq', ...pos, items}
    }
    if (!nodes().isMap(node)) throw new YamlProblem('yaml-syntax', 'unsupported YAML node', node.range?.[0])
    const map: YamlMap = {type: 'map', ...pos, entries: new Map()}
    const merges: Node[] = []
    for (const pair of node.items) {
      const key = pair.key as Node | null
      const value = (pair.value as Node | null) ?? null
      if (nodes().isScalar(key) && typeof key.value === 'symbol') {
        if (value) merges.push(value)
        continue
      }
      // Kubernetes objects only have string keys; complex keys (`? [a, b]`, `{{ x }}`) are noted and ignored.
      // A key with a local tag (`!reference b:`) is no name either: the tag would be lost with the key's text.
      if (!nodes().isScalar(key) || (key.tag !== undefined && this.options.localTags?.has(key.tag))) {
        if (key) this.complexKeyLines.push(this.position(key).line)
        continue
      }
      // A `!!binary` key is the text it encodes, as every Go reader of these files takes it (../go-binary.ts): read as
      // its base64 it hid what it names (`!!binary aW1hZ2U=: x` is `image: x` to Kubernetes and Compose).
      const binary = key.tag === BINARY_TAG ? goBinaryText(String(key.source ?? '')) : undefined
      if (binary && 'problem' in binary) {
        // Go's readers refuse the whole file; the rest of this one is still read.
        this.report('yaml-syntax', `!!binary key ${binary.problem}: its value is not read`, key.range?.[0])
        continue
      }
      const name = binary?.text ?? scalarText(key).text
      if (UNSAFE_KEYS.has(name)) {
        this.report('forbidden-key', `forbidden key '${name}' ignored`, key.range?.[0])
        continue
      }
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

  /** `- <<: LIST` (YamlReadOptions.mergeSequences): the list, converted; undefined for any other item. */
  private mergedSequence(item: Node, depth: number): YamlSeq | undefined {
    if (!nodes().isMap(item) || item.items.length !== 1) return undefined
    const {key, value} = item.items[0] as {key: Node | null; value: Node | null}
    if (!nodes().isScalar(key) || typeof key.value !== 'symbol' || !value) return undefined
    const converted = this.node(value, depth + 1)
    return converted.type === 'seq' ? converted : undefined
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
    const pos = this.linePos(node.range?.[0] ?? 0)
    return {line: pos.line, column: pos.col}
  }
}

/** `!!binary`, as the `yaml` library names it once resolved. */
const BINARY_TAG = 'tag:yaml.org,2002:binary'

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

/**
 * Size of the tree with aliases expanded, stopping as soon as it passes the budget. Memoised by content (a mapping's
 * entries, a list's items): a mapping located at its alias (locateAliasedMaps) is measured once with the one it
 * shares its entries with.
 */
function expandedSize(node: YamlNode, budget: number, memo: Map<object, number>): number {
  const key = node.type === 'map' ? node.entries : node.type === 'seq' ? node.items : node
  const known = memo.get(key)
  if (known !== undefined) return known
  let size = 1
  const children = node.type === 'map' ? node.entries.values() : node.type === 'seq' ? node.items.values() : [].values()
  for (const child of children) {
    size += expandedSize(child, budget, memo)
    if (size > budget) break
  }
  memo.set(key, size)
  return size
}

/**
 * The documents of a YAML file that are mappings, for formats whose every document is one (CI configurations): the
 * reader's errors, and an `invalid-entry` error for each document that is not a mapping (`what` names what it must
 * be), go to `errors`; empty documents are passed over.
 */
export function mappingDocuments(
  text: string,
  file: string,
  errors: ScanError[],
  what: string,
  options: YamlReadOptions = {},
): YamlMap[] {
  const yaml = readYaml(text, file, options)
  for (const error of yaml.errors) errors.push(error)
  const maps: YamlMap[] = []
  for (const {root} of yaml.documents) {
    if (root === null || (isScalar(root) && root.kind === 'null')) continue
    if (isMap(root)) maps.push(root)
    else
      errors.push({
        file,
        line: root.line,
        column: root.column,
        code: 'invalid-entry',
        message: `${what} must be a mapping`,
      })
  }
  return maps
}
