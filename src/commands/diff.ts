import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../core/command.js'
import {ExitCode} from '../core/errors.js'
import {chosenFormat, formatFlags} from '../core/output-format.js'
import {SEVERITIES, type Severity} from '../core/model.js'
import {diffReports} from '../pipeline/diff.js'

export default class Diff extends BaseCommand {
  static summary = 'Compare two JSON reports: new, worsened, improved and resolved findings.'

  static description =
    `A finding is identified by its rule and repository. With --fail-on, exits 1 when a new or worsened finding reaches that severity (the same gate as scan --baseline); a finding HEAD marks waived is listed, with (waived), and does not gate.`

  static examples = [
    '<%= config.bin %> <%= command.id %> main.json pr.json',
    '<%= config.bin %> <%= command.id %> main.json pr.json --fail-on high --format json',
  ]

  static args = {
    base: Args.string({description: 'the earlier JSON report (stewards scan --format json)', required: true}),
    head: Args.string({description: 'the later JSON report', required: true}),
  }

  static flags = {
    ...formatFlags('the differences'),
    'fail-on': Flags.string({
      description: 'exit 1 when a new or worsened finding reaches this severity',
      options: [...SEVERITIES, 'none'],
      default: 'none',
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Diff)
    const json = chosenFormat(flags) === 'json'
    // Imported here: the pipeline module loads every stage, which a diff of two reports does not need.
    const {readReport} = await import('../pipeline/scan.js')
    const [base, head] = [await readReport(args.base), await readReport(args.head)]
    const {out, lines, gates} = diffReports(base, head, flags['fail-on'] as Severity | 'none')
    if (json) this.log(JSON.stringify(out, null, 2))
    else for (const line of lines) this.log(line)
    if (gates) this.exit(ExitCode.findings)
  }
}
