/**
 * RFC 4180 CSV, made safe for spreadsheets. Hand-written: quoting is four rules (RFC 4180 §2), while the
 * formula-injection guard (OWASP "CSV Injection") is ours either way.
 */

export type CsvCell = string | number | boolean | null | undefined

/** A text cell a spreadsheet would run as a formula gets a leading apostrophe: `=`, `+`, `-`, `@`, tab, CR. */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  // Numbers stay numbers (a negative number is not a formula); only text is defused.
  const text =
    typeof value === 'string'
      ? defuse(value)
      : typeof value === 'number' && !Number.isFinite(value)
        ? ''
        : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Header and rows, CRLF line ends (RFC 4180 §2.1), CRLF after the last row too. */
export function toCsv(header: readonly string[], rows: readonly CsvCell[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
