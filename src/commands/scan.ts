import {Args, Flags} from '@oclif/core'
import {collectFlags} from '../collect/index.js'
import {BaseCommand} from '../core/command.js'
import {configFlags} from '../pipeline/config.js'
import {SEVERITIES} from '../core/model.js'
import {rulesFlags} from '../evaluate/index.js'
import {markBaseline, verdict} from '../pipeline/baseline.js'
import {progressReporter} from '../pipeline/progress.js'
import {writeReports} from '../pipeline/reports.js'
import {runScan} from '../pipeline/scan.js'
import {planScan, type ScanFlags} from '../pipeline/scan-settings.js'
import {REPORT_FORMATS} from '../report/index.js'

export default class Scan extends BaseCommand {
  static summary = 'Scan manifests and lockfiles: who stewards every upstream project, and the governance risks.'

  static description =
    `Runs the whole pipeline: discover components in PATHs (Kubernetes manifests, Helm charts, kustomize, lockfiles), resolve each to its upstream repository, collect commits, maintainers and profiles (GitHub, a snapshot or the cache), attribute people to organisations from explicit evidence only, measure governance metrics and evaluate the risk rules.

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
    paths: Args.string({description: 'files or directories to scan (default: .)', required: false}),
  }

  static strict = false

  static flags = {
    ...configFlags,
    ...rulesFlags,
    param: Flags.string({
      description: 'override a rule parameter: RULE.NAME=VALUE (VALUE is YAML); repeatable',
      multiple: true,
    }),
    'fail-on': Flags.string({
      description: 'exit 1 when a finding reaches this severity (default none)',
      options: [...SEVERITIES, 'none'],
    }),
    format: Flags.string({description: 'the report written to stdout (default table)', options: [...REPORT_FORMATS]}),
    output: Flags.string({description: 'also write a report: FORMAT=FILE (- for stdout); repeatable', multiple: true}),
    ...collectFlags,
    affiliations: Flags.string({description: 'gitdm affiliation file; repeatable', multiple: true}),
    companies: Flags.string({description: 'gitdm companies.yaml (acquisition renames)'}),
    overrides: Flags.string({description: 'your affiliations.yaml: login or email → organisation, with dates'}),
    entities: Flags.string({description: 'extra organisation / watch-list data directory; repeatable', multiple: true}),
    lists: Flags.string({
      description: 'list ids that count as listed (default: every list in the entity data); repeatable',
      multiple: true,
    }),
    map: Flags.string({description: 'component → repository mapping file (always wins)'}),
    'include-dev': Flags.boolean({description: 'also scan development dependencies', allowNo: true}),
    'max-file-size': Flags.string({
      description: 'skip larger files (bytes, or with a unit: 512KB, 50MB; default 50MB)',
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
    const plan = await planScan(flags as ScanFlags, (argv as string[]).filter(Boolean))
    const result = await runScan({
      ...plan.options,
      version: this.config.version,
      onStage: progressReporter(process.stderr),
      onNotice: (message) => this.logToStderr(`stewards: ${message}`),
    })
    if (plan.baseline) markBaseline(result, plan.baseline)
    const display = {
      color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
      width: process.stdout.columns || Number(process.env.COLUMNS) || 100,
    }
    for (const text of await writeReports(result, plan.outputs, plan.format, display)) process.stdout.write(text)
    const {exitCode, message} = verdict(result, plan.failOn)
    if (message) this.logToStderr(`stewards: ${message}`)
    if (exitCode !== 0) this.exit(exitCode)
  }
}
