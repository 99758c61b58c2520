/**
 * Where Jenkins evaluates a value of a declarative pipeline, and so which names it sees (pipeline-model-definition
 * ModelInterpreter.groovy `evaluateStage`, RuntimeASTTransformer.groovy `transformMatrix` / `translateEnvironmentValue`,
 * workflow-cps CpsScript.getProperty):
 * - A bare `${NAME}` is Groovy's: a top-level `def NAME` (a local the pipeline's closures capture) or `NAME = …` (the
 *   script binding) comes first; then the environment variables in effect (`withEnv`: the innermost block first).
 *   `${env.NAME}` reads the environment only.
 * - A stage sets up its `agent` before it applies its own `environment {}` (`inDeclarativeAgent(thisStage…) {
 *   withEnvBlock(thisStage.getEnvVars…) }`), and the pipeline's agent runs before the pipeline's environment: an agent
 *   sees the environment of the enclosing stages and, for a stage's agent, the pipeline's; never its own holder's.
 * - A matrix cell's axis values are set before anything else of the cell (`withEnvBlock(getMatrixCellEnvVars)`, then
 *   the agent, then the matrix's `environment {}`): an agent in `matrix {}` sees the axes, not the matrix's environment.
 * - An `environment {}` entry is evaluated when its block is applied: its other entries first (Jenkins calls their
 *   closures, whatever their order), then the top level, then the blocks in effect around the block. A name is filled
 *   in where it is defined, not where it is used.
 * - `matrix { axes { axis { name 'X'; values 'a', 'b' } } excludes { exclude { axis { name 'X'; notValues 'a' } } } }`:
 *   the cells are every combination of axis values (in Jenkins's order, `expandAxes`) less the excluded ones
 *   (`filterExcludes`: a cell matching every axis of one `exclude`).
 */
import {elide} from '../../../core/elide.js'
import type {Token} from '../../lockfile-support/groovy-tokenize.js'

/** A name's value: the string token that sets it, or what makes it unknown here (a call, an expression). */
export type Binding = {token: Token} | {computed: string}

/**
 * What reading a `matrix {}` block needs of the pipeline's tokens (./pipeline.ts's Pipeline has it): written here as
 * a shape, so that this module and the pipeline's do not import each other.
 */
export interface Pipeline {
  readonly tokens: Token[]
  readonly match: Int32Array
  /** The frame each token is in. */
  readonly owner: Int32Array
  readonly frames: ReadonlyArray<{label: string; open: number; parent: number}>
  isPunct(i: number, value: string): boolean
  atStatementStart(i: number): boolean
  valueEnd(at: number, end?: number): number
  statementEnd(start: number): number
  expressionText(start: number, end: number): string
  isValueEnd(k: number): boolean
}

/** Names set by one `environment {}` block, and the matrix axes of a `matrix {}` block, as a block in effect. */
export interface Layer {
  /** Index of the frame (`pipeline`, `stage`, `matrix`) holding them. */
  frame: number
  env?: Map<string, Binding>
  axes?: Matrix
}

/** The matrix cell a value is evaluated in: for each `matrix` frame, each axis's value. */
export type Cell = Map<number, Map<string, string>>

/** Where a value is evaluated. */
export interface Scope {
  /** The environment block the value is an entry of (its other entries come first), and the entry's name. */
  block?: {env: Map<string, Binding>; self: string}
  /** Blocks in effect, innermost first. */
  layers: Layer[]
  cell?: Cell
}

interface Axis {
  name: string
  values: string[]
}

interface ExcludeAxis extends Axis {
  /** `notValues`: the exclude matches the values not listed. */
  inverse: boolean
}

/** A `matrix {}` block's axes and excludes, or why they are not read. */
export interface Matrix {
  axes: Axis[]
  excludes: ExcludeAxis[][]
  why?: string
}

/** Cells expanded, at most: a matrix with more is not expanded (a skip). */
export const MAX_CELLS = 64
/** Combinations enumerated before excludes, at most. */
const MAX_COMBINATIONS = 1024

/** The axes and excludes of the `matrix {` frame `frame`. */
export function readMatrix(p: Pipeline, frame: number): Matrix {
  const matrix: Matrix = {axes: [], excludes: []}
  for (const axes of children(p, frame, 'axes'))
    for (const axis of children(p, axes, 'axis')) {
      const read = readAxis(p, axis)
      if ('why' in read) matrix.why ??= read.why
      else matrix.axes.push(read)
    }
  for (const excludes of children(p, frame, 'excludes'))
    for (const exclude of children(p, excludes, 'exclude')) {
      const axes: ExcludeAxis[] = []
      for (const axis of children(p, exclude, 'axis')) {
        const read = readAxis(p, axis)
        if ('why' in read) matrix.why ??= read.why
        else axes.push(read)
      }
      matrix.excludes.push(axes)
    }
  return matrix
}

/** Frames labelled `label` directly in frame `parent`. */
function children(p: Pipeline, parent: number, label: string): number[] {
  const found: number[] = []
  const open = p.frames[parent].open
  const close = p.match[open] >= 0 ? p.match[open] : p.tokens.length
  // Frames are numbered in the order of their `{`: those inside `parent` follow it.
  for (let f = parent + 1; f < p.frames.length && p.frames[f].open < close && found.length < MAX_COMBINATIONS; f++)
    if (p.frames[f].parent === parent && p.frames[f].label === label) found.push(f)
  return found
}

/** `axis { name 'X'; values 'a', 'b' }` (or `notValues`, in an exclude). */
function readAxis(p: Pipeline, frame: number): ExcludeAxis | {why: string} {
  const open = p.frames[frame].open
  const close = p.match[open] >= 0 ? p.match[open] : p.tokens.length
  let name: string | undefined
  let values: string[] | undefined
  let inverse = false
  for (let k = open + 1; k < close; k++) {
    if (p.owner[k] !== frame || p.tokens[k].kind !== 'ident' || !p.atStatementStart(k)) continue
    const word = p.tokens[k].value
    if (word === 'name') {
      const at = p.isPunct(k + 1, '(') ? k + 2 : k + 1
      const token = p.tokens[at]
      if (token?.kind !== 'string' || token.parts?.some((part) => 'expr' in part) || !p.isValueEnd(at + 1))
        return {why: `a matrix axis named ${p.expressionText(at, p.valueEnd(at))}, not a literal`}
      name = token.value
    } else if (word === 'values' || word === 'notValues') {
      inverse = word === 'notValues'
      const read = axisValues(p, k + 1)
      if ('why' in read) return read
      values = read
    }
  }
  if (name === undefined || values === undefined) return {why: 'a matrix axis without a name or values'}
  return {name, values, inverse}
}

/** The literal values after `values` (`'a', 'b'`, or `('a', 'b')`): Jenkins accepts literals only. */
function axisValues(p: Pipeline, start: number): string[] | {why: string} {
  const parenthesised = p.isPunct(start, '(')
  const end = parenthesised ? (p.match[start] >= 0 ? p.match[start] : p.tokens.length) : p.statementEnd(start)
  const values: string[] = []
  for (let k = parenthesised ? start + 1 : start; k < end; k++) {
    const token = p.tokens[k]
    if (token.kind === 'newline' || p.isPunct(k, ',')) continue
    const literal =
      (token.kind === 'string' && !token.parts?.some((part) => 'expr' in part)) ||
      token.kind === 'number' ||
      (token.kind === 'ident' && (token.value === 'true' || token.value === 'false'))
    if (!literal) return {why: `a matrix axis value ${p.expressionText(k, p.valueEnd(k))}, not a literal`}
    values.push(token.value)
    if (values.length > MAX_COMBINATIONS) return {why: `a matrix axis of more than ${MAX_COMBINATIONS} values`}
  }
  return values
}

/** The values of an axis, for messages: `(11, 17)`. */
export function axisShown(matrix: Matrix, name: string): string {
  const axis = matrix.axes.find((a) => a.name === name)
  return `(${elide((axis?.values ?? []).join(', '), 100)})`
}

/** The cells of the matrices in effect in `scope` (the product of each one's cells), or why they are not expanded. */
export function cellsOf(scope: Scope): Cell[] | {why: string} {
  let cells: Cell[] = [new Map()]
  const seen = new Set<number>()
  for (const layer of scope.layers) {
    if (layer.axes === undefined || seen.has(layer.frame)) continue
    seen.add(layer.frame)
    const own = matrixCells(layer.axes)
    if ('why' in own) return own
    if (own.length === 0) return {why: 'every cell of the matrix is excluded'}
    if (cells.length * own.length > MAX_CELLS) return {why: `the matrix has more than ${MAX_CELLS} cells`}
    const next: Cell[] = []
    for (const cell of cells) for (const values of own) next.push(new Map([...cell, [layer.frame, values]]))
    cells = next
  }
  return cells
}

/** One matrix's cells: axis name to value, in Jenkins's order, excluded ones left out. */
function matrixCells(matrix: Matrix): Array<Map<string, string>> | {why: string} {
  if (matrix.why !== undefined) return {why: matrix.why}
  let total = 1
  for (const axis of matrix.axes) {
    total *= Math.max(axis.values.length, 1)
    if (total > MAX_COMBINATIONS)
      return {why: `the matrix has more than ${MAX_COMBINATIONS} combinations of axis values`}
  }
  // expandAxes: each axis's values in turn, over the combinations so far.
  let combinations: Array<Map<string, string>> = [new Map()]
  for (const axis of matrix.axes) {
    const next: Array<Map<string, string>> = []
    for (const value of axis.values)
      for (const combination of combinations) next.push(new Map([...combination, [axis.name, value]]))
    combinations = next
  }
  const kept = combinations.filter((cell) => !matrix.excludes.some((exclude) => excluded(cell, exclude)))
  const unique = new Map(kept.map((cell) => [JSON.stringify([...cell]), cell]))
  return [...unique.values()]
}

/** filterExcludes: an exclude removes the cells matching all of its axes (all cells when it has none). */
function excluded(cell: Map<string, string>, exclude: ExcludeAxis[]): boolean {
  return exclude.every((axis) => {
    const value = cell.get(axis.name)
    const listed = value !== undefined && axis.values.includes(value)
    return axis.inverse ? !listed : listed
  })
}
