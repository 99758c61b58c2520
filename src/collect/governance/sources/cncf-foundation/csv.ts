/**
 * cncf/foundation `project-maintainers.csv` (https://github.com/cncf/foundation/blob/main/project-maintainers.csv):
 * columns maturity, Project, Maintainer Name, Company, Github Name, OWNERS/MAINTAINERS link. A project's first row
 * carries its maturity ("Graduated", "Incubating", "Sandbox"); a row with a Project value starts a section
 * ("Kubernetes steering", "Envoy: Gateway (non-voting)"), usually with a link to the list it copies; the rows below
 * with empty cells belong to the same section. Parsed with csv-parse (quoted fields, commas in company names).
 */
import {parse} from 'csv-parse/sync'

export interface CsvRow {
  /** 1-based line where the record starts and ends (a quoted field may span lines). */
  start: number
  end: number
  maturity: string
  /** Index of the project: a new one starts at each row with a maturity. */
  block: number
  section: string
  name: string
  company: string
  login: string
  link: string
}

export interface CsvTable {
  header: {start: number; end: number} | undefined
  rows: CsvRow[]
  problem?: {line: number; message: string}
}

/** Rows with the maturity and section carried down from the rows above. */
export function readCsv(content: string): CsvTable {
  let records: Array<{record: string[]; raw: string; info: {lines: number}}>
  try {
    records = parse(content, {
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as typeof records
  } catch (error) {
    const line = (error as {lines?: number}).lines ?? 1
    return {header: undefined, rows: [], problem: {line, message: `CSV: ${(error as Error).message.split('\n')[0]}`}}
  }
  const located = records.map(({record, raw, info}) => {
    const body = raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '')
    return {record, start: info.lines - (body.split('\n').length - 1), end: info.lines}
  })
  const [first, ...rest] = located
  if (!first) return {header: undefined, rows: []}
  const column = (pattern: RegExp, fallback: number) => {
    const found = first.record.findIndex((cell) => pattern.test(cell.trim()))
    return found >= 0 ? found : fallback
  }
  const at = {
    project: column(/^project$/i, 1),
    name: column(/name$/i, 2),
    company: column(/^company|affiliation/i, 3),
    login: column(/github/i, 4),
    link: column(/owners|maintainers|link/i, 5),
  }
  const rows: CsvRow[] = []
  let maturity = ''
  let section = ''
  let block = -1
  for (const {record, start, end} of rest) {
    const cell = (i: number) => (record[i] ?? '').trim()
    if (cell(0) || block < 0) [maturity, block] = [cell(0), block + 1]
    if (cell(at.project)) section = cell(at.project)
    rows.push({
      start,
      end,
      maturity,
      block,
      section,
      name: cell(at.name),
      company: cell(at.company),
      login: cell(at.login),
      link: cell(at.link),
    })
  }
  return {header: {start: first.start, end: first.end}, rows}
}
