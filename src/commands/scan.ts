import {existsSync, statSync} from 'node:fs'
import {mkdir, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {Args, Flags} from '@oclif/core'
import {resolveToken} from '../collect/index.js'
import {parseSize} from '../core/size.js'
import {checkApiUrl} from '../collect/index.js'
import {BaseCommand} from '../core/command.js'
import {ExitCode, usageError} from '../core/errors.js'
import {SEVERITIES, type Severity} from '../core/model.js'
import {parseDuration} from '../core/duration.js'
import {type ScanConfig, loadConfig} from '../pipeline/config.js'
import {gatingFindings, markBaseline, reachesThreshold} from '../pipeline/baseline.js'
import {parseOutputs, parseParams} from '../pipeline/flags.js'
import {progressReporter} from '../pipeline/progress.js'
import {readReport, runScan} from '../pipeline/scan.js'
import type {ParamOverrides} from '../evaluate/index.js'
import {resolveWindow} from '../core/window.js'
import {REPORT_FORMATS, type ReportFormat} from '../report/index.js'
import {renderReport} from '../report/index.js'

export default class Scan extends BaseCommand {
  static summary = 'Scan manifests and lockfiles: who stewards every upstream project, and the governance risks.'

  static description =
    `Runs the whole pipeline: discover components in PATHs (Kubernetes manifests, Helm charts, kustomize, lockfiles), resolve each to its upstream repository, collect commits, maintainers and profiles (GitHub, a snapshot or the cache), attribute people to organisations from explicit evidence only, measure governance metrics and evaluate the risk rules.

A file a format reads that cannot be read completely (too large, binary, not UTF-8, a syntax error, a duplicate key, a line with a control character) is listed in the report's errors and makes the scan incomplete. A PATH that does not exist, or a named file no format reads, is a usage error. \`-\` reads standard input (--stdin-format names its format, else its content decides).

Settings come from flags, then from a .stewards.yaml (--config, else the first PATH's directory, else the working directory); flags win.

Exit codes: 0 clean, 1 findings at or over --fail-on, 2 incomplete (an input could not be read or collection was cut short; outranks 1), 3 usage or configuration error, 4 internal error.`

  static examples = [
    {description: 'The bundled fictional demo, offline', command: '<%= config.bin %> <%= command.id %> fixtures/demo'},
    {
      description: 'Gate CI on high findings and write SARIF for code scanning',
      command: '<%= config.bin %> <%= command.id %> deploy/ --fail-on high --output sarif=stewards.sarif',
    },
    {
      description: 'Only new or worsened findings gate the build',
      command: '<%= config.bin %> <%= command.id %> . --baseline main.json --fail-on medium',
    },
    {
      description: 'Stricter rules, a custom threshold and gitdm evidence',
      command:
        '<%= config.bin %> <%= command.id %> . --rules strict --param single-org-majority.max_share=0.6 --affiliations developers_affiliations1.txt',
    },
  ]

  static args = {
    paths: Args.string({
      description: 'files or directories to scan (default: .); - for standard input',
      required: false,
    }),
  }

  static strict = false

  static flags = {
    config: Flags.string({
      description: 'settings file (default: .stewards.yaml in the first PATH, else in the working directory)',
    }),
    rules: Flags.string({description: 'rule pack (default, strict) or rule file; repeatable', multiple: true}),
    param: Flags.string({
      description: 'override a rule parameter: RULE.NAME=VALUE (VALUE is YAML); repeatable',
      multiple: true,
    }),
    'fail-on': Flags.string({
      description: 'exit 1 when a finding reaches this severity',
      options: [...SEVERITIES, 'none'],
    }),
    format: Flags.string({description: 'report written to stdout', options: [...REPORT_FORMATS]}),
    output: Flags.string({description: 'also write a report: FORMAT=FILE; repeatable', multiple: true}),
    since: Flags.string({description: 'window start on commit author dates, UTC (default: 12 months before --until)'}),
    until: Flags.string({description: 'window end, exclusive (default: today 00:00 UTC)'}),
    offline: Flags.boolean({
      description: 'no network: use only the cache (or --snapshot); misses make the scan incomplete',
      allowNo: true,
    }),
    snapshot: Flags.string({
      description: 'replay a cache bundle (stewards cache export) or a recorded `collect --json`',
    }),
    'cache-dir': Flags.string({description: 'cache directory (default: $XDG_CACHE_HOME/stewards)'}),
    'max-age': Flags.string({description: 'cache freshness before revalidation, e.g. 24h, 7d (default 24h)'}),
    token: Flags.string({description: 'GitHub token (else GITHUB_TOKEN or GH_TOKEN); never printed'}),
    'github-api-url': Flags.string({description: 'GitHub Enterprise Server API, https://HOST/api/v3'}),
    'on-rate-limit': Flags.string({
      description: 'when the primary rate limit is hit: wait for the reset, or stop with partial results',
      options: ['wait', 'stop'],
    }),
    affiliations: Flags.string({description: 'gitdm affiliation file; repeatable', multiple: true}),
    companies: Flags.string({description: 'gitdm companies.yaml (acquisition renames)'}),
    overrides: Flags.string({description: 'your affiliations.yaml: login or email → organisation, with dates'}),
    entities: Flags.string({description: 'extra organisation / watch-list data directory; repeatable', multiple: true}),
    lists: Flags.string({
      description: 'list ids that count as listed (default: every list in the entity data); repeatable',
      multiple: true,
    }),
    map: Flags.string({description: 'component → repository mapping file (always wins)'}),
    concurrency: Flags.integer({description: 'projects collected at once', min: 1, max: 64}),
    'include-dev': Flags.boolean({description: 'also scan development dependencies', allowNo: true}),
    'max-file-size': Flags.string({
      description:
        'larger files are not read, and make the scan incomplete (bytes, or with a unit: 512KB, 50MB; default 50MB)',
    }),
    'stdin-format': Flags.string({
      description: 'the format of `-` (standard input), e.g. npm-package-lock; default: recognised by its content',
    }),
    include: Flags.string({
      description: 'only files matching this glob (relative to a PATH or as printed); repeatable',
      multiple: true,
    }),
    exclude: Flags.string({
      description: 'skip files matching this glob (relative to a PATH or as printed); repeatable',
      multiple: true,
    }),
    baseline: Flags.string({description: 'a previous JSON report: only new or worsened findings gate the build'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Scan)
    const cliPaths = (argv as string[]).filter(Boolean)
    const config = await this.loadSettings(flags.config, cliPaths)
    const setting = <K extends keyof ScanConfig>(key: K, flag: ScanConfig[K] | undefined) => flag ?? config[key]
    const many = (
      flag: string[] | undefined,
      key: 'rules' | 'affiliations' | 'entities' | 'output' | 'include' | 'exclude',
    ) => (flag && flag.length > 0 ? flag : (config[key] ?? []))

    const paths = cliPaths.length > 0 ? cliPaths : (config.paths ?? ['.'])
    const window = resolveWindow(setting('since', flags.since), setting('until', flags.until))
    const failOn = (setting('failOn', flags['fail-on'] as Severity | 'none' | undefined) ?? 'none') as Severity | 'none'
    const format = (setting('format', flags.format) ?? 'table') as ReportFormat
    if (!REPORT_FORMATS.includes(format))
      throw usageError('bad-format', `unknown format '${format}'`, `formats: ${REPORT_FORMATS.join(', ')}`)
    const outputs = parseOutputs(many(flags.output, 'output'))
    // Checked before the scan spends requests: a directory given as a report file is a usage error.
    for (const {file} of outputs) {
      if (file !== '-' && existsSync(file) && statSync(file).isDirectory())
        throw usageError(
          'bad-output',
          `--output ${file} is a directory`,
          'give a file path, e.g. --output sarif=stewards.sarif',
        )
    }
    const params = {...config.params, ...parseParams(flags.param ?? [])} as ParamOverrides
    const maxAge = setting('maxAge', flags['max-age'])
    const baselineFile = setting('baseline', flags.baseline)
    const baseline = baselineFile ? await readReport(baselineFile) : undefined

    const result = await runScan({
      paths,
      window,
      rules: many(flags.rules, 'rules'),
      params,
      maxFileSize: fileSizeLimit(setting('maxFileSize', flags['max-file-size'])),
      stdinFormat: flags['stdin-format'],
      include: many(flags.include, 'include'),
      exclude: many(flags.exclude, 'exclude'),
      includeDev: setting('includeDev', flags['include-dev']),
      offline: setting('offline', flags.offline),
      snapshot: setting('snapshot', flags.snapshot),
      cacheDir: setting('cacheDir', flags['cache-dir']),
      maxAge: maxAge ? parseDuration(maxAge, '--max-age') : undefined,
      token: resolveToken(flags.token),
      githubApiUrl: checkApiUrl(setting('githubApiUrl', flags['github-api-url'])),
      onRateLimit: setting('onRateLimit', flags['on-rate-limit'] as 'wait' | 'stop' | undefined),
      concurrency: setting('concurrency', flags.concurrency),
      affiliations: many(flags.affiliations, 'affiliations'),
      companies: setting('companies', flags.companies),
      overrides: setting('overrides', flags.overrides),
      entities: many(flags.entities, 'entities'),
      lists: flags.lists && flags.lists.length > 0 ? flags.lists : config.lists,
      map: setting('map', flags.map),
      version: this.config.version,
      onStage: progressReporter(process.stderr),
      onNotice: (message) => this.logToStderr(`stewards: ${message}`),
    })
    if (baseline) markBaseline(result, baseline)
    if (process.env.STEWARDS_FAULT === 'internal') throw new Error('injected internal error (STEWARDS_FAULT=internal)')

    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
    const width = process.stdout.columns || Number(process.env.COLUMNS) || 100
    for (const {format: f, file} of outputs) {
      const text = renderReport(f, result, {color: false, width})
      if (file === '-') process.stdout.write(text)
      else await writeOutput(file, text)
    }
    if (!outputs.some((o) => o.file === '-')) process.stdout.write(renderReport(format, result, {color, width}))

    if (result.summary.incomplete) {
      this.logToStderr(
        'stewards: the scan is incomplete: some inputs could not be read or collection was cut short (see errors in the report)',
      )
      this.exit(ExitCode.incomplete)
    }
    const gating = gatingFindings(result).filter((f) => reachesThreshold([f], failOn))
    if (gating.length > 0) {
      const what = baseline ? 'new or worsened finding(s)' : 'finding(s)'
      this.logToStderr(
        `stewards: ${gating.length} ${what} at or over --fail-on ${failOn}: ${[...new Set(gating.map((f) => f.ruleId))].join(', ')}`,
      )
      this.exit(ExitCode.findings)
    }
  }

  private async loadSettings(file: string | undefined, paths: string[]): Promise<ScanConfig> {
    if (file) return loadConfig(file)
    const first = paths[0]
    const candidates = [
      first && existsSync(first) && statSync(first).isDirectory() ? join(first, '.stewards.yaml') : null,
      '.stewards.yaml',
    ]
    for (const candidate of candidates) if (candidate && existsSync(candidate)) return loadConfig(candidate)
    return {}
  }
}

/** Writes a report file; a path that cannot be written is the user's to fix (exit 3), not a crash. */
async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(file), {recursive: true})
    await writeFile(file, text)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw usageError(
      'output-unwritable',
      `--output ${file}: cannot write the report (${code})`,
      'give a file path in a writable directory, or - for stdout',
    )
  }
}

/** `--max-file-size` / `maxFileSize:` as in `inventory`; undefined keeps discovery's default (50 MB). */
function fileSizeLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const bytes = parseSize(text)
  if (bytes === undefined)
    throw usageError('bad-size', `--max-file-size: "${text}" is not a size`, 'use bytes or a unit, e.g. 50MB')
  return bytes
}
