import {Flags} from '@oclif/core'
import {parse as parseYaml} from 'yaml'
import {usageError} from '../core/errors.js'
import {SEVERITIES, type Severity} from '../core/model.js'
import {type ParamOverrides, rulesFlags} from '../evaluate/index.js'
import {CSV_SHEETS, type CsvSheet, REPORT_FORMATS, type ReportFormat} from '../report/index.js'
import type {ScanConfig} from './config.js'
import {checkOutputs, type Delivery} from './deliver.js'
import {readReport} from './scan.js'
import {flagOrSetting} from './settings-file.js'

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
    // `/dev/stdout` is a link (to /proc/self/fd/1), and no report is written through one: it is taken for `-`.
    return {format, file: match[2] === '/dev/stdout' ? '-' : match[2]}
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

/** The flags of the commands that judge (`scan`, `evaluate`): the rules, their parameters and lists, the gate, the reports. */
export const judgingFlags = {
  ...rulesFlags,
  param: Flags.string({
    description: 'override a rule parameter: RULE.NAME=VALUE (VALUE is YAML); repeatable',
    multiple: true,
  }),
  lists: Flags.string({
    description:
      'list ids that count as listed; repeatable (default: every list in the organisation data; evaluate: the report’s lists)',
    multiple: true,
  }),
  'fail-on': Flags.string({
    description: 'exit 1 when a finding reaches this severity',
    options: [...SEVERITIES, 'none'],
  }),
  format: Flags.string({description: 'report written to stdout', options: [...REPORT_FORMATS]}),
  output: Flags.string({
    description:
      'also write a report: FORMAT=FILE (- or /dev/stdout for stdout, instead of --format; /dev/null and other character devices are written into; never a FIFO, nor through a link in the working directory or a scanned PATH); repeatable',
    multiple: true,
  }),
  'csv-sheet': Flags.string({
    description:
      'which sheet the csv format writes: findings (one row per finding per location, with its component), projects (one row per upstream project) or components (one row per component per location)',
    options: [...CSV_SHEETS],
  }),
  baseline: Flags.string({description: 'a previous JSON report: only new or worsened findings gate the build'}),
  waivers: Flags.string({
    description:
      'waivers file: accepted risks (rule, repository, reason, approvedBy, expires); default .stewards-waivers.yaml in the first PATH, else the working directory (evaluate: the report’s own)',
    helpValue: 'FILE',
  }),
}

export interface JudgingSettings {
  rules: string[]
  params: ParamOverrides
  /** Undefined: the default (every list for a scan, the report's own for `evaluate`). */
  lists?: string[]
  delivery: Delivery
}

/**
 * The judging flags, else the settings file's keys of the same name (`rules`, `params`, `lists`, `failOn`,
 * `format`, `output`, `baseline`, `csvSheet`; flags win). Output files and the baseline are checked before any work is spent;
 * `trees`, the scanned PATHs, are where an output path may not go through a link.
 */
export async function judgingFrom(
  flags: {
    rules?: string[]
    param?: string[]
    lists?: string[]
    'fail-on'?: string
    format?: string
    output?: string[]
    baseline?: string
    'csv-sheet'?: string
  },
  config: ScanConfig,
  trees?: readonly string[],
): Promise<JudgingSettings> {
  const format = (flags.format ?? config.format ?? 'table') as ReportFormat
  if (!REPORT_FORMATS.includes(format))
    throw usageError('bad-format', `unknown format '${format}'`, `formats: ${REPORT_FORMATS.join(', ')}`)
  const outputs = parseOutputs(flagOrSetting(flags.output, config.output))
  // Both choose what goes to stdout: one of them would be dropped without a word.
  const toStdout = outputs.find((output) => output.file === '-')
  const chosen = flags.format ?? config.format
  if (toStdout && chosen !== undefined && chosen !== toStdout.format)
    throw usageError(
      'bad-output',
      `--format ${chosen} and --output ${toStdout.format}=- both choose the report on stdout`,
      `drop one, or write the other to a file: --output ${chosen}=FILE`,
    )
  checkOutputs(outputs, trees)
  const baselineFile = flags.baseline ?? config.baseline
  return {
    rules: flagOrSetting(flags.rules, config.rules),
    params: {...config.params, ...parseParams(flags.param ?? [])} as ParamOverrides,
    // No list named anywhere is every list (./scan.ts), not none: undefined stays undefined.
    lists: flags.lists && flags.lists.length > 0 ? flags.lists : config.lists,
    delivery: {
      format,
      outputs,
      trees,
      failOn: (flags['fail-on'] ?? config.failOn ?? 'none') as Severity | 'none',
      csvSheet: (flags['csv-sheet'] ?? config.csvSheet ?? 'findings') as CsvSheet,
      baseline: baselineFile ? await readReport(baselineFile) : undefined,
    },
  }
}
