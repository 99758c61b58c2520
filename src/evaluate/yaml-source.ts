import {type Document, isAlias, isMap, isPair, isScalar, LineCounter, type Node, parseDocument, visit} from 'yaml'

/** A problem in a rule file, reported as `file:line:column: message` (1-based). */
export interface RuleProblem {
  file: string
  line: number
  column: number
  message: string
}

export interface YamlSource {
  file: string
  text: string
  doc: Document
  lines: LineCounter
  value: unknown
}

/** Rule files are small; anything larger is a mistake or an attack. */
export const MAX_RULE_FILE_BYTES = 256 * 1024
/** Aliases expanded per file: a handful is normal, thousands is a "billion laughs" bomb. */
const MAX_ALIASES = 100

/**
 * Parses one YAML document keeping node positions, so schema errors can name the line of the bad key. Duplicate
 * keys, several documents and alias bombs are errors, not surprises.
 */
export function readYaml(file: string, text: string): {source?: YamlSource; problems: RuleProblem[]} {
  if (Buffer.byteLength(text) > MAX_RULE_FILE_BYTES) {
    return {problems: [{file, line: 1, column: 1, message: `file larger than ${MAX_RULE_FILE_BYTES} bytes`}]}
  }
  const lines = new LineCounter()
  const doc = parseDocument(text, {lineCounter: lines, uniqueKeys: true, prettyErrors: false})
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => {
        const pos = lines.linePos(error.pos[0])
        const message = error.code === 'MULTIPLE_DOCS' ? 'one YAML document per file' : firstLine(error.message)
        return {file, line: pos.line, column: pos.col, message: `YAML: ${message}`}
      }),
    }
  }
  try {
    const value = doc.toJS({maxAliasCount: MAX_ALIASES})
    return {source: {file, text, doc, lines, value}, problems: []}
  } catch (error) {
    const at = firstAlias(doc)
    const pos = at === undefined ? {line: 1, col: 1} : lines.linePos(at)
    const reason = error instanceof Error ? error.message : String(error)
    return {problems: [{file, line: pos.line, column: pos.col, message: `YAML: ${reason} (aliases are limited to ${MAX_ALIASES})`}]}
  }
}

/** Position of the value at `path`, or of the key `key` inside the mapping at `path`; the nearest parent if absent. */
export function locate(source: YamlSource, path: ReadonlyArray<PropertyKey>, key?: string): {line: number; column: number} {
  let node: unknown = source.doc.contents
  for (const step of path) {
    const next = isMap(node) || (node && typeof node === 'object' && 'items' in node) ? childOf(node as Node, step) : undefined
    if (next === undefined) break
    node = next
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key)
    const keyNode = pair?.key as Node | undefined
    if (keyNode?.range) return position(source, keyNode.range[0])
  }
  const range = (node as Node | null)?.range
  return range ? position(source, range[0]) : {line: 1, column: 1}
}

/** The scalar node at `path` (e.g. a rule's condition), for mapping positions inside its text. */
export function scalarAt(source: YamlSource, path: ReadonlyArray<PropertyKey>): Node | undefined {
  const node = source.doc.getIn(path as unknown[], true)
  return isScalar(node) ? node : undefined
}

export function position(source: YamlSource, offset: number): {line: number; column: number} {
  const pos = source.lines.linePos(offset)
  return {line: pos.line, column: pos.col}
}

function childOf(node: Node, step: PropertyKey): unknown {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step))
    return pair?.value ?? undefined
  }
  const items = (node as unknown as {items: unknown[]}).items
  return typeof step === 'number' ? items[step] : undefined
}

function firstAlias(doc: Document): number | undefined {
  let offset: number | undefined
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) {
        offset = node.range[0]
        return visit.BREAK
      }
    },
  })
  return offset
}

function firstLine(text: string): string {
  return text.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
}
