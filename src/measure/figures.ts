/** Arithmetic shared by the metric families: shares, rankings, concentration factors. */

import {INDEPENDENT} from '../core/model.js'
import {DAY_MS} from '../core/dates.js'
import {ranked, share} from '../core/figures.js'

export {INDEPENDENT}
export {ranked, rankedRecord, share} from '../core/figures.js'

export function tally<T>(items: Iterable<T>, keyOf: (item: T) => string | null | undefined): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const item of items) {
    const key = keyOf(item)
    if (key === null || key === undefined) continue
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

/** Distinct values of `memberOf` per key: e.g. distinct authors per organisation. */
export function distinctPer<T>(
  items: Iterable<T>,
  keyOf: (item: T) => string | null | undefined,
  memberOf: (item: T) => string,
): Record<string, number> {
  const sets = new Map<string, Set<string>>()
  for (const item of items) {
    const key = keyOf(item)
    if (key === null || key === undefined) continue
    const set = sets.get(key) ?? new Set<string>()
    set.add(memberOf(item))
    sets.set(key, set)
  }
  return Object.fromEntries([...sets].map(([key, set]) => [key, set.size]))
}

/**
 * The fewest entries (largest first) whose counts reach at least half the total: CHAOSS elephant factor for
 * organisations, contributor absence (bus) factor for people. Null when the total is 0.
 */
export function halfReachedBy(counts: Record<string, number>): number | null {
  return reachingHalf(counts)?.length ?? null
}

/** The entries counted by `halfReachedBy`, in ranked order; null when the total is 0. */
export function reachingHalf(counts: Record<string, number>): Array<[string, number]> | null {
  const entries = ranked(counts)
  const total = entries.reduce((sum, [, n]) => sum + n, 0)
  if (total === 0) return null
  let running = 0
  const taken: Array<[string, number]> = []
  for (const entry of entries) {
    taken.push(entry)
    running += entry[1]
    if (running * 2 >= total) break
  }
  return taken
}

/** The largest organisation other than Independent, with its count; null when there is none. */
export function topCompany(counts: Record<string, number>): [string, number] | null {
  return ranked(counts).find(([name]) => name !== INDEPENDENT) ?? null
}

export function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, n) => total + n, 0)
}

export function without(counts: Record<string, number>, key: string): Record<string, number> {
  const rest = {...counts}
  delete rest[key]
  return rest
}

/** Shares of `total` per key, rounded like `share`, in ranked order. */
export function sharesOf(counts: Record<string, number>, total: number): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [key, n] of ranked(counts)) out[key] = share(n, total) ?? 0
  return out
}

/** Whole days from `date` to `end` (epoch ms); null when the date cannot be read. */
export function daysBefore(end: number, date: string | null | undefined): number | null {
  if (!date) return null
  const t = Date.parse(date)
  if (Number.isNaN(t)) return null
  return Math.max(0, Math.floor((end - t) / DAY_MS))
}

export function dayMs(days: number): number {
  return days * DAY_MS
}
