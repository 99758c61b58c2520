/**
 * reStructuredText constructs that name people in governance files (MAINTAINERS.rst, AUTHORS.rst), as docutils reads
 * them (https://docutils.sourceforge.io/docs/ref/rst/restructuredtext.html):
 * - explicit markup blocks (`.. ` then indented lines): comments, directives, substitution definitions and
 *   hyperlink targets name nobody where they stand; `` .. _`André Martins`: https://github.com/aanm `` targets give
 *   the URL of a reference `` `André Martins`_ `` written anywhere in the file (cilium/cilium MAINTAINERS.rst);
 * - grid tables (`+----+----+` borders, `+====+` under the header rows; hyperledger-labs/blockchain-explorer
 *   MAINTAINERS.rst) and `.. list-table::` directives (`* - Name` rows, `:header-rows:`; openvswitch/ovs): rows of
 *   cells, the header naming the columns.
 */

/** `.. ` (or `..` alone) at the start of a line: an explicit markup block. */
export function isExplicitMarkup(line: string): boolean {
  return /^\.\.(\s|$)/.test(line)
}

/** The index of the first line after the explicit markup block starting at `start` (its indented body included). */
export function explicitMarkupEnd(lines: readonly string[], start: number): number {
  let end = start + 1
  let i = start + 1
  while (i < lines.length) {
    const line = lines[i]
    if (!line.trim()) {
      i++
      continue
    }
    if (!/^\s/.test(line)) break
    i++
    end = i
  }
  return end
}

/** Reference names are case-insensitive and whitespace-normalised (docutils `fully_normalize_name`). */
function normalise(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase()
}

/** `` .. _`Name`: URL `` and `.. _name: URL` targets of the whole file (a reference may come before its target). */
export function hyperlinkTargets(lines: readonly string[]): Map<string, string> {
  const targets = new Map<string, string>()
  for (const line of lines) {
    const match = /^\.\.\s+_(?:`([^`]+)`|([^:`][^:]*)):\s+(\S+)\s*$/.exec(line)
    if (!match) continue
    const name = normalise(match[1] ?? match[2] ?? '')
    if (name && !targets.has(name)) targets.set(name, match[3])
  }
  return targets
}

/**
 * `` `Name`_ `` and `name_` references replaced by `Name <URL>` when the file gives their target, so the people
 * readers see the link as if it were written inline (`` `Name <URL>`_ ``). Anonymous references (`__`) are left.
 */
export function resolveReferences(text: string, targets: ReadonlyMap<string, string>): string {
  if (targets.size === 0 || !text.includes('_')) return text
  return (
    text
      .replace(/`([^`<>]+)`_(?!_)/g, (written, name: string) => {
        const url = targets.get(normalise(name))
        return url ? `${name} <${url}>` : written
      })
      // The lookbehind starts a name only after what cannot be inside one: one start per run of name characters.
      .replace(/(?<![\w.`-])([A-Za-z0-9][\w.-]*)_(?![\w_])/g, (written, name: string) => {
        const url = targets.get(normalise(name))
        return url ? `${name} <${url}>` : written
      })
  )
}

/** A grid table's border (`+---+---+`) or header separator (`+===+===+`). */
const GRID_BORDER = /^\s*\+(?:[-=]+\+)+\s*$/

export function isGridBorder(line: string): boolean {
  return GRID_BORDER.test(line)
}

export interface TableRow {
  cells: string[]
  /** 1-based line of the row's first line. */
  line: number
}

export interface RstTable {
  header?: string[]
  rows: TableRow[]
  /** The index of the first line after the table. */
  end: number
}

/**
 * The grid table starting at `start` (a border line). Columns are where the first border's `+` stand; a row's cells
 * are the text between the `|` at those columns, over every line up to the next border (multi-line cells joined).
 * Rows above a `+===+` line are the header. Cells spanning columns are split at the `|` they still hold.
 */
export function gridTable(lines: readonly string[], start: number): RstTable {
  const first = lines[start]
  const columns: number[] = []
  for (let c = 0; c < first.length; c++) if (first[c] === '+') columns.push(c)
  const rows: TableRow[] = []
  let header: string[] | undefined
  // A row's cells as parts, joined once the row ends (joining at each line would be quadratic in a long row).
  let current: {parts: string[][]; line: number} | undefined
  const close = () => {
    if (current) rows.push({cells: current.parts.map((parts) => parts.join(' ')), line: current.line})
    current = undefined
  }
  let i = start + 1
  for (; i < lines.length; i++) {
    const line = lines[i]
    if (isGridBorder(line)) {
      close()
      if (line.includes('=') && !header && rows.length > 0) {
        // Several header rows: their cells joined per column.
        header = rows[0].cells.map((_, k) =>
          rows
            .map((row) => row.cells[k])
            .filter(Boolean)
            .join(' '),
        )
        rows.length = 0
      }
      continue
    }
    if (!/^\s*\|/.test(line)) break
    current ??= {parts: columns.slice(1).map(() => []), line: i + 1}
    for (let k = 0; k + 1 < columns.length; k++) {
      const cell = line
        .slice(columns[k] + 1, columns[k + 1])
        .replace(/^\|/, '')
        .trim()
      if (cell) current.parts[k].push(cell)
    }
  }
  close()
  return {header, rows, end: i}
}

/**
 * The `.. list-table::` directive starting at `start`: its `:header-rows: N` option, then rows (`* - cell`) of
 * cells (`  - cell`, continuation lines joined). Its caption (`.. list-table:: OVS Maintainers`) is returned too.
 */
export function listTable(lines: readonly string[], start: number): RstTable & {caption: string} {
  const caption = lines[start].replace(/^\.\.\s+list-table::/, '').trim()
  const end = explicitMarkupEnd(lines, start)
  let headerRows = 0
  // Each row's cells as parts, joined at the end (joining at each continuation line would be quadratic).
  const rows: Array<{parts: string[][]; line: number}> = []
  let cellIndent = -1
  for (let i = start + 1; i < end; i++) {
    const line = lines[i]
    const option = /^\s+:header-rows:\s*(\d+)\s*$/.exec(line)
    if (option) {
      headerRows = Number(option[1])
      continue
    }
    const row = /^(\s*)\*\s+-(?:\s+(.*))?$/.exec(line)
    if (row) {
      rows.push({parts: [[row[2]?.trim() ?? '']], line: i + 1})
      cellIndent = row[1].length + 2
      continue
    }
    const current = rows[rows.length - 1]
    if (!current) continue
    const cell = /^(\s*)-(?:\s+(.*))?$/.exec(line)
    if (cell && cell[1].length === cellIndent) current.parts.push([cell[2]?.trim() ?? ''])
    else if (line.trim()) current.parts[current.parts.length - 1].push(line.trim())
  }
  const cells = rows.map((row) => ({cells: row.parts.map((parts) => parts.filter(Boolean).join(' ')), line: row.line}))
  return {caption, header: headerRows > 0 ? cells[0]?.cells : undefined, rows: cells.slice(headerRows), end}
}
