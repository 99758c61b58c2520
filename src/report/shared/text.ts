/** Plain-text formatting shared by the text formats (table, Markdown, CSV). */
import type {Location, MetricValue} from '../../core/model.js'
import {neutraliseLine} from '../../core/neutralise.js'

/**
 * One line of text from data, inert: names come from commits and profiles, so a printed name must not drive the
 * terminal, reorder the line or break the layout (src/core/neutralise.ts).
 */
export function cleanText(text: string): string {
  return neutraliseLine(text)
}

/** 0.9102 -> "91%"; shares under 1% keep one decimal so they do not read as zero. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '-'
  const value = share * 100
  if (value > 0 && value < 1) return `${value.toFixed(1)}%`
  return `${Math.round(value)}%`
}

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-'
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100)
}

export function formatLocation(location: Location): string {
  return `${location.file}:${location.line}:${location.column}`
}

/** One metric value as text: maps as `a=1, b=2` (sorted by key), lists comma-separated. */
export function formatMetric(value: MetricValue | undefined): string {
  if (value === null || value === undefined) return '-'
  if (typeof value === 'number') return formatNumber(value)
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)'
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${key}=${formatNumber(value[key])}`)
  return entries.length ? entries.join(', ') : '(none)'
}

/** Like `formatMetric`, with shares (keys naming a share) as percentages. */
export function formatMetricNamed(key: string, value: MetricValue | undefined): string {
  if (!/share|coverage/.test(key)) return formatMetric(value)
  if (typeof value === 'number') return percent(value)
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${k}=${percent(value[k])}`)
    return entries.length ? entries.join(', ') : '(none)'
  }
  return formatMetric(value)
}

/** `2024-01-01T00:00:00Z` -> `2024-01-01`; anything else unchanged. */
export function day(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(iso) ? iso.slice(0, 10) : iso
}
