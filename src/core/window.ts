import {isCalendarDate, DAY_MS} from './dates.js'
import {usageError} from './errors.js'
import type {Window} from './model.js'

/** Parses `YYYY-MM-DD` or a full ISO timestamp into an ISO UTC string; throws a usage error otherwise. */
export function parseDate(value: string, flag: string): string {
  const ms = Date.parse(isCalendarDate(value) ? `${value}T00:00:00Z` : value)
  // The calendar day written must exist: Date.parse rolls 2025-02-30 (and 2025-02-31T00:00:00Z) over to March.
  if (!isCalendarDate(value.slice(0, 10)) || Number.isNaN(ms)) {
    throw usageError('bad-date', `${flag} '${value}' is not a date`, 'use YYYY-MM-DD or an ISO 8601 timestamp')
  }
  return new Date(ms).toISOString()
}

/**
 * The collection window: `since` inclusive, `until` exclusive, on commit author dates in UTC.
 * Default: the twelve months before today's UTC midnight, so a whole day is never half in.
 */
export function resolveWindow(since: string | undefined, until: string | undefined, now: Date = new Date()): Window {
  const end = until ? parseDate(until, '--until') : new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS).toISOString()
  let start: string
  if (since) start = parseDate(since, '--since')
  else {
    const d = new Date(end)
    d.setUTCFullYear(d.getUTCFullYear() - 1)
    start = d.toISOString()
  }
  if (start >= end)
    throw usageError(
      'bad-window',
      `--since (${start}) must be before --until (${end})`,
      'the window is [--since, --until) on commit author dates; swap them or widen it',
    )
  return {since: start, until: end}
}

/** The window applies to the author date, converted to UTC: since inclusive, until exclusive. */
export function inWindow(authorDate: string, window: Window): boolean {
  const t = Date.parse(authorDate)
  return !Number.isNaN(t) && t >= Date.parse(window.since) && t < Date.parse(window.until)
}
