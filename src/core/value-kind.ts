/**
 * How a value's kind is said in a message (`version is a number, not a string`): one wording for the formats that
 * check entries by hand (composer.lock, Pipfile.lock, poetry.lock) and for zod's issues (./zod-issues.ts).
 */

/** Each of zod's type names, and the kinds `kindOf` tells, in words. */
const KINDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  nan: 'not a number',
  bigint: 'an integer',
  int: 'a whole number',
  boolean: 'a boolean',
  null: 'null',
  undefined: 'nothing',
  array: 'a list',
  tuple: 'a list',
  object: 'an object',
  record: 'an object',
  map: 'an object',
  date: 'a date',
}

/** A type name (zod's, or kindOf's) in words. */
export function typeWords(type: string): string {
  return KINDS[type] ?? `a ${type}`
}

/** A parsed value's kind in words (JSON, YAML or TOML: a TOML table is an object, a TOML date a date). */
export function kindOf(value: unknown): string {
  if (value === null) return typeWords('null')
  if (Array.isArray(value)) return typeWords('array')
  if (value instanceof Date) return typeWords('date')
  return typeWords(typeof value)
}
