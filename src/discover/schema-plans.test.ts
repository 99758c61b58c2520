/**
 * ./schema-plans.ts is generated from the discover stage's zod schemas (./schemas.ts): the plans the formats check
 * values with must be those schemas' plans (./plan-of.ts), or a valid entry could be refused or an invalid
 * one accepted (that every plan has a fast path is ./plan-of.test.ts's).
 * `STEWARDS_UPDATE_PLANS=1 npx vitest run src/discover/schema-plans.test.ts` rewrites it.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {planOf} from './plan-of.js'
import {PLANS} from './schema-plans.js'
import {SCHEMAS} from './schemas.js'

const path = join(import.meta.dirname, 'schema-plans.ts')

function render(plans: Record<string, unknown>): string {
  return [
    "// Generated from the discover stage's zod schemas (./schemas.ts) by ./schema-plans.test.ts: do not edit.",
    '// STEWARDS_UPDATE_PLANS=1 npx vitest run src/discover/schema-plans.test.ts rewrites it.',
    "import type {Plan} from '../core/plan.js'",
    '',
    `export const PLANS: Readonly<Record<string, Plan>> = ${JSON.stringify(plans, null, 2)}`,
    '',
  ].join('\n')
}

describe('schema plans', () => {
  const wanted = Object.fromEntries(
    (Object.keys(SCHEMAS) as Array<keyof typeof SCHEMAS>).sort().map((id) => [id, planOf(SCHEMAS[id])]),
  )

  it('are the plans of the discover schemas (STEWARDS_UPDATE_PLANS=1 rewrites them)', () => {
    if (process.env.STEWARDS_UPDATE_PLANS === '1') {
      // This run imported the plans before rewriting them: the next run checks the file written now.
      writeFileSync(path, render(wanted))
      return
    }
    expect(
      PLANS,
      'src/discover/schema-plans.ts is out of date: run STEWARDS_UPDATE_PLANS=1 npx vitest run src/discover/schema-plans.test.ts',
    ).toEqual(wanted)
    expect(readFileSync(path, 'utf8')).toBe(render(wanted))
  })
})
