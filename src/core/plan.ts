/**
 * A schema's shape as plain data (a plan), and the predicate compiled from it: "is this value plainly valid?",
 * answered without zod. Lockfiles hold thousands of entries, each validated once by a cold process; zod builds a
 * result, an issue list and a copy of every object on the way, and loading zod at all is some 300 KB of code to
 * compile at every start (issue #16). A plan is made from a zod schema by src/discover/plan-of.ts (`planOf`, at generation time); the discover
 * stage keeps its schemas' plans in a generated file, so it loads zod only for a value its predicate refuses.
 *
 * The predicate is sound, not complete: it accepts only what zod accepts with an identical result (the value
 * itself, no copy). It knows the plain part of zod (strings with length and pattern checks, finite numbers and
 * safe integers, booleans, literals, enums, optional, nullable, unions, arrays, records and objects of plain
 * prototype). An object without a catch-all is accepted only without unknown keys, since zod would strip them.
 * Anything else (a transform, a default, a refinement, an unknown check) is `slow`: no predicate, zod reads every
 * value. src/discover/plan-of.test.ts checks the promise against zod with generated values. Written here because zod has
 * no "validate without building the output" mode.
 */

export type Plan =
  | {type: 'string' | 'number' | 'boolean' | 'null' | 'undefined' | 'unknown'; checks?: PlanCheck[]}
  | {type: 'literal'; values: Literal[]}
  | {type: 'optional' | 'nullable'; inner: Plan}
  | {type: 'union'; options: Plan[]}
  | {type: 'array'; element: Plan; checks?: PlanCheck[]}
  | {type: 'record'; value: Plan}
  | {type: 'object'; shape: Record<string, Plan>; loose: boolean}
  | {type: 'slow'}

export type Literal = string | number | boolean | null

export type PlanCheck =
  | {check: 'min_length'; minimum: number}
  | {check: 'max_length'; maximum: number}
  | {check: 'length_equals'; length: number}
  | {check: 'regex'; source: string; flags: string}
  | {check: 'safeint'}
  | {check: 'greater_than'; value: number; inclusive: boolean}
  | {check: 'less_than'; value: number; inclusive: boolean}

export type Predicate = (value: unknown) => boolean

/** The plan's predicate, or null when zod must read every value (a `slow` part anywhere). */
export function compilePlan(plan: Plan): Predicate | null {
  const base = compileType(plan)
  if (base === null || !('checks' in plan) || !plan.checks?.length) return base
  const checks = plan.checks.map(compileCheck)
  return (value) => base(value) && checks.every((check) => check(value))
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function compileType(plan: Plan): Predicate | null {
  switch (plan.type) {
    case 'string':
      return (value) => typeof value === 'string'
    case 'number':
      return (value) => typeof value === 'number' && Number.isFinite(value)
    case 'boolean':
      return (value) => typeof value === 'boolean'
    case 'null':
      return (value) => value === null
    case 'undefined':
      return (value) => value === undefined
    case 'unknown':
      return () => true
    case 'literal': {
      const values = plan.values
      return (value) => values.includes(value as Literal)
    }
    case 'optional': {
      const inner = compilePlan(plan.inner)
      return inner && ((value) => value === undefined || inner(value))
    }
    case 'nullable': {
      const inner = compilePlan(plan.inner)
      return inner && ((value) => value === null || inner(value))
    }
    case 'union': {
      // zod takes the first option that succeeds. An option accepted here stands for zod's choice only when every
      // option before it is exact: rejected here, so rejected by zod too.
      const options = plan.options.map((option) => ({test: compilePlan(option), exact: isExact(option)}))
      if (options.some((option) => option.test === null)) return null
      return (value) => {
        for (const option of options) {
          if (option.test!(value)) return true
          if (!option.exact) return false
        }
        return false
      }
    }
    case 'array': {
      const element = compilePlan(plan.element)
      return element && ((value) => Array.isArray(value) && value.every((item) => element(item)))
    }
    case 'record': {
      const item = compilePlan(plan.value)
      return (
        item &&
        ((value) => {
          if (!isPlainObject(value) || Object.hasOwn(value, '__proto__')) return false
          for (const name of Object.keys(value)) if (!item(value[name])) return false
          return true
        })
      )
    }
    case 'object':
      return compileObject(plan.shape, plan.loose)
    case 'slow':
      return null
  }
}

/**
 * True when the plan's predicate rejects exactly what zod rejects. Not for objects and records: one that zod would
 * strip of unknown keys, or one of another prototype (a TOML date), is rejected here and may be accepted by zod.
 */
function isExact(plan: Plan): boolean {
  switch (plan.type) {
    case 'object':
    case 'record':
    case 'slow':
      return false
    case 'optional':
    case 'nullable':
      return isExact(plan.inner)
    case 'array':
      return isExact(plan.element)
    case 'union':
      return plan.options.every(isExact)
    default:
      return true
  }
}

function compileObject(shape: Record<string, Plan>, loose: boolean): Predicate | null {
  const names = Object.keys(shape)
  const fields: Predicate[] = []
  for (const name of names) {
    const field = compilePlan(shape[name])
    if (field === null) return null
    fields.push(field)
  }
  const known = new Set(names)
  return (value) => {
    // zod leaves out an own `__proto__` key (of a record or a loose object): a value holding one is zod's to read.
    if (!isPlainObject(value) || Object.hasOwn(value, '__proto__')) return false
    for (let i = 0; i < names.length; i++) if (!fields[i](value[names[i]])) return false
    // Loose (a catch-all of `unknown`): extra keys are kept as they are. Otherwise zod would strip them.
    if (!loose) for (const name of Object.keys(value)) if (!known.has(name)) return false
    return true
  }
}

function compileCheck(check: PlanCheck): Predicate {
  const length = (value: unknown) => (value as {length: number}).length
  switch (check.check) {
    case 'min_length':
      return (value) => length(value) >= check.minimum
    case 'max_length':
      return (value) => length(value) <= check.maximum
    case 'length_equals':
      return (value) => length(value) === check.length
    case 'regex': {
      const pattern = new RegExp(check.source, check.flags)
      return (value) => {
        pattern.lastIndex = 0
        return pattern.test(value as string)
      }
    }
    case 'safeint':
      return (value) => Number.isSafeInteger(value)
    case 'greater_than':
      return (value) => (check.inclusive ? (value as number) >= check.value : (value as number) > check.value)
    case 'less_than':
      return (value) => (check.inclusive ? (value as number) <= check.value : (value as number) < check.value)
  }
}
