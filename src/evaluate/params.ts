import type {ParamValue} from '../core/model.js'

/**
 * What a rule parameter may hold. Names carry the range (rules/README.md, "Parameter ranges"), so a value that would
 * silently disable a rule (`max_share: 5`, `min_attributed_commits: -3`) is refused wherever it is set: the rule's
 * defaults, a pack's `params`, a test case, the user's overrides.
 */
export interface ParamRange {
  min: number
  max?: number
  integer: boolean
  /** What the name says the value is, for messages. */
  kind: 'share' | 'count'
}

/** `*_share` and `*_coverage` are shares in [0, 1]; other `min_*` and `max_*` numbers are whole numbers >= 0. */
export function paramRange(name: string): ParamRange | undefined {
  if (/(_share|_coverage)$/.test(name)) return {min: 0, max: 1, integer: false, kind: 'share'}
  if (/^(min|max)_/.test(name)) return {min: 0, integer: true, kind: 'count'}
  return undefined
}

export function describeRange(range: ParamRange): string {
  return range.max === undefined ? `a whole number >= ${range.min}` : `within [${range.min}, ${range.max}]`
}

/** Why `value` cannot replace the parameter `name` of a rule declaring `declared`; undefined when it can. */
export function paramProblem(
  declared: Record<string, ParamValue>,
  name: string,
  value: ParamValue,
): string | undefined {
  if (!(name in declared)) {
    const known = Object.keys(declared)
    return `unknown parameter '${name}'${known.length ? ` (known: ${known.join(', ')})` : ' (the rule has none)'}`
  }
  const want = shape(declared[name])
  const got = shape(value)
  if (want !== got && !(Array.isArray(value) && value.length === 0 && want.endsWith('[]'))) {
    return `parameter '${name}' must be ${want}, got ${got}`
  }
  return rangeProblem(name, value)
}

/** Why `value` is outside the range the parameter's name promises; undefined when it is inside (or unbounded). */
export function rangeProblem(name: string, value: ParamValue): string | undefined {
  const range = paramRange(name)
  if (!range) return undefined
  const numbers = (Array.isArray(value) ? value : [value]).filter((v): v is number => typeof v === 'number')
  const bad = numbers.find((n) => !inRange(n, range))
  if (bad === undefined) return undefined
  return `parameter '${name}' must be ${describeRange(range)} (a ${range.kind}), got ${bad}`
}

function inRange(n: number, range: ParamRange): boolean {
  if (!Number.isFinite(n) || n < range.min) return false
  if (range.max !== undefined && n > range.max) return false
  return !range.integer || Number.isInteger(n)
}

function shape(value: ParamValue): string {
  if (!Array.isArray(value)) return typeof value
  return `${value.length > 0 ? typeof value[0] : 'string'}[]`
}
