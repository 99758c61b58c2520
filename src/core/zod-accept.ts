/**
 * `schema.safeParse(value)` with a fast path for data that is plainly valid. Lockfiles hold thousands of entries,
 * each validated once by a cold process: zod builds a result, an issue list and a copy of every object and record
 * on the way, which was most of what reading a large lockfile cost beyond its parse (issue #16). Here a schema is
 * compiled once into a predicate that only looks: when it accepts, the value is zod's own result (same fields,
 * same values), and it is returned as the data without a copy; anything else goes to zod itself, whose result and
 * messages are then exactly what they were.
 *
 * The predicate is sound, not complete: it accepts only what zod accepts with an identical result. It knows the
 * plain part of zod (strings with length and pattern checks, finite numbers and safe integers, booleans, literals,
 * enums, optional, nullable, unions, arrays, records and objects of plain prototype). An object without a catch-all
 * is accepted only without unknown keys, since zod would strip them. A schema holding anything else (a transform,
 * a default, a refinement, an unknown check) is never fast: zod reads every value. ./zod-accept.test.ts checks the
 * promise on every schema of the discover stage against zod with generated values. Written here because zod has no
 * "validate without building the output" mode.
 */
import type {z} from 'zod'

type Predicate = (value: unknown) => boolean

const compiled = new WeakMap<z.ZodType, Predicate | null>()

/** `schema.safeParse(value)`, answered without zod when the value is plainly valid (see the module header). */
export function safeParseFast<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  const accepts = predicateOf(schema)
  if (accepts?.(value)) return {success: true, data: value as z.output<S>}
  return schema.safeParse(value)
}

/** The schema's predicate, or null when zod must read every value. Exported for the test. */
export function predicateOf(schema: z.ZodType): Predicate | null {
  let predicate = compiled.get(schema)
  if (predicate === undefined) {
    // Null while it compiles: a schema that refers to itself (a getter in a shape) is left to zod, not recursed into.
    compiled.set(schema, null)
    predicate = compile(schema)
    compiled.set(schema, predicate)
  }
  return predicate
}

interface Def {
  type: string
  checks?: Array<{_zod: {def: CheckDef}}>
  [key: string]: unknown
}

interface CheckDef {
  check: string
  [key: string]: unknown
}

function defOf(schema: unknown): Def {
  return (schema as {_zod: {def: Def}})._zod.def
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function compile(schema: z.ZodType): Predicate | null {
  const def = defOf(schema)
  const checks = compileChecks(def)
  if (checks === null) return null
  const base = compileType(def)
  if (base === null) return null
  return checks.length === 0 ? base : (value) => base(value) && checks.every((check) => check(value))
}

function compileType(def: Def): Predicate | null {
  switch (def.type) {
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
    case 'any':
      return () => true
    case 'literal': {
      const values = def.values as unknown[]
      return (value) => values.includes(value)
    }
    case 'enum': {
      const values = Object.values(def.entries as Record<string, unknown>)
      return (value) => values.includes(value)
    }
    case 'optional': {
      const inner = predicateOf(def.innerType as z.ZodType)
      return inner && ((value) => value === undefined || inner(value))
    }
    case 'nullable': {
      const inner = predicateOf(def.innerType as z.ZodType)
      return inner && ((value) => value === null || inner(value))
    }
    case 'union': {
      // zod takes the first option that succeeds. An option accepted here stands for zod's choice only when every
      // option before it is exact: rejected here, so rejected by zod too.
      const options = (def.options as z.ZodType[]).map((option) => ({
        test: predicateOf(option),
        exact: isExact(option),
      }))
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
      const element = predicateOf(def.element as z.ZodType)
      return element && ((value) => Array.isArray(value) && value.every((item) => element(item)))
    }
    case 'record': {
      const key = predicateOf(def.keyType as z.ZodType)
      const item = predicateOf(def.valueType as z.ZodType)
      if (key === null || item === null || defOf(def.keyType).type !== 'string') return null
      return (value) => {
        if (!isPlainObject(value)) return false
        for (const name of Object.keys(value)) if (!key(name) || !item(value[name])) return false
        return true
      }
    }
    case 'object':
      return compileObject(def)
    default:
      return null
  }
}

/**
 * True when the schema's predicate rejects exactly what zod rejects. Not for objects and records: one that zod would
 * strip of unknown keys, or one of another prototype (a TOML date), is rejected here and may be accepted by zod.
 */
function isExact(schema: z.ZodType): boolean {
  const def = defOf(schema)
  switch (def.type) {
    case 'object':
    case 'record':
      return false
    case 'optional':
    case 'nullable':
      return isExact(def.innerType as z.ZodType)
    case 'array':
      return isExact(def.element as z.ZodType)
    case 'union':
      return (def.options as z.ZodType[]).every(isExact)
    default:
      return true
  }
}

function compileObject(def: Def): Predicate | null {
  const shape = def.shape as Record<string, z.ZodType>
  const names = Object.keys(shape)
  const fields: Predicate[] = []
  for (const name of names) {
    const field = predicateOf(shape[name])
    if (field === null) return null
    fields.push(field)
  }
  const catchall = def.catchall as z.ZodType | undefined
  const catchallType = catchall === undefined ? undefined : defOf(catchall).type
  // `unknown`: extra keys kept as they are (looseObject); none or `never`: accepted only without extra keys.
  if (catchallType !== undefined && catchallType !== 'unknown' && catchallType !== 'never') return null
  const known = new Set(names)
  const loose = catchallType === 'unknown'
  return (value) => {
    if (!isPlainObject(value)) return false
    for (let i = 0; i < names.length; i++) if (!fields[i](value[names[i]])) return false
    if (!loose) for (const name of Object.keys(value)) if (!known.has(name)) return false
    return true
  }
}

/** The checks zod runs on a value of this type, as predicates; null when one is not known here. */
function compileChecks(def: Def): Predicate[] | null {
  const out: Predicate[] = []
  for (const check of def.checks ?? []) {
    const predicate = compileCheck(check._zod.def)
    if (predicate === null) return null
    out.push(predicate)
  }
  return out
}

function compileCheck(check: CheckDef): Predicate | null {
  const length = (value: unknown) => (value as {length: number}).length
  switch (check.check) {
    case 'min_length':
      return (value) => length(value) >= (check.minimum as number)
    case 'max_length':
      return (value) => length(value) <= (check.maximum as number)
    case 'length_equals':
      return (value) => length(value) === (check.length as number)
    case 'string_format': {
      if (check.format !== 'regex') return null
      const pattern = check.pattern as RegExp
      return (value) => {
        pattern.lastIndex = 0
        return pattern.test(value as string)
      }
    }
    case 'number_format':
      return check.format === 'safeint' ? (value) => Number.isSafeInteger(value) : null
    case 'greater_than':
      return (value) =>
        check.inclusive ? (value as number) >= (check.value as number) : (value as number) > (check.value as number)
    case 'less_than':
      return (value) =>
        check.inclusive ? (value as number) <= (check.value as number) : (value as number) < (check.value as number)
    default:
      return null
  }
}
