import {readFile, stat} from 'node:fs/promises'
import {basename} from 'node:path'
import {parse as parseCsv} from 'csv-parse/sync'
import {usageError} from '../../core/errors.js'
import {parseJsonText} from '../../core/json-text.js'
import {cslDate} from './dates.js'
import {type CslRecord, CslJsonFile, CslJsonRecord} from './schema.js'

export type CslFormat = 'json' | 'csv' | 'tsv'

export interface CslFile {
  /** The file's name (cited in the generated file). */
  file: string
  /** The path as given (named in problems and warnings). */
  path: string
  format: CslFormat
  records: CslRecord[]
  /** Records that could not be read, with where and why; the others are still imported. */
  problems: string[]
}

/** The published file is about 33 MB; anything far larger is not a CSL download. */
const MAX_BYTES = 256 * 1024 * 1024

/** Reads a CSL download in its JSON, CSV or TSV layout (CSL-FORMAT.md sections 3 and 4). */
export async function readCsl(path: string): Promise<CslFile> {
  const file = basename(path)
  let text: string
  try {
    const size = (await stat(path)).size
    if (size > MAX_BYTES) throw new Error(`${size} bytes, more than the ${MAX_BYTES} accepted`)
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw usageError('csl-unreadable', `cannot read ${path}: ${(error as Error).message}`)
  }
  const trimmed = text.replace(/^\uFEFF/u, '').trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('['))
    return {file, path, format: 'json', ...readJson(trimmed, path)}
  const format: CslFormat = /\.tsv$/iu.test(path) ? 'tsv' : 'csv'
  return {file, path, format, ...readDelimited(trimmed, path, format === 'tsv' ? '\t' : ',')}
}

function readJson(text: string, path: string): {records: CslRecord[]; problems: string[]} {
  const json = parseJsonText(text)
  if (!json.ok) throw usageError('csl-invalid', `${path}:${json.line}: ${json.message}`)
  const value = json.value
  const top = CslJsonFile.safeParse(Array.isArray(value) ? {results: value} : value)
  if (!top.success) throw usageError('csl-invalid', `${path}: expected an object with a 'results' array of CSL records`)
  const records: CslRecord[] = []
  const problems: string[] = []
  top.data.results.forEach((item, i) => {
    const parsed = CslJsonRecord.safeParse(item)
    const position = `results[${i}]`
    if (!parsed.success) {
      problems.push(`${path}: ${position}: ${parsed.error.issues[0]?.message ?? 'invalid record'}`)
      return
    }
    const record = toRecord(parsed.data, position)
    if (typeof record === 'string') problems.push(`${path}: ${position}: ${record}`)
    else records.push(record)
  })
  return {records, problems}
}

function readDelimited(text: string, path: string, delimiter: string): {records: CslRecord[]; problems: string[]} {
  let rows: Record<string, string>[]
  try {
    // Header row names the columns: read by name (a 2019 copy had no `_id` column).
    rows = parseCsv(text, {columns: true, delimiter, skip_empty_lines: true, relax_column_count: true, bom: true})
  } catch (error) {
    throw usageError('csl-invalid', `${path}: not a readable CSV file (${(error as Error).message})`)
  }
  if (rows.length > 0 && !('name' in rows[0]! && 'source' in rows[0]!)) {
    throw usageError('csl-invalid', `${path}: the header has no 'source' and 'name' columns: not a CSL file`)
  }
  const records: CslRecord[] = []
  const problems: string[] = []
  rows.forEach((row, i) => {
    // Row i is record i + 1 after the header; multi-line fields make this an index, not a line.
    const position = `record ${i + 1}`
    const record = toRecord(CslJsonRecord.parse({...row, programs: row.programs, alt_names: row.alt_names}), position)
    if (typeof record === 'string') problems.push(`${path}: ${position}: ${record}`)
    else records.push(record)
  })
  return {records, problems}
}

/** A record, or the reason it cannot be used. */
function toRecord(raw: CslJsonRecord, position: string): CslRecord | string {
  const id = raw.id ?? raw._id
  if (!raw.name) return 'record without a name'
  if (!raw.source) return 'record without a source list'
  const record: CslRecord = {
    id: id ?? position,
    source: raw.source,
    name: raw.name,
    altNames: splitAliases(raw.alt_names),
    programs: raw.programs
      .flatMap((program) => program.split(';'))
      .map((p) => p.trim())
      .filter(Boolean),
    position,
  }
  const code = /\(([A-Z]{2,6})\)/u.exec(raw.source)?.[1]
  if (code) record.code = code
  if (raw.type) record.type = raw.type
  if (raw.federal_register_notice) record.federalRegister = raw.federal_register_notice
  for (const [field, value] of [
    ['start_date', raw.start_date],
    ['end_date', raw.end_date],
  ] as const) {
    if (!value) continue
    const date = cslDate(value)
    if (date && field === 'start_date') record.startDate = date
    else if (date) record.endDate = date
    else record.invalidDates = {...record.invalidDates, [field]: value}
  }
  if (raw.source_list_url) record.sourceListUrl = raw.source_list_url
  return record
}

/**
 * Aliases: each element may hold several joined with `"; "`, and the last may start with `and `
 * (CSL-FORMAT.md: split on `;`, trim, drop a leading `and ` from the last alias). Separators
 * inside an alias are not escaped in the CSL, so such an alias comes out in pieces.
 */
export function splitAliases(elements: string[]): string[] {
  const aliases = elements
    .flatMap((element) => element.split(';'))
    .map((alias) => alias.trim())
    .filter(Boolean)
  const last = aliases.length - 1
  if (last >= 0) aliases[last] = aliases[last]!.replace(/^and\s+/iu, '')
  return aliases.filter(Boolean)
}
