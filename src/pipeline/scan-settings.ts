/**
 * `scan`'s settings: its flags over `.stewards.yaml` over the defaults, checked before any network work (a bad
 * date, format, output path, size or baseline is a usage error now, not after an hour of collection).
 */
import {existsSync, statSync} from 'node:fs'
import {type CollectFlagValues, collectOptionsFrom} from '../collect/index.js'
import {usageError} from '../core/errors.js'
import type {ScanResult, Severity} from '../core/model.js'
import {parseSizeFlag} from '../core/size.js'
import type {ParamOverrides} from '../evaluate/index.js'
import {REPORT_FORMATS, type ReportFormat} from '../report/index.js'
import {findConfig, type ScanConfig} from './config.js'
import {type OutputTarget, parseOutputs, parseParams} from './flags.js'
import {readReport, type ScanOptions} from './scan.js'

/** The values oclif parses from `scan`'s flags. */
export interface ScanFlags extends CollectFlagValues {
  config?: string
  rules?: string[]
  param?: string[]
  'fail-on'?: string
  format?: string
  output?: string[]
  affiliations?: string[]
  companies?: string
  overrides?: string
  entities?: string[]
  lists?: string[]
  map?: string
  'include-dev'?: boolean
  'max-file-size'?: string
  include?: string[]
  exclude?: string[]
  baseline?: string
}

/** Everything a scan run needs besides the progress callbacks: what to scan, where to write, what gates. */
export interface ScanPlan {
  options: Omit<ScanOptions, 'version' | 'onStage' | 'onNotice'>
  /** The report written to stdout unless an `--output` is `-`. */
  format: ReportFormat
  outputs: OutputTarget[]
  failOn: Severity | 'none'
  baseline?: ScanResult
}

/** Flags win over the configuration file; list flags replace the file's list, they do not add to it. */
export async function planScan(flags: ScanFlags, argPaths: readonly string[]): Promise<ScanPlan> {
  const config = await findConfig(flags.config, argPaths)
  const setting = <K extends keyof ScanConfig>(key: K, flag: ScanConfig[K] | undefined) => flag ?? config[key]
  const many = (
    flag: string[] | undefined,
    key: 'rules' | 'affiliations' | 'entities' | 'output' | 'include' | 'exclude',
  ) => (flag && flag.length > 0 ? flag : (config[key] ?? []))

  const format = (setting('format', flags.format) ?? 'table') as ReportFormat
  if (!REPORT_FORMATS.includes(format))
    throw usageError('bad-format', `unknown format '${format}'`, `formats: ${REPORT_FORMATS.join(', ')}`)
  const outputs = parseOutputs(many(flags.output, 'output'))
  for (const {file} of outputs) {
    if (file !== '-' && existsSync(file) && statSync(file).isDirectory())
      throw usageError(
        'bad-output',
        `--output ${file} is a directory`,
        'give a file path, e.g. --output sarif=stewards.sarif',
      )
  }
  const maxFileSize = setting('maxFileSize', flags['max-file-size'])
  const baselineFile = setting('baseline', flags.baseline)
  return {
    options: {
      paths: argPaths.length > 0 ? [...argPaths] : (config.paths ?? ['.']),
      collect: collectOptionsFrom(flags, config),
      rules: many(flags.rules, 'rules'),
      params: {...config.params, ...parseParams(flags.param ?? [])} as ParamOverrides,
      maxFileSize: maxFileSize === undefined ? undefined : parseSizeFlag(maxFileSize, '--max-file-size'),
      include: many(flags.include, 'include'),
      exclude: many(flags.exclude, 'exclude'),
      includeDev: setting('includeDev', flags['include-dev']),
      affiliations: many(flags.affiliations, 'affiliations'),
      companies: setting('companies', flags.companies),
      overrides: setting('overrides', flags.overrides),
      entities: many(flags.entities, 'entities'),
      lists: flags.lists && flags.lists.length > 0 ? flags.lists : config.lists,
      map: setting('map', flags.map),
    },
    format,
    outputs,
    failOn: (setting('failOn', flags['fail-on'] as Severity | 'none' | undefined) ?? 'none') as Severity | 'none',
    baseline: baselineFile ? await readReport(baselineFile) : undefined,
  }
}
