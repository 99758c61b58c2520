import {parse as parseYaml} from 'yaml'
import {usageError} from '../core/errors.js'
import {REPORT_FORMATS, type ReportFormat} from '../report/index.js'

export interface OutputTarget {
  format: ReportFormat
  file: string
}

/** `--output FORMAT=FILE`, repeatable. */
export function parseOutputs(values: readonly string[]): OutputTarget[] {
  const targets = values.map((value) => {
    const match = /^([a-z]+)=(.+)$/.exec(value)
    if (!match)
      throw usageError(
        'bad-output',
        `--output '${value}' is not FORMAT=FILE`,
        `e.g. --output sarif=stewards.sarif; formats: ${REPORT_FORMATS.join(', ')}`,
      )
    const format = match[1] as ReportFormat
    if (!REPORT_FORMATS.includes(format))
      throw usageError('bad-output', `--output: unknown format '${match[1]}'`, `formats: ${REPORT_FORMATS.join(', ')}`)
    return {format, file: match[2]}
  })
  const files = targets.map((t) => t.file)
  const twice = files.find((f, i) => files.indexOf(f) !== i)
  if (twice)
    throw usageError(
      'bad-output',
      `--output: two reports would be written to ${twice === '-' ? 'stdout' : twice}`,
      'give each report its own file',
    )
  return targets
}

/** `--param RULE.NAME=VALUE`, repeatable; VALUE is read as YAML so numbers, booleans and lists keep their type. */
export function parseParams(values: readonly string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {}
  for (const value of values) {
    const match = /^([a-z0-9][a-z0-9-]*)\.([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(value)
    if (!match)
      throw usageError(
        'bad-param',
        `--param '${value}' is not RULE.NAME=VALUE`,
        'e.g. --param single-org-majority.max_share=0.6',
      )
    const [, rule, name, raw] = match
    let parsed: unknown
    try {
      parsed = parseYaml(raw)
    } catch {
      parsed = raw
    }
    out[rule] = {...out[rule], [name]: parsed ?? raw}
  }
  return out
}
