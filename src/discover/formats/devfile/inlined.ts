/**
 * A Kubernetes or OpenShift component's `inlined` manifest: a string holding Kubernetes objects (one or more YAML
 * documents). The devfile library replaces the devfile's `{{variables}}` in the whole string before it is read as
 * YAML (an unquoted `image: {{IMAGE}}` is YAML only then), so it is replaced here first too, line by line, and read
 * with the shared YAML reader and the shared image finder (../../k8s-images.ts). Positions are the file's: a literal
 * block's (`inlined: |`) line k is the file's line after the indicator + k - 1 (../../embedded-yaml.ts); a line a
 * replacement changed keeps its line, and a value that starts before the line's first `{{` its column.
 */
import {elide} from '../../../core/elide.js'
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
  const place = placement(node, text)
  const original = node.text.split('\n')
  const order = references(node.text)
  const lines: string[] = []
  /** Per line (0-based): the variables it refers to that are not defined; whether a replacement changed it. */
  const missing = new Map<number, string[]>()
  const changed = new Set<number>()
  let multiline = false
  let size = 0
  for (let i = 0; i < original.length; i++) {
    const line = original[i]
    if (!line.includes('{{')) {
      lines.push(line)
      size += line.length
      continue
    }
    const replaced = replaceVariables(line, variables, order)
    if (!replaced.ok) return {...result, refused: replaced.message}
    size += replaced.value.length
    if (size > 4 * 1024 * 1024) return {...result, refused: 'its variables expand it beyond 4 MB'}
    if (replaced.undefined.length > 0) missing.set(i, replaced.undefined)
    if (replaced.changed) changed.add(i)
    if (replaced.value.includes('\n')) multiline = true
    lines.push(replaced.value)
  }
  // A value with line breaks moves every line after it: the nodes are placed at the string itself then.
  const where: Placement = multiline ? {block: false, line: node.line, column: node.column} : place
  const locate = (line: number, column: number): {line: number; column: number} => {
    const i = line - 1
    if (multiline || !changed.has(i)) return placed(where, line, column)
    const first = original[i].indexOf('{{')
    const kept = column - 1 <= first ? column : original[i].length - original[i].trimStart().length + 1
    return placed(where, line, kept)
  }
  const yaml = readYaml(lines.join('\n'), file)
  const unreplacedAt = (line: number | undefined) => (line === undefined ? undefined : missing.get(line - 1))
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
        const written = changed.has(i) || missing.has(i) ? writtenAt(original[i], image.node.column) : undefined
        result.images.push({
          written: written ?? image.node.text,
          value: image.node.text,
          location: {file, ...at},
          undefined: missing.get(i)?.filter((name) => (written ?? image.node.text).includes(name)) ?? [],
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
function writtenAt(line: string, column: number): string | undefined {
  const first = line.indexOf('{{')
  if (column - 1 > first && first >= 0) return undefined
  const rest = line.slice(column - 1)
  const quote = rest[0]
  if (quote === '"' || quote === "'") {
    const end = rest.indexOf(quote, 1)
    return end > 0 ? rest.slice(1, end) : undefined
  }
  const comment = rest.search(/\s#/)
  return elide((comment >= 0 ? rest.slice(0, comment) : rest).trimEnd(), 4096)
}
