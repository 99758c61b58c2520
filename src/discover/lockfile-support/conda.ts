/**
 * What the readers of conda's files (environment.yml, recipes, pixi's manifest and lock) say of the conda packages they
 * count and do not list: one wording, one way of naming the first few.
 */

/** Why conda packages are counted, not listed. */
export const NO_CONDA_ECOSYSTEM = 'stewards has no conda ecosystem (no resolver for conda channels)'

/** Packages named in a report; the rest are counted. */
const NAMED = 10

/** The first ten of `names`, and how many more (`a, b, c and 4 more`). */
export function namedFirst(names: Iterable<string>): string {
  const all = [...names]
  const more = all.length > NAMED ? ` and ${all.length - NAMED} more` : ''
  return `${all.slice(0, NAMED).join(', ')}${more}`
}
