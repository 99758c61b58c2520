/**
 * Calendar days and UTC days, in one place so every stage reads dates alike. `Date.parse` alone is not enough:
 * it rolls 2025-02-30 over to 2 March, so a day written must round-trip to the same day to count as a date.
 */

/** One day in milliseconds: the one day-length constant of the tool. */
export const DAY_MS = 86_400_000

const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/

/** True for a `YYYY-MM-DD` day that exists in the calendar (2024-02-29 yes, 2023-02-29 no). */
export function isCalendarDate(text: string): boolean {
  if (!DAY_SHAPE.test(text)) return false
  return utcDay(`${text}T00:00:00Z`) === text
}

/** The UTC day (YYYY-MM-DD) of an ISO 8601 timestamp with any offset; undefined when unreadable. */
export function utcDay(iso: string): string | undefined {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10)
}

/** The last UTC day before an exclusive end (2024-12-31 for a 2024 window); undefined when unreadable. */
export function lastDayBefore(isoExclusiveEnd: string): string | undefined {
  const ms = Date.parse(isoExclusiveEnd)
  return Number.isNaN(ms) ? undefined : new Date(ms - 1).toISOString().slice(0, 10)
}

/** Whole calendar years from one `YYYY-MM-DD` day to a later one (2019-06-01 → 2024-05-31 is 4); negative before. */
export function wholeYearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4))
  return to.slice(5) < from.slice(5) ? years - 1 : years
}
