/**
 * Woodpecker's `matrix:` (https://woodpecker-ci.org/docs/usage/matrix-workflows) as Woodpecker itself expands it
 * (pipeline/frontend/yaml/matrix/matrix.go): a non-empty `matrix.include` list is the list of axes, each a mapping
 * of variable to value; otherwise the axes are the product of every `NAME: [values]` entry, names in sorted order,
 * an empty list left out, at most MAX_AXES of them (Woodpecker stops there) with values for the first MAX_TAGS names.
 * Each axis's values are substituted into the workflow file's text (`${NAME}`, `$NAME`) before it is parsed.
 * Written by hand: no library expands a Woodpecker matrix; bounded (MAX_INCLUDE, MAX_AXES, and MAX_WORK parts
 * substituted in one file).
 */
import {isMap, isScalar, isSeq, type YamlNode} from '../../yaml-tree.js'

/** Woodpecker's limits (limitAxis 25, limitTags 10, checked after one more is added). */
const MAX_AXES = 27
const MAX_TAGS = 12
/** Woodpecker has no limit on include entries; past this many the matrix is not expanded here. */
const MAX_INCLUDE = 1000
/** Template parts substituted in one file, all images together: a hostile file's images are not all expanded. */
export const MAX_WORK = 1_000_000

export type Axis = ReadonlyMap<string, string>

/** Why axesOf gave nothing, for the caller's skip. */
export const MATRIX_NOT_EXPANDED = `which is not expanded here: its values are not all strings, it has too many combinations to count, over ${MAX_INCLUDE} include entries, or the file's matrix images pass ${MAX_WORK} substitutions`

/** A scalar as go-yaml decodes it into a string: its text as written, null empty; a collection is no value. */
function asString(node: YamlNode): string | undefined {
  if (!isScalar(node)) return undefined
  return node.kind === 'null' ? '' : node.text
}

const expanded = new WeakMap<YamlNode, Axis[] | null>()

/** The axes of a `matrix:` mapping, in Woodpecker's order; undefined when it cannot be expanded from the file. */
export function axesOf(matrix: YamlNode): Axis[] | undefined {
  let axes = expanded.get(matrix)
  if (axes === undefined) {
    axes = expand(matrix) ?? null
    expanded.set(matrix, axes)
  }
  return axes ?? undefined
}

function expand(matrix: YamlNode): Axis[] | undefined {
  if (!isMap(matrix)) return undefined
  const include = matrix.entries.get('include')
  if (isSeq(include) && include.items.length > 0) {
    if (include.items.length > MAX_INCLUDE) return undefined
    const axes: Axis[] = []
    for (const entry of include.items) {
      if (!isMap(entry)) return undefined
      const axis = new Map<string, string>()
      for (const [name, node] of entry.entries) {
        const value = asString(node)
        if (value === undefined) return undefined
        axis.set(name, value)
      }
      axes.push(axis)
    }
    return axes
  }
  const tags: Array<[string, string[]]> = []
  for (const [name, node] of matrix.entries) {
    if (isScalar(node) && node.kind === 'null') continue
    if (!isSeq(node)) return undefined
    const values: string[] = []
    for (const item of node.items) {
      const value = asString(item)
      if (value === undefined) return undefined
      values.push(value)
    }
    if (values.length > 0) tags.push([name, values])
  }
  if (tags.length === 0) return []
  tags.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const total = tags.reduce((n, [, values]) => n * values.length, 1)
  // Woodpecker counts in a Go int, which would overflow: such a matrix is not expanded.
  if (!Number.isSafeInteger(total)) return undefined
  const axes: Axis[] = []
  for (let p = 0; p < Math.min(total, MAX_AXES); p++) {
    const axis = new Map<string, string>()
    let decrease = total
    for (let i = 0; i < tags.length && i < MAX_TAGS; i++) {
      const [name, values] = tags[i]
      decrease /= values.length
      axis.set(name, values[Math.floor(p / decrease) % values.length])
    }
    axes.push(axis)
  }
  return axes
}

/** `$$`, `${...}` and `$NAME` as envsubst (github.com/drone/envsubst, which Woodpecker uses) reads them. */
const VARIABLE = /\$(?:\$|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Text and variable names in order (`golang:${GO}` is `['golang:', {name: 'GO'}, '']`); undefined if any is more. */
export type Template = Array<string | {name: string}>

export function templateOf(value: string): Template | undefined {
  const parts: Template = []
  let from = 0
  for (const match of value.matchAll(VARIABLE)) {
    const name = match[2] ?? match[1]
    if (name === undefined || !NAME.test(name)) return undefined
    parts.push(value.slice(from, match.index), {name})
    from = match.index + match[0].length
  }
  parts.push(value.slice(from))
  // A `$` no variable takes (`$1`, a `$` alone) is left as envsubst leaves it: not an image name to guess at.
  return parts.some((part) => typeof part === 'string' && part.includes('$')) ? undefined : parts
}

/** Names a template uses. */
export function namesOf(template: Template): string[] {
  return template.flatMap((part) => (typeof part === 'string' ? [] : [part.name]))
}

/**
 * The distinct values a template takes over the axes, in order; undefined when an axis lacks one of its names, or
 * the file's budget (`work`, parts substituted so far) would pass MAX_WORK.
 */
export function valuesOver(template: Template, axes: readonly Axis[], budget: {work: number}): string[] | undefined {
  budget.work += template.length * axes.length
  if (budget.work > MAX_WORK) return undefined
  const found = new Set<string>()
  for (const axis of axes) {
    let text = ''
    for (const part of template) {
      const piece = typeof part === 'string' ? part : axis.get(part.name)
      if (piece === undefined) return undefined
      text += piece
    }
    found.add(text)
  }
  return [...found]
}
