import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../core/command.js'
import {deliver} from '../pipeline/deliver.js'
import {loadScanConfig} from '../pipeline/config.js'
import {runEvaluate} from '../pipeline/evaluate.js'
import {judgingFlags, judgingFrom} from '../pipeline/flags.js'
import {loadWaivers} from '../pipeline/waivers.js'

export default class Evaluate extends BaseCommand {
  static override summary =
    'Judge a saved JSON report again: other rules, thresholds or lists, without collecting again.'

  static override description =
    `Reads a JSON report written by \`stewards scan --format json\` (or --output json=FILE), evaluates the rules on the metrics and evidence it holds, and writes every report format, as a fresh scan with the same rules on the same data would. Nothing is collected, attributed or measured again: the window, the people and their organisations are those of the report.

--lists recomputes the figures that depend on which watch-lists count (listed_*) from the report; without it the report's own lists count. Reports written before schema 1.2.0 hold the metrics but not the people behind them: they can be judged (findings then name nobody) but not with --lists.

Waivers recorded in the report are applied again, their expiry judged against today: one that has expired since the scan no longer applies. --waivers FILE (or waivers: in the settings) applies those instead.

Settings come from flags, then from --config or a .stewards.yaml in the working directory (only rules, params, lists, failOn, format, output, baseline, waivers, csvSheet apply); flags win.

As scan: the verdict line first (on stderr when stdout carries a machine format), the files written at the end, risk scores 0 = no risk found to 100 = worst, none for a project not collected.

Exit codes, as scan: 0 clean, 1 findings at or over --fail-on, 2 incomplete (the report was, or a rule could not be evaluated; outranks 1), 3 usage error (a file that is not a report, a schema version this stewards cannot read), 4 internal error.`

  static override examples = [
    {
      description: 'What does the strict pack say about last quarter’s scan?',
      command: '<%= config.bin %> <%= command.id %> stewards.json --rules strict',
    },
    {
      description: 'What if the limit on one organisation’s share of commits were 40 %?',
      command: '<%= config.bin %> <%= command.id %> stewards.json --param single-org-majority.max_share=0.4',
    },
    {
      description: 'Only one watch-list counts; gate on high findings and keep SARIF and HTML',
      command:
        '<%= config.bin %> <%= command.id %> stewards.json --lists us-bis-entity-list --fail-on high --output sarif=stewards.sarif --output html=stewards.html',
    },
    {
      description: 'The saved scan as a CycloneDX 1.6 SBOM with the stewardship facts, for other SBOM tools',
      command: '<%= config.bin %> <%= command.id %> stewards.json --format cyclonedx > stack.cdx.json',
    },
    {
      description: 'Today’s waivers on last month’s report',
      command: '<%= config.bin %> <%= command.id %> stewards.json --waivers .stewards-waivers.yaml --fail-on high',
    },
    {
      description: 'Re-judged findings against a baseline: only new or worsened ones gate',
      command: '<%= config.bin %> <%= command.id %> stewards.json --rules strict --baseline main.json --fail-on medium',
    },
  ]

  static override args = {
    report: Args.string({description: 'a JSON report (stewards scan --format json)', required: true}),
  }

  static override flags = {
    config: Flags.string({
      description: 'settings file (default: .stewards.yaml in the working directory); only the judging keys apply',
    }),
    ...judgingFlags,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Evaluate)
    const config = await loadScanConfig(flags.config)
    const {rules, params, lists, delivery} = await judgingFrom(flags, config)
    // No default file: without --waivers or waivers:, the report's own waivers are applied again.
    const waivers = await loadWaivers(flags.waivers, config, [], false)
    const result = await runEvaluate({
      report: args.report,
      rules,
      params,
      lists,
      waivers: waivers?.waivers,
      version: this.config.version,
      onNotice: (message) => this.logToStderr(`stewards: ${message}`),
    })
    this.finish(await deliver(result, {...delivery, waivers}))
  }
}
