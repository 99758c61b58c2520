/** Fixed-width columns measured in terminal cells (string-width knows wide CJK and emoji). */
import stringWidth from 'string-width'
import {cleanText} from '../../shared/text.js'

export interface Column {
  header: string
  align?: 'left' | 'right'
  /** Longer cells are cut with an ellipsis. */
  max?: number
}

/** A cell: its plain text, and how to colour it once padded (colour codes must not count as width). */
export interface Cell {
  text: string
  paint?: (padded: string) => string
}

export function truncate(text: string, max: number): string {
  if (stringWidth(text) <= max) return text
  let out = ''
  for (const char of text) {
    if (stringWidth(out + char) > max - 1) break
    out += char
  }
  return `${out}…`
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(text)))
  return align === 'right' ? fill + text : text + fill
}

/** Renders a header line and one line per row, columns two spaces apart, no trailing spaces. */
export function renderColumns(columns: Column[], rows: Cell[][], paintHeader: (text: string) => string): string[] {
  const texts = rows.map((row) =>
    row.map((cell, i) => truncate(cleanText(cell.text), columns[i].max ?? Number.POSITIVE_INFINITY)),
  )
  const widths = columns.map((col, i) => Math.max(stringWidth(col.header), ...texts.map((row) => stringWidth(row[i]))))
  const line = (cells: string[], paintCell: (i: number, padded: string) => string): string =>
    cells
      .map((text, i) => paintCell(i, pad(text, widths[i], columns[i].align ?? 'left')))
      .join('  ')
      .trimEnd()
  const header = line(
    columns.map((c) => c.header),
    (_, padded) => paintHeader(padded),
  )
  const body = texts.map((cells, r) => line(cells, (i, padded) => rows[r][i].paint?.(padded) ?? padded))
  return [header, ...body]
}
