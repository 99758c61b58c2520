/**
 * Plain-text tables for the terminal and for stderr summaries: rows of cells as lines of aligned columns, two spaces
 * apart, each cell on its line (`oneLine`). One place for what five commands did each by hand (rules, entities,
 * waivers, inventory, resolution rates).
 */

import {oneLine} from './neutralise.js'

export interface ColumnOptions {
  /** Indices of the columns aligned to the right (counts); the others are aligned to the left. */
  right?: readonly number[]
  /** No column is padded wider than this; a longer cell overflows its column (long refs in an inventory). */
  maxWidth?: number
  /** A line of dashes, one run per column, under the first row (the header). */
  rule?: boolean
}

/**
 * The rows as aligned lines. A left-aligned last column is not padded, and no line ends in spaces. Widths are
 * found with a loop: a spread of 125,000 cells into Math.max overflows the stack.
 */
export function alignColumns(rows: readonly (readonly string[])[], options: ColumnOptions = {}): string[] {
  return [...alignedLines(rows, (row) => row, options)]
}

/**
 * The lines of `alignColumns` one at a time, for a table too large to hold as lines or rows (an inventory): the
 * row of each item is made twice, once for the widths and once for its line, and never kept. `header`, when given,
 * is the first row.
 */
export function* alignedLines<T>(
  items: readonly T[],
  toRow: (item: T) => readonly string[],
  options: ColumnOptions & {header?: readonly string[]} = {},
): Generator<string> {
  const right = new Set(options.right ?? [])
  const cap = options.maxWidth ?? Number.POSITIVE_INFINITY
  const widths: number[] = []
  const measure = (row: readonly string[]) => {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, Math.min(cap, oneLine(cell).length))
  }
  if (options.header) measure(options.header)
  for (const item of items) measure(toRow(item))
  const line = (row: readonly string[]) =>
    row
      .map((text, i) => {
        const cell = oneLine(text)
        if (right.has(i)) return cell.padStart(widths[i])
        return i === row.length - 1 ? cell : cell.padEnd(widths[i])
      })
      .join('  ')
      .trimEnd()
  const rule = () => widths.map((width) => '-'.repeat(width)).join('  ')
  let first = true
  if (options.header) {
    yield line(options.header)
    if (options.rule) yield rule()
    first = false
  }
  for (const item of items) {
    yield line(toRow(item))
    if (first && options.rule) yield rule()
    first = false
  }
}
