/**
 * Small hand-written YAML files (configuration, maps, rules, entity data) read through a zod schema, so every
 * problem names the file and line. The `yaml` library parses; this adds what it leaves to us: alias expansion
 * bounded and reported as a problem, zod issues placed on the offending key or value, one message format.
 */
import {Document, isMap, isNode, isScalar, isSeq, LineCounter, type Node, visit} from 'yaml'
import type {z} from 'zod'
import {type ErrorCode, usageError} from './errors.js'
import {formatProblem, type Problem} from './problem.js'
import {type PreparsedEntry, preparse, preparsedTree} from './yaml-preparsed.js'
import {probeYamlDepth} from './yaml-depth.js'
import {parseDocumentLinear} from './yaml-unique-keys.js'
import {typeIssue} from './zod-issues.js'

/** A problem at a 1-based line and column of a file: a `Problem` that always has both. */
export type YamlProblem = Problem & {line: number; column: number}

export interface YamlPosition {
  line: number
  column: number
}

export type YamlPath = ReadonlyArray<PropertyKey>

/** A parsed document that still knows where each of its nodes is. */
export interface YamlTree {
  file: string
  value: unknown
  /** Position of the node at `path` (or of its deepest existing ancestor), or of the key `key` of the mapping there. */
  positionAt(path: YamlPath, key?: string): YamlPosition
  lineAt(path: YamlPath): number
  /** The node at exactly `path`, if there is one. */
  nodeAt(path: YamlPath): Node | undefined
}

// A few aliases are normal in hand-written files; a "billion laughs" file needs millions of expansions.
const MAX_ALIAS_COUNT = 100
// Later syntax errors are mostly echoes of the first ones.
const MAX_SYNTAX_PROBLEMS = 10
/** Deeper than any settings, map or rule file needs; measured before the `yaml` library reads a text (./yaml-depth.ts). */
const MAX_DEPTH = 256

/**
 * The largest settings, waivers or bot rules file read (a user's own, or one a scanned tree holds). The `yaml`
 * library builds a node for every scalar: a 1 MiB settings file took 4 s and 370 MB, a 44 MB one from a scanned
 * tree more than two minutes and 4 GB before it was stopped.
 */
export const MAX_SETTINGS_FILE_BYTES = 1024 * 1024

/**
 * The largest map or overrides file read (lists of entries, which may be generated): a map of 45,000 mappings
 * (3.6 MB) took 7 s and 560 MB through the `yaml` library.
 */
export const MAX_MAPPING_FILE_BYTES = 4 * 1024 * 1024

/**
 * Parses one document; duplicate keys, several documents, unresolved tags and alias bombs are problems. A text the
 * package ships is answered from the build's table (./yaml-preparsed.ts), with the same value and positions.
 */
export function parseYamlTree(text: string, file: string): {tree?: YamlTree; problems: YamlProblem[]} {
  const preparsed = preparsedTree(text, file, () => parseText(text, file).tree)
  return preparsed ? {tree: preparsed, problems: []} : parseText(text, file)
}

/** For the build (scripts/preparse-yaml.mjs): a text's entry in the table, or undefined if it has problems. */
export function preparseYamlText(text: string): PreparsedEntry | undefined {
  const {doc, value, at, problems} = parseDocumentOf(text, '')
  return problems.length > 0 ? undefined : preparse(doc, value, at)
}

/** parseYamlTree without the build's table: always the `yaml` library's parse (the build, and the table's tests). */
export function parseText(text: string, file: string): {tree?: YamlTree; problems: YamlProblem[]} {
  const {doc, value, at, problems} = parseDocumentOf(text, file)
  if (problems.length > 0) return {problems}
  const nodeAt = (path: YamlPath) => walk(doc.contents, path).exact
  const positionAt = (path: YamlPath, key?: string) => {
    const node = walk(doc.contents, path).deepest
    const keyNode =
      key === undefined || !isMap(node) ? undefined : node.items.find((pair) => sameKey(pair.key, key))?.key
    return at((isNode(keyNode) ? keyNode : node)?.range?.[0])
  }
  return {tree: {file, value, positionAt, lineAt: (path) => positionAt(path).line, nodeAt}, problems: []}
}

function parseDocumentOf(
  text: string,
  file: string,
): {doc: Document; value?: unknown; at: (offset: number | undefined) => YamlPosition; problems: YamlProblem[]} {
  const depth = probeYamlDepth(text, MAX_DEPTH)
  if (depth.kind !== 'ok') {
    const at = {line: depth.line, column: depth.column}
    return {doc: new Document(), at: () => at, problems: [{file, ...at, message: `YAML: ${depth.reason}`}]}
  }
  const lines = new LineCounter()
  const doc = parseDocumentLinear(text, {lineCounter: lines, prettyErrors: false})
  const at = (offset: number | undefined): YamlPosition => {
    const pos = offset === undefined ? {line: 1, col: 1} : lines.linePos(offset)
    return {line: pos.line, column: pos.col}
  }
  const syntax = [...doc.errors, ...doc.warnings].slice(0, MAX_SYNTAX_PROBLEMS).map((error) => {
    const message = error.code === 'MULTIPLE_DOCS' ? 'one YAML document per file' : error.message.split('\n')[0]
    return {file, ...at(error.pos[0]), message: `YAML: ${message}`}
  })
  if (syntax.length > 0) return {doc, at, problems: syntax}
  try {
    return {doc, at, value: doc.toJS({maxAliasCount: MAX_ALIAS_COUNT}), problems: []}
  } catch (error) {
    // The library signals an alias bomb with a ReferenceError; anything else is a bug of ours.
    if (!(error instanceof ReferenceError)) throw error
    const message = `YAML: aliases expand beyond the limit of ${MAX_ALIAS_COUNT} (a "billion laughs" bomb?)`
    return {doc, at, problems: [{file, ...at(firstAlias(doc)), message}]}
  }
}

/**
 * One problem per zod issue, the most useful first: an unknown key (often a typo that also makes another key
 * "missing"). `prefix` is where the validated value sits in the file (`['rules', 2]` for a rule inside a pack).
 */
export function schemaProblems(error: z.ZodError, tree: YamlTree, prefix: YamlPath = []): YamlProblem[] {
  const unknown: YamlProblem[] = []
  const others: YamlProblem[] = []
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path].filter((part): part is string | number => typeof part !== 'symbol')
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        unknown.push({file: tree.file, ...tree.positionAt(path, key), message: `${where(path)}unknown key '${key}'`})
      continue
    }
    // An issue about an absent key (whatever zod's wording for its type) means the key is missing.
    const key = path.at(-1)
    if (typeof key === 'string' && valueAt(tree.value, path) === undefined) {
      others.push({
        file: tree.file,
        ...tree.positionAt(path),
        message: `${where(path.slice(0, -1))}missing required key '${key}'`,
      })
      continue
    }
    const kinds = typeIssue(issue)
    const message = kinds ? `${kinds.expected} is expected, not ${kinds.received}` : issue.message
    others.push({file: tree.file, ...tree.positionAt(path), message: `${where(path)}${message}`})
  }
  return [...unknown, ...others]
}

/** Parses and validates without throwing: `data` only when there is no problem, the most useful problem first. */
export function checkYamlFile<T>(
  text: string,
  file: string,
  schema: z.ZodType<T>,
): {data?: T; problems: YamlProblem[]; lineAt(path: YamlPath): number} {
  const {tree, problems} = parseYamlTree(text, file)
  const lineAt = (path: YamlPath) => tree?.lineAt(path) ?? 1
  if (!tree) return {problems, lineAt}
  const result = schema.safeParse(tree.value)
  return result.success ? {data: result.data, problems, lineAt} : {problems: schemaProblems(result.error, tree), lineAt}
}

/** Parses and validates, throwing the most useful problem as `file:line:column: key: reason` (a usage error, exit 3). */
export function parseYamlFile<T>(
  text: string,
  file: string,
  schema: z.ZodType<T>,
  code: ErrorCode,
): {data: T; lineAt(path: YamlPath): number} {
  const {data, problems, lineAt} = checkYamlFile(text, file, schema)
  const [first] = problems
  if (first) throw usageError(code, formatProblem(first))
  return {data: data as T, lineAt}
}

/** `organizations[0].aliases[2].name: ` (empty at the root). */
export function where(path: YamlPath): string {
  if (path.length === 0) return ''
  return `${path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('')}: `
}

/** The node at `path` if it exists, and the deepest node found along it. */
function walk(root: unknown, path: YamlPath): {exact?: Node; deepest?: Node} {
  let node = isNode(root) ? root : undefined
  for (const step of path) {
    const child = childOf(node, step)
    if (!child) return {deepest: node}
    node = child
  }
  return {exact: node, deepest: node}
}

function childOf(node: Node | undefined, step: PropertyKey): Node | undefined {
  let child: unknown
  if (isMap(node)) child = node.items.find((pair) => sameKey(pair.key, step))?.value
  else if (isSeq(node) && typeof step === 'number') child = node.items[step]
  return isNode(child) ? child : undefined
}

// zod paths hold strings where YAML may have numbers or booleans as keys (`1: x`): compare as text.
function sameKey(key: unknown, step: PropertyKey): boolean {
  return isScalar(key) && String(key.value) === String(step)
}

function valueAt(value: unknown, path: YamlPath): unknown {
  let current = value
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[step]
  }
  return current
}

function firstAlias(doc: Document): number | undefined {
  let offset: number | undefined
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0]
      return visit.BREAK
    },
  })
  return offset
}
