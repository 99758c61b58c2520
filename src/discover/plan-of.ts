/**
 * A zod schema's plan (../core/plan.ts): its shape as plain data, for a predicate that answers "plainly valid?"
 * without zod. Read from zod's own definitions (`schema._zod.def`); any part this does not know (a transform, a default, a
 * refinement, an unknown check, a schema that refers to itself) is `slow`, and zod then reads every value. The
 * discover stage keeps its schemas' plans in a generated file (src/discover/schema-plans.ts), checked against this
 * by ./schema-plans.test.ts; ./plan-of.test.ts checks that a plan's predicate accepts only what zod
 * accepts with an equal result.
 */
import type {z} from 'zod'
import type {Literal, Plan, PlanCheck} from '../core/plan.js'

interface Def {
  type: string
  checks?: Array<{_zod: {def: CheckDef}}>
  [key: string]: unknown
}

interface CheckDef {
  check: string
  [key: string]: unknown
}

const SLOW: Plan = {type: 'slow'}

function defOf(schema: unknown): Def {
  return (schema as {_zod: {def: Def}})._zod.def
}

/** The schema's plan; `slow` where zod must read every value. */
export function planOf(schema: z.ZodType): Plan {
  return planWithin(schema, new Set())
}

function planWithin(schema: z.ZodType, within: Set<z.ZodType>): Plan {
  // A schema that refers to itself (a getter in a shape) is left to zod, not recursed into.
  if (within.has(schema)) return SLOW
  within.add(schema)
  try {
    const def = defOf(schema)
    // A format carried by the schema itself (z.int(), z.email(), z.iso.date()...) is a check this does not know.
    if (def.format !== undefined) return SLOW
    const checks = plannedChecks(def)
    if (checks === null) return SLOW
    const plan = planType(def, within)
    if (plan.type === 'slow' || checks.length === 0) return plan
    if (plan.type === 'string' || plan.type === 'number' || plan.type === 'array') return {...plan, checks}
    return SLOW
  } finally {
    within.delete(schema)
  }
}

function planType(def: Def, within: Set<z.ZodType>): Plan {
  const inner = (schema: unknown) => planWithin(schema as z.ZodType, within)
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'undefined':
      return {type: def.type}
    case 'unknown':
    case 'any':
      return {type: 'unknown'}
    case 'literal':
      return {type: 'literal', values: def.values as Literal[]}
    case 'enum':
      return {type: 'literal', values: Object.values(def.entries as Record<string, Literal>)}
    case 'optional':
    case 'nullable': {
      const plan = inner(def.innerType)
      return plan.type === 'slow' ? SLOW : {type: def.type, inner: plan}
    }
    case 'union': {
      const options = (def.options as unknown[]).map(inner)
      return options.some((option) => option.type === 'slow') ? SLOW : {type: 'union', options}
    }
    case 'array': {
      const element = inner(def.element)
      return element.type === 'slow' ? SLOW : {type: 'array', element}
    }
    case 'record': {
      const key = inner(def.keyType)
      const value = inner(def.valueType)
      // Keys as plain strings only: a key schema with checks, or of another type, is zod's to read.
      if (key.type !== 'string' || 'checks' in key || value.type === 'slow') return SLOW
      return {type: 'record', value}
    }
    case 'object': {
      const shape: Record<string, Plan> = {}
      for (const [name, field] of Object.entries(def.shape as Record<string, unknown>)) {
        const plan = inner(field)
        if (plan.type === 'slow') return SLOW
        shape[name] = plan
      }
      const catchall = def.catchall === undefined ? undefined : defOf(def.catchall).type
      // `unknown`: extra keys kept as they are (looseObject); none or `never`: accepted only without extra keys.
      if (catchall !== undefined && catchall !== 'unknown' && catchall !== 'never') return SLOW
      return {type: 'object', shape, loose: catchall === 'unknown'}
    }
    default:
      return SLOW
  }
}

/** The checks zod runs on a value of this type; null when one is not known here. */
function plannedChecks(def: Def): PlanCheck[] | null {
  const out: PlanCheck[] = []
  for (const check of def.checks ?? []) {
    const planned = plannedCheck(check._zod.def)
    if (planned === null) return null
    out.push(planned)
  }
  return out
}

function plannedCheck(check: CheckDef): PlanCheck | null {
  switch (check.check) {
    case 'min_length':
      return {check: 'min_length', minimum: check.minimum as number}
    case 'max_length':
      return {check: 'max_length', maximum: check.maximum as number}
    case 'length_equals':
      return {check: 'length_equals', length: check.length as number}
    case 'string_format': {
      if (check.format !== 'regex') return null
      const pattern = check.pattern as RegExp
      return {check: 'regex', source: pattern.source, flags: pattern.flags}
    }
    case 'number_format':
      return check.format === 'safeint' ? {check: 'safeint'} : null
    case 'greater_than':
      return {check: 'greater_than', value: check.value as number, inclusive: Boolean(check.inclusive)}
    case 'less_than':
      return {check: 'less_than', value: check.value as number, inclusive: Boolean(check.inclusive)}
    default:
      return null
  }
}
