/// <reference types="vite/client" />
/**
 * A plan's promise (../core/plan.ts): whatever the predicate compiled from a schema's plan accepts, zod accepts with an
 * equal result. Checked on every zod schema of the discover stage (its formats' schema files and the chart's) and
 * on synthetic schemas, with values generated from each schema's shape: mostly valid, then mutated (wrong types,
 * missing and extra keys, null-prototype and non-plain objects).
 */
import {isDeepStrictEqual} from 'node:util'
import {describe, expect, it} from 'vitest'
import {z} from 'zod'
import {prng} from '../../tests/support/prng.js'
import {SCHEMAS} from './schemas.js'
import {compilePlan} from '../core/plan.js'
import {planOf} from './plan-of.js'

const predicateOf = (schema: z.ZodType) => compilePlan(planOf(schema))

type Def = {type: string; [key: string]: unknown}
const defOf = (schema: unknown): Def => (schema as {_zod: {def: Def}})._zod.def

const STRINGS = ['', 'a', 'left-pad', '1.0.0', '2.1', '8', 'v2', 'https://example.org/x', 'x'.repeat(40)]
const WRONG: unknown[] = [
  undefined,
  null,
  0,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  'text',
  [],
  {},
  new Date(0),
]

function generate(schema: unknown, rand: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]
  if (rand() < 0.08) return pick(WRONG)
  const def = defOf(schema)
  switch (def.type) {
    case 'string':
      return pick(STRINGS)
    case 'number':
      return pick([0, 1, 3, 1.5, -1, 2 ** 60])
    case 'boolean':
      return rand() < 0.5
    case 'null':
      return null
    case 'undefined':
      return undefined
    case 'literal':
      return rand() < 0.8 ? pick(def.values as unknown[]) : 'other'
    case 'enum':
      return rand() < 0.8 ? pick(Object.values(def.entries as object)) : 'other'
    case 'optional':
      return rand() < 0.3 ? undefined : generate(def.innerType, rand, depth)
    case 'nullable':
      return rand() < 0.3 ? null : generate(def.innerType, rand, depth)
    case 'union':
      return generate(pick(def.options as unknown[]), rand, depth)
    case 'pipe':
      return generate(def.in, rand, depth)
    case 'array':
      return depth > 4 ? [] : Array.from({length: Math.floor(rand() * 3)}, () => generate(def.element, rand, depth + 1))
    case 'record': {
      const out: Record<string, unknown> = rand() < 0.3 ? Object.create(null) : {}
      for (const key of ['a', 'b', 'c'].slice(0, Math.floor(rand() * 4)))
        out[key] = depth > 4 ? '' : generate(def.valueType, rand, depth + 1)
      if (rand() < 0.1)
        Object.defineProperty(out, '__proto__', {value: 'x', enumerable: true, writable: true, configurable: true})
      return out
    }
    case 'object': {
      const out: Record<string, unknown> = rand() < 0.3 ? Object.create(null) : {}
      for (const [key, field] of Object.entries(def.shape as Record<string, unknown>)) {
        if (rand() < 0.15) continue
        const value = depth > 4 ? undefined : generate(field, rand, depth + 1)
        if (value !== undefined || rand() < 0.5) out[key] = value
      }
      if (rand() < 0.3) out.extra = 'kept?'
      // An own `__proto__` key, as a null-prototype reader may give one: zod leaves it out.
      if (rand() < 0.1)
        Object.defineProperty(out, '__proto__', {value: 'x', enumerable: true, writable: true, configurable: true})
      return out
    }
    default:
      return pick(WRONG)
  }
}

function isSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value && 'safeParse' in value
}

const modules = import.meta.glob(['./formats/*/schema.ts', './*.ts', '!./*.test.ts'], {
  eager: true,
})
const discoverSchemas = Object.entries(modules).flatMap(([path, module]) =>
  Object.entries(module as Record<string, unknown>)
    .filter(([, value]) => isSchema(value))
    .map(([name, value]) => ({name: `${path.replace('./', '')} ${name}`, schema: value as z.ZodType})),
)

const Strip = z.object({name: z.string()})
const synthetic = [
  {name: 'strip object before loose object', schema: z.union([Strip, z.looseObject({name: z.string()})])},
  {name: 'union of primitives', schema: z.union([z.string(), z.boolean()]).optional()},
  {
    name: 'checks',
    schema: z.object({
      a: z
        .string()
        .min(2)
        .regex(/^[a-z]+$/),
      n: z.number().int().max(3).optional(),
    }),
  },
  {name: 'strict object', schema: z.strictObject({a: z.string()})},
  {name: 'record of arrays', schema: z.record(z.string(), z.array(z.union([z.literal('x'), z.null()])))},
  {name: 'transform', schema: z.object({a: z.string().transform((s) => s.toUpperCase())})},
  {name: 'integer format', schema: z.looseObject({n: z.int(), e: z.email().optional()})},
]

describe('plans of zod schemas', () => {
  it('finds the schemas of the discover stage, each in its registry (src/discover/schemas.ts)', () => {
    expect(discoverSchemas.length).toBeGreaterThan(15)
    const registered = new Set<z.ZodType>(Object.values(SCHEMAS))
    // Schemas that are parts of others (an entry's nested object) need no id of their own.
    const parts = new Set([
      'formats/kustomization/schema.ts ImageOverride',
      'formats/kustomization/schema.ts HelmChart',
      'helm-chart-schema.ts Dependency',
    ])
    const unregistered = discoverSchemas.filter(({name, schema}) => !registered.has(schema) && !parts.has(name))
    expect(unregistered.map(({name}) => name)).toEqual([])
  })

  it('gives every schema of the discover stage a fast path', () => {
    // A zod upgrade that renamed a check, or a default slipped into a lockfile schema, would quietly send every
    // entry back to zod: the comparison below would still pass.
    const slow = discoverSchemas.filter(({schema}) => predicateOf(schema) === null).map(({name}) => name)
    expect(slow).toEqual([])
  })

  it.each([...discoverSchemas, ...synthetic])(
    '$name: what it accepts, zod accepts with an equal result',
    ({schema}) => {
      const rand = prng(16)
      let accepted = 0
      for (let i = 0; i < 3_000; i++) {
        const value = generate(schema, rand)
        const fast = predicateOf(schema)?.(value) ?? false
        if (!fast) continue
        accepted++
        const reference = schema.safeParse(value)
        // Strictly equal (same keys, same values) is what the assertions below ask; they run, with their messages,
        // only for a value that is not (three expects for each of 3,000 values took seconds).
        if (reference.success && isDeepStrictEqual(reference.data, value)) continue
        expect(reference.success, JSON.stringify(value)).toBe(true)
        expect(reference.data).toEqual(value)
        if (typeof value === 'object' && value !== null)
          expect(Object.keys(reference.data as object).sort()).toEqual(Object.keys(value).sort())
      }
      // A schema with a transform is never fast; every other schema is fast on some of its values.
      if (predicateOf(schema) !== null) expect(accepted).toBeGreaterThan(0)
    },
  )

  it('leaves a schema that refers to itself to zod, without recursing', () => {
    const Node: z.ZodType = z.object({
      name: z.string(),
      get children() {
        return z.array(Node).optional()
      },
    })
    expect(planOf(Node)).toEqual({type: 'slow'})
    expect(predicateOf(Node)).toBeNull()
  })

  it('leaves to zod what it does not know, and plans survive JSON', () => {
    const transform = synthetic.find((s) => s.name === 'transform')!.schema
    expect(predicateOf(transform)).toBeNull()
    for (const {schema} of [...discoverSchemas, ...synthetic]) {
      const plan = planOf(schema)
      expect(JSON.parse(JSON.stringify(plan))).toEqual(plan)
    }
  })
})
