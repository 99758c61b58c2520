/**
 * `--max-age` durations. Hand-written because package.json has no duration parser and the grammar is one
 * regular expression: `ms` is only in node_modules as a transitive dependency (relying on it would be an
 * undeclared dependency), and it also accepts forms we do not want on a flag (`-1h`, `2 days`, `1y`) and
 * returns undefined where we want a usage error naming the flag.
 */
import {DAY_MS} from './dates.js'
import {usageError} from './errors.js'

const UNITS: Record<string, number> = {ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: DAY_MS}

/** `90s`, `30m`, `24h`, `7d`, or a number of milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim())
  if (!match)
    throw usageError('bad-duration', `${flag} '${text}' is not a duration`, 'use e.g. 30m, 24h, 7d or milliseconds')
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 'ms'])
}
