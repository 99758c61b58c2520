/**
 * Small SVG charts drawn here (no chart library: the page must not load anything, and three bar layouts are a
 * few lines each). Every label is escaped; sizes are plain attributes, so the CSP needs no inline styles.
 */
import {formatPercent} from '../../../core/percent.js'
import {escapeHtml} from '../../shared/escape-html.js'

/** Colour-blind-safe palette (Okabe & Ito, 2008) for the largest organisations, then fixed greys. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442']
export const OTHER_COLOR = '#9e9e9e'
export const UNKNOWN_COLOR = '#dcdcdc'

export interface Segment {
  label: string
  value: number
  color: string
}

export interface StackedRow {
  label: string
  segments: Segment[]
}

export interface LegendItem {
  label: string
  color: string
}

const WIDTH = 760
const LABEL = 250
const ROW = 24
const BAR = 16

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10)
}

function pct(value: number, total: number): string {
  return formatPercent(total > 0 ? value / total : 0)
}

function clip(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

function svg(label: string, height: number, body: string[]): string {
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(label)}">\n${body.join('\n')}\n</svg>`
}

/** One 100% bar per row, split into coloured segments; each segment says its value and share on hover. */
export function stackedShareBars(label: string, rows: StackedRow[], unit: string): string {
  const span = WIDTH - LABEL - 100
  const body: string[] = []
  rows.forEach((row, i) => {
    const y = 8 + i * ROW
    const total = row.segments.reduce((sum, s) => sum + s.value, 0)
    body.push(
      `<text x="0" y="${y + BAR - 4}"><title>${escapeHtml(row.label)}</title>${escapeHtml(clip(row.label, 38))}</text>`,
    )
    let x = LABEL
    for (const segment of row.segments) {
      if (segment.value <= 0 || total <= 0) continue
      const width = (segment.value / total) * span
      body.push(
        `<rect x="${fmt(x)}" y="${y}" width="${fmt(Math.max(width, 0.5))}" height="${BAR}" fill="${segment.color}"><title>${escapeHtml(`${segment.label}: ${segment.value} ${unit} (${pct(segment.value, total)})`)}</title></rect>`,
      )
      x += width
    }
    body.push(`<text class="value" x="${LABEL + span + 6}" y="${y + BAR - 4}">${total} ${escapeHtml(unit)}</text>`)
  })
  return svg(label, 8 + rows.length * ROW + 4, body)
}

export interface Bar {
  label: string
  value: number
  color: string
}

/** Horizontal bars against a common total (shares of all commits, say). */
export function horizontalBars(label: string, bars: Bar[], total: number, unit: string): string {
  const span = WIDTH - LABEL - 110
  const max = Math.max(1, ...bars.map((b) => b.value))
  const body = bars.map((bar, i) => {
    const y = 8 + i * ROW
    const width = (bar.value / max) * span
    return [
      `<text x="0" y="${y + BAR - 4}">${escapeHtml(clip(bar.label, 38))}</text>`,
      `<rect x="${LABEL}" y="${y}" width="${fmt(Math.max(width, 0.5))}" height="${BAR}" fill="${bar.color}"><title>${escapeHtml(`${bar.label}: ${bar.value} ${unit} (${pct(bar.value, total)})`)}</title></rect>`,
      `<text class="value" x="${fmt(LABEL + width + 6)}" y="${y + BAR - 4}">${pct(bar.value, total)} (${bar.value})</text>`,
    ].join('\n')
  })
  return svg(label, 8 + bars.length * ROW + 4, body)
}

/** Vertical bars with the count above each and the label below. */
export function columnBars(label: string, bars: Bar[]): string {
  const height = 200
  const base = height - 28
  const step = Math.min(120, (WIDTH - 40) / Math.max(1, bars.length))
  const max = Math.max(1, ...bars.map((b) => b.value))
  const body: string[] = [
    `<line x1="20" y1="${base}" x2="${fmt(20 + step * bars.length)}" y2="${base}" stroke="#d1d9e0"/>`,
  ]
  bars.forEach((bar, i) => {
    const h = (bar.value / max) * (base - 28)
    const x = 20 + i * step + step * 0.2
    const w = step * 0.6
    body.push(
      `<rect x="${fmt(x)}" y="${fmt(base - Math.max(h, 1))}" width="${fmt(w)}" height="${fmt(Math.max(h, 1))}" fill="${bar.color}"><title>${escapeHtml(`${bar.label}: ${bar.value}`)}</title></rect>`,
      `<text class="value" x="${fmt(x + w / 2)}" y="${fmt(base - Math.max(h, 1) - 6)}" text-anchor="middle">${bar.value}</text>`,
      `<text x="${fmt(x + w / 2)}" y="${base + 18}" text-anchor="middle">${escapeHtml(bar.label)}</text>`,
    )
  })
  return svg(label, height, body)
}

export function legend(items: LegendItem[]): string {
  const entries = items.map(
    (item) =>
      `<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${item.color}"/></svg>${escapeHtml(item.label)}</li>`,
  )
  return `<ul class="legend">${entries.join('')}</ul>`
}
