/**
 * The values a `${{ matrix.a.b }}` reference takes in the job's matrix, as GitHub expands `strategy.matrix`
 * (https://docs.github.com/en/actions/how-tos/write-workflows/choose-what-workflows-do/run-job-variations):
 * the product of the axes, less the `exclude` entries (a partial match excludes), then each `include` entry added to
 * every combination whose original values it does not change, or made a combination of its own if it fits none.
 * Written by hand: no library expands a workflow matrix. Bounded: a matrix of more than MAX_JOBS combinations
 * (GitHub runs at most 256 jobs of one matrix), more than MAX_ENTRIES include or exclude entries, or whose values
 * take more than MAX_WORK node comparisons, is not expanded, and the caller keeps its skip. Values are compared by a
 * walk no deeper than the YAML reader's depth limit.
 */
import {isMap, isScalar, isSeq, type YamlMap, type YamlNode} from '../../yaml-tree.js'

/** GitHub's own limit of jobs in one matrix. */
const MAX_JOBS = 256
const MAX_ENTRIES = 1024
const MAX_WORK = 1_000_000

/** Why matrixValues gave nothing, for the caller's skip. */
export const MATRIX_NOT_EXPANDED = `which is not expanded here: it is an expression, or over ${MAX_JOBS} jobs, ${MAX_ENTRIES} include or exclude entries, or ${MAX_WORK} value comparisons`

/** `${{ matrix.a.b }}` as the whole value: the path `a.b` (names only; `matrix['a']` is not read). */
const MATRIX_REFERENCE = /^\$\{\{\s*matrix((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)\s*\}\}$/

export function matrixPath(value: string): string[] | undefined {
  const match = MATRIX_REFERENCE.exec(value)
  return match ? match[1].slice(1).split('.') : undefined
}

interface Combination {
  values: Map<string, YamlNode>
  /** Keys from the axes: an include entry may not change them. */
  original: ReadonlySet<string>
}

/**
 * The distinct nodes `matrix.<path>` stands for in some job of the matrix (a combination without it gives nothing),
 * in the order first met; undefined when the matrix cannot be expanded from the file alone (an expression, too big).
 */
export function matrixValues(matrix: YamlNode | undefined, path: readonly string[]): YamlNode[] | undefined {
  const combinations = expand(matrix)
  if (!combinations) return undefined
  const found = new Set<YamlNode>()
  for (const combination of combinations) {
    let node: YamlNode | undefined = combination.values.get(path[0])
    for (let i = 1; i < path.length && node; i++) node = isMap(node) ? node.entries.get(path[i]) : undefined
    if (node) found.add(node)
  }
  return [...found]
}

function expand(matrix: YamlNode | undefined): Combination[] | undefined {
  const budget = {work: 0}
  const combinations = expandWithin(matrix, budget)
  return budget.work > MAX_WORK ? undefined : combinations
}

function expandWithin(matrix: YamlNode | undefined, budget: Budget): Combination[] | undefined {
  if (!isMap(matrix)) return undefined
  const include = entries(matrix.entries.get('include'))
  const exclude = entries(matrix.entries.get('exclude'))
  if (!include || !exclude) return undefined
  const axes: Array<[string, YamlNode[]]> = []
  let size = 1
  for (const [key, value] of matrix.entries) {
    if (key === 'include' || key === 'exclude') continue
    if (!isSeq(value)) return undefined
    axes.push([key, value.items])
    size *= value.items.length
    if (size > MAX_JOBS) return undefined
  }
  let combinations: Combination[] = []
  if (axes.length > 0) {
    let partial: Array<Map<string, YamlNode>> = [new Map()]
    for (const [key, items] of axes) {
      const next: Array<Map<string, YamlNode>> = []
      for (const values of partial) for (const item of items) next.push(new Map(values).set(key, item))
      partial = next
    }
    const original = new Set(axes.map(([key]) => key))
    combinations = partial
      .filter((values) => !exclude.some((entry) => matches(values, entry, budget)))
      .map((values) => ({values, original}))
  }
  const originals = combinations.length
  for (const entry of include) {
    let added = false
    for (let i = 0; i < originals; i++) {
      const combination = combinations[i]
      budget.work += entry.entries.size
      const fits = [...entry.entries].every(
        ([key, value]) => !combination.original.has(key) || same(combination.values.get(key), value, budget),
      )
      if (!fits) continue
      // An original value stays the node written on its axis (the entry's equal one is not where it comes from).
      for (const [key, value] of entry.entries) if (!combination.original.has(key)) combination.values.set(key, value)
      added = true
    }
    if (!added) combinations.push({values: new Map(entry.entries), original: new Set()})
    if (combinations.length > MAX_JOBS) return undefined
  }
  return combinations
}

/** The maps of an `include` / `exclude` list; undefined when it is not a literal list of maps. */
function entries(node: YamlNode | undefined): YamlMap[] | undefined {
  if (node === undefined) return []
  if (!isSeq(node) || node.items.length > MAX_ENTRIES) return undefined
  return node.items.every(isMap) ? (node.items as YamlMap[]) : undefined
}

/** Node comparisons made so far; past MAX_WORK every comparison fails at once and the matrix is not expanded. */
interface Budget {
  work: number
}

function matches(values: Map<string, YamlNode>, entry: YamlMap, budget: Budget): boolean {
  for (const [key, value] of entry.entries) if (!same(values.get(key), value, budget)) return false
  return true
}

/** Same value: scalars by text, maps by their keys' values, lists item by item. */
function same(a: YamlNode | undefined, b: YamlNode | undefined, budget: Budget): boolean {
  if (++budget.work > MAX_WORK) return false
  if (a === b) return true
  if (a === undefined || b === undefined) return false
  if (isScalar(a) || isScalar(b)) return isScalar(a) && isScalar(b) && a.kind === b.kind && a.text === b.text
  if (isSeq(a) || isSeq(b))
    return (
      isSeq(a) && isSeq(b) && a.items.length === b.items.length && a.items.every((x, i) => same(x, b.items[i], budget))
    )
  if (a.entries.size !== b.entries.size) return false
  for (const [key, value] of a.entries) if (!same(value, b.entries.get(key), budget)) return false
  return true
}
