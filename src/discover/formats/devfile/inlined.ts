/**
 * A Kubernetes or OpenShift component's `inlined` manifest: a string holding Kubernetes objects (one or more YAML
 * documents). The devfile library replaces the devfile's `{{variables}}` in the whole string before it is read as
 * YAML (an unquoted `image: {{IMAGE}}` is YAML only then), so it is replaced here first too, line by line, and read
 * with the shared YAML reader and the shared image finder (../../k8s-images.ts). Positions are the file's: a literal
 * block's (`inlined: |`) line k is the file's line after the indicator + k - 1 (../../embedded-yaml.ts); a line a
 * replacement changed keeps its line, and a value that starts before the line's first `{{` its column.
 */
import type {Location} from '../../../core/model.js'
import {placed, placement, type Placement} from '../../embedded-yaml.js'
import {findResourceImages, resourcesOf} from '../../k8s-images.js'
import {readYaml} from '../../yaml.js'
import type {YamlScalar} from '../../yaml-tree.js'
import {references, replaceVariables} from './variables.js'

export interface InlinedImage {
  /** As written in the devfile (its `{{variables}}` unreplaced). */
  written: string
  /** With the variables replaced: what is pulled. */
  value: string
  location: Location
  /** Variables it refers to that the devfile does not define (then `value` still holds them). */
  undefined: string[]
  /** Variables of its line whose values hold `{{` (which the library may replace again). */
  nested: string[]
}

export interface InlinedRead {
  images: InlinedImage[]
  /** Problems of the manifest (YAML, image fields that are no strings), placed in the file. */
  errors: Array<{line: number; column: number; code: string; message: string}>
  /** Problems on lines that refer to undefined variables: those variables, not the manifest, are the cause. */
  unreplaced: Array<{line: number; names: string[]}>
  /** The replacements would make the manifest too large: not read. */
  refused?: string
}

/**
 * The images of the manifest held by the string `node` (of `text`, the devfile), its variables replaced with
 * `variables` (empty for a devfile that has none: schemaVersion 2.0.0).
 */
export function readInlined(
  node: YamlScalar,
  text: string,
  file: string,
  variables: ReadonlyMap<string, string>,
): InlinedRead {
  const result: InlinedRead = {images: [], errors: [], unreplaced: []}
  const found = references(node.text)
  const replaced = replaceVariables(node.text, variables, found)
  if (!replaced.ok) return {...result, refused: replaced.message}
  const original = node.text.split('\n')
  /** Per line (0-based): the variables it refers to that are not defined, or whose values hold `{{`; changed lines. */
  const missing = new Map<number, string[]>()
  const nested = new Map<number, string[]>()
  const changed = new Set<number>()
  const add = (map: Map<number, string[]>, line: number, name: string) => {
    const names = map.get(line)
    if (names === undefined) map.set(line, [name])
    else if (!names.includes(name) && names.length < 20) names.push(name)
  }
  // A reference across lines, or a value with line breaks, moves the lines after it: the nodes are placed at the
  // string itself then.
  let multiline = false
  let line = 0
  let nextBreak = node.text.indexOf('\n')
  for (const reference of found) {
    while (nextBreak !== -1 && nextBreak < reference.start) {
      line++
      nextBreak = node.text.indexOf('\n', nextBreak + 1)
    }
    const value = variables.get(reference.name)
    if (value === undefined) add(missing, line, reference.name)
    else {
      changed.add(line)
      if (value.includes('{{')) add(nested, line, reference.name)
      if (value.includes('\n')) multiline = true
    }
    if (node.text.slice(reference.start, reference.end).includes('\n')) multiline = true
  }
  const where: Placement = multiline ? {block: false, line: node.line, column: node.column} : placement(node, text)
  /** Per changed line: where its first `{{` is, and its first column that is not a space (measured once). */
  const shapes = new Map<number, {first: number; indent: number}>()
  const shape = (i: number) => {
    let known = shapes.get(i)
    if (known === undefined) {
      const text = original[i]
      known = {first: text.indexOf('{{'), indent: text.length - text.trimStart().length + 1}
      shapes.set(i, known)
    }
    return known
  }
  const locate = (at: number, column: number): {line: number; column: number} => {
    const i = at - 1
    if (multiline || !changed.has(i)) return placed(where, at, column)
    const {first, indent} = shape(i)
    return placed(where, at, column - 1 <= first ? column : indent)
  }
  /** The undefined variables a problem on a line comes from: all of them when lines moved (then no line tells). */
  const allMissing = [...new Set([...missing.values()].flat())].slice(0, 20)
  const unreplacedAt = (at: number | undefined): string[] | undefined => {
    if (multiline) return allMissing.length > 0 ? allMissing : undefined
    return at === undefined ? undefined : missing.get(at - 1)
  }
  const yaml = readYaml(replaced.value, file)
  for (const error of yaml.errors) {
    const names = unreplacedAt(error.line)
    const at = locate(error.line ?? 1, error.column ?? 1)
    if (names) result.unreplaced.push({line: at.line, names})
    else result.errors.push({...at, code: error.code, message: `inlined manifest: ${error.message}`})
  }
  for (const doc of yaml.documents)
    for (const resource of resourcesOf(doc.root)) {
      const found = findResourceImages(resource)
      for (const problem of found.problems) {
        const names = unreplacedAt(problem.node.line)
        const at = locate(problem.node.line, problem.node.column)
        if (names) result.unreplaced.push({line: at.line, names})
        else result.errors.push({...at, code: 'invalid-image-field', message: problem.message})
      }
      for (const image of found.images) {
        const i = image.node.line - 1
        const at = locate(image.node.line, image.node.column)
        const own = !multiline && (changed.has(i) || missing.has(i))
        const written = own ? writtenAt(original[i], image.node.column, shape(i).first) : undefined
        const shown = written ?? image.node.text
        result.images.push({
          written: shown,
          value: image.node.text,
          location: {file, ...at},
          undefined: (multiline ? allMissing : (missing.get(i) ?? [])).filter((name) => shown.includes(name)),
          nested: multiline ? [...new Set([...nested.values()].flat())] : (nested.get(i) ?? []),
        })
      }
    }
  return result
}

/**
 * The scalar written at `column` of a line of the original manifest (before replacement): a quoted one without its
 * quotes, a plain one to the end of the line or its comment. Only when the value starts before the line's first
 * `{{` (else the original line's columns differ, and the replaced value is all there is).
 */
function writtenAt(line: string, column: number, first: number): string | undefined {
  if (column - 1 > first && first >= 0) return undefined
  // No image reference is longer (core/image-ref.ts reads at most 1024 characters), with its quotes.
  const rest = line.slice(column - 1, column + 1026)
  const quote = rest[0]
  if (quote === '"' || quote === "'") {
    const end = rest.indexOf(quote, 1)
    return end > 0 ? rest.slice(1, end) : undefined
  }
  const comment = rest.search(/\s#/)
  return (comment >= 0 ? rest.slice(0, comment) : rest).trimEnd()
}
