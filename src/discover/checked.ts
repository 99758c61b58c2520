/**
 * Values checked against the discover stage's zod schemas without loading zod when they are plainly valid (issue
 * #16: zod is some 300 KB of code to compile at every start). A check first asks the predicate compiled from the
 * schema's plan (./schema-plans.ts, generated from the schemas; src/core/plan.ts); a value it accepts is the data,
 * as zod would give it. A value it refuses is zod's to judge, with zod's own result and messages: zod and the
 * schemas (./schemas.ts) are then loaded, once. Loading is asynchronous, so a format whose check needs zod before
 * it is loaded is run again once it is (`discoverChecked`, which ./jobs.ts runs every format through).
 */
import type {z} from 'zod'
import {compilePlan, type Predicate} from '../core/plan.js'
import {PLANS} from './schema-plans.js'
import type {SCHEMAS} from './schemas.js'
import type {DiscoverContext, Discoverer, DiscoverInput, DiscoverOutput} from './types.js'

/** The id of a discover schema (a key of ./schemas.ts). */
export type SchemaId = keyof typeof SCHEMAS

export type CheckResult<T> = {success: true; data: T} | {success: false; error: z.ZodError}

/** A schema of the discover stage, by its id in ./schemas.ts; `T` is what it gives (`z.infer` of the schema). */
export interface Check<T> {
  readonly id: SchemaId
  /** Phantom: the type of the data. */
  readonly _data?: T
}

/**
 * Each plan's predicate once compiled, by schema id (on first use: most runs read few formats); null when zod must
 * read every value. One per schema, however many modules check against it.
 */
const predicates = new Map<SchemaId, Predicate | null>()

let schemas: Readonly<Record<SchemaId, z.ZodType>> | undefined

class SchemasNeeded extends Error {}
const SCHEMAS_NEEDED = new SchemasNeeded('the discover schemas are not loaded')

/** The check of schema `id`, typed by that schema. Throws at once for an id without a generated plan. */
export function check<Id extends SchemaId>(id: Id): Check<z.output<(typeof SCHEMAS)[Id]>> {
  if (PLANS[id] === undefined)
    throw new Error(`no plan for the discover schema ${id}: regenerate src/discover/schema-plans.ts`)
  return {id}
}

/**
 * `schema.safeParse(value)` for the schema `check` stands for. Throws while zod is not loaded and the value is not
 * plainly valid: `discoverChecked` then loads zod and runs the format again.
 */
export function checkValue<T>(check: Check<T>, value: unknown): CheckResult<T> {
  let accepts = predicates.get(check.id)
  if (accepts === undefined) {
    accepts = compilePlan(PLANS[check.id])
    predicates.set(check.id, accepts)
  }
  if (plansUsed && accepts?.(value)) return {success: true, data: value as T}
  if (schemas === undefined) throw SCHEMAS_NEEDED
  return schemas[check.id].safeParse(value) as CheckResult<T>
}

/** Loads zod and the discover schemas (once). */
export async function loadSchemas(): Promise<void> {
  schemas ??= (await import('./schemas.js')).SCHEMAS
}

/** True once zod and the schemas are loaded. */
export function schemasLoaded(): boolean {
  return schemas !== undefined
}

let plansUsed = true

/** For tests only (@internal): every value checked by zod alone (`false`), the reference what the plans accept must equal. */
export function usePlans(used: boolean): void {
  plansUsed = used
}

/** For tests only (@internal): forget the loaded schemas, as a process that has not needed them yet. */
export function forgetSchemas(): void {
  schemas = undefined
}

/**
 * A format's `discover`, run again once zod is loaded when one of its checks needed it: formats are pure functions of
 * their input, so the second run gives what one run with zod loaded from the start gives. ./jobs.ts runs every
 * format through it, so no format has to remember to.
 */
export async function discoverChecked(
  format: Discoverer,
  input: DiscoverInput,
  context: DiscoverContext,
): Promise<DiscoverOutput> {
  try {
    return format.discover(input, context)
  } catch (error) {
    if (error !== SCHEMAS_NEEDED) throw error
    await loadSchemas()
    return format.discover(input, context)
  }
}
