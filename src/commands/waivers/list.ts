import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../core/command.js'
import {chosenFormat, formatFlags} from '../../core/output-format.js'
import {configFlags, loadScanConfig} from '../../pipeline/config.js'
import {readReport} from '../../pipeline/scan.js'
import {listWaivers, loadWaivers, WAIVERS_FILE, waiverTable} from '../../pipeline/waivers.js'

export default class WaiversList extends BaseCommand {
  static override summary = 'List the waivers (accepted risks) a scan would apply, with their status'

  static override description =
    `Reads the waivers as \`scan\` finds them: --waivers FILE, else waivers: in the settings (--config, else .stewards.yaml in PATH, else in the working directory), else ${WAIVERS_FILE} in PATH, else in the working directory.

Each waiver is listed with its status, its expiry judged against today (UTC): active, expired (it no longer applies: its findings gate again) or, against a JSON report given with --report, stale (it matches no finding of that report). Without --report a waiver that has not expired is listed as active: whether it matches anything needs a report.

Exit codes: 0 listed (expired and stale waivers included), 3 a waivers, settings or report file that is not valid (file:line and a hint), 4 internal error.`

  static override examples = [
    {description: 'The waivers of the current directory', command: '<%= config.bin %> <%= command.id %>'},
    {
      description: 'Which waivers match nothing in the last scan',
      command: '<%= config.bin %> <%= command.id %> deploy/ --report stewards.json',
    },
    {
      description: 'A waivers file as JSON, for a dashboard',
      command: '<%= config.bin %> <%= command.id %> --waivers risk/waivers.yaml --format json',
    },
  ]

  static override args = {
    path: Args.string({description: `the scan root whose ${WAIVERS_FILE} to read (default: .)`, required: false}),
  }

  static override flags = {
    ...configFlags,
    waivers: Flags.string({
      description: `waivers file (default: ${WAIVERS_FILE} in PATH, else the working directory)`,
      helpValue: 'FILE',
    }),
    report: Flags.string({
      description: 'a JSON report (stewards scan --format json): waivers that match none of its findings are stale',
      helpValue: 'REPORT.json',
    }),
    ...formatFlags('the waivers'),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(WaiversList)
    const format = chosenFormat(flags)
    const paths = args.path ? [args.path] : []
    const config = await loadScanConfig(flags.config, paths)
    const source = await loadWaivers(flags.waivers, config, paths)
    const report = flags.report ? await readReport(flags.report) : undefined
    const listed = listWaivers(source?.waivers ?? [], report)
    if (format === 'json') {
      this.logJson({file: source?.file ?? null, ...listed})
      return
    }
    if (!source) {
      this.log(`No waivers: no --waivers, no waivers: in the settings, no ${WAIVERS_FILE} found.`)
      return
    }
    for (const line of waiverTable(source.file, listed)) this.log(line)
  }
}
