import {usageError} from '../core/errors.js'
import type {Window} from '../core/model.js'

const DAY = 86_400_000

/** Parses `YYYY-MM-DD` or a full ISO timestamp into an ISO UTC string; throws a usage error otherwise. */
export function parseDate(value: string, flag: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value
  const ms = Date.parse(text)
  // Date.parse rolls 2025-02-30 over to March: the calendar day written must be the day parsed.
  const day = value.slice(0, 10)
  const rolledOver = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) !== day
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms) || rolledOver || !isCalendarDay(day)) {
    throw usageError('bad-date', `${flag} '${value}' is not a date`, 'use YYYY-MM-DD or an ISO 8601 timestamp')
  }
  return new Date(ms).toISOString()
}

function isCalendarDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/**
 * The collection window: `since` inclusive, `until` exclusive, on commit author dates in UTC.
 * Default: the twelve months before today's UTC midnight, so a whole day is never half in.
 */
export function resolveWindow(since: string | undefined, until: string | undefined, now: Date = new Date()): Window {
  const end = until ? parseDate(until, '--until') : new Date(Math.floor(now.getTime() / DAY) * DAY).toISOString()
  let start: string
  if (since) start = parseDate(since, '--since')
  else {
    const d = new Date(end)
    d.setUTCFullYear(d.getUTCFullYear() - 1)
    start = d.toISOString()
  }
  if (start >= end) throw usageError('bad-window', `--since (${start}) must be before --until (${end})`, 'the window is [--since, --until) on commit author dates; swap them or widen it')
  return {since: start, until: end}
}
