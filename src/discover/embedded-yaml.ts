/**
 * YAML held in a string of a YAML file: Argo CD's `helm.values`, a Helm chart's `artifacthub.io/images` annotation.
 * Written as a literal block (`key: |`), the string's lines are the file's, and its nodes are placed on them; written
 * any other way (quoted, folded), every node is placed at the string, which is all the file tells.
 */
import type {ScanError} from '../core/model.js'
import {readYaml, type YamlReadOptions} from './yaml.js'
import {isMap, isScalar, isSeq, type YamlNode} from './yaml-tree.js'

/**
 * A string value that holds YAML (`node`, read from `text`): its first document, every node placed in the file. Its
 * problems go to `errors`, placed likewise. Undefined when the value is not a string, or holds nothing.
 */
export function readEmbeddedYaml(
  node: YamlNode | undefined,
  text: string,
  file: string,
  errors: ScanError[],
): YamlNode | undefined {
  if (!isScalar(node) || node.kind !== 'string' || node.text.trim() === '') return undefined
  const place = placement(node, text)
  const read = readYaml(node.text, file)
  for (const error of read.errors) errors.push({...error, ...placed(place, error.line, error.column)})
  const root = read.documents[0]?.root
  return root ? moved(root, place, 0) : undefined
}

/**
 * Every document of a string value that holds YAML (kubectl's `-f` reads them all), read with `options`, placed as
 * readEmbeddedYaml places its first; the lines (in the file) where `{{ }}` made YAML collection keys. Undefined when the
 * value is not a string, or is blank.
 */
export function readEmbeddedDocuments(
  node: YamlNode | undefined,
  text: string,
  file: string,
  errors: ScanError[],
  options: YamlReadOptions = {},
  starts?: readonly number[],
): {roots: YamlNode[]; complexKeyLines: number[]} | undefined {
  if (!isScalar(node) || node.kind !== 'string' || node.text.trim() === '') return undefined
  const place = placement(node, text, starts)
  const read = readYaml(node.text, file, options)
  for (const error of read.errors) errors.push({...error, ...placed(place, error.line, error.column)})
  const roots: YamlNode[] = []
  for (const {root} of read.documents) if (root) roots.push(moved(root, place, 0))
  return {roots, complexKeyLines: read.complexKeyLines.map((line) => placed(place, line, 1).line)}
}

/**
 * Where the string's own line 1, column 1 is in the file: for a literal block (`|`, `|-`, `|2`…), the line after the
 * indicator, at the block's indentation; otherwise the string itself, for every line.
 */
export type Placement = {block: true; line: number; indent: number} | {block: false; line: number; column: number}

export function placement(node: YamlNode & {text: string}, text: string, starts?: readonly number[]): Placement {
  const atString: Placement = {block: false, line: node.line, column: node.column}
  // `starts`: every line start of the text, for a caller that places many strings of one file (each would scan the
  // text from its start).
  const lines = starts ?? lineStarts(text, node.line + node.text.split('\n').length)
  const indicator = text.charAt(lines[node.line - 1] + node.column - 1)
  if (indicator !== '|') return atString
  const own = node.text.split('\n')
  const first = own.findIndex((line) => line.trim() !== '')
  if (first === -1) return atString
  const fileLine = lineAt(text, lines, node.line + 1 + first)
  const indent = fileLine.length - own[first].length
  // The block's line as the file writes it: its indentation, then the string's line (else the file is not what the
  // reader saw, and the string's own position is all that is sure).
  if (indent < 0 || fileLine.slice(indent) !== own[first] || fileLine.slice(0, indent).trim() !== '') return atString
  return {block: true, line: node.line + 1, indent}
}

/** Offsets where the first `count` lines of `text` start (every line by default). */
export function lineStarts(text: string, count = Number.POSITIVE_INFINITY): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1 && starts.length < count; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** Line `line` (1-based) of `text`, without its line break ('' past the end). */
function lineAt(text: string, starts: readonly number[], line: number): string {
  const start = starts[line - 1]
  if (start === undefined) return ''
  const end = text.indexOf('\n', start)
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '')
}

export function placed(place: Placement, line: number | undefined, column: number | undefined) {
  if (!place.block) return {line: place.line, column: place.column}
  return {line: place.line + (line ?? 1) - 1, column: place.indent + (column ?? 1)}
}

/** A copy of `node` with every position placed in the file. */
function moved<T extends YamlNode>(node: T, place: Placement, depth: number): T {
  const position = placed(place, node.line, node.column)
  if (isMap(node)) {
    const entries = new Map<string, YamlNode>()
    if (depth < 256) for (const [key, value] of node.entries) entries.set(key, moved(value, place, depth + 1))
    return {...node, ...position, entries}
  }
  if (isSeq(node))
    return {...node, ...position, items: depth < 256 ? node.items.map((item) => moved(item, place, depth + 1)) : []}
  return {...node, ...position}
}
