/**
 * CEL (https://cel.dev, the language of Kubernetes ValidatingAdmissionPolicy) through @bufbuild/cel 0.6.
 *
 * Why this library: maintained by Buf (it backs protovalidate-es), pure ECMAScript, and its regular expressions
 * run on @bufbuild/re2, a linear-time RE2 port, so no pattern can backtrack catastrophically. Conformance, as
 * the project states it: @bufbuild/cel-spec ships the cel-spec v0.25.1 conformance suite, and cel-es runs it
 * (packages/cel-test/src/conformance.test.ts) with known exclusions: no type-checking (`type_deductions`), no
 * optionals, no math/bindings/block/encoders/proto2 extensions, no two-variable comprehensions (`macros2`),
 * no quoted field names, no strong enums. Status: beta. Its exported checker does not type-check (only
 * constants and identifiers), so `compile` below adds the static checks a rule file needs: every identifier,
 * metric key, parameter and function must exist.
 *
 * Evaluation is bounded without a clock (a time limit would make output depend on machine load): expressions
 * are capped in length, nesting and comprehension depth; CEL has no loops or recursion besides comprehensions
 * over finite inputs; regexes are RE2; the strings extension's `replace` (the one function that can grow a
 * value exponentially when nested) is left out. Those caps do not bound the sizes iterated: `p.xs.exists(a,
 * p.xs.exists(b, …))` over a 2,000-number parameter took 3 s a project, over the 150,000 numbers a settings file
 * holds, hours. @bufbuild/cel 0.6 has no cost limit (cel-go's `CostLimit`), so each evaluation is given a budget of
 * cost units, counted deterministically (see `meter`): over it, the evaluation is an error (the rule is reported
 * as not evaluated and the run is incomplete), never a hang.
 */
import {formatPercent} from '../core/percent.js'
import {
  type CelFunc,
  CelScalar,
  type CelValue,
  celEnv,
  celFunc,
  isCelError,
  isCelList,
  isCelMap,
  parse,
  plan,
} from '@bufbuild/cel'
import {strings} from '@bufbuild/cel/ext'
import {thousands} from '../core/figures.js'

type Expr = ReturnType<typeof parse>['expr']

/** The variables a rule sees; see src/evaluate/README.md. */
export const VARIABLES = ['m', 'p', 'project', 'lists'] as const
export const PROJECT_FIELDS = ['repo', 'status', 'reason', 'missing', 'since', 'until'] as const

/**
 * `cost`: the cost units one evaluation may spend: Kubernetes' cap on one CEL expression (`PerCallLimit`,
 * k8s.io/apiserver/pkg/apis/cel/config.go). This interpreter spends 0.1–0.2 µs a unit here, so one rule on one project
 * stays under about 0.2 s; a `map` or `filter` over a list of 5,000 items fits (a tenth of this budget, and the result
 * charged in full at each step, failed past 440 items).
 */
export const LIMITS = {length: 2000, nesting: 32, nodes: 500, comprehensionDepth: 2, cost: 1_000_000} as const

/**
 * What all the evaluations of one project (every rule's condition and message) may spend together: Kubernetes' budget
 * for all the CEL expressions of one request (`RuntimeCELCostBudget`, k8s.io/apiextensions-apiserver/pkg/apiserver/
 * validation). Rules can come from a scanned tree, each within LIMITS.cost, and nothing bounded how many: a thousand
 * of them at the edge of their budget cost minutes a project. Past it, the rules left on that project are errors
 * (the run incomplete), in rule order, so the same inputs give the same answer on any machine.
 */
export const PROJECT_COST = 10_000_000

/** The cost units left to the evaluations of one project (engine.ts makes one per project). */
export interface CostBudget {
  left: number
}

const percent = celFunc('percent', [CelScalar.DYN], CelScalar.STRING, (value: CelValue) => celPercent(value))

/** Cost units spent by the evaluation under way (evaluation is synchronous: one at a time), and what it may spend. */
let spent = 0
let limit: number = LIMITS.cost

/**
 * The meter: the planned expression passes every value a function receives, and every comprehension step, through
 * it (`metered` below). Each costs one unit, plus one per list element or map entry and one per ten characters of a
 * string (Kubernetes' string traversal factor): what `in`, `==`, `+` or `contains` may walk over. Past the budget it
 * fails, and keeps failing, so every loop stops at its next step. A name no rule can write (`@`: operators only).
 */
const METER = '@stewards_cost'
const meter = celFunc(METER, [CelScalar.DYN], CelScalar.DYN, (value: CelValue) => {
  spent += 1 + sizeOf(value)
  if (spent > limit) throw new Error(budgetMessage())
  return value
})

/**
 * The meter of a comprehension's own result as its step reads it (`map` and `filter` append to it): copying it is
 * real work, quadratic in the list, but an element copied costs far less than an element compared, so a sixteenth.
 */
const ACCUMULATOR_METER = '@stewards_cost_accumulator'
const accumulatorMeter = celFunc(ACCUMULATOR_METER, [CelScalar.DYN], CelScalar.DYN, (value: CelValue) => {
  spent += 1 + Math.floor(sizeOf(value) / 16)
  if (spent > limit) throw new Error(budgetMessage())
  return value
})

function sizeOf(value: unknown): number {
  if (typeof value === 'string') return Math.ceil(value.length / 10)
  if (value instanceof Uint8Array) return Math.ceil(value.length / 10)
  if (isCelList(value) || isCelMap(value)) return value.size
  return 0
}

function budgetMessage(): string {
  if (limit < LIMITS.cost)
    return `the rules' evaluations on this project exceed the budget they share (${thousands(PROJECT_COST)} cost units: many rules, or rules over long lists; see rules/README.md)`
  return `evaluation exceeds its budget of ${thousands(LIMITS.cost)} cost units (comprehensions over long lists or maps; see rules/README.md)`
}

const FUNCS: CelFunc[] = [...strings.filter((f) => f.name !== 'replace'), percent]

const env = celEnv({
  variables: {m: CelScalar.DYN, p: CelScalar.DYN, project: CelScalar.DYN, lists: CelScalar.DYN},
  funcs: [...FUNCS, meter, accumulatorMeter],
})

const KNOWN_FUNCTIONS = new Set(
  [...env.funcs].map((f) => f.name).filter((name) => name !== METER && name !== ACCUMULATOR_METER),
)

export interface CelProblem {
  /** 1-based line and column inside the expression text. */
  line: number
  column: number
  message: string
}

export interface CompiledExpression {
  source: string
  /** `budget`: what is left to the project's evaluations (PROJECT_COST), less what this one spends. */
  run(bindings: Bindings, budget?: CostBudget): CelValue | Error
  /** Metric keys, parameters and project fields the expression reads. */
  metrics: string[]
  params: string[]
}

export interface Bindings {
  m: Record<string, unknown>
  p: Record<string, unknown>
  project: Record<string, unknown>
  lists: string[]
}

export interface Names {
  metrics: ReadonlySet<string>
  params: ReadonlySet<string>
}

/** Parses, checks and plans one expression; never throws for bad input. */
export function compileCel(source: string, names: Names): {expression?: CompiledExpression; problems: CelProblem[]} {
  if (source.length > LIMITS.length) return fail(1, 1, `expression longer than ${LIMITS.length} characters`)
  const tooDeep = nestingBeyond(source, LIMITS.nesting)
  if (tooDeep !== undefined) return fail(...lineCol(source, tooDeep), `brackets nested deeper than ${LIMITS.nesting}`)
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(source)
  } catch (error) {
    const at = (error as {location?: {start?: {line: number; column: number}}}).location?.start
    const message = error instanceof Error ? error.message.replace(/^<input>:\d+:\d+: /, '') : String(error)
    return fail(at?.line ?? 1, at?.column ?? 1, `CEL syntax: ${message}`)
  }
  const positions = parsed.sourceInfo?.positions ?? {}
  const where = (e: Expr) => lineCol(source, Number(positions[String(e.id)] ?? 0))
  const check = new Checker(names, where)
  check.walk(parsed.expr, new Set(), 0)
  if (check.problems.length > 0) return {problems: check.problems}
  let program: (b: Bindings) => unknown
  try {
    if (parsed.expr) parsed.expr = metered(parsed.expr)
    program = plan(env, parsed) as (b: Bindings) => unknown
  } catch (error) {
    return fail(1, 1, `CEL: ${error instanceof Error ? error.message : String(error)}`)
  }
  return {
    problems: [],
    expression: {
      source,
      metrics: [...check.metrics].sort(),
      params: [...check.params].sort(),
      run(bindings, budget) {
        spent = 0
        limit = Math.min(LIMITS.cost, budget?.left ?? LIMITS.cost)
        try {
          const result = program(bindings) as CelValue
          // Over budget, even when `||`, `&&` or a macro absorbed the error: the answer is not the expression's.
          if (spent > limit) return new Error(budgetMessage())
          return isCelError(result) ? new Error(result.message) : result
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error))
        } finally {
          if (budget) budget.left = Math.max(0, budget.left - spent)
        }
      },
    },
  }
}

/** Calls whose operands are not metered: logic, choice and indexing (the planner reads their operands as they are) and `size` (constant time). */
const UNMETERED = new Set([
  '_&&_',
  '_||_',
  '!_',
  '_?_:_',
  '@not_strictly_false',
  'not_strictly_false',
  '_[_]',
  '_[?_]',
  '_?._',
  'size',
])

/**
 * The expression with the meter around every function's operands and every comprehension's range and step
 * (src/evaluate/cel.ts header). The AST is rewritten before planning: the library has no hook of its own.
 */
function metered(e: Expr, accumulators: ReadonlySet<string> = new Set()): Expr {
  const inside = (inner: Expr) => metered(inner, accumulators)
  const wrap = (inner: Expr): Expr => {
    const accumulator = inner.exprKind.case === 'identExpr' && accumulators.has(inner.exprKind.value.name)
    const fn = accumulator ? ACCUMULATOR_METER : METER
    return {...inner, exprKind: {case: 'callExpr', value: {function: fn, args: [inside(inner)]}}} as unknown as Expr
  }
  const kind = e.exprKind
  switch (kind.case) {
    case 'selectExpr':
      if (kind.value.operand) kind.value.operand = inside(kind.value.operand)
      return e
    case 'callExpr': {
      const call = kind.value
      const skip = UNMETERED.has(call.function)
      if (call.target) call.target = skip ? inside(call.target) : wrap(call.target)
      call.args = call.args.map((arg) => (skip ? inside(arg) : wrap(arg)))
      return e
    }
    case 'listExpr':
      kind.value.elements = kind.value.elements.map(inside)
      return e
    case 'structExpr':
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === 'mapKey') entry.keyKind.value = inside(entry.keyKind.value)
        if (entry.value) entry.value = inside(entry.value)
      }
      return e
    case 'comprehensionExpr': {
      const c = kind.value
      if (c.iterRange) c.iterRange = wrap(c.iterRange)
      if (c.accuInit) c.accuInit = inside(c.accuInit)
      if (c.loopCondition) c.loopCondition = wrap(c.loopCondition)
      if (c.loopStep) c.loopStep = metered(c.loopStep, new Set([...accumulators, c.accuVar]))
      if (c.result) c.result = inside(c.result)
      return e
    }
    default:
      return e
  }
}

class Checker {
  problems: CelProblem[] = []
  metrics = new Set<string>()
  params = new Set<string>()
  private nodes = 0

  constructor(
    private names: Names,
    private where: (e: Expr) => [number, number],
  ) {}

  walk(e: Expr, bound: ReadonlySet<string>, depth: number): void {
    if (++this.nodes === LIMITS.nodes + 1) this.report(e, `expression has more than ${LIMITS.nodes} nodes`)
    const kind = e.exprKind
    switch (kind.case) {
      case 'identExpr':
        if (!bound.has(kind.value.name) && !(VARIABLES as readonly string[]).includes(kind.value.name)) {
          this.report(e, `unknown variable '${kind.value.name}' (known: ${VARIABLES.join(', ')})`)
        }
        return
      case 'selectExpr': {
        const operand = kind.value.operand
        if (operand) {
          this.field(operand, kind.value.field, bound)
          this.walk(operand, bound, depth)
        }
        return
      }
      case 'callExpr': {
        const {target, args} = kind.value
        const name = kind.value.function
        if (!/^[_@!-]/.test(name) && !KNOWN_FUNCTIONS.has(name)) this.report(e, `unknown function '${name}'`)
        if (name === '_[_]' && args[0] && args[1]?.exprKind.case === 'constExpr') {
          const index = args[1].exprKind.value.constantKind
          if (index.case === 'stringValue') this.field(args[0], index.value, bound, e)
        }
        if (target) this.walk(target, bound, depth)
        for (const arg of args) this.walk(arg, bound, depth)
        return
      }
      case 'listExpr':
        for (const element of kind.value.elements) this.walk(element, bound, depth)
        return
      case 'structExpr':
        if (kind.value.messageName) this.report(e, 'message construction is not available in rules')
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === 'mapKey') this.walk(entry.keyKind.value, bound, depth)
          if (entry.value) this.walk(entry.value, bound, depth)
        }
        return
      case 'comprehensionExpr': {
        const c = kind.value
        if (depth + 1 > LIMITS.comprehensionDepth) {
          this.report(e, `macros (all, exists, map, filter) nested deeper than ${LIMITS.comprehensionDepth}`)
          return
        }
        const inner = new Set([...bound, c.iterVar, c.accuVar])
        if (c.iterRange) this.walk(c.iterRange, bound, depth)
        if (c.accuInit) this.walk(c.accuInit, bound, depth)
        for (const part of [c.loopCondition, c.loopStep, c.result]) if (part) this.walk(part, inner, depth + 1)
        return
      }
      default:
        return
    }
  }

  /** `m.key`, `p.name`, `project.field` (or `m['key']`) must name something that exists. */
  private field(operand: Expr, field: string, bound: ReadonlySet<string>, at: Expr = operand): void {
    const kind = operand.exprKind
    if (kind.case !== 'identExpr' || bound.has(kind.value.name)) return
    const variable = kind.value.name
    if (variable === 'm') {
      if (this.names.metrics.has(field)) this.metrics.add(field)
      else
        this.report(
          at,
          `unknown metric 'm.${field}'${suggest(field, this.names.metrics)} (metric keys: rules/README.md)`,
        )
    } else if (variable === 'p') {
      if (this.names.params.has(field)) this.params.add(field)
      else
        this.report(at, `unknown parameter 'p.${field}'${suggest(field, this.names.params)}: declare it under params`)
    } else if (variable === 'project' && !(PROJECT_FIELDS as readonly string[]).includes(field)) {
      this.report(at, `unknown field 'project.${field}' (known: ${PROJECT_FIELDS.join(', ')})`)
    }
  }

  private report(e: Expr, message: string): void {
    const [line, column] = this.where(e)
    this.problems.push({line, column, message})
  }
}

function fail(line: number, column: number, message: string): {problems: CelProblem[]} {
  return {problems: [{line, column, message}]}
}

/** 1-based line and column of a 0-based offset in the expression. */
function lineCol(source: string, offset: number): [number, number] {
  const before = source.slice(0, offset).split('\n')
  return [before.length, before[before.length - 1].length + 1]
}

/** Offset where bracket nesting first exceeds `limit` (outside string literals), checked before the parser recurses. */
function nestingBeyond(source: string, limit: number): number | undefined {
  let depth = 0
  let quote: string | null = null
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]
    if (quote) {
      if (ch === '\\') i++
      else if (ch === quote) quote = null
    } else if (ch === '"' || ch === "'") quote = ch
    else if (ch === '(' || ch === '[' || ch === '{') {
      if (++depth > limit) return i
    } else if (ch === ')' || ch === ']' || ch === '}') depth--
  }
  return undefined
}

/** `; did you mean 'x'?` for the closest name within a small edit distance, else nothing. */
function suggest(name: string, known: ReadonlySet<string>): string {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1
  for (const candidate of [...known].sort()) {
    const d = distance(name, candidate)
    if (d < bestDistance) [best, bestDistance] = [candidate, d]
  }
  return best ? ` (did you mean '${best}'?)` : ''
}

/** Levenshtein distance; names are short, so the quadratic table is fine. */
function distance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}

/** `0.6715` → `67.2%` (src/core/percent.ts); a map of shares → `a: 67.2%, b: 5.0%` (its order kept); anything else → `unknown`. */
export function celPercent(value: unknown): string {
  if (isCelMap(value))
    return [...value.entries()].map(([key, share]) => `${String(key)}: ${celPercent(share)}`).join(', ')
  const n = typeof value === 'bigint' ? Number(value) : value
  return typeof n === 'number' ? formatPercent(n) : formatPercent(null)
}
