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

/** What may stand inside `${{ }}` in a template: a matrix path alone (names only; `matrix['a']` is not read). */
/** `.a.b` after `matrix`: names only. */
const MATRIX_PATH = String.raw`((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)`
const MATRIX_EXPRESSION = new RegExp(String.raw`^\s*matrix${MATRIX_PATH}\s*$`)

/** The path of a template that is one `${{ matrix.a.b }}` and nothing else (`['a', 'b']`): the node it stands for. */
export function wholePath(template: MatrixTemplate): string[] | undefined {
  return template.length === 3 && template[0] === '' && template[2] === '' ? (template[1] as string[]) : undefined
}

/** Text and matrix paths, in order: `pg-${{ matrix.v }}` is `['pg-', ['v']]`. */
export type MatrixTemplate = Array<string | string[]>

/** A value whose every `${{ }}` is a matrix path, cut into its parts; undefined if any holds something else. */
export function matrixTemplate(value: string): MatrixTemplate | undefined {
  const parts: MatrixTemplate = []
  let from = 0
  for (let open = value.indexOf('${{'); open !== -1; open = value.indexOf('${{', from)) {
    const close = value.indexOf('}}', open + 3)
    if (close === -1) return undefined
    const match = MATRIX_EXPRESSION.exec(value.slice(open + 3, close))
    if (!match) return undefined
    parts.push(value.slice(from, open), match[1].slice(1).split('.'))
    from = close + 2
  }
  parts.push(value.slice(from))
  return parts
}

interface Combination {
  values: Map<string, YamlNode>
  /** Keys from the axes: an include entry may not change them. */
  original: ReadonlySet<string>
}

/** A key as GitHub's expressions look it up: exactly, else ignoring case. */
function lookup(entries: ReadonlyMap<string, YamlNode>, key: string): YamlNode | undefined {
  const exact = entries.get(key)
  if (exact !== undefined) return exact
  const lower = key.toLowerCase()
  for (const [name, value] of entries) if (name.toLowerCase() === lower) return value
  return undefined
}

function resolve(combination: Combination, path: readonly string[]): YamlNode | undefined {
  let node: YamlNode | undefined = lookup(combination.values, path[0])
  for (let i = 1; i < path.length && node; i++) node = isMap(node) ? lookup(node.entries, path[i]) : undefined
  return node
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
    const node = resolve(combination, path)
    if (node) found.add(node)
  }
  return [...found]
}

/**
 * `${{ matrix.a.b || 'text' }}` as a whole value (wagtail's `image: ${{ matrix.postgres || 'postgres:14' }}`): the
 * path and the text a job without a value there takes. Only a quoted literal after `||`; anything else is no match.
 */
const MATRIX_OR_LITERAL = new RegExp(String.raw`^\$\{\{\s*matrix${MATRIX_PATH}\s*\|\|\s*'([^']*)'\s*\}\}$`)

export function matrixOrLiteral(value: string): {path: string[]; fallback: string} | undefined {
  const match = MATRIX_OR_LITERAL.exec(value.trim())
  return match ? {path: match[1].slice(1).split('.'), fallback: match[2]} : undefined
}

/**
 * What `matrix.<path> || 'fallback'` gives in the jobs of the matrix: the distinct nodes of the jobs whose value there
 * is truthy, and whether a job takes the fallback (no value, or null, false, 0 or an empty string: the falsy values of
 * GitHub's expressions); undefined when the matrix cannot be expanded.
 */
export function matrixValuesOr(
  matrix: YamlNode | undefined,
  path: readonly string[],
): {nodes: YamlNode[]; fallback: boolean} | undefined {
  const combinations = expand(matrix)
  if (!combinations) return undefined
  const found = new Set<YamlNode>()
  let fallback = false
  for (const combination of combinations) {
    const node = resolve(combination, path)
    if (node === undefined || isFalsy(node)) fallback = true
    else found.add(node)
  }
  return {nodes: [...found], fallback}
}

function isFalsy(node: YamlNode): boolean {
  if (!isScalar(node)) return false
  if (node.kind === 'null') return true
  if (node.kind === 'boolean') return node.text.toLowerCase() === 'false'
  if (node.kind === 'number') return Number(node.text) === 0 || Number.isNaN(Number(node.text))
  return node.kind === 'string' && node.text === ''
}

/**
 * The distinct strings a template gives in the jobs of the matrix, in the order first met; undefined when the matrix
 * cannot be expanded, or a value it takes is a list, a map, an expression or a number not written as GitHub writes it.
 */
export function matrixStrings(matrix: YamlNode | undefined, template: MatrixTemplate): string[] | undefined {
  const combinations = expand(matrix)
  if (!combinations) return undefined
  const found = new Set<string>()
  for (const combination of combinations) {
    let text = ''
    for (const part of template) {
      const piece = typeof part === 'string' ? part : asString(resolve(combination, part))
      if (piece === undefined) return undefined
      text += piece
    }
    found.add(text)
  }
  return [...found]
}

/**
 * A scalar as a GitHub expression writes it into a string (actions/runner EvaluationResult.ConvertToString): null
 * is empty, booleans `true`/`false`, numbers in .NET's G15 format, which JavaScript's matches for the numbers taken
 * here (finite, at most 15 significant digits, no exponent).
 */
function asString(node: YamlNode | undefined): string | undefined {
  if (node === undefined) return ''
  if (!isScalar(node)) return undefined
  if (node.kind === 'null') return ''
  if (node.kind === 'boolean') return node.text.toLowerCase()
  if (node.kind === 'number') {
    const text = String(Number(node.text))
    return Number.isFinite(Number(node.text)) &&
      !/e/i.test(text) &&
      text.replace(/[-.]/g, '').replace(/^0+/, '').length <= 15
      ? text
      : undefined
  }
  if (node.kind !== 'string' || node.text.includes('${{')) return undefined
  return node.text
}

/** Each matrix expanded once, however many containers and services of its job ask (the YAML node is its key). */
const expanded = new WeakMap<YamlNode, Combination[] | null>()

function expand(matrix: YamlNode | undefined): Combination[] | undefined {
  if (matrix === undefined) return undefined
  let combinations = expanded.get(matrix)
  if (combinations === undefined) {
    const budget = {work: 0}
    const found = expandWithin(matrix, budget)
    combinations = found === undefined || budget.work > MAX_WORK ? null : found
    expanded.set(matrix, combinations)
  }
  return combinations ?? undefined
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
    if (budget.work > MAX_WORK) return undefined
  }
  const originals = combinations.length
  for (const entry of include) {
    let added = false
    for (let i = 0; i < originals; i++) {
      const combination = combinations[i]
      // Checked before the entry is looked at: an entry of many keys costs that many for each combination.
      budget.work += entry.entries.size
      if (budget.work > MAX_WORK) return undefined
      let fits = true
      for (const [key, value] of entry.entries)
        if (combination.original.has(key) && !same(combination.values.get(key), value, budget)) {
          fits = false
          break
        }
      if (!fits) continue
      // An original value stays the node written on its axis (the entry's equal one is not where it comes from).
      for (const [key, value] of entry.entries) if (!combination.original.has(key)) combination.values.set(key, value)
      added = true
    }
    if (!added) {
      budget.work += entry.entries.size
      if (budget.work > MAX_WORK) return undefined
      combinations.push({values: new Map(entry.entries), original: new Set()})
    }
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
