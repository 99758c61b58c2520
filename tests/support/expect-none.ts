import {expect} from 'vitest'

/**
 * The assertion of a comparison over many values (thousands of generated or corpus values, where an expect per value
 * cost seconds): `found` holds the values that failed it, and must be empty. A failure says how many, and shows the
 * first 20 rather than printing all of them.
 */
export function expectNone(found: readonly unknown[]): void {
  expect({count: found.length, first: found.slice(0, 20)}).toEqual({count: 0, first: []})
}
