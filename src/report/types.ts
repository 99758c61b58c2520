import type {ScanResult} from '../core/model.js'

/** Every report format, in the order `--format` help lists them. */
export const REPORT_FORMATS = ['table', 'json', 'sarif', 'markdown', 'html', 'csv', 'cyclonedx'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** The sheets the `csv` format writes, one a file (`--csv-sheet`); `findings` by default. */
export const CSV_SHEETS = ['findings', 'projects', 'components'] as const
export type CsvSheet = (typeof CSV_SHEETS)[number]

export interface ReportOptions {
  /** ANSI colour in the terminal table; the caller decides from the TTY and `NO_COLOR`. */
  color: boolean
  /** SARIF results kept per run (GitHub keeps 5,000); lower only in tests or to shrink uploads. */
  maxSarifResults?: number
  /**
   * Terminal width in cells for the table (other formats ignore it): the caller passes
   * `process.stdout.columns || Number(process.env.COLUMNS) || 100`. Default 100; under 40 is laid out as 40.
   */
  width?: number
  /** Which sheet the `csv` format writes (default `findings`). */
  csvSheet?: CsvSheet
}

/** One report format: a pure function of the scan result (no I/O, no clock), same input, same bytes. */
export interface Reporter {
  id: ReportFormat
  description: string
  /**
   * true: the text is the model itself, data exact (JSON); unsafe characters end up as JSON escapes. Otherwise
   * the format gets data already neutralised (src/core/neutralise.ts). Either way `renderReport` neutralises
   * and redacts the whole text.
   */
  exact?: boolean
  /** File extension for `--output`, without the dot. */
  extension: string
  /** The text opens with the verdict line (table, Markdown, HTML): on stdout, it is not repeated on stderr. */
  leadsWithVerdict?: boolean
  render(result: ScanResult, options: ReportOptions): string
}
