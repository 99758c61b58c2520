/**
 * Dates of listings and acquisitions are partial where the source is (`2023-03`, `2020`). A partial
 * date is compared at its own precision: `since: 2023-03` is in effect on every day of March 2023
 * and after; `until: 2020` ends before 2020-01-01.
 */

/** The day of an ISO date or date-time, `YYYY-MM-DD`; throws on anything else (a caller bug). */
export function dayOf(asOf: string): string {
  const day = asOf.slice(0, 10)
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(day)) throw new TypeError(`Expected an ISO date (YYYY-MM-DD), got '${asOf}'`)
  return day
}

/** Whether a period [since, until) covers the day; missing bounds are open. */
export function inEffect(day: string, since?: string | null, until?: string | null): boolean {
  if (since && day.slice(0, since.length) < since) return false
  if (until && day.slice(0, until.length) >= until) return false
  return true
}
