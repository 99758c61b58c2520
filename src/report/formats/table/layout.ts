/**
 * Columns measured in terminal cells, fitted to a width: at their natural width when that fits; else the
 * wrapping columns (those with `min`) share the room the others leave and their cells wrap onto more lines;
 * if even that is too wide, the same with the columns' short headers. Other columns are never cut. When the
 * narrowest layout is still too wide the result says so (`overflow`) and the caller shows the rows another way.
 */
import {cleanText} from '../../shared/text.js'
import {textWidth} from './width.js'
import {longestPiece, wrapText} from './wrap.js'

export interface Column {
  header: string
  /** Header used when the table does not fit with the full ones, even wrapped. */
  short?: string
  align?: 'left' | 'right'
  /** The column may wrap, down to this many cells. */
  min?: number
  /** Spaces before the column (default 2). */
  gap?: number
}

/** A cell: its plain text, and how to colour it once padded (colour codes must not count as width). */
export interface Cell {
  text: string
  paint?: (padded: string) => string
}

export interface Fitted {
  lines: string[]
  /** Whether the short headers were used (the caller may then print a legend). */
  short: boolean
  /** Whether the lines are wider than asked: even at their narrowest the columns do not fit. */
  overflow: boolean
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - textWidth(text)))
  return align === 'right' ? fill + text : text + fill
}

function total(columns: Column[], widths: number[]): number {
  return widths.reduce((sum, w, i) => sum + w + (i === 0 ? 0 : (columns[i].gap ?? 2)), 0)
}

/** Lines each row needs when column `i` is `width` cells wide. */
function heights(texts: string[][], i: number, width: number): number[] {
  return texts.map((row) => (textWidth(row[i]) <= width ? 1 : wrapText(row[i], width).length))
}

/**
 * Widths of two wrapping columns sharing `budget` cells: the split with the fewest lines in all, ties going to
 * the first column. Each column's line counts are computed once per width, so this is (widths x rows) wraps.
 */
function bestSplit(
  texts: string[][],
  [a, b]: number[],
  floor: number[],
  natural: number[],
  budget: number,
): [number, number] {
  const cache = new Map<string, number[]>()
  const rows = (i: number, w: number): number[] => {
    const key = `${i}:${w}`
    if (!cache.has(key)) cache.set(key, heights(texts, i, w))
    return cache.get(key)!
  }
  let best: [number, number] = [floor[a], floor[b]]
  let fewest = Number.POSITIVE_INFINITY
  for (let wa = Math.min(natural[a], budget - floor[b]); wa >= floor[a]; wa--) {
    const wb = Math.min(natural[b], budget - wa)
    const ha = rows(a, wa)
    const hb = rows(b, wb)
    const lines = ha.reduce((sum, h, r) => sum + Math.max(h, hb[r]), 0)
    if (lines < fewest) {
      fewest = lines
      best = [wa, wb]
    }
  }
  return best
}

/**
 * Column widths for `maxWidth`: natural when they fit; else the wrapping columns share what the others leave
 * (one or two: the split with the fewest lines; more: narrowed widest first), never below their floor.
 */
function fitWidths(columns: Column[], headers: string[], texts: string[][], maxWidth: number): number[] {
  const natural = columns.map((_, i) => Math.max(textWidth(headers[i]), ...texts.map((row) => textWidth(row[i]))))
  const floor = columns.map((col, i) =>
    col.min === undefined ? natural[i] : Math.min(natural[i], Math.max(col.min, textWidth(headers[i]))),
  )
  const widths = [...natural]
  if (total(columns, widths) <= maxWidth) return widths
  const wrapping = columns.flatMap((col, i) => (col.min === undefined ? [] : [i]))
  const budget = maxWidth - (total(columns, widths) - wrapping.reduce((sum, i) => sum + widths[i], 0))
  if (wrapping.reduce((sum, i) => sum + floor[i], 0) >= budget) return columns.map((_, i) => floor[i])
  // Wide enough for the longest word of each column when there is room for that: a cut word reads badly.
  const words = wrapping.map((i) =>
    Math.min(natural[i], Math.max(floor[i], ...texts.map((row) => longestPiece(row[i])))),
  )
  if (words.reduce((sum, w) => sum + w, 0) <= budget) {
    for (const [k, i] of wrapping.entries()) floor[i] = words[k]
  }
  if (wrapping.length === 1) widths[wrapping[0]] = budget
  else if (wrapping.length === 2)
    [widths[wrapping[0]], widths[wrapping[1]]] = bestSplit(texts, wrapping, floor, natural, budget)
  else {
    let over = total(columns, widths) - maxWidth
    while (over > 0) {
      let pick = -1
      for (const i of wrapping) if (widths[i] > floor[i] && (pick < 0 || widths[i] >= widths[pick])) pick = i
      widths[pick]--
      over--
    }
  }
  return widths
}

/** A header line and the rows, each row one or more lines, no trailing spaces; as narrow as `maxWidth` allows. */
export function renderColumns(
  columns: Column[],
  rows: Cell[][],
  paintHeader: (text: string) => string,
  maxWidth = Number.POSITIVE_INFINITY,
): Fitted {
  const texts = rows.map((row) => row.map((cell) => cleanText(cell.text)))
  let headers = columns.map((c) => c.header)
  let widths = fitWidths(columns, headers, texts, maxWidth)
  let short = false
  if (columns.some((c) => c.short !== undefined)) {
    // Short headers when the full ones do not fit, or when they leave cells to wrap that short ones would not.
    const shortHeaders = columns.map((c) => c.short ?? c.header)
    const shortWidths = fitWidths(columns, shortHeaders, texts, maxWidth)
    if (total(columns, widths) > maxWidth || rowLines(texts, shortWidths) < rowLines(texts, widths)) {
      short = true
      headers = shortHeaders
      widths = shortWidths
    }
  }
  const line = (cells: string[], paintCell: (i: number, padded: string) => string): string =>
    cells
      .map(
        (text, i) =>
          (i === 0 ? '' : ' '.repeat(columns[i].gap ?? 2)) +
          paintCell(i, pad(text, widths[i], columns[i].align ?? 'left')),
      )
      .join('')
      .trimEnd()
  const out = [line(headers, (_, padded) => paintHeader(padded))]
  texts.forEach((cells, r) => {
    const wrapped = cells.map((text, i) => (textWidth(text) > widths[i] ? wrapText(text, widths[i]) : [text]))
    const height = Math.max(...wrapped.map((w) => w.length))
    for (let k = 0; k < height; k++) {
      // Colour a cell on its every line; an empty continuation is left plain.
      out.push(
        line(
          wrapped.map((w) => w[k] ?? ''),
          (i, padded) => (wrapped[i][k] ? (rows[r][i].paint?.(padded) ?? padded) : padded),
        ),
      )
    }
  })
  return {lines: out, short, overflow: total(columns, widths) > maxWidth}
}

/** How many lines the rows take at these widths (a wrapped cell makes its row taller). */
function rowLines(texts: string[][], widths: number[]): number {
  return texts.reduce(
    (n, cells) =>
      n + Math.max(1, ...cells.map((text, i) => (textWidth(text) > widths[i] ? wrapText(text, widths[i]).length : 1))),
    0,
  )
}
